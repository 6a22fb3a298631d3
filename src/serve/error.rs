//! Errors of the JSON API, always answered as `{"error": "…"}` with a fitting status:
//! a client parses one shape whatever went wrong, even where the answer comes from a
//! layer (body limit, time-out) or from axum itself (unknown path, wrong method).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a str,
}

impl ApiError {
    /// A 400 answer: the request is not what the API takes.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// A 500 answer: the server failed (a rule set that does not build, a panic).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(Body {
                error: &self.message,
            }),
        )
            .into_response()
    }
}

impl From<JsonRejection> for ApiError {
    /// A body too large keeps its 413 and a missing JSON content type its 415; every
    /// other rejection (bad syntax, a missing or unknown field, a wrong type) is the
    /// client's malformed request: 400, where axum would answer 422 for some.
    fn from(r: JsonRejection) -> Self {
        let status = match r.status() {
            s @ (StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE) => s,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError {
            status,
            message: r.body_text(),
        }
    }
}

/// Largest error body of another layer that is quoted in the JSON answer.
const QUOTED_BODY: usize = 4096;

/// Middleware for the API routes: turns an error answer that is not JSON (axum's 404 and
/// 405, the body limit's 413, the time-out's 503) into `{"error": …}`, quoting its text
/// or, when it has none, the status's reason.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), QUOTED_BODY)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = if text.is_empty() {
        match status {
            StatusCode::SERVICE_UNAVAILABLE => "the request timed out".to_string(),
            _ => status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_lowercase(),
        }
    } else {
        text
    };
    ApiError { status, message }.into_response()
}
