//! Large plain-text files linted block by block, so that memory stays flat whatever the
//! size of an archive: the file is read a few blocks at a time, each block is linted as
//! a document of its own (the blocks of one read in parallel, on the run's threads), and
//! only the lines around findings are kept ([`Excerpt`]).
//!
//! Blocks end at a paragraph break where there is one (a blank line), else at a line
//! break, else — one line of megabytes — at a space. The document-wide checks
//! (consistency of a name's spelling, the inferred source language) therefore see one
//! block, 256 KiB of copy, at a time: on an archive that is many articles either way.
//! Where blocks end depends only on the text, never on the number of threads, so the
//! findings do not either.

use super::excerpt::Excerpt;
use super::read::{BINARY_PROBE, ReadError};
use crate::diagnostic::Diagnostic;
use crate::text::LineIndex;
use std::io::Read;

/// Plain-text files larger than this are linted block by block. An article is a few
/// kilobytes: a file of megabytes is an archive of many, where one document-wide check
/// across all of it means little and memory would grow with its size.
pub const STREAM_FROM: u64 = 4 << 20;

/// The size a block grows to before it is cut: a few dozen articles; measured on 100 MB
/// of copy, 256 KiB blocks keep peak memory under 100 MB at the same speed as 1 MiB.
const BLOCK: usize = 256 << 10;

/// At most this many blocks are linted at once, whatever the number of threads: each
/// takes about 13 MB while it is linted (peak 36 MB with one thread on 100 MB of copy,
/// 50 MB with two), and the peak stays under 100 MB.
const MAX_AT_ONCE: usize = 4;

/// Lines longer than this are kept in part: a window of [`WINDOW`] bytes on each side of
/// the finding.
const LONG_LINE: usize = 64 << 10;
const WINDOW: usize = 2 << 10;

