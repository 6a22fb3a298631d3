//! `mtlint serve` over HTTP: the binary started on a free port (`--port 0`, the URL read
//! from its stderr), its API compared with `mtlint check` on the same text, its error
//! answers, its limits, and 200 requests at once.

mod common;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `mtlint serve`, killed when dropped (also when a test fails).
struct Server {
    child: Child,
    url: String,
}

impl Server {
    /// Starts the server in `dir` (whose mtlint.toml applies) with `args` added.
    fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mtlint serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        // Reads stderr to its end, so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let mut seen = Vec::new();
        let url = loop {
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => match line.strip_prefix("mtlint serve: listening on ") {
                    Some(url) => break url.to_string(),
                    None => seen.push(line),
                },
                Err(_) => {
                    let _ = child.kill();
                    panic!("no URL on stderr; it said: {seen:?}");
                }
            }
        };
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server { child, url }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/api/{path}", self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        // Loopback only: never through a proxy named in the environment.
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

/// POSTs `body` as JSON; returns the status and the parsed answer, which must be JSON
/// whatever the status.
fn post(agent: &ureq::Agent, url: &str, body: &str) -> (u16, Value) {
    let mut res = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    let status = res.status().as_u16();
    let ctype = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let text = res
        .body_mut()
        .with_config()
        .limit(50 * 1024 * 1024)
        .read_to_string()
        .expect("body reads");
    assert!(
        ctype.starts_with("application/json"),
        "{status} answer is {ctype}: {text}"
    );
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, value)
}

/// The diagnostics of `mtlint check --format json -` on `text` in `dir`, with `args`.
fn cli_json(dir: &Path, text: &str, args: &[&str]) -> Value {
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(args)
        .arg("-")
        .current_dir(dir)
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"].clone()
}

/// Diagnostics without `path` (the API's is `-` like stdin's, but compared apart from
/// it) and without the API's added `why`, after checking that every finding has one.
fn contract_fields(diags: &Value) -> Vec<Value> {
    diags
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| {
            let mut d = d.as_object().unwrap().clone();
            assert_eq!(d.remove("path"), Some(json!("-")));
            if let Some(why) = d.remove("why") {
                assert!(why.as_str().is_some_and(|w| !w.is_empty()), "{d:?}");
            }
            Value::Object(d)
        })
        .collect()
}

/// Corpus articles, in a fixed order.
fn articles() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(common::root().join("corpus"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).into_iter().flatten())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 20, "corpus articles: {}", paths.len());
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
fn check_answers_what_the_cli_reports_under_the_directory_configuration() {
    let dir = tempfile::tempdir().unwrap();
    // The server lints under the configuration of its directory, as `check -` does.
    std::fs::write(dir.path().join("mtlint.toml"), "ignore = [\"CAL\"]\n").unwrap();
    let server = Server::start(dir.path(), &[]);
    let agent = agent();
    let cases: [(&str, Value, &[&str]); 3] = [
        ("corpus/fr-en/france-budget-censure.txt", json!({}), &[]),
        (
            "corpus/de-en/kremlin-geneva-talks.txt",
            json!({"source_lang": "de"}),
            &["--source-lang", "de"],
        ),
        (
            "corpus/es-en/argentina-reserves.txt",
            json!({"style": "ap", "source_lang": "fr"}),
            &["--style", "ap", "--source-lang", "fr"],
        ),
    ];
    for (path, settings, flags) in cases {
        let text = common::read(path);
        let mut body = settings.clone();
        body["text"] = json!(text);
        let (status, answer) = post(&agent, &server.api("check"), &body.to_string());
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["version"], 1);
        let api = contract_fields(&answer["diagnostics"]);
        let cli = contract_fields(&cli_json(dir.path(), &text, flags));
        assert_eq!(api, cli, "{path} with {settings}");
        assert!(
            api.iter()
                .all(|d| !d["rule"].as_str().unwrap().starts_with("CAL")),
            "mtlint.toml ignores CAL"
        );
    }
    // The French article has findings outside the ignored rules: the comparison is of
    // something.
    let text = common::read("corpus/fr-en/france-budget-censure.txt");
    let (_, answer) = post(
        &agent,
        &server.api("check"),
        &json!({"text": text}).to_string(),
    );
    assert!(answer["diagnostics"].as_array().unwrap().len() >= 5);
    assert_eq!(answer["likely_source"], "fr");
}

