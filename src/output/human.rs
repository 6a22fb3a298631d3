//! `--format human` (the default): each finding with its source line, the span
//! underlined, the message and the suggested replacement, drawn by annotate-snippets.

use super::FileReport;
use crate::diagnostic::Severity;
use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
use std::io::Write;

/// Writes every finding, then a one-line summary.
pub fn write(w: &mut dyn Write, files: &[FileReport], color: bool) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut counts = [0usize; 3];
    let mut files_with = 0;
    for f in files {
        if f.diagnostics.is_empty() {
            continue;
        }
        files_with += 1;
        let lines = f.positions();
        for d in f.diagnostics {
            counts[d.rule.severity as usize] += 1;
            // Show the lines the span touches. annotate-snippets computes the column from
            // the snippet, so the line is cropped on the left only when it is very long
            // (a 20 MB single-line file must not be re-rendered for every finding); then
            // the location is given explicitly instead.
            let first = lines.line_of(d.span.start);
            let last = lines.line_of(d.span.end.saturating_sub(1).max(d.span.start));
            let line_start = lines.line_range(first).start;
            let mut end = lines.line_range(last).end.max(d.span.end);
            const LEFT: usize = 4096;
            const RIGHT: usize = 240;
            let cropped = d.span.start - line_start > LEFT || !lines.starts_line(first);
            let start = if cropped {
                f.text.floor_char_boundary(d.span.start - RIGHT)
            } else {
                line_start
            };
            if end - d.span.end > RIGHT {
                end = f.text.floor_char_boundary(d.span.end + RIGHT);
            }
            let source = &f.text[start..end];
            let rel = d.span.start - start..d.span.end - start;
            let level = match d.rule.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Info => Level::INFO,
            };
            let label = match d.suggestions.as_slice() {
                [] => String::new(),
                [one] if one.is_empty() => "remove it".to_string(),
                [one] => format!("use “{one}”"),
                [one, rest @ ..] => format!(
                    "use “{one}” (or {})",
                    rest.iter()
                        .map(|s| format!("“{s}”"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            // A JSON Lines record or NewsML item is named by its id: line numbers of a
            // stream mean little to the desk that sent it.
            let title = match &d.id {
                Some(id) => format!("{} [{}] (record {id})", d.message, d.rule.name),
                None => format!("{} [{}]", d.message, d.rule.name),
            };
            let annotation = AnnotationKind::Primary.span(rel).label(&label);
            let snippet = Snippet::source(source).line_start(lines.line_number(first));
            let group = level.primary_title(&title).id(&d.rule.code);
            let report = if cropped {
                let at = lines.line_col(d.span.start);
                [group
                    .element(Origin::path(f.path).line(at.line).char_column(at.column))
                    .element(snippet.annotation(annotation))]
            } else {
                [group.element(snippet.path(f.path).annotation(annotation))]
            };
            let report = &report;
            writeln!(w, "{}\n", renderer.render(report))?;
        }
        // Which source the findings point to: the editor learns what to expect, and the
        // hint to narrow the next run to that language's packs.
        if let Some((lang, n, total)) = crate::language::likely(f.diagnostics) {
            writeln!(
                w,
                "note: {}: the findings point to a {} source ({n} of {total} language-specific findings), so its rules that are safe only for that source ran too; `--source-lang {}` runs only {} and language-neutral rules\n",
                f.path,
                lang.name(),
                lang.code(),
                lang.name()
            )?;
        }
    }
    let total: usize = counts.iter().sum();
    if total == 0 {
        writeln!(
            w,
            "No machine-translation artifacts found in {} file(s).",
            files.len()
        )
    } else {
        writeln!(
            w,
            "Found {total} artifact(s) in {files_with} of {} file(s): {} error(s), {} warning(s), {} info.",
            files.len(),
            counts[2],
            counts[1],
            counts[0]
        )
    }
}
