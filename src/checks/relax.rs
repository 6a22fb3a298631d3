//! A pattern's regex with its word-boundary assertions and capture groups taken out: it
//! matches wherever the original matches (and some more), and the regex crate can run
//! it with its lazy DFA on any text.
//!
//! Why: a Unicode `\b` stops the regex crate's DFA at the first non-ASCII byte (an
//! accent, a curly quote, a non-breaking space — most lines of news copy), and the
//! search falls back to its backtracker, which costs about ten times as much per byte.
//! Asking this relaxed regex `is_match` first rules out nearly every line at DFA speed;
//! only the lines it accepts go to the real regex for captures.
//!
//! Classes with non-ASCII members (`\w`, `\d`, `[^\d.]`, a case-insensitive `k`) keep
//! their ASCII part and accept any non-ASCII character instead of their exact ranges:
//! still a superset, and it compiles to a few states where Unicode `\w` takes
//! thousands — the relaxed regexes are compiled at first use, in every run.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

/// The relaxed form of `hir` (see the module documentation).
pub fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_word_boundary(*look) => Hir::empty(),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(widen(c))),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
        // The relaxed regex only answers "is there a match": groups are dead weight.
        HirKind::Capture(Capture { sub, .. }) => relax(sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(relax(&r.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(relax).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(relax).collect()),
    }
}

/// `c` with every non-ASCII member replaced by "any non-ASCII character".
fn widen(c: &ClassUnicode) -> ClassUnicode {
    let last = c.ranges().last().map_or('\0', |r| r.end());
    if last.is_ascii() {
        return c.clone();
    }
    let mut ranges: Vec<ClassUnicodeRange> = c
        .ranges()
        .iter()
        .filter(|r| r.start().is_ascii())
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
        .collect();
    ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
    ClassUnicode::new(ranges)
}

/// Word-boundary assertions, Unicode or ASCII. Line and text anchors stay: the DFA
/// handles them, and they keep the relaxed regex selective.
fn is_word_boundary(look: Look) -> bool {
    !matches!(
        look,
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `hir` holds an assertion that [`relax`] takes out.
    fn has_word_boundary(hir: &Hir) -> bool {
        match hir.kind() {
            HirKind::Look(look) => is_word_boundary(*look),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => false,
            HirKind::Capture(c) => has_word_boundary(&c.sub),
            HirKind::Repetition(r) => has_word_boundary(&r.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(has_word_boundary),
        }
    }

    fn relaxed(re: &str) -> regex::Regex {
        let hir = regex_syntax::parse(re).unwrap();
        regex::Regex::new(&relax(&hir).to_string()).unwrap()
    }

    #[test]
    fn matches_wherever_the_original_does() {
        let cases = [
            (
                r"\b(\d{1,3}) (\d{3})\b",
                "Il y a 1 200 soldats, «1 200» à Łódź",
            ),
            (r"(?i)\bthe (OTAN|ONU)\b", "the OTAN summit; theONU"),
            (r"(?m)^\((?P<c>\w+)\) —", "(Séoul) — the talks"),
            (r"\Bé\b", "café au lait"),
            (r"\b\w+\b\s+\b\w+\b", "Łódź ist schön"),
            (r"[^\d.\s]\d{2}", "\u{202f}12 é34"),
            (r"(?i)\bKÖLN\b", "in köln"),
        ];
        for (re, text) in cases {
            let original = regex::Regex::new(re).unwrap();
            let loose = relaxed(re);
            for m in original.find_iter(text) {
                assert!(loose.is_match(m.as_str()), "{re} on {:?}", m.as_str());
            }
            assert!(loose.is_match(text), "{re}");
        }
    }

    #[test]
    fn takes_out_boundaries_and_groups_only() {
        let hir = regex_syntax::parse(r"(?m)^\b(?P<x>ab)\B$").unwrap();
        assert!(has_word_boundary(&hir));
        let r = relax(&hir);
        assert!(!has_word_boundary(&r));
        assert_eq!(r.properties().explicit_captures_len(), 0);
        let loose = regex::Regex::new(&r.to_string()).unwrap();
        assert!(loose.is_match("ab"));
        assert!(!loose.is_match("xab"), "line anchors are kept");
        assert!(!has_word_boundary(
            &regex_syntax::parse(r"(?m)^a$").unwrap()
        ));
    }
}
