//! From a linted file to everything needed to lint it: its configuration file, the
//! linter that file's rule-set keys call for, and its rule policy — each built once and
//! shared by every file it applies to.

use super::discover::Discovery;
use super::policy::Policy;
use super::{FailOn, Loaded};
use crate::diagnostic::Diagnostic;
use crate::engine::{Linter, LinterBuilder};
use crate::rules::loader::LoadError;
use crate::rules::schema::{House, Lang};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings given on the command line: they win over every configuration file.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--style`.
    pub style: Option<House>,
    /// `--fail-on`.
    pub fail_on: Option<FailOn>,
    /// `--rules`, added to the packs of the configuration.
    pub rules: Vec<PathBuf>,
    /// `--no-default-rules`.
    pub no_default_rules: bool,
    /// `--source-lang`.
    pub source_lang: Option<Lang>,
}

/// Where configuration comes from.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    /// The nearest `mtlint.toml` or `.mtlint.toml` above each file.
    Nearest,
    /// One file for every input (`--config`).
    File(PathBuf),
    /// No configuration (`--no-config`).
    None,
}

/// A configuration file ready for use: its linter and its rule policy.
#[derive(Debug)]
pub struct Profile {
    /// The configuration (default when no file applies).
    pub loaded: Loaded,
    /// The linter for its rule-set keys and the command line.
    pub linter: Arc<Linter>,
    /// Its rule settings, checked against the linter's rules.
    pub policy: Policy,
    /// The failure level: `--fail-on`, else `fail-on`, else warning.
    pub fail_on: FailOn,
    /// The house style: `--style`, else `style`.
    pub style: Option<House>,
    /// `source-lang`, if set.
    pub source_lang: Option<Lang>,
}

impl Profile {
    /// Lints `text`, read from `path` (`None`: standard input), under this profile's
    /// settings for that path. Rules switched off for the path are dropped before
    /// overlapping findings are resolved, so they cannot hide another rule's finding.
    pub fn lint(&self, path: Option<&Path>, text: &str) -> Vec<Diagnostic> {
        self.lint_as(path, text, self.source_lang)
    }

    /// [`Profile::lint`] with the source language given by the caller instead of the
    /// profile's (`None`: every pack runs, and the rules safe only for a known source
    /// run for the source the findings point to) — a front end that lets each request name
    /// its source language (`mtlint serve`) shares one profile across languages.
    pub fn lint_as(&self, path: Option<&Path>, text: &str, hint: Option<Lang>) -> Vec<Diagnostic> {
        let eff = self.policy.effective(path);
        let diags = self.linter.lint_where(text, hint, |r| {
            eff.enabled(&r.code) && crate::language::runs_for(r.source, hint)
        });
        self.policy.apply_effective(&eff, text, diags)
    }

    /// Whether `diags` hold a finding at or above the failure level.
    pub fn fails(&self, diags: &[Diagnostic]) -> bool {
        self.fail_on
            .threshold()
            .is_some_and(|t| diags.iter().any(|d| d.rule.severity >= t))
    }
}

/// What makes two linters differ.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct LinterKey {
    builtin: bool,
    packs: Vec<PathBuf>,
    style: Option<House>,
}

/// Profiles by configuration file, built on first use.
#[derive(Debug)]
pub struct Profiles {
    source: ConfigSource,
    cli: CliSettings,
    discovery: Discovery,
    by_file: HashMap<Option<PathBuf>, Arc<Profile>>,
    linters: HashMap<LinterKey, Arc<Linter>>,
}

impl Profiles {
    /// Profiles for configuration from `source`, with the command line's `cli` on top.
    pub fn new(source: ConfigSource, cli: CliSettings) -> Self {
        Profiles {
            source,
            cli,
            discovery: Discovery::new(),
            by_file: HashMap::new(),
            linters: HashMap::new(),
        }
    }

    /// The configuration file that applies to a file at `path` (`None`: standard
    /// input), if any.
    pub fn config_file(&mut self, path: Option<&Path>) -> Option<PathBuf> {
        match &self.source {
            ConfigSource::Nearest => self.discovery.for_file(path),
            ConfigSource::File(f) => Some(f.clone()),
            ConfigSource::None => None,
        }
    }

    /// The configuration file that applies in directory `dir`, if any.
    pub fn config_file_in(&mut self, dir: &Path) -> Option<PathBuf> {
        match &self.source {
            ConfigSource::Nearest => {
                let cwd = std::env::current_dir().unwrap_or_default();
                self.discovery
                    .for_dir(&super::discover::absolute(&cwd, dir))
            }
            ConfigSource::File(f) => Some(f.clone()),
            ConfigSource::None => None,
        }
    }

    /// The profile for a file at `path` (`None`: standard input). The error is a
    /// complete message: invalid configuration (file:line:col) or invalid rules.
    pub fn for_path(&mut self, path: Option<&Path>) -> Result<Arc<Profile>, String> {
        let file = self.config_file(path);
        self.for_config(file)
    }

    /// The profile for configuration file `file` (`None`: no file).
    pub fn for_config(&mut self, file: Option<PathBuf>) -> Result<Arc<Profile>, String> {
        if let Some(p) = self.by_file.get(&file) {
            return Ok(p.clone());
        }
        let loaded = match &file {
            Some(f) => super::load(f).map_err(|e| report("invalid configuration", &[e]))?,
            None => Loaded::default(),
        };
        let c = &loaded.config;
        let style = self.cli.style.or(c.style);
        let key = LinterKey {
            builtin: !(self.cli.no_default_rules || c.no_default_rules),
            packs: c.rules.iter().chain(&self.cli.rules).cloned().collect(),
            style,
        };
        let linter = match self.linters.get(&key) {
            Some(l) => l.clone(),
            None => {
                let l = Arc::new(build_linter(&key).map_err(|e| list("invalid rules", &e))?);
                self.linters.insert(key, l.clone());
                l
            }
        };
        let policy = Policy::new(&loaded, linter.rules())
            .map_err(|e| report("invalid configuration", &e))?;
        let profile = Arc::new(Profile {
            fail_on: self.cli.fail_on.or(c.fail_on).unwrap_or(FailOn::Warning),
            style,
            source_lang: self
                .cli
                .source_lang
                .or(c.source_lang.as_ref().map(|l| *l.get_ref())),
            loaded,
            linter,
            policy,
        });
        self.by_file.insert(file, profile.clone());
        Ok(profile)
    }

    /// Forgets every configuration file found and loaded, so that the next lookups read
    /// them again (a long-lived process, such as the language server, after a
    /// `mtlint.toml` changed). Built linters are kept: they depend on rule packs, not on
    /// the files that select them, and building one is the expensive part.
    pub fn forget_configs(&mut self) {
        self.discovery = Discovery::new();
        self.by_file.clear();
    }

    /// The command-line settings.
    pub fn cli(&self) -> &CliSettings {
        &self.cli
    }
}

fn build_linter(key: &LinterKey) -> Result<Linter, Vec<LoadError>> {
    let mut b = LinterBuilder::new();
    if key.builtin {
        b = b.builtin();
    }
    for p in &key.packs {
        b = b.add_path(p);
    }
    b.style(key.style).build()
}

/// `what: error`, or `what:` and one indented error per line.
fn report(what: &str, errors: &[LoadError]) -> String {
    match errors {
        [one] => format!("{what}: {one}"),
        _ => list(what, errors),
    }
}

/// `what:` and one indented error per line.
fn list(what: &str, errors: &[LoadError]) -> String {
    let mut s = format!("{what}:");
    for e in errors {
        s.push_str(&format!("\n  {e}"));
    }
    s
}
