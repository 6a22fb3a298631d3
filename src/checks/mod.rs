//! Checks: one file per `kind` of rule. Each file owns the validation of its TOML keys
//! (`compile`, called by the loader) and the code that finds its problems in a document.

pub mod acronym;
pub mod consistency;
pub mod edge_bytes;
pub mod entity;
pub mod flex;
pub mod gate;
pub mod house;
pub mod needed_bytes;
pub mod pattern;
pub mod phrase;
pub mod relax;
pub mod required;
pub mod respelling;
pub mod shapes;
pub mod untranslated;

use crate::rules::loader::SpecError;
use crate::rules::schema::{CheckKind, EntryDef, RuleDef};
use std::sync::Arc;

/// A rule's compiled configuration, by check kind.
#[derive(Debug)]
pub enum Spec {
    /// See [`phrase`].
    Phrase(phrase::PhraseSpec),
    /// See [`pattern`].
    Pattern(pattern::PatternSpec),
    /// See [`entity`].
    Entity(entity::EntitySpec),
    /// See [`acronym`].
    Acronym(acronym::AcronymSpec),
    /// See [`consistency`].
    Consistency(consistency::ConsistencySpec),
    /// See [`respelling`].
    Respelling(respelling::RespellingSpec),
    /// See [`house`].
    House(house::HouseSpec),
    /// See [`untranslated`].
    Untranslated(untranslated::UntranslatedSpec),
}

impl Spec {
    /// Whether the rule can produce suggestions (so its bad examples need `fixed`).
    pub fn gives_suggestions(&self) -> bool {
        match self {
            Spec::Phrase(s) => s.replace.iter().any(|r| !r.is_empty()),
            Spec::Pattern(s) => !s.replace.is_empty(),
            Spec::Entity(_)
            | Spec::Acronym(_)
            | Spec::Consistency(_)
            | Spec::Respelling(_)
            | Spec::House(_) => true,
            // Untranslated text needs a translator, not a replacement.
            Spec::Untranslated(_) => false,
        }
    }

    /// Phrases or table rows behind the rule.
    pub fn table_size(&self) -> usize {
        match self {
            Spec::Phrase(s) => s.matches.len(),
            Spec::Pattern(_) => 1,
            Spec::Entity(s) => s.entries.iter().filter(|e| e.kind == s.entity).count(),
            Spec::Acronym(s) => s
                .entries
                .iter()
                .filter(|e| e.kind == crate::rules::EntityType::Acronym)
                .count(),
            Spec::Consistency(s) => s.known_words.len(),
            Spec::Respelling(_) | Spec::House(_) => 0,
            Spec::Untranslated(s) => s.table_size(),
        }
    }
}

/// The prefilters of one pattern rule, as `build.rs` computed them: `(code, required
/// literals, the bytes before and after them, needed bytes, needed shapes)`.
pub type PreparedGate = (
    &'static str,
    Option<&'static [&'static [u8]]>,
    (Option<needed_bytes::ByteSet>, Option<needed_bytes::ByteSet>),
    &'static [needed_bytes::ByteSet],
    &'static [shapes::Shape],
);

/// How pattern rules' regular expressions are prepared at load time.
#[derive(Debug, Clone, Copy)]
pub enum RegexMode {
    /// Parsed, validated and compiled now, so that every error (size limits included)
    /// surfaces at load time: packs given by users.
    Eager,
    /// Parsed and validated now, compiled on first use.
    Lazy,
    /// Built-in packs: `build.rs` parsed every regex and computed its required literals,
    /// and the rule tests validate the packs from source, so start-up neither parses nor
    /// compiles; regexes compile on first use. A rule missing from the list (its regex
    /// did not parse at build time) falls back to [`RegexMode::Lazy`], which reports it.
    Prepared(&'static [PreparedGate]),
}

/// Validates the kind-specific keys of `def` and compiles them.
pub(crate) fn compile(
    def: &RuleDef,
    entries: &Arc<Vec<EntryDef>>,
    regexes: RegexMode,
) -> Result<Spec, SpecError> {
    check_keys(def)?;
    Ok(match def.kind {
        CheckKind::Phrase => Spec::Phrase(phrase::compile(def)?),
        CheckKind::Pattern => Spec::Pattern(pattern::compile(def, regexes)?),
        CheckKind::Entity => Spec::Entity(entity::compile(def, entries)?),
        CheckKind::Acronym => Spec::Acronym(acronym::compile(def, entries)?),
        CheckKind::Consistency => Spec::Consistency(consistency::compile(def)?),
        CheckKind::Respelling => Spec::Respelling(respelling::compile(def)?),
        CheckKind::House => Spec::House(house::compile(def)?),
        CheckKind::Untranslated => Spec::Untranslated(untranslated::compile(def)?),
    })
}

/// Rejects keys that belong to another kind of rule: a `pattern` key on a phrase rule is a
/// mistake that would otherwise be silently ignored.
fn check_keys(def: &RuleDef) -> Result<(), SpecError> {
    let present: [(&str, bool, &[CheckKind]); 25] = {
        use CheckKind::*;
        [
            ("match", def.matches.is_some(), &[Phrase]),
            ("flex", def.flex.is_some(), &[Phrase]),
            ("replace", def.replace.is_some(), &[Phrase, Pattern]),
            ("before", def.before.is_some(), &[Phrase]),
            ("after", def.after.is_some(), &[Phrase]),
            ("not_before", def.not_before.is_some(), &[Phrase]),
            ("not_after", def.not_after.is_some(), &[Phrase]),
            ("window", def.window.is_some(), &[Phrase]),
            ("case_sensitive", def.case_sensitive.is_some(), &[Phrase]),
            ("pattern", def.pattern.is_some(), &[Pattern]),
            ("group", def.group.is_some(), &[Pattern]),
            ("exclude", def.exclude.is_some(), &[Pattern]),
            ("entity", def.entity.is_some(), &[Entity]),
            ("mode", def.mode.is_some(), &[Acronym]),
            ("variant", def.variant.is_some(), &[Consistency]),
            ("known_words", def.known_words.is_some(), &[Consistency]),
            ("suffixes", def.suffixes.is_some(), &[Consistency]),
            ("min_edit_len", def.min_edit_len.is_some(), &[Consistency]),
            ("rewrites", def.rewrites.is_some(), &[Respelling]),
            ("house", def.house.is_some(), &[House]),
            ("detect", def.detect.is_some(), &[Untranslated]),
            ("keep", def.keep.is_some(), &[Untranslated]),
            ("languages", def.languages.is_some(), &[Untranslated]),
            ("min_words", def.min_words.is_some(), &[Untranslated]),
            (
                "min_confidence",
                def.min_confidence.is_some(),
                &[Untranslated],
            ),
        ]
    };
    for (key, set, kinds) in present {
        if set && !kinds.contains(&def.kind) {
            return Err(SpecError::at(
                def.code.span(),
                format!(
                    "key `{key}` does not apply to `{}` rules",
                    def.kind.as_str()
                ),
            ));
        }
    }
    Ok(())
}

/// The error for a missing key.
pub(crate) fn missing(def: &RuleDef, key: &str) -> SpecError {
    SpecError::at(
        def.code.span(),
        format!("`{}` rules need `{key}`", def.kind.as_str()),
    )
}
