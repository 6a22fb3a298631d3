//! The bytes a regular expression's text can start and end with: what must stand right
//! before or after a required literal (see [`super::required`]) in every match.
//!
//! Why: a required literal can be common where its rule's match is rare. " Euro" is in
//! every "European", but the rule wants a number before it; " people" is on many lines,
//! but the rule wants "mil" before it. The pattern check's gate reads the byte beside
//! each occurrence and drops those that no match can contain, before a line is queued
//! for the rule's regex.
//!
//! Every answer is a superset (`None` when it cannot tell): a byte outside it rules a
//! match out, a byte inside rules nothing in.

use super::needed_bytes::ByteSet;
use regex_syntax::hir::{Class, Hir, HirKind};

/// The bytes every text of `hir` can start with; `None` when it can be empty.
pub fn first_bytes(hir: &Hir) -> Option<ByteSet> {
    (!nullable(hir)).then(|| nonempty(hir, End::First))
}

/// The bytes every text of `hir` can end with; `None` when it can be empty.
pub fn last_bytes(hir: &Hir) -> Option<ByteSet> {
    (!nullable(hir)).then(|| nonempty(hir, End::Last))
}

/// For each `i` from 0 to `seq.len()`, [`last_bytes`] of the concatenation `seq[..i]`:
/// what ends right before piece `i`. One pass, where asking each prefix anew took time
/// quadratic in a user's regex of thousands of optional pieces.
pub fn ends_before_each(seq: &[Hir]) -> Vec<Option<ByteSet>> {
    let mut out = vec![None; seq.len() + 1];
    for (i, h) in seq.iter().enumerate() {
        let own = nonempty(h, End::Last);
        out[i + 1] = if nullable(h) {
            // An empty piece lets what ends before it through.
            out[i].map(|before| union([before, own].into_iter()))
        } else {
            Some(own)
        };
    }
    out
}

/// For each `i` from 0 to `seq.len()`, [`first_bytes`] of the concatenation `seq[i..]`:
/// what starts right after piece `i - 1` (see [`ends_before_each`]).
pub fn starts_from_each(seq: &[Hir]) -> Vec<Option<ByteSet>> {
    let mut out = vec![None; seq.len() + 1];
    for (i, h) in seq.iter().enumerate().rev() {
        let own = nonempty(h, End::First);
        out[i] = if nullable(h) {
            out[i + 1].map(|after| union([after, own].into_iter()))
        } else {
            Some(own)
        };
    }
    out
}

/// Whether `hir` matches the empty text (assertions such as `\b` do: they take no
/// bytes).
fn nullable(hir: &Hir) -> bool {
    hir.properties().minimum_len() == Some(0)
}

/// Which end of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    First,
    Last,
}

/// The bytes the non-empty texts of `hir` start or end with.
fn nonempty(hir: &Hir, end: End) -> ByteSet {
    match hir.kind() {
        HirKind::Literal(lit) => match end {
            End::First => lit.0.first(),
            End::Last => lit.0.last(),
        }
        .map_or([0; 4], |&b| one(b)),
        HirKind::Class(Class::Unicode(u)) => {
            let mut set = [0; 4];
            for r in u.ranges() {
                match end {
                    // UTF-8 lead bytes grow with the code point, and every lead byte
                    // between those of a range's ends starts some code point of the
                    // range (or none at all, which only widens the set).
                    End::First => add_range(&mut set, lead(r.start()), lead(r.end())),
                    End::Last => {
                        let (start, end) = (u32::from(r.start()), u32::from(r.end()));
                        if start < 0x80 {
                            add_range(&mut set, start as u8, end.min(0x7F) as u8);
                        }
                        // A character of two or more bytes ends with a continuation byte.
                        if end >= 0x80 {
                            add_range(&mut set, 0x80, 0xBF);
                        }
                    }
                }
            }
            set
        }
        HirKind::Class(Class::Bytes(b)) => byte_ranges(b),
        HirKind::Capture(c) => nonempty(&c.sub, end),
        // A non-empty text of `x*` starts and ends with a non-empty `x`.
        HirKind::Repetition(r) => nonempty(&r.sub, end),
        HirKind::Concat(children) => match end {
            End::First => nonempty_seq(children.iter(), end),
            End::Last => nonempty_seq(children.iter().rev(), end),
        },
        HirKind::Alternation(branches) => union(branches.iter().map(|b| nonempty(b, end))),
        HirKind::Empty | HirKind::Look(_) => [0; 4],
    }
}

/// [`nonempty`] of a sequence, its pieces given from the `end` in question: the bytes of
/// the first piece, and while a piece can be empty, of the next one too.
fn nonempty_seq<'h>(pieces: impl Iterator<Item = &'h Hir>, end: End) -> ByteSet {
    let mut acc = [0; 4];
    for h in pieces {
        acc = union([acc, nonempty(h, end)].into_iter());
        if !nullable(h) {
            break;
        }
    }
    acc
}

/// Whether `b` is in `set`.
#[inline]
pub fn holds(set: &ByteSet, b: u8) -> bool {
    set[usize::from(b >> 6)] >> (b & 63) & 1 != 0
}

fn one(b: u8) -> ByteSet {
    let mut set = [0; 4];
    add_range(&mut set, b, b);
    set
}

fn lead(c: char) -> u8 {
    let mut buf = [0; 4];
    c.encode_utf8(&mut buf).as_bytes()[0]
}

