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
//! (whatever its UTF-8 length) the one non-ASCII class, except the few that regexes put
//! in classes with ASCII ones (see [`wide_class`]). A regex is rewritten over the
//! same alphabet (each literal character and each class member replaced by its class)
//! and [`super::required::required_with`] finds the class strings every match
//! contains. A line can then only match if, for one of those strings, it holds every
//! trigram of it: one subset test of 512-bit sets per string. Strings whose trigrams
//! include another's are dropped (the other decides); a regex left with many strings
//! is tried with each string's rarest window, shorter and shorter, and one with a
//! string made of letters and spaces alone gets no shape filter.

use super::required::required_with;
use regex_syntax::hir::{
    Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};
use std::sync::OnceLock;

/// A set of class trigrams, one bit each.
pub type Shape = [u64; 8];

/// At most this many alternative sets per regex: each costs a few word operations per
/// line, and beyond this the filter costs about what the regex it saves.
const MAX_SETS: usize = 24;

/// How many classes there are (see [`class_of`]).
const CLASS_COUNT: usize = 8;

/// Class strings are cut to windows of at most this many classes. A user's regex may
/// require a literal of thousands of characters; windows of every length of it, tried
/// from the longest down, took time cubic in its length (seconds for a pack of a
/// kilobyte, found by fuzzing the loader).
const MAX_WINDOW: usize = 64;

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

/// Non-ASCII characters that case-fold to ASCII letters (ſ to s, the Kelvin sign to k),
/// with their class: `(?i)` adds them to the letters' classes.
const FOLDS_TO_ASCII: [(char, u8); 2] = [('\u{17F}', 3), ('\u{212A}', 3)];

/// The decimal digits beyond ASCII (what `\d` matches besides 0-9), as regex-syntax's
/// Unicode tables give them.
fn wide_digits() -> &'static ClassUnicode {
    static DIGITS: OnceLock<ClassUnicode> = OnceLock::new();
    DIGITS.get_or_init(|| {
        let hir = regex_syntax::parse(r"\d").expect("\\d parses");
        let HirKind::Class(Class::Unicode(digits)) = hir.kind() else {
            unreachable!("\\d is a Unicode class")
        };
        let mut wide = digits.clone();
        wide.intersect(&ClassUnicode::new([ClassUnicodeRange::new(
            '\u{80}',
            char::MAX,
        )]));
        wide
    })
}

