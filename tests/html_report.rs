//! `check --format html`: the page is read back with an HTML tokenizer (html5gum, the
//! WHATWG tokenizer rules) to check what a browser would see — no parse error, every
//! element closed in order, every finding's text inside its marks, the article's text
//! intact after escaping — and that nothing in it reaches the network.

mod common;
use assert_cmd::Command;
use html5gum::{Token, Tokenizer};
use serde_json::Value;
use std::collections::BTreeMap;

const ARTICLE: &str = "corpus/fr-en/farmers-mercosur-protests.txt";

/// stdout of `mtlint check --no-config ARGS`, with `stdin` as standard input.
fn check(args: &[&str], stdin: &str) -> String {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(common::root())
        .args(["check", "--no-config"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The JSON diagnostics of the same run.
fn json(args: &[&str], stdin: &str) -> Vec<Value> {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let v: Value = serde_json::from_str(&check(&a, stdin)).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

/// What the tokenizer saw.
#[derive(Default, Debug)]
struct Page {
    /// Marked text by finding number (1-based, per file).
    marked: BTreeMap<usize, String>,
    /// The text content of each `<pre>`, character references decoded.
    pre: Vec<String>,
    /// Every start tag with its attributes.
    tags: Vec<(String, BTreeMap<String, String>)>,
    /// Rows of findings tables.
    rows: usize,
}

fn utf8(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Tokenizes `html`, failing on any parse error or misnested element.
fn read(html: &str) -> Page {
    const VOID: &[&str] = &["meta", "br"];
    let mut page = Page::default();
    let mut stack: Vec<String> = Vec::new();
    let mut mark: Vec<usize> = Vec::new();
    for token in Tokenizer::new(html) {
        match token.unwrap() {
            Token::StartTag(t) => {
                let name = utf8(&t.name);
                let attrs: BTreeMap<String, String> = t
                    .attributes
                    .iter()
                    .map(|(k, v)| (utf8(k), utf8(v)))
                    .collect();
                match name.as_str() {
                    "mark" => {
                        mark = attrs["data-d"]
                            .split(' ')
                            .map(|i| i.parse().unwrap())
                            .collect()
                    }
                    "pre" => page.pre.push(String::new()),
                    "tr" if attrs.get("id").is_some_and(|i| i.contains("-r")) => page.rows += 1,
                    _ => {}
                }
                if !VOID.contains(&name.as_str()) {
                    stack.push(name.clone());
                }
                page.tags.push((name, attrs));
            }
            Token::EndTag(t) => {
                let name = utf8(&t.name);
                assert_eq!(stack.pop(), Some(name.clone()), "misnested </{name}>");
                if name == "mark" {
                    mark.clear();
                }
            }
            Token::String(s) => {
                let s = utf8(&s);
                for i in &mark {
                    page.marked.entry(*i).or_default().push_str(&s);
                }
                if stack.iter().any(|e| e == "pre") {
                    page.pre.last_mut().unwrap().push_str(&s);
                }
            }
            Token::Error(e) => panic!("HTML parse error: {e:?}"),
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    page
}

/// Nothing that a mail client or browser would fetch.
fn assert_offline(html: &str, page: &Page) {
    for (name, attrs) in &page.tags {
        assert!(
            !matches!(
                name.as_str(),
                "link"
                    | "script"
                    | "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "source"
                    | "video"
                    | "audio"
                    | "base"
                    | "form"
            ),
            "<{name}> in the report"
        );
        for (k, v) in attrs {
            assert!(
                !matches!(
                    k.as_str(),
                    "src" | "srcset" | "poster" | "background" | "action"
                ),
                "{k}= on <{name}>"
            );
            if k == "href" {
                assert!(v.starts_with('#'), "link out of the page: {v}");
            }
        }
    }
    for needle in [
        "http://", "https://", "src=", "<link", "url(", "@import", "//fonts",
    ] {
        assert!(!html.contains(needle), "{needle} in the report");
    }
}

#[test]
fn a_corpus_article_is_marked_finding_by_finding() {
    let html = check(&["--format", "html", ARTICLE], "");
    let page = read(&html);
    let diags = json(&[ARTICLE], "");
    assert!(diags.len() >= 3, "the article should have findings");
    assert_eq!(page.rows, diags.len());
    // The text is the article, unchanged by escaping and marking.
    assert_eq!(page.pre, vec![common::read(ARTICLE)]);
    for (i, d) in diags.iter().enumerate() {
        assert_eq!(
            page.marked.get(&(i + 1)).map(String::as_str),
            d["text"].as_str(),
            "finding {} ({})",
            i + 1,
            d["rule"]
        );
        assert!(html.contains(&format!("<code>{}</code>", d["rule"].as_str().unwrap())));
    }
    assert_offline(&html, &page);
    assert!(html.contains(&format!("{} findings in 1 file", diags.len())));
}

#[test]
fn text_with_markup_characters_is_escaped_not_interpreted() {
    let text = "<b>Koursk</b> & \"the OTAN\" said 'a reflection group' <!-- x --> &amp;\n\
                <script>alert(1)</script> near Koursk.\n";
    let html = check(&["--format", "html", "-"], text);
    let page = read(&html);
    assert_eq!(page.pre, vec![text.to_string()]);
    assert!(page.tags.iter().all(|(n, _)| n != "b" && n != "script"));
    let diags = json(&["-"], text);
    assert!(diags.len() >= 3);
    for (i, d) in diags.iter().enumerate() {
        assert_eq!(page.marked[&(i + 1)], d["text"].as_str().unwrap());
    }
    // The messages quote the flagged text, quotes and all, inside title="…".
    let titles: Vec<&String> = page
        .tags
        .iter()
        .filter(|(n, _)| n == "mark")
        .map(|(_, a)| &a["title"])
        .collect();
    assert!(titles.iter().any(|t| t.contains("“OTAN”")), "{titles:?}");
    assert!(html.contains("<h2>standard input</h2>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_offline(&html, &page);
}

#[test]
fn other_input_formats_are_shown_as_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.html");
    let source = "<!DOCTYPE html>\n<html><body>\n<h1>Talks in <em>Koursk</em></h1>\n\
                  <p>A reflection group close to the OTAN &amp; the ministry met.</p>\n\
                  <script>var city = \"Koursk\";</script>\n</body></html>\n";
    std::fs::write(&file, source).unwrap();
    let path = file.to_str().unwrap();
    let html = check(&["--format", "html", path], "");
    let page = read(&html);
    // The file's own markup shows as text, and its findings are marked in it; the
    // script's string is not prose, so not marked.
    assert_eq!(page.pre, vec![source.to_string()]);
    let marked: Vec<&str> = page.marked.values().map(String::as_str).collect();
    assert_eq!(marked, ["Koursk", "reflection group", "OTAN"]);
    assert_offline(&html, &page);
}

#[test]
fn a_clean_file_and_several_files() {
    let clean = "corpus/clean/canada-us-tariffs.txt";
    assert!(json(&[clean], "").is_empty());
    let html = check(&["--format", "html", ARTICLE, clean], "");
    let page = read(&html);
    // Only the file with findings shows its text; both are listed and linked.
    assert_eq!(page.pre.len(), 1);
    assert!(html.contains("in 2 files (1 with findings)"));
    assert!(html.contains("<a href=\"#f2\">corpus/clean/canada-us-tariffs.txt</a>"));
    assert!(html.contains("No findings."));
}

#[test]
fn snapshot_of_a_small_report() {
    let pack = common::root().join("tests/fixtures/output.toml");
    let html = check(
        &[
            "--format",
            "html",
            "--no-default-rules",
            "--rules",
            pack.to_str().unwrap(),
            "tests/fixtures/output.txt",
        ],
        "",
    );
    read(&html);
    let masked = html.replace(
        &format!("mtlint {}", env!("CARGO_PKG_VERSION")),
        "mtlint [version]",
    );
    insta::assert_snapshot!("html", masked);
}
