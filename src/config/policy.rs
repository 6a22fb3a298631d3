//! A configuration file's rule settings, checked against a rule set and applied to the
//! diagnostics of a full lint: which rules count, at what severity, which terms are
//! accepted — with `[[override]]` tables changing them per path.

use super::accept::{self, AcceptList};
use super::codes::CodePattern;
use super::discover::absolute;
use super::{Layer, Loaded};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Rule;
use crate::rules::loader::LoadError;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One layer with its codes parsed and its terms compiled.
#[derive(Debug, Default)]
struct Compiled {
    select: Option<Vec<CodePattern>>,
    ignore: Vec<CodePattern>,
    severity: Vec<(CodePattern, Severity)>,
    accept: Arc<AcceptList>,
}

/// An `[[override]]` table, compiled.
#[derive(Debug)]
struct CompiledOverride {
    /// Globs without `/`, matched against the file name.
    names: GlobSet,
    /// Globs with `/`, matched against the path relative to the configuration directory.
    paths: GlobSet,
    /// The globs as written, for display.
    globs: Vec<String>,
    /// Line of the table's `paths` key, for display.
    line: usize,
    layer: Compiled,
}

/// The rule settings in force for one path: the top level of the configuration merged
/// with every override whose globs match.
#[derive(Debug, Clone, Default)]
pub struct Effective {
    /// Selected codes and prefixes; empty selects every rule.
    pub select: Vec<CodePattern>,
    /// Ignored codes and prefixes (win over `select`).
    pub ignore: Vec<CodePattern>,
    /// Severity by code or prefix; the longest matching key wins.
    pub severity: BTreeMap<CodePattern, Severity>,
    /// Accepted terms, one list per contributing layer.
    pub accept: Vec<Arc<AcceptList>>,
    /// Which overrides matched: `(line of their paths key, their globs)`.
    pub overrides: Vec<(usize, Vec<String>)>,
}

impl Effective {
    /// Whether the findings of rule `code` are kept.
    pub fn enabled(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| p.matches(code)))
            && !self.ignore.iter().any(|p| p.matches(code))
    }

    /// The configured severity of rule `code`, if any key matches it.
    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(p, _)| p.matches(code))
            .max_by_key(|(p, _)| p.specificity())
            .map(|(_, s)| *s)
    }

    /// Every accepted term, in order, without repeats.
    pub fn accepted_terms(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in self.accept.iter().flat_map(|l| l.terms()) {
            if !out.contains(&t.as_str()) {
                out.push(t);
            }
        }
        out
    }
}

/// A configuration's rule settings, validated against a rule set.
#[derive(Debug)]
pub struct Policy {
    /// Absolute directory of the configuration file (globs are relative to it).
    dir: Option<PathBuf>,
    base: Compiled,
    overrides: Vec<CompiledOverride>,
    /// Rule code → index into `reseverity`.
    index: HashMap<String, usize>,
    rules: Vec<Arc<Rule>>,
    /// A copy of each rule per severity, made on first use and shared by all its
    /// diagnostics (a diagnostic reports its rule's severity).
    reseverity: Vec<[OnceLock<Arc<Rule>>; 3]>,
}