/// The class of a non-ASCII character: a decimal digit is a digit and [`FOLDS_TO_ASCII`]
/// are letters, everything else is class 7. Why: `\d` holds every script's digits and
/// `(?i)k` the Kelvin sign, so as class 7 they made a digit or a letter two symbols, and
/// a time rule's class strings (`(?i)…\d h \d…`) doubled with each, past [`MAX_SETS`].
fn wide_class(c: char) -> u8 {
    if let Some(&(_, class)) = FOLDS_TO_ASCII.iter().find(|(f, _)| *f == c) {
        return class;
    }
    // No decimal digit comes before U+0660, so Latin letters skip the search.
    let digit = c >= '\u{660}'
        && wide_digits()
            .ranges()
            .binary_search_by(|r| {
                if r.end() < c {
                    std::cmp::Ordering::Less
                } else if r.start() > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok();
    if digit { 0 } else { 7 }
}

/// The class of the character starting at `line[i]`, a byte from 0xC0 on.
fn wide_class_at(line: &[u8], i: usize) -> u8 {
    let len = match line[i] {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    };
    // Lines are slices of a `str`; a torn character can only come from a caller's bytes,
    // and whatever it is, class 7 is what it was before.
    line.get(i..i + len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
        .map_or(7, wide_class)
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
    // Too many alternatives (optional spaces of three kinds, one- or two-digit hours):
    // every match that holds a string holds each of its windows, so the strings' rarest
    // windows of `k` classes make a weaker filter that is still sound. The longest `k`
    // that leaves few enough sets is kept.
    // Strings longer than `MAX_WINDOW` classes are cut to their rarest window of that
    // many first: a longer one adds few trigrams to a set of at most 512, and every
    // window of a required string is required (sound, as above).
    let strings: Vec<&[u8]> = strings
        .iter()
        .map(|s| rarest_window(s, MAX_WINDOW))
        .collect();
    let longest = strings.iter().map(|s| s.len()).max().unwrap_or(0);
    for k in (3..=longest).rev() {
        let windows: Vec<&[u8]> = strings.iter().map(|s| rarest_window(s, k)).collect();
        match trigram_sets(&windows) {
            Ok(sets) => return sets,
            Err(Unfit::Common) => break,
            Err(Unfit::TooMany) => {}
        }
    }
    Vec::new()
}

/// Why class strings make no filter.
enum Unfit {
    /// More than [`MAX_SETS`] sets.
    TooMany,
    /// A set every plain line holds (shorter windows would only hold less).
    Common,
}

/// The trigram sets of `strings`, each at least three classes long.
fn trigram_sets(strings: &[&[u8]]) -> Result<Vec<Shape>, Unfit> {
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
    if sets.iter().any(lets_everything_through) {
        return Err(Unfit::Common);
    }
    if sets.len() > MAX_SETS {
        return Err(Unfit::TooMany);
    }
    Ok(sets)
}

/// The window of `k` classes of `s` least likely in English copy (the first of equals;
/// `s` itself when it is no longer).
///
/// A window's odds are the product of its classes' frequencies, so they depend only on
/// how many of each class it holds: the counts follow the window as it slides, one pass
/// over `s`. Multiplying out every window made a user's regex with a literal of a
/// thousand characters take seconds to load (found by fuzzing the loader).
fn rarest_window(s: &[u8], k: usize) -> &[u8] {
    if s.len() <= k {
        return s;
    }
    let mut counts = [0i32; CLASS_COUNT];
    let odds = |counts: &[i32; CLASS_COUNT]| {
        (0..CLASS_COUNT)
            .map(|c| class_freq(c as u8).powi(counts[c]))
            .product::<f64>()
    };
    for &c in &s[..k] {
        counts[usize::from(c)] += 1;
    }
    let (mut best, mut best_odds) = (0, odds(&counts));
    for i in 1..=s.len() - k {
        counts[usize::from(s[i - 1])] -= 1;
        counts[usize::from(s[i + k - 1])] += 1;
        let o = odds(&counts);
        if o < best_odds {
            (best, best_odds) = (i, o);
        }
    }
    &s[best..best + k]
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
    // Plain stores into a table, packed once (as `needed_bytes::bytes_of` does): setting
    // bits in place made every character wait for the previous one's read-modify-write
    // of the same word.
    let mut seen = [false; 512];
    let mut t = 0usize;
    let mut n = 0;
    for (i, &b) in line.iter().enumerate() {
        let class = match b {
            0x80..0xc0 => continue,
            0xc0.. => wide_class_at(line, i),
            _ => CLASSES[usize::from(b)],
        };
        t = (t << 3 | usize::from(class)) & 511;
        n += 1;
        if n >= 3 {
            seen[t] = true;
        }
    }
    let mut set = [0u64; 8];
    super::needed_bytes::pack_flags(&seen, &mut set);
    set
}

/// The trigrams with a digit in them: a digit is rare in copy, so these are read
/// first, from a digit's neighbours alone (see [`digit_shape_of`]).
const DIGIT_TRIGRAMS: Shape = {
    let mut set = [0u64; 8];
    let mut t = 0;
    while t < 512 {
        if t >> 6 == 0 || (t >> 3) & 7 == 0 || t & 7 == 0 {
            set[t / 64] |= 1 << (t % 64);
        }
        t += 1;
    }
    set
};

/// The part of each set a line's digits must provide: its trigrams with a digit.
/// A line that holds a set holds its part, so testing the parts against
/// [`digit_shape_of`] first rules out lines without reading all of them.
pub fn digit_parts(sets: &[Shape]) -> Vec<Shape> {
    sets.iter()
        .map(|s| std::array::from_fn(|w| s[w] & DIGIT_TRIGRAMS[w]))
        .collect()
}

/// The first bytes of the digits beyond ASCII (`\d`'s other scripts).
fn wide_digit_starts() -> &'static [bool; 256] {
    static STARTS: OnceLock<[bool; 256]> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut starts = [false; 256];
        let mut buf = [0u8; 4];
        for r in wide_digits().ranges() {
            for c in r.start()..=r.end() {
                starts[usize::from(c.encode_utf8(&mut buf).as_bytes()[0])] = true;
            }
        }
        starts
    })
}

