//! Required literals of a regular expression: a small set of strings of which at least
//! one occurs in every match. Pattern rules use it as a prefilter — one pass of the gate
//! (`checks::gate`) over the document tells which regexes can match at all, and on
//! which lines, so most regexes are neither compiled nor run on a typical article.
//!
//! With the strings come the bytes that stand right before and after them in every
//! match ([`super::edge_bytes`]): " Euro" with a digit before it, " people" with the "l"
//! of "mil". The gate drops occurrences with other neighbours: on 10 MB of clean copy
//! the rule wanting a number before " Euro" ran its regex on 625 lines instead of
//! 4,247 (every "European").

use super::edge_bytes;
use super::needed_bytes::ByteSet;
use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many alternatives in a required set (beyond that it filters nothing).
const MAX_SET: usize = 64;
/// Classes with at most this many characters are expanded into alternatives.
const MAX_CLASS: usize = 12;

/// How often a byte occurs at a given position of news text, roughly.
pub type Freq = fn(u8) -> f64;

/// How sets are rated and bounded.
#[derive(Clone, Copy)]
struct Limits {
    freq: Freq,
    max_set: usize,
}

/// A required set, and the bytes that stand right before and right after its strings
/// in every match (`None`: any byte, or none at the edge of the text searched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Required {
    /// One of these occurs in every match.
    pub strings: Vec<Vec<u8>>,
    /// The byte right before it in every match, one of these.
    pub before: Option<ByteSet>,
    /// The byte right after it in every match, one of these.
    pub after: Option<ByteSet>,
}

/// A set of strings, one of which every match contains, with their neighbours; `None`
/// when no useful set exists.
pub fn required(hir: &Hir) -> Option<Required> {
    let req = walk(
        hir,
        Limits {
            freq: news_byte,
            max_set: MAX_SET,
        },
    )?;
    let strings = minimal(req.set.clone());
    if strings.is_empty() || strings.iter().any(|s| s.is_empty()) {
        return None;
    }
    // A string dropped for a shorter one it contains leaves occurrences of the shorter
    // one with other neighbours; and at the edge of the whole regex, any byte may stand.
    let kept = strings.len() == req.set.len();
    let known = |side: Side| match side {
        Side::Bytes(set) if kept => Some(set),
        _ => None,
    };
    Some(Required {
        before: known(req.before),
        after: known(req.after),
        strings,
    })
}

/// [`required`]'s strings over another alphabet: `freq` rates its symbols when sets are
/// compared, and sets may have up to `max_set` strings (`checks::shapes` runs it on
/// regexes rewritten into eight byte classes).
pub fn required_with(hir: &Hir, freq: Freq, max_set: usize) -> Option<Vec<Vec<u8>>> {
    let set = minimal(walk(hir, Limits { freq, max_set })?.set);
    // An empty string is "required" everywhere: no filter.
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// What stands beside a set's strings in every match of the piece being walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The strings start (end) where the piece does: the pieces around it decide.
    Edge,
    /// Not worked out.
    Any,
    /// One of these bytes.
    Bytes(ByteSet),
}

impl Side {
    /// The side of a set merged from two sets' strings.
    fn merge(self, other: Side) -> Side {
        match (self, other) {
            (Side::Edge, Side::Edge) => Side::Edge,
            (Side::Bytes(a), Side::Bytes(b)) => Side::Bytes(std::array::from_fn(|i| a[i] | b[i])),
            _ => Side::Any,
        }
    }

    fn of(set: Option<ByteSet>) -> Side {
        set.map_or(Side::Any, Side::Bytes)
    }

    /// This side, or `outer` where the strings reach the piece's edge: what stands
    /// beside the piece then stands beside them.
    fn at_edge(self, outer: Side) -> Side {
        if self == Side::Edge { outer } else { self }
    }
}

/// A required set while walking: its strings and their neighbours.
struct Req {
    set: Vec<Vec<u8>>,
    before: Side,
    after: Side,
}

impl Req {
    /// Strings that make up the whole piece walked.
    fn whole(set: Vec<Vec<u8>>) -> Self {
        Req {
            set,
            before: Side::Edge,
            after: Side::Edge,
        }
    }
}

