//! Folding for lookups: case, diacritics, quotes, dashes.
//!
//! Lookups compare *folded* text so that "Séoul", "SEOUL" and "seoul" meet in one table
//! entry and a curly apostrophe matches a straight one. Spans never point into folded
//! text: every check maps back to the original bytes through the token table.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Appends the full fold of `s` to `out`: lower case, diacritics removed (NFKD, then
/// combining marks dropped), ligatures and letters without a decomposition spelled out
/// (`ß`→`ss`, `ø`→`o`, `ł`→`l`), curly quotes and apostrophes made straight, dash
/// variants made `-`, and every kind of space made a plain space.
pub fn fold_into(s: &str, out: &mut String) {
    // Hot path: most news text is ASCII, and ASCII only needs lower-casing.
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
    }
}

/// Bytes [`fold_ascii_token`] may write past the token's end.
pub(crate) const ASCII_FOLD_SLACK: usize = 8;

/// Folds an ASCII token eight bytes at a time, as the folded stream wants it: lower
/// case, with the group spaces of "1 200" made '_'. Writes to `out` from `at`, whole
/// words of eight bytes (up to [`ASCII_FOLD_SLACK`] bytes past the token, which the
/// caller overwrites), and returns false — what it wrote is then garbage — when the
/// token is not all ASCII.
///
/// Why: the folded stream is built token by token, and tokens are short (five bytes on
/// average): folding them byte by byte took 878 M instructions for a run on 3 MB of
/// clean copy, a word at a time 860 M (callgrind).
#[inline]
pub(crate) fn fold_ascii_token(
    text: &[u8],
    range: std::ops::Range<usize>,
    out: &mut [u8],
    at: usize,
) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let (mut src, mut dst) = (range.start, at);
    while src < range.end {
        let n = (range.end - src).min(8);
        let x = load8(text, src) & (u64::MAX >> (64 - 8 * n));
        if x & HIGH != 0 {
            return false;
        }
        // Every byte is below 0x80 now, so no sum below carries into the next byte: a
        // byte's high bit says whether it is at least 'A', above 'Z', or not a space.
        let upper = (x + splat(0x80 - b'A')) & !(x + splat(0x80 - b'Z' - 1)) & HIGH;
        let t = x ^ splat(b' ');
        let space = !(((t & splat(0x7f)) + splat(0x7f)) | t) & HIGH;
        let folded = (x | upper >> 2) + (space >> 7) * u64::from(b'_' - b' ');
        out[dst..dst + 8].copy_from_slice(&folded.to_le_bytes());
        src += 8;
        dst += 8;
    }
    true
}

/// Eight bytes of `b` from `at`, zero-padded past its end.
#[inline]
fn load8(b: &[u8], at: usize) -> u64 {
    match b.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut buf = [0u8; 8];
            buf[..b.len() - at].copy_from_slice(&b[at..]);
            u64::from_le_bytes(buf)
        }
    }
}

/// The full fold of `s` (see [`fold_into`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(folded) = latin().get(c as usize - 0x80) {
        out.push_str(folded);
        return;
    }
    fold_char_slow(c, out);
}

/// The Latin letters of European languages (Latin-1 Supplement, Latin Extended-A and B):
/// each one's fold, made once by [`fold_char_slow`]. Decomposing an accented letter
/// costs hundreds of instructions, and gazetteer forms and source-language text are
/// full of them.
fn latin() -> &'static [String] {
    static LATIN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LATIN.get_or_init(|| {
        ('\u{80}'..'\u{250}')
            .map(|c| {
                let mut s = String::new();
                fold_char_slow(c, &mut s);
                s
            })
            .collect()
    })
}

/// The fold of one character outside ASCII, worked out.
fn fold_char_slow(c: char, out: &mut String) {
    if let Some(p) = punct_fold(c) {
        out.push(p);
        return;
    }
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ => {
            for l in c.to_lowercase() {
                for d in std::iter::once(l).nfkd() {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                }
            }
        }
    }
}

