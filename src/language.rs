//! The source language of a document, from the evidence of its findings.
//!
//! Rules of a language-specific pack (`source = "fr"`) fire on what machine translation
//! from that language leaves behind, so their findings are evidence of the source. The
//! human report names the likely source, and `--source-lang` (or `source-lang` in
//! mtlint.toml) then restricts a run to that language's packs and the language-neutral
//! ones.
//!
//! Some rules are safe only when the source explains them (`source_only`): "household
//! budget" is a German calque for the federal budget but also plain English. They run
//! when the copy is known to come from their language, or when the other findings point
//! there ([`inferred`]); without that evidence only the rules that are safe whatever the
//! source report anything.

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

/// The languages the copy likely comes from, judged only on the findings of rules that
/// are safe whatever the source (a `source_only` finding must not vote for its own
/// language): every language with at least two findings and at least half as many as
/// the best-supported one. Findings on the same span count once per language.
pub fn inferred(diags: &[Diagnostic]) -> Vec<Lang> {
    let mut seen = rustc_hash::FxHashSet::default();
    let voters: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| !d.rule.source_only && seen.insert((d.rule.source, d.span.clone())))
        .cloned()
        .collect();
    let ev = evidence(&voters);
    let top = ev.first().map_or(0, |e| e.1);
    ev.into_iter()
        .filter(|&(_, n)| n >= 2 && 2 * n >= top)
        .map(|(l, _)| l)
        .collect()
}

/// Drops the findings of `source_only` rules whose language is neither the `hint` nor,
/// without a hint, [`inferred`] from the other findings.
pub fn restrict_source_only(diags: &mut Vec<Diagnostic>, hint: Option<Lang>) {
    if !diags.iter().any(|d| d.rule.source_only) {
        return;
    }
    let langs = match hint {
        Some(h) => vec![h],
        None => inferred(diags),
    };
    diags.retain(|d| !d.rule.source_only || langs.contains(&d.rule.source));
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
    fn source_only_rules_need_evidence_or_a_hint() {
        let linter = Linter::builtin().expect("built-in rules load");
        let fired = |diags: &[Diagnostic]| diags.iter().any(|d| d.rule.code == "FFR111");
        // "household committee" is German « Haushaltsausschuss », and also English.
        let alone = "The household committee met on Tuesday.";
        assert!(!fired(&linter.lint(alone)), "no evidence, no hint: quiet");
        assert!(fired(&linter.lint_where(alone, Some(Lang::De), |_| true)));
        assert!(!fired(&linter.lint_where(alone, Some(Lang::Fr), |_| true)));
        let german = "The household committee met at 14.30 Uhr. The Federal Chancellor \
                      called the aid a drop on the hot stone.";
        let diags = linter.lint(german);
        assert!(fired(&diags), "German evidence enables the German rule");
        assert_eq!(inferred(&diags), vec![Lang::De]);
        // Evidence from another language does not enable it.
        let french = "The household committee met at 14 h 30 in Koursk. A reflection group \
                      published the report.";
        assert!(!fired(&linter.lint(french)));
    }

    #[test]
    fn source_only_findings_do_not_vote() {
        let linter = Linter::builtin().expect("built-in rules load");
        // Two source-only German findings and nothing else: no evidence.
        let text = "The household committee and the household debate resumed.";
        let raw = linter.lint_rule(text, "FFR111");
        assert_eq!(raw.len(), 2);
        assert!(inferred(&raw).is_empty());
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