fn walk(hir: &Hir, lim: Limits) -> Option<Req> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => Some(Req::whole(vec![lit.0.to_vec()])),
        HirKind::Class(c) => class(c).map(Req::whole),
        HirKind::Capture(c) => walk(&c.sub, lim),
        // The first and last copies border the previous and next copy, not only what
        // is around the repetition.
        HirKind::Repetition(r) if r.min >= 1 => walk(&r.sub, lim).map(|req| Req {
            before: req.before.at_edge(Side::Any),
            after: req.after.at_edge(Side::Any),
            ..req
        }),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(branches) => {
            let mut out = Vec::new();
            let mut sides: Option<(Side, Side)> = None;
            for b in branches {
                let req = walk(b, lim)?;
                out.extend(req.set);
                if out.len() > lim.max_set {
                    return None;
                }
                sides = Some(match sides {
                    None => (req.before, req.after),
                    Some((before, after)) => (before.merge(req.before), after.merge(req.after)),
                });
            }
            let (before, after) = sides?;
            Some(Req {
                set: dedup(out)?,
                before,
                after,
            })
        }
        HirKind::Concat(children) => concat(children, lim),
    }
}

/// The best required set of a concatenation: runs of adjacent finite pieces are joined
/// into longer strings (cross product, bounded), and whichever run or child set
/// [`score`]s best — the rarest in text, by the alphabet's frequencies — wins.
fn concat(children: &[Hir], lim: Limits) -> Option<Req> {
    // What ends right before child `i`, and what starts right after child `j`.
    let (ends, starts) = (
        edge_bytes::ends_before_each(children),
        edge_bytes::starts_from_each(children),
    );
    let before = |i: usize| match i {
        0 => Side::Edge,
        _ => Side::of(ends[i]),
    };
    let after = |j: usize| match j + 1 == children.len() {
        true => Side::Edge,
        false => Side::of(starts[j + 1]),
    };
    let mut best: Option<Req> = None;
    let mut offer = |cand: Req| {
        let wins = match &best {
            None => true,
            Some(b) => score(&cand.set, lim.freq) > score(&b.set, lim.freq),
        };
        if wins {
            best = Some(cand);
        }
    };
    // The run of finite pieces so far: its strings and what stands before them.
    let mut run: Option<(Vec<Vec<u8>>, Side)> = None;
    for (k, c) in children.iter().enumerate() {
        let exact = finite(c, lim);
        // `x+`, `x{2,}` of a finite `x`: its text starts with one `x` and ends with one,
        // so the run goes on into the first and a new run starts from the last.
        if exact.is_none()
            && let Some(one) = repeated(c).and_then(|sub| finite(sub, lim))
        {
            // The first copy is followed by another or by what follows them all; the
            // last one preceded by another or by what comes before them all.
            let sub = repeated(c).expect("checked above");
            let around = |a: Option<ByteSet>, b: Option<ByteSet>| match (a, b) {
                (Some(a), Some(b)) => Side::Bytes(edge_bytes::union([a, b].into_iter())),
                _ => Side::Any,
            };
            let next = around(edge_bytes::first_bytes(sub), starts[k + 1]);
            let prior = around(edge_bytes::last_bytes(sub), ends[k]);
            if let Some((prev, side)) = run.take() {
                offer(match join(&prev, &one, lim) {
                    Some(joined) => Req {
                        set: joined,
                        before: side,
                        after: next,
                    },
                    None => Req {
                        set: prev,
                        before: side,
                        after: after(k - 1),
                    },
                });
            }
            run = Some((one, prior));
            continue;
        }
        match (exact, run.take()) {
            (Some(set), Some((prev, side))) => {
                if let Some(joined) = join(&prev, &set, lim) {
                    run = Some((joined, side));
                } else {
                    offer(Req {
                        set: prev,
                        before: side,
                        after: after(k - 1),
                    });
                    run = Some((set, before(k)));
                }
            }
            (Some(set), None) => run = Some((set, before(k))),
            (None, prev) => {
                if let Some((prev, side)) = prev {
                    offer(Req {
                        set: prev,
                        before: side,
                        after: after(k - 1),
                    });
                }
                if let Some(inner) = walk(c, lim) {
                    offer(Req {
                        before: inner.before.at_edge(before(k)),
                        after: inner.after.at_edge(after(k)),
                        ..inner
                    });
                }
            }
        }
    }
    if let Some((prev, side)) = run {
        offer(Req {
            set: prev,
            before: side,
            after: after(children.len() - 1),
        });
    }
    best
}

/// Repetitions longer than this are not expanded into strings.
const MAX_REPEAT: u32 = 4;

/// Every string of `a` followed by every string of `b`; `None` when that is more than
/// the limit (checked before any string is built: a user's regex may nest sets deeply).
fn join(a: &[Vec<u8>], b: &[Vec<u8>], lim: Limits) -> Option<Vec<Vec<u8>>> {
    if a.len().saturating_mul(b.len()) > lim.max_set {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|p| b.iter().map(move |s| [p.as_slice(), s.as_slice()].concat()))
            .collect(),
    )
}

