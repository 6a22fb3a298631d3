//! `--format json`: the contract of ARCHITECTURE.md — one object, `version` 1, and the
//! diagnostics sorted by path then span start.

use super::{FileReport, Positions};
use crate::diagnostic::Diagnostic;
use crate::text::LineCol;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

/// One diagnostic as serialized.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    /// The record (JSON Lines `id`, NewsML `guid`), for inputs that hold several.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    rule: &'a str,
    name: &'a str,
    kind: &'static str,
    severity: &'static str,
    message: &'a str,
    span: Span,
    start: LineCol,
    end: LineCol,
    text: &'a str,
    suggestions: &'a [String],
    applicability: &'static str,
}

impl<'a> JsonDiagnostic<'a> {
    /// Serializes one diagnostic of `file`; `lines` indexes `file.text`.
    pub fn new(file: &FileReport<'a>, lines: &Positions, d: &'a Diagnostic) -> Self {
        // Byte offsets into the file as read, even when `--lossy` replaced bytes of it;
        // lines, columns and `text` come from the decoded text, as an editor shows it.
        let bytes = file.file_span(&d.span);
        JsonDiagnostic {
            path: file.path,
            id: d.id.as_deref(),
            rule: &d.rule.code,
            name: &d.rule.name,
            kind: d.rule.family.as_str(),
            severity: d.rule.severity.as_str(),
            message: &d.message,
            span: Span {
                start: bytes.start,
                end: bytes.end,
            },
            start: lines.line_col(d.span.start),
            end: lines.line_col(d.span.end),
            text: d.text(file.text),
            suggestions: &d.suggestions,
            applicability: d.rule.applicability.as_str(),
        }
    }
}

/// Serializes the diagnostics of one file, in its order (shared with `jsonl`, which
/// streams them file by file instead of collecting the whole run).
pub fn file_diagnostics<'a>(file: &FileReport<'a>) -> Vec<JsonDiagnostic<'a>> {
    if file.diagnostics.is_empty() {
        return Vec::new();
    }
    let lines = file.positions();
    file.diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(file, &lines, d))
        .collect()
}

/// Serializes the diagnostics of `files` (already in path order).
pub fn diagnostics<'a>(files: &'a [FileReport<'a>]) -> Vec<JsonDiagnostic<'a>> {
    files.iter().flat_map(file_diagnostics).collect()
}

/// Writes the JSON document.
pub fn write(w: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    let out = Output {
        version: 1,
        diagnostics: diagnostics(files),
    };
    serde_json::to_writer_pretty(&mut *w, &out)?;
    writeln!(w)
}
