//! Arbitrary bytes, decoded as `--lossy` reads a file, linted by the built-in rules: no
//! panic, every report invariant holds (see `mtlint_fuzz::check_report`), and each span
//! maps back to the bytes as read: the lossy decoding of the file's bytes at the mapped
//! span is the text at the span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtlint::input::decode::decode_lossy;

fuzz_target!(|data: &[u8]| {
    let (text, offsets) = decode_lossy(data);
    let diags = mtlint_fuzz::linter().lint(&text);
    mtlint_fuzz::check_report(&text, &diags);
    for d in &diags {
        let bytes = offsets.span_to_file(d.span.clone());
        assert!(
            bytes.start <= bytes.end && bytes.end <= data.len(),
            "{bytes:?}"
        );
        assert_eq!(
            String::from_utf8_lossy(&data[bytes.clone()]),
            &text[d.span.clone()],
            "span {:?} → file {bytes:?}",
            d.span
        );
    }
});
