//! No input crashes the linter, and every span it reports is valid: deterministic
//! pseudo-random documents built from the characters that stress a tokenizer and the
//! rules (BOM, NUL, combining marks, CR-only line ends, every quote and dash, digits with
//! every locale separator, right-to-left text, emoji, rule phrases cut in pieces).
//!
//! Then bad input at the command line, one test each: every case ends with a defined
//! exit status (0 clean, 1 findings, 2 error), a message naming the path, and no panic.

mod common;

use assert_cmd::Command;
use mtlint::Linter;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// xorshift64*: a fixed sequence, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "\u{feff}",
    "\0",
    "\r",
    "\n",
    "\r\n",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\t",
    "e\u{301}",
    "\u{301}",
    "'",
    "’",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "-",
    "‐",
    "—",
    "(",
    ")",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "1",
    "22",
    "200",
    "1 200",
    "2,5",
    "12.000",
    "10:32",
    "22 h 32",
    "14h30",
    "p.m.",
    "U.S.",
    "Gen.",
    "Kim",
    "Jong",
    "-un",
    "Un",
    "Kim Jong-uni",
    "Koursk",
    "OTAN",
    "(KCNA)",
    "reflection",
    "group",
    "narrower",
    "Odessa",
    "Texas",
    "Kiev",
    "chicken",
    "Poutine",
    "Houliaïpole",
    "Lwów",
    "known in Polish as",
    "שלום",
    "مرحبا",
    "😀",
    "\u{200b}",
    "Москва",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "Zelensky",
    "Zelenskyy",
    "(Seoul) ",
    "Posted at 1:00 a.m.",
    "'s",
    "’s",
    "Mrd.",
    "z.B.",
    "$",
    "€",
    "%",
    "\u{2028}",
    "a",
    "The",
    "the",
];

#[test]
fn random_documents_never_panic_and_spans_are_valid() {
    let linter = Linter::builtin().expect("built-in packs load");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..600 {
        let len = (rng.next() % 60) as usize;
        let doc: String = (0..len).map(|_| rng.pick(PIECES)).collect();
        for d in linter.lint(&doc) {
            assert!(
                d.span.start < d.span.end && d.span.end <= doc.len(),
                "round {round}: span {:?} in {doc:?}",
                d.span
            );
            assert!(
                doc.is_char_boundary(d.span.start) && doc.is_char_boundary(d.span.end),
                "round {round}: {doc:?}"
            );
            // Applying every fix keeps the text valid UTF-8 and ends in bounds.
            let (fixed, _) = mtlint::fix::apply(&doc, std::slice::from_ref(&d), |_| true);
            assert!(fixed.len() < doc.len() + 200, "round {round}");
        }
    }
}

#[test]
fn degenerate_documents() {
    let linter = Linter::builtin().expect("built-in packs load");
    let long_word = "a".repeat(100_000);
    let many_lines = "\n".repeat(50_000);
    let many_caps = "Kim ".repeat(20_000);
    for doc in [
        "",
        " ",
        "\u{feff}",
        "\0\0\0",
        "\r\r\r",
        "((((((((",
        "«««««",
        long_word.as_str(),
        many_lines.as_str(),
        many_caps.as_str(),
    ] {
        let _ = linter.lint(doc);
    }
}

fn mtlint() -> Command {
    let mut c = Command::cargo_bin("mtlint").unwrap();
    c.arg("check").arg("--no-config");
    c
}

/// A finding at the start of its text: "Koursk" (NAM002, suggestion "Kursk").
const KOURSK: &str = "Koursk";

/// Runs `check --format json` with `args`; returns the diagnostics, stderr and status.
fn check_json(args: &[&std::ffi::OsStr]) -> (Vec<Value>, String, i32) {
    let out = mtlint()
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let diags = v["diagnostics"].as_array().unwrap().clone();
    (diags, stderr, out.status.code().unwrap())
}

