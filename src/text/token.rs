//! Tokenizer for news copy.
//!
//! One pass over the text produces words (hyphenated names such as "Jong-un" and elided
//! forms such as "d'etat" stay whole; the possessive `'s` / `’s` is split off as its own
//! token), dotted abbreviations ("U.S.", "p.m."), numbers in every locale shape ("1 200",
//! "2,5", "12.000", "10:32", "1990s"), and single-character punctuation. Offsets are
//! byte offsets into the original text.

use super::fold::is_space;
use unicode_normalization::char::is_combining_mark;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with inner hyphens and apostrophes; dotted abbreviations.
    Word,
    /// Digits with locale separators, optionally followed by letters ("10th").
    Number,
    /// The possessive ending `'s` (either apostrophe).
    Possessive,
    /// Any other single character.
    Punct,
}

/// A token: its original byte span, its span in the document's folded stream, and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte in the original text.
    pub start: u32,
    /// Byte offset one past the last byte in the original text.
    pub end: u32,
    /// Offset of the folded form in [`crate::Document::folded`].
    pub fstart: u32,
    /// End of the folded form in [`crate::Document::folded`].
    pub fend: u32,
    /// Which sentence the token belongs to (0-based, increasing).
    pub sentence: u32,
    /// What the token is.
    pub kind: TokenKind,
    /// Bit set of `Token::*` flags.
    pub flags: u8,
}

impl Token {
    /// A line break stands between this token and the previous one.
    pub const NEWLINE_BEFORE: u8 = 1;
    /// A blank line stands between this token and the previous one.
    pub const PARAGRAPH_BEFORE: u8 = 2;
    /// White space stands between this token and the previous one.
    pub const SPACE_BEFORE: u8 = 4;
    /// Starts with an upper-case letter.
    pub const CAPITALIZED: u8 = 8;
    /// Two or more letters, all upper case.
    pub const ALL_CAPS: u8 = 16;
    /// A dotted abbreviation such as "U.S." or "p.m.".
    pub const ABBREVIATION: u8 = 32;
    /// Every byte is ASCII, so the folded form is the text in lower case (set by
    /// [`crate::Document::new`], which checks it while folding).
    pub const ASCII: u8 = 64;
    /// A word with an apostrophe inside ("don't", "l'Intérieur").
    pub const APOSTROPHE: u8 = 128;

    /// Whether flag `f` is set.
    pub fn has(&self, f: u8) -> bool {
        self.flags & f != 0
    }

    /// The original byte range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Spaces that may separate thousands groups: plain, no-break, narrow no-break, thin.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// A cursor over the text's chars that can peek ahead without allocating.
struct Cursor<'a> {
    text: &'a str,
}

impl Cursor<'_> {
    // Most news text is ASCII: a byte is a char, without decoding or slicing.
    fn char_at(&self, i: usize) -> Option<char> {
        match self.text.as_bytes().get(i) {
            Some(&b) if b < 0x80 => Some(b as char),
            Some(_) => self.text[i..].chars().next(),
            None => None,
        }
    }
    /// The char at `i` and the offset after it.
    fn next(&self, i: usize) -> Option<(char, usize)> {
        self.char_at(i).map(|c| (c, i + c.len_utf8()))
    }
    /// The first offset from `i` on that is not an ASCII letter or digit.
    fn skip_ascii_alphanumeric(&self, i: usize) -> usize {
        skip_ascii_alphanumeric(self.text.as_bytes(), i)
    }
}

/// The first offset of `b` from `i` on that is not an ASCII letter or digit.
///
/// Eight bytes at a time: this loop reads most of the text, and a byte at a time its
/// exit, at a word's varying length, was mispredicted about once a word (the loop was
/// the tokenizer's costliest line, 67 M instructions on 10 MB of copy, callgrind).
fn skip_ascii_alphanumeric(b: &[u8], mut i: usize) -> usize {
    while let Some(eight) = b.get(i..i + 8) {
        let stop = not_alphanumeric(u64::from_le_bytes(eight.try_into().expect("eight")));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && ASCII_ALPHANUMERIC[usize::from(b[i])] {
        i += 1;
    }
    i
}

/// The high bit of each byte of `x` that is not an ASCII letter or digit.
fn not_alphanumeric(x: u64) -> u64 {
    use super::swar::{HIGH, letters, within};
    let digit = within(x, b'0', b'9') & !x;
    !(digit | letters(x)) & HIGH
}

/// Whether each byte value is an ASCII letter or digit.
static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// A token as the tokenizer finds it: folded offsets and sentence number still 0, for
/// [`crate::Document::new`] to fill in place (one vector, not one per stage).
fn token(start: usize, end: usize, kind: TokenKind, flags: u8) -> Token {
    Token {
        start: start as u32,
        end: end as u32,
        fstart: 0,
        fend: 0,
        sentence: 0,
        kind,
        flags,
    }
}

/// Splits `text` into tokens, without folded offsets or sentence numbers. Offsets are
/// `u32`: `text` must be shorter than 4 GiB ([`crate::Document::new`] checks it).
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, true)
}

