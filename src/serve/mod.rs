//! `mtlint serve`: a local web application for editors — the review page (`GET /`) and
//! the JSON API it uses (`POST /api/check`, `POST /api/fix`), on axum and tokio.
//!
//! Requests are linted under the configuration of the server's current directory, as
//! `mtlint check` lints standard input there; each request may name its source language,
//! house style and format. The server keeps no state between requests: the page sends
//! the whole text each time.

mod api;
mod assets;
mod error;
mod limits;
mod review;

pub use error::ApiError;
pub use limits::{Limits, Workers};
pub use review::{Accepted, Choice, Reviewer, Settings, SourceLang};

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    reviewer: Arc<Reviewer>,
    workers: Workers,
    /// The review page, rendered once: its settings cannot change while serving.
    page: Arc<str>,
}

/// The page loads nothing but its own script and stylesheet and talks to nothing but
/// this server: a draft pasted into it never leaves the machine.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; \
    frame-ancestors 'none'";

/// The application: page, assets and API, with the API's limits.
pub fn router(reviewer: Arc<Reviewer>, limits: Limits) -> Router {
    let state = AppState {
        page: assets::page(&reviewer).into(),
        reviewer,
        workers: limits.workers(),
    };
    let api = Router::new()
        .route("/check", post(api::check))
        .route("/fix", post(api::fix));
    // The JSON error layer goes outside the limits, so that their answers are JSON too.
    let api = limits
        .apply(api)
        .fallback(async || error::ApiError {
            status: axum::http::StatusCode::NOT_FOUND,
            message: "no such API endpoint (POST /api/check, POST /api/fix)".into(),
        })
        .layer(axum::middleware::map_response(error::json_errors));
    Router::new()
        .route("/", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/style.css", get(assets::style))
        .nest("/api", api)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .with_state(state)
}

/// Binds `host:port` (port 0: a free one), prints `mtlint serve: listening on URL` on
/// stderr, and serves until Ctrl-C or SIGTERM.
pub fn run(host: &str, port: u16, limits: Limits, reviewer: Reviewer) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((host, port))
            .await
            .map_err(|e| format!("cannot listen on {host}:{port}: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("cannot read the bound address: {e}"))?;
        announce(addr);
        let app = router(Arc::new(reviewer), limits);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("server failed: {e}"))
    })
}

/// The line tests and scripts wait for, with the port actually bound.
fn announce(addr: SocketAddr) {
    if !addr.ip().is_loopback() {
        eprintln!(
            "mtlint serve: warning: {} is not a loopback address; anyone who can reach it can use the API",
            addr.ip()
        );
    }
    eprintln!("mtlint serve: listening on http://{addr}");
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM: requests in flight are answered first.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
