//! Input formats: for Markdown, HTML, NITF, NewsML-G2 and JSON Lines fixtures, every
//! diagnostic's `text` is exactly the file's bytes at its `span` (and its line:column
//! agree), the artifacts in the prose are found, the same artifacts in markup, code,
//! URLs and metadata are not, and suppression comments silence what they name (each
//! checked against a copy of the file without the comment). A property test feeds
//! random markup to every extractor.

mod common;

use assert_cmd::Command;
use mtlint::Linter;
use mtlint::input::{InputFormat, extract, lint_file};
use proptest::prelude::*;
use serde_json::Value;
use std::ops::Range;
use std::sync::OnceLock;

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| Linter::builtin().expect("built-in rules load"))
}

fn fixture(name: &str) -> String {
    common::read(format!("tests/fixtures/input/{name}"))
}

/// Runs `mtlint check --format json` on a fixture: diagnostics, stderr, exit code.
fn check_json(name: &str, extra: &[&str]) -> (Vec<Value>, String, i32) {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(common::root())
        .args(["check", "--no-config", "--format", "json"])
        .args(extra)
        .arg(format!("tests/fixtures/input/{name}"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let diags = json["diagnostics"].as_array().unwrap().clone();
    (
        diags,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap(),
    )
}

fn span(d: &Value) -> Range<usize> {
    d["span"]["start"].as_u64().unwrap() as usize..d["span"]["end"].as_u64().unwrap() as usize
}

/// 1-based line and column (in characters) of a byte offset, counted afresh.
fn line_col(file: &str, at: usize) -> (u64, u64) {
    let line = file[..at].matches('\n').count() + 1;
    let line_start = file[..at].rfind('\n').map_or(0, |i| i + 1);
    (line as u64, file[line_start..at].chars().count() as u64 + 1)
}

/// The contract: `text` is the file's bytes at `span`, positions agree, order is by span.
fn assert_contract(file: &str, diags: &[Value]) {
    assert!(!diags.is_empty());
    let mut last = 0;
    for d in diags {
        let r = span(d);
        assert!(r.start <= r.end && r.end <= file.len(), "{d}");
        assert!(file.is_char_boundary(r.start) && file.is_char_boundary(r.end));
        assert_eq!(d["text"].as_str().unwrap(), &file[r.clone()], "{d}");
        let (l, c) = line_col(file, r.start);
        assert_eq!(
            (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
            (Some(l), Some(c))
        );
        let (l, c) = line_col(file, r.end);
        assert_eq!(
            (d["end"]["line"].as_u64(), d["end"]["column"].as_u64()),
            (Some(l), Some(c))
        );
        assert!(r.start >= last, "sorted by span");
        last = r.start;
    }
}

/// The diagnostic of `rule` whose text is `text` (the file's bytes).
fn found<'a>(diags: &'a [Value], rule: &str, text: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["rule"] == rule && d["text"] == text)
        .unwrap_or_else(|| panic!("no {rule} on {text:?} in {diags:#?}"))
}

fn suggestions(d: &Value) -> Vec<&str> {
    d["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// The byte range of `needle`, which occurs once in `file`.
fn region(file: &str, needle: &str) -> Range<usize> {
    let at = file
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in file"));
    assert_eq!(file.matches(needle).count(), 1, "{needle:?} is not unique");
    at..at + needle.len()
}

/// No diagnostic touches the stretch of `file` that `needle` is — and it does hold an
/// artifact a rule would flag in prose (checked by linting it as plain text).
fn assert_quiet(file: &str, diags: &[Value], needle: &str) {
    assert_untouched(file, diags, needle);
    assert!(
        !linter().lint(needle).is_empty(),
        "{needle:?} holds no artifact, so its silence proves nothing"
    );
}

/// Words of two adjacent blocks (table cells) that would be flagged run together:
/// no diagnostic touches them.
fn assert_blocks_apart(file: &str, diags: &[Value], needle: &str, joined: &str) {
    assert_untouched(file, diags, needle);
    assert!(
        !linter().lint(joined).is_empty(),
        "{joined:?} is not flagged"
    );
}

/// No diagnostic touches the stretch of `file` that `needle` is.
fn assert_untouched(file: &str, diags: &[Value], needle: &str) {
    let r = region(file, needle);
    let hits: Vec<_> = diags
        .iter()
        .filter(|d| {
            let s = span(d);
            s.start < r.end && r.start < s.end
        })
        .collect();
    assert!(hits.is_empty(), "flagged inside {needle:?}: {hits:#?}");
}

/// Rules of the diagnostics (in file offsets) that start inside `needle`'s stretch.
fn rules_in(file: &str, diags: &[mtlint::Diagnostic], needle: &str) -> Vec<String> {
    let r = region(file, needle);
    diags
        .iter()
        .filter(|d| r.contains(&d.span.start))
        .map(|d| d.rule.code.clone())
        .collect()
}

/// `comment` silences `rules` in `needle`: with the comment, none of them fires there;
/// without it, each does.
fn assert_suppresses(format: InputFormat, file: &str, comment: &str, needle: &str, rules: &[&str]) {
    let with = lint_file(linter(), format, file).diagnostics;
    let there = rules_in(file, &with, needle);
    for r in rules {
        assert!(
            !there.iter().any(|c| c == r),
            "{r} not suppressed in {needle:?}"
        );
    }
    let bare = file.replacen(comment, "", 1);
    assert_ne!(bare, file, "{comment:?} not in file");
    let without = lint_file(linter(), format, &bare).diagnostics;
    let there = rules_in(&bare, &without, needle);
    for r in rules {
        assert!(
            there.iter().any(|c| c == r),
            "{r} not found in {needle:?} without {comment:?}"
        );
    }
}

#[test]
fn markdown() {
    let file = fixture("article.md");
    let (d, _, code) = check_json("article.md", &[]);
    assert_eq!(code, 1);
    assert_contract(&file, &d);
    assert_eq!(
        suggestions(found(&d, "CAL002", "reflection group")),
        ["think tank"]
    );
    found(&d, "ACR901", "OTAN");
    found(&d, "NAM002", "Koursk");
    found(&d, "LOC001", "14 h 30");
    found(&d, "LOC901", "« a night of negotiations »");
    found(&d, "NAM101", "Köln");
    // Across emphasis markup: the span covers it, and no replacement would erase it.
    assert!(suggestions(found(&d, "CAL002", "reflection *group")).is_empty());
    for quiet in [
        "title: \"OTAN summit in Koursk\"",
        "(https://example.org/otan/koursk \"OTAN page\")",
        "https://www.example.org/OTAN/Koursk-summit",
        "<!-- OTAN and Koursk in a comment are not prose -->",
        "OTAN KOURSK 14 h 30 reflection group",
        "indented code: the OTAN reflection group",
        "`OTAN`",
        "[ref]: https://otan.example/koursk \"Koursk OTAN\"",
    ] {
        assert_quiet(&file, &d, quiet);
    }
    // Table cells are separate blocks: no phrase runs from one into the next.
    assert_blocks_apart(&file, &d, "reflection |\n| group", "reflection group");
    assert_suppresses(
        InputFormat::Markdown,
        &file,
        "<!-- mtlint-disable-next-line CAL -->",
        "Another reflection group, quoted from the minutes",
        &["CAL002"],
    );
}

#[test]
fn html() {
    let file = fixture("article.html");
    let (d, _, code) = check_json("article.html", &[]);
    assert_eq!(code, 1);
    assert_contract(&file, &d);
    found(&d, "ACR901", "OTAN");
    // Entities are decoded for the rules and reported as written.
    assert_eq!(suggestions(found(&d, "NAM002", "Kours&#107;")), ["Kursk"]);
    found(
        &d,
        "LOC901",
        "&laquo;&nbsp;a night of negotiations&nbsp;&raquo;",
    );
    found(&d, "LOC001", "14 h 30");
    found(&d, "NAM101", "Köln");
    found(&d, "NAM002", "Koursk");
    assert!(suggestions(found(&d, "CAL002", "reflection <em>group")).is_empty());
    assert_eq!(
        suggestions(found(&d, "CAL002", "reflection group")),
        ["think tank"]
    );
    for quiet in [
        "<meta name=\"description\" content=\"OTAN summit in Koursk\">",
        "<style>.otan::after { content: \"Koursk\"; }</style>",
        "<script>var koursk = \"OTAN\"; if (a < b) { note(\"reflection group\"); }</script>",
        "data-note=\"reflection group\"",
        "<a href=\"https://example.org/otan/koursk\"\ntitle=\"OTAN\">",
        "<!-- OTAN and Koursk in a comment are not prose -->",
        "<code>the OTAN summit</code>",
        "<pre>14 h 30 OTAN</pre>",
    ] {
        assert_quiet(&file, &d, quiet);
    }
    assert_blocks_apart(&file, &d, "reflection</td><td>group", "reflection group");
    assert_suppresses(
        InputFormat::Html,
        &file,
        "<!-- mtlint-disable LOC ACR -- quoted as sent -->",
        "The OTAN note of 14 h 30 is quoted as sent.",
        &["LOC001", "ACR901"],
    );
    // After `mtlint-enable`, rules fire again.
    found(&d, "ACR901", "OTAN");
    assert!(
        d.iter()
            .any(|x| x["rule"] == "ACR901" && span(x).start > region(&file, "mtlint-enable").end)
    );
}

#[test]
fn nitf() {
    let file = fixture("article.nitf");
    let (d, _, code) = check_json("article.nitf", &[]);
    assert_eq!(code, 1);
    assert_contract(&file, &d);
    for (rule, text) in [
        ("ACR901", "OTAN"),
        ("NAM002", "Koursk"),
        ("CAL002", "reflection group"),
        ("LOC001", "14 h 30"),
        ("LOC901", "&#171; a night of negotiations &#187;"),
        ("NAM101", "Köln"),
    ] {
        found(&d, rule, text);
    }
    let hl2 = region(&file, "<hl2>A reflection group calls for calm</hl2>");
    let cdata = region(&file, "<![CDATA[A reflection group & others met.]]>");
    for r in [hl2, cdata] {
        assert!(
            d.iter()
                .any(|x| x["rule"] == "CAL002" && r.contains(&span(x).start))
        );
    }
    for quiet in [
        "<title>OTAN summit in Koursk</title>",
        "<meta name=\"keywords\" content=\"OTAN, Koursk, reflection group\"/>",
        "<keyword key=\"OTAN\"/>",
        "<distributor>OTAN Koursk Wire</distributor>",
        "<media-reference source=\"https://example.org/otan/koursk.jpg\" alternate-text=\"OTAN Koursk\"/>",
    ] {
        assert_quiet(&file, &d, quiet);
    }
    assert_suppresses(
        InputFormat::Nitf,
        &file,
        "<!-- mtlint-disable-next-line NAM -->",
        "Residents of Koursk returned home",
        &["NAM002"],
    );
}

#[test]
fn newsml() {
    let file = fixture("items.xml");
    let (d, _, code) = check_json("items.xml", &[]);
    assert_eq!(code, 1);
    assert_contract(&file, &d);
    for (rule, text) in [
        ("ACR901", "OTAN"),
        ("NAM002", "Koursk"),
        ("NAM101", "Köln"),
        ("CAL002", "reflection group"),
        ("LOC001", "14&#160;h&#160;30."),
        ("LOC901", "&#171;&#160;as long as needed&#160;&#187;"),
        ("LOC001", "18 h 15."),
    ] {
        found(&d, rule, text);
    }
    // Each item is a record of its own, reported with its guid.
    for guid in ["otan-1", "otan-2"] {
        let start = region(
            &file,
            &format!("guid=\"urn:newsml:example.org:20250312:{guid}\""),
        )
        .start;
        let end = start + file[start..].find("</newsItem>").unwrap();
        let inside: Vec<_> = d
            .iter()
            .filter(|x| (start..end).contains(&span(x).start))
            .collect();
        assert!(inside.len() >= 3, "{guid}: {inside:#?}");
        for x in inside {
            assert_eq!(x["id"], format!("urn:newsml:example.org:20250312:{guid}"));
        }
    }
    for quiet in [
        "<sender>OTAN Koursk desk</sender>",
        "<name>Koursk OTAN Agency</name>",
        "<title>OTAN Koursk 14 h 30</title>",
        "<slugline>OTAN summit Koursk</slugline>",
        "<keyword>reflection group</keyword>",
        "<head><title>OTAN Koursk</title></head>",
        "<code>OTAN</code>",
    ] {
        assert_quiet(&file, &d, quiet);
    }
    assert_suppresses(
        InputFormat::NewsMl,
        &file,
        "<!-- mtlint-disable-line ACR -->",
        "<p>The OTAN logo hung on the wall.</p>",
        &["ACR901"],
    );
}

#[test]
fn jsonl() {
    let file = fixture("records.jsonl");
    let (d, stderr, code) = check_json("records.jsonl", &[]);
    // Bad lines are errors (exit 2) naming their line; the other lines are linted.
    assert_eq!(code, 2);
    assert!(stderr.contains("records.jsonl: line 3, column"), "{stderr}");
    assert!(
        stderr.contains("records.jsonl: line 5: no \"text\" field"),
        "{stderr}"
    );
    assert_contract(&file, &d);
    let id_of = |rule: &str, text: &str| found(&d, rule, text)["id"].clone();
    assert_eq!(id_of("ACR901", "OTAN"), "af-001");
    // Escapes are decoded for the rules and reported as written.
    assert_eq!(id_of("NAM002", "Kours\\u006b"), "af-001");
    assert_eq!(id_of("LOC001", "14 h 30."), "af-001");
    assert_eq!(id_of("CAL002", "reflection group"), "af-002");
    assert_eq!(id_of("LOC901", "\\u00ab soon \\u00bb"), "af-002");
    assert_eq!(id_of("NAM101", "Köln"), "4");
    assert_eq!(id_of("LOC901", "« peace talks »"), "4");
    assert!(d.iter().all(|x| x["id"].is_string()));
    for quiet in [
        "\"meta\": {\"source\": \"OTAN Koursk\", \"note\": \"reflection group\"}",
        "https://example.org/OTAN/Koursk",
    ] {
        assert_quiet(&file, &d, quiet);
    }
}

#[test]
fn plain_text_output_has_no_id_and_human_output_points_into_the_file() {
    let (d, _, _) = check_json("article.html", &[]);
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(common::root())
        .args(["check", "--no-config", "--color", "never"])
        .arg("tests/fixtures/input/article.html")
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    for x in &d {
        assert!(x.get("id").is_none());
        let at = format!(
            "tests/fixtures/input/article.html:{}:{}",
            x["start"]["line"], x["start"]["column"]
        );
        assert!(human.contains(&at), "{at} not in {human}");
    }
}

#[test]
fn input_format_option_and_detection() {
    // Read as plain text, the HTML file's attributes and scripts are linted too.
    let (as_text, _, _) = check_json("article.html", &["--input-format", "text"]);
    let file = fixture("article.html");
    let script = region(&file, "note(\"reflection group\")");
    assert!(as_text.iter().any(|x| script.contains(&span(x).start)));
    // Standard input is text unless told otherwise.
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--input-format",
            "html",
            "-",
        ])
        .write_stdin("<p title=\"OTAN\">The summit in Kours&#107;.</p>")
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["text"], "Kours&#107;");
    // A directory walk picks every format up.
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(common::root())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "tests/fixtures/input",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(paths.len(), 5, "{paths:?}");
    // An XML file that is neither NITF nor NewsML-G2 is an error, not tag soup.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pom.xml");
    std::fs::write(&p, "<project><name>OTAN</name></project>").unwrap();
    Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--no-config"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "<project> is neither NITF nor NewsML-G2",
        ));
}