#[test]
fn fix_applies_safe_fixes_as_check_fix_or_exactly_the_accepted_ones() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let agent = agent();
    let text = common::read("corpus/de-en/kremlin-geneva-talks.txt");

    // Without `accept`: `mtlint check --fix -` prints the same text.
    let (status, fixed) = post(
        &agent,
        &server.api("fix"),
        &json!({"text": text}).to_string(),
    );
    assert_eq!(status, 200, "{fixed}");
    let out = Command::cargo_bin("mtlint")
        .unwrap()
        .args(["check", "--fix", "-"])
        .current_dir(dir.path())
        .write_stdin(text.clone())
        .output()
        .unwrap();
    let cli_fixed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(fixed["text"], json!(cli_fixed));
    assert_ne!(cli_fixed, text);
    assert!(fixed["applied"].as_u64().unwrap() >= 5, "{fixed}");
    assert_eq!(
        contract_fields(&fixed["remaining"]),
        contract_fields(&cli_json(dir.path(), &cli_fixed, &[]))
    );

    // With `accept`: the chosen suggestion of one finding, nothing else.
    let (_, checked) = post(
        &agent,
        &server.api("check"),
        &json!({"text": text}).to_string(),
    );
    let all = checked["diagnostics"].as_array().unwrap();
    let d = all
        .iter()
        .find(|d| d["suggestions"].as_array().unwrap().len() >= 2)
        .expect("a finding with two suggestions");
    let (start, end) = (
        d["span"]["start"].as_u64().unwrap() as usize,
        d["span"]["end"].as_u64().unwrap() as usize,
    );
    let second = d["suggestions"][1].as_str().unwrap();
    let body =
        json!({"text": text, "accept": [{"start": start, "rule": d["rule"], "suggestion": 1}]});
    let (status, one) = post(&agent, &server.api("fix"), &body.to_string());
    assert_eq!(status, 200, "{one}");
    assert_eq!(one["applied"], 1);
    assert_eq!(one["unmatched"], 0);
    let expected = format!("{}{second}{}", &text[..start], &text[end..]);
    assert_eq!(one["text"], json!(expected));
    // What is left is what `check` finds in the new text (an alternative suggestion may
    // itself be flagged by another rule, so not simply one finding fewer).
    assert_eq!(
        contract_fields(&one["remaining"]),
        contract_fields(&cli_json(dir.path(), &expected, &[]))
    );

    // A span start that names no finding changes nothing and says so.
    let body = json!({"text": text, "accept": [start + 1]});
    let (status, stale) = post(&agent, &server.api("fix"), &body.to_string());
    assert_eq!(status, 200, "{stale}");
    assert_eq!(
        (&stale["applied"], &stale["unmatched"]),
        (&json!(0), &json!(1))
    );
    assert_eq!(stale["text"], json!(text));
}

