//! Shapes a regular expression cannot match without: runs of three character classes
//! ("digit, space, digit" for a thousands group "1 200"; "digit, h" for "14h30").
//!
//! Why: the number and time rules of `checks::pattern` need a digit, so the needed-bytes
//! filter ([`super::needed_bytes`]) sends them every line with a number — a third of the
//! lines of news copy — and each costs a pass of the regex's DFA. What they need is a
//! digit in a particular company, which plain English rarely provides: "1 200" needs a
//! digit, a space and a digit in a row, "14 h 30" a digit followed by an h. Characters
//! are mapped to eight classes, so every class trigram of a line fits in 512 bits.
//!
//! Text is read as characters: each ASCII character is its class, each other character
//! (whatever its UTF-8 length) the one non-ASCII class. A regex is rewritten over the
//! same alphabet (each literal character and each class member replaced by its class)
//! and [`super::required::required_with`] finds the class strings every match
//! contains. A line can then only match if, for one of those strings, it holds every
//! trigram of it: one subset test of 512-bit sets per string. Strings whose trigrams
//! include another's are dropped (the other decides), and a regex left with many
//! strings, or with one made of letters and spaces alone, gets no shape filter.

use super::required::required_with;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// A set of class trigrams, one bit each.
pub type Shape = [u64; 8];

/// At most this many alternative sets per regex: each costs a few word operations per
/// line, and beyond this the filter costs about what the regex it saves.
const MAX_SETS: usize = 24;

/// Alternatives allowed in a class string set: the alphabet has eight symbols, so a
/// time's "digit, optional space, h, optional space, digit" needs more room than the
/// byte literals of `required` get.
const MAX_SET: usize = 256;

/// The class of a byte: 0 digit, 1 space, 2 `h`/`H`, 3 other ASCII letter, 4 `.`,
/// 5 `,`, 6 other ASCII, 7 the first byte of a non-ASCII character (its other bytes
/// have no class: see [`shape_of`]).
const fn class_of(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => 0,
        b' ' => 1,
        b'h' | b'H' => 2,
        b'a'..=b'z' | b'A'..=b'Z' => 3,
        b'.' => 4,
        b',' => 5,
        0x80.. => 7,
        _ => 6,
    }
}

static CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = class_of(b as u8);
        b += 1;
    }
    t
};

/// How often a class occurs at a position of English news copy, roughly.
fn class_freq(c: u8) -> f64 {
    match c {
        0 => 0.004,
        1 => 0.17,
        2 => 0.04,
        3 => 0.73,
        4 | 5 => 0.01,
        6 => 0.02,
        _ => 0.005,
    }
}

/// The trigram sets of the class strings every match of `hir` contains one of (see the
/// module documentation): a line can match only if it holds every trigram of one of
/// them. Empty when nothing useful is required.
pub fn shapes(hir: &Hir) -> Vec<Shape> {
    let Some(strings) = over_classes(hir).and_then(|h| required_with(&h, class_freq, MAX_SET))
    else {
        return Vec::new();
    };
    if strings.iter().any(|s| s.len() < 3) {
        return Vec::new();
    }
    let mut sets: Vec<Shape> = strings
        .iter()
        .map(|s| {
            let mut set = [0u64; 8];
            for w in s.windows(3) {
                let t = trigram(w[0], w[1], w[2]);
                set[t / 64] |= 1 << (t % 64);
            }
            set
        })
        .collect();
    sets.sort();
    sets.dedup();
    // A set that holds all of another's trigrams asks more of a line: the other decides.
    let all = sets.clone();
    sets.retain(|s| !all.iter().any(|o| o != s && subset(o, s)));
    if sets.len() > MAX_SETS || sets.iter().any(lets_everything_through) {
        return Vec::new();
    }
    sets
}

/// Whether every trigram of `a` is in `b`.
fn subset(a: &Shape, b: &Shape) -> bool {
    a.iter().zip(b).all(|(x, y)| x & !y == 0)
}

/// Whether a line with only letters, spaces and common punctuation holds every trigram
/// of `set`: then the filter rules out nothing.
fn lets_everything_through(set: &Shape) -> bool {
    const COMMON: [u8; 5] = [1, 2, 3, 5, 6];
    (0..512).all(|t| {
        set[t / 64] >> (t % 64) & 1 == 0
            || [t >> 6, (t >> 3) & 7, t & 7]
                .iter()
                .all(|c| COMMON.contains(&(*c as u8)))
    })
}

fn trigram(a: u8, b: u8, c: u8) -> usize {
    usize::from(a) << 6 | usize::from(b) << 3 | usize::from(c)
}

/// The class trigrams of `line`, read as characters (UTF-8 continuation bytes skipped).
pub fn shape_of(line: &[u8]) -> Shape {
    let mut set = [0u64; 8];
    let mut t = 0usize;
    let mut n = 0;
    for &b in line {
        if (0x80..0xc0).contains(&b) {
            continue;
        }
        t = (t << 3 | usize::from(CLASSES[usize::from(b)])) & 511;
        n += 1;
        if n >= 3 {
            set[t / 64] |= 1 << (t % 64);
        }
    }
    set
}

/// Whether a line of shape `line` holds every trigram of one of `sets`.
pub fn meets(line: &Shape, sets: &[Shape]) -> bool {
    sets.is_empty() || sets.iter().any(|s| subset(s, line))
}

