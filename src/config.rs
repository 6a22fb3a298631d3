//! `mtlint.toml` (or `.mtlint.toml`): per-newsroom settings. The nearest file above each
//! linted file applies to it (standard input: above the current directory), unless
//! `--config` names one file for all. Unknown keys, codes that match no rule and invalid
//! globs are errors with file:line:col, like rule packs.
//!
//! Which rules run, their severities and the accepted terms are applied to the
//! diagnostics of a full lint ([`Policy`]); the keys that shape the rule set itself
//! (`rules`, `no-default-rules`, `style`) select the linter ([`Profiles`]).

mod accept;
mod codes;
mod discover;
mod policy;
mod profile;

pub use accept::AcceptList;
pub use codes::CodePattern;
pub use discover::Discovery;
pub use policy::{Effective, Policy};
pub use profile::{CliSettings, ConfigSource, Profile, Profiles};

use crate::rules::loader::LoadError;
use crate::rules::schema::{House, Lang};
use crate::text::LineIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// File names looked for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &["mtlint.toml", ".mtlint.toml"];

/// Source languages `source-lang` accepts.
pub const SOURCE_LANGS: &[Lang] = &[
    Lang::Fr,
    Lang::De,
    Lang::Es,
    Lang::It,
    Lang::Pt,
    Lang::Ru,
    Lang::Pl,
    Lang::Nl,
];

/// The settings a configuration file may hold.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(from = "RawConfig")]
pub struct Config {
    /// House style for names: `ap` or `reuters`.
    pub style: Option<House>,
    /// Lowest severity that makes `check` exit with 1.
    pub fail_on: Option<FailOn>,
    /// Extra rule packs (files or directories), relative to the configuration file.
    pub rules: Vec<PathBuf>,
    /// Leave out the built-in packs.
    pub no_default_rules: bool,
    /// Language the copy was translated from (one of [`SOURCE_LANGS`]).
    pub source_lang: Option<Spanned<Lang>>,
    /// The top-level rule settings, which `[[override]]` tables change per path.
    pub layer: Layer,
    /// Per-path changes, in file order.
    pub overrides: Vec<Override>,
}

/// Which rules run, at what severity, and which terms are never flagged: the top level
/// of a configuration file, or one `[[override]]` table.
#[derive(Debug, Default, Clone)]
pub struct Layer {
    /// Only rules whose code or code prefix is listed run (absent or empty: all rules).
    /// In an override, replaces the list of the top level.
    pub select: Option<Vec<Spanned<String>>>,
    /// Rules that never run, by code or prefix; wins over `select`. Overrides add to it.
    pub ignore: Vec<Spanned<String>>,
    /// Severity by code or prefix; the most specific key wins. An override's keys
    /// replace the same keys of the top level.
    pub severity: BTreeMap<Spanned<String>, crate::Severity>,
    /// Names and terms never flagged (case-insensitive, any run of white space between
    /// words). Overrides add to it.
    pub accept: Vec<Spanned<String>>,
}

/// An `[[override]]` table: rule settings for the files its globs match.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "RawOverride")]
pub struct Override {
    /// Globs relative to the configuration file's directory. A glob without `/` matches
    /// the file name at any depth (`*.md`); one with `/` matches the whole relative path
    /// (`archive/**`).
    pub paths: Spanned<Vec<Spanned<String>>>,
    /// The settings it changes.
    pub layer: Layer,
}

// The file format. `#[serde(flatten)]` would share the rule-settings keys between the
// top level and `[[override]]`, but it disables `deny_unknown_fields` and loses the
// positions of `Spanned` values, so the keys are listed twice and regrouped after parsing.

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    style: Option<House>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    no_default_rules: bool,
    source_lang: Option<Spanned<Lang>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, crate::Severity>,
    #[serde(default)]
    accept: Vec<Spanned<String>>,
    #[serde(default, rename = "override")]
    overrides: Vec<Override>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Spanned<Vec<Spanned<String>>>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, crate::Severity>,
    #[serde(default)]
    accept: Vec<Spanned<String>>,
}

impl From<RawConfig> for Config {
    fn from(r: RawConfig) -> Self {
        Config {
            style: r.style,
            fail_on: r.fail_on,
            rules: r.rules,
            no_default_rules: r.no_default_rules,
            source_lang: r.source_lang,
            layer: Layer {
                select: r.select,
                ignore: r.ignore,
                severity: r.severity,
                accept: r.accept,
            },
            overrides: r.overrides,
        }
    }
}

impl From<RawOverride> for Override {
    fn from(r: RawOverride) -> Self {
        Override {
            paths: r.paths,
            layer: Layer {
                select: r.select,
                ignore: r.ignore,
                severity: r.severity,
                accept: r.accept,
            },
        }
    }
}

impl Config {
    /// The top-level layer, then every override's, in file order.
    pub fn layers(&self) -> impl Iterator<Item = &Layer> {
        std::iter::once(&self.layer).chain(self.overrides.iter().map(|o| &o.layer))
    }
}

/// The lowest severity that makes `check` exit with 1 (`--fail-on`, `fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any finding.
    Info,
    /// Warnings and errors (the default).
    Warning,
    /// Errors only.
    Error,
    /// Never fail on findings.
    Never,
}

impl FailOn {
    /// The lowest failing severity, or `None` for `Never`.
    pub fn threshold(self) -> Option<crate::Severity> {
        match self {
            FailOn::Info => Some(crate::Severity::Info),
            FailOn::Warning => Some(crate::Severity::Warning),
            FailOn::Error => Some(crate::Severity::Error),
            FailOn::Never => None,
        }
    }
}

