//! What the fuzz targets share: the built-in linter, built once per process, and the
//! invariants every report must keep. A broken invariant panics, which libFuzzer
//! records as a crash with the input that caused it.

use mtlint::fix::{FixLevel, apply};
use mtlint::input::{InputFormat, extract, lint_file};
use mtlint::output::{FileReport, json};
use mtlint::text::LineIndex;
use mtlint::{Diagnostic, Linter};
use std::sync::OnceLock;

/// The built-in rule set (about 40 ms to build: once, not per input).
pub fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::builtin().expect("built-in packs load"))
}

/// Fuzz bytes as text: invalid UTF-8 becomes U+FFFD, as `--lossy` reads a file.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The invariants of diagnostics reported on `file`:
/// - every span lies in the file, runs forward, and starts and ends on char
///   boundaries (so `text` is the file's bytes at the span);
/// - diagnostics come sorted by span start;
/// - lines and columns can be computed for both ends, and the JSON report renders;
/// - applying every first suggestion keeps bytes outside the spans: the text before the
///   first fixed span and after the last are unchanged.
pub fn check_report(file: &str, diags: &[Diagnostic]) {
    let mut prev = 0;
    for d in diags {
        let s = &d.span;
        assert!(
            s.start <= s.end,
            "{} span {s:?} runs backwards",
            d.rule.code
        );
        assert!(
            s.end <= file.len(),
            "{} span {s:?} past {}",
            d.rule.code,
            file.len()
        );
        assert!(
            file.is_char_boundary(s.start) && file.is_char_boundary(s.end),
            "{} span {s:?} splits a char",
            d.rule.code
        );
        assert!(s.start >= prev, "{} span {s:?} out of order", d.rule.code);
        prev = s.start;
    }
    let lines = LineIndex::new(file);
    for d in diags {
        let (a, b) = (
            lines.line_col(file, d.span.start),
            lines.line_col(file, d.span.end),
        );
        assert!(a.line >= 1 && a.column >= 1 && (a.line, a.column) <= (b.line, b.column));
    }
    let report = FileReport::new("fuzz", file, diags);
    let rendered = serde_json::to_string(&json::file_diagnostics(&report)).expect("renders");
    assert!(diags.is_empty() || rendered.contains("\"span\""));

    let (fixed, applied) = apply(file, diags, |d| FixLevel::Unsafe.allows(d));
    let edited: Vec<_> = diags
        .iter()
        .filter(|d| FixLevel::Unsafe.allows(d) && !d.suggestions.is_empty())
        .collect();
    if applied == 0 {
        assert_eq!(fixed, file, "no edit applied, yet the text changed");
    } else {
        let first = edited.iter().map(|d| d.span.start).min().unwrap_or(0);
        let last = edited
            .iter()
            .map(|d| d.span.end)
            .max()
            .unwrap_or(file.len());
        assert!(
            fixed.starts_with(&file[..first]),
            "text before the first fix changed"
        );
        assert!(
            fixed.ends_with(&file[last..]),
            "text after the last fix changed"
        );
    }
}

/// Extracts and lints `file` as `format`, checking the extraction's maps back to the
/// file and then the report.
pub fn check_format(format: InputFormat, file: &str) {
    let extraction = extract(format, file);
    for part in &extraction.parts {
        if let Err(e) = part.map.validate(&part.text, file) {
            panic!("{format:?}: invalid map: {e}");
        }
    }
    let linted = lint_file(linter(), format, file);
    check_report(file, &linted.diagnostics);
}
