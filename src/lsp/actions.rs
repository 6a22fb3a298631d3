//! Code actions: each suggestion of each finding under the cursor as a quick fix, and
//! "apply all safe fixes" over the whole document (as a quick fix, and as the
//! `source.fixAll.mtlint` kind editors run on save).

use super::diagnostics::to_lsp;
use super::position::Positions;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix::FixLevel;
use lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;
use std::ops::Range;

/// The kind of the whole-document action, under `source.fixAll` so that
/// `"editor.codeActionsOnSave": {"source.fixAll": "explicit"}` runs it.
pub const FIX_ALL_KIND: &str = "source.fixAll.mtlint";

/// Title of the whole-document action.
pub const FIX_ALL_TITLE: &str = "Apply all safe fixes in this document";

/// Flagged text longer than this is shortened in titles.
const TITLE_TEXT: usize = 40;

/// Whether an action of `kind` is wanted by a request that asked `only` for some
/// kinds: a kind is wanted when it is one of them or below one (`source.fixAll.mtlint`
/// is below `source.fixAll` and `source`).
pub fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else { return true };
    only.iter().any(|o| {
        let (o, k) = (o.as_str(), kind.as_str());
        k == o || (k.starts_with(o) && k[o.len()..].starts_with('.'))
    })
}

/// The quick fixes for the findings of `diags` that touch bytes `span` of `text` (a
/// cursor touches a finding it is inside or at either end of): one per suggestion, the
/// first suggestion of a rule whose fixes are safe marked preferred.
pub fn quick_fixes(
    uri: &Uri,
    text: &str,
    diags: &[Diagnostic],
    span: Range<usize>,
    positions: &Positions,
) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    for d in diags
        .iter()
        .filter(|d| d.span.start <= span.end && span.start <= d.span.end)
    {
        let flagged = d.text(text);
        let range = positions.range(d.span.clone());
        let lsp = to_lsp(d, positions);
        let mut first = true;
        for s in d.suggestions.iter().filter(|s| s.as_str() != flagged) {
            let title = if s.is_empty() {
                format!("Remove “{}”", shorten(flagged))
            } else {
                format!("Replace “{}” with “{}”", shorten(flagged), shorten(s))
            };
            actions.push(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(edit(uri, range, s.clone())),
                command: None,
                is_preferred: Some(first && d.rule.applicability == Applicability::Safe),
                disabled: None,
                data: None,
            });
            first = false;
        }
    }
    actions
}

/// Whether "apply all safe fixes" can change anything: some finding has a fix at the
/// safe level.
pub fn has_safe_fix(diags: &[Diagnostic]) -> bool {
    diags
        .iter()
        .any(|d| FixLevel::Safe.allows(d) && !d.suggestions.is_empty())
}

/// The whole-document action of `kind` that replaces `text` by `fixed` (the text after
/// every safe fix, applied until stable); `None` when they are equal.
pub fn fix_all(
    uri: &Uri,
    text: &str,
    fixed: &str,
    positions: &Positions,
    kind: CodeActionKind,
) -> Option<CodeAction> {
    (text != fixed).then(|| CodeAction {
        title: FIX_ALL_TITLE.to_string(),
        kind: Some(kind),
        diagnostics: None,
        edit: Some(edit(uri, positions.whole(), fixed.to_string())),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    })
}

/// A workspace edit of one range of one document.
fn edit(uri: &Uri, range: lsp_types::Range, new_text: String) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(
            uri.clone(),
            vec![TextEdit { range, new_text }],
        )])),
        document_changes: None,
        change_annotations: None,
    }
}

/// `s` on one line, cut to [`TITLE_TEXT`] characters: titles are menu entries.
fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TITLE_TEXT {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(TITLE_TEXT - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::lsp::position::Encoding;
    use lsp_types::Position;
    use std::str::FromStr;

    #[test]
    fn kinds_filter_by_prefix() {
        let fix_all = CodeActionKind::from(FIX_ALL_KIND);
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[CodeActionKind::from("source.fix")]),
            &fix_all
        ));
    }

    #[test]
    fn one_quick_fix_per_suggestion_of_the_finding_under_the_cursor() {
        let linter = Linter::builtin().unwrap();
        let text = "The OTAN met.\nA reflection group in Koursk.";
        let diags = linter.lint(text);
        let uri = Uri::from_str("file:///w/a.txt").unwrap();
        let pos = Positions::new(text, Encoding::Utf16);
        let at = text.find("ursk").unwrap();
        let actions = quick_fixes(&uri, text, &diags, at..at, &pos);
        assert_eq!(actions.len(), 1, "{actions:?}");
        let a = &actions[0];
        assert_eq!(a.title, "Replace “Koursk” with “Kursk”");
        assert_eq!(a.is_preferred, Some(true));
        let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits[0].new_text, "Kursk");
        assert_eq!(edits[0].range.start, Position::new(1, 22));
        assert_eq!(edits[0].range.end, Position::new(1, 28));
        // A range over both lines touches all three findings.
        assert_eq!(
            quick_fixes(&uri, text, &diags, 0..text.len(), &pos).len(),
            3
        );
        assert!(has_safe_fix(&diags));
        assert!(fix_all(&uri, text, text, &pos, CodeActionKind::QUICKFIX).is_none());
        assert_eq!(shorten("a\n  b"), "a b");
        assert_eq!(shorten(&"x".repeat(50)).chars().count(), TITLE_TEXT);
    }
}
