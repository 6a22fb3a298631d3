//! Sentence boundaries.
//!
//! Checks use sentences to keep context windows from reaching into the next sentence and
//! to recognize sentence-initial capitals. A period ends a sentence unless it closes a
//! title or abbreviation ("Gen.", "Lt.", "Mr."); dotted abbreviations ("U.S.") end one only
//! when they are times ("p.m.", "a.m.") followed by a capital. A line break ends a sentence
//! when the line before it ends like a headline or a finished sentence, not when a
//! paragraph was merely wrapped.

use super::token::{Token, TokenKind};
use super::word_key::{SHORT, short_key};
use std::sync::OnceLock;

/// Words that take an abbreviating period without ending the sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "cmdr", "gov", "sen",
    "rep", "st", "jr", "sr", "prof", "rev", "hon", "no", "nos", "vs", "approx", "jan", "feb",
    "aug", "sept", "sep", "oct", "nov", "dec", "inc", "corp", "co", "ltd", "mt", "ft", "pres",
    "supt", "insp", "cpl", "pvt", "brig", "fig", "vol", "cf", "etc",
    // Source-language abbreviations that machine translation leaves in the text ("ca.
    // 3 Mrd. Euro"): they must not cut a sentence, or context windows stop short.
    "ca", "nr", "mrd", "mio", "bzw", "usw", "inkl", "ggf", "vgl", "tsd", "mln", "mld", "bln",
    "mlrd", "thous", "tys", "sig", "sra", "dott", "ing", "avv", "mme", "mlle",
];

/// Whether `word` is one of [`TITLE_ABBREVIATIONS`], in any case. Every word before a
/// period asks: as integers ([`short_key`]) in a sorted list, not seventy string
/// comparisons (9 M instructions on 3 MB of copy, callgrind).
fn is_title_abbreviation(word: &str) -> bool {
    static KEYS: OnceLock<Vec<u64>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys: Vec<u64> = TITLE_ABBREVIATIONS
            .iter()
            .filter_map(|a| short_key(a.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys
    });
    let len = word.len();
    if len > SHORT {
        return false;
    }
    let mut lower = [0u8; SHORT];
    lower[..len].copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    short_key(&lower[..len]).is_some_and(|k| keys.binary_search(&k).is_ok())
}

/// Numbers the sentences of `tokens` (their `sentence` field), from 0.
pub(crate) fn number_sentences(text: &str, tokens: &mut [Token]) {
    let mut id = 0u32;
    for k in 0..tokens.len() {
        if k > 0 && starts_sentence(text, tokens, k) {
            id += 1;
        }
        tokens[k].sentence = id;
    }
}

fn tok<'t>(text: &'t str, t: &Token) -> &'t str {
    &text[t.range()]
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "»" | "]")
}

/// Can token `t` begin a sentence (capital, digit, or an opening quote)?
fn can_open(text: &str, t: &Token) -> bool {
    let c = tok(text, t).chars().next().unwrap_or(' ');
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '«' | '‘' | '(' | '„')
}