/// The class trigrams of `line` that hold a digit: `shape_of(line)` restricted to
/// [`DIGIT_TRIGRAMS`], read from up to two characters either side of each digit.
/// Why: every line with a number (a third of news copy) reaches the number rules'
/// filters, and reading the class of every character cost 15 instructions a byte.
/// Measured with callgrind on 3 MB of clean copy: a run took 782 M instructions with
/// [`shape_of`] on each such line, 763 M with this first.
pub fn digit_shape_of(line: &[u8]) -> Shape {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let wide_starts = wide_digit_starts();
    let mut set = [0u64; 8];
    let mut i = 0;
    while i < line.len() {
        // Eight bytes at a time: ASCII without a digit is skipped whole.
        if let Some(word) = line.get(i..i + 8) {
            let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            // ASCII bytes XOR '0' are below 0x80; a digit's is below 10.
            let y = x ^ (ONES * u64::from(b'0'));
            if y.wrapping_sub(ONES * 10) & !y & HIGH == 0 && x & HIGH == 0 {
                i += 8;
                continue;
            }
        }
        let b = line[i];
        if b.is_ascii_digit() {
            // A run of ASCII digits: beyond three, more add no trigram.
            let end = i + line[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            add_digit_run(line, i, end, (end - i).min(3), &mut set);
            i = end;
        } else {
            if wide_starts[usize::from(b)] && wide_class_at(line, i) == 0 {
                let end = i
                    + line[i + 1..]
                        .iter()
                        .take_while(|&&c| (0x80..0xc0).contains(&c))
                        .count()
                    + 1;
                add_digit_run(line, i, end, 1, &mut set);
            }
            i += 1;
        }
    }
    set
}

/// Adds to `set` the class trigrams of the digits at `line[from..to]` (`digits` of
/// them, as many as can make distinct trigrams) and up to two characters either side:
/// every window of three among those holds a digit.
fn add_digit_run(line: &[u8], from: usize, to: usize, digits: usize, set: &mut Shape) {
    let class_at = |at: usize| match line[at] {
        0xc0.. => wide_class_at(line, at),
        c => CLASSES[usize::from(c)],
    };
    let is_lead = |c: &u8| !(0x80..0xc0).contains(c);
    let mut classes = [0u8; 7];
    let mut n = 0;
    // Two characters before, in order.
    let mut before = [0u8; 2];
    let mut nb = 0;
    let mut at = from;
    while nb < 2 {
        match line[..at].iter().rposition(is_lead) {
            Some(p) => {
                before[1 - nb] = class_at(p);
                nb += 1;
                at = p;
            }
            None => break,
        }
    }
    for &c in &before[2 - nb..] {
        classes[n] = c;
        n += 1;
    }
    n += digits;
    // Two characters after.
    let mut at = to;
    for _ in 0..2 {
        if at >= line.len() {
            break;
        }
        classes[n] = class_at(at);
        n += 1;
        at += 1 + line[at + 1..].iter().take_while(|&c| !is_lead(c)).count();
    }
    for w in classes[..n].windows(3) {
        let t = trigram(w[0], w[1], w[2]);
        set[t / 64] |= 1 << (t % 64);
    }
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
            }
            wide_members(c, &mut seen);
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

/// Marks in `seen` the classes of the non-ASCII members of `c` (see [`wide_class`]),
/// with set operations on its ranges rather than a walk over their characters.
fn wide_members(c: &ClassUnicode, seen: &mut [bool; 8]) {
    let mut wide = c.clone();
    wide.intersect(&ClassUnicode::new([ClassUnicodeRange::new(
        '\u{80}',
        char::MAX,
    )]));
    if wide.ranges().is_empty() {
        return;
    }
    let mut digits = wide.clone();
    digits.intersect(wide_digits());
    seen[0] |= !digits.ranges().is_empty();
    let mut rest = wide.clone();
    rest.difference(wide_digits());
    for (f, class) in FOLDS_TO_ASCII {
        if wide.ranges().iter().any(|r| r.start() <= f && f <= r.end()) {
            seen[usize::from(class)] = true;
            rest.difference(&ClassUnicode::new([ClassUnicodeRange::new(f, f)]));
        }
    }
    seen[7] |= !rest.ranges().is_empty();
}

/// The symbol of one character.
fn char_class(c: char) -> u8 {
    if c.is_ascii() {
        class_of(c as u8)
    } else {
        wide_class(c)
    }
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

    /// The sliding window finds what trying every window finds: the first of the
    /// rarest.
    #[test]
    fn rarest_window_slides_as_every_window_is_tried() {
        let odds = |w: &[u8]| {
            let mut counts = [0i32; CLASS_COUNT];
            w.iter().for_each(|&c| counts[usize::from(c)] += 1);
            (0..CLASS_COUNT)
                .map(|c| class_freq(c as u8).powi(counts[c]))
                .product::<f64>()
        };
        let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
        for len in [3, 4, 10, 50, 200] {
            let s: Vec<u8> = (0..len)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    (rng % CLASS_COUNT as u64) as u8
                })
                .collect();
            for k in 3..=len {
                let mut best = 0;
                for i in 1..=len - k {
                    if odds(&s[i..i + k]) < odds(&s[best..best + k]) {
                        best = i;
                    }
                }
                assert_eq!(rarest_window(&s, k), &s[best..best + k], "{s:?}, {k}");
            }
        }
    }

    /// A regex that requires a literal of thousands of characters gets shapes from a
    /// window of it (the whole string was tried at every length, which never ended).
    #[test]
    fn a_very_long_required_literal_gets_a_window() {
        let literal = "dddd WWW=Wq J 1,2 h.".repeat(400);
        let re = format!(r"\d {literal}");
        let set = shaped(&re);
        assert!(!set.is_empty());
        let m = format!("7 {literal}");
        assert!(meets(&shape_of(m.as_bytes()), &set));
        assert!(!meets(&shape_of(b"plain words only"), &set));
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
            // Digits of other scripts are digits, and (?i) letters take in the Kelvin
            // sign and the long s.
            (r"\d h \d", "at ١٤ h ٣٠ and 9 h 5"),
            (r"(?i)\bkm \d", "12 \u{212A}m 5 and 3 KM 4"),
            (r"(?i)st\d", "\u{17F}t1 and ST2"),
            (r"[\p{L}\d]\d h", "ſ1 h, é1 h, ٣1 h"),
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

    /// The French time rule: `\d` and `(?i)` once gave it too many class strings for a
    /// filter, and every line with a digit ran its regex.
    #[test]
    fn a_time_rule_with_unicode_digits_and_case_gets_a_filter() {
        let re = r"(?i)\b(?:at|around|from|until|till|before|after|towards?|since|between|and)[ \u{A0}]+(?P<t>(?P<h>0?\d|1[0-2])[ \u{A0}\u{202F}]?h[ \u{A0}\u{202F}]?(?P<m>[0-5]\d))\b";
        let sets = shaped(re);
        assert!(!sets.is_empty());
        let plain = "Since 2019, 12 of the 27 members have met at 10 Downing Street.";
        assert!(!meets(&shape_of(plain.as_bytes()), &sets));
        for time in [
            "at 9 h 30",
            "from 10h15",
            "AT 11\u{a0}h\u{202f}05",
            "until ٩ h 3٠",
        ] {
            assert!(regex::Regex::new(re).unwrap().is_match(time), "{time}");
            assert!(meets(&shape_of(time.as_bytes()), &sets), "{time}");
        }
    }

    /// Reading around digits finds exactly the trigrams with a digit of a whole
    /// reading: on every sequence of four pieces (ASCII and wide digits, runs of one to
    /// five, letters, spaces, two- to four-byte characters), cut at every length, and
    /// on the corpus's lines.
    #[test]
    fn digit_shapes_are_the_digit_trigrams_of_the_whole() {
        use super::{DIGIT_TRIGRAMS, digit_parts, digit_shape_of};
        let pieces = [
            "1", "12", "123", "12345", " ", "h", "é", "٣", "١٤", "’", "😀", "ſ", ".", "abcdefgh",
        ];
        let mut lines: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            lines = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
                .collect();
        }
        let mut cuts = Vec::new();
        for l in lines.iter().step_by(97) {
            for end in 0..=l.len() {
                if l.is_char_boundary(end) {
                    cuts.push(l[..end].to_string());
                }
            }
        }
        lines.extend(cuts);
        for text in crate::testing::corpus_texts() {
            lines.extend(text.lines().map(str::to_string));
        }
        let mut with_digits = 0;
        for line in &lines {
            let whole = shape_of(line.as_bytes());
            let part = digit_parts(&[whole])[0];
            assert_eq!(digit_shape_of(line.as_bytes()), part, "{line:?}");
            with_digits += usize::from(part != [0; 8]);
        }
        assert!(with_digits > 30_000, "{with_digits} lines with digits");
        // The digit trigrams are those with class 0 at one of their three places.
        let n: u32 = DIGIT_TRIGRAMS.iter().map(|w| w.count_ones()).sum();
        assert_eq!(n, 512 - 7 * 7 * 7);
    }

    #[test]
    fn wide_characters_and_their_classes() {
        assert_eq!(wide_class('é'), 7);
        assert_eq!(wide_class('\u{2019}'), 7);
        assert_eq!(wide_class('٣'), 0);
        assert_eq!(wide_class('\u{FF15}'), 0, "fullwidth five");
        assert_eq!(wide_class('\u{212A}'), 3);
        assert_eq!(wide_class('ſ'), 3);
        // The class of a line's character is the class its regex symbol gets.
        for c in [
            'é', '٣', '\u{212A}', 'ſ', '’', '😀', '\u{660}', '\u{669}', '\u{66A}',
        ] {
            let line = format!("a{c}b");
            let hir = regex_syntax::parse(&format!("a{c}b")).unwrap();
            let sets = shapes_of_string(&hir);
            let t = trigram(3, wide_class(c), 3);
            assert_eq!(shape_of(line.as_bytes())[t / 64] >> (t % 64) & 1, 1, "{c}");
            assert_eq!(sets, vec![vec![3, wide_class(c), 3]], "{c}");
        }
        // Read from a line, every character has the class its symbol gets.
        let mut buf = [0u8; 4];
        for c in ('\u{80}'..=char::MAX)
            .step_by(7)
            .chain(['ſ', '\u{212A}', '\u{660}'])
        {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(wide_class_at(bytes, 0), wide_class(c), "{c:?}");
        }
        // A class's wide members, by ranges.
        let hir = regex_syntax::parse(r"[\u{600}-\u{670}]").unwrap();
        let Some(h) = over_classes(&hir) else {
            panic!()
        };
        assert_eq!(
            h.to_string(),
            symbols(&[true, false, false, false, false, false, false, true]).to_string()
        );
    }

    /// The class strings `hir` requires.
    fn shapes_of_string(hir: &Hir) -> Vec<Vec<u8>> {
        let h = over_classes(hir).unwrap();
        required_with(&h, class_freq, MAX_SET).unwrap()
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

    /// The packed table gives the bits a plain reading sets, for lines holding every
    /// class trigram.
    #[test]
    fn packed_shapes_equal_a_bit_by_bit_reading() {
        let one_of_each = ["1", " ", "h", "a", ".", ",", "-", "é", "٣", "ſ"];
        let mut line = String::new();
        for a in one_of_each {
            for b in one_of_each {
                for c in one_of_each {
                    line.push_str(&format!("{a}{b}{c}"));
                }
            }
        }
        for end in [0, 1, 2, 3, 10, 100, line.len()] {
            let end = line.floor_char_boundary(end);
            let part = &line[..end];
            let classes: Vec<u8> = part.chars().map(char_class).collect();
            let mut want = [0u64; 8];
            for w in classes.windows(3) {
                let t = trigram(w[0], w[1], w[2]);
                want[t / 64] |= 1 << (t % 64);
            }
            assert_eq!(shape_of(part.as_bytes()), want, "{end}");
        }
        let all = shape_of(line.as_bytes());
        assert_eq!(all.iter().map(|w| w.count_ones()).sum::<u32>(), 512);
    }
}
