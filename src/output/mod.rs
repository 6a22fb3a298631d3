//! Output formats, one file each. A format receives every linted file with its
//! diagnostics, in path order.

pub mod human;
pub mod json;

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