fn starts_sentence(text: &str, tokens: &[Token], k: usize) -> bool {
    let cur = &tokens[k];
    if cur.flags & Token::PARAGRAPH_BEFORE != 0 {
        return true;
    }
    // The common case, answered without looking at any text: on the same line after a
    // word, number or possessive that is not an abbreviation, no sentence starts.
    let before = &tokens[k - 1];
    if cur.flags & Token::NEWLINE_BEFORE == 0
        && before.kind != TokenKind::Punct
        && before.flags & Token::ABBREVIATION == 0
    {
        return false;
    }
    // Nor after a comma, a colon or another mark that neither ends a sentence nor
    // closes one: read as its one byte, not compared as text with each of those marks.
    if cur.flags & Token::NEWLINE_BEFORE == 0
        && before.kind == TokenKind::Punct
        && before.end - before.start == 1
        && !matches!(
            text.as_bytes()[before.start as usize],
            b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']'
        )
    {
        return false;
    }
    // A quote or bracket glued to the previous token closes that sentence.
    if cur.kind == TokenKind::Punct
        && cur.flags & Token::SPACE_BEFORE == 0
        && is_closer(tok(text, cur))
    {
        return false;
    }
    // Find the last token before `k`, stepping back over closing quotes and brackets.
    let mut p = k - 1;
    // A closer is attached to what it closes; a quote after a space opens something.
    while p > 0
        && tokens[p].kind == TokenKind::Punct
        && tokens[p].flags & Token::SPACE_BEFORE == 0
        && is_closer(tok(text, &tokens[p]))
    {
        p -= 1;
    }
    let prev = &tokens[p];
    let prev_text = tok(text, prev);
    let ended = if prev.kind == TokenKind::Punct && is_terminal(prev_text) {
        // "Gen." is not the end of a sentence.
        !(prev_text == "."
            && p > 0
            && prev.start == tokens[p - 1].end
            && tokens[p - 1].kind == TokenKind::Word
            && is_title_abbreviation(tok(text, &tokens[p - 1])))
    } else if prev.flags & Token::ABBREVIATION != 0 {
        prev_text.eq_ignore_ascii_case("p.m.") || prev_text.eq_ignore_ascii_case("a.m.")
    } else {
        false
    };
    if ended {
        return can_open(text, cur);
    }
    if cur.flags & Token::NEWLINE_BEFORE != 0 {
        // A line that ends in a lower-case word or a comma was wrapped mid-sentence.
        let wrapped = match prev.kind {
            TokenKind::Word => !prev_text.chars().next().is_some_and(char::is_uppercase),
            TokenKind::Punct => matches!(prev_text, "," | "-" | "(" | ":" | ";"),
            _ => false,
        };
        return !wrapped && can_open(text, cur);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    /// The integer lookup says what comparing with every abbreviation says: each of
    /// them in three cases, their prefixes and extensions, and other words.
    #[test]
    fn title_abbreviations_in_any_case() {
        let slow = |w: &str| {
            TITLE_ABBREVIATIONS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(w))
        };
        let mut words = vec![
            "said",
            "",
            "M",
            "Mé",
            "é",
            "mrs\0",
            "approxi",
            "approximately",
            "Gen",
            "ETC",
        ];
        let mut owned = Vec::new();
        for a in TITLE_ABBREVIATIONS {
            assert!(a.len() <= SHORT, "{a} is longer than a key holds");
            owned.extend([
                a.to_uppercase(),
                a[..1].to_uppercase() + &a[1..],
                format!("{a}s"),
                a[..a.len() - 1].to_string(),
            ]);
        }
        words.extend(TITLE_ABBREVIATIONS);
        words.extend(owned.iter().map(String::as_str));
        let mut found = 0;
        for w in words {
            assert_eq!(is_title_abbreviation(w), slow(w), "{w:?}");
            found += usize::from(slow(w));
        }
        assert!(found >= 3 * TITLE_ABBREVIATIONS.len(), "{found}");
    }

    fn sentences(text: &str) -> Vec<String> {
        let mut toks = tokenize(text);
        number_sentences(text, &mut toks);
        let mut out: Vec<String> = Vec::new();
        for t in &toks {
            let id = t.sentence as usize;
            if out.len() <= id {
                out.push(String::new());
            }
            let s = &mut out[id];
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&text[t.range()]);
        }
        out
    }

    #[test]
    fn abbreviations_do_not_split() {
        let s = sentences(
            "Gen. Smith met Lt. Col. Ray in the U.S. Army base. They left at 9 p.m. Then rain.",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].ends_with("base ."));
        assert!(s[1].ends_with("p.m."));
    }

    #[test]
    fn lines_and_quotes() {
        let s = sentences(
            "Headline Here\nBody starts. \"Quoted end.\" Next one\nwrapped line.\n\nnew paragraph",
        );
        assert_eq!(s.len(), 5, "{s:?}");
        assert_eq!(s[3], "Next one wrapped line .");
    }
}