/// [`tokenize`], with or without the fast path for plain words (a test compares both).
fn tokenize_with(text: &str, fast: bool) -> Vec<Token> {
    let cur = Cursor { text };
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    let mut pending: u8 = 0;
    let mut newlines = 0;
    let bytes = text.as_bytes();
    while let Some((c, after)) = cur.next(i) {
        // Fast path, most of news copy: a plain ASCII word that starts with a letter and
        // ends before a space, a comma or another mark that cannot extend it. The general
        // path below would find the same token (no abbreviation: its second byte is no
        // period; no hyphen or apostrophe follows). On 3 MB of clean copy, tokenizing took
        // 20.0 ms through the general path alone and 18.2 ms with this one.
        if fast && c.is_ascii_alphabetic() {
            let end = cur.skip_ascii_alphanumeric(i);
            if matches!(
                bytes.get(end),
                None | Some(b' ' | b',' | b'\n' | b';' | b':' | b')' | b'"' | b'?' | b'!')
            ) {
                out.push(token(
                    i,
                    end,
                    TokenKind::Word,
                    pending | ascii_case_flags(&bytes[i..end]),
                ));
                newlines = 0;
                // One space and another letter: the space is taken here, as the general
                // path would take it (it only marks the next token as spaced).
                if bytes.get(end) == Some(&b' ')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    pending = Token::SPACE_BEFORE;
                    i = end + 1;
                } else {
                    pending = 0;
                    i = end;
                }
                continue;
            }
        }
        if is_space(c) {
            pending |= Token::SPACE_BEFORE;
            if c == '\n' || (c == '\r' && cur.char_at(after) != Some('\n')) {
                newlines += 1;
                pending |= Token::NEWLINE_BEFORE;
                if newlines >= 2 {
                    pending |= Token::PARAGRAPH_BEFORE;
                }
            }
            i = after;
            continue;
        }
        let start = i;
        let (end, kind) = if c.is_ascii_digit() {
            (scan_number(&cur, i), TokenKind::Number)
        } else if is_word_char(c) {
            if let Some(end) = scan_abbreviation(&cur, i) {
                pending |= Token::ABBREVIATION;
                (end, TokenKind::Word)
            } else {
                (scan_word(&cur, i), TokenKind::Word)
            }
        } else if is_apostrophe(c) && possessive_s(&cur, after) && pending == 0 {
            // Glued to the previous token — or alone, as in a rule's context phrase "'s".
            (after + 1, TokenKind::Possessive)
        } else {
            (after, TokenKind::Punct)
        };
        let mut flags = pending;
        if kind == TokenKind::Word {
            flags |= case_flags(&text[start..end]);
            // The fast path above takes no apostrophe; here few words are read.
            if text[start..end].chars().any(is_apostrophe) {
                flags |= Token::APOSTROPHE;
            }
        }
        out.push(token(start, end, kind, flags));
        pending = 0;
        newlines = 0;
        i = end;
    }
    out
}

/// `s` or `S` at `i`, not followed by a word character.
fn possessive_s(cur: &Cursor, i: usize) -> bool {
    match cur.next(i) {
        Some(('s' | 'S', after)) => !cur.char_at(after).is_some_and(is_word_char),
        _ => false,
    }
}

fn case_flags(word: &str) -> u8 {
    // Most words start with a lower-case ASCII letter: neither capitalized nor all
    // capitals, whatever follows.
    if word.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return 0;
    }
    if word.is_ascii() {
        return ascii_case_flags(word.as_bytes());
    }
    let mut flags = 0;
    if word.chars().next().is_some_and(char::is_uppercase) {
        flags |= Token::CAPITALIZED;
    }
    let mut letters = 0;
    let mut all_upper = true;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if !c.is_uppercase() {
            all_upper = false;
            break;
        }
    }
    if all_upper && letters >= 2 {
        flags |= Token::ALL_CAPS;
    }
    flags
}