/// Quote, apostrophe, dash and space variants, mapped to their ASCII form.
fn punct_fold(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2039}' | '\u{203A}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' | '\u{2002}'
        | '\u{2003}' => ' ',
        _ => return None,
    })
}

/// Lower case with quotes and dashes normalized, NFC, but diacritics kept: used where an
/// accent is the difference between right and wrong ("Séoul" is not English).
pub fn fold_keep_accents(s: &str) -> String {
    // ASCII has no accents and no composition: lower-casing is all there is to do.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if let Some(p) = punct_fold(c) {
            out.push(p);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Normalizes quotes, apostrophes and dashes only (case and accents kept): for
/// case-sensitive comparisons that should still not care about ’ versus '.
pub fn normalize_punct(s: &str) -> String {
    s.chars().map(|c| punct_fold(c).unwrap_or(c)).collect()
}

/// True for characters that separate tokens: Unicode white space, plus the BOM and
/// zero-width characters, which carry no text.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c == '\x0b';
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time fold against the byte-by-byte one, on every string of up to
    /// four pieces at the edges of its tests ('@' and '[' around the capitals, '`' and
    /// '{' around the small letters, a space, '_', DEL, "é"), alone and after seven
    /// bytes (so that it straddles two words), at several distances from the end of
    /// the text (where the last load is padded).
    #[test]
    fn ascii_tokens_fold_a_word_at_a_time_as_byte_by_byte() {
        let pieces: &[&[u8]] = &[
            b"A",
            b"Z",
            b"@",
            b"[",
            b"a",
            b"z",
            b"`",
            b"{",
            b" ",
            b"_",
            b"\x7f",
            b"0",
            "é".as_bytes(),
        ];
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        let mut checked = 0;
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &strings {
                for p in pieces {
                    next.push([s.as_slice(), p].concat());
                }
            }
            strings = next;
            for s in strings
                .iter()
                .flat_map(|s| [s.clone(), [&b"Ab-Cd e"[..], s].concat()])
            {
                let s = &s;
                for pad in [0, 1, 7, 9] {
                    let text = [&b"xy"[..], s, &vec![b'Q'; pad]].concat();
                    let range = 2..2 + s.len();
                    let mut out = vec![b'#'; 4 + s.len() + ASCII_FOLD_SLACK];
                    let ok = fold_ascii_token(&text, range, &mut out, 3);
                    assert_eq!(ok, s.is_ascii(), "{s:?}");
                    if ok {
                        let want: Vec<u8> = s
                            .iter()
                            .map(|&b| {
                                if b == b' ' {
                                    b'_'
                                } else {
                                    b.to_ascii_lowercase()
                                }
                            })
                            .collect();
                        assert_eq!(&out[3..3 + s.len()], &want[..], "{s:?}");
                        assert_eq!(&out[..3], b"###");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000);
    }

    #[test]
    fn folds_case_diacritics_and_quotes() {
        assert_eq!(fold("Séoul"), "seoul");
        assert_eq!(fold("Weißrussland"), "weissrussland");
        assert_eq!(fold("Kim’s"), "kim's");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("«\u{a0}OTAN\u{a0}»"), "\" otan \"");
        assert_eq!(fold("Jong\u{2011}un"), "jong-un");
        assert_eq!(fold("Erdoğan"), "erdogan");
    }

    /// The table of Latin letters holds exactly what folding each one works out to.
    #[test]
    fn latin_table_folds_like_the_slow_path() {
        for c in '\u{80}'..'\u{250}' {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_char(c, &mut fast);
            fold_char_slow(c, &mut slow);
            assert_eq!(fast, slow, "{c:?}");
        }
        assert_eq!(fold("ǄÀ\u{a0}ŉ"), "dza ʼn");
    }

    #[test]
    fn keeps_accents_when_asked() {
        assert_eq!(fold_keep_accents("Séoul"), "séoul");
        assert_eq!(fold_keep_accents("Se\u{301}oul"), "séoul");
        assert_ne!(fold_keep_accents("Séoul"), fold_keep_accents("Seoul"));
    }
}
