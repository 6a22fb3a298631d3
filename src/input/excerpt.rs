//! What a report keeps of a file linted block by block ([`super::stream`]): the lines
//! around each finding, not the whole file. An [`Excerpt`] maps offsets in that kept
//! text back to the file — byte offsets, line numbers and columns — so that every
//! output format reports a streamed file exactly as it reports a file read whole.

use crate::text::{LineCol, LineIndex};

/// Where each kept stretch of text came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Excerpt {
    pieces: Vec<Piece>,
}

/// One kept stretch: whole lines, or a window of a very long line. Stretches are
/// separated by one `\n` in the kept text, so no two share a line of it; the last one
/// runs to the end of the kept text (appending to the text extends it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Offset in the kept text.
    at: usize,
    /// Offset in the file.
    file: usize,
    /// 0-based file line of its first line.
    line: usize,
    /// Characters before it on that line (0 when it starts at the line's start).
    column: usize,
}

impl Excerpt {
    /// Appends `stretch` (the file's text from byte `file` on, starting on 0-based line
    /// `line` after `column` characters of it) to `text`, and returns the offset in
    /// `text` where it begins.
    pub fn push(
        &mut self,
        text: &mut String,
        stretch: &str,
        file: usize,
        line: usize,
        column: usize,
    ) -> usize {
        if !text.is_empty() {
            text.push('\n');
        }
        let at = text.len();
        text.push_str(stretch);
        self.pieces.push(Piece {
            at,
            file,
            line,
            column,
        });
        at
    }

    /// File offset where the last stretch ends, given the kept text.
    pub fn last_end(&self, text: &str) -> Option<usize> {
        self.pieces.last().map(|p| p.file + (text.len() - p.at))
    }

    fn piece(&self, at: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.at <= at);
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// The file offset of kept-text offset `at`.
    pub fn to_file(&self, at: usize) -> usize {
        self.piece(at).map_or(at, |p| p.file + (at - p.at))
    }

    /// The file's line and column of kept-text offset `at`, from `lc`, its line and
    /// column in the kept text (`lines` indexes the kept text).
    pub fn line_col(&self, lines: &LineIndex, at: usize, lc: LineCol) -> LineCol {
        let Some(p) = self.piece(at) else { return lc };
        let first = lines.line_of(p.at);
        let inner = lc.line - 1;
        LineCol {
            line: p.line + (inner - first) + 1,
            column: lc.column + if inner == first { p.column } else { 0 },
        }
    }

    /// The 1-based file line of 0-based kept-text line `inner`.
    pub fn line_number(&self, lines: &LineIndex, text: &str, inner: usize) -> usize {
        let at = lines.line_range(text, inner).start;
        let Some(p) = self.piece(at) else {
            return inner + 1;
        };
        p.line + (inner - lines.line_of(p.at)) + 1
    }

    /// Whether 0-based kept-text line `inner` starts where its file line starts (a
    /// window of a long line does not).
    pub fn starts_line(&self, lines: &LineIndex, text: &str, inner: usize) -> bool {
        let at = lines.line_range(text, inner).start;
        self.piece(at)
            .is_none_or(|p| p.column == 0 || lines.line_of(p.at) != inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_lines_and_columns_map_back_to_the_file() {
        let file = "one\ntwo Koursk\nthree\nfour OTAN é Koursk\n";
        let mut text = String::new();
        let mut ex = Excerpt::default();
        let l1 = file.find("two").unwrap();
        ex.push(&mut text, "two Koursk", l1, 1, 0);
        // A window of line 3 from "é" on: 10 characters precede it.
        let w = file.find("é").unwrap();
        ex.push(&mut text, &file[w..file.len() - 1], w, 3, 10);
        let lines = LineIndex::new(&text);
        for needle in ["Koursk", "é Koursk"] {
            let at = text.rfind(needle).unwrap();
            let in_file = file.rfind(needle).unwrap();
            assert_eq!(ex.to_file(at), in_file);
            let lc = ex.line_col(&lines, at, lines.line_col(&text, at));
            let whole = LineIndex::new(file);
            assert_eq!(lc, whole.line_col(file, in_file), "{needle}");
        }
        assert_eq!(ex.line_number(&lines, &text, 0), 2);
        assert_eq!(ex.line_number(&lines, &text, 1), 4);
        assert!(ex.starts_line(&lines, &text, 0));
        assert!(!ex.starts_line(&lines, &text, 1));
        assert_eq!(ex.last_end(&text), Some(file.len() - 1));
    }
}
