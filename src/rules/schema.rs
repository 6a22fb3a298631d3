//! The TOML schema of a rule pack (see `rules/README.md`), as serde types.
//!
//! Every table denies unknown keys so that a typo is an error with a position, not a rule
//! that silently does nothing. Rules are one flat table whose kind-specific keys are
//! optional here; the loader checks that each key fits the rule's `kind`.

use crate::diagnostic::{Applicability, Family, Severity};
use serde::Deserialize;
use toml::Spanned;

/// A whole pack file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// The `[pack]` header.
    pub pack: Spanned<PackHeader>,
    /// The `[[rule]]` tables.
    #[serde(default)]
    pub rule: Vec<Spanned<RuleDef>>,
    /// The `[[entry]]` rows (gazetteer and acronym tables).
    #[serde(default)]
    pub entry: Vec<Spanned<EntryDef>>,
}

/// The `[pack]` header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackHeader {
    /// Unique kebab-case name.
    pub name: Spanned<String>,
    /// Upper-case prefix of every rule code in the pack.
    pub prefix: Spanned<String>,
    /// Source language the pack is about.
    pub source: Lang,
    /// Default family of the pack's rules.
    pub family: Option<Family>,
    /// One sentence.
    pub description: String,
    /// Where the data came from, and its licence.
    pub provenance: Option<String>,
}

/// Source languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Portuguese.
    Pt,
    /// Polish.
    Pl,
    /// Dutch.
    Nl,
    /// Russian.
    Ru,
    /// Not tied to one language.
    Any,
}

impl Lang {
    /// The language's English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "French",
            Lang::De => "German",
            Lang::Es => "Spanish",
            Lang::It => "Italian",
            Lang::Pt => "Portuguese",
            Lang::Pl => "Polish",
            Lang::Nl => "Dutch",
            Lang::Ru => "Russian",
            Lang::Any => "foreign",
        }
    }

    /// The two-letter code (`any` for [`Lang::Any`]).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Pl => "pl",
            Lang::Nl => "nl",
            Lang::Ru => "ru",
            Lang::Any => "any",
        }
    }
}

/// Which check runs a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// Literal phrases with context.
    Phrase,
    /// Regular expressions with replacement templates.
    Pattern,
    /// Gazetteer of people, places and organizations.
    Entity,
    /// Name variants within one document.
    Consistency,
    /// Untranslated acronyms and names that do not fit their acronym.
    Acronym,
    /// Unseen names: foreign spelling habits undone.
    Respelling,
    /// House-style spellings of names.
    House,
    /// Text left in the source language.
    Untranslated,
}

impl CheckKind {
    /// The TOML name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Phrase => "phrase",
            CheckKind::Pattern => "pattern",
            CheckKind::Entity => "entity",
            CheckKind::Consistency => "consistency",
            CheckKind::Acronym => "acronym",
            CheckKind::Respelling => "respelling",
            CheckKind::House => "house",
            CheckKind::Untranslated => "untranslated",
        }
    }
}

/// Entry types of gazetteer and acronym tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organization.
    Organization,
    /// An acronym with its expansion.
    Acronym,
}

impl EntityType {
    /// The TOML name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Acronym => "acronym",
        }
    }
}

/// Modes of acronym rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcronymMode {
    /// A foreign acronym left in the text.
    Untranslated,
    /// A name whose acronym in parentheses does not fit it.
    Expansion,
}

/// News-agency house styles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum House {
    /// The Associated Press Stylebook.
    Ap,
    /// The Reuters handbook.
    Reuters,
}

/// What an `untranslated` rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Detect {
    /// Runs of source-language function words ("de la", "und der").
    Run,
    /// Whole clauses or sentences in the source language.
    Clause,
}

/// Variant kinds reported by consistency rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VariantKind {
    /// Case, hyphen, space or diacritics differ.
    Case,
    /// A stray inflection suffix.
    Suffix,
    /// One edit in a long name part.
    Edit,
}

/// An example of a rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    /// Text with `{{…}}` around the span the rule must flag.
    pub bad: Option<String>,
    /// `bad` after applying the first suggestion.
    pub fixed: Option<String>,
    /// Text the rule must leave alone.
    pub good: Option<String>,
}

/// A `[[rule]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // The keys are documented in rules/README.md.
pub struct RuleDef {
    pub code: Spanned<String>,
    pub name: Spanned<String>,
    pub kind: CheckKind,
    pub family: Option<Family>,
    pub severity: Option<Severity>,
    pub message: String,
    pub why: String,
    pub applicability: Option<Applicability>,
    pub source_only: Option<bool>,
    pub examples: Option<Spanned<Vec<ExampleDef>>>,
    // phrase
    #[serde(rename = "match")]
    pub matches: Option<Spanned<Vec<String>>>,
    pub replace: Option<Spanned<Vec<String>>>,
    pub before: Option<Vec<String>>,
    pub after: Option<Vec<String>>,
    pub not_before: Option<Vec<String>>,
    pub not_after: Option<Vec<String>>,
    pub window: Option<usize>,
    pub case_sensitive: Option<bool>,
    pub flex: Option<bool>,
    // pattern
    pub pattern: Option<Spanned<String>>,
    pub group: Option<Spanned<String>>,
    pub exclude: Option<Vec<Spanned<String>>>,
    // entity
    pub entity: Option<EntityType>,
    // acronym
    pub mode: Option<AcronymMode>,
    // consistency
    pub variant: Option<VariantKind>,
    pub known_words: Option<Vec<String>>,
    pub suffixes: Option<Vec<String>>,
    pub min_edit_len: Option<usize>,
    // respelling
    pub rewrites: Option<Vec<Vec<String>>>,
    // house
    pub house: Option<House>,
    // untranslated
    pub detect: Option<Detect>,
    pub keep: Option<Vec<String>>,
    pub languages: Option<Vec<Lang>>,
    pub min_words: Option<usize>,
    pub min_confidence: Option<f64>,
}

/// An `[[entry]]` row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // The keys are documented in rules/README.md.
pub struct EntryDef {
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub en: Vec<String>,
    #[serde(default)]
    pub expansion: Vec<String>,
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub de: Vec<String>,
    #[serde(default)]
    pub es: Vec<String>,
    #[serde(default)]
    pub it: Vec<String>,
    #[serde(default)]
    pub pt: Vec<String>,
    #[serde(default)]
    pub pl: Vec<String>,
    #[serde(default)]
    pub nl: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    /// The AP Stylebook's form, when AP prefers one of the `en` forms.
    pub ap: Option<String>,
    /// Reuters' form, when Reuters prefers one of the `en` forms.
    pub reuters: Option<String>,
    pub note: Option<String>,
}

impl EntryDef {
    /// The foreign forms with their language.
    pub fn forms(&self) -> impl Iterator<Item = (Lang, &String)> {
        [
            (Lang::Fr, &self.fr),
            (Lang::De, &self.de),
            (Lang::Es, &self.es),
            (Lang::It, &self.it),
            (Lang::Pt, &self.pt),
            (Lang::Pl, &self.pl),
            (Lang::Nl, &self.nl),
            (Lang::Ru, &self.ru),
            (Lang::Any, &self.any),
        ]
        .into_iter()
        .flat_map(|(l, v)| v.iter().map(move |f| (l, f)))
    }
}