/// A streamed file's findings, with spans into `text`, the kept lines.
#[derive(Debug, Default)]
pub struct Streamed {
    /// The kept lines, separated by `\n`.
    pub text: String,
    /// Where they came from.
    pub excerpt: Excerpt,
    /// Findings, sorted, with spans into `text`.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a block starts in the file.
#[derive(Debug, Clone, Copy, Default)]
struct Position {
    /// Byte offset.
    offset: usize,
    /// 0-based line.
    line: usize,
    /// Characters of that line before the block (a block cut inside a long line).
    column: usize,
}

/// Reads `reader` block by block and lints each block with `lint`. `path` names the
/// input in errors: a NUL byte in the first [`BINARY_PROBE`] bytes makes it binary, and
/// invalid UTF-8 is an error at its byte offset in the file.
///
/// Blocks are linted on the worker pool the call runs in, as many at once as it has
/// threads (up to [`MAX_AT_ONCE`]): a file of a hundred megabytes is one input, which
/// would otherwise keep one core busy and leave the others idle. On 100 MB of clean
/// copy, two threads took 0.91 s against 1.68 s for one (`benches/throughput.sh`).
pub fn lint_streamed(
    path: &str,
    reader: impl Read,
    lint: impl Fn(&str) -> Vec<Diagnostic> + Sync,
) -> Result<Streamed, ReadError> {
    let at_once = rayon::current_num_threads().min(MAX_AT_ONCE);
    stream(path, reader, lint, BLOCK, at_once)
}

/// [`lint_streamed`] with blocks of `size` bytes, up to `batch` of them read before
/// they are linted together.
fn stream(
    path: &str,
    mut reader: impl Read,
    lint: impl Fn(&str) -> Vec<Diagnostic> + Sync,
    size: usize,
    batch: usize,
) -> Result<Streamed, ReadError> {
    use rayon::prelude::*;
    let io = |error| ReadError::Io {
        path: path.to_string(),
        error,
        dangling: false,
    };
    let batch = batch.max(1);
    let mut out = Streamed::default();
    let mut buf: Vec<u8> = Vec::with_capacity(size * batch);
    let mut pos = Position::default();
    let mut eof = false;
    while !eof || !buf.is_empty() {
        while !eof && buf.len() < size * batch {
            let before = buf.len();
            (&mut reader)
                .take((size * batch - before) as u64)
                .read_to_end(&mut buf)
                .map_err(io)?;
            eof = buf.len() == before;
        }
        // The blocks are cut one after another, each from the `size` bytes that follow
        // the last, as if they were read one at a time: where blocks end does not
        // depend on how many are read at once.
        let mut blocks: Vec<(&str, Position)> = Vec::with_capacity(batch);
        let mut start = 0;
        while blocks.len() < batch && start < buf.len() {
            let window = &buf[start..buf.len().min(start + size)];
            // Short only at the end of the input (the buffer holds `batch` windows).
            let last = window.len() < size;
            if pos.offset == 0 {
                let probe = &window[..window.len().min(BINARY_PROBE)];
                if let Some(offset) = probe.iter().position(|&b| b == 0) {
                    return Err(ReadError::Binary {
                        path: path.to_string(),
                        offset,
                        utf16: false,
                    });
                }
            }
            let cut = if last {
                window.len()
            } else {
                cut_point(window)
            };
            let block = match std::str::from_utf8(&window[..cut]) {
                Ok(b) => b,
                Err(e) => {
                    // A character cut at the end of a block is completed by the next one.
                    if e.error_len().is_some() || last || e.valid_up_to() == 0 {
                        return Err(ReadError::InvalidUtf8 {
                            path: path.to_string(),
                            offset: pos.offset + e.valid_up_to(),
                        });
                    }
                    std::str::from_utf8(&window[..e.valid_up_to()]).expect("valid up to there")
                }
            };
            blocks.push((block, pos));
            pos = advance(pos, block);
            start += block.len();
        }
        let found: Vec<Vec<Diagnostic>> = match blocks.len() {
            1 => vec![lint(blocks[0].0)],
            // One block per task, taken by whichever thread is free.
            _ => blocks
                .par_iter()
                .with_max_len(1)
                .map(|(block, _)| lint(block))
                .collect(),
        };
        for ((block, pos), found) in blocks.into_iter().zip(found) {
            keep(block, pos, found, &mut out);
        }
        buf.drain(..start);
    }
    Ok(out)
}

/// Where to end a block of `buf` (not the last): after the last blank line in its
/// second half, else after its last line break, else within the line (see below).
fn cut_point(buf: &[u8]) -> usize {
    let half = buf.len() / 2;
    if let Some(i) = buf[half..].windows(2).rposition(|w| w == b"\n\n") {
        return half + i + 2;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b'\n') {
        return i + 1;
    }
    // One line of megabytes: after a sentence if one ends in the second half, so that
    // no phrase is cut in two; else after a space.
    if let Some(i) = buf[half..].windows(2).rposition(|w| w == b". ") {
        return half + i + 2;
    }
    if let Some(i) = buf.iter().rposition(|&b| b == b' ' || b == b'\t') {
        return i + 1;
    }
    // No space either: before the last character (which may be incomplete), and not
    // between '\r' and '\n'.
    let starts_char = |i: usize| (buf[i] as i8) >= -0x40;
    let mut cut = buf.len() - 1;
    while cut > 1 && (!starts_char(cut) || buf[cut - 1] == b'\r') {
        cut -= 1;
    }
    cut.max(1)
}

/// The position after `block`: line breaks counted as [`LineIndex`] counts them (`\n`,
/// `\r\n`, a lone `\r`; a block never ends between `\r` and `\n`).
fn advance(pos: Position, block: &str) -> Position {
    let b = block.as_bytes();
    let mut breaks = 0;
    let mut last_start = 0;
    // memchr2 rather than a byte loop: this runs over every byte of a streamed file.
    for i in memchr::memchr2_iter(b'\n', b'\r', b) {
        if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
            breaks += 1;
            last_start = i + 1;
        }
    }
    let tail = &block[last_start..];
    Position {
        offset: pos.offset + block.len(),
        line: pos.line + breaks,
        column: if breaks == 0 {
            pos.column + visible_chars(tail, pos.offset == 0)
        } else {
            tail.chars().count()
        },
    }
}

