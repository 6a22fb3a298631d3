//! Output formats, one file each. A format receives every linted file with its
//! diagnostics, in path order.

pub mod concise;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::Diagnostic;
use crate::input::OffsetMap;
use crate::input::excerpt::Excerpt;
use crate::text::{LineCol, LineIndex};
use std::ops::Range;

/// One linted file.
#[derive(Debug)]
pub struct FileReport<'a> {
    /// Path as shown to the user (`-` for standard input).
    pub path: &'a str,
    /// The text exactly as read (or as decoded by `--lossy`).
    pub text: &'a str,
    /// Its diagnostics, sorted by span; spans are offsets into `text`.
    pub diagnostics: &'a [Diagnostic],
    /// When `text` is a lossy decoding of a file that was not valid UTF-8, the map from
    /// its offsets to the file's bytes: the byte offsets a format reports ([`Self::file_span`])
    /// go through it, so that they stay offsets into the file as read. `None`: `text` is
    /// the file.
    pub offsets: Option<&'a OffsetMap>,
    /// When the file was linted block by block, `text` holds only the lines around its
    /// findings, and this maps them back to the file (offsets, lines, columns).
    pub excerpt: Option<&'a Excerpt>,
}

impl<'a> FileReport<'a> {
    /// A report on a file read as valid UTF-8 (text offsets are file offsets).
    pub fn new(path: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Self {
        FileReport {
            path,
            text,
            diagnostics,
            offsets: None,
            excerpt: None,
        }
    }

    /// A span of `text` as byte offsets into the file as read.
    pub fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        match (self.offsets, self.excerpt) {
            (Some(map), _) => map.span_to_file(span.clone()),
            (None, Some(ex)) => ex.to_file(span.start)..ex.to_file(span.end),
            (None, None) => span.clone(),
        }
    }
}

impl<'a> FileReport<'a> {
    /// Lines and columns of `text`'s offsets, as they are in the file.
    pub fn positions(&self) -> Positions<'a> {
        Positions {
            text: self.text,
            lines: LineIndex::new(self.text),
            excerpt: self.excerpt,
        }
    }

    /// True for standard input, which has no path a CI service could point at.
    pub fn is_stdin(&self) -> bool {
        self.path == "-"
    }

    /// The path for CI services, which resolve it against the repository root: as given,
    /// less any leading `./` (`mtlint check ./docs` names `./docs/a.txt`, which GitLab
    /// and GitHub would not match to `docs/a.txt`).
    pub fn ci_path(&self) -> &str {
        let mut p = self.path;
        while let Some(rest) = p.strip_prefix("./") {
            p = rest.trim_start_matches('/');
        }
        p
    }
}

/// Lines and columns of a report's text (see [`FileReport::positions`]). Lines are
/// addressed by their 0-based index in the report's text ([`Positions::line_of`]);
/// [`Positions::line_number`] gives the file's line number.
#[derive(Debug)]
pub struct Positions<'a> {
    text: &'a str,
    lines: LineIndex,
    excerpt: Option<&'a Excerpt>,
}

impl Positions<'_> {
    /// The file's 1-based line and column of text offset `at`.
    pub fn line_col(&self, at: usize) -> LineCol {
        let lc = self.lines.line_col(self.text, at);
        match self.excerpt {
            Some(ex) => ex.line_col(&self.lines, at, lc),
            None => lc,
        }
    }

    /// The 0-based index of the text's line holding `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.lines.line_of(at)
    }

    /// Byte range of the text's line `line` (an index from [`Positions::line_of`]).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        self.lines.line_range(self.text, line)
    }

    /// The file's 1-based line number of the text's line `line`.
    pub fn line_number(&self, line: usize) -> usize {
        match self.excerpt {
            Some(ex) => ex.line_number(&self.lines, self.text, line),
            None => line + 1,
        }
    }

    /// Whether the text's line `line` starts where the file's line does (a window of a
    /// very long line kept from a streamed file does not).
    pub fn starts_line(&self, line: usize) -> bool {
        self.excerpt
            .is_none_or(|ex| ex.starts_line(&self.lines, self.text, line))
    }
}
