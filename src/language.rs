//! The source language of a document, from the evidence of its findings.
//!
//! Rules of a language-specific pack (`source = "fr"`) fire on what machine translation
//! from that language leaves behind, so their findings are evidence of the source. The
//! human report names the likely source, and `--source-lang` (or `source-lang` in
//! mtlint.toml) then restricts a run to that language's packs and the language-neutral
//! ones.

use crate::diagnostic::Diagnostic;
use crate::rules::schema::Lang;

/// Findings of language-specific rules per source language, most first (ties in a fixed
/// language order).
pub fn evidence(diags: &[Diagnostic]) -> Vec<(Lang, usize)> {
    let mut counts: Vec<(Lang, usize)> = Vec::new();
    for d in diags.iter().filter(|d| d.rule.source != Lang::Any) {
        match counts.iter_mut().find(|(l, _)| *l == d.rule.source) {
            Some(c) => c.1 += 1,
            None => counts.push((d.rule.source, 1)),
        }
    }
    counts.sort_by_key(|&(l, n)| (std::cmp::Reverse(n), l.code()));
    counts
}

/// The likely source language when the evidence is clear: at least two findings, and
/// at least twice as many as for any other language. Returns the language, its findings
/// and all language-specific findings.
pub fn likely(diags: &[Diagnostic]) -> Option<(Lang, usize, usize)> {
    let ev = evidence(diags);
    let total = ev.iter().map(|e| e.1).sum();
    let (lang, n) = *ev.first()?;
    let runner_up = ev.get(1).map_or(0, |e| e.1);
    (n >= 2 && n >= 2 * runner_up).then_some((lang, n, total))
}

/// Whether a rule of a pack for `source` runs when the copy is known to come from
/// `hint`: its own language's packs and language-neutral ones.
pub fn runs_for(source: Lang, hint: Option<Lang>) -> bool {
    hint.is_none_or(|h| source == Lang::Any || source == h)
}

/// Parses a `--source-lang` value: a two-letter code of a language mtlint has packs for.
pub fn parse(s: &str) -> Result<Lang, String> {
    const ALL: [Lang; 8] = [
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::It,
        Lang::Pt,
        Lang::Pl,
        Lang::Nl,
        Lang::Ru,
    ];
    ALL.into_iter()
        .find(|l| l.code().eq_ignore_ascii_case(s))
        .ok_or_else(|| {
            let codes: Vec<&str> = ALL.iter().map(|l| l.code()).collect();
            format!(
                "unknown source language `{s}` (one of {})",
                codes.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;

    #[test]
    fn french_copy_points_to_french() {
        let linter = Linter::builtin().expect("built-in rules load");
        let text = "The deputies assisted at the session in Koursk. A reflection group \
                    published the report, said the OTAN, at 14 h 30.";
        let diags = linter.lint(text);
        let (lang, n, _) = likely(&diags).expect("clear evidence");
        assert_eq!(lang, Lang::Fr);
        assert!(n >= 2);
        assert_eq!(likely(&linter.lint("Nothing to see here.")), None);
    }

    #[test]
    fn parse_and_filter() {
        assert_eq!(parse("FR"), Ok(Lang::Fr));
        assert!(parse("any").is_err());
        assert!(parse("xx").unwrap_err().contains("fr, de"));
        assert!(runs_for(Lang::Fr, Some(Lang::Fr)));
        assert!(runs_for(Lang::Any, Some(Lang::Fr)));
        assert!(!runs_for(Lang::De, Some(Lang::Fr)));
        assert!(runs_for(Lang::De, None));
    }
}
