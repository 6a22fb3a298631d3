//! Hover over a flagged span: what the rule is, what it says here, why the pattern is an
//! artifact, what to write instead and whether the fix is safe to apply unattended.

use super::position::Positions;
use crate::diagnostic::{Applicability, Diagnostic};
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

/// The hover for the findings of `diags` over byte `offset` (the character under the
/// mouse), as Markdown when the client renders it, else as plain text; `None` when no
/// finding is there.
pub fn hover(
    diags: &[Diagnostic],
    text: &str,
    offset: usize,
    positions: &Positions,
    markdown: bool,
) -> Option<Hover> {
    let here: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.span.start <= offset && offset < d.span.end)
        .collect();
    let first = here.first()?;
    let sections: Vec<String> = here.iter().map(|d| describe(d, text, markdown)).collect();
    let value = sections.join(if markdown { "\n\n---\n\n" } else { "\n\n" });
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: Some(positions.range(first.span.clone())),
    })
}

/// One finding, described.
fn describe(d: &Diagnostic, text: &str, markdown: bool) -> String {
    let r = &d.rule;
    let e = |s: &str| if markdown { escape(s) } else { s.to_string() };
    let suggestions = if d.suggestions.is_empty() {
        "none (the rule only points)".to_string()
    } else {
        d.suggestions
            .iter()
            .map(|s| {
                if s.is_empty() {
                    "remove it".to_string()
                } else {
                    format!("“{}”", e(s))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let applicability = match r.applicability {
        Applicability::Safe => "safe (applied by “Apply all safe fixes”)",
        Applicability::Unsafe => "unsafe (check the suggestion before applying it)",
        Applicability::DisplayOnly => "display only (never applied automatically)",
    };
    // One layout: Markdown adds emphasis, code marks and hard line breaks.
    let (bold, code, br) = if markdown {
        ("**", "`", "  \n")
    } else {
        ("", "", "\n")
    };
    format!(
        "{bold}{}{bold} {code}{}{code} · {} · {}\n\n{}\n\n{bold}Why:{bold} {}\n\n\
         {bold}Flagged:{bold} “{}”{br}{bold}Suggestions:{bold} {}{br}\
         {bold}Applicability:{bold} {}",
        r.code,
        r.name,
        r.family.as_str(),
        r.severity.as_str(),
        e(&d.message),
        e(&r.why),
        e(d.text(text)),
        suggestions,
        applicability,
    )
}

/// `s` with Markdown's punctuation escaped, so that a message or flagged text holding
/// `*`, `_`, `<` or a backtick shows as written instead of as formatting.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use crate::lsp::position::Encoding;
    use lsp_types::Position;

    #[test]
    fn hover_inside_a_span_only() {
        let linter = Linter::builtin().unwrap();
        let text = "A reflection group met in *Koursk*.";
        let diags = linter.lint(text);
        let pos = Positions::new(text, Encoding::Utf16);
        let k = text.find("Koursk").unwrap();
        let h = hover(&diags, text, k + 2, &pos, true).expect("a hover on Koursk");
        let HoverContents::Markup(m) = &h.contents else {
            panic!("markup expected")
        };
        let d = diags.iter().find(|d| d.span.start == k).unwrap();
        assert_eq!(m.kind, MarkupKind::Markdown);
        assert!(
            m.value
                .starts_with(&format!("**{}** `{}`", d.rule.code, d.rule.name))
        );
        assert!(m.value.contains("“Kursk”"), "{}", m.value);
        assert!(m.value.contains("**Applicability:** safe"), "{}", m.value);
        assert_eq!(h.range.unwrap().start, Position::new(0, k as u32));
        // The end of a span is outside it; the asterisk before it too.
        assert!(hover(&diags, text, k + 6, &pos, true).is_none());
        assert!(hover(&diags, text, k - 1, &pos, true).is_none());
        let plain = hover(&diags, text, k, &pos, false).unwrap();
        let HoverContents::Markup(p) = plain.contents else {
            panic!()
        };
        assert_eq!(p.kind, MarkupKind::PlainText);
        assert!(p.value.contains("Why: "));
        assert_eq!(escape("a*b_c"), "a\\*b\\_c");
    }
}
