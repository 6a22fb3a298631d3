//! Applying suggestions: non-overlapping edits, first suggestion of each diagnostic, and
//! the repeat-until-stable loop behind `mtlint check --fix`.

use crate::diagnostic::{Applicability, Diagnostic};

/// Applies the first suggestion of every diagnostic accepted by `select`, skipping any
/// edit that overlaps one already applied (diagnostics are taken in span order) and any
/// suggestion equal to the text it would replace. Returns the new text and the number of
/// edits applied.
pub fn apply(
    text: &str,
    diags: &[Diagnostic],
    select: impl Fn(&Diagnostic) -> bool,
) -> (String, usize) {
    let mut edits: Vec<(&std::ops::Range<usize>, &str)> = diags
        .iter()
        .filter(|d| select(d))
        .filter_map(|d| d.suggestions.first().map(|s| (&d.span, s.as_str())))
        .filter(|(span, s)| text.get((*span).clone()) != Some(*s))
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut applied = 0;
    for (span, replacement) in edits {
        // Touching edits are fine; overlapping ones are not both applied (the next pass
        // re-lints and picks up whatever the first edit left).
        if span.start < pos || !text.is_char_boundary(span.start) {
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

/// Which suggestions `--fix` may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// Only rules whose applicability is `safe`.
    Safe,
    /// `safe` and `unsafe` (never `display-only`).
    Unsafe,
}

impl FixLevel {
    /// Whether a diagnostic's first suggestion may be applied at this level.
    pub fn allows(self, d: &Diagnostic) -> bool {
        match d.rule.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixLevel::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }
}

/// At most this many lint-and-fix passes: fixes converge by contract (applying a
/// suggestion creates no new finding of its rule), so more passes only happen when two
/// rules disagree, and then the loop must still end.
pub const MAX_PASSES: usize = 10;

/// The result of [`fix_until_stable`].
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text after the last pass.
    pub text: String,
    /// The findings left in `text`.
    pub diagnostics: Vec<Diagnostic>,
    /// Edits applied over all passes.
    pub applied: usize,
    /// Passes that changed the text.
    pub passes: usize,
}

/// Lints, applies the allowed fixes, and repeats on the new text until nothing changes
/// or [`MAX_PASSES`] passes ran. Overlapping edits of one pass are never both applied.
pub fn fix_until_stable(
    text: &str,
    level: FixLevel,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    let mut passes = 0;
    let mut diagnostics = lint(&current);
    while passes < MAX_PASSES {
        let (next, n) = apply(&current, &diagnostics, |d| level.allows(d));
        if n == 0 || next == current {
            break;
        }
        current = next;
        applied += n;
        passes += 1;
        diagnostics = lint(&current);
    }
    Fixed {
        text: current,
        diagnostics,
        applied,
        passes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn fixes_converge_and_a_second_run_changes_nothing() {
        let linter = Linter::builtin().expect("built-in rules load");
        let text = "A reflection group met in Koursk at 14 h 30, said the OTAN.";
        let first = fix_until_stable(text, FixLevel::Safe, |t| linter.lint(t));
        assert!(first.applied >= 2, "{first:?}");
        assert_ne!(first.text, text);
        let second = fix_until_stable(&first.text, FixLevel::Safe, |t| linter.lint(t));
        assert_eq!(second.applied, 0);
        assert_eq!(second.text, first.text);
    }

    #[test]
    fn identical_suggestions_are_not_edits() {
        let linter = Linter::builtin().expect("built-in rules load");
        let text = "A reflection group met.";
        let mut diags = linter.lint(text);
        assert!(!diags.is_empty());
        for d in &mut diags {
            d.suggestions = vec![text[d.span.clone()].to_string()];
        }
        assert_eq!(apply(text, &diags, |_| true), (text.to_string(), 0));
    }
}
