//! `mtlint eval`.

use super::{EXIT_ERROR, EXIT_OK, RuleSource, error};
use crate::eval::evaluate;
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
    match evaluate(&linter, paths) {
        Ok(ev) => {
            print!("{}", ev.summary());
            if !quiet {
                let d = ev.details();
                if !d.is_empty() {
                    println!("\n{d}");
                }
            }
            EXIT_OK
        }
        Err(e) => {
            error(&e);
            EXIT_ERROR
        }
    }
}