fn os(p: &Path) -> &std::ffi::OsStr {
    p.as_os_str()
}

fn span(d: &Value) -> std::ops::Range<usize> {
    d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize
}

fn line_col(d: &Value) -> (u64, u64) {
    (
        d["start"]["line"].as_u64().unwrap(),
        d["start"]["column"].as_u64().unwrap(),
    )
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    // "Département" in Latin-1: é is the lone byte 0xE9, at offset 11.
    std::fs::write(&bad, b"The Koursk \xe9t\xe9 report.\n").unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "The OTAN summit.\n").unwrap();
    let (diags, stderr, code) = check_json(&[os(&bad), os(&good)]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("{}: invalid UTF-8 at byte 11", bad.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("--lossy"),
        "the message names the way out: {stderr}"
    );
    // The other file is still linted and reported.
    assert_eq!(diags.len(), 1);
    assert!(diags[0]["path"].as_str().unwrap().ends_with("good.txt"));
}

#[test]
fn lossy_lints_with_spans_into_the_file_as_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.txt");
    // Invalid sequences of one byte (0xE9), two bytes (a truncated 3-byte sequence) and a
    // run of stray continuation bytes, before and between the findings, on two lines.
    let bytes: &[u8] =
        b"Le r\xe9sum\xe9: the Koursk\xe2\x80 talks.\nThe \x80\x80OTAN met in Koursk.\n";
    std::fs::write(&file, bytes).unwrap();
    let (diags, stderr, code) = check_json(&[std::ffi::OsStr::new("--lossy"), os(&file)]);
    assert_eq!(code, 1, "{stderr}");
    let texts: Vec<&str> = diags.iter().map(|d| d["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Koursk", "OTAN", "Koursk"], "{diags:?}");
    for d in &diags {
        // The span is a byte range of the file exactly as read.
        assert_eq!(
            &bytes[span(d)],
            d["text"].as_str().unwrap().as_bytes(),
            "{d}"
        );
    }
    // Columns count each replaced sequence as one character, as an editor shows it:
    // "Le r�sum�: the " is 15 characters, "The ��" 6.
    assert_eq!(line_col(&diags[0]), (1, 16));
    assert_eq!(line_col(&diags[1]), (2, 7));
    // SARIF reports the same byte offsets.
    let out = mtlint()
        .args(["--lossy", "--format", "sarif"])
        .arg(&file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let region = &v["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        region["byteOffset"].as_u64().unwrap() as usize,
        span(&diags[1]).start
    );
    // A file that is not UTF-8 is never rewritten: the fix would turn its invalid bytes
    // into U+FFFD.
    mtlint()
        .args(["--lossy", "--fix"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}: invalid UTF-8 at byte 4: not fixed",
            file.display()
        )));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn binary_files_are_skipped_when_walked_and_an_error_when_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The OTAN summit.\n").unwrap();
    // A text file with a NUL byte in it is binary too: a NUL does not belong in copy,
    // and telling "mostly text" from binary would be a guess.
    let bin = dir.path().join("b.txt");
    std::fs::write(&bin, b"The Koursk\0talks.\n").unwrap();
    let (diags, stderr, code) = check_json(&[os(dir.path())]);
    assert_eq!(code, 1, "findings in a.txt, no error: {stderr}");
    assert_eq!(diags.len(), 1);
    assert!(diags[0]["path"].as_str().unwrap().ends_with("a.txt"));
    assert!(
        stderr.contains(&format!(
            "mtlint: note: {}: skipped: binary file",
            bin.display()
        )),
        "{stderr}"
    );

    let (diags, stderr, code) = check_json(&[os(&bin)]);
    assert_eq!(code, 2);
    assert!(diags.is_empty());
    assert!(
        stderr.contains(&format!(
            "{}: binary file (NUL byte at byte 10), not linted",
            bin.display()
        )),
        "{stderr}"
    );

    // A NUL past the first 8 KB is not looked for (git's and ripgrep's rule): the file
    // is linted as text.
    let late = dir.path().join("late.txt");
    let mut bytes = "Word. ".repeat(1400).into_bytes();
    bytes.extend_from_slice(b"\0The OTAN summit.\n");
    std::fs::write(&late, &bytes).unwrap();
    let (diags, stderr, code) = check_json(&[os(&late)]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(diags[0]["text"], "OTAN");
}