#[test]
fn a_byte_order_mark_counts_in_spans() {
    for (format, file) in [
        (InputFormat::Markdown, "\u{feff}# The OTAN summit\n"),
        (InputFormat::Html, "\u{feff}<h1>The OTAN summit</h1>"),
        (
            InputFormat::Jsonl,
            "\u{feff}{\"id\":1,\"text\":\"The OTAN summit\"}\n",
        ),
        (
            InputFormat::Nitf,
            "\u{feff}<nitf><body><body.head><hedline><hl1>The OTAN summit</hl1></hedline></body.head></body></nitf>",
        ),
    ] {
        let d = lint_file(linter(), format, file).diagnostics;
        assert_eq!(d.len(), 1, "{format:?}: {d:?}");
        assert_eq!(&file[d[0].span.clone()], "OTAN", "{format:?}");
    }
}

#[test]
fn malformed_xml_is_an_error_with_a_position() {
    let ex = extract(InputFormat::Nitf, "<nitf>\n<body><p>OTAN</body></nitf>");
    assert!(ex.parts.is_empty());
    assert!(ex.errors[0].contains("line 2"), "{:?}", ex.errors);
}

/// Markup-ish text: tags, entities, comments, fences, links, quotes, non-ASCII.
fn markupish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<em>".to_string()),
        Just("</em>".to_string()),
        Just("<br>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!-- mtlint-disable -->".to_string()),
        Just("<!-- mtlint-disable-next-line CAL -->\n".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![CDATA[".to_string()),
        Just("```\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("    ".to_string()),
        Just("# ".to_string()),
        Just("\n- ".to_string()),
        Just("\n> ".to_string()),
        Just("\n<div>\n".to_string()),
        Just("<!-- mtlint-disable-line -->".to_string()),
        Just("</newsItem><newsItem guid=\"h\">".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("[".to_string()),
        Just("](https://otan.int/x)".to_string()),
        Just("https://www.otan.example/a.".to_string()),
        Just("`".to_string()),
        Just("*".to_string()),
        Just("\\".to_string()),
        Just("\"".to_string()),
        Just("\\u00e9".to_string()),
        Just("\\ud83d\\ude00".to_string()),
        Just("---\n".to_string()),
        Just("reflection group".to_string()),
        Just("OTAN".to_string()),
        Just("14 h 30".to_string()),
        Just("« Koursk »".to_string()),
        "&[a-zA-Z#0-9]{0,8};?",
        "[a-zA-Zé«» ,.\n\u{a0}ü😀<>&;=/'-]{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// Wraps text for a format, so that the interesting paths are reached.
fn wrap(format: InputFormat, s: &str) -> String {
    match format {
        InputFormat::Nitf => format!("<nitf><body><body.content>{s}</body.content></body></nitf>"),
        InputFormat::NewsMl => format!(
            "<newsItem guid=\"g\"><contentSet><inlineXML><html><body>{s}</body></html></inlineXML></contentSet></newsItem>"
        ),
        InputFormat::Jsonl => format!(
            "{{\"id\":1,\"text\":{}}}\n{s}\n{{\"text\":\"{s}\"}}",
            serde_json::to_string(s).unwrap()
        ),
        _ => s.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Extraction never panics; every mapped range lies in the file on character
    /// boundaries and runs forward; lint_file's spans and suppressions do too.
    #[test]
    fn mapped_spans_stay_in_the_file(s in markupish(), picks in prop::collection::vec((0usize..1000, 0usize..1000), 8)) {
        for format in InputFormat::ALL {
            let file = wrap(format, &s);
            let ex = extract(format, &file);
            for p in &ex.parts {
                prop_assert!(p.map.validate(&p.text, &file).is_ok(), "{:?}: {:?}", format, p.map.validate(&p.text, &file));
                let bounds: Vec<usize> = (0..=p.text.len()).filter(|&i| p.text.is_char_boundary(i)).collect();
                for &(a, b) in &picks {
                    let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                    let (a, b) = (a.min(b), a.max(b));
                    let r = p.map.to_file(a..b);
                    prop_assert!(r.start <= r.end && r.end <= file.len());
                    prop_assert!(file.is_char_boundary(r.start) && file.is_char_boundary(r.end));
                    // Maps run forward.
                    prop_assert!(p.map.to_file(a..a).start <= p.map.to_file(b..b).start);
                }
                for sup in &p.suppressions {
                    prop_assert!(sup.range.start <= sup.range.end && sup.range.end <= file.len());
                }
            }
            for d in lint_file(linter(), format, &file).diagnostics {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= file.len());
                prop_assert!(file.is_char_boundary(d.span.start) && file.is_char_boundary(d.span.end));
            }
        }
    }
}

#[test]
fn human_output_names_the_record_of_each_finding() {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(common::root())
        .args(["check", "--no-config", "--color", "never"])
        .arg("tests/fixtures/input/records.jsonl")
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("(record af-001)"), "{human}");
    assert!(human.contains("(record af-002)"), "{human}");
}
