//! What bounds the server's work: the size of a request body, the time a request may
//! take, and how many texts are linted at once. Linting is CPU-bound and synchronous, so
//! it runs on tokio's blocking pool, never on the threads that drive connections, and a
//! semaphore keeps it to a few texts at a time: a burst of requests queues instead of
//! starving every request of CPU, and the time-out answers those that waited too long.

use super::error::ApiError;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

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
            .layer(RequestBodyLimitLayer::new(self.max_body))
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
