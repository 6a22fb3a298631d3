//! The JSON API: `POST /api/check` and `POST /api/fix`. Findings are the objects of
//! `mtlint check --format json` (path `-`), with the rule's `why` added.

use super::AppState;
use super::error::ApiError;
use super::review::{Choice, Settings, SourceLang};
use crate::diagnostic::Diagnostic;
use crate::fix::FixLevel;
use crate::input::InputFormat;
use crate::output::FileReport;
use crate::output::json::{self, JsonDiagnostic};
use crate::rules::schema::House;
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// The path findings name: the text comes from no file, as with standard input.
const PATH: &str = "-";

/// `POST /api/check`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The text to lint.
    pub text: String,
    /// `fr`, `de`, …; `any` for every pack; absent: the configuration's.
    #[serde(default)]
    pub source_lang: Option<String>,
    /// `ap` or `reuters`; absent: the configuration's.
    #[serde(default)]
    pub style: Option<String>,
    /// `text` (default) or `markdown`.
    #[serde(default)]
    pub format: Option<String>,
}

/// One accepted suggestion in `POST /api/fix`: a finding's span start, or an object
/// naming the rule and which suggestion.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum AcceptItem {
    /// The finding starting at this byte offset; its first suggestion.
    Start(usize),
    /// A finding and one of its suggestions.
    Finding(FindingChoice),
}

/// The object form of [`AcceptItem`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingChoice {
    /// Byte offset where the finding's span starts (`span.start`).
    pub start: usize,
    /// Its rule code, when two findings start at one offset.
    #[serde(default)]
    pub rule: Option<String>,
    /// Index into its suggestions (default 0).
    #[serde(default)]
    pub suggestion: usize,
}

/// `POST /api/fix`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixRequest {
    /// The text to fix.
    pub text: String,
    /// As in [`CheckRequest`].
    #[serde(default)]
    pub source_lang: Option<String>,
    /// As in [`CheckRequest`].
    #[serde(default)]
    pub style: Option<String>,
    /// As in [`CheckRequest`].
    #[serde(default)]
    pub format: Option<String>,
    /// Without `accept`: also apply fixes marked unsafe.
    #[serde(default, rename = "unsafe")]
    pub unsafe_fixes: bool,
    /// Apply exactly these suggestions, once, instead of every safe fix until stable.
    #[serde(default)]
    pub accept: Option<Vec<AcceptItem>>,
}

/// A finding as the API answers it: the JSON contract's fields, then additions.
#[derive(Serialize)]
struct ApiDiagnostic<'a> {
    #[serde(flatten)]
    contract: JsonDiagnostic<'a>,
    /// Why the rule exists (`mtlint rule CODE`), for the editor deciding.
    why: &'a str,
}

/// Serializes findings of `text` as the contract does, adding each rule's `why`.
fn diagnostics<'a>(text: &'a str, found: &'a [Diagnostic]) -> Vec<ApiDiagnostic<'a>> {
    let report = FileReport::new(PATH, text, found);
    json::file_diagnostics(&report)
        .into_iter()
        .zip(found)
        .map(|(contract, d)| ApiDiagnostic {
            contract,
            why: &d.rule.why,
        })
        .collect()
}

#[derive(Serialize)]
struct CheckResponse<'a> {
    version: u32,
    diagnostics: Vec<ApiDiagnostic<'a>>,
    /// The source language the findings point to, when they clearly do (as the human
    /// report says "likely translated from …").
    likely_source: Option<&'static str>,
}

#[derive(Serialize)]
struct FixResponse<'a> {
    version: u32,
    /// The fixed text.
    text: &'a str,
    /// Edits applied.
    applied: usize,
    /// Accepted suggestions not applied (stale offset, overlap); 0 without `accept`.
    unmatched: usize,
    /// The findings left in `text`.
    remaining: Vec<ApiDiagnostic<'a>>,
}

/// An answer serialized on the worker thread (in field order, unlike a
/// `serde_json::Value`, whose keys would come out sorted).
pub struct JsonBody(Vec<u8>);

impl JsonBody {
    fn new(value: &impl Serialize) -> Result<Self, ApiError> {
        serde_json::to_vec(value)
            .map(JsonBody)
            .map_err(|e| ApiError::internal(e.to_string()))
    }
}

