//! What the server does with a text, apart from HTTP: lint it under the configuration
//! of the current directory (as `mtlint check` lints standard input), fix it, or apply
//! the suggestions an editor accepted.

use crate::config::{CliSettings, ConfigSource, Profile, Profiles};
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixLevel, Fixed};
use crate::input::{self, InputFormat};
use crate::rules::schema::{House, Lang};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The source language a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceLang {
    /// The configuration's (`source-lang`, or `--source-lang` of `mtlint serve`).
    #[default]
    Configured,
    /// None: every pack runs.
    Any,
    /// This language's packs and the language-neutral ones.
    Lang(Lang),
}

/// How one request wants its text linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// House style over the configuration's (`None`: the configuration's).
    pub style: Option<House>,
    /// Source language.
    pub source_lang: SourceLang,
    /// What the text is: plain text or Markdown.
    pub format: InputFormat,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            style: None,
            source_lang: SourceLang::Configured,
            format: InputFormat::Text,
        }
    }
}

/// One suggestion an editor accepted: the finding starting at byte `start` of the text
/// (of rule `rule`, when given, for a span where two findings start), and which of its
/// suggestions (`0`: the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Byte offset where the finding's span starts.
    pub start: usize,
    /// The finding's rule code, to tell apart findings that start at one offset.
    pub rule: Option<String>,
    /// Index into the finding's suggestions.
    pub suggestion: usize,
}

/// The result of [`Reviewer::accept`].
#[derive(Debug)]
pub struct Accepted {
    /// The text with the accepted suggestions applied.
    pub text: String,
    /// Suggestions applied.
    pub applied: usize,
    /// Choices that named no finding with such a suggestion (stale offsets), or whose
    /// edit overlapped one applied before it.
    pub unmatched: usize,
    /// The findings in the new text.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints texts for the server. Cheap to share: every request uses the same linters,
/// built once per house style on first use.
#[derive(Debug)]
pub struct Reviewer {
    source: ConfigSource,
    cli: CliSettings,
    /// The profile of the server's own settings.
    default: Arc<Profile>,
    /// The configuration file in force, if any.
    config_file: Option<PathBuf>,
    /// Profiles for the house styles requests asked for, over the default's.
    by_style: Mutex<HashMap<House, Arc<Profile>>>,
}

impl Reviewer {
    /// A reviewer for configuration from `source` with `cli` on top, resolved now for
    /// the current directory: a broken configuration stops the server before it
    /// listens, as it stops `mtlint check`.
    pub fn new(source: ConfigSource, cli: CliSettings) -> Result<Self, String> {
        let mut profiles = Profiles::new(source.clone(), cli.clone());
        let config_file = profiles.config_file(None);
        let default = profiles.for_path(None)?;
        Ok(Reviewer {
            source,
            cli,
            default,
            config_file,
            by_style: Mutex::new(HashMap::new()),
        })
    }

    /// The configuration file in force, if any.
    pub fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }

    /// The profile of the server's own settings (configuration and command line).
    pub fn default_profile(&self) -> &Arc<Profile> {
        &self.default
    }

    /// The profile for a request's house style. Another style is another rule set
    /// (the names packs differ), so it gets its own linter, built once.
    fn profile(&self, style: Option<House>) -> Result<Arc<Profile>, String> {
        let Some(style) = style.filter(|s| Some(*s) != self.default.style) else {
            return Ok(self.default.clone());
        };
        // Held while a linter builds: a second request for the same style waits for it
        // instead of building it again.
        let mut by_style = self.by_style.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = by_style.get(&style) {
            return Ok(p.clone());
        }
        let cli = CliSettings {
            style: Some(style),
            ..self.cli.clone()
        };
        let p = Profiles::new(self.source.clone(), cli).for_path(None)?;
        by_style.insert(style, p.clone());
        Ok(p)
    }

    /// The lint function for `settings`: findings of a whole text, spans in its bytes.
    fn linter(&self, settings: &Settings) -> Result<impl Fn(&str) -> Vec<Diagnostic>, String> {
        let profile = self.profile(settings.style)?;
        let hint = match settings.source_lang {
            SourceLang::Configured => profile.source_lang,
            SourceLang::Any => None,
            SourceLang::Lang(l) => Some(l),
        };
        let format = settings.format;
        Ok(move |text: &str| {
            input::lint_file_with(format, text, |part| profile.lint_as(None, part, hint))
                .diagnostics
        })
    }

