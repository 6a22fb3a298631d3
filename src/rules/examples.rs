//! The example runner: every rule's `bad`, `fixed` and `good` examples, checked against
//! the whole rule set. Used by `mtlint verify-rules` and `tests/rule_examples.rs`.

use super::Example;
use crate::engine::Linter;
use std::fmt;

/// One failed expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Rule code.
    pub code: String,
    /// `file:line:col` of the rule.
    pub origin: String,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.code, self.origin, self.message)
    }
}

/// Runs every example of every rule in `linter`; returns all failures.
pub fn verify(linter: &Linter) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in linter.rules() {
        let fail = |message: String| ExampleFailure {
            code: rule.code.clone(),
            origin: rule.origin.clone(),
            message,
        };
        let own = |text: &str| linter.lint_rule(text, &rule.code);
        for ex in &rule.examples {
            match ex {
                Example::Bad { text, span, fixed } => {
                    let diags = own(text);
                    let found: Vec<&str> = diags.iter().map(|d| &text[d.span.clone()]).collect();
                    if diags.len() != 1 || diags[0].span != *span {
                        failures.push(fail(format!(
                            "bad example `{text}`: expected one finding on `{}`, got {found:?}",
                            &text[span.clone()]
                        )));
                        continue;
                    }
                    let Some(fixed) = fixed else { continue };
                    let (after, _) = crate::fix::apply(text, &diags, |_| true);
                    if after != *fixed {
                        failures.push(fail(format!(
                            "bad example `{text}`: the fix gives `{after}`, expected `{fixed}`"
                        )));
                    }
                    let again = own(&after);
                    if !again.is_empty() {
                        let found: Vec<&str> =
                            again.iter().map(|d| &after[d.span.clone()]).collect();
                        failures.push(fail(format!(
                            "fixed text `{after}` is flagged again on {found:?}"
                        )));
                    }
                }
                Example::Good(text) => {
                    let diags = own(text);
                    if !diags.is_empty() {
                        let found: Vec<&str> =
                            diags.iter().map(|d| &text[d.span.clone()]).collect();
                        failures.push(fail(format!(
                            "good example `{text}` is flagged on {found:?}"
                        )));
                    }
                }
            }
        }
    }
    failures
}
