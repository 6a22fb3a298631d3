//! mtlint.toml: rule selection, severities, accepted terms, per-directory discovery,
//! per-path overrides, positioned errors and `mtlint config`.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn mtlint() -> Command {
    Command::cargo_bin("mtlint").unwrap()
}

/// A wire story with one artifact of each of several families: a French place name
/// (NAM002), a French time (LOC001), a calque (CAL002), an untranslated acronym (ACR901),
/// a French thousands separator (LOC904) and an old spelling of a capital (NAM901).
const STORY: &str = "\
Ukrainian forces shelled the Koursk region overnight, the regional governor said.
The defence ministry met at 14 h 30 with a reflection group close to the government.
Diplomats expect the question to dominate the OTAN summit next month.
About 1 200 residents were evacuated, officials in Kiev said.
";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// One finding as `(path, rule, severity, text)`.
type Finding = (String, String, String, String);

/// Runs `check --format json` in `dir` with `args`; returns the exit code and findings.
fn check(dir: &Path, args: &[&str]) -> (i32, Vec<Finding>) {
    let out = mtlint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code != 2,
        "mtlint failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("path"), s("rule"), s("severity"), s("text"))
        })
        .collect();
    (code, found)
}

fn rules(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| f.1.as_str()).collect()
}

/// A directory holding `mtlint.toml` with `config` and `story.txt` with [`STORY`].
fn newsroom(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("mtlint.toml"), config);
    write(&dir.path().join("story.txt"), STORY);
    dir
}

#[test]
fn without_configuration_every_rule_reports() {
    let dir = newsroom("");
    let (code, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&found),
        ["NAM002", "LOC001", "CAL002", "ACR901", "LOC904", "NAM901"]
    );
}