#[test]
fn an_empty_file_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let (diags, stderr, code) = check_json(&[os(&empty)]);
    assert_eq!((diags.len(), code), (0, 0));
    assert!(stderr.is_empty(), "{stderr}");
    for format in ["human", "concise", "sarif", "github", "gitlab", "jsonl"] {
        let out = mtlint()
            .args(["--format", format])
            .arg(&empty)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(out.stderr.is_empty(), "{format}");
    }
}

#[test]
fn a_bom_counts_in_spans_but_not_in_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bom.txt");
    let text = "\u{feff}Koursk was shelled.\nIn Koursk, the OTAN…\n";
    std::fs::write(&file, text).unwrap();
    let (diags, _, code) = check_json(&[os(&file)]);
    assert_eq!(code, 1);
    let first = &diags[0];
    assert_eq!(first["text"], KOURSK);
    assert_eq!(span(first), 3..9, "the BOM's three bytes count");
    assert_eq!(line_col(first), (1, 1), "the BOM is not a column");
    assert_eq!(first["end"]["column"], 7);
    let second = &diags[1];
    assert_eq!(&text[span(second)], KOURSK);
    assert_eq!(line_col(second), (2, 4));
    // The human report points at the same place.
    mtlint()
        .args(["--format", "concise"])
        .arg(&file)
        .assert()
        .stdout(predicates::str::contains("bom.txt:1:1: NAM002"));
}

#[test]
fn crlf_line_ends_count_as_one_break() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crlf.txt");
    let text = "Paris, 3 May.\r\n\r\nTroops left Koursk.\r\nThe OTAN said so.\r\n";
    std::fs::write(&file, text).unwrap();
    let (diags, _, code) = check_json(&[os(&file)]);
    assert_eq!(code, 1);
    let found: Vec<(&str, (u64, u64))> = diags
        .iter()
        .map(|d| (&text[span(d)], line_col(d)))
        .collect();
    assert_eq!(found, [("Koursk", (3, 13)), ("OTAN", (4, 5))]);
    // The span ends before the CR: the fix keeps the line end as it was.
    mtlint().arg("--fix").arg(&file).assert().code(0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Paris, 3 May.\r\n\r\nTroops left Kursk.\r\nThe NATO said so.\r\n"
    );
}

#[test]
fn a_lone_cr_is_a_line_break_as_editors_count_it() {
    // Classic Mac OS files and some wire feeds end lines with CR alone; VS Code and the
    // Language Server Protocol count it as a line break, and so does mtlint.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cr.txt");
    let text = "Paris, 3 May.\r\rTroops left Koursk.\rThe OTAN said so.\r";
    std::fs::write(&file, text).unwrap();
    let (diags, _, code) = check_json(&[os(&file)]);
    assert_eq!(code, 1);
    let found: Vec<(&str, (u64, u64))> = diags
        .iter()
        .map(|d| (&text[span(d)], line_col(d)))
        .collect();
    assert_eq!(found, [("Koursk", (3, 13)), ("OTAN", (4, 5))]);
    // The human report shows the line without the CR of the next.
    let out = mtlint()
        .args(["--color", "never"])
        .arg(&file)
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("cr.txt:3:13"), "{human}");
    assert!(human.contains("| Troops left Koursk.\n"), "{human}");
}

/// The release binary beside the debug one under test, if it was built since the debug
/// one (an older build would time code that is no longer there).
fn release_binary() -> Option<PathBuf> {
    let debug = PathBuf::from(env!("CARGO_BIN_EXE_mtlint"));
    let release = debug.parent()?.parent()?.join("release").join("mtlint");
    let built = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    (built(&release)? >= built(&debug)?).then_some(release)
}

