//! The command-line contract: exit codes, formats, stdin, errors.

mod common;
use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Read;
use std::process::Stdio;

fn mtlint() -> Command {
    Command::cargo_bin("mtlint").unwrap()
}

const BAD: &str = "Leaders met at the OTAN summit.\nAbout 1 200 soldiers crossed.\n";
const CLEAN: &str = "Leaders met at the NATO summit.\nAbout 1,200 soldiers crossed.\n";

#[test]
fn exit_codes_follow_findings() {
    mtlint()
        .args(["check", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(0);
    mtlint().arg("check").write_stdin(BAD).assert().code(1);
    mtlint()
        .args(["check", "--fail-on", "error", "-"])
        .write_stdin(BAD)
        .assert()
        .code(0);
    mtlint()
        .args(["check", "--fail-on", "never", "-"])
        .write_stdin(BAD)
        .assert()
        .code(0);
}

#[test]
fn usage_errors_exit_2() {
    mtlint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    mtlint().arg("frobnicate").assert().code(2);
    mtlint()
        .args(["rule", "XYZ999"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no rule `XYZ999`"));
}

#[test]
fn missing_file_is_an_error_but_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.txt");
    std::fs::write(&good, BAD).unwrap();
    let out = mtlint()
        .args(["check", "--format", "json"])
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "missing.txt: no such file or directory",
        ))
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn json_shape_and_stdin_path() {
    let out = mtlint()
        .args(["check", "--format", "json"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["path"], "-");
    assert_eq!(d["rule"], "ACR901");
    assert_eq!(d["name"], "untranslated-acronym");
    assert_eq!(d["kind"], "acronym");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["text"], "OTAN");
    assert_eq!(d["span"]["start"], 19);
    assert_eq!(d["span"]["end"], 23);
    assert_eq!(d["start"]["line"], 1);
    assert_eq!(d["start"]["column"], 20);
    assert_eq!(d["end"]["column"], 24);
    assert_eq!(d["suggestions"][0], "NATO");
    assert_eq!(d["applicability"], "safe");
    assert!(d["message"].as_str().unwrap().contains("NATO"));
    let second = &v["diagnostics"][1];
    assert_eq!(second["text"], "1 200");
    assert_eq!(second["start"]["line"], 2);
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "applicability",
        "end",
        "kind",
        "message",
        "name",
        "path",
        "rule",
        "severity",
        "span",
        "start",
        "suggestions",
        "text",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
}

#[test]
fn bom_counts_in_spans_and_crlf_in_lines() {
    let text = "\u{feff}Intro line\r\nThe OTAN summit.\r\n";
    let out = mtlint()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let d = &v["diagnostics"][0];
    let start = text.find("OTAN").unwrap();
    assert_eq!(d["span"]["start"], start);
    assert_eq!(d["start"]["line"], 2);
    assert_eq!(d["start"]["column"], 5);
}

#[test]
fn directories_are_walked_sorted_text_files_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), BAD).unwrap();
    std::fs::write(dir.path().join("a.md"), BAD).unwrap();
    std::fs::write(dir.path().join("notes.toml"), BAD).unwrap();
    let out = mtlint()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let paths: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths.len(), 4);
    assert!(
        paths[0].ends_with("a.md") && paths[3].ends_with("b.txt"),
        "{paths:?}"
    );
}

#[test]
fn human_output_shows_location_line_and_fix() {
    let out = mtlint()
        .args(["check", "--color", "never"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("-:1:20"), "{s}");
    assert!(s.contains("Leaders met at the OTAN summit."), "{s}");
    assert!(s.contains("^^^^"), "{s}");
    assert!(s.contains("use “NATO”"), "{s}");
    assert!(s.contains("Found 2 artifact(s)"), "{s}");
}

#[test]
fn invalid_utf8_names_the_byte() {
    let mut bytes = b"Fine text ".to_vec();
    bytes.push(0xff);
    mtlint()
        .arg("check")
        .write_stdin(bytes)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid UTF-8 at byte 10"));
}

#[test]
fn rule_file_errors_name_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("bad.toml");
    std::fs::write(
        &pack,
        "[pack]\nname = \"bad\"\nprefix = \"BAD\"\nsource = \"fr\"\nfamily = \"calque\"\ndescription = \"d\"\n\n[[rule]]\ncode = \"BAD001\"\nname = \"x\"\nkind = \"pattern\"\nmessage = \"m\"\nwhy = \"w\"\npattern = \"(oops\"\nexamples = [{ bad = \"{{x}}\" }, { good = \"y\" }]\n",
    )
    .unwrap();
    let err = mtlint()
        .args(["check", "--rules"])
        .arg(&pack)
        .arg("-")
        .write_stdin("x")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(&format!("{}:14:11: invalid regex", pack.display())),
        "{err}"
    );

    std::fs::write(&pack, "[pack]\nname = \"bad\"\nprefix = \"BAD\"\nsource = \"fr\"\ndescription = \"d\"\ncolour = 1\n").unwrap();
    let err = mtlint()
        .args(["rules", "--no-default-rules", "--rules"])
        .arg(&pack)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(&format!("{}:6:1:", pack.display())) && err.contains("colour"),
        "{err}"
    );
}

