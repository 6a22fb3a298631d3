//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`).
//!
//! Escaping follows the runner's parser (`ActionCommand.cs`): in property values `%`,
//! CR, LF, `:` and `,` are percent-encoded (a `,` or `:` in a file name would otherwise
//! end the value); in the message only `%`, CR and LF. `;` and `]` need escaping only in
//! the legacy `##[…]` syntax, not here.

use super::FileReport;
use crate::diagnostic::Severity;
use std::io::Write;

/// Writes one workflow command per diagnostic.
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    for f in reports {
        if f.diagnostics.is_empty() {
            continue;
        }
        let lines = f.positions();
        for d in f.diagnostics {
            let start = lines.line_col(d.span.start);
            let end = lines.line_col(d.span.end);
            let command = match d.rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            write!(out, "::{command} ")?;
            // Standard input has no file to annotate: the annotation is then shown on the
            // run's summary without a location.
            if !f.is_stdin() {
                write!(out, "file={},", escape_property(f.ci_path()))?;
            }
            write!(out, "line={},", start.line)?;
            // GitHub rejects columns on an annotation that spans several lines.
            if start.line == end.line {
                write!(out, "col={},", start.column)?;
            }
            write!(out, "endLine={},", end.line)?;
            if start.line == end.line {
                write!(out, "endColumn={},", end.column)?;
            }
            writeln!(
                out,
                "title={}::{}",
                escape_property(&d.rule.code),
                escape_data(&d.message)
            )?;
        }
    }
    Ok(())
}

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    escape(s, &['%', '\r', '\n'])
}

/// Escapes a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape(s, &['%', '\r', '\n', ':', ','])
}

fn escape(s: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if special.contains(&c) {
            // All the special characters are ASCII: one byte, two hex digits.
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50% a,b: c\r\nd"), "50%25 a,b: c%0D%0Ad");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }
}
