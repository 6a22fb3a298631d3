//! Applying suggestions: non-overlapping edits, first suggestion of each diagnostic.

use crate::diagnostic::Diagnostic;

/// Applies the first suggestion of every diagnostic accepted by `select`, skipping any
/// edit that overlaps one already applied (diagnostics are taken in span order). Returns
/// the new text and the number of edits applied.
pub fn apply(
    text: &str,
    diags: &[Diagnostic],
    select: impl Fn(&Diagnostic) -> bool,
) -> (String, usize) {
    let mut edits: Vec<(&std::ops::Range<usize>, &str)> = diags
        .iter()
        .filter(|d| select(d))
        .filter_map(|d| d.suggestions.first().map(|s| (&d.span, s.as_str())))
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for (span, replacement) in edits {
        if span.start < pos {
            continue;
        }
        out.push_str(&text[pos..span.start]);
        out.push_str(replacement);
        pos = span.end;
        applied += 1;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}