impl Policy {
    /// Checks every code and prefix of `loaded` against `rules` (each must name at least
    /// one rule) and compiles its globs and accepted terms. Errors carry file:line:col.
    pub fn new(loaded: &Loaded, rules: &[Arc<Rule>]) -> Result<Self, Vec<LoadError>> {
        let mut errors = Vec::new();
        let config = &loaded.config;
        let base = compile_layer(loaded, &config.layer, rules, &mut errors);
        let mut overrides = Vec::new();
        for o in &config.overrides {
            let layer = compile_layer(loaded, &o.layer, rules, &mut errors);
            let mut names = GlobSetBuilder::new();
            let mut paths = GlobSetBuilder::new();
            for g in o.paths.get_ref() {
                let raw = g.get_ref().trim_start_matches("./").trim_start_matches('/');
                let (set, literal_separator) = if raw.contains('/') {
                    (&mut paths, true)
                } else {
                    (&mut names, false)
                };
                match GlobBuilder::new(raw)
                    .literal_separator(literal_separator)
                    .build()
                {
                    Ok(glob) => {
                        set.add(glob);
                    }
                    Err(e) => errors.push(
                        loaded.error_at(g.span().start, format!("invalid glob: {}", e.kind())),
                    ),
                }
            }
            let build = |b: GlobSetBuilder| b.build().unwrap_or_else(|_| GlobSet::empty());
            overrides.push(CompiledOverride {
                names: build(names),
                paths: build(paths),
                globs: o
                    .paths
                    .get_ref()
                    .iter()
                    .map(|g| g.get_ref().clone())
                    .collect(),
                line: loaded.error_at(o.paths.span().start, "").line,
                layer,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        Ok(Policy {
            dir: loaded.dir().map(|d| absolute(&cwd, d)),
            base,
            overrides,
            index: rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.code.clone(), i))
                .collect(),
            rules: rules.to_vec(),
            reseverity: rules
                .iter()
                .map(|_| std::array::from_fn(|_| OnceLock::new()))
                .collect(),
        })
    }

    /// The settings for a file at `path` (`None`: standard input, which no override
    /// matches).
    pub fn effective(&self, path: Option<&Path>) -> Effective {
        let mut eff = Effective {
            select: self.base.select.clone().unwrap_or_default(),
            ignore: self.base.ignore.clone(),
            severity: self.base.severity.iter().cloned().collect(),
            accept: vec![self.base.accept.clone()],
            overrides: Vec::new(),
        };
        for o in self.matching(path) {
            if let Some(s) = &o.layer.select {
                eff.select = s.clone();
            }
            eff.ignore.extend(o.layer.ignore.iter().cloned());
            eff.severity.extend(o.layer.severity.iter().cloned());
            eff.accept.push(o.layer.accept.clone());
            eff.overrides.push((o.line, o.globs.clone()));
        }
        eff
    }

    fn matching(&self, path: Option<&Path>) -> impl Iterator<Item = &CompiledOverride> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let rel = path.zip(self.dir.as_deref()).and_then(|(p, dir)| {
            absolute(&cwd, p)
                .strip_prefix(dir)
                .ok()
                .map(Path::to_path_buf)
        });
        self.overrides.iter().filter(move |o| {
            rel.as_deref().is_some_and(|r| {
                o.paths.is_match(r) || r.file_name().is_some_and(|n| o.names.is_match(n))
            })
        })
    }

    /// Applies the settings for `path` to `diags`, the findings of a lint of `text` with
    /// every rule: drops disabled rules and accepted terms, and re-rates severities.
    pub fn apply(
        &self,
        path: Option<&Path>,
        text: &str,
        diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        self.apply_effective(&self.effective(path), text, diags)
    }

    /// [`Policy::apply`] with settings already resolved.
    pub fn apply_effective(
        &self,
        eff: &Effective,
        text: &str,
        mut diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        diags.retain(|d| eff.enabled(&d.rule.code));
        let lists: Vec<&AcceptList> = eff.accept.iter().map(Arc::as_ref).collect();
        let mut diags = accept::filter(&lists, text, diags);
        if !eff.severity.is_empty() {
            for d in &mut diags {
                if let Some(s) = eff.severity_of(&d.rule.code)
                    && s != d.rule.severity
                {
                    d.rule = self.with_severity(&d.rule, s);
                }
            }
        }
        diags
    }

