//! Every `check --format` on one fixture (snapshots), plus what a snapshot cannot show:
//! `jsonl` agrees with `json`, GitHub commands survive the runner's unescaping, GitLab
//! fingerprints survive unrelated edits, SARIF fixes select the flagged bytes, and
//! Microsoft's SARIF validator accepts the log.
//!
//! The fixture is linted with its own pack (tests/fixtures/output.toml) so the snapshots
//! change only when a format does, not when the built-in rules grow.

mod common;
use assert_cmd::Command;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/output.txt";
const PACK: &str = "tests/fixtures/output.toml";

/// `mtlint check` with the fixture pack only, run from `dir`.
fn check(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--no-config", "--no-default-rules", "--rules"])
        .arg(common::root().join(PACK))
        .args(args)
        .output()
        .unwrap()
}

/// stdout of `check --format FORMAT` on the fixture (a relative path, as a user types
/// it), which must exit 1 (findings).
fn fixture_output(format: &str) -> String {
    let out = check(
        &common::root(),
        &["--format", format, "--color", "never", FIXTURE],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The fixture's `json` diagnostics.
fn json_diagnostics() -> Vec<Value> {
    let v: Value = serde_json::from_str(&fixture_output("json")).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

/// The SARIF log, with the version number masked so a release does not churn the
/// snapshot.
fn sarif_snapshot(s: &str) -> String {
    s.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[version]\"",
    )
}

#[test]
fn fixture_has_a_finding_whose_columns_are_not_bytes() {
    // The premise of the column checks below: a finding after non-ASCII text.
    let text = common::read(FIXTURE);
    let d = json_diagnostics();
    let shifted = d.iter().any(|d| {
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let col = d["start"]["column"].as_u64().unwrap() as usize;
        col == text[line_start..start].chars().count() + 1 && col != start - line_start + 1
    });
    assert!(shifted, "no finding after non-ASCII characters");
    // Every severity, a multi-line span, no suggestion, an empty suggestion and a rule
    // that fires twice on the same text: each branch of each format is exercised.
    let severities: Vec<&str> = d.iter().map(|d| d["severity"].as_str().unwrap()).collect();
    for s in ["info", "warning", "error"] {
        assert!(severities.contains(&s), "no {s} finding");
    }
    assert!(d.iter().any(|d| d["start"]["line"] != d["end"]["line"]));
    assert!(
        d.iter()
            .any(|d| d["suggestions"].as_array().unwrap().is_empty())
    );
    assert!(d.iter().any(|d| d["suggestions"][0] == ""));
}

#[test]
fn snapshots() {
    insta::assert_snapshot!("human", fixture_output("human"));
    insta::assert_snapshot!("json", fixture_output("json"));
    insta::assert_snapshot!("jsonl", fixture_output("jsonl"));
    insta::assert_snapshot!("concise", fixture_output("concise"));
    insta::assert_snapshot!("sarif", sarif_snapshot(&fixture_output("sarif")));
    insta::assert_snapshot!("github", fixture_output("github"));
    insta::assert_snapshot!("gitlab", fixture_output("gitlab"));
}

#[test]
fn statistics_follow_human_output_and_go_to_stderr_otherwise() {
    let human = check(
        &common::root(),
        &["--statistics", "--color", "never", FIXTURE],
    );
    let stdout = String::from_utf8(human.stdout).unwrap();
    let plain = fixture_output("human");
    let stats = stdout
        .strip_prefix(&plain)
        .expect("human output comes first, unchanged");
    insta::assert_snapshot!("statistics", stats);
    assert!(human.stderr.is_empty());

    // Counted from the json output: sorted by count, then code.
    let mut counts: HashMap<String, (String, usize)> = HashMap::new();
    for d in json_diagnostics() {
        let e = counts
            .entry(d["rule"].as_str().unwrap().to_string())
            .or_insert((d["name"].as_str().unwrap().to_string(), 0));
        e.1 += 1;
    }
    let mut expected: Vec<_> = counts.into_iter().collect();
    expected.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(&b.0)));
    let rows: Vec<(String, String, usize)> = stats
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_string(), f[1].to_string(), f[2].parse().unwrap())
        })
        .collect();
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(code, (name, n))| (code, name, n))
        .collect();
    assert_eq!(rows, expected);

    for format in ["json", "sarif", "gitlab"] {
        let out = check(
            &common::root(),
            &["--statistics", "--format", format, FIXTURE],
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), fixture_output(format));
        assert_eq!(stderr(&out), stats, "{format}");
    }
}

#[test]
fn jsonl_lines_are_the_json_diagnostics() {
    let lines: Vec<Value> = fixture_output("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines, json_diagnostics());
}

#[test]
fn concise_lines_match_json() {
    let out = fixture_output("concise");
    let diags = json_diagnostics();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), diags.len());
    for (line, d) in lines.iter().zip(&diags) {
        let mut expected = format!(
            "{}:{}:{}: {} {}",
            d["path"].as_str().unwrap(),
            d["start"]["line"],
            d["start"]["column"],
            d["rule"].as_str().unwrap(),
            // A message quoting a span over two lines stays on one.
            d["message"].as_str().unwrap().replace('\n', " "),
        );
        if let Some(fix) = d["suggestions"][0].as_str() {
            expected.push_str(&format!(" → “{fix}”"));
        }
        assert_eq!(*line, expected);
    }
}