#[test]
fn a_very_long_single_line_is_linear() {
    // A line of news prose with two findings per sentence, no line break. With a fresh
    // release binary: 20 MB. The debug build runs its regex engine unoptimized (a
    // hundred times slower), so without one the line is 1 MB (about 8 s).
    let sentence = "The delegates of the OTAN met the minister in Koursk on Monday and \
                    spoke for an hour about the convoys, the bridges and the harvest. ";
    let (bin, size) = match release_binary() {
        Some(b) => (b, 20_000_000),
        None => (PathBuf::from(env!("CARGO_BIN_EXE_mtlint")), 1_000_000),
    };
    let dir = tempfile::tempdir().unwrap();
    let run = |size: usize| {
        let file = dir.path().join(format!("line{size}.txt"));
        let line: String = sentence.repeat(size / sentence.len() + 1);
        std::fs::write(&file, &line[..size]).unwrap();
        let t = Instant::now();
        let out = std::process::Command::new(&bin)
            .args(["check", "--no-config", "--format", "concise"])
            .arg(&file)
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = String::from_utf8(out.stdout).unwrap();
        let findings = report.lines().count();
        assert!(
            findings >= 2 * (size / sentence.len()),
            "{findings} findings"
        );
        // The last finding's column is counted over the whole line.
        let last = report.lines().last().unwrap();
        let col: usize = last.split(':').nth(2).unwrap().parse().unwrap();
        assert!(col > size - sentence.len(), "{last}");
        (secs, findings)
    };
    let (quarter, _) = run(size / 4);
    let (full, findings) = run(size);
    eprintln!(
        "{:.2} MB line, {findings} findings: {full:.1} s; a quarter of it: {quarter:.1} s ({})",
        size as f64 / 1e6,
        bin.display()
    );
    // Linear time gives 4 (less, with start-up); quadratic would give 16.
    assert!(full < 8.0 * quarter, "{full:.1} s against {quarter:.1} s");
}

#[test]
fn a_file_gone_between_listing_and_reading_is_an_error_the_rest_is_linted() {
    // The walk lists the files, then the workers read them: a file deleted in between
    // fails alone. The library is driven step by step to delete it at that moment.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The OTAN summit.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Troops left Koursk.\n").unwrap();
    let found = mtlint::input::walk(&[dir.path().to_path_buf()], &Default::default());
    assert_eq!(found.inputs.len(), 2);
    std::fs::remove_file(dir.path().join("a.txt")).unwrap();
    let read: Vec<_> = found
        .inputs
        .iter()
        .map(|f| mtlint::input::read_text(&f.input, Default::default()))
        .collect();
    let err = read[0].as_ref().unwrap_err().to_string();
    assert!(
        err.contains("a.txt: cannot read: No such file or directory"),
        "{err}"
    );
    assert_eq!(read[1].as_ref().unwrap().text, "Troops left Koursk.\n");

    // At the command line, a file named but missing: exit 2, the others still linted.
    let (diags, stderr, code) =
        check_json(&[os(&dir.path().join("a.txt")), os(&dir.path().join("b.txt"))]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("a.txt: no such file or directory"),
        "{stderr}"
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["text"], KOURSK);
}