/// The repeated piece of a repetition that matches it at least once (through groups).
fn repeated(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Capture(c) => repeated(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => Some(&r.sub),
        _ => None,
    }
}

/// Strings the piece matches exactly (a literal, a small class, a capture of those).
fn finite(hir: &Hir, lim: Limits) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![lit.0.to_vec()]),
        HirKind::Class(c) => class(c),
        HirKind::Capture(c) => finite(&c.sub, lim),
        // `x?`, `x{3}`, `x{1,3}`: the strings of `x` repeated each allowed number of times
        // ("" for none). A time's optional space ("14 h 30", "14h30") would otherwise
        // cut the run, leaving a digit as the best literal.
        HirKind::Repetition(r) if r.max.is_some_and(|max| max <= MAX_REPEAT) => {
            let one = finite(&r.sub, lim)?;
            let max = r.max.unwrap_or(0);
            let mut out = Vec::new();
            let mut power = vec![Vec::new()];
            for k in 0..=max {
                if k >= r.min {
                    out.extend(power.iter().cloned());
                    if out.len() > lim.max_set {
                        return None;
                    }
                }
                if k < max {
                    power = join(&power, &one, lim)?;
                }
            }
            bounded(dedup(out)?, lim)
        }
        HirKind::Concat(children) => {
            let mut out = vec![Vec::new()];
            for c in children {
                out = join(&out, &finite(c, lim)?, lim)?;
            }
            dedup(out)
        }
        HirKind::Alternation(branches) => {
            let mut out = Vec::new();
            for b in branches {
                out.extend(finite(b, lim)?);
                if out.len() > lim.max_set {
                    return None;
                }
            }
            dedup(out)
        }
        _ => None,
    }
}

