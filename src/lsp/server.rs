//! The language server's state and its answer to each message: open documents, the
//! configuration that applies to each, and what goes back to the editor.
//!
//! Changes only mark a document as changed; it is linted when a request needs its
//! findings, or by [`Server::flush`] once every message waiting has been handled — so a
//! burst of `didChange` notifications is linted once, at its last version.

use super::actions::{self, FIX_ALL_KIND};
use super::diagnostics;
use super::documents::Documents;
use super::hover;
use super::position::{Encoding, Positions};
use super::workspace::{self, Workspace};
use crate::config::{Profile, Profiles};
use crate::fix::{self, FixLevel};
use crate::input::{self, InputFormat};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, MarkupKind,
    MessageType, PublishDiagnosticsParams, Registration, RegistrationParams, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Documents larger than this are not linted (the user is told once per document): a
/// lint of tens of megabytes on every keystroke would freeze the editor's diagnostics.
pub const MAX_DOCUMENT: usize = 20 * 1024 * 1024;

/// What the message loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep serving.
    Continue,
    /// The client sent `exit`.
    Exit,
}

/// The server's state after `initialize`.
#[derive(Debug)]
pub struct Server {
    documents: Documents,
    workspace: Workspace,
    encoding: Encoding,
    /// The client renders Markdown in hovers.
    markdown_hover: bool,
    /// The client lets the server register file watchers.
    can_watch_files: bool,
    /// Documents changed since their findings were last published, in change order.
    changed: Vec<Uri>,
    /// Messages for the client, in order.
    outbox: Vec<Message>,
    /// Messages already shown, so that a broken configuration is reported once, not on
    /// every keystroke.
    shown: HashSet<String>,
    shutdown: bool,
    next_id: i32,
}

impl Server {
    /// A server for the client described by `params`, with configuration from
    /// `profiles` (as the command line set it up).
    pub fn new(params: &InitializeParams, profiles: Profiles) -> Self {
        let caps = &params.capabilities;
        let encoding = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let markdown_hover = caps
            .text_document
            .as_ref()
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            // A client that says nothing about formats gets Markdown, which the protocol
            // lets it render as plain text.
            .is_none_or(|f| f.contains(&MarkupKind::Markdown));
        let can_watch_files = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        Server {
            documents: Documents::default(),
            workspace: Workspace::new(root(params), profiles),
            encoding,
            markdown_hover,
            can_watch_files,
            changed: Vec::new(),
            outbox: Vec::new(),
            shown: HashSet::new(),
            shutdown: false,
            next_id: 0,
        }
    }