/// Characters of `s` as columns count them: a byte order mark at the start of the file
/// is not one.
fn visible_chars(s: &str, file_start: bool) -> usize {
    let n = s.chars().count();
    if file_start && s.starts_with('\u{feff}') {
        n - 1
    } else {
        n
    }
}

/// Keeps the findings of one block with the lines around them.
fn keep(block: &str, pos: Position, mut found: Vec<Diagnostic>, out: &mut Streamed) {
    if found.is_empty() {
        return;
    }
    found.sort_by_key(|d| (d.span.start, d.span.end));
    let lines = LineIndex::new(block);
    for mut d in found {
        let first = lines.line_of(d.span.start);
        let last = lines.line_of(d.span.end.saturating_sub(1).max(d.span.start));
        let mut start = lines.line_range(block, first).start;
        let mut end = lines.line_range(block, last).end.max(d.span.end);
        // A line that runs on from the previous block or into the next is long too.
        let partial = (first == 0 && pos.column > 0)
            || (last + 1 == lines.line_count() && !block.ends_with(['\n', '\r']));
        if partial || end - start > LONG_LINE {
            start = start.max(block.floor_char_boundary(d.span.start.saturating_sub(WINDOW)));
            end = end.min(block.ceil_char_boundary(d.span.end + WINDOW));
        }
        let (file_start, file_end) = (pos.offset + start, pos.offset + end);
        // Findings come in order: one on a line already kept, or on lines that run on
        // from the last kept stretch, extends that stretch.
        let at = match out.excerpt.last_end(&out.text) {
            Some(kept_end) if file_start <= kept_end && kept_end >= pos.offset => {
                // The kept text ends where the last stretch does.
                let at = out.text.len() - (kept_end - file_start);
                if file_end > kept_end {
                    out.text.push_str(&block[kept_end - pos.offset..end]);
                }
                at
            }
            _ => {
                // Characters of the file's line before the stretch: on the block's first
                // line, those of earlier blocks too.
                let column = if first == 0 {
                    pos.column + visible_chars(&block[..start], pos.offset == 0)
                } else {
                    block[lines.line_range(block, first).start..start]
                        .chars()
                        .count()
                };
                out.excerpt.push(
                    &mut out.text,
                    &block[start..end],
                    file_start,
                    pos.line + first,
                    column,
                )
            }
        };
        let shift = |o: usize| at + (o - start);
        d.span = shift(d.span.start)..shift(d.span.end);
        out.diagnostics.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::FileReport;

    fn linter() -> &'static crate::engine::Linter {
        static L: std::sync::OnceLock<crate::engine::Linter> = std::sync::OnceLock::new();
        L.get_or_init(|| crate::engine::Linter::builtin().unwrap())
    }

    /// The file's findings linted whole, and streamed in blocks of `size` bytes.
    fn both(text: &str, size: usize) -> (Vec<Diagnostic>, Streamed) {
        let whole = linter().lint(text);
        let streamed = stream("t", text.as_bytes(), |b| linter().lint(b), size, 1).unwrap();
        // Linted several blocks at once, the same findings at the same places.
        let batched = stream("t", text.as_bytes(), |b| linter().lint(b), size, 3).unwrap();
        assert_eq!(batched.text, streamed.text);
        assert_eq!(batched.excerpt, streamed.excerpt);
        let spans = |s: &Streamed| -> Vec<_> {
            s.diagnostics
                .iter()
                .map(|d| (d.rule.code.clone(), d.span.clone(), d.suggestions.clone()))
                .collect()
        };
        assert_eq!(spans(&batched), spans(&streamed));
        (whole, streamed)
    }

    /// Asserts that both runs report the same findings at the same file positions.
    fn same_report(text: &str, whole: &[Diagnostic], streamed: &Streamed) {
        assert_eq!(whole.len(), streamed.diagnostics.len());
        let full = FileReport::new("t", text, whole);
        let kept = FileReport {
            excerpt: Some(&streamed.excerpt),
            ..FileReport::new("t", &streamed.text, &streamed.diagnostics)
        };
        let (fp, kp) = (full.positions(), kept.positions());
        for (w, s) in whole.iter().zip(&streamed.diagnostics) {
            assert_eq!(w.rule.code, s.rule.code);
            assert_eq!(full.file_span(&w.span), kept.file_span(&s.span));
            assert_eq!(w.text(text), s.text(&streamed.text));
            assert_eq!(fp.line_col(w.span.start), kp.line_col(s.span.start));
            assert_eq!(fp.line_col(w.span.end), kp.line_col(s.span.end));
            assert_eq!(w.suggestions, s.suggestions);
        }
    }

    #[test]
    fn a_streamed_file_reports_what_a_whole_one_does() {
        let para = "Talks in the Koursk region resumed at 14 h 30 with the OTAN. \
                    Kim Jong-un said nothing.\n\nMarkets were calm in Paris.\r\n\r\n\
                    A line with é, “quotes” and the reflection group.\rNext.\n";
        let text = format!("\u{feff}{}", para.repeat(300));
        let (whole, streamed) = both(&text, 4096);
        assert!(whole.len() > 900);
        same_report(&text, &whole, &streamed);
        assert!(streamed.text.len() < text.len());
    }

    #[test]
    fn binary_and_invalid_input_are_errors_at_their_offset() {
        let lint = |b: &str| linter().lint(b);
        let err = stream("t", &b"abc\0def"[..], lint, 4096, 2).unwrap_err();
        assert!(matches!(err, ReadError::Binary { offset: 3, .. }));
        let mut bytes = "x y\n".repeat(10_000).into_bytes();
        bytes[20_007] = 0xff;
        match stream("t", &bytes[..], lint, 4096, 2).unwrap_err() {
            ReadError::InvalidUtf8 { offset, .. } => assert_eq!(offset, 20_007),
            e => panic!("{e}"),
        }
        // A character split between two reads is not an error.
        let text = "é".repeat(10_000);
        let (whole, streamed) = both(&text, 4097);
        same_report(&text, &whole, &streamed);
    }

    #[test]
    fn a_long_line_keeps_a_window_with_the_right_column() {
        let mut text = "word é ".repeat(30_000);
        text.push_str("end. Then the OTAN summit opened. ");
        text.push_str(&"more ".repeat(100));
        let (whole, streamed) = both(&text, 16 << 10);
        assert_eq!(whole.len(), 1);
        same_report(&text, &whole, &streamed);
        assert!(
            streamed.text.len() <= 2 * WINDOW + 16,
            "{}",
            streamed.text.len()
        );
        let kept = FileReport {
            excerpt: Some(&streamed.excerpt),
            ..FileReport::new("t", &streamed.text, &streamed.diagnostics)
        };
        assert!(!kept.positions().starts_line(0));
    }

    #[test]
    fn cut_points_fall_on_breaks_and_boundaries() {
        assert_eq!(cut_point(b"abcdef\n\ngh"), 8);
        assert_eq!(cut_point(b"ab\ncd ef"), 3);
        assert_eq!(cut_point(b"abc def"), 4);
        assert_eq!(cut_point(b"abc def. ghi"), 9);
        assert_eq!(cut_point("a\ré".as_bytes()), 1);
        assert_eq!(cut_point("abé".as_bytes()), 2);
    }

    #[test]
    fn blocks_advance_lines_as_the_line_index_counts_them() {
        let text = "a\nb\r\nc\rd\r\re\n\nfé\r";
        let from = Position::default();
        for end in 0..=text.len() {
            if !text.is_char_boundary(end) {
                continue;
            }
            let part = &text[..end];
            // Cut between "\r" and "\n" only where a block never ends.
            if part.ends_with('\r') && text[end..].starts_with('\n') {
                continue;
            }
            let lines = crate::text::LineIndex::new(part);
            let last = lines.line_count() - 1;
            let pos = advance(from, part);
            assert_eq!((pos.offset, pos.line), (end, last), "{part:?}");
            let start = lines.line_range(part, last).start;
            assert_eq!(pos.column, part[start..].chars().count(), "{part:?}");
        }
        // A block that starts inside a line keeps counting its columns.
        let mid = advance(advance(from, "ab"), "cé");
        assert_eq!((mid.line, mid.column), (0, 4));
    }
}
