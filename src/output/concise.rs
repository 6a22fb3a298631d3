//! `--format concise`: `path:line:col: CODE message → “fix”`, one finding per line, in
//! the shape editors and `grep -n` users expect. The fix is the first suggestion, quoted
//! so that a removal (empty) or trailing space stays visible; findings without a
//! suggestion end after the message. A line break inside a message or fix is printed as a
//! space, so that each finding stays on one line.

use super::FileReport;
use std::io::Write;

/// Writes one line per diagnostic; columns are 1-based Unicode scalar values.
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    for f in reports {
        if f.diagnostics.is_empty() {
            continue;
        }
        let lines = f.positions();
        for d in f.diagnostics {
            let at = lines.line_col(d.span.start);
            write!(
                out,
                "{}:{}:{}: {} {}",
                f.path,
                at.line,
                at.column,
                d.rule.code,
                one_line(&d.message)
            )?;
            if let Some(fix) = d.suggestions.first() {
                write!(out, " → “{}”", one_line(fix))?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Keeps a finding on one line: a span over a line break is quoted in its message, and
/// the break reads as the space it stands for.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        s.replace("\r\n", " ").replace(['\n', '\r'], " ").into()
    } else {
        s.into()
    }
}