/// `hir` rewritten over the class alphabet, one symbol per character; `None` for a byte
/// class that reaches past ASCII (it could match part of a character).
fn over_classes(hir: &Hir) -> Option<Hir> {
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            Hir::literal(text.chars().map(char_class).collect::<Vec<u8>>())
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut seen = [false; 8];
            for r in c.ranges() {
                if r.end() >= 0x80 {
                    return None;
                }
                for b in r.start()..=r.end() {
                    seen[usize::from(class_of(b))] = true;
                }
            }
            symbols(&seen)
        }
        HirKind::Class(Class::Unicode(c)) => {
            let mut seen = [false; 8];
            for r in c.ranges() {
                let ascii_end = r.end().min('\x7f');
                if r.start() <= ascii_end {
                    for b in r.start() as u8..=ascii_end as u8 {
                        seen[usize::from(class_of(b))] = true;
                    }
                }
                if !r.end().is_ascii() {
                    seen[7] = true;
                }
            }
            symbols(&seen)
        }
        HirKind::Capture(c) => over_classes(&c.sub)?,
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(over_classes(&r.sub)?),
        }),
        HirKind::Concat(v) => Hir::concat(v.iter().map(over_classes).collect::<Option<_>>()?),
        HirKind::Alternation(v) => {
            Hir::alternation(v.iter().map(over_classes).collect::<Option<_>>()?)
        }
    })
}

/// The symbol of one character.
fn char_class(c: char) -> u8 {
    if c.is_ascii() { class_of(c as u8) } else { 7 }
}

/// One of the classes in `seen`.
fn symbols(seen: &[bool; 8]) -> Hir {
    let ranges: Vec<ClassBytesRange> = (0..8u8)
        .filter(|&c| seen[usize::from(c)])
        .map(|c| ClassBytesRange::new(c, c))
        .collect();
    if ranges.is_empty() {
        // A class without members matches nothing; "nothing required" is its sound
        // stand-in here.
        return Hir::empty();
    }
    Hir::class(Class::Bytes(ClassBytes::new(ranges)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(re: &str) -> Vec<Shape> {
        shapes(&regex_syntax::parse(re).unwrap())
    }

    /// Every match of the regex passes the filter, on text built around the rules'
    /// own shapes.
    #[test]
    fn every_match_passes() {
        let cases = [
            (
                r"\d{1,3}(?:[ \u{A0}\u{202F}\u{2009}]\d{3})+",
                "About 1 200 and 12\u{a0}500 soldiers",
            ),
            (
                r"(?i)\b(?:at|around)[ \u{A0}]+(0?\d|1[0-2])[ \u{A0}\u{202F}]?h[ \u{A0}\u{202F}]?([0-5]\d)\b",
                "AT 9 h 05, around 10h30",
            ),
            (r"\d+,\d{1,2}\s?%", "grew 2,5 % and 3,75%"),
            (r"\d{1,3}(?:\.\d{3})+", "12.000 people"),
            (r"(?P<y>(?:1[89]|20)\d\d) gg?\.", "in 2024 g. and 1999 gg."),
            (
                r"[4-9](?:e|è|ème)[ \u{A0}]round",
                "the 5ème round, the 4e\u{a0}round",
            ),
            (r"\d+\u{a0}€", "5\u{a0}€"),
            (r"x[é]y", "xéy"),
        ];
        let mut filtered = 0;
        for (re, text) in cases {
            let sets = shaped(re);
            filtered += usize::from(!sets.is_empty());
            let regex = regex::Regex::new(re).unwrap();
            let mut n = 0;
            for m in regex.find_iter(text) {
                assert!(
                    meets(&shape_of(m.as_str().as_bytes()), &sets),
                    "{re} on {:?}",
                    m.as_str()
                );
                n += 1;
            }
            assert!(n > 0, "{re} matches {text:?}");
            assert!(meets(&shape_of(text.as_bytes()), &sets), "{re}");
        }
        assert!(filtered >= 5, "only {filtered} regexes got a shape filter");
    }

    /// What the filter is for: number and time shapes rule out plain lines with numbers.
    #[test]
    fn plain_numbers_are_ruled_out() {
        let line = b"In 2024, the 27 members agreed to send 300 more troops by March 15.";
        for re in [
            r"\d{1,3}(?:[ \u{A0}\u{202F}\u{2009}]\d{3})+",
            r"\b(?P<h>1[3-9]|2[0-3])[ \u{A0}\u{202F}]?[hH][ \u{A0}\u{202F}]?(?P<m>[0-5]\d)\b",
            r"\d{1,3}(?:\.\d{3})+",
        ] {
            let sets = shaped(re);
            assert!(!sets.is_empty(), "{re}");
            assert!(!meets(&shape_of(line), &sets), "{re}");
        }
        // Words alone give no shape worth testing.
        assert!(shaped(r"\bthe (?:OTAN|ONU)\b").is_empty());
    }

    #[test]
    fn short_lines_and_classes() {
        assert_eq!(shape_of(b""), [0; 8]);
        assert_eq!(shape_of(b"ab"), [0; 8]);
        let s = shape_of(b"1 2");
        let t = trigram(0, 1, 0);
        assert_eq!(s[t / 64] >> (t % 64) & 1, 1);
        assert_eq!(s.iter().map(|w| w.count_ones()).sum::<u32>(), 1);
    }
}