/// The runner's unescaping (actions/runner `ActionCommand.cs`).
fn unescape(s: &str, property: bool) -> String {
    let mut s = s.replace("%0D", "\r").replace("%0A", "\n");
    if property {
        s = s.replace("%3A", ":").replace("%2C", ",");
    }
    s.replace("%25", "%")
}

/// Parses `::command key=value,…::message` the way the runner does.
fn parse_command(line: &str) -> (String, HashMap<String, String>, String) {
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("command and message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), unescape(v, true))
        })
        .collect();
    (command.to_string(), props, unescape(message, false))
}

#[test]
fn github_commands_survive_the_runners_unescaping() {
    // A file name with every character that needs escaping in a property.
    let dir = tempfile::tempdir().unwrap();
    let name = "dépêche,1:2%.txt";
    std::fs::write(dir.path().join(name), common::read(FIXTURE)).unwrap();
    let out = check(dir.path(), &["--format", "github", name]);
    let github = String::from_utf8(out.stdout).unwrap();
    let out = check(dir.path(), &["--format", "json", name]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();

    let lines: Vec<&str> = github.lines().collect();
    assert_eq!(lines.len(), diags.len(), "one line per finding:\n{github}");
    assert!(github.contains("file=dépêche%2C1%3A2%25.txt,"));
    for (line, d) in lines.iter().zip(diags) {
        let (command, props, message) = parse_command(line);
        let expected_command = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(command, expected_command);
        assert_eq!(props["file"], name);
        assert_eq!(props["title"], d["rule"].as_str().unwrap());
        assert_eq!(message, d["message"].as_str().unwrap());
        assert_eq!(props["line"], d["start"]["line"].to_string());
        assert_eq!(props["endLine"], d["end"]["line"].to_string());
        if d["start"]["line"] == d["end"]["line"] {
            assert_eq!(props["col"], d["start"]["column"].to_string());
            assert_eq!(props["endColumn"], d["end"]["column"].to_string());
        } else {
            // GitHub refuses columns on an annotation over several lines.
            assert!(!props.contains_key("col") && !props.contains_key("endColumn"));
        }
    }
    // The message escapes `%` and line breaks but leaves `:` and `,` as they are.
    assert!(github.contains("“12,5 %25”: write"));
    assert!(github.contains("“blinded%0Avehicles”"));

    // Standard input has no file to point at.
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--no-config", "--no-default-rules", "--rules"])
        .arg(common::root().join(PACK))
        .args(["--format", "github", "-"])
        .write_stdin("Police sent blinded vehicles.\n")
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    assert!(line.starts_with("::warning line=1,col=13,"), "{line}");
}

/// `(fingerprint, begin line)` of each GitLab issue for `text` saved as `story.txt`.
fn gitlab_issues(text: &str) -> Vec<(String, u64)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), text).unwrap();
    let out = check(dir.path(), &["--format", "gitlab", "./story.txt"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["location"]["path"], "story.txt", "leading ./ dropped");
            (
                i["fingerprint"].as_str().unwrap().to_string(),
                i["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn gitlab_fingerprints_are_unique_and_survive_unrelated_edits() {
    let text = common::read(FIXTURE);
    let before = gitlab_issues(&text);
    let mut fps: Vec<&String> = before.iter().map(|(f, _)| f).collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), before.len(), "two findings share a fingerprint");

    let edited = format!("Updated at 6 p.m. with the minister's reply.\n{text}");
    let after = gitlab_issues(&edited);
    assert_eq!(after.len(), before.len());
    for ((f0, l0), (f1, l1)) in before.iter().zip(&after) {
        assert_eq!(*l1, l0 + 1, "the edit moved every finding down a line");
        assert_eq!(f0, f1);
    }

    // A finding whose text changes is a new finding; the others keep their identity.
    let other = gitlab_issues(&text.replace("12,5 %", "17,5 %"));
    let changed = before
        .iter()
        .zip(&other)
        .filter(|(a, b)| a.0 != b.0)
        .count();
    assert_eq!(changed, 1);

    // No findings: still a valid (empty) report.
    assert!(gitlab_issues("Farmers met the minister on Monday.\n").is_empty());
}

