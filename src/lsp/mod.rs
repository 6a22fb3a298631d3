//! `mtlint lsp`: a language server over standard input and output, so that editors show
//! findings as the copy is typed, offer each suggestion as a quick fix, explain a rule
//! on hover and apply every safe fix at once.
//!
//! Synchronous: one thread handles messages in order ([`server`]), two more move bytes
//! ([`transport`]). Linting a news article takes milliseconds, so there is no debounce;
//! instead every message already waiting is handled before linting, and a document
//! changed several times in that batch is linted once, at its last version.

pub mod actions;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod position;
pub mod server;
pub mod transport;
pub mod workspace;

pub use server::{Flow, MAX_DOCUMENT, Server};

use crate::config::Profiles;
use lsp_server::{Connection, ErrorCode, Message, Response};
use lsp_types::InitializeParams;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// `shutdown` then `exit`, as the protocol asks.
    Clean,
    /// `exit` without `shutdown`, or the input closed: the protocol's exit status 1.
    Abrupt,
}

/// Serves a client on standard input and output until it exits.
pub fn run_stdio(profiles: Profiles) -> Result<Ending, String> {
    let (connection, transport) = transport::stdio();
    let ending = serve(&connection, profiles);
    // Dropping the connection ends the writer once everything queued is written.
    drop(connection);
    transport
        .join()
        .map_err(|e| format!("cannot write to the client: {e}"))?;
    Ok(ending)
}

/// Serves one client over `connection`: the `initialize` handshake, then every message
/// until `exit` or the end of input.
pub fn serve(connection: &Connection, profiles: Profiles) -> Ending {
    let Some(mut server) = initialize(connection, profiles) else {
        return Ending::Abrupt;
    };
    while let Ok(first) = connection.receiver.recv() {
        // Everything the client sent while the last batch was linted: changes to one
        // document collapse into one lint at the end.
        let batch = std::iter::once(first).chain(connection.receiver.try_iter());
        let mut flow = Flow::Continue;
        for msg in batch {
            flow = server.handle(msg);
            if !send(connection, server.take_outbox()) || flow == Flow::Exit {
                break;
            }
        }
        if flow == Flow::Exit {
            break;
        }
        server.flush();
        if !send(connection, server.take_outbox()) {
            break;
        }
    }
    if server.is_shut_down() {
        Ending::Clean
    } else {
        Ending::Abrupt
    }
}

/// Waits for `initialize`, answering any other request with "not initialized" (the
/// protocol's rule) and invalid parameters with an error, and returns the server.
/// `None` if the client exits or goes away first.
fn initialize(connection: &Connection, profiles: Profiles) -> Option<Server> {
    loop {
        match connection.receiver.recv().ok()? {
            Message::Request(r) if r.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(r.params) {
                    Ok(params) => {
                        let server = Server::new(&params, profiles);
                        let result = server.initialize_result();
                        let ok = Response::new_ok(r.id, result);
                        return send(connection, vec![ok.into()]).then_some(server);
                    }
                    Err(e) => {
                        let msg = format!("invalid parameters for initialize: {e}");
                        let err = Response::new_err(r.id, ErrorCode::InvalidParams as i32, msg);
                        send(connection, vec![err.into()]);
                    }
                }
            }
            Message::Request(r) => {
                let err = Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized".into(),
                );
                send(connection, vec![err.into()]);
            }
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
}

/// Queues messages for the client; false once the client is gone.
fn send(connection: &Connection, messages: Vec<Message>) -> bool {
    messages
        .into_iter()
        .all(|m| connection.sender.send(m).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CliSettings, ConfigSource};
    use lsp_server::{Notification, Request};
    use serde_json::json;

    fn profiles() -> Profiles {
        Profiles::new(ConfigSource::None, CliSettings::default())
    }

    #[test]
    fn changes_queued_together_are_linted_once_at_the_last_version() {
        let (server_side, client) = Connection::memory();
        let uri = "untitled:story";
        let change = |v: i32, text: &str| {
            Notification::new(
                "textDocument/didChange".into(),
                json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}),
            )
        };
        // Everything is queued before the server reads anything: one batch.
        let queue: Vec<Message> = vec![
            Request::new(1.into(), "initialize".into(), json!({"capabilities": {}})).into(),
            Notification::new("initialized".into(), json!({})).into(),
            Notification::new(
                "textDocument/didOpen".into(),
                json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "The OTAN met."}}),
            )
            .into(),
            change(2, "The OTAN met in Koursk.").into(),
            change(3, "The NATO met in Koursk.").into(),
            // A request reads the findings: they are brought up to date first.
            Request::new(
                2.into(),
                "textDocument/hover".into(),
                json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 18}}),
            )
            .into(),
            change(4, "The NATO met in Kursk.").into(),
            change(5, "The NATO met in Koursk and Koursk.").into(),
        ];
        for m in queue {
            client.sender.send(m).unwrap();
        }
        let serving = std::thread::spawn(move || serve(&server_side, profiles()));
        let mut published = Vec::new();
        let mut hovered = false;
        let timeout = std::time::Duration::from_secs(60);
        while published.last().is_none_or(|&(v, _)| v < 5) {
            match client.receiver.recv_timeout(timeout).unwrap() {
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    published.push((
                        n.params["version"].as_i64().unwrap(),
                        n.params["diagnostics"].as_array().unwrap().len(),
                    ));
                }
                Message::Response(r) if r.id == 2.into() => {
                    let hover = r.response_result.unwrap();
                    assert!(
                        hover["contents"]["value"]
                            .as_str()
                            .unwrap()
                            .contains("Kursk")
                    );
                    hovered = true;
                }
                _ => {}
            }
        }
        client
            .sender
            .send(Request::new(3.into(), "shutdown".into(), json!(null)).into())
            .unwrap();
        client
            .sender
            .send(Notification::new("exit".into(), json!(null)).into())
            .unwrap();
        assert_eq!(serving.join().unwrap(), Ending::Clean);
        assert!(hovered);
        // Version 3 for the hover, version 5 at the end of the batch; 1, 2 and 4 never.
        assert_eq!(published, vec![(3, 1), (5, 2)]);
    }
}