    /// The answer to `initialize`.
    pub fn initialize_result(&self) -> InitializeResult {
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(FIX_ALL_KIND),
                        ]),
                        resolve_provider: Some(false),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "mtlint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        }
    }

    /// The position encoding agreed with the client.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Whether `shutdown` was received (so that `exit` is a clean exit).
    pub fn is_shut_down(&self) -> bool {
        self.shutdown
    }

    /// Handles one message from the client. A panic while handling it is caught: a
    /// request gets an internal error, and the server goes on with the next message.
    pub fn handle(&mut self, msg: Message) -> Flow {
        match msg {
            Message::Request(r) => {
                let id = r.id.clone();
                let response =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(r)))
                        .unwrap_or_else(|_| {
                            Response::new_err(
                                id,
                                ErrorCode::InternalError as i32,
                                "internal error".into(),
                            )
                        });
                self.outbox.push(response.into());
            }
            Message::Notification(n) if n.method == notif::Exit::METHOD => return Flow::Exit,
            Message::Notification(n) => {
                let method = n.method.clone();
                let caught =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)));
                if caught.is_err() {
                    self.log(
                        MessageType::ERROR,
                        format!("internal error handling {method}"),
                    );
                }
            }
            // Answers to the server's own requests (the watcher registration): nothing
            // depends on them.
            Message::Response(_) => {}
        }
        Flow::Continue
    }

    /// Lints every document changed since its findings were last published, and
    /// queues their `publishDiagnostics`.
    pub fn flush(&mut self) {
        for uri in std::mem::take(&mut self.changed) {
            if let Some(params) = self.lint(&uri) {
                self.notify::<notif::PublishDiagnostics>(params);
            }
        }
    }

    /// The messages for the client queued so far.
    pub fn take_outbox(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.outbox)
    }

    fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        if self.shutdown {
            return error(id, ErrorCode::InvalidRequest, "the server is shutting down");
        }
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Response::new_ok(id, ())
            }
            req::Initialize::METHOD => error(id, ErrorCode::InvalidRequest, "already initialized"),
            req::CodeActionRequest::METHOD => match params::<CodeActionParams>(&r) {
                Ok(p) => Response::new_ok(id, self.code_actions(p)),
                Err(e) => e,
            },
            req::HoverRequest::METHOD => match params::<HoverParams>(&r) {
                Ok(p) => Response::new_ok(id, self.hover(p)),
                Err(e) => e,
            },
            m => error(
                id,
                ErrorCode::MethodNotFound,
                &format!("unknown method {m}"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        let bad = |n: &Notification, e: serde_json::Error| {
            format!("invalid parameters for {}: {e}", n.method)
        };
        match n.method.as_str() {
            notif::Initialized::METHOD => self.register_watchers(),
            notif::DidOpenTextDocument::METHOD => {
                match serde_json::from_value::<DidOpenTextDocumentParams>(n.params.clone()) {
                    Ok(p) => {
                        let d = p.text_document;
                        self.documents
                            .open(d.uri.clone(), d.language_id, d.version, d.text);
                        self.mark_changed(d.uri);
                    }
                    Err(e) => self.log(MessageType::ERROR, bad(&n, e)),
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                match serde_json::from_value::<DidChangeTextDocumentParams>(n.params.clone()) {
                    Ok(p) => {
                        let uri = p.text_document.uri;
                        match self.documents.get_mut(&uri) {
                            Some(doc) => {
                                doc.apply(
                                    p.text_document.version,
                                    p.content_changes,
                                    self.encoding,
                                );
                                self.mark_changed(uri);
                            }
                            None => self.log(
                                MessageType::WARNING,
                                format!("change to a document that is not open: {}", uri.as_str()),
                            ),
                        }
                    }
                    Err(e) => self.log(MessageType::ERROR, bad(&n, e)),
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                match serde_json::from_value::<DidCloseTextDocumentParams>(n.params.clone()) {
                    Ok(p) => {
                        let uri = p.text_document.uri;
                        self.documents.close(&uri);
                        self.changed.retain(|u| *u != uri);
                        // Findings of a closed document would stay in the problems list.
                        self.notify::<notif::PublishDiagnostics>(PublishDiagnosticsParams {
                            uri,
                            diagnostics: Vec::new(),
                            version: None,
                        });
                    }
                    Err(e) => self.log(MessageType::ERROR, bad(&n, e)),
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params)
                    && workspace::is_config_file(&p.text_document.uri)
                {
                    self.reload();
                }
            }
            notif::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params)
                    && p.changes.iter().any(|c| workspace::is_config_file(&c.uri))
                {
                    self.reload();
                }
            }
            // `$/cancelRequest`, `$/setTrace` and other notifications: requests are
            // answered before the next message is read, so there is nothing to cancel.
            _ => {}
        }
    }

    /// Asks the client to report changes of configuration files, when it can.
    fn register_watchers(&mut self) {
        if !self.can_watch_files {
            return;
        }
        let watchers = crate::config::FILE_NAMES
            .iter()
            .map(|name| FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{name}")),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "mtlint-config-files".to_string(),
                method: notif::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("mtlint-{}", self.next_id));
        self.outbox
            .push(Request::new(id, req::RegisterCapability::METHOD.to_string(), params).into());
    }

    /// A configuration file changed: read them all again, and re-lint every open
    /// document under what now applies.
    fn reload(&mut self) {
        self.workspace.reload();
        self.shown.clear();
        let uris: Vec<Uri> = self.documents.uris().cloned().collect();
        for uri in uris {
            if let Some(d) = self.documents.get_mut(&uri) {
                d.linted = None;
            }
            self.mark_changed(uri);
        }
    }

    fn mark_changed(&mut self, uri: Uri) {
        if !self.changed.contains(&uri) {
            self.changed.push(uri);
        }
    }

    /// Makes sure the findings of `uri` are current (publishing them if they were not),
    /// before a request reads them.
    fn ensure_linted(&mut self, uri: &Uri) {
        if self.documents.get(uri).is_some_and(|d| d.linted.is_none()) {
            self.changed.retain(|u| u != uri);
            if let Some(params) = self.lint(uri) {
                self.notify::<notif::PublishDiagnostics>(params);
            }
        }
    }

    /// What lints a document: its profile, format and file path. `None` (after telling
    /// the user why) when it cannot be linted.
    fn setup(&mut self, uri: &Uri) -> Option<(Arc<Profile>, InputFormat, Option<PathBuf>)> {
        let path = workspace::file_path(uri);
        let profile = match self.workspace.profile(path.as_deref()) {
            Ok(p) => p,
            Err(e) => {
                // Lint under the defaults rather than not at all, and say why the
                // newsroom's settings are not in force.
                self.show_once(MessageType::ERROR, format!("mtlint: {e}"));
                match self.workspace.default_profile() {
                    Ok(p) => p,
                    Err(e) => {
                        self.show_once(MessageType::ERROR, format!("mtlint: {e}"));
                        return None;
                    }
                }
            }
        };
        let format = self.documents.get(uri)?.format(path.as_deref())?;
        Some((profile, format, path))
    }

    /// Lints the document at `uri` and returns its `publishDiagnostics` (`None` if it is
    /// not open). A document over [`MAX_DOCUMENT`] gets no findings, and one warning.
    fn lint(&mut self, uri: &Uri) -> Option<PublishDiagnosticsParams> {
        let doc = self.documents.get(uri)?;
        if doc.text.len() > MAX_DOCUMENT {
            let warn = !doc.warned_too_large;
            let size = doc.text.len();
            let doc = self.documents.get_mut(uri)?;
            doc.warned_too_large = true;
            doc.linted = Some(Vec::new());
            let version = doc.version;
            if warn {
                self.show(
                    MessageType::WARNING,
                    format!(
                        "mtlint: {} is {} MB, over the {} MB limit: it is not linted.",
                        uri.as_str(),
                        size / (1024 * 1024),
                        MAX_DOCUMENT / (1024 * 1024)
                    ),
                );
            }
            return Some(PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: Vec::new(),
                version: Some(version),
            });
        }
        let found = match self.setup(uri) {
            Some((profile, format, path)) => {
                let doc = self.documents.get(uri)?;
                input::lint_file_with(format, &doc.text, |part| {
                    profile.lint(path.as_deref(), part)
                })
                .diagnostics
            }
            None => Vec::new(),
        };
        let doc = self.documents.get_mut(uri)?;
        let params = diagnostics::publish(
            uri.clone(),
            doc.version,
            &found,
            &Positions::new(&doc.text, self.encoding),
        );
        doc.linted = Some(found);
        Some(params)
    }

    fn code_actions(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = p.text_document.uri;
        self.ensure_linted(&uri);
        let Some(doc) = self.documents.get(&uri) else {
            return Vec::new();
        };
        let diags = doc.linted.as_deref().unwrap_or_default();
        let positions = Positions::new(&doc.text, self.encoding);
        let only = p.context.only.as_deref();
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        if actions::wanted(only, &CodeActionKind::QUICKFIX) {
            let span = positions.span(p.range);
            out.extend(
                actions::quick_fixes(&uri, &doc.text, diags, span, &positions)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction),
            );
        }
        let kinds: Vec<CodeActionKind> = [CodeActionKind::QUICKFIX, FIX_ALL_KIND.into()]
            .into_iter()
            .filter(|k| actions::wanted(only, k))
            .collect();
        if kinds.is_empty() || !actions::has_safe_fix(diags) {
            return out;
        }
        let Some((profile, format, path)) = self.setup(&uri) else {
            return out;
        };
        let Some(doc) = self.documents.get(&uri) else {
            return out;
        };
        let fixed = fix::fix_until_stable(&doc.text, FixLevel::Safe, |t| {
            input::lint_file_with(format, t, |part| profile.lint(path.as_deref(), part)).diagnostics
        });
        let positions = Positions::new(&doc.text, self.encoding);
        for kind in kinds {
            if let Some(a) = actions::fix_all(&uri, &doc.text, &fixed.text, &positions, kind) {
                out.push(CodeActionOrCommand::CodeAction(a));
            }
        }
        out
    }

    fn hover(&mut self, p: HoverParams) -> Option<lsp_types::Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        self.ensure_linted(&uri);
        let doc = self.documents.get(&uri)?;
        let positions = Positions::new(&doc.text, self.encoding);
        let offset = positions.offset(p.text_document_position_params.position);
        hover::hover(
            doc.linted.as_deref()?,
            &doc.text,
            offset,
            &positions,
            self.markdown_hover,
        )
    }

    fn notify<N: lsp_types::notification::Notification>(&mut self, params: N::Params) {
        self.outbox
            .push(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn show(&mut self, typ: MessageType, message: String) {
        self.notify::<notif::ShowMessage>(ShowMessageParams { typ, message });
    }

    fn show_once(&mut self, typ: MessageType, message: String) {
        if self.shown.insert(message.clone()) {
            self.show(typ, message);
        }
    }

    fn log(&mut self, typ: MessageType, message: String) {
        self.notify::<notif::LogMessage>(lsp_types::LogMessageParams { typ, message });
    }
}

/// The workspace root the client named: its first workspace folder, else the
/// (deprecated but still sent) root URI or path.
#[allow(deprecated)]
fn root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .and_then(|f| workspace::file_path(&f.uri))
        .or_else(|| params.root_uri.as_ref().and_then(workspace::file_path))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
}