/// A configuration and the file it came from.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// The settings.
    pub config: Config,
    /// The file, if one was found.
    pub path: Option<PathBuf>,
    /// The file's text, kept to position errors found after parsing (codes that match
    /// no rule are only known once the rule set is built).
    source: String,
}

impl Loaded {
    /// An error at byte `offset` of the file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> LoadError {
        let offset = self
            .source
            .floor_char_boundary(offset.min(self.source.len()));
        let lc = LineIndex::new(&self.source).line_col(&self.source, offset);
        LoadError {
            origin: self.origin(),
            line: lc.line,
            column: lc.column,
            message: message.into(),
        }
    }

    /// The file name shown in messages (`<none>` without a file).
    pub fn origin(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<none>".to_string(), |p| p.display().to_string())
    }

    /// The directory override globs are relative to.
    pub fn dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

/// The first configuration file in `start` or its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(in_dir)
}

/// The configuration file directly in `dir`, if any.
pub fn in_dir(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// Reads and validates a configuration file; relative `rules` paths are resolved
/// against its directory. Codes are checked against the rule set later, by
/// [`Policy::new`].
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    let source = crate::input::read::read_utf8(path).map_err(|e| LoadError {
        origin: origin.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })?;
    parse(path, source)
}

/// Parses and validates the text of a configuration file said to be at `path` (which
/// names it in errors and anchors its relative paths; it is not read).
pub fn parse(path: &Path, source: String) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded {
        config: Config::default(),
        path: Some(path.to_path_buf()),
        source,
    };
    loaded.config = toml::from_str(&loaded.source).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        let mut err = loaded.error_at(at, e.message().trim());
        if e.span().is_none() {
            (err.line, err.column) = (0, 0);
        }
        err
    })?;
    let config = &loaded.config;
    if let Some(lang) = &config.source_lang
        && !SOURCE_LANGS.contains(lang.get_ref())
    {
        return Err(loaded.error_at(
            lang.span().start,
            "`source-lang` must be one of fr, de, es, it, pt, ru, pl, nl",
        ));
    }
    for layer in config.layers() {
        for term in &layer.accept {
            if term.get_ref().trim().is_empty() {
                return Err(loaded.error_at(term.span().start, "an accepted term cannot be empty"));
            }
        }
    }
    for o in &config.overrides {
        if o.paths.get_ref().is_empty() {
            return Err(loaded.error_at(o.paths.span().start, "`paths` needs at least one glob"));
        }
        for g in o.paths.get_ref() {
            if let Err(e) = globset::Glob::new(g.get_ref()) {
                return Err(loaded.error_at(g.span().start, format!("invalid glob: {}", e.kind())));
            }
        }
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    loaded.config.rules = loaded.config.rules.iter().map(|r| dir.join(r)).collect();
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_positioned_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mtlint.toml");
        std::fs::write(&p, "style = \"ap\"\nstyel = \"reuters\"\n").unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(e.contains("mtlint.toml:2:1:") && e.contains("styel"), "{e}");
        std::fs::write(&p, "style = \"bbc\"\n").unwrap();
        assert!(
            load(&p)
                .unwrap_err()
                .to_string()
                .contains("mtlint.toml:1:9:")
        );
    }

    #[test]
    fn new_keys_are_validated_with_positions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mtlint.toml");
        let err = |text: &str| {
            std::fs::write(&p, text).unwrap();
            load(&p).unwrap_err().to_string()
        };
        let e = err("select = [\"CAL\"]\nsource-lang = \"en\"\n");
        assert!(
            e.contains("mtlint.toml:2:15:") && e.contains("unknown variant"),
            "{e}"
        );
        let e = err("source-lang = \"any\"\n");
        assert!(
            e.contains("mtlint.toml:1:15:") && e.contains("fr, de, es"),
            "{e}"
        );
        let e = err("accept = [\"Kyiv Independent\", \"  \"]\n");
        assert!(
            e.contains("mtlint.toml:1:31:") && e.contains("empty"),
            "{e}"
        );
        let e = err("[[override]]\npaths = [\"archive/[\"]\n");
        assert!(
            e.contains("mtlint.toml:2:10:") && e.contains("invalid glob"),
            "{e}"
        );
        let e = err("[[override]]\npaths = [\"a/**\"]\nstyle = \"ap\"\n");
        assert!(e.contains("mtlint.toml:3:1:") && e.contains("style"), "{e}");
        let e = err("[severity]\nCAL012 = \"fatal\"\n");
        assert!(e.contains("mtlint.toml:2:10:"), "{e}");
    }

    #[test]
    fn overrides_keep_their_settings() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mtlint.toml");
        std::fs::write(
            &p,
            "select = [\"CAL\"]\n[[override]]\npaths = [\"*.md\"]\nignore = [\"CAL002\"]\n\
             [override.severity]\nCAL = \"error\"\n",
        )
        .unwrap();
        let c = load(&p).unwrap().config;
        assert_eq!(c.layer.select.as_ref().map(Vec::len), Some(1));
        assert_eq!(c.overrides.len(), 1);
        let o = &c.overrides[0];
        assert_eq!(o.paths.get_ref()[0].get_ref(), "*.md");
        assert!(o.layer.select.is_none());
        assert_eq!(o.layer.ignore[0].get_ref(), "CAL002");
        assert_eq!(
            o.layer.severity.values().next(),
            Some(&crate::Severity::Error)
        );
    }

    #[test]
    fn discovered_upwards_with_relative_rules() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join(".mtlint.toml"),
            "style = \"reuters\"\nrules = [\"packs\"]\n",
        )
        .unwrap();
        let found = discover(&sub).unwrap();
        let c = load(&found).unwrap().config;
        assert_eq!(c.style, Some(House::Reuters));
        assert_eq!(c.rules, vec![dir.path().join("packs")]);
    }
}
