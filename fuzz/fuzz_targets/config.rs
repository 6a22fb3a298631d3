//! Arbitrary bytes as `mtlint.toml`: parsed and validated (an error carries a position
//! in the file, never a panic); a configuration that parses is checked against the
//! built-in rules, and its policy applied to findings on sample copy.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::config::{Policy, parse};
use std::path::Path;

const SAMPLE: &str = "A reflection group met in Koursk at 14 h 30, said the OTAN.\n\
    President Zelensky spoke; 1 200 soldiers left Kiev.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let dir = Path::new("/newsroom");
    let loaded = match parse(&dir.join("mtlint.toml"), source.to_string()) {
        Ok(l) => l,
        Err(e) => {
            assert_eq!(e.line == 0, e.column == 0, "{e}");
            return;
        }
    };
    let linter = mtlint_fuzz::linter();
    let Ok(policy) = Policy::new(&loaded, linter.rules()) else {
        return;
    };
    let file = dir.join("world/europe.txt");
    for path in [None, Some(file.as_path())] {
        let diags = policy.apply(path, SAMPLE, linter.lint(SAMPLE));
        mtlint_fuzz::check_report(SAMPLE, &diags);
    }
});