#[test]
fn select_and_ignore_by_code_and_prefix() {
    let dir = newsroom("select = [\"CAL\", \"LOC\", \"acr901\"]\n");
    let (_, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(rules(&found), ["LOC001", "CAL002", "ACR901", "LOC904"]);

    // A letters-and-digits prefix: LOC9 keeps LOC904 out, LOC001 in.
    let dir = newsroom("select = [\"LOC\", \"NAM0\"]\nignore = [\"LOC9\"]\n");
    let (_, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(rules(&found), ["NAM002", "LOC001"]);

    // Ignore wins over select, whichever is more specific.
    let dir = newsroom("select = [\"CAL002\", \"ACR\"]\nignore = [\"CAL\", \"ACR901\"]\n");
    let (code, found) = check(dir.path(), &["story.txt"]);
    assert_eq!((code, found.len()), (0, 0), "{found:?}");
}

#[test]
fn ignoring_a_rule_lets_a_rule_it_shadowed_report() {
    // "Koursk" is claimed by the French name rule; with it ignored, the place-name rule
    // that covers the same span reports instead of the finding vanishing.
    let dir = newsroom("ignore = [\"NAM002\"]\n");
    let (_, found) = check(dir.path(), &["story.txt"]);
    let koursk: Vec<_> = found.iter().filter(|f| f.3 == "Koursk").collect();
    assert_eq!(koursk.len(), 1, "{found:?}");
    assert_ne!(koursk[0].1, "NAM002");
}

#[test]
fn severity_overrides_change_the_exit_code_under_fail_on() {
    let dir = newsroom("fail-on = \"error\"\n");
    assert_eq!(check(dir.path(), &["story.txt"]).0, 0);

    let dir = newsroom("fail-on = \"error\"\n[severity]\nCAL002 = \"error\"\n");
    let (code, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(code, 1);
    let sev: Vec<_> = found.iter().map(|f| (f.1.as_str(), f.2.as_str())).collect();
    assert!(sev.contains(&("CAL002", "error")), "{sev:?}");
    assert!(sev.contains(&("LOC001", "warning")), "{sev:?}");

    // By prefix, with the more specific key winning: everything is info but one rule.
    let dir = newsroom("[severity]\nL = \"info\"\nN = \"info\"\nC = \"info\"\nA = \"info\"\n");
    assert_eq!(check(dir.path(), &["story.txt"]).0, 0);
    let dir = newsroom(
        "[severity]\nLOC = \"info\"\nNAM = \"info\"\nCAL = \"info\"\nACR = \"info\"\n\
         LOC904 = \"warning\"\n",
    );
    let (code, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(code, 1);
    let failing: Vec<_> = found.iter().filter(|f| f.2 != "info").collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0].1, "LOC904");

    // The command line still wins over the file.
    let dir = newsroom("fail-on = \"error\"\n");
    assert_eq!(
        check(dir.path(), &["--fail-on", "warning", "story.txt"]).0,
        1
    );
}

#[test]
fn accepted_terms_are_never_flagged() {
    let dir = newsroom("accept = [\"koursk\", \"OTAN\"]\n");
    let (_, found) = check(dir.path(), &["story.txt"]);
    assert_eq!(rules(&found), ["LOC001", "CAL002", "LOC904", "NAM901"]);

    // A finding inside an occurrence of an accepted term goes; the same word elsewhere
    // stays. Case and line breaks inside the term do not matter.
    let text =
        "The KIEV\n  POST reported the talks.\nOfficials in Kiev said the talks went well.\n";
    let dir = newsroom("accept = [\"Kiev Post\"]\n");
    write(&dir.path().join("story.txt"), text);
    let (_, unconfigured) = check(dir.path(), &["--no-config", "story.txt"]);
    assert_eq!(rules(&unconfigured), ["NAM901", "NAM901"]);
    let (_, found) = check(dir.path(), &["story.txt"]);
    let kiev: Vec<_> = found.iter().filter(|f| f.3 == "Kiev").collect();
    assert_eq!(kiev.len(), 1, "{found:?}");
    assert_eq!(
        found.iter().filter(|f| f.3 == "KIEV").count(),
        0,
        "{found:?}"
    );
}

#[test]
fn the_nearest_configuration_applies_to_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("mtlint.toml"), "ignore = [\"CAL\"]\n");
    write(&root.join("europe/.mtlint.toml"), "select = [\"CAL\"]\n");
    write(&root.join("wire.txt"), STORY);
    write(&root.join("europe/kursk.txt"), STORY);
    write(&root.join("europe/desk/brief.txt"), STORY);
    write(&root.join("africa/niger.txt"), STORY);
    let (_, found) = check(root, &["."]);
    let by_file = |p: &str| -> Vec<String> {
        found
            .iter()
            .filter(|f| Path::new(&f.0).ends_with(p))
            .map(|f| f.1.clone())
            .collect()
    };
    assert_eq!(by_file("europe/kursk.txt"), ["CAL002"]);
    assert_eq!(by_file("europe/desk/brief.txt"), ["CAL002"]);
    let root_rules = ["NAM002", "LOC001", "ACR901", "LOC904", "NAM901"];
    assert_eq!(by_file("wire.txt"), root_rules);
    assert_eq!(by_file("africa/niger.txt"), root_rules);

    // Standard input: from the current directory.
    let out = mtlint()
        .current_dir(root.join("europe/desk"))
        .args(["check", "--format", "json", "-"])
        .write_stdin(STORY)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CAL002"]);

    // --config names one file for every input; --no-config ignores them all.
    let (_, found) = check(root, &["--config", "mtlint.toml", "europe/kursk.txt"]);
    assert_eq!(rules(&found), root_rules);
    let (_, found) = check(root, &["--no-config", "europe/kursk.txt"]);
    assert_eq!(found.len(), 6);
}

#[test]
fn overrides_apply_by_glob_relative_to_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("mtlint.toml"),
        r#"ignore = ["NAM9"]
accept = ["Koursk"]

[[override]]
paths = ["archive/**"]
ignore = ["LOC"]

