//! Byte offsets → 1-based line and column.
//!
//! Spans are byte ranges into the input exactly as read; lines and columns are only
//! computed when a diagnostic is printed, so the index is built lazily by the caller.

/// Line starts of a text, recognizing `\n`, `\r\n` and a lone `\r` as line breaks (as
/// the Language Server Protocol and most editors count lines; a lone `\r` is how classic
/// Mac OS files and some wire feeds end lines).
///
/// Columns are counted without walking a whole line per query: on the first column asked
/// on a long line, the index counts the characters before every [`CHECKPOINT`]-th byte,
/// so that a column on a 20 MB line costs at most one checkpoint stretch of counting, and
/// reporting thousands of findings on one line stays linear. Texts without long lines
/// (rule packs, articles) never pay for that count.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters in `text[..i * CHECKPOINT]`, for every `i`; made at first use.
    chars_before: std::sync::OnceLock<Vec<usize>>,
    /// The text starts with a byte order mark, which is not a column: an editor does
    /// not show it, so a finding at the start of the first line is in column 1.
    bom: bool,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 1024;

/// A 1-based line and column; the column counts Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Characters starting in `bytes` (every byte that is not a UTF-8 continuation byte).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // "\r\n" is one break, counted at its "\n".
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            chars_before: std::sync::OnceLock::new(),
            bom: text.starts_with('\u{feff}'),
        }
    }

    /// The index of `text` from its line starts, found beforehand (by `build.rs` for
    /// the built-in packs) as [`LineIndex::new`] finds them.
    pub fn from_starts(text: &str, starts: Vec<usize>) -> Self {
        LineIndex {
            starts,
            chars_before: std::sync::OnceLock::new(),
            bom: text.starts_with('\u{feff}'),
        }
    }

    /// The number of lines: one more than the number of line breaks (a text ending in a
    /// line break has an empty last line, as editors count them).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that contains byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Characters in `text[..offset]`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        let chars_before = self.chars_before.get_or_init(|| {
            let mut counts = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            let mut n = 0;
            counts.push(0);
            for block in bytes.chunks_exact(CHECKPOINT) {
                n += count_chars(block);
                counts.push(n);
            }
            counts
        });
        let block = offset / CHECKPOINT;
        chars_before[block] + count_chars(&bytes[block * CHECKPOINT..offset])
    }

    /// Line and column of byte `offset` (which must lie on a char boundary of `text`).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let mut column = if offset - start < CHECKPOINT {
            text[start..offset].chars().count() + 1
        } else {
            self.chars_to(text, offset) - self.chars_to(text, start) + 1
        };
        if line == 0 && self.bom && offset > 0 {
            column -= 1;
        }
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte range of 0-based line `line`, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_across_line_endings() {
        let text = "ab\r\ncé\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        // "é" is two bytes but one column.
        assert_eq!(idx.line_col(text, 7), LineCol { line: 2, column: 3 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(text, 10), LineCol { line: 4, column: 1 });
        assert_eq!(&text[idx.line_range(text, 1)], "cé");
    }

    #[test]
    fn a_bom_counts_in_bytes_but_not_in_columns() {
        let text = "\u{feff}Koursk\nOTAN";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 9), LineCol { line: 1, column: 7 });
        assert_eq!(idx.line_col(text, 10), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn columns_on_a_long_line_match_counting_from_its_start() {
        // Multi-byte characters straddle checkpoints; lines start mid-block.
        let text = format!("x\n{}\r{}", "é😀a".repeat(900), "Kö".repeat(2000));
        let idx = LineIndex::new(&text);
        for (at, _) in text.char_indices().step_by(7).chain([(text.len(), ' ')]) {
            let line = idx.line_of(at);
            let start = idx.starts[line];
            let expected = text[start..at].chars().count() + 1;
            assert_eq!(idx.line_col(&text, at).column, expected, "at {at}");
        }
    }
}