#[test]
fn sarif_regions_and_fixes_select_the_flagged_bytes() {
    let text = common::read(FIXTURE);
    let bytes = text.as_bytes();
    let log: Value = serde_json::from_str(&fixture_output("sarif")).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "mtlint");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let diags = json_diagnostics();
    assert_eq!(results.len(), diags.len());

    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "each rule listed once");

    for (r, d) in results.iter().zip(&diags) {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], r["ruleId"]);
        assert_eq!(r["ruleId"], d["rule"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            s => s,
        };
        assert_eq!(r["level"], level);
        assert_eq!(rule["defaultConfiguration"]["level"], level);
        assert_eq!(r["message"]["text"], d["message"]);

        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], FIXTURE);
        let region = &loc["region"];
        assert_eq!(region["startLine"], d["start"]["line"]);
        assert_eq!(region["startColumn"], d["start"]["column"]);
        assert_eq!(region["endLine"], d["end"]["line"]);
        assert_eq!(region["endColumn"], d["end"]["column"]);
        let off = region["byteOffset"].as_u64().unwrap() as usize;
        let len = region["byteLength"].as_u64().unwrap() as usize;
        assert_eq!(
            &bytes[off..off + len],
            d["text"].as_str().unwrap().as_bytes()
        );
        assert_eq!(region["snippet"]["text"], d["text"]);

        let suggestions = d["suggestions"].as_array().unwrap();
        let fixes = r["fixes"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        assert_eq!(fixes.len(), suggestions.len());
        for (fix, s) in fixes.iter().zip(suggestions) {
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], FIXTURE);
            let rep = &change["replacements"][0];
            let off = rep["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
            let len = rep["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
            assert_eq!(&text[off..off + len], d["text"].as_str().unwrap());
            assert_eq!(rep["insertedContent"]["text"], *s);
        }
    }
}

#[test]
fn sarif_uris_are_valid_references() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub dir")).unwrap();
    let name = "sub dir/dépêche #1.txt";
    std::fs::write(dir.path().join(name), "Police sent blinded vehicles.\n").unwrap();
    let out = check(dir.path(), &["--format", "sarif", name]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let loc = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "sub%20dir/d%C3%A9p%C3%AAche%20%231.txt"
    );

    let abs = dir.path().join(name);
    let out = check(dir.path(), &["--format", "sarif", abs.to_str().unwrap()]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(
        uri.ends_with("/sub%20dir/d%C3%A9p%C3%AAche%20%231.txt"),
        "{uri}"
    );
}

/// Microsoft's SARIF validator: `SARIF_MULTITOOL`, else the copy `.ci/run` installs
/// under `.ci/node`, else `Sarif.Multitool` on the PATH.
fn multitool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SARIF_MULTITOOL") {
        return Some(PathBuf::from(p));
    }
    let local = common::root()
        .join(".ci/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if local.is_file() {
        return Some(local);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("Sarif.Multitool"))
            .find(|p| p.is_file())
    })
}

#[test]
fn sarif_passes_microsofts_validator() {
    let Some(tool) = multitool() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "the SARIF validator is not installed: .ci/run installs it with npm under .ci/node"
            );
        }
        eprintln!(
            "skipped: SARIF validator not found (npm install --prefix .ci/node \
             @microsoft/sarif-multitool-linux, or set SARIF_MULTITOOL)"
        );
        return;
    };
    // Four logs: a file with findings by relative and by absolute path, standard input,
    // and a clean file (no results).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fixture.sarif"),
        fixture_output("sarif").as_bytes(),
    )
    .unwrap();
    let stdin = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--no-config", "--no-default-rules", "--rules"])
        .arg(common::root().join(PACK))
        .args(["--format", "sarif"])
        .write_stdin(common::read(FIXTURE))
        .output()
        .unwrap();
    std::fs::write(dir.path().join("stdin.sarif"), &stdin.stdout).unwrap();
    let abs = common::root().join(FIXTURE);
    let abs = check(dir.path(), &["--format", "sarif", abs.to_str().unwrap()]);
    std::fs::write(dir.path().join("absolute.sarif"), &abs.stdout).unwrap();
    std::fs::write(dir.path().join("clean.txt"), "The minister met farmers.\n").unwrap();
    let clean = check(dir.path(), &["--format", "sarif", "clean.txt"]);
    assert_eq!(clean.status.code(), Some(0));
    std::fs::write(dir.path().join("clean.sarif"), &clean.stdout).unwrap();

    let report = dir.path().join("validation.json");
    let out = std::process::Command::new(&tool)
        .arg("validate")
        .args([
            "fixture.sarif",
            "absolute.sarif",
            "stdin.sarif",
            "clean.sarif",
        ])
        .arg("--output")
        .arg(&report)
        .args(["--log", "ForceOverwrite"])
        .current_dir(dir.path())
        // The validator needs no culture data; without this .NET wants libicu.
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", tool.display()));
    let console = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "validator failed:\n{console}");
    assert!(
        console.contains("4 files scanned"),
        "validator did not read the logs:\n{console}"
    );
    // The validator exits 0 whatever it finds: its verdicts are results of its own SARIF
    // log, at level `error` for schema and rule violations (`warning` for advice).
    let verdict: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let mut errors = Vec::new();
    for run in verdict["runs"].as_array().unwrap() {
        for inv in run["invocations"].as_array().into_iter().flatten() {
            assert_eq!(inv["executionSuccessful"], true, "{console}");
        }
        for r in run["results"].as_array().into_iter().flatten() {
            if r["level"] == "error" {
                errors.push(format!("{} {}", r["ruleId"], r["message"]));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "SARIF validation errors:\n{}\n\n{console}",
        errors.join("\n")
    );
}
