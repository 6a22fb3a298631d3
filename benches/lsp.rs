//! The language server's latency bar: a 2,000-word document gets fresh diagnostics
//! within 50 ms of a change.
//!
//! - `lsp/change+publish`: the server's own work for one keystroke-sized incremental
//!   change — apply it to the open document, lint, and build `publishDiagnostics`.
//! - `lsp/process round trip`: the same through the real `mtlint lsp` process — write
//!   `didChange` to its standard input, read until its `publishDiagnostics` for that
//!   version arrives on standard output.
//! - `lsp/lint only (reference)`: linting the same text under the same profile, without
//!   the server, to tell the server's share from the linter's.
//!
//! The document is made of translated corpus articles (corpus/*/*.txt but clean/, in
//! path order) cut at 2,000 words. Run with `cargo bench --bench lsp`; medians are in
//! target/criterion/lsp/*/new/estimates.json.

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification};
use mtlint::config::{CliSettings, ConfigSource, Profiles};
use mtlint::lsp::Server;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const WORDS: usize = 2_000;
const URI: &str = "untitled:bench-2000-words";

/// Corpus articles, concatenated until there are [`WORDS`] words, cut after the last.
fn document() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|d| d.unwrap().path())
        // Translated copy, with findings to publish (corpus/clean has next to none).
        .filter(|d| d.is_dir() && !d.ends_with("clean"))
        .flat_map(|d| std::fs::read_dir(d).into_iter().flatten())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        text.push_str(&std::fs::read_to_string(f).unwrap());
        text.push('\n');
        if text.split_whitespace().count() >= WORDS {
            break;
        }
    }
    // Cut right after the 2,000th word.
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == WORDS {
                    text.truncate(i);
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    assert_eq!(text.split_whitespace().count(), WORDS);
    text
}

/// The `didChange` for `version`: odd versions type "Koursk " at the start of line
/// `line`, even ones delete it again, so the document stays the same size throughout.
fn change(version: i32, line: u32) -> Value {
    let (end, text) = if version % 2 == 1 {
        (0, "Koursk ")
    } else {
        (7, "")
    };
    json!({
        "textDocument": {"uri": URI, "version": version},
        "contentChanges": [{
            "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": end}},
            "text": text,
        }],
    })
}

fn open(text: &str) -> Value {
    json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": 0, "text": text}})
}

/// The linter alone on the same text, for reference: what of the change's cost is
/// linting, and what is the server's.
fn lint_only(c: &mut Criterion, text: &str) {
    let mut profiles = Profiles::new(ConfigSource::None, CliSettings::default());
    let profile = profiles.for_path(None).unwrap();
    c.bench_function("lsp/lint only (reference)", |b| {
        b.iter(|| profile.lint(None, text))
    });
}

fn in_process(c: &mut Criterion, text: &str, line: u32) {
    let mut server = Server::new(
        &lsp_types::InitializeParams::default(),
        Profiles::new(ConfigSource::None, CliSettings::default()),
    );
    let notification = |method: &str, params: Value| -> Message {
        Notification::new(method.into(), params).into()
    };
    server.handle(notification("textDocument/didOpen", open(text)));
    server.flush();
    let first = server.take_outbox();
    assert!(matches!(&first[..], [Message::Notification(n)]
        if n.params["diagnostics"].as_array().is_some_and(|d| !d.is_empty())));
    let mut version = 0;
    c.bench_function("lsp/change+publish", |b| {
        b.iter(|| {
            version += 1;
            server.handle(notification(
                "textDocument/didChange",
                change(version, line),
            ));
            server.flush();
            let out = server.take_outbox();
            assert_eq!(out.len(), 1);
            out
        })
    });
}

/// One frame's body from the server.
fn read_frame(r: &mut impl BufRead) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(
            r.read_line(&mut line).unwrap() > 0,
            "the server closed its output"
        );
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

fn through_the_process(c: &mut Criterion, text: &str, line: u32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["lsp", "--no-config"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: Value| {
        let body = v.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let published = |stdout: &mut BufReader<_>, version: i32| loop {
        let v = read_frame(stdout);
        if v["method"] == "textDocument/publishDiagnostics" && v["params"]["version"] == version {
            return v;
        }
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": open(text)}));
    published(&mut stdout, 0);
    let mut version = 0;
    c.bench_function("lsp/process round trip", |b| {
        b.iter(|| {
            version += 1;
            send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": change(version, line)}));
            published(&mut stdout, version)
        })
    });
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(child.wait().unwrap().success());
}

fn bench(c: &mut Criterion) {
    let text = document();
    let line = (text.lines().count() / 2) as u32;
    lint_only(c, &text);
    in_process(c, &text, line);
    through_the_process(c, &text, line);
}

criterion_group! {
    name = benches;
    // Short: a few seconds in all on a shared two-core machine.
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