/// [`case_flags`] of an ASCII word, in one pass that stops at the first lower-case
/// letter (the second byte of most capitalized words).
fn ascii_case_flags(word: &[u8]) -> u8 {
    let mut flags = 0;
    if word.first().is_some_and(u8::is_ascii_uppercase) {
        flags |= Token::CAPITALIZED;
    }
    let mut letters = 0;
    for &c in word {
        if c.is_ascii_lowercase() {
            return flags;
        }
        letters += usize::from(c.is_ascii_uppercase());
    }
    if letters >= 2 {
        flags |= Token::ALL_CAPS;
    }
    flags
}

fn digits_end(cur: &Cursor, mut i: usize) -> usize {
    while cur.char_at(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    i
}

fn scan_number(cur: &Cursor, start: usize) -> usize {
    let mut end = digits_end(cur, start);
    let first_group = end - start;
    let mut space_grouped = first_group <= 3;
    while let Some((sep, after)) = cur.next(end) {
        let digit_after = cur.char_at(after).is_some_and(|c| c.is_ascii_digit());
        if matches!(sep, '.' | ',' | ':' | '\'' | '\u{2019}') && digit_after {
            end = digits_end(cur, after);
            space_grouped = false;
            continue;
        }
        // "1 200": a space-separated group of exactly three digits, after groups of at
        // most three, and not itself followed by a digit.
        if space_grouped && is_group_space(sep) && digit_after {
            let g = digits_end(cur, after);
            if g - after == 3 {
                end = g;
                continue;
            }
        }
        break;
    }
    // "10th", "1990s", "14h30": letters glued to the number stay in the token.
    while let Some((c, after)) = cur.next(end) {
        if is_word_char(c) {
            end = after;
        } else {
            break;
        }
    }
    end
}

/// "U.S.", "p.m.", "e.g.": single letters each followed by a period, at least two.
fn scan_abbreviation(cur: &Cursor, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    while let Some((c, after)) = cur.next(i) {
        if !c.is_alphabetic() || cur.char_at(after) != Some('.') {
            break;
        }
        // The letter must be a whole word piece: "Gen." is a word and a period.
        let next = cur.char_at(after + 1);
        letters += 1;
        i = after + 1;
        if !next.is_some_and(char::is_alphabetic) {
            break;
        }
        // The next letter must itself be followed by a period ("U.S"), else stop here.
        let after_next = next.map(|n| after + 1 + n.len_utf8());
        if after_next.and_then(|a| cur.char_at(a)) != Some('.') {
            return None;
        }
    }
    (letters >= 2).then_some(i)
}

fn scan_word(cur: &Cursor, start: usize) -> usize {
    let mut end = start;
    loop {
        end = cur.skip_ascii_alphanumeric(end);
        while let Some((c, after)) = cur.next(end) {
            if is_word_char(c) {
                end = after;
            } else {
                break;
            }
        }
        let Some((c, after)) = cur.next(end) else {
            break;
        };
        let word_after = cur.char_at(after).is_some_and(is_word_char);
        if is_hyphen(c) && word_after {
            end = after;
            continue;
        }
        if is_apostrophe(c) && word_after && !possessive_s(cur, after) {
            end = after;
            continue;
        }
        break;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time, the scan stops where a byte at a time does: every byte
    /// value after runs of zero to nineteen letters and digits, from every start.
    #[test]
    fn alphanumeric_runs_end_where_they_do_byte_by_byte() {
        let slow = |b: &[u8], mut i: usize| {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i
        };
        let run = b"aZ09mQz5Ab0Yy9Kk1Lx7";
        let mut checked = 0;
        for len in 0..run.len() {
            for stop in 0..=255u8 {
                let mut text = run[..len].to_vec();
                text.push(stop);
                text.extend_from_slice(b"abc");
                for start in 0..=len {
                    assert_eq!(
                        super::skip_ascii_alphanumeric(&text, start),
                        slow(&text, start),
                        "{text:?} from {start}"
                    );
                    checked += 1;
                }
            }
            let text = &run[..len];
            assert_eq!(super::skip_ascii_alphanumeric(text, 0), len);
        }
        assert!(checked > 50_000, "{checked}");
    }

    /// The one-pass flags of ASCII words are what the definitions say: capitalized
    /// when the first byte is an upper-case letter, all capitals with two or more
    /// letters and none in lower case.
    #[test]
    fn ascii_case_flags_follow_the_definitions() {
        for w in [
            "NATO", "Nato", "nato", "U2", "A", "a", "AB1C", "eBay", "McDonald", "G7", "EU", "1AB",
            "ABc", "X-RAY", "x", "",
        ] {
            let b = w.as_bytes();
            let letters: Vec<u8> = b.iter().copied().filter(u8::is_ascii_alphabetic).collect();
            let mut want = 0;
            if b.first().is_some_and(u8::is_ascii_uppercase) {
                want |= Token::CAPITALIZED;
            }
            if letters.len() >= 2 && letters.iter().all(u8::is_ascii_uppercase) {
                want |= Token::ALL_CAPS;
            }
            assert_eq!(ascii_case_flags(b), want, "{w}");
            assert_eq!(case_flags(w), want, "{w}");
        }
    }

    /// The plain-word fast path is only a shortcut: on the corpus and on strings built
    /// from the characters that decide token boundaries, it gives the same tokens as
    /// the general path.
    #[test]
    fn the_fast_path_tokenizes_as_the_general_path() {
        let mut texts = crate::testing::corpus_texts();
        // Every string of four pieces from a set of boundary-deciding pieces.
        let pieces = [
            "a", "Ab", "U", ".", "S", " ", "-", "'", "’s", "1", "\n", ",", "é", "\"", ")", "?",
            "x2",
        ];
        let mut n = 0usize;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        texts.push(format!("{a}{b}{c}{d}"));
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 80_000 && texts.len() > n + 20);
        for t in &texts {
            assert_eq!(tokenize_with(t, true), tokenize_with(t, false), "{t:?}");
        }
    }

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (&text[t.range()], t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn hyphenated_names_and_possessives() {
        assert_eq!(
            words("Kim Jong-un's plan"),
            ["Kim", "Jong-un", "'s", "plan"]
        );
        assert_eq!(words("Kim’s forces"), ["Kim", "’s", "forces"]);
        assert_eq!(words("a coup d'etat"), ["a", "coup", "d'etat"]);
        assert_eq!(words("O’Brien said"), ["O’Brien", "said"]);
        assert_eq!(words("satellite-spy"), ["satellite-spy"]);
        assert_eq!(toks("Kim's")[1].1, TokenKind::Possessive);
        // A rule's context phrase "'s" must tokenize like the possessive in a document.
        assert_eq!(toks("'s"), [("'s", TokenKind::Possessive)]);
        // A quote that closes a word is not a possessive.
        assert_eq!(words("the 'sending'"), ["the", "'", "sending", "'"]);
    }

    #[test]
    fn numbers_in_locale_shapes() {
        assert_eq!(words("1 200 soldiers"), ["1 200", "soldiers"]);
        assert_eq!(
            words("1\u{202f}200 000 euros"),
            ["1\u{202f}200 000", "euros"]
        );
        assert_eq!(words("2,5 billion"), ["2,5", "billion"]);
        assert_eq!(words("12.000 people"), ["12.000", "people"]);
        assert_eq!(words("at 10:32 p.m."), ["at", "10:32", "p.m."]);
        assert_eq!(words("15,000 troops"), ["15,000", "troops"]);
        assert_eq!(words("in 2024 200 people"), ["in", "2024", "200", "people"]);
        assert_eq!(words("the 1990s"), ["the", "1990s"]);
        assert_eq!(words("ends 2."), ["ends", "2", "."]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(words("U.S. troops"), ["U.S.", "troops"]);
        assert_eq!(words("Gen. Smith"), ["Gen", ".", "Smith"]);
        assert_eq!(words("e.g. this"), ["e.g.", "this"]);
        assert_eq!(words("a.b"), ["a", ".", "b"]);
    }

    #[test]
    fn flags() {
        let t = tokenize("NATO and\nKim\n\nx");
        assert!(t[0].flags & Token::ALL_CAPS != 0);
        assert!(t[2].flags & Token::NEWLINE_BEFORE != 0);
        assert!(t[2].flags & Token::CAPITALIZED != 0);
        assert!(t[3].flags & Token::PARAGRAPH_BEFORE != 0);
    }

    #[test]
    fn never_splits_inside_a_char() {
        let text = "é\u{301}-ü 1\u{a0}200 « x » \u{feff}’s";
        for t in tokenize(text) {
            let (a, b) = (t.start as usize, t.end as usize);
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
}
