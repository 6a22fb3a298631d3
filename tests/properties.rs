//! Properties of linting and fixing over generated copy: real corpus sentences cut and
//! mixed with machine-translation artifacts ("Koursk", "OTAN", "14 h 30", "1 200",
//! « quotes »), accents, every line ending, emoji, combining marks and NUL.
//!
//! - every span lies in the text, on character boundaries;
//! - the JSON report's `text` is exactly the bytes at `span`, and its lines and columns
//!   agree with a plain count over the text;
//! - applying fixes leaves every byte outside the fixed spans as it was;
//! - fixing converges: `fix_until_stable` ends before its pass limit, and linting its
//!   result leaves no safe fix to apply.
//!
//! (tests/input_formats.rs checks spans through Markdown, HTML and XML extraction;
//! tests/fix.rs fixes the corpus articles whole.)

mod common;

use mtlint::fix::{FixLevel, MAX_PASSES, apply, fix_until_stable};
use mtlint::output::{FileReport, json};
use mtlint::{Diagnostic, Linter};
use proptest::prelude::*;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::builtin().expect("built-in rules load"))
}

/// Sentences of the corpus articles (machine-translated and clean), in a fixed order.
fn sentences() -> &'static [String] {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut files = Vec::new();
        let mut dirs = vec![common::root().join("corpus")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).expect("corpus is readable").flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "txt") {
                    files.push(p);
                }
            }
        }
        files.sort();
        let mut out = Vec::new();
        for f in files {
            let text = std::fs::read_to_string(f).expect("corpus is UTF-8");
            out.extend(
                text.split_inclusive(". ")
                    .flat_map(|s| s.split('\n'))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
        }
        assert!(out.len() > 500, "{} sentences", out.len());
        out
    })
}

const ARTIFACTS: &[&str] = &[
    "Koursk",
    "OTAN",
    "14 h 30",
    "22h15",
    "1 200",
    "3,5 %",
    "« ",
    " »",
    "« Nous résisterons »",
    "reflection group",
    "Kim Jong-uni",
    "Zelensky",
    "Zelenskyy",
    "the 12 mars",
    "M. Macron",
    "(AFP)",
    "Kiev",
    "Poutine",
    "Houliaïpole",
    "Mrd. Euro",
    "p.m.",
    "U.S.",
];

const ODDITIES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\u{a0}",
    "\u{202f}",
    "é",
    "e\u{301}",
    "\u{301}",
    "😀",
    "👩\u{200d}🚒",
    "\u{200b}",
    "\0",
    "’",
    "\"",
    "—",
    "-",
    ".",
    ",",
    "ß",
    "İ",
    "ﬁ",
    "Москва",
    "שלום",
];

/// One piece of generated copy: a corpus sentence (whole, or cut at a char boundary),
/// an artifact, or an oddity.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<bool>()).prop_map(
            |(i, cut, whole)| {
                let s = i.get(sentences());
                if whole {
                    return s.clone();
                }
                let at = s.floor_char_boundary(cut.index(s.len() + 1));
                s[at..].to_string()
            }
        ),
        3 => prop::sample::select(ARTIFACTS).prop_map(str::to_string),
        4 => prop::sample::select(ODDITIES).prop_map(str::to_string),
    ]
}

fn copy() -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(piece(), 0..24)).prop_map(|(bom, v)| {
        let body = v.concat();
        if bom { format!("\u{feff}{body}") } else { body }
    })
}

/// Line and column of `offset` counted plainly: lines end at `\n`, `\r\n` or a lone
/// `\r`; columns count chars, a leading BOM not among them.
fn plain_line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut col = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    if line == 1 && text.starts_with('\u{feff}') && offset > 0 {
        col -= 1;
    }
    (line, col)
}

fn safe_fixes(text: &str, diags: &[Diagnostic]) -> usize {
    apply(text, diags, |d| FixLevel::Safe.allows(d)).1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spans_text_and_positions_hold(text in copy()) {
        let diags = linter().lint(&text);
        for d in &diags {
            prop_assert!(d.span.start < d.span.end && d.span.end <= text.len(), "{:?}", d.span);
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
        let report = FileReport::new("-", &text, &diags);
        let out = serde_json::to_value(json::file_diagnostics(&report)).unwrap();
        for (j, d) in out.as_array().unwrap().iter().zip(&diags) {
            let (start, end) = (
                j["span"]["start"].as_u64().unwrap() as usize,
                j["span"]["end"].as_u64().unwrap() as usize,
            );
            prop_assert_eq!(start..end, d.span.clone());
            prop_assert_eq!(j["text"].as_str().unwrap(), &text[start..end]);
            for (key, at) in [("start", start), ("end", end)] {
                let (line, col) = plain_line_col(&text, at);
                prop_assert_eq!(j[key]["line"].as_u64().unwrap() as usize, line, "{} of {:?}", key, &text[start..end]);
                prop_assert_eq!(j[key]["column"].as_u64().unwrap() as usize, col, "{} of {:?}", key, &text[start..end]);
            }
        }
    }

    #[test]
    fn fixes_touch_only_their_spans_and_converge(text in copy()) {
        let lint = |t: &str| linter().lint(t);
        // One pass: bytes outside the fixed spans are kept, in order.
        let diags = lint(&text);
        let (once, _) = apply(&text, &diags, |d| FixLevel::Safe.allows(d));
        let spans: Vec<_> = diags
            .iter()
            .filter(|d| FixLevel::Safe.allows(d) && !d.suggestions.is_empty())
            .map(|d| d.span.clone())
            .collect();
        if let Err(e) = common::keeps_outside(&text, &once, &spans) {
            return Err(TestCaseError::fail(format!("{e} in {text:?} → {once:?}")));
        }
        // Until stable: a fixed point before the pass limit, with no safe fix left.
        let fixed = fix_until_stable(&text, FixLevel::Safe, lint);
        prop_assert!(fixed.passes < MAX_PASSES, "no fixed point: {:?} → {:?}", text, fixed.text);
        let again = lint(&fixed.text);
        prop_assert_eq!(safe_fixes(&fixed.text, &again), 0, "{:?} → {:?}", text, fixed.text);
    }
}
