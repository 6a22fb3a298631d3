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