#[test]
fn bad_requests_get_json_errors_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let agent = agent();
    let check = server.api("check");
    for (body, why) in [
        ("{\"text\": ", "truncated JSON"),
        ("not json at all", "not JSON"),
        ("{\"txt\": \"A reflection group met.\"}", "misspelt field"),
        ("{\"text\": 5}", "wrong type"),
        (
            "{\"text\": \"x\", \"source_lang\": \"xx\"}",
            "unknown language",
        ),
        ("{\"text\": \"x\", \"style\": \"chicago\"}", "unknown style"),
        ("{\"text\": \"x\", \"format\": \"pdf\"}", "unknown format"),
    ] {
        let (status, answer) = post(&agent, &check, body);
        assert_eq!(status, 400, "{why}: {answer}");
        assert!(
            answer["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{why}: {answer}"
        );
    }
    let (status, answer) = post(
        &agent,
        &server.api("fix"),
        "{\"text\": \"x\", \"accept\": [\"a\"]}",
    );
    assert_eq!(status, 400, "{answer}");

    // Wrong method, unknown endpoint, no JSON content type: JSON errors too.
    let mut res = agent.get(&check).call().unwrap();
    assert_eq!(res.status().as_u16(), 405);
    let v: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    assert!(v["error"].is_string());
    let (status, answer) = post(&agent, &server.api("lint"), "{}");
    assert_eq!((status, answer["error"].is_string()), (404, true));
    let mut res = agent
        .post(&check)
        .header("Content-Type", "text/plain")
        .send("{\"text\": \"x\"}")
        .unwrap();
    assert_eq!(res.status().as_u16(), 415);
    let v: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    assert!(v["error"].is_string());

    let good = json!({"text": "The reflection group met in Koursk."}).to_string();
    let (status, answer) = post(&agent, &check, &good);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn an_oversized_body_gets_413_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--max-body", "100000"]);
    let agent = agent();
    let big = json!({"text": "The reflection group met. ".repeat(8000)}).to_string();
    assert!(big.len() > 100_000);
    let (status, answer) = post(&agent, &server.api("check"), &big);
    assert_eq!(status, 413, "{answer}");
    assert!(answer["error"].is_string());

    // Without a Content-Length (chunked), the limit applies while reading.
    let mut res = agent
        .post(server.api("check"))
        .header("Content-Type", "application/json")
        .send(ureq::SendBody::from_reader(&mut big.as_bytes()))
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    let v: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    assert!(v["error"].is_string());

    // A client that waits for `100 Continue` is answered before it sends the body.
    let mut res = agent
        .post(server.api("check"))
        .header("Content-Type", "application/json")
        .header("Expect", "100-continue")
        .send(&big)
        .unwrap();
    assert_eq!(res.status().as_u16(), 413);
    let v: Value = serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    assert!(v["error"].is_string());

    let (status, _) = post(
        &agent,
        &server.api("check"),
        &json!({"text": "A reflection group."}).to_string(),
    );
    assert_eq!(status, 200);
}

#[test]
fn two_hundred_concurrent_requests_all_succeed_with_the_right_answer() {
    let dir = tempfile::tempdir().unwrap();
    // A generous time-out: 200 debug-build requests on two shared cores queue for a while.
    let server = Server::start(dir.path(), &["--timeout", "600"]);
    let agent = agent();
    let articles = articles();
    // What each article gets asked alone.
    let expected: Vec<Value> = articles
        .iter()
        .map(|a| {
            let (status, v) = post(
                &agent,
                &server.api("check"),
                &json!({"text": a}).to_string(),
            );
            assert_eq!(status, 200);
            v
        })
        .collect();
    let url = server.api("check");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let (agent, url) = (agent.clone(), url.clone());
                let (article, expected) =
                    (&articles[i % articles.len()], &expected[i % articles.len()]);
                s.spawn(move || {
                    let (status, v) = post(&agent, &url, &json!({"text": article}).to_string());
                    assert_eq!(status, 200, "request {i}: {v}");
                    assert_eq!(&v, expected, "request {i}");
                })
            })
            .collect();
        for h in handles {
            h.join().expect("request thread");
        }
    });
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--source-lang", "fr"]);
    let agent = agent();
    let mut res = agent.get(&server.url).call().unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let csp = res.headers().get("content-security-policy").unwrap();
    assert!(csp.to_str().unwrap().contains("default-src 'none'"));
    let html = res.body_mut().read_to_string().unwrap();
    assert!(html.contains("<script src=\"/app.js\" defer></script>"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    // Rendered with the server's settings.
    assert!(html.contains("As configured (French)"), "{html}");
    for key in ["<kbd>j</kbd>", "<kbd>a</kbd>", "<kbd>d</kbd>"] {
        assert!(html.contains(key), "key {key} documented");
    }
    for (path, ctype, needle) in [
        ("/app.js", "text/javascript", "/api/fix"),
        ("/style.css", "text/css", "mark.finding"),
    ] {
        let mut res = agent.get(format!("{}{path}", server.url)).call().unwrap();
        assert_eq!(res.status().as_u16(), 200);
        let got = res
            .headers()
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(got.starts_with(ctype), "{path}: {got}");
        assert!(res.body_mut().read_to_string().unwrap().contains(needle));
    }
}

#[test]
fn a_broken_configuration_stops_the_server_before_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mtlint.toml"), "colour = \"blue\"\n").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["serve", "--port", "0"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("invalid configuration"), "{err}");
    assert!(!err.contains("listening"), "{err}");
}
