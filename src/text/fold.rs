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
