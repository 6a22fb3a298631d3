//! `mtlint lsp` as an editor meets it: the binary is started, and a client written here
//! speaks the protocol over its standard input and output with `Content-Length` frames.
//! Every wait has a deadline, so a server that hangs fails the test instead of blocking
//! it.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Longest wait for one message. Generous: the first lint of a session builds the rule
/// set, which an unoptimized build on a busy machine takes seconds to do.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The translated wire copy most tests open. Line 3 puts an emoji (two UTF-16 code
/// units, four bytes, one character) before a finding, so that columns in UTF-16, bytes
/// and characters all differ there.
const STORY: &str = "KYIV, May 12 — Ukrainian drones struck a fuel depot near Koursk overnight, the regional governor said.\n\
Before the OTAN summit, a reflection group close to the Élysée urged calm and more air defence.\n\
“📌 The summit opens at 14 h 30,” the spokesman wrote.\n\
Clashes broke out at the level of the roundabout, witnesses said.\n";

/// A language client on the other end of a running `mtlint lsp`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read but not yet asked for, in arrival order.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    /// Starts `mtlint lsp` in `dir`.
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("mtlint starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(body) = read_frame(&mut r) {
                let v: Value = serde_json::from_str(&body).expect("the server sends JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 0,
        }
    }

    /// Writes one frame holding `body` as is.
    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.send_raw(&v.to_string());
    }

    /// Sends a request; its id.
    fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message, old or new, that `wanted` accepts; the others stay pending.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(v) if wanted(&v) => return v,
                Ok(v) => self.pending.push_back(v),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {TIMEOUT:?}; received {:#?}", self.pending)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output waiting for {what}")
                }
            }
        }
    }

    /// The response to request `id`.
    fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response {id}"), |v| {
            v["id"] == json!(id) && v.get("method").is_none()
        })
    }

    /// The result of a request that must succeed.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let v = self.wait_for(&format!("diagnostics of {uri} v{version}"), |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        });
        v["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// `initialize` with `root` as the workspace and the given client capabilities,
    /// then `initialized`; the server's capabilities.
    fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let result = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// `shutdown`, `exit`, and the exit status.
    fn finish(mut self) -> ExitStatus {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // A failed test must not leave a server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One frame's body; `None` at end of output.
fn read_frame(r: &mut impl BufRead) -> Option<String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").expect("a header line");
        assert!(line.ends_with(value) && !name.is_empty());
        if name.eq_ignore_ascii_case("Content-Length") {
            length = Some(value.parse::<usize>().expect("a length"));
        }
    }
    let mut body = vec![0; length.expect("Content-Length")];
    r.read_exact(&mut body).ok()?;
    Some(String::from_utf8(body).expect("UTF-8"))
}

fn file_uri(p: &Path) -> String {
    url::Url::from_file_path(p).unwrap().to_string()
}

/// `(code, [start line, start char, end line, end char])` of each diagnostic.
fn codes_and_ranges(diags: &[Value]) -> Vec<(String, [u64; 4])> {
    diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

fn range(l0: u64, c0: u64, l1: u64, c1: u64) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// A directory with no configuration file, for tests that must not pick one up.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        dir.path()
            .ancestors()
            .all(|d| !d.join("mtlint.toml").exists() && !d.join(".mtlint.toml").exists()),
        "a configuration file above the temporary directory would change the findings"
    );
    dir
}