[[override]]
paths = ["*.md"]
select = ["CAL", "ACR"]
accept = ["OTAN"]
[override.severity]
CAL = "error"
"#,
    );
    for f in [
        "today.txt",
        "archive/2019/kursk.txt",
        "notes/draft.md",
        "archive/old.md",
    ] {
        write(&root.join(f), STORY);
    }
    // Globs with a slash are relative to the configuration's directory, not to the
    // current one.
    write(&root.join("desk/archive/stray.txt"), STORY);
    let (_, found) = check(&root.join("desk"), &[".."]);
    let by_file = |p: &str| -> Vec<(String, String)> {
        found
            .iter()
            .filter(|f| Path::new(&f.0).ends_with(p))
            .map(|f| (f.1.clone(), f.2.clone()))
            .collect()
    };
    let w = |c: &str| (c.to_string(), "warning".to_string());
    let e = |c: &str| (c.to_string(), "error".to_string());
    assert_eq!(
        by_file("today.txt"),
        [w("LOC001"), w("CAL002"), w("ACR901"), w("LOC904")]
    );
    assert_eq!(by_file("desk/archive/stray.txt"), by_file("today.txt"));
    assert_eq!(
        by_file("archive/2019/kursk.txt"),
        [w("CAL002"), w("ACR901")]
    );
    assert_eq!(by_file("notes/draft.md"), [e("CAL002")]);
    // Both overrides: select from the second, ignores and accepted terms from all.
    assert_eq!(by_file("archive/old.md"), [e("CAL002")]);
}

#[test]
fn errors_name_file_line_and_column_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("mtlint.toml"), "fail-on = \"error\"\n");
    write(
        &root.join("europe/mtlint.toml"),
        "select = [\"CAL\"]\n\n[[override]]\npaths = [\"*.md\"]\nignroe = [\"CAL002\"]\n",
    );
    write(&root.join("europe/kursk.txt"), STORY);
    write(&root.join("wire.txt"), STORY);
    let typo = Path::new("europe").join("mtlint.toml");
    mtlint()
        .current_dir(root)
        .args(["check", "wire.txt", "europe/kursk.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!("{}:5:1:", typo.display())))
        .stderr(predicate::str::contains("ignroe"));

    write(
        &root.join("europe/mtlint.toml"),
        "select = [\"CAL\", \"GEO\"]\nignore = [\"ZZZ\"]\n[severity]\nCAL999 = \"info\"\n",
    );
    mtlint()
        .current_dir(root)
        .args(["check", "europe/kursk.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "mtlint.toml:2:11: `ZZZ` matches no rule",
        ))
        .stderr(predicate::str::contains(
            "mtlint.toml:4:1: `CAL999` matches no rule",
        ));
}

#[test]
fn config_prints_the_effective_settings_and_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("mtlint.toml"),
        r#"style = "reuters"
source-lang = "fr"
select = ["CAL", "NAM001"]
accept = ["Kyiv Independent", "Zelenskiy"]

[severity]
CAL012 = "error"

[[override]]
paths = ["archive/**"]
ignore = ["CAL0"]
accept = ["Koursk"]
"#,
    );
    let out = mtlint()
        .current_dir(root)
        .args(["config", "archive/2019/kursk.txt"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let config = root.join("mtlint.toml");
    assert!(
        out.contains(&format!("# from {}\n", config.display())),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "# with [[override]] at {}:10 (paths = [\"archive/**\"])",
            config.display()
        )),
        "{out}"
    );
    let shown: toml::Table = toml::from_str(&out).unwrap();
    let expected: toml::Table = toml::from_str(
        r#"style = "reuters"
source-lang = "fr"
fail-on = "warning"
no-default-rules = false
rules = []
select = ["CAL", "NAM001"]
ignore = ["CAL0"]
accept = ["Kyiv Independent", "Zelenskiy", "Koursk"]
[severity]
CAL012 = "error"
"#,
    )
    .unwrap();
    assert_eq!(shown, expected);

    // What is printed is itself a valid configuration.
    let copy = tempfile::tempdir().unwrap();
    write(&copy.path().join("mtlint.toml"), &out);
    mtlint()
        .current_dir(copy.path())
        .args(["config", "--fail-on", "never"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("fail-on = \"never\""))
        .stdout(predicate::str::contains("# command line: --fail-on"))
        .stdout(predicate::str::contains("ignore = [\"CAL0\"]"));

    // Outside the override's globs, and for the directory itself.
    let out = mtlint()
        .current_dir(root)
        .args(["config"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let shown: toml::Table = toml::from_str(&String::from_utf8(out).unwrap()).unwrap();
    assert_eq!(shown["ignore"].as_array().unwrap().len(), 0);

    write(&root.join("mtlint.toml"), "source-lang = \"en\"\n");
    mtlint()
        .current_dir(root)
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtlint.toml:1:15:"));
}
