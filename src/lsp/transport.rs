//! Base protocol over a byte stream (`Content-Length` framing), for [`Connection`].
//!
//! `lsp-server`'s own stdio transport ends the session at the first malformed message:
//! its reader thread returns the error, and the server sees the connection close. An
//! editor session should survive a bad frame from a buggy client or extension, so this
//! reader answers a payload that is not JSON with a parse error, one that is not a
//! JSON-RPC message with an invalid-request error (to its `id` when it has one), skips a
//! frame without a usable `Content-Length`, and goes on reading.

use crossbeam_channel::{Sender, unbounded};
use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Messages longer than this are skipped unread: enough for a document at the size
/// cap even with every character escaped, and a bound on what one frame can allocate.
pub const MAX_MESSAGE: usize = 128 * 1024 * 1024;

/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;

/// The threads behind a connection.
#[derive(Debug)]
pub struct Transport {
    writer: JoinHandle<io::Result<()>>,
}

impl Transport {
    /// Waits until every message sent has been written; call after dropping the
    /// [`Connection`] (which ends the writer). The reader thread is left alone: it may be
    /// blocked on a read that only the end of the process interrupts.
    pub fn join(self) -> io::Result<()> {
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, Transport) {
    spawn(io::BufReader::new(io::stdin()), io::stdout())
}

/// A connection reading frames from `input` and writing frames to `output`, each on its
/// own thread. Messages queue without bound in both directions, so that the server can
/// see every change waiting behind the one it is working on (and lint only the latest).
pub fn spawn<R, W>(input: R, output: W) -> (Connection, Transport)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (to_server, from_client) = unbounded::<Message>();
    let (to_client, outgoing) = unbounded::<Message>();

    let out = output.clone();
    let writer = std::thread::Builder::new()
        .name("mtlint-lsp-writer".into())
        .spawn(move || {
            for msg in outgoing {
                let mut w = out.lock().unwrap_or_else(|e| e.into_inner());
                msg.write(&mut *w)?;
                w.flush()?;
            }
            Ok(())
        })
        .expect("a thread can be started");

    // Detached on purpose: see `Transport::join`.
    let _reader = std::thread::Builder::new()
        .name("mtlint-lsp-reader".into())
        .spawn(move || read_loop(input, &to_server, &output))
        .expect("a thread can be started");

    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        Transport { writer },
    )
}

/// Reads frames until end of input, the `exit` notification, or the server going away.
fn read_loop<R: BufRead, W: Write>(mut input: R, server: &Sender<Message>, out: &Mutex<W>) {
    loop {
        let frame = match read_frame(&mut input, MAX_MESSAGE) {
            Ok(None) | Err(_) => return,
            Ok(Some(f)) => f,
        };
        let reply = match frame.and_then(|body| parse(&body)) {
            Ok(msg) => {
                let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                if server.send(msg).is_err() || exit {
                    return;
                }
                continue;
            }
            Err(e) => e,
        };
        let mut w = out.lock().unwrap_or_else(|e| e.into_inner());
        if reply.write(&mut *w).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// An error to answer a frame with: to the request's id when it could be read, else to
/// `null` as JSON-RPC asks.
#[derive(Debug)]
struct Reply {
    id: Option<RequestId>,
    code: ErrorCode,
    message: String,
}

impl Reply {
    fn new(id: Option<RequestId>, code: ErrorCode, message: impl Into<String>) -> Self {
        Reply {
            id,
            code,
            message: message.into(),
        }
    }

    fn write(&self, w: &mut impl Write) -> io::Result<()> {
        match &self.id {
            Some(id) => Message::Response(Response::new_err(
                id.clone(),
                self.code as i32,
                self.message.clone(),
            ))
            .write(w),
            // `RequestId` cannot be null: build the response by hand.
            None => {
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": {"code": self.code as i32, "message": self.message},
                })
                .to_string();
                write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())
            }
        }
    }
}

/// One frame's body; `Ok(None)` at end of input; `Ok(Some(Err))` for a frame to skip
/// (a body longer than `limit` bytes is skipped unread).
fn read_frame(input: &mut impl BufRead, limit: usize) -> io::Result<Option<Result<String, Reply>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut bad_header = None;
    let mut line = Vec::new();
    let mut read_any = false;
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            // Blank lines before any header are tolerated, not a frame.
            if read_any {
                break;
            }
            continue;
        }
        read_any = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(value.trim().parse().map_err(|_| value.trim().to_string()));
            }
            Some(_) => {} // Content-Type and the like.
            None => bad_header = Some(text.to_string()),
        }
    }
    let fail = |m: String| Ok(Some(Err(Reply::new(None, ErrorCode::ParseError, m))));
    if let Some(h) = bad_header {
        return fail(format!("malformed header line {h:?}"));
    }
    let length = match length {
        None => return fail("a message without Content-Length".into()),
        Some(Err(v)) => return fail(format!("invalid Content-Length {v:?}")),
        Some(Ok(n)) => n,
    };
    if length > limit {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return fail(format!(
            "message of {length} bytes skipped: the limit is {limit}"
        ));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(String::from_utf8(body).map_err(|_| {
        Reply::new(None, ErrorCode::ParseError, "the message is not UTF-8")
    })))
}

/// A frame's body as a message, or the error to answer it with.
fn parse(body: &str) -> Result<Message, Reply> {
    if let Ok(msg) = serde_json::from_str::<Message>(body) {
        return Ok(msg);
    }
    let value: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| Reply::new(None, ErrorCode::ParseError, format!("invalid JSON: {e}")))?;
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    Err(Reply::new(
        id,
        ErrorCode::InvalidRequest,
        "not a JSON-RPC request, notification or response",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_frames_are_answered_and_reading_goes_on() {
        let input = [
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","id":4,"method":7}"#),
            "X-Nonsense\r\n\r\n".to_string(),
            "Content-Length: lots\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#),
        ]
        .concat();
        let mut r = io::Cursor::new(input.into_bytes());
        let mut replies = Vec::new();
        let mut messages = Vec::new();
        while let Some(f) = read_frame(&mut r, MAX_MESSAGE).unwrap() {
            match f.and_then(|b| parse(&b)) {
                Ok(m) => messages.push(m),
                Err(e) => replies.push(e),
            }
        }
        let codes: Vec<_> = replies
            .iter()
            .map(|r| (r.id.clone(), r.code as i32))
            .collect();
        assert_eq!(
            codes,
            vec![
                (None, ErrorCode::ParseError as i32),
                (Some(RequestId::from(4)), ErrorCode::InvalidRequest as i32),
                (None, ErrorCode::ParseError as i32),
                (None, ErrorCode::ParseError as i32),
            ]
        );
        assert!(matches!(&messages[..], [Message::Request(r)] if r.method == "shutdown"));
        let mut out = Vec::new();
        replies[0].write(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let body = out.split("\r\n\r\n").nth(1).unwrap();
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["id"], serde_json::Value::Null);
        assert_eq!(v["error"]["code"], -32700);
    }

    #[test]
    fn oversized_messages_are_skipped_without_reading_them_into_memory() {
        let big = frame(&format!("\"{}\"", "x".repeat(100)));
        let input = big + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let mut r = io::Cursor::new(input.into_bytes());
        assert!(matches!(read_frame(&mut r, 64).unwrap(), Some(Err(_))));
        let next = read_frame(&mut r, 64).unwrap().unwrap().unwrap();
        assert!(next.contains("exit"));
    }
}