fn class(c: &Class) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    match c {
        Class::Unicode(u) => {
            for r in u.ranges() {
                for ch in r.start()..=r.end() {
                    out.push(ch.to_string().into_bytes());
                    if out.len() > MAX_CLASS {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                for byte in r.start()..=r.end() {
                    out.push(vec![byte]);
                    if out.len() > MAX_CLASS {
                        return None;
                    }
                }
            }
        }
    }
    Some(out)
}

/// `set` without the strings that contain another of its strings: " Uhr" occurs only
/// where "Uhr" does, so {"Uhr", " Uhr"} filters exactly as {"Uhr"}, with one literal
/// fewer to search for.
fn minimal(set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.iter()
        .filter(|s| !redundant(s, &set))
        .cloned()
        .collect()
}

/// Whether `s` contains a shorter string of `set`.
fn redundant(s: &[u8], set: &[Vec<u8>]) -> bool {
    set.iter().any(|t| {
        t.len() < s.len() && (t.is_empty() || s.windows(t.len()).any(|w| w == t.as_slice()))
    })
}

fn bounded(v: Vec<Vec<u8>>, lim: Limits) -> Option<Vec<Vec<u8>>> {
    (v.len() <= lim.max_set).then_some(v)
}

fn dedup(mut v: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    v.sort();
    v.dedup();
    Some(v)
}

/// How good a required set is as a filter: higher is better. The estimate is how often
/// one of its strings occurs at a given byte of news text (lower is better), from rough
/// byte frequencies of English prose — a space is on every line, a digit on few — so
/// that `[ ]` loses to `\d` and both lose to `Uhr`.
fn score(set: &[Vec<u8>], freq: Freq) -> std::cmp::Reverse<u64> {
    // Strings that contain another of the set add nothing to how often it fires.
    let rate: f64 = set
        .iter()
        .filter(|s| !redundant(s, set))
        .map(|lit| lit.iter().map(|&b| freq(b)).product::<f64>())
        .sum();
    // In parts per billion, so that scores compare as integers.
    std::cmp::Reverse((rate * 1e9) as u64)
}

/// Rough byte frequencies of English prose: a space is on every line, a digit on few.
fn news_byte(b: u8) -> f64 {
    match b {
        b' ' => 0.17,
        b'a'..=b'z' => 0.06,
        b'A'..=b'Z' => 0.01,
        b'0'..=b'9' => 0.004,
        b'\n' | b'.' | b',' => 0.01,
        0x80.. => 0.003,
        _ => 0.002,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(re: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::Parser::new().parse(re).unwrap();
        required(&hir).map(|r| {
            r.strings
                .into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn finds_the_longest_required_literals() {
        assert_eq!(
            req(r"\b(?P<m>qualified) (?:the|this) \w+"),
            Some(vec!["qualified the ".into(), "qualified this ".into()])
        );
        assert_eq!(
            req(r"(?P<w>\w+), as (?:it )?is known,"),
            Some(vec![", as is known,".into(), ", as it is known,".into()])
        );
        assert_eq!(req("«\\s*(?P<q>[^«»]*?)\\s*»"), Some(vec!["«".into()]));
        assert_eq!(
            req(r"(?:^|[^\d,.])(?P<n>\d+,\d{1,2})"),
            Some(vec![",".into()])
        );
        assert_eq!(
            req(r"(?i)ab"),
            Some(vec!["AB".into(), "Ab".into(), "aB".into(), "ab".into()])
        );
        assert_eq!(
            req(r"(?:foo|bar)baz"),
            Some(vec!["barbaz".into(), "foobaz".into()])
        );
    }

    /// An optional piece no longer cuts a run of literals: a time's optional spaces
    /// ("14 h 30", "14h30") leave "digit, h" pairs to look for instead of any digit.
    #[test]
    fn optional_pieces_join_the_run() {
        let set = req(r"\d[ \u{A0}]?h[ \u{A0}]?[0-5]\d").unwrap();
        assert!(
            set.iter().all(|s| s.len() >= 2 && s.contains('h')),
            "{set:?}"
        );
        let re = regex::Regex::new(r"\d[ \u{A0}]?h[ \u{A0}]?[0-5]\d").unwrap();
        for text in ["at 14 h 30", "14h30", "9\u{a0}h 05"] {
            let m = re.find(text).unwrap().as_str();
            assert!(
                set.iter().any(|s| m.contains(s.as_str())),
                "{m:?} in {set:?}"
            );
        }
        assert_eq!(
            req(r"(?:B|M)illions? (?:of|de)"),
            Some(vec![
                "Billion de".into(),
                "Billion of".into(),
                "Billions de".into(),
                "Billions of".into(),
                "Million de".into(),
                "Million of".into(),
                "Millions de".into(),
                "Millions of".into(),
            ])
        );
    }

    /// A string that contains another of the set filters nothing more: " Uhr" only
    /// occurs where "Uhr" does.
    #[test]
    fn keeps_only_minimal_strings() {
        assert_eq!(req(r"Mio\.?"), Some(vec!["Mio".into()]));
        assert_eq!(req(r"\d+ ?Uhr"), Some(vec!["Uhr".into()]));
        assert_eq!(
            minimal(vec![
                b"ab".to_vec(),
                b"xaby".to_vec(),
                b"b".to_vec(),
                b"c".to_vec()
            ]),
            vec![b"b".to_vec(), b"c".to_vec()]
        );
    }

    /// The bytes beside the strings, as strings of the ASCII bytes in them (`"+"` added
    /// when non-ASCII bytes are in too).
    fn sides(re: &str) -> (Option<String>, Option<String>) {
        let hir = regex_syntax::Parser::new().parse(re).unwrap();
        let r = required(&hir).unwrap();
        let show = |set: Option<ByteSet>| {
            set.map(|s| {
                let mut out: String = (0..0x80u8)
                    .filter(|&b| edge_bytes::holds(&s, b))
                    .map(char::from)
                    .collect();
                if (0x80..=0xFF).any(|b| edge_bytes::holds(&s, b)) {
                    out.push('+');
                }
                out
            })
        };
        (show(r.before), show(r.after))
    }

    #[test]
    fn knows_the_bytes_beside_the_strings() {
        // A number before " Euro" (Unicode digits end in a continuation byte).
        assert_eq!(
            sides(r"(?:^|\s)\d+ Euro\b"),
            (Some("0123456789+".into()), None)
        );
        // "mil" before the nouns, and a word boundary after them, which is no byte.
        assert_eq!(
            sides(r"\b(?P<m>[1-9]\d{0,2} mil) (?:people|troops|soldiers)\b"),
            (Some("l".into()), None)
        );
        // Through a repetition: the first "at " copy is followed by more spaces or the
        // hour.
        assert_eq!(
            sides(r"\b[Aa]t[ ]+\d+h"),
            (None, Some(" 0123456789+".into()))
        );
        // Optional pieces let the bytes of what follows them through.
        assert_eq!(
            sides(r"(?-u:[0-9])(?:,5)?0* million"),
            (Some("0123456789".into()), None)
        );
    }

    /// A string dropped for a shorter one it contains would leave the shorter one's
    /// occurrences with other neighbours: nothing is known then.
    #[test]
    fn minimal_sets_know_no_sides() {
        assert_eq!(sides(r"x(?:Uhr| Uhr)y"), (None, None));
        assert_eq!(sides(r"xUhry"), (None, None));
    }

    #[test]
    fn gives_up_when_nothing_is_required() {
        assert_eq!(req(r"\w+"), None);
        assert_eq!(req(r"a?b*"), None);
        assert_eq!(req(r"(?:x|\w)"), None);
    }
}
