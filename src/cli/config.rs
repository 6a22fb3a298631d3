//! `mtlint config [PATH]`: the configuration in force for a file or directory, printed
//! as TOML that could serve as an mtlint.toml, with the files it came from as comments.

use super::{EXIT_ERROR, EXIT_OK, error, is_broken_pipe};
use crate::config::{Effective, FailOn, Profile, Profiles};
use crate::diagnostic::Severity;
use crate::rules::schema::{House, Lang};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The printed settings, in the key order of the README.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Shown<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    style: Option<House>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_lang: Option<Lang>,
    fail_on: FailOn,
    no_default_rules: bool,
    rules: Vec<String>,
    select: Vec<&'a str>,
    ignore: Vec<&'a str>,
    accept: Vec<&'a str>,
    severity: BTreeMap<&'a str, Severity>,
}

pub(super) fn show(path: Option<&Path>, mut profiles: Profiles) -> u8 {
    let target = path.unwrap_or(Path::new("."));
    // A directory has no file name for overrides to match: show its top-level settings.
    let (file, for_file) = if target.is_dir() {
        (profiles.config_file_in(target), None)
    } else {
        (profiles.config_file(Some(target)), Some(target))
    };
    let profile = match profiles.for_config(file) {
        Ok(p) => p,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let eff = profile.policy.effective(for_file);
    let text = render(target, &profile, &eff, &profiles);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if !is_broken_pipe(&e) => {
            error(&format!("cannot write output: {e}"));
            EXIT_ERROR
        }
        _ => EXIT_OK,
    }
}

fn render(target: &Path, profile: &Profile, eff: &Effective, profiles: &Profiles) -> String {
    let cli = profiles.cli();
    let mut head = format!("# Configuration in force for {}\n", target.display());
    match &profile.loaded.path {
        Some(p) => head.push_str(&format!("# from {}\n", p.display())),
        None => head.push_str("# no configuration file: defaults\n"),
    }
    let origin = profile.loaded.origin();
    for (line, globs) in &eff.overrides {
        head.push_str(&format!(
            "# with [[override]] at {origin}:{line} (paths = {globs:?})\n"
        ));
    }
    let given: Vec<&str> = [
        ("--style", cli.style.is_some()),
        ("--fail-on", cli.fail_on.is_some()),
        ("--rules", !cli.rules.is_empty()),
        ("--no-default-rules", cli.no_default_rules),
    ]
    .into_iter()
    .filter_map(|(flag, on)| on.then_some(flag))
    .collect();
    if !given.is_empty() {
        head.push_str(&format!("# command line: {}\n", given.join(", ")));
    }
    let c = &profile.loaded.config;
    let shown = Shown {
        style: profile.style,
        source_lang: profile.source_lang,
        fail_on: profile.fail_on,
        no_default_rules: cli.no_default_rules || c.no_default_rules,
        rules: c
            .rules
            .iter()
            .chain(&cli.rules)
            .map(|p| p.display().to_string())
            .collect(),
        select: eff.select.iter().map(|p| p.as_str()).collect(),
        ignore: eff.ignore.iter().map(|p| p.as_str()).collect(),
        accept: eff.accepted_terms(),
        severity: eff.severity.iter().map(|(p, s)| (p.as_str(), *s)).collect(),
    };
    let body = toml::to_string(&shown).expect("settings serialize to TOML");
    head + "\n" + &body
}
