//! Helpers shared by the integration tests.
#![allow(dead_code)]

use mtlint::text::LineIndex;
use mtlint::{Diagnostic, Linter, LinterBuilder};
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A linter with only the given packs (paths relative to the repository root).
pub fn linter_with(packs: &[&str]) -> Linter {
    let mut b = LinterBuilder::new();
    for p in packs {
        b = b.add_path(&root().join(p));
    }
    b.build()
        .unwrap_or_else(|e| panic!("packs {packs:?} do not load: {e:?}"))
}

/// One line per diagnostic: `line:col CODE “text” → suggestions`.
pub fn concise(text: &str, diags: &[Diagnostic]) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    for d in diags {
        let lc = lines.line_col(text, d.span.start);
        out.push_str(&format!(
            "{}:{} {} “{}” → {:?}\n",
            lc.line,
            lc.column,
            d.rule.code,
            d.text(text),
            d.suggestions
        ));
    }
    out
}

/// Reads a file relative to the repository root.
pub fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(root().join(p)).expect("fixture is readable")
}