#[test]
fn a_whole_editing_session() {
    let dir = workspace();
    let mut c = Client::start(dir.path());
    let caps = c.initialize(
        dir.path(),
        json!({"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}),
    );
    // No encoding offered: the protocol's UTF-16.
    assert_eq!(caps["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(caps["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(caps["serverInfo"]["name"], "mtlint");

    let uri = file_uri(&dir.path().join("kyiv.txt"));
    c.open(&uri, "plaintext", STORY);
    let diags = c.diagnostics(&uri, 1);
    assert_eq!(
        codes_and_ranges(&diags),
        vec![
            ("NAM002".to_string(), [0, 57, 0, 63]),
            ("ACR901".to_string(), [1, 11, 1, 15]),
            ("CAL002".to_string(), [1, 26, 1, 42]),
            // “ is one UTF-16 unit and 📌 two: 24, not the 23 characters before it.
            ("LOC001".to_string(), [2, 24, 2, 31]),
            ("CAL034".to_string(), [3, 18, 3, 33]),
        ],
        "{diags:#?}"
    );
    let koursk = &diags[0];
    assert_eq!(koursk["source"], "mtlint");
    assert_eq!(koursk["severity"], 2);
    assert!(koursk["message"].as_str().unwrap().contains("Kursk"));
    assert_eq!(koursk["data"]["suggestions"], json!(["Kursk"]));

    // Quick fix at the cursor inside "Koursk".
    let actions = c.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(0, 60, 0, 60),
            "context": {"diagnostics": [koursk]},
        }),
    );
    let actions = actions.as_array().unwrap();
    let fix = &actions[0];
    assert_eq!(fix["title"], "Replace “Koursk” with “Kursk”");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "NAM002");
    let edit = &fix["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["range"], range(0, 57, 0, 63));
    assert_eq!(edit["newText"], "Kursk");
    // The whole-document action comes with it, as a quick fix and for fix-on-save.
    let kinds: Vec<&str> = actions
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["quickfix", "quickfix", "source.fixAll.mtlint"]);

    // An unsafe rule with two suggestions: two fixes, neither preferred.
    let actions = c.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(3, 20, 3, 25),
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }),
    );
    let titles: Vec<(&str, &Value)> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["title"].as_str().unwrap(), &a["isPreferred"]))
        .collect();
    assert_eq!(
        &titles[..2],
        [
            ("Replace “at the level of” with “near”", &json!(false)),
            ("Replace “at the level of” with “at”", &json!(false)),
        ]
    );

    // Hover over "OTAN".
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 13}}),
    );
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(hover["range"], range(1, 11, 1, 15));
    let text = hover["contents"]["value"].as_str().unwrap();
    for part in [
        "**ACR901** `untranslated-acronym`",
        "“OTAN” is the French acronym",
        "**Why:**",
        "**Suggestions:** “NATO”",
        "**Applicability:** safe",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text}");
    }
    // Nothing flagged under the cursor: no hover.
    let none = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(none, Value::Null);

    // A full-text change: the editor fixed Koursk itself.
    let v2 = STORY.replacen("Koursk", "Kursk", 1);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": v2}]}),
    );
    let codes: Vec<String> = codes_and_ranges(&c.diagnostics(&uri, 2))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(codes, ["ACR901", "CAL002", "LOC001", "CAL034"]);

    // Incremental changes, in UTF-16 positions: "14 h 30" after the emoji becomes
    // "2:30 p.m.", and a new artifact is typed at the start of line 1.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {"range": range(2, 24, 2, 31), "text": "2:30 p.m."},
                {"range": range(1, 0, 1, 0), "text": "In Koursk, "},
            ],
        }),
    );
    assert_eq!(
        codes_and_ranges(&c.diagnostics(&uri, 3)),
        vec![
            ("NAM002".to_string(), [1, 3, 1, 9]),
            ("ACR901".to_string(), [1, 22, 1, 26]),
            ("CAL002".to_string(), [1, 37, 1, 53]),
            ("CAL034".to_string(), [3, 18, 3, 33]),
        ]
    );

    // Bad messages get errors, and the session goes on.
    let id = c.request("textDocument/hover", json!("not the parameters"));
    assert_eq!(c.response(id)["error"]["code"], -32602);
    let id = c.request("mtlint/noSuchMethod", json!({}));
    assert_eq!(c.response(id)["error"]["code"], -32601);
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let parse_error = c.wait_for("a parse error", |v| v["error"]["code"] == -32700);
    assert_eq!(parse_error["id"], Value::Null);
    // Unknown documents: empty results, not errors.
    let other = file_uri(&dir.path().join("never-opened.txt"));
    let empty = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": other}, "range": range(0, 0, 0, 0), "context": {"diagnostics": []}}),
    );
    assert_eq!(empty, json!([]));
    let empty = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": other}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(empty, Value::Null);
    // Still serving.
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 4}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("NAM002")
    );

    // Apply all safe fixes: one edit over the whole document.
    let actions = c.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(0, 0, 0, 0),
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["title"], "Apply all safe fixes in this document");
    assert_eq!(actions[0]["kind"], "source.fixAll.mtlint");
    let edit = &actions[0]["edit"]["changes"][uri.as_str()];
    assert_eq!(edit.as_array().unwrap().len(), 1);
    // The text ends with a line break: the end is the start of the empty fifth line.
    assert_eq!(edit[0]["range"], range(0, 0, 4, 0));
    let fixed = edit[0]["newText"].as_str().unwrap();
    assert_eq!(
        fixed,
        "KYIV, May 12 — Ukrainian drones struck a fuel depot near Kursk overnight, the regional governor said.\n\
In Kursk, Before the NATO summit, a think tank close to the Élysée urged calm and more air defence.\n\
“📌 The summit opens at 2:30 p.m.,” the spokesman wrote.\n\
Clashes broke out at the level of the roundabout, witnesses said.\n"
    );
    // Applied, only the unsafe finding is left.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": fixed}]}),
    );
    let left: Vec<String> = codes_and_ranges(&c.diagnostics(&uri, 4))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(left, ["CAL034"]);

    // Closing clears the document's findings.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = c.wait_for("cleared diagnostics", |v| {
        v["method"] == "textDocument/publishDiagnostics" && v["params"]["version"].is_null()
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));

    assert_eq!(c.finish().code(), Some(0));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace();
    let mut c = Client::start(dir.path());
    let caps = c.initialize(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(caps["capabilities"]["positionEncoding"], "utf-8");
    let uri = "untitled:Untitled-1";
    c.open(uri, "plaintext", "“📌 The summit opens at 14 h 30.");
    // “ is three bytes and 📌 four; the rule takes the full stop too.
    assert_eq!(
        codes_and_ranges(&c.diagnostics(uri, 1)),
        vec![("LOC001".to_string(), [0, 28, 0, 36])]
    );
    assert_eq!(c.finish().code(), Some(0));
}