#[test]
fn permission_denied_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "The OTAN summit.\n").unwrap();
    let open = dir.path().join("open.txt");
    std::fs::write(&open, "Troops left Koursk.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a mode-000 file (CAP_DAC_OVERRIDE). Then run the binary without the two
    // capabilities that bypass file permissions, which is what an ordinary user lacks.
    let mut cmd = if std::fs::read(&locked).is_ok() {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--bounding-set=-dac_override,-dac_read_search", "--"]);
        c.arg(env!("CARGO_BIN_EXE_mtlint"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
    };
    let out = cmd
        .args(["check", "--no-config", "--format", "json"])
        .arg(&locked)
        .arg(&open)
        .output()
        .expect("setpriv (util-linux) runs the binary without root's read override");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{}: cannot read: Permission denied",
            locked.display()
        )),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["text"], KOURSK);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn broken_symlinks_are_noted_when_walked_and_an_error_when_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "The OTAN summit.\n").unwrap();
    let link = dir.path().join("gone.txt");
    std::os::unix::fs::symlink(dir.path().join("deleted.txt"), &link).unwrap();
    let (diags, stderr, code) = check_json(&[os(dir.path())]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(diags.len(), 1);
    assert!(
        stderr.contains(&format!(
            "mtlint: note: {}: skipped: broken symbolic link",
            link.display()
        )),
        "{stderr}"
    );
    let (diags, stderr, code) = check_json(&[os(&link)]);
    assert_eq!((diags.len(), code), (0, 2));
    assert!(
        stderr.contains(&format!(
            "{}: no such file or directory (broken symbolic link)",
            link.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.txt");
    std::fs::write(
        &file,
        "Troops left Koursk for the OTAN base.\n".repeat(3000),
    )
    .unwrap();
    for format in [
        "human", "json", "jsonl", "concise", "sarif", "github", "gitlab",
    ] {
        // `mtlint check big.txt | head -c 100`: read a little, hang up, let it write on.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(["check", "--no-config", "--format", format])
            .arg(&file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut head = [0u8; 100];
        std::io::Read::read_exact(&mut stdout, &mut head).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        // 1: the findings; not 2 (an error) nor a signal or panic (101).
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
    // The other commands that print a lot.
    for args in [&["rules"][..], &["eval", "corpus/clean"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(args)
            .current_dir(common::root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// A pack with one pattern rule whose pattern is `pattern` (a TOML basic string body).
fn pattern_pack(pattern: &str) -> String {
    format!(
        r#"[pack]
name = "stress"
prefix = "STR"
source = "fr"
family = "calque"
description = "Pathological patterns."

[[rule]]
code = "STR001"
name = "stress"
kind = "pattern"
message = "m"
why = "w"
pattern = "{pattern}"
examples = [{{ bad = "{{{{a}}}}" }}, {{ good = "b" }}]
"#
    )
}

#[test]
fn a_pathological_regex_fails_to_load_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("stress.toml");
    let words: Vec<String> = (0..200_000).map(|i| format!("w{i:06}x")).collect();
    let nested = format!("{}a{}", "(".repeat(500), ")".repeat(500));
    for (pattern, message) in [
        ("(a{1000}){1000}".to_string(), "regex too large"),
        (r"\\w{500}\\w{500}\\w{500}".to_string(), "regex too large"),
        (words.join("|"), "regex too large"),
        (nested, "regex too deeply nested"),
    ] {
        std::fs::write(&pack, pattern_pack(&pattern)).unwrap();
        let t = Instant::now();
        let (code, stderr) = lint_with_pack(&pack, "a");
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("{}:14:11: {message}", pack.display())),
            "{}: {stderr}",
            &pattern[..pattern.len().min(40)]
        );
        eprintln!(
            "{}…: rejected in {:.2} s",
            &pattern[..pattern.len().min(20)],
            t.elapsed().as_secs_f64()
        );
    }
}

/// Found by fuzzing the loader (a timeout): a pattern whose required literals are long
/// runs of letters and digits, with wildcards and classes between them, made the line
/// filter try every window length of them (`checks::shapes`), in time cubic in their
/// length: the fuzzer's pack of 1 KB took 2.3 s to load, and this one, its runs three
/// times as long, 69 s (release build). It loads at once and lints.
#[test]
fn a_pattern_with_long_required_runs_loads_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("runs.toml");
    let run = |c: &str, n: usize| c.repeat(3 * n);
    let pattern = format!(
        r"(?m)(?:^\\[^{}{}={}\\d.,])(?P<n>\\d{{0,3}}(?:{}{}{}{}{}{}={}{}Ed[ \\u{{A0}}\\s{{202F}}]\\d{{3}})+)(?:$|[^\\d])",
        run("d", 14),
        run("W", 5),
        run("W", 37),
        run("d", 34),
        run("q", 8),
        run("J", 93),
        run("q", 54),
        run("d", 20),
        run("W", 5),
        run("W", 83),
        run("d", 42),
    );
    std::fs::write(&pack, pattern_pack(&pattern)).unwrap();
    let (code, stderr) = lint_with_pack(&pack, "nothing of the kind here\n");
    assert_eq!(code, Some(0), "{stderr}");
}

/// `mtlint --rules PACK -` on `stdin`: the exit code and stderr.
fn lint_with_pack(pack: &Path, stdin: &str) -> (Option<i32>, String) {
    let out = mtlint()
        .arg("--rules")
        .arg(pack)
        .arg("-")
        .write_stdin(stdin)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_phrase_rule_with_100_000_entries_loads_and_lints() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("big.toml");
    // Made-up place names, each with its own replacement.
    let names: Vec<String> = (0..100_000).map(|i| format!("Placeville{i:05}")).collect();
    let quoted = |v: &[String]| {
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fixes: Vec<String> = (0..100_000).map(|i| format!("Town{i:05}")).collect();
    std::fs::write(
        &pack,
        format!(
            r#"[pack]
name = "big"
prefix = "BIG"
source = "fr"
family = "calque"
description = "One rule, a hundred thousand phrases."

[[rule]]
code = "BIG001"
name = "big"
kind = "phrase"
message = "use “{{suggestion}}”"
why = "w"
match = [{}]
replace = [{}]
examples = [{{ bad = "In {{{{Placeville00007}}}}.", fixed = "In Town00007." }}, {{ good = "In Town00007." }}]
"#,
            quoted(&names),
            quoted(&fixes)
        ),
    )
    .unwrap();
    let text = "Convoys left Placeville99999 for Placeville00000 and placeville54321.\n";
    let t = Instant::now();
    let out = mtlint()
        .args(["--no-default-rules", "--format", "json", "--rules"])
        .arg(&pack)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap(),
                d["suggestions"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Placeville99999", "Town99999"),
            ("Placeville00000", "Town00000"),
            // A replacement keeps its own capitals (a proper noun) whatever the case of
            // the text it replaces.
            ("placeville54321", "Town54321")
        ]
    );
    eprintln!("100,000-phrase pack: loaded and linted in {secs:.2} s");
    assert!(secs < 60.0, "{secs:.1} s");
}

#[test]
fn unreadable_rules_and_configuration_exit_2_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.toml");
    mtlint()
        .arg("--rules")
        .arg(&missing)
        .arg("-")
        .write_stdin("a")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}: cannot read rule pack: No such file or directory",
            missing.display()
        )));
    // Not UTF-8: the loader says which file.
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[pack]\nname = \"r\xe9gion\"\n").unwrap();
    mtlint()
        .arg("--rules")
        .arg(&latin1)
        .arg("-")
        .write_stdin("a")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}: cannot read rule pack: invalid UTF-8 at byte 16",
            latin1.display()
        )));
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--config"])
        .arg(&missing)
        .arg("-")
        .write_stdin("a")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains(&format!(
            "invalid configuration: {}: cannot read: No such file or directory",
            missing.display()
        )),
        "{stderr}"
    );
    // A configuration file that is not TOML: positioned.
    let cfg = dir.path().join("mtlint.toml");
    std::fs::write(&cfg, "fail-on = [\n").unwrap();
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--config"])
        .arg(&cfg)
        .arg("-")
        .write_stdin("a")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains(&format!("invalid configuration: {}:1:", cfg.display())),
        "{stderr}"
    );
}
