//! Rules as data: the pack schema, the loader with positioned errors, the packs embedded
//! in the binary, and the runner for every rule's examples.

pub mod builtin;
pub mod embedded;
pub mod examples;
pub mod loader;
pub mod schema;

use crate::checks::Spec;
use crate::diagnostic::{Applicability, Family, Severity};
pub use loader::{LoadError, load_pack, load_pack_with};
pub use schema::{CheckKind, EntityType, Lang};
use std::ops::Range;
use std::sync::Arc;

/// A rule's user-facing description: what `mtlint rule CODE` prints and what every
/// diagnostic points to.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Code such as `CAL012`.
    pub code: String,
    /// Kebab-case name of the bad pattern.
    pub name: String,
    /// The check that runs the rule.
    pub kind: CheckKind,
    /// Reported as `kind` in JSON.
    pub family: Family,
    /// Severity of its findings.
    pub severity: Severity,
    /// Whether its fix can be applied unattended.
    pub applicability: Applicability,
    /// Message template.
    pub message: String,
    /// Why the pattern is wrong.
    pub why: String,
    /// Name of the pack that defines it.
    pub pack: String,
    /// Source language of the pack.
    pub source: Lang,
    /// Whether the rule runs only for copy known (`--source-lang`) or inferred to come
    /// from its pack's language: its bad form is also correct English in other senses,
    /// so it is safe only where that source explains it.
    pub source_only: bool,
    /// `file:line:col` of the rule's code in its pack.
    pub origin: String,
    /// Its examples.
    pub examples: Examples,
    /// Number of table entries or phrases behind the rule (for `mtlint rules`).
    pub table_size: usize,
}

/// A rule's examples. Packs given by users have theirs parsed and validated at load
/// time; built-in packs keep the JSON `build.rs` lifted out of their TOML and parse it on
/// first use, because a check never needs them and they are a large share of what
/// start-up would otherwise parse (the rule tests validate them from source).
#[derive(Debug, Clone, Default)]
pub struct Examples {
    parsed: std::sync::OnceLock<Vec<Example>>,
    /// Lifted JSON and whether the rule gives suggestions (what validation needs).
    lifted: Option<(&'static str, bool)>,
}

impl Examples {
    /// Examples already parsed.
    pub fn parsed(list: Vec<Example>) -> Self {
        Examples {
            parsed: std::sync::OnceLock::from(list),
            lifted: None,
        }
    }

    /// Examples to parse from `json` (an array of `ExampleDef`) on first use.
    pub fn lifted(json: &'static str, gives_fixes: bool) -> Self {
        Examples {
            parsed: std::sync::OnceLock::new(),
            lifted: Some((json, gives_fixes)),
        }
    }

    /// The examples.
    pub fn get(&self) -> &[Example] {
        self.parsed.get_or_init(|| match self.lifted {
            None => Vec::new(),
            Some((json, gives_fixes)) => serde_json::from_str::<Vec<schema::ExampleDef>>(json)
                .map_err(|e| e.to_string())
                .and_then(|defs| loader::examples_from(&defs, gives_fixes).map_err(|(_, m)| m))
                .unwrap_or_else(|e| panic!("built-in examples do not load: {e}")),
        })
    }
}

impl std::ops::Deref for Examples {
    type Target = [Example];
    fn deref(&self) -> &[Example] {
        self.get()
    }
}

impl<'a> IntoIterator for &'a Examples {
    type Item = &'a Example;
    type IntoIter = std::slice::Iter<'a, Example>;
    fn into_iter(self) -> Self::IntoIter {
        self.get().iter()
    }
}

/// A rule example, with the `{{…}}` markers resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// Text the rule must flag exactly once, on `span`.
    Bad {
        /// The text without markers.
        text: String,
        /// Byte span the markers enclosed.
        span: Range<usize>,
        /// The text after applying the first suggestion.
        fixed: Option<String>,
    },
    /// Text the rule must leave alone.
    Good(String),
}

/// A rule with its compiled check configuration.
#[derive(Debug)]
pub struct LoadedRule {
    /// The description shared with diagnostics.
    pub rule: Arc<Rule>,
    /// What the check needs to run it.
    pub spec: Spec,
}

/// A loaded pack.
#[derive(Debug)]
pub struct Pack {
    /// Kebab-case name.
    pub name: String,
    /// Code prefix.
    pub prefix: String,
    /// Source language.
    pub source: Lang,
    /// One sentence.
    pub description: String,
    /// Where the data came from.
    pub provenance: Option<String>,
    /// File the pack came from (`builtin:fr/calques.toml` for embedded packs).
    pub origin: String,
    /// Its rules.
    pub rules: Vec<LoadedRule>,
    /// Number of `[[entry]]` rows.
    pub entries: usize,
}