#[test]
fn markdown_code_blocks_and_urls_stay_quiet() {
    let dir = workspace();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), json!({}));
    let text = "# Shelling near Koursk\n\n\
Officials gave no toll.\n\n\
```\nOTAN feed: the reflection group said Koursk\n```\n\n\
See [the map](https://example.org/koursk-otan) for details.\n";
    // By language identifier…
    let uri = file_uri(&dir.path().join("notes.txt"));
    c.open(&uri, "markdown", text);
    assert_eq!(
        codes_and_ranges(&c.diagnostics(&uri, 1)),
        vec![("NAM002".to_string(), [0, 16, 0, 22])]
    );
    // …or by extension.
    let uri = file_uri(&dir.path().join("draft.md"));
    c.open(&uri, "plaintext", text);
    assert_eq!(c.diagnostics(&uri, 1).len(), 1);
    // The same text as plain text flags the code block too.
    let uri = file_uri(&dir.path().join("draft.txt"));
    c.open(&uri, "plaintext", text);
    assert!(c.diagnostics(&uri, 1).len() > 1);
    assert_eq!(c.finish().code(), Some(0));
}

#[test]
fn the_nearest_mtlint_toml_applies_and_reloads_when_it_changes() {
    let dir = workspace();
    let desk = dir.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    let config = desk.join("mtlint.toml");
    std::fs::write(&config, "ignore = [\"CAL002\"]\n").unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(
        dir.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    // The server asks to watch configuration files; the client agrees.
    let reg = c.wait_for("registerCapability", |v| {
        v["method"] == "client/registerCapability"
    });
    let watchers = &reg["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers[0]["globPattern"], "**/mtlint.toml");
    c.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));

    let text = "A reflection group in Koursk said so.";
    let inside = file_uri(&desk.join("story.txt"));
    let outside = file_uri(&dir.path().join("story.txt"));
    c.open(&inside, "plaintext", text);
    c.open(&outside, "plaintext", text);
    let codes = |d: Vec<Value>| -> Vec<String> {
        codes_and_ranges(&d).into_iter().map(|(c, _)| c).collect()
    };
    assert_eq!(codes(c.diagnostics(&inside, 1)), ["NAM002"]);
    assert_eq!(codes(c.diagnostics(&outside, 1)), ["CAL002", "NAM002"]);

    // The newsroom changes its mind: every open document is linted again. (Two rules
    // know this place name; the one for French forms wins when both run.)
    std::fs::write(&config, "ignore = [\"NAM\", \"GEO\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    assert_eq!(codes(c.diagnostics(&inside, 1)), ["CAL002"]);

    // A broken configuration is reported, and the defaults apply meanwhile.
    std::fs::write(&config, "ignore = [\"CAL002\"\n").unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&config)}}),
    );
    let shown = c.wait_for("showMessage", |v| v["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1);
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("mtlint.toml"),
        "{shown}"
    );
    assert_eq!(codes(c.diagnostics(&inside, 1)), ["CAL002", "NAM002"]);
    assert_eq!(c.finish().code(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1_and_requests_before_initialize_are_refused() {
    let dir = workspace();
    let mut c = Client::start(dir.path());
    let id = c.request("textDocument/hover", json!({}));
    assert_eq!(c.response(id)["error"]["code"], -32002);
    c.initialize(dir.path(), json!({}));
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = c.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(1));
}
