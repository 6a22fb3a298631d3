//! What a check reports: [`Diagnostic`], with its [`Severity`], [`Family`] and
//! [`Applicability`].

use crate::rules::Rule;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth a look; does not fail a run by default.
    Info,
    /// An artifact an editor should fix.
    Warning,
    /// Wrong beyond doubt.
    Error,
}

/// Whether a suggestion can be applied without a human look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The first suggestion is right wherever the rule fires.
    Safe,
    /// The suggestion is likely right but needs an editor's eye.
    Unsafe,
    /// Shown to the user, never applied automatically.
    DisplayOnly,
}

/// The family of artifact, reported as `kind` in JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// A person's name in a foreign or variant form.
    Name,
    /// A place name in a foreign or outdated form.
    Place,
    /// An organization's name rendered word for word, or misnamed.
    Organization,
    /// The same name spelled two ways in one document.
    Consistency,
    /// A source-language construction rendered word for word.
    Calque,
    /// A word used in the sense of a similar source-language word.
    FalseFriend,
    /// A source-language idiom translated literally.
    Idiom,
    /// A source-language acronym left untranslated, or a name that does not fit its acronym.
    Acronym,
    /// Source-language conventions: numbers, times, quotes, datelines.
    Locale,
    /// Text left in the source language.
    Untranslated,
    /// House style.
    Style,
    /// Grammar.
    Grammar,
}

impl Family {
    /// Every family, in display order.
    pub const ALL: [Family; 12] = [
        Family::Name,
        Family::Place,
        Family::Organization,
        Family::Consistency,
        Family::Calque,
        Family::FalseFriend,
        Family::Idiom,
        Family::Acronym,
        Family::Locale,
        Family::Untranslated,
        Family::Style,
        Family::Grammar,
    ];

    /// The kebab-case name used in JSON and rule packs.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Name => "name",
            Family::Place => "place",
            Family::Organization => "organization",
            Family::Consistency => "consistency",
            Family::Calque => "calque",
            Family::FalseFriend => "false-friend",
            Family::Idiom => "idiom",
            Family::Acronym => "acronym",
            Family::Locale => "locale",
            Family::Untranslated => "untranslated",
            Family::Style => "style",
            Family::Grammar => "grammar",
        }
    }
}

impl Severity {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl Applicability {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// One finding: a rule, a byte span of the original text, a message and suggestions.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that fired.
    pub rule: Arc<Rule>,
    /// Byte range into the text exactly as read.
    pub span: Range<usize>,
    /// The rendered message.
    pub message: String,
    /// Complete replacements for the span, best first; empty when the rule only points.
    pub suggestions: Vec<String>,
    /// The rule matched the text exactly as written (diacritics included), not only
    /// after folding; breaks ties between rules that flag the same span.
    pub exact: bool,
    /// The record the finding is in, for inputs holding several (a JSON Lines `id`, a
    /// NewsML item `guid`); `None` for a plain document.
    pub id: Option<String>,
}

impl Diagnostic {
    /// The flagged text.
    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.span.clone()]
    }
}

/// Fills `{name}` placeholders of a message template; unknown names are left as written.
pub fn render_message(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match vars.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_known_placeholders_only() {
        let m = render_message(
            "“{text}” → “{suggestion}” {other} {",
            &[("text", "a"), ("suggestion", "b")],
        );
        assert_eq!(m, "“a” → “b” {other} {");
    }
}
