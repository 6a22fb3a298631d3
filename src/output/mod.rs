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
}

impl<'a> FileReport<'a> {
    /// A report on a file read as valid UTF-8 (text offsets are file offsets).
    pub fn new(path: &'a str, text: &'a str, diagnostics: &'a [Diagnostic]) -> Self {
        FileReport {
            path,
            text,
            diagnostics,
            offsets: None,
        }
    }

    /// A span of `text` as byte offsets into the file as read.
    pub fn file_span(&self, span: &Range<usize>) -> Range<usize> {
        match self.offsets {
            Some(map) => map.span_to_file(span.clone()),
            None => span.clone(),
        }
    }
}

impl FileReport<'_> {
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
