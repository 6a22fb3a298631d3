//! `mtlint lsp`: the language server on standard input and output (see `crate::lsp`).

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RuleSource, error};
use crate::lsp::{self, Ending};

/// Serves one editor session. The exit status follows the protocol: 0 after `shutdown`
/// and `exit`, 1 when the client exits (or closes the pipe) without `shutdown`.
pub(super) fn run(rules: &RuleSource) -> u8 {
    match lsp::run_stdio(rules.profiles(None)) {
        Ok(Ending::Clean) => EXIT_OK,
        Ok(Ending::Abrupt) => EXIT_FINDINGS,
        Err(e) => {
            error(&e);
            EXIT_ERROR
        }
    }
}
