//! `--format human` (the default): each finding with its source line, the span
//! underlined, the message and the suggested replacement, drawn by annotate-snippets.

use super::FileReport;
use crate::diagnostic::Severity;
use crate::text::LineIndex;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
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
        let lines = LineIndex::new(f.text);
        for d in f.diagnostics {
            counts[d.rule.severity as usize] += 1;
            // Show only the lines the span touches: a diagnostic on a 20 MB single-line
            // file must not print 20 MB, so long lines are cut around the span.
            let first = lines.line_of(d.span.start);
            let last = lines.line_of(d.span.end.saturating_sub(1).max(d.span.start));
            let mut start = lines.line_range(f.text, first).start;
            let mut end = lines.line_range(f.text, last).end.max(d.span.end);
            const CONTEXT: usize = 120;
            if d.span.start - start > CONTEXT {
                start = floor(f.text, d.span.start - CONTEXT);
            }
            if end - d.span.end > CONTEXT {
                end = floor(f.text, d.span.end + CONTEXT);
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
                [one] => format!("use “{one}”"),
                [one, rest @ ..] => format!(
                    "use “{one}” (or {})",
                    rest.iter()
                        .map(|s| format!("“{s}”"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let title = format!("{} [{}]", d.message, d.rule.name);
            let report = &[level.primary_title(&title).id(&d.rule.code).element(
                Snippet::source(source)
                    .line_start(first + 1)
                    .path(f.path)
                    .annotation(AnnotationKind::Primary.span(rel).label(&label)),
            )];
            writeln!(w, "{}\n", renderer.render(report))?;
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

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
