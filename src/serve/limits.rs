//! What bounds the server's work: the size of a request body, the time a request may
//! take, and how many texts are linted at once. Linting is CPU-bound and synchronous, so
//! it runs on tokio's blocking pool, never on the threads that drive connections, and a
//! semaphore keeps it to a few texts at a time: a burst of requests queues instead of
//! starving every request of CPU, and the time-out answers those that waited too long.

use super::error::ApiError;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::timeout::TimeoutLayer;

/// An oversized body is read and thrown away up to this many times the limit before the
/// 413 answer; past that the server answers at once.
const DRAIN_FACTOR: u64 = 4;

/// The server's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes (413 above it).
    pub max_body: usize,
    /// Longest time a request may take, queueing included (503 after it).
    pub timeout: Duration,
    /// Texts linted at once (0: one per core).
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 5 * 1024 * 1024,
            timeout: Duration::from_secs(10),
            workers: 0,
        }
    }
}

impl Limits {
    /// Wraps the API routes in the body limit and the time-out. Axum's own default
    /// body limit (2 MB) is switched off so that only the configured one applies.
    pub fn apply<S: Clone + Send + Sync + 'static>(&self, routes: Router<S>) -> Router<S> {
        routes
            .layer(DefaultBodyLimit::disable())
            .layer(axum::middleware::from_fn_with_state(
                self.max_body,
                read_body,
            ))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                self.timeout,
            ))
    }

    /// The worker pool these limits call for.
    pub fn workers(&self) -> Workers {
        let n = match self.workers {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        };
        Workers {
            permits: Arc::new(Semaphore::new(n)),
        }
    }
}

/// Runs linting jobs off the async threads, a bounded number at a time.
#[derive(Debug, Clone)]
pub struct Workers {
    permits: Arc<Semaphore>,
}

impl Workers {
    /// Waits for a free worker, then runs `job` on the blocking pool. The permit moves
    /// into the job: when a timed-out request drops this future, the job still runs to
    /// its end (a blocking thread cannot be interrupted) and keeps its worker until then,
    /// so abandoned jobs cannot pile up past the bound. A panicking job is a 500 answer;
    /// the server goes on.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the worker pool is closed"))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            job()
        })
        .await
        .map_err(|e| ApiError::internal(format!("linting failed: {e}")))
    }
}

/// Reads a request body whole, up to `max` bytes, before the handler sees it.
///
/// A larger body gets a 413 answer, but only once the client has sent it all (up to
/// [`DRAIN_FACTOR`] times the limit): a server that answers early and closes the
/// connection with the rest of the body unread makes the kernel reset it, and a client
/// still writing (most do not wait for `100 Continue`) sees a broken pipe instead of
/// the 413. A client that does send `Expect: 100-continue` is answered at once and never
/// sends the body.
async fn read_body(State(max): State<usize>, req: Request, next: Next) -> Response {
    let max = max as u64;
    let drain_cap = max.saturating_mul(DRAIN_FACTOR);
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    let waits_for_continue = req
        .headers()
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    if let Some(n) = declared
        && n > max
        && (waits_for_continue || n > drain_cap)
    {
        return too_large(max);
    }
    let (parts, mut body) = req.into_parts();
    let mut kept = Vec::new();
    let mut seen: u64 = 0;
    while seen <= drain_cap {
        let Some(frame) = body.frame().await else {
            break;
        };
        let frame = match frame {
            Ok(f) => f,
            Err(e) => {
                return ApiError::bad_request(format!("cannot read the request body: {e}"))
                    .into_response();
            }
        };
        if let Ok(data) = frame.into_data() {
            seen += data.len() as u64;
            if seen <= max {
                kept.extend_from_slice(&data);
            } else {
                kept = Vec::new();
            }
        }
    }
    if seen > max {
        return too_large(max);
    }
    next.run(Request::from_parts(parts, Body::from(kept))).await
}

/// The 413 answer; the connection closes after it, as its request body may be unread.
fn too_large(max: u64) -> Response {
    let mut res = ApiError {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        message: format!("the request body is larger than {max} bytes"),
    }
    .into_response();
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}
