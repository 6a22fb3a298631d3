//! mtlint finds the artifacts that machine translation leaves in English news copy —
//! foreign name forms ("Koursk"), calques ("reflection group"), false friends, literal
//! idioms, untranslated acronyms ("OTAN"), locale leftovers ("22 h 32", « quotes ») and
//! one name spelled two ways ("Kim Jong-uni" beside "Kim Jong-un") — and proposes fixes.
//!
//! Rules are data: TOML packs under `rules/`, embedded in the binary (see
//! `rules/README.md`). A [`Linter`] compiles a rule set once; [`Linter::lint`] turns a
//! text into sorted [`Diagnostic`]s whose spans are byte ranges of the text as given.
//!
//! ```
//! use mtlint::Linter;
//!
//! let linter = Linter::builtin().expect("built-in rules load");
//! let text = "A reflection group close to the ministry published the report.";
//! let diags = linter.lint(text);
//! let d = diags.iter().find(|d| d.text(text) == "reflection group").expect("flagged");
//! assert_eq!(d.suggestions[0], "think tank");
//!
//! // Fixes are plain edits of the original text.
//! let (fixed, _) = mtlint::fix::apply(text, &diags, |d| d.rule.applicability == mtlint::Applicability::Safe);
//! assert!(fixed.starts_with("A think tank close to the ministry"));
//! ```
//!
//! The hot path tokenizes each document once, folds every token once into one stream,
//! and finds every literal phrase of every rule through one index keyed by first token
//! ([`literals`]); regular expressions run only on the lines that hold their required
//! literals.

pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod eval;
pub mod fix;
pub mod input;
pub mod language;
pub mod literals;
pub mod lsp;
pub mod output;
pub mod parallel;
pub mod rules;
pub mod serve;
#[cfg(test)]
mod testing;
pub mod text;
pub mod timings;

pub use diagnostic::{Applicability, Diagnostic, Family, Severity};
pub use engine::{Linter, LinterBuilder};
pub use text::Document;
