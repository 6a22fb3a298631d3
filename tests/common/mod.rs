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

/// Whether `new` keeps every byte of `old` outside `spans`, in order: the text before
/// the first span is a prefix of `new`, the text after the last a suffix, and each gap
/// between spans follows the previous one. (A character diff would be a weaker oracle:
/// it may align a replaced word's neighbouring space either way.)
pub fn keeps_outside(old: &str, new: &str, spans: &[std::ops::Range<usize>]) -> Result<(), String> {
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| (s.start, s.end));
    for s in sorted {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    if merged.is_empty() {
        return if old == new {
            Ok(())
        } else {
            Err("changed without a span".to_string())
        };
    }
    let mut gaps = Vec::new();
    let mut pos = 0;
    for s in &merged {
        gaps.push(&old[pos..s.start]);
        pos = s.end;
    }
    let tail = &old[pos..];
    let head = gaps.first().copied().unwrap_or(tail);
    if !new.starts_with(head) {
        return Err(format!("prefix {head:?} changed"));
    }
    if !new.ends_with(tail) {
        return Err(format!("suffix {tail:?} changed"));
    }
    let mut at = head.len();
    for g in gaps.iter().skip(1) {
        match new[at..].find(g) {
            Some(i) => at += i + g.len(),
            None => return Err(format!("gap {g:?} changed")),
        }
    }
    if at > new.len() - tail.len() {
        return Err("gaps overlap the suffix".to_string());
    }
    Ok(())
}
