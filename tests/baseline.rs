//! Baselines: `--write-baseline` records the findings, `--baseline` reports only new ones,
//! surviving edits elsewhere in the file and counting identical findings.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn mtlint() -> Command {
    Command::cargo_bin("mtlint").unwrap()
}

const STORY: &str = "\
Ukrainian forces shelled the Koursk region overnight, the regional governor said.

The defence ministry met at 14 h 30 with a reflection group close to the government.
Diplomats expect the question to dominate the OTAN summit next month.
";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Records a baseline of `files` in `dir` (no configuration).
fn record(dir: &Path, files: &[&str]) {
    mtlint()
        .current_dir(dir)
        .args(["check", "--no-config", "--write-baseline", "baseline.json"])
        .args(files)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("recorded"));
}

/// `check --baseline baseline.json` in `dir`: exit code and `(rule, text, line)` of each
/// finding reported.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<(String, String, u64)>) {
    let out = mtlint()
        .current_dir(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(["--baseline", "baseline.json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["text"].as_str().unwrap().to_string(),
                d["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (code, found)
}

fn texts(found: &[(String, String, u64)]) -> Vec<&str> {
    found.iter().map(|f| f.1.as_str()).collect()
}

#[test]
fn recorded_findings_are_not_reported_again() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("news/kursk.txt"), STORY);
    record(dir.path(), &["news"]);
    let (code, found) = check(dir.path(), &["news"]);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    // The same file named another way, from another directory.
    let (code, found) = check(dir.path(), &["./news/../news/kursk.txt"]);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
    let (code, found) = check(
        dir.path(),
        &[dir.path().join("news/kursk.txt").to_str().unwrap()],
    );
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
}

#[test]
fn only_new_findings_are_reported_after_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kursk.txt");
    write(&file, STORY);
    record(dir.path(), &["kursk.txt"]);

    // A new artifact: only it is reported.
    let added = format!("{STORY}About 1 200 residents were evacuated on Sunday.\n");
    write(&file, &added);
    let (code, found) = check(dir.path(), &["kursk.txt"]);
    assert_eq!(code, 1);
    assert_eq!(texts(&found), ["1 200"]);

    // Unrelated paragraphs above shift every line: the old findings stay suppressed.
    let shifted = format!(
        "KYIV, May 12 (Wire) - Air-raid sirens sounded across the country.\n\n\
         Officials gave no casualty figures.\n\n{added}"
    );
    write(&file, &shifted);
    let (_, found) = check(dir.path(), &["kursk.txt"]);
    assert_eq!(texts(&found), ["1 200"]);
    assert_eq!(found[0].2, 9, "reported at its new line");

    // Rewording the sentence that holds a finding makes it new again: the editor should
    // look at it once more.
    write(
        &file,
        &shifted.replace("close to the government", "that advises the cabinet"),
    );
    let (_, found) = check(dir.path(), &["kursk.txt"]);
    assert_eq!(texts(&found), ["14 h 30", "reflection group", "1 200"]);
}

#[test]
fn identical_findings_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.txt");
    let line = "Leaders arrive at the OTAN summit today.\n\n";
    write(&file, &line.repeat(2));
    record(dir.path(), &["brief.txt"]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
    assert_eq!(json["findings"][0]["count"], 2);

    assert_eq!(check(dir.path(), &["brief.txt"]).1.len(), 0);
    write(&file, &line.repeat(3));
    let (code, found) = check(dir.path(), &["brief.txt"]);
    assert_eq!(code, 1);
    assert_eq!(texts(&found), ["OTAN"]);
    // One fewer than recorded: nothing to report.
    write(&file, line);
    assert_eq!(check(dir.path(), &["brief.txt"]).1.len(), 0);
}

#[test]
fn the_file_is_versioned_sorted_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("b.txt"), STORY);
    write(&dir.path().join("a/z.txt"), STORY);
    record(dir.path(), &["b.txt", "a"]);
    let first = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    record(dir.path(), &["a", "b.txt"]);
    let second = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert_eq!(
        first, second,
        "same findings, same bytes, whatever the order"
    );
    assert!(first.ends_with("}\n"));

    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(json["version"], 1);
    let findings = json["findings"].as_array().unwrap();
    let keys: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("path"), s("rule"), s("text"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.len(), 8);
    assert_eq!(keys[0].0, "a/z.txt");
    assert_eq!(keys[4].0, "b.txt");
    for f in findings {
        let context = f["context"].as_str().unwrap();
        assert_eq!(context.len(), 16);
        assert!(context.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(f["count"], 1);
    }
}

#[test]
fn configuration_applies_before_recording() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("mtlint.toml"), "ignore = [\"CAL\"]\n");
    write(&dir.path().join("kursk.txt"), STORY);
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "baseline.json", "kursk.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("recorded 3 findings"));
    // Without the configuration the calque is new.
    let (_, found) = check(dir.path(), &["kursk.txt"]);
    assert_eq!(texts(&found), ["reflection group"]);
}

#[test]
fn missing_or_invalid_baselines_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("kursk.txt"), STORY);
    let run = |baseline: &str| {
        mtlint()
            .current_dir(dir.path())
            .args(["check", "--baseline", baseline, "kursk.txt"])
            .assert()
            .code(2)
            .stdout("")
    };
    run("missing.json").stderr(predicate::str::contains(
        "cannot read baseline missing.json",
    ));
    write(
        &dir.path().join("broken.json"),
        "{\"version\": 1, \"findings\": [",
    );
    run("broken.json").stderr(predicate::str::contains("invalid baseline broken.json"));
    write(
        &dir.path().join("future.json"),
        "{\"version\": 2, \"findings\": []}",
    );
    run("future.json").stderr(predicate::str::contains("\"version\": 1"));
    write(
        &dir.path().join("odd.json"),
        "{\"version\": 1, \"findings\": [{\"path\": \"kursk.txt\", \"rule\": \"CAL002\"}]}",
    );
    run("odd.json").stderr(predicate::str::contains("invalid baseline odd.json"));
    // Writing where no file can go.
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--write-baseline",
            "no/such/dir/b.json",
            "kursk.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write baseline"));
    // A file that cannot be read leaves the baseline unwritten.
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--write-baseline",
            "b.json",
            "kursk.txt",
            "gone.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("baseline b.json not written"));
    assert!(!dir.path().join("b.json").exists());
}

#[test]
fn the_number_of_findings_the_baseline_hides_is_said_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("story.txt"),
        "The OTAN summit opened in Koursk.\n",
    )
    .unwrap();
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--write-baseline",
            "baseline.json",
            "story.txt",
        ])
        .assert()
        .success();
    mtlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "story.txt",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "2 findings recorded in the baseline not reported",
        ));
}
