//! Linting a file in any [`InputFormat`]: extract its prose, lint each part, and bring
//! the diagnostics back to the file — spans in file offsets, suppressed findings
//! dropped, replacements spelled the way the format needs them.

use super::extract::extract;
use super::format::InputFormat;
use super::suppress::retain_unsuppressed;
use crate::diagnostic::Diagnostic;
use crate::engine::Linter;

/// The outcome of linting one file.
#[derive(Debug, Default)]
pub struct FileLint {
    /// Diagnostics with spans into the file as read, sorted by span; each carries its
    /// record's id (JSON Lines, NewsML) when it has one.
    pub diagnostics: Vec<Diagnostic>,
    /// What could not be read, each naming where (`line 4: …`), without the path.
    pub errors: Vec<String>,
}

/// Escapes a replacement for where it is written in the file: inside a JSON string
/// literal, or in HTML or XML text, a replacement holding `"` or `&` would otherwise
/// break the file when applied.
fn escape_for(format: InputFormat, s: &str) -> String {
    match format {
        InputFormat::Text | InputFormat::Markdown => s.to_string(),
        InputFormat::Html | InputFormat::Nitf | InputFormat::NewsMl => s
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;"),
        InputFormat::Jsonl => {
            let quoted = serde_json::to_string(s).expect("a string serializes");
            quoted[1..quoted.len() - 1].to_string()
        }
    }
}

/// Lints `file` (the text exactly as read) as `format`.
///
/// A diagnostic whose span crosses markup the extraction left out (`reflection
/// <b>group</b>`), or a separator it added, keeps its span (the whole stretch of the
/// file) but loses its replacements: writing one over that stretch would delete the
/// markup.
pub fn lint_file(linter: &Linter, format: InputFormat, file: &str) -> FileLint {
    lint_file_with(format, file, |t| linter.lint(t))
}

/// [`lint_file`] with the linting of each extracted text given by the caller (a
/// configuration's rule selection, a source-language hint).
pub fn lint_file_with(
    format: InputFormat,
    file: &str,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
) -> FileLint {
    if format == InputFormat::Text {
        // The identity map: lint the file itself, without a copy.
        return FileLint {
            diagnostics: lint(file),
            errors: Vec::new(),
        };
    }
    let extraction = extract(format, file);
    let mut diagnostics = Vec::new();
    for part in &extraction.parts {
        let mut found = lint(&part.text);
        for d in &mut found {
            let faithful = part.map.is_faithful(d.span.clone());
            d.span = part.map.to_file(d.span.clone());
            if faithful {
                for s in &mut d.suggestions {
                    *s = escape_for(format, s);
                }
            } else {
                d.suggestions.clear();
            }
            d.id = part.id.clone();
        }
        found.sort_by_key(|d| (d.span.start, d.span.end));
        retain_unsuppressed(&part.suppressions, &mut found);
        diagnostics.append(&mut found);
    }
    // Parts come in file order and maps run forward, but a stable sort keeps the
    // engine's order among diagnostics of one span whatever the format.
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    FileLint {
        diagnostics,
        errors: extraction.errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_are_escaped_for_the_format() {
        assert_eq!(
            escape_for(InputFormat::Jsonl, "“a” \"b\"\n"),
            "“a” \\\"b\\\"\\n"
        );
        assert_eq!(
            escape_for(InputFormat::Html, "AT&T <x>"),
            "AT&amp;T &lt;x&gt;"
        );
        assert_eq!(escape_for(InputFormat::Markdown, "a & b"), "a & b");
    }
}