/// A request's parameters, or the `InvalidParams` error to answer it with.
fn params<P: DeserializeOwned>(r: &Request) -> Result<P, Response> {
    serde_json::from_value(r.params.clone()).map_err(|e| {
        error(
            r.id.clone(),
            ErrorCode::InvalidParams,
            &format!("invalid parameters for {}: {e}", r.method),
        )
    })
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CliSettings, ConfigSource};
    use serde_json::json;

    fn server() -> Server {
        Server::new(
            &InitializeParams::default(),
            Profiles::new(ConfigSource::None, CliSettings::default()),
        )
    }

    fn notification(method: &str, params: serde_json::Value) -> Message {
        Notification::new(method.into(), params).into()
    }

    #[test]
    fn an_oversized_document_is_not_linted_and_the_user_is_told_once() {
        let mut s = server();
        let uri = "file:///w/huge.txt";
        let mut text = "Koursk. ".repeat(MAX_DOCUMENT / 8);
        text.push_str("Koursk.");
        assert!(text.len() > MAX_DOCUMENT);
        s.handle(notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        ));
        s.flush();
        s.handle(notification(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "A "}
            ]}),
        ));
        s.flush();
        let out = s.take_outbox();
        let methods: Vec<(&str, Option<i64>, usize)> = out
            .iter()
            .map(|m| match m {
                Message::Notification(n) => (
                    n.method.as_str(),
                    n.params["version"].as_i64(),
                    n.params["diagnostics"].as_array().map_or(0, Vec::len),
                ),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(
            methods,
            vec![
                ("window/showMessage", None, 0),
                ("textDocument/publishDiagnostics", Some(1), 0),
                ("textDocument/publishDiagnostics", Some(2), 0),
            ]
        );
    }

    #[test]
    fn bad_requests_get_errors_and_unknown_documents_empty_results() {
        let mut s = server();
        let code = |s: &mut Server, method: &str, params: serde_json::Value| {
            s.handle(Request::new(7.into(), method.into(), params).into());
            match s.take_outbox().pop() {
                Some(Message::Response(r)) => match r.response_result {
                    Ok(v) => Err(Some(v)),
                    Err(e) => Ok(e.code),
                },
                other => panic!("unexpected {other:?}"),
            }
        };
        let invalid = ErrorCode::InvalidParams as i32;
        assert_eq!(
            code(&mut s, "textDocument/codeAction", json!({"range": 3})),
            Ok(invalid)
        );
        assert_eq!(
            code(&mut s, "workspace/symbol", json!({})),
            Ok(ErrorCode::MethodNotFound as i32)
        );
        let unknown = json!({"textDocument": {"uri": "file:///nowhere.txt"},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}},
            "context": {"diagnostics": []}});
        assert_eq!(
            code(&mut s, "textDocument/codeAction", unknown),
            Err(Some(json!([])))
        );
        // A change to a document never opened is logged, not applied.
        s.handle(notification(
            "textDocument/didChange",
            json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
        ));
        s.flush();
        assert!(
            matches!(&s.take_outbox()[..], [Message::Notification(n)] if n.method == "window/logMessage")
        );
        assert_eq!(
            code(&mut s, "shutdown", json!(null)),
            Err(Some(json!(null)))
        );
        assert_eq!(
            code(&mut s, "textDocument/hover", json!({})),
            Ok(ErrorCode::InvalidRequest as i32)
        );
    }
}
