//! `mtlint eval`.

use super::{EXIT_ERROR, EXIT_OK, RuleSource, error, is_broken_pipe};
use crate::eval::{HELDOUT_DIR, evaluate};
use std::io::Write;
use std::path::PathBuf;

pub(super) fn run(paths: &[PathBuf], quiet: bool, source: &RuleSource) -> u8 {
    let linter = match source.linter() {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let default = [PathBuf::from("corpus")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    // A corpus directory with a held-out set gets two reports: development, then held-out.
    let heldout: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.join(HELDOUT_DIR))
        .filter(|p| p.is_dir())
        .collect();
    let mut runs = vec![("", paths.to_vec())];
    if !heldout.is_empty() {
        runs[0].0 = "Development set (the rules were written with these articles in view)\n\n";
        runs.push((
            "\nHeld-out set (written without sight of the rules)\n\n",
            heldout,
        ));
    }
    let mut out = std::io::stdout().lock();
    for (title, set) in runs {
        let ev = match evaluate(&linter, &set) {
            Ok(ev) => ev,
            Err(e) => {
                error(&e);
                return EXIT_ERROR;
            }
        };
        let mut report = format!("{title}{}", ev.summary());
        if !quiet {
            let d = ev.details();
            if !d.is_empty() {
                report.push_str(&format!("\n{d}\n"));
            }
        }
        // `print!` would panic on a closed pipe (`mtlint eval | head`): the reader
        // having had enough is not an error.
        match out.write_all(report.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => {}
            Err(e) if is_broken_pipe(&e) => return EXIT_OK,
            Err(e) => {
                error(&format!("cannot write output: {e}"));
                return EXIT_ERROR;
            }
        }
    }
    EXIT_OK
}