#[test]
fn duplicate_code_across_packs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(common::root().join("tests/fixtures/phrase.toml")).unwrap();
    std::fs::write(dir.path().join("one.toml"), &src).unwrap();
    std::fs::write(
        dir.path().join("two.toml"),
        src.replace("fixture-phrase", "fixture-phrase-two"),
    )
    .unwrap();
    mtlint()
        .args(["rules", "--no-default-rules", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("duplicate rule code `TPH001`"));
}

#[test]
fn rules_listing_and_rule_page() {
    let out = mtlint()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains("LOC901") && s.contains("NAM901") && s.contains("table entries"),
        "{s}"
    );
    let out = mtlint()
        .args(["rule", "acr901"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains("Why:") && s.contains("bad:") && s.contains("good:") && s.contains("[OTAN]"),
        "{s}"
    );
    mtlint().arg("verify-rules").assert().code(0);
}

#[test]
fn closed_stdout_is_not_an_error() {
    let big = BAD.repeat(5000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(big.as_bytes()).unwrap();
    }
    // Read a little, then hang up.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    stdout.read_exact(&mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn house_style_from_flag_and_from_configuration() {
    let text = "President Zelensky met Kim Jong-un.\n";
    // The default profile accepts every standard spelling.
    mtlint()
        .args(["check", "--no-config", "-"])
        .write_stdin(text)
        .assert()
        .code(0);
    // --style ap reports AP's spellings at info severity, which does not fail the run.
    let out = mtlint()
        .args([
            "check",
            "--no-config",
            "--style",
            "ap",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 2, "{v}");
    assert_eq!(d[0]["rule"], "STY901");
    assert_eq!(d[0]["severity"], "info");
    assert_eq!(d[0]["suggestions"][0], "Zelenskyy");
    assert_eq!(d[1]["suggestions"][0], "Kim Jong Un");
    // The same from a configuration file found in the working directory, with
    // fail-on = info making the findings fail the run.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "style = \"reuters\"\nfail-on = \"info\"\n",
    )
    .unwrap();
    let out = mtlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["diagnostics"][0]["rule"], "STY902");
    assert_eq!(v["diagnostics"][0]["suggestions"][0], "Zelenskiy");
    // The command line wins over the file.
    mtlint()
        .current_dir(dir.path())
        .args(["check", "--fail-on", "warning", "-"])
        .write_stdin(text)
        .assert()
        .code(0);
}

#[test]
fn configuration_errors_are_positioned() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".mtlint.toml"),
        "style = \"ap\"\ncolour = \"red\"\n",
    )
    .unwrap();
    mtlint()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains(".mtlint.toml:2:1:").and(predicates::str::contains("colour")),
        );
}

#[test]
fn source_lang_runs_only_that_language_and_neutral_packs() {
    let text = "A reflection group met in Koursk, said the OTAN.\n";
    let codes = |lang: Option<&str>| -> Vec<String> {
        let mut cmd = mtlint();
        cmd.args(["check", "--format", "json", "--no-config", "-"]);
        if let Some(l) = lang {
            cmd.args(["--source-lang", l]);
        }
        let out = cmd.write_stdin(text).output().expect("runs");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d["rule"].as_str().expect("code").to_string())
            .collect()
    };
    let all = codes(None);
    let fr = codes(Some("fr"));
    let de = codes(Some("de"));
    assert_eq!(all, fr, "French copy loses nothing under --source-lang fr");
    assert!(all.iter().any(|c| c == "CAL002"), "{all:?}");
    assert!(
        !de.iter().any(|c| c == "CAL002"),
        "French calque ran for German copy: {de:?}"
    );
    assert!(
        de.iter().any(|c| c.starts_with("ACR")),
        "neutral packs still run: {de:?}"
    );

    // The human report names the likely source.
    mtlint()
        .args(["check", "--no-config", "-"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("point to a French source"));
    mtlint()
        .args(["check", "--source-lang", "xx", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown source language `xx`"));
}

/// `--timings` reports on stderr and leaves the report on stdout as it was.
#[test]
fn timings_go_to_stderr_and_leave_the_report_alone() {
    let plain = mtlint()
        .args(["check", "--format", "json", "--no-config", "-"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let timed = mtlint()
        .args(["check", "--format", "json", "--no-config", "--timings", "-"])
        .write_stdin(BAD)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(plain.stdout, timed.stdout);
    assert!(plain.stderr.is_empty());
    let err = String::from_utf8(timed.stderr).unwrap();
    for label in [
        "preparing documents",
        "pattern rules",
        "untranslated text",
        "total",
    ] {
        assert!(err.contains(label), "{err}");
    }
}
