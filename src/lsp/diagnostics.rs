//! mtlint findings as LSP diagnostics: range in the negotiated encoding, severity, the
//! rule code, `mtlint` as source, and the suggestions in `data` for clients that build
//! their own fixes.

use super::position::Positions;
use crate::diagnostic::{Diagnostic, Severity};
use lsp_types::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Uri};

/// The `source` of every diagnostic, shown by editors beside the code.
pub const SOURCE: &str = "mtlint";

/// The protocol's severity for a rule's.
pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The message shown in the editor: the rule's message, followed by the suggestions it
/// does not already name (most messages end with “write …”), so that the fix is
/// readable without opening the code actions.
pub fn message(d: &Diagnostic) -> String {
    let missing: Vec<String> = d
        .suggestions
        .iter()
        .filter(|s| !s.is_empty() && !d.message.contains(s.as_str()))
        .map(|s| format!("“{s}”"))
        .collect();
    if missing.is_empty() {
        d.message.clone()
    } else {
        format!("{} → {}", d.message, missing.join(" or "))
    }
}

/// One finding as an LSP diagnostic; `positions` indexes the text it was found in.
pub fn to_lsp(d: &Diagnostic, positions: &Positions) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: positions.range(d.span.clone()),
        severity: Some(severity(d.rule.severity)),
        code: Some(NumberOrString::String(d.rule.code.clone())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message: message(d),
        related_information: None,
        tags: None,
        data: Some(serde_json::json!({
            "name": d.rule.name,
            "kind": d.rule.family.as_str(),
            "suggestions": d.suggestions,
            "applicability": d.rule.applicability.as_str(),
        })),
    }
}

/// The `textDocument/publishDiagnostics` parameters for a document at `version`.
pub fn publish(
    uri: Uri,
    version: i32,
    diags: &[Diagnostic],
    positions: &Positions,
) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri,
        diagnostics: diags.iter().map(|d| to_lsp(d, positions)).collect(),
        version: Some(version),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::lsp::position::Encoding;
    use lsp_types::Position;

    #[test]
    fn a_finding_after_astral_characters_has_utf16_columns() {
        let linter = Linter::builtin().unwrap();
        let text = "“📌 Talks in Koursk,” he wrote.";
        let diags = linter.lint(text);
        let d = diags.iter().find(|d| d.text(text) == "Koursk").unwrap();
        let l = to_lsp(d, &Positions::new(text, Encoding::Utf16));
        // “ is one UTF-16 unit, 📌 two: "“📌 Talks in " is 13 units.
        assert_eq!(l.range.start, Position::new(0, 13));
        assert_eq!(l.range.end, Position::new(0, 19));
        assert_eq!(l.code, Some(NumberOrString::String(d.rule.code.clone())));
        assert_eq!(l.source.as_deref(), Some("mtlint"));
        assert_eq!(l.severity, Some(DiagnosticSeverity::WARNING));
        assert!(l.message.contains("Kursk"), "{}", l.message);
        assert_eq!(l.data.unwrap()["suggestions"][0], "Kursk");
        let l8 = to_lsp(d, &Positions::new(text, Encoding::Utf8));
        assert_eq!(
            l8.range.start,
            Position::new(0, text.find("Koursk").unwrap() as u32)
        );
    }
}
