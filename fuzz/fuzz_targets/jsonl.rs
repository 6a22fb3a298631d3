//! Arbitrary bytes as a JSON Lines file: its prose extracted (every map back to the file
//! valid) and linted through `input::lint_file`, spans in the file on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    mtlint_fuzz::check_format(InputFormat::Jsonl, &mtlint_fuzz::text(data));
});
