//! `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), a
//! JSON array of issues with `description`, `check_name`, `fingerprint`, `severity` and
//! `location` (`path`, `lines.begin`, `lines.end`).
//!
//! Severities: info → `info`, warning → `minor`, error → `major`. GitLab's `critical` and
//! `blocker` are left for defects that break a build or a site; a wording artifact in
//! news copy is not one. Fingerprints are stable across unrelated edits (see
//! [`super::fingerprint`]). Paths are as given less a leading `./`; standard input is
//! reported as `-`, which matches no file in a repository.

use super::{FileReport, fingerprint};
use crate::diagnostic::Severity;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// Writes the report: one array, an empty one when nothing was found (GitLab expects a
/// valid array either way).
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let mut issues = Vec::new();
    for f in reports {
        if f.diagnostics.is_empty() {
            continue;
        }
        let lines = f.positions();
        for (d, fingerprint) in f.diagnostics.iter().zip(fingerprint::fingerprints(f)) {
            let begin = lines.line_col(d.span.start).line;
            let end = lines.line_col(d.span.end).line;
            issues.push(Issue {
                // The merge-request widget shows only the description: lead with the code
                // so a reader can look the rule up (`mtlint rule CODE`).
                description: format!("{} {}", d.rule.code, d.message),
                check_name: &d.rule.code,
                fingerprint,
                severity: match d.rule.severity {
                    Severity::Info => "info",
                    Severity::Warning => "minor",
                    Severity::Error => "major",
                },
                location: Location {
                    path: f.ci_path(),
                    lines: Lines { begin, end },
                },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    out.write_all(b"\n")
}
