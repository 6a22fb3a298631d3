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

/// One linted file.
#[derive(Debug)]
pub struct FileReport<'a> {
    /// Path as shown to the user (`-` for standard input).
    pub path: &'a str,
    /// The text exactly as read.
    pub text: &'a str,
    /// Its diagnostics, sorted by span.
    pub diagnostics: &'a [Diagnostic],
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