    /// The findings in `text`, sorted by span.
    pub fn check(&self, text: &str, settings: &Settings) -> Result<Vec<Diagnostic>, String> {
        Ok(self.linter(settings)?(text))
    }

    /// Applies the fixes `level` allows until the text stops changing, as `mtlint check
    /// --fix` does.
    pub fn fix(&self, text: &str, settings: &Settings, level: FixLevel) -> Result<Fixed, String> {
        let lint = self.linter(settings)?;
        Ok(fix::fix_until_stable(text, level, lint))
    }

    /// Applies the suggestions an editor chose, in one pass over a fresh lint of `text`,
    /// whatever the rules' applicability: the editor looked at each. Overlapping choices
    /// are not both applied (the first by span wins).
    pub fn accept(
        &self,
        text: &str,
        settings: &Settings,
        choices: &[Choice],
    ) -> Result<Accepted, String> {
        let lint = self.linter(settings)?;
        let found = lint(text);
        let mut chosen: Vec<Diagnostic> = Vec::with_capacity(choices.len());
        let mut unmatched = 0;
        for c in choices {
            let hit = found.iter().find(|d| {
                d.span.start == c.start
                    && c.rule.as_ref().is_none_or(|r| *r == d.rule.code)
                    && c.suggestion < d.suggestions.len()
            });
            match hit {
                // The same finding chosen twice is one edit.
                Some(d)
                    if chosen
                        .iter()
                        .any(|x| x.span == d.span && x.rule.code == d.rule.code) =>
                {
                    unmatched += 1;
                }
                Some(d) => {
                    // `fix::apply` applies first suggestions: put the chosen one first.
                    let mut d = d.clone();
                    d.suggestions.swap(0, c.suggestion);
                    chosen.push(d);
                }
                None => unmatched += 1,
            }
        }
        let (new_text, applied) = fix::apply(text, &chosen, |_| true);
        unmatched += chosen.len() - applied;
        let diagnostics = if applied > 0 { lint(&new_text) } else { found };
        Ok(Accepted {
            text: new_text,
            applied,
            unmatched,
            diagnostics,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reviewer() -> Reviewer {
        Reviewer::new(ConfigSource::None, CliSettings::default()).expect("built-in rules load")
    }

    const DRAFT: &str = "The reflection group met in Koursk at 14 h 30, said the OTAN spokesman.";

    #[test]
    fn accepting_a_chosen_suggestion_applies_it_and_relints() {
        let r = reviewer();
        let s = Settings::default();
        let found = r.check(DRAFT, &s).unwrap();
        let d = found
            .iter()
            .find(|d| d.text(DRAFT) == "reflection group")
            .expect("calque flagged");
        let choice = Choice {
            start: d.span.start,
            rule: Some(d.rule.code.clone()),
            suggestion: 0,
        };
        let out = r.accept(DRAFT, &s, &[choice]).unwrap();
        assert_eq!(out.applied, 1);
        assert_eq!(out.unmatched, 0);
        assert!(out.text.contains(&d.suggestions[0]), "{}", out.text);
        assert!(!out.text.contains("reflection group"));
        // The other findings are still there, at their new offsets.
        assert_eq!(out.diagnostics.len(), found.len() - 1);
        for f in &out.diagnostics {
            assert!(out.text.get(f.span.clone()).is_some());
        }
    }

    #[test]
    fn stale_and_duplicate_choices_are_counted_not_applied() {
        let r = reviewer();
        let s = Settings::default();
        let found = r.check(DRAFT, &s).unwrap();
        let first = &found[0];
        let same = Choice {
            start: first.span.start,
            rule: None,
            suggestion: 0,
        };
        let stale = Choice {
            start: DRAFT.len() + 10,
            rule: None,
            suggestion: 0,
        };
        let out = r.accept(DRAFT, &s, &[same.clone(), same, stale]).unwrap();
        assert_eq!(out.applied, 1);
        assert_eq!(out.unmatched, 2);
    }

    #[test]
    fn source_language_of_a_request_selects_packs() {
        let r = reviewer();
        let any = r.check(DRAFT, &Settings::default()).unwrap();
        let german = Settings {
            source_lang: SourceLang::Lang(Lang::De),
            ..Settings::default()
        };
        let de = r.check(DRAFT, &german).unwrap();
        // French-only findings go when the copy is said to come from German.
        assert!(any.iter().any(|d| d.rule.source == Lang::Fr));
        assert!(de.iter().all(|d| d.rule.source != Lang::Fr));
        assert!(de.len() < any.len());
    }
}
