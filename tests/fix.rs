//! `--fix` over the whole corpus: every safe fix is applied, a second run changes nothing,
//! and no byte outside a flagged span is touched.

mod common;

use assert_cmd::Command;
use mtlint::Linter;
use mtlint::fix::{FixLevel, apply};
use std::path::{Path, PathBuf};

/// Every corpus article (machine-translated, clean and held-out), sorted.
fn articles() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir)
            .expect("corpus is readable")
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&common::root().join("corpus"), &mut out);
    out.sort();
    out
}

#[test]
fn every_fix_pass_only_touches_flagged_spans() {
    let linter = Linter::builtin().expect("built-in rules load");
    let mut edits = 0;
    for path in articles() {
        let mut text = std::fs::read_to_string(&path).expect("readable");
        for _ in 0..mtlint::fix::MAX_PASSES {
            let diags = linter.lint(&text);
            let (next, n) = apply(&text, &diags, |d| FixLevel::Safe.allows(d));
            if n == 0 {
                break;
            }
            edits += n;
            let spans: Vec<_> = diags
                .iter()
                .filter(|d| FixLevel::Safe.allows(d) && !d.suggestions.is_empty())
                .map(|d| d.span.clone())
                .collect();
            if let Err(e) = common::keeps_outside(&text, &next, &spans) {
                panic!("{}: {e}", path.display());
            }
            text = next;
        }
    }
    assert!(edits > 100, "only {edits} edits over the corpus");
}

#[test]
fn fix_over_the_corpus_leaves_nothing_safe_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = common::root().join("corpus");
    let mut copies = Vec::new();
    for src in articles() {
        let rel = src.strip_prefix(&root).expect("under corpus");
        let dst = dir.path().join(rel);
        std::fs::create_dir_all(dst.parent().expect("has parent")).expect("mkdir");
        std::fs::copy(&src, &dst).expect("copy");
        copies.push(dst);
    }
    let run = || {
        Command::cargo_bin("mtlint")
            .expect("binary")
            .args(["check", "--fix", "--fail-on", "never", "--no-config"])
            .arg(dir.path())
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(summary.starts_with("Fixed "), "{summary}");
    let after_first: Vec<String> = copies
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    let changed = articles()
        .iter()
        .zip(&after_first)
        .filter(|(src, fixed)| std::fs::read_to_string(src).expect("readable") != **fixed)
        .count();
    assert!(changed >= 15, "only {changed} articles changed");

    // Nothing safe is left to fix.
    let linter = Linter::builtin().expect("built-in rules load");
    for (p, text) in copies.iter().zip(&after_first) {
        let left: Vec<_> = linter
            .lint(text)
            .into_iter()
            .filter(|d| FixLevel::Safe.allows(d))
            .filter(|d| {
                d.suggestions
                    .first()
                    .is_some_and(|s| *s != text[d.span.clone()])
            })
            .map(|d| format!("{} {:?}", d.rule.code, &text[d.span.clone()]))
            .collect();
        assert!(
            left.is_empty(),
            "{}: safe fixes left: {left:?}",
            p.display()
        );
    }

    // A second run changes nothing.
    let second = run();
    assert!(second.status.success(), "{second:?}");
    assert!(
        String::from_utf8_lossy(&second.stderr).starts_with("Fixed 0 findings"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    for (p, before) in copies.iter().zip(&after_first) {
        assert_eq!(
            &std::fs::read_to_string(p).expect("readable"),
            before,
            "{}",
            p.display()
        );
    }
}

#[test]
fn fix_keeps_permissions_and_diff_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("wire.txt");
    let text = "Delegates met at the OTAN summit in Vilnius at 14 h 30.\n";
    std::fs::write(&file, text).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let diff = Command::cargo_bin("mtlint")
        .expect("binary")
        .args(["check", "--diff", "--no-config"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(diff.status.code(), Some(1));
    let out = String::from_utf8_lossy(&diff.stdout);
    assert!(out.contains("-Delegates met at the OTAN summit"), "{out}");
    assert!(
        out.contains("+Delegates met at the NATO summit in Vilnius at 2:30 p.m."),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("readable"), text);

    let fix = Command::cargo_bin("mtlint")
        .expect("binary")
        .args(["check", "--fix", "--no-config"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(fix.status.code(), Some(0), "{fix:?}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("readable"),
        "Delegates met at the NATO summit in Vilnius at 2:30 p.m.\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("readable")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("wire.txt")]);
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let out = Command::cargo_bin("mtlint")
        .expect("binary")
        .args(["check", "--fix", "--no-config", "-"])
        .write_stdin("A reflection group in Koursk.\n")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "A think tank in Kursk.\n"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Fixed 2 findings in 1 file"));
}

#[test]
fn the_oracle_catches_changes_outside_the_spans() {
    let old = "the OTAN summit in Koursk";
    assert!(common::keeps_outside(old, "the NATO summit in Kursk", &[4..8, 19..25]).is_ok());
    assert!(common::keeps_outside(old, "the NATO summit at Kursk", &[4..8, 19..25]).is_err());
    assert!(common::keeps_outside(old, "a NATO summit in Kursk", &[4..8, 19..25]).is_err());
    let old = "the OTAN summit in Koursk today";
    assert!(common::keeps_outside(old, "the NATO summit in Kursk today", &[4..8, 19..25]).is_ok());
    assert!(
        common::keeps_outside(old, "the NATO summit in Kursk tonight", &[4..8, 19..25]).is_err()
    );
}

#[test]
fn include_and_exclude_globs_filter_walked_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in [
        ("wire/a.txt", "The OTAN summit opened.\n"),
        ("wire/b.md", "A reflection group met.\n"),
        ("archive/c.txt", "Troops left Koursk.\n"),
    ] {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    let paths = |extra: &[&str]| -> Vec<String> {
        let out = Command::cargo_bin("mtlint")
            .expect("binary")
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--no-config", "--threads", "2"])
            .args(extra)
            .arg(".")
            .output()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut p: Vec<String> = v["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| {
                d["path"]
                    .as_str()
                    .expect("path")
                    .trim_start_matches("./")
                    .to_string()
            })
            .collect();
        p.dedup();
        p
    };
    assert_eq!(paths(&[]), ["archive/c.txt", "wire/a.txt", "wire/b.md"]);
    assert_eq!(
        paths(&["--exclude", "archive/**"]),
        ["wire/a.txt", "wire/b.md"]
    );
    assert_eq!(paths(&["--include", "*.md"]), ["wire/b.md"]);
    assert_eq!(
        paths(&["--include", "wire/*", "--exclude", "*.md"]),
        ["wire/a.txt"]
    );
}

#[test]
fn suggestions_are_distinct() {
    let linter = Linter::builtin().expect("built-in rules load");
    let mut checked = 0;
    for path in articles() {
        let text = std::fs::read_to_string(&path).expect("readable");
        for d in linter.lint(&text) {
            let mut s = d.suggestions.clone();
            s.sort();
            s.dedup();
            assert_eq!(s.len(), d.suggestions.len(), "{}: {d:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} diagnostics");
}
