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
///
/// A word boundary at either end of the pattern, next to a word character, becomes a
/// character class instead of nothing: `Euro\b` becomes `Euro(?:[^0-9A-Za-z_]|$)`, which
/// still runs on the DFA but no longer accepts "European" (a line with a number before
/// "European" otherwise passes, and the real regex runs on it at backtracking speed).
/// The class consumes one character; at the end (or start) of the pattern nothing else
/// needs it, and since only whether a line matches is asked, the wider match is harmless.
pub fn relax(hir: &Hir) -> Hir {
    if let HirKind::Concat(v) = hir.kind()
        && v.len() >= 2
    {
        let mut parts: Vec<Hir> = v.iter().map(relax_inner).collect();
        if is_word_boundary_look(&v[v.len() - 1]) && ends_in_word_char(&v[v.len() - 2]) {
            parts[v.len() - 1] = not_word_or(Hir::look(Look::End));
        }
        if is_word_boundary_look(&v[0]) && starts_with_word_char(&v[1]) {
            parts[0] = not_word_or(Hir::look(Look::Start));
        }
        return Hir::concat(parts);
    }
    relax_inner(hir)
}

/// `(?:[^0-9A-Za-z_]|edge)`: any character that is not an ASCII word character — a
/// superset of the non-word characters — or the edge of the line.
fn not_word_or(edge: Hir) -> Hir {
    let word = ClassUnicode::new([
        ClassUnicodeRange::new('0', '9'),
        ClassUnicodeRange::new('A', 'Z'),
        ClassUnicodeRange::new('_', '_'),
        ClassUnicodeRange::new('a', 'z'),
    ]);
    let mut other = word;
    other.negate();
    Hir::alternation(vec![Hir::class(Class::Unicode(other)), edge])
}

/// `\b` (Unicode or ASCII), not `\B`.
fn is_word_boundary_look(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(Look::WordUnicode | Look::WordAscii)
    )
}

/// Whether every match of `hir` ends with a word character (ASCII letter, digit or
/// underscore: then both kinds of `\b` after it mean "no word character next").
fn ends_in_word_char(hir: &Hir) -> bool {
    edge_is_word_char(hir, true)
}

/// Whether every match of `hir` starts with a word character.
fn starts_with_word_char(hir: &Hir) -> bool {
    edge_is_word_char(hir, false)
}

fn edge_is_word_char(hir: &Hir, last: bool) -> bool {
    let ascii_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    match hir.kind() {
        HirKind::Literal(lit) => {
            let edge = if last { lit.0.last() } else { lit.0.first() };
            edge.is_some_and(|&b| ascii_word(b))
        }
        HirKind::Class(Class::Unicode(c)) => {
            !c.ranges().is_empty()
                && c.ranges().iter().all(|r| {
                    r.end().is_ascii() && (r.start()..=r.end()).all(|ch| ascii_word(ch as u8))
                })
        }
        HirKind::Class(Class::Bytes(c)) => {
            !c.ranges().is_empty()
                && c.ranges()
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(ascii_word))
        }
        HirKind::Capture(c) => edge_is_word_char(&c.sub, last),
        HirKind::Repetition(r) => r.min >= 1 && edge_is_word_char(&r.sub, last),
        HirKind::Alternation(v) => v.iter().all(|h| edge_is_word_char(h, last)),
        HirKind::Concat(v) => {
            // The edge child must not match empty, or the edge falls to its neighbour.
            let child = if last { v.last() } else { v.first() };
            child.is_some_and(|h| {
                h.properties().minimum_len().is_some_and(|n| n > 0) && edge_is_word_char(h, last)
            })
        }
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

fn relax_inner(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) if is_word_boundary(*look) => Hir::empty(),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(widen(c))),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
        // The relaxed regex only answers "is there a match": groups are dead weight.
        HirKind::Capture(Capture { sub, .. }) => relax_inner(sub),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(relax_inner(&r.sub)),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(relax_inner).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(relax_inner).collect()),
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
            (r"\d+ Euro\b", "zahlte 5 Euro"),
            (r"\d+ Euro\b", "zahlte 5 Euro, nicht 6 Euro."),
            (r"\d+ Euro\b", "5 Euro\u{a0}netto"),
            (r"(?i)\bat \d", "At 5 o'clock"),
            (r"(?i)\bat \d", "Meet «at 5»"),
            (r"\b(?:round|summit)\b", "summit"),
            (r"(?-u:\b)x(?-u:\b)", "é x é"),
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

    /// A boundary at the pattern's edge next to a word character stays a filter.
    #[test]
    fn edge_boundaries_keep_words_whole() {
        assert!(!relaxed(r"\d+ Euro\b").is_match("the 27 European members"));
        assert!(relaxed(r"\d+ Euro\b").is_match("27 Euro"));
        assert!(!relaxed(r"(?i)\bat \d").is_match("that 5 states"));
        assert!(relaxed(r"(?i)\bat \d").is_match("at 5"));
        // Not next to a word character: the boundary is taken out as before.
        assert!(relaxed(r"\d+ %\b").is_match("5 %x"));
        assert!(relaxed(r"\d\w*\b").is_match("5é"));
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
