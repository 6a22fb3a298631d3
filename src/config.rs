//! `mtlint.toml` (or `.mtlint.toml`): per-newsroom settings, found by walking up from
//! the current directory, or named with `--config`. Unknown keys are errors with
//! file:line:col, like rule packs.

use crate::rules::loader::LoadError;
use crate::rules::schema::House;
use crate::text::LineIndex;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// File names looked for, in order, in each directory.
pub const FILE_NAMES: &[&str] = &["mtlint.toml", ".mtlint.toml"];

/// The settings a configuration file may hold.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// House style for names: `ap` or `reuters`.
    pub style: Option<House>,
    /// Lowest severity that makes `check` exit with 1.
    pub fail_on: Option<FailOn>,
    /// Extra rule packs (files or directories), relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Leave out the built-in packs.
    #[serde(default)]
    pub no_default_rules: bool,
}

/// The lowest severity that makes `check` exit with 1 (`--fail-on`, `fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
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
}

/// The first configuration file in `start` or its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Reads and validates a configuration file; relative `rules` paths are resolved
/// against its directory.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    let source = std::fs::read_to_string(path).map_err(|e| LoadError {
        origin: origin.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })?;
    let mut config: Config = toml::from_str(&source).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| {
            let lc = LineIndex::new(&source).line_col(&source, s.start.min(source.len()));
            (lc.line, lc.column)
        });
        LoadError {
            origin: origin.clone(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    config.rules = config.rules.iter().map(|r| dir.join(r)).collect();
    Ok(Loaded {
        config,
        path: Some(path.to_path_buf()),
    })
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