fn add_range(set: &mut ByteSet, lo: u8, hi: u8) {
    for b in lo..=hi {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
}

fn byte_ranges(class: &regex_syntax::hir::ClassBytes) -> ByteSet {
    let mut set = [0; 4];
    for r in class.ranges() {
        add_range(&mut set, r.start(), r.end());
    }
    set
}

/// The union of sets.
pub fn union(sets: impl Iterator<Item = ByteSet>) -> ByteSet {
    let mut out = [0; 4];
    for s in sets {
        for (o, w) in out.iter_mut().zip(s) {
            *o |= w;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hir(re: &str) -> Hir {
        regex_syntax::Parser::new().parse(re).unwrap()
    }

    /// The bytes of `set`, as a string for short assertions.
    fn bytes(set: Option<ByteSet>) -> Option<Vec<u8>> {
        set.map(|s| (0..=255u8).filter(|&b| holds(&s, b)).collect())
    }

    #[test]
    fn literals_classes_and_groups() {
        assert_eq!(bytes(first_bytes(&hir("Euro"))), Some(b"E".to_vec()));
        assert_eq!(bytes(last_bytes(&hir("Euro"))), Some(b"o".to_vec()));
        assert_eq!(bytes(first_bytes(&hir(r"\bat|At"))), Some(b"Aa".to_vec()));
        assert_eq!(bytes(last_bytes(&hir(r"(?:x|y)+\b"))), Some(b"xy".to_vec()));
        assert_eq!(
            bytes(first_bytes(&hir(r"(?-u:[0-9])"))),
            Some(b"0123456789".to_vec())
        );
    }

    /// Unicode digits end with a continuation byte when they are not ASCII, and start
    /// with a lead byte: both sides must keep them.
    #[test]
    fn unicode_classes_keep_multibyte_characters() {
        let d = hir(r"\d");
        let last = last_bytes(&d).unwrap();
        let first = first_bytes(&d).unwrap();
        for c in ['0', '9', '٣', '७', '９'] {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf).as_bytes();
            assert!(holds(&first, s[0]), "{c}");
            assert!(holds(&last, s[s.len() - 1]), "{c}");
        }
        assert!(!holds(&first, b'a') && !holds(&last, b' '));
    }

    /// Pieces that can be empty let the next one's bytes through.
    #[test]
    fn optional_pieces_widen_the_set() {
        assert_eq!(
            bytes(last_bytes(&hir(r"[1-9](?:,5)?0*"))),
            Some(b"0123456789".to_vec())
        );
        assert_eq!(
            bytes(first_bytes(&hir(r"(?:the )?[0-9]"))),
            Some(b"0123456789t".to_vec())
        );
        assert_eq!(bytes(first_bytes(&hir(r"\b(?:x|)y"))), Some(b"xy".to_vec()));
    }

    /// The one-pass tables agree with asking each prefix and suffix as a concatenation.
    #[test]
    fn tables_of_prefixes_and_suffixes() {
        let HirKind::Concat(seq) = hir(r"\ba?(?-u:[0-9])+ (?:x|y)?z*\b,?").into_kind() else {
            panic!("a concatenation")
        };
        let (ends, starts) = (ends_before_each(&seq), starts_from_each(&seq));
        for i in 0..=seq.len() {
            let concat = |part: &[Hir]| Hir::concat(part.to_vec());
            assert_eq!(ends[i], last_bytes(&concat(&seq[..i])), "before {i}");
            assert_eq!(starts[i], first_bytes(&concat(&seq[i..])), "from {i}");
        }
        let space = seq
            .iter()
            .position(|h| matches!(h.kind(), HirKind::Literal(l) if &*l.0 == b" "))
            .unwrap();
        assert_eq!(bytes(ends[space]), Some(b"0123456789".to_vec()));
        assert_eq!(bytes(starts[space]), Some(b" ".to_vec()));
        // "x" or "y", "z"s, a boundary and a comma can all be absent.
        assert_eq!(starts[space + 1], None);
        assert_eq!(ends[1], None);
    }

    #[test]
    fn nothing_when_a_text_can_be_empty() {
        assert_eq!(first_bytes(&hir("a?b?")), None);
        assert_eq!(bytes(first_bytes(&hir("a?b"))), Some(b"ab".to_vec()));
        assert_eq!(last_bytes(&hir(r"x?\d*")), None);
        assert_eq!(first_bytes(&hir("a|")), None);
        assert_eq!(first_bytes(&hir(r"\b")), None);
    }

    /// Every match of a regex starts and ends with a byte of the sets.
    #[test]
    fn every_match_fits() {
        let text = "Le 14 h 30, 1 200 Euro à Zürich; «citation» 3 mil pessoas, €5, ٣ ok";
        for re in [
            r"\d+ Euro",
            r"[A-Zà-ü]\w+",
            r"«[^»]*»",
            r"\d [a-z]+",
            r"(?:€|\$)\d",
            r"\w+",
        ] {
            let h = hir(re);
            let (first, last) = (first_bytes(&h).unwrap(), last_bytes(&h).unwrap());
            for m in regex::Regex::new(re).unwrap().find_iter(text) {
                let b = m.as_str().as_bytes();
                assert!(
                    holds(&first, b[0]) && holds(&last, b[b.len() - 1]),
                    "{re}: {m:?}"
                );
            }
        }
    }
}
