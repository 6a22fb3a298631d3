//! `--format sarif`: a SARIF 2.1.0 log (OASIS), for GitHub code scanning and other
//! SARIF viewers. One run; `tool.driver.rules` lists the rules that fired, in order of
//! first appearance, and each result points at its rule by id and index.
//!
//! Regions carry both line/column (columns count Unicode code points, declared by the
//! run's `columnKind`) and `byteOffset`/`byteLength` into the file exactly as read, so a
//! consumer can take either. Each suggestion becomes a `fix` that replaces the flagged
//! bytes. Standard input has no URI: its locations carry a description instead.

use super::{FileReport, Positions, fingerprint};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Example, Rule};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// The schema the log declares (the OASIS standard's, errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Key of mtlint's stable fingerprint in `partialFingerprints` (versioned, so a change of
/// recipe does not pass for the same identity).
pub const FINGERPRINT_KEY: &str = "mtlint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize, Clone)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    kind: &'static str,
    pack: &'a str,
    applicability: &'static str,
    /// GitHub code scanning filters alerts by tag.
    tags: [&'static str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    region: Region<'a>,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: Snippet<'a>,
}

#[derive(Serialize)]
struct Snippet<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: Snippet<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

/// Writes the SARIF log.
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let mut rules: Vec<RuleDescriptor> = Vec::new();
    let mut rule_index: HashMap<&str, usize> = HashMap::new();
    let mut results = Vec::new();
    for f in reports {
        if f.diagnostics.is_empty() {
            continue;
        }
        let lines = f.positions();
        let artifact = artifact_location(f);
        for (d, fp) in f.diagnostics.iter().zip(fingerprint::fingerprints(f)) {
            let index = *rule_index.entry(&d.rule.code).or_insert_with(|| {
                rules.push(descriptor(&d.rule));
                rules.len() - 1
            });
            results.push(result(f, &lines, d, index, &artifact, fp));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "mtlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
                        .into_iter()
                        .find(|u| !u.is_empty()),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The reporting descriptor of a rule: its name made readable as the short description,
/// its `why` as the full one, and the why with the examples as help.
fn descriptor(r: &Rule) -> RuleDescriptor<'_> {
    let mut title = r.name.replace('-', " ");
    if let Some(first) = title.get(..1) {
        let upper = first.to_ascii_uppercase();
        title.replace_range(..1, &upper);
    }
    let mut help = r.why.clone();
    for ex in &r.examples {
        if let Example::Bad { text, span, fixed } = ex {
            help.push_str(&format!(
                "\n\nBad: {}[{}]{}",
                &text[..span.start],
                &text[span.clone()],
                &text[span.end..]
            ));
            if let Some(f) = fixed {
                help.push_str(&format!("\nFixed: {f}"));
            }
        }
    }
    RuleDescriptor {
        id: &r.code,
        name: &r.name,
        short_description: Text { text: title },
        full_description: Text {
            text: r.why.clone(),
        },
        help: Text { text: help },
        default_configuration: Configuration {
            level: level(r.severity),
        },
        properties: RuleProperties {
            kind: r.family.as_str(),
            pack: &r.pack,
            applicability: r.applicability.as_str(),
            tags: [r.family.as_str()],
        },
    }
}

fn result<'a>(
    f: &FileReport<'a>,
    lines: &Positions,
    d: &'a Diagnostic,
    rule_index: usize,
    artifact: &ArtifactLocation,
    fingerprint: String,
) -> SarifResult<'a> {
    let start = lines.line_col(d.span.start);
    let end = lines.line_col(d.span.end);
    let bytes = f.file_span(&d.span);
    let deleted = || ByteRegion {
        byte_offset: bytes.start,
        byte_length: bytes.len(),
    };
    SarifResult {
        rule_id: &d.rule.code,
        rule_index,
        level: level(d.rule.severity),
        message: Text {
            text: d.message.clone(),
        },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    byte_offset: bytes.start,
                    byte_length: bytes.len(),
                    snippet: Snippet {
                        text: d.text(f.text),
                    },
                },
            },
        }],
        partial_fingerprints: HashMap::from([(FINGERPRINT_KEY, fingerprint)]),
        // A rule may offer the same replacement twice (two table rows agreeing); SARIF
        // requires the fixes to be distinct.
        fixes: d
            .suggestions
            .iter()
            .enumerate()
            .filter(|&(i, s)| !d.suggestions[..i].contains(s))
            .map(|(_, s)| Fix {
                description: Text {
                    text: if s.is_empty() {
                        format!("Remove “{}”.", d.text(f.text))
                    } else {
                        format!("Replace “{}” with “{s}”.", d.text(f.text))
                    },
                },
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: [Replacement {
                        deleted_region: deleted(),
                        inserted_content: Snippet { text: s },
                    }],
                }],
            })
            .collect(),
    }
}

/// Characters left as they are in a URI path: RFC 3986's unreserved set and `/`;
/// everything else, non-ASCII included, is percent-encoded as UTF-8.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Where a file's results point: a relative reference for a relative path (resolved by
/// the consumer against the repository root, as GitHub does), a `file://` URI for an
/// absolute one, and only a description for standard input.
fn artifact_location(f: &FileReport) -> ArtifactLocation {
    if f.is_stdin() {
        return ArtifactLocation {
            uri: None,
            description: Some(Text {
                text: "standard input".to_string(),
            }),
        };
    }
    let path = f.ci_path();
    let encoded = utf8_percent_encode(path, PATH).to_string();
    let uri = if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    };
    ArtifactLocation {
        uri: Some(uri),
        description: None,
    }
}
