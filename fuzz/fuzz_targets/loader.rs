//! Arbitrary bytes as a rule pack: the loader returns a pack or positioned errors,
//! never panics; a pack that loads builds a linter (its regexes compiled, within the
//! size limits) whose findings on sample copy keep every report invariant.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::LinterBuilder;
use mtlint::rules::loader::load_pack;

/// Copy for a fuzzed pack to run on: short, with the shapes rules look for.
const SAMPLE: &str = "\u{feff}PARIS (AFP) — A reflection group met in Koursk at 14 h 30, \
    said the OTAN.\r\n« Nous résisterons », a déclaré M. Dupont; 1 200 soldiers, 3,5 %.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match load_pack("fuzz.toml", source) {
        Ok(_) => {
            let mut b = LinterBuilder::new();
            b.add_source("fuzz.toml", source);
            if let Ok(linter) = b.build() {
                let diags = linter.lint(SAMPLE);
                mtlint_fuzz::check_report(SAMPLE, &diags);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result holds an error");
            for e in errors {
                // Positions are 1-based, or 0:0 for the file as a whole.
                assert_eq!(e.line == 0, e.column == 0, "{e}");
            }
        }
    }
});