    /// Rule `rule` at severity `s`, one shared copy per rule and severity.
    fn with_severity(&self, rule: &Arc<Rule>, s: Severity) -> Arc<Rule> {
        let Some(&i) = self.index.get(&rule.code) else {
            // A rule outside the set the policy was built for: copy it each time.
            return Arc::new(Rule {
                severity: s,
                ..Rule::clone(rule)
            });
        };
        self.reseverity[i][s as usize]
            .get_or_init(|| {
                Arc::new(Rule {
                    severity: s,
                    ..Rule::clone(&self.rules[i])
                })
            })
            .clone()
    }
}

/// Parses a layer's codes and prefixes, each of which must name at least one rule.
fn compile_layer(
    loaded: &Loaded,
    layer: &Layer,
    rules: &[Arc<Rule>],
    errors: &mut Vec<LoadError>,
) -> Compiled {
    let mut code = |s: &toml::Spanned<String>| -> Option<CodePattern> {
        let at = s.span().start;
        match CodePattern::parse(s.get_ref()) {
            Ok(p) if rules.iter().any(|r| p.matches(&r.code)) => Some(p),
            Ok(p) => {
                errors.push(loaded.error_at(at, format!("`{p}` matches no rule")));
                None
            }
            Err(e) => {
                errors.push(loaded.error_at(at, e));
                None
            }
        }
    };
    let select = layer
        .select
        .as_ref()
        .map(|v| v.iter().filter_map(&mut code).collect());
    let ignore = layer.ignore.iter().filter_map(&mut code).collect();
    let severity = layer
        .severity
        .iter()
        .filter_map(|(k, s)| code(k).map(|p| (p, *s)))
        .collect();
    let accept = match AcceptList::new(layer.accept.iter().map(|t| t.get_ref().as_str())) {
        Ok(a) => a,
        Err(e) => {
            let at = layer.accept.first().map_or(0, |t| t.span().start);
            errors.push(loaded.error_at(at, format!("cannot compile accepted terms: {e}")));
            AcceptList::default()
        }
    };
    Compiled {
        select,
        ignore,
        severity,
        accept: Arc::new(accept),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    fn policy(linter: &Linter, toml: &str) -> Result<Policy, Vec<LoadError>> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("mtlint.toml");
        std::fs::write(&p, toml).unwrap();
        Policy::new(&super::super::load(&p).unwrap(), linter.rules())
    }

    #[test]
    fn codes_must_name_rules_and_errors_are_all_reported() {
        let linter = Linter::builtin().unwrap();
        let errs = policy(
            &linter,
            "select = [\"CAL\", \"XYZ\"]\nignore = [\"CAL9\", \"CAL-2\"]\n",
        )
        .unwrap_err();
        let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(
            shown[0].ends_with("mtlint.toml:1:18: `XYZ` matches no rule"),
            "{shown:?}"
        );
        assert!(
            shown[1].ends_with("mtlint.toml:2:11: `CAL9` matches no rule"),
            "{shown:?}"
        );
        assert!(
            shown[2].contains("mtlint.toml:2:19: `CAL-2` is not a rule code"),
            "{shown:?}"
        );
    }

    #[test]
    fn most_specific_severity_wins_and_copies_are_shared() {
        let linter = Linter::builtin().unwrap();
        let p = policy(&linter, "[severity]\nCAL = \"info\"\ncal002 = \"error\"\n").unwrap();
        let text = "A reflection group met. Another reflection group met. The ministry took note.";
        let eff = p.effective(None);
        assert_eq!(eff.severity_of("CAL002"), Some(Severity::Error));
        assert_eq!(eff.severity_of("CAL001"), Some(Severity::Info));
        assert_eq!(eff.severity_of("ACR901"), None);
        let diags = p.apply(None, text, linter.lint(text));
        let groups: Vec<_> = diags.iter().filter(|d| d.rule.code == "CAL002").collect();
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|d| d.rule.severity == Severity::Error));
        assert!(Arc::ptr_eq(&groups[0].rule, &groups[1].rule));
        // The rule set itself is untouched.
        assert_ne!(linter.rule("CAL002").unwrap().severity, Severity::Error);
    }
}