impl IntoResponse for JsonBody {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

/// Reads the per-request settings, rejecting unknown values with a 400.
fn settings(
    source_lang: Option<&str>,
    style: Option<&str>,
    format: Option<&str>,
) -> Result<Settings, ApiError> {
    let source_lang = match source_lang {
        None => SourceLang::Configured,
        Some(s) if s.eq_ignore_ascii_case("any") => SourceLang::Any,
        Some(s) => SourceLang::Lang(crate::language::parse(s).map_err(ApiError::bad_request)?),
    };
    let style = match style {
        None => None,
        Some(s) if s.eq_ignore_ascii_case("ap") => Some(House::Ap),
        Some(s) if s.eq_ignore_ascii_case("reuters") => Some(House::Reuters),
        Some(s) => {
            return Err(ApiError::bad_request(format!(
                "unknown style `{s}` (one of ap, reuters)"
            )));
        }
    };
    let format = match format {
        None => InputFormat::Text,
        Some(s) if s.eq_ignore_ascii_case("text") => InputFormat::Text,
        Some(s) if s.eq_ignore_ascii_case("markdown") => InputFormat::Markdown,
        Some(s) => {
            return Err(ApiError::bad_request(format!(
                "unknown format `{s}` (one of text, markdown)"
            )));
        }
    };
    Ok(Settings {
        style,
        source_lang,
        format,
    })
}

/// `POST /api/check`: the findings in a text.
pub async fn check(
    State(state): State<AppState>,
    body: Result<Json<CheckRequest>, JsonRejection>,
) -> Result<JsonBody, ApiError> {
    let Json(req) = body?;
    let s = settings(
        req.source_lang.as_deref(),
        req.style.as_deref(),
        req.format.as_deref(),
    )?;
    let reviewer = state.reviewer.clone();
    // Serialized on the worker too: for a long text with many findings it is real work.
    state
        .workers
        .run(move || {
            let found = reviewer.check(&req.text, &s).map_err(ApiError::internal)?;
            let out = CheckResponse {
                version: 1,
                diagnostics: diagnostics(&req.text, &found),
                likely_source: crate::language::likely(&found).map(|(l, _, _)| l.code()),
            };
            JsonBody::new(&out)
        })
        .await?
}

/// `POST /api/fix`: the text with fixes applied, and the findings left.
///
/// Without `accept`, every fix the rules mark safe (with `"unsafe": true`, unsafe ones
/// too) is applied, re-linting until the text stops changing, as `mtlint check --fix`.
/// With `accept`, exactly the listed suggestions are applied, in one pass over a fresh
/// lint of the text, whatever their applicability; the review page sends these.
pub async fn fix(
    State(state): State<AppState>,
    body: Result<Json<FixRequest>, JsonRejection>,
) -> Result<JsonBody, ApiError> {
    let Json(req) = body?;
    let s = settings(
        req.source_lang.as_deref(),
        req.style.as_deref(),
        req.format.as_deref(),
    )?;
    let reviewer = state.reviewer.clone();
    state
        .workers
        .run(move || {
            let (text, applied, unmatched, left) = match &req.accept {
                Some(items) => {
                    let choices: Vec<Choice> = items
                        .iter()
                        .map(|i| match i {
                            AcceptItem::Start(start) => Choice {
                                start: *start,
                                rule: None,
                                suggestion: 0,
                            },
                            AcceptItem::Finding(f) => Choice {
                                start: f.start,
                                rule: f.rule.clone(),
                                suggestion: f.suggestion,
                            },
                        })
                        .collect();
                    let a = reviewer
                        .accept(&req.text, &s, &choices)
                        .map_err(ApiError::internal)?;
                    (a.text, a.applied, a.unmatched, a.diagnostics)
                }
                None => {
                    let level = if req.unsafe_fixes {
                        FixLevel::Unsafe
                    } else {
                        FixLevel::Safe
                    };
                    let f = reviewer
                        .fix(&req.text, &s, level)
                        .map_err(ApiError::internal)?;
                    (f.text, f.applied, 0, f.diagnostics)
                }
            };
            let out = FixResponse {
                version: 1,
                text: &text,
                applied,
                unmatched,
                remaining: diagnostics(&text, &left),
            };
            JsonBody::new(&out)
        })
        .await?
}
