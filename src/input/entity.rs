//! HTML character references (`&amp;`, `&eacute;`, `&#233;`, `&#xE9;`) decoded one by
//! one, so that each decoded character maps back to the whole reference in the file.
//!
//! The decoding itself is html5gum's (the WHATWG tables and rules: legacy names without
//! a semicolon, numeric references in the C1 range read as Windows-1252); this module
//! only finds where each reference ends, by running the tokenizer on the text after an
//! ampersand and setting aside what came out unchanged.

use super::map::MapBuilder;
use html5gum::{Token, Tokenizer};
use std::ops::Range;

/// Longest stretch read after an `&`: the longest entity name is 33 bytes.
const MAX_REFERENCE: usize = 48;

/// Decodes the character reference that `s` starts with (`s` begins with `&`): its
/// length in `s` and its characters, or `None` when the ampersand is literal.
pub fn decode_reference(s: &str) -> Option<(usize, String)> {
    debug_assert!(s.starts_with('&'));
    // A reference is short and contains neither space nor markup; the text after it
    // comes out of the tokenizer unchanged and is matched back from the end.
    let stop = s[1..]
        .find(|c: char| c.is_whitespace() || c == '<' || c == '&')
        .map_or(s.len(), |i| i + 1);
    let cand = &s[..s.floor_char_boundary(stop.min(MAX_REFERENCE))];
    let mut decoded = String::new();
    for t in Tokenizer::new(cand).flatten() {
        if let Token::String(v) = t {
            decoded.push_str(&String::from_utf8_lossy(&v));
        }
    }
    let same_tail: usize = cand
        .chars()
        .rev()
        .zip(decoded.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let len = cand.len() - same_tail;
    if len <= 1 {
        return None;
    }
    let out_len = decoded.len() - same_tail;
    Some((len, decoded[..out_len].to_string()))
}

/// Appends `file[range]` to `b`, character references decoded and mapped to their
/// whole source text, everything else verbatim.
pub fn decode_into(b: &mut MapBuilder, file: &str, range: Range<usize>) {
    let mut run = range.start;
    let mut i = range.start;
    while let Some(off) = file[i..range.end].find('&') {
        let at = i + off;
        match decode_reference(&file[at..range.end]) {
            Some((len, chars)) => {
                b.verbatim(file, run..at);
                b.replaced(&chars, at..at + len);
                i = at + len;
                run = i;
            }
            None => i = at + 1,
        }
    }
    b.verbatim(file, run..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_numeric_and_legacy_references() {
        assert_eq!(decode_reference("&eacute;t"), Some((8, "é".into())));
        assert_eq!(decode_reference("&#233;"), Some((6, "é".into())));
        assert_eq!(decode_reference("&#xE9;x"), Some((6, "é".into())));
        assert_eq!(decode_reference("&amp c"), Some((4, "&".into())));
        assert_eq!(decode_reference("&amp;amp;"), Some((5, "&".into())));
        assert_eq!(decode_reference("&laquo;&nbsp;"), Some((7, "«".into())));
        assert_eq!(decode_reference("&#8217;s"), Some((7, "’".into())));
        assert_eq!(decode_reference("& c"), None);
        assert_eq!(decode_reference("&nosuch;"), None);
    }

    #[test]
    fn decoded_text_maps_to_whole_references() {
        let file = "Kours&#107; &laquo;&nbsp;oui&nbsp;&raquo; AT&amp;T";
        let mut b = MapBuilder::new();
        decode_into(&mut b, file, 0..file.len());
        let (text, map) = b.finish();
        assert_eq!(text, "Koursk «\u{a0}oui\u{a0}» AT&T");
        map.validate(&text, file).unwrap();
        assert_eq!(&file[map.to_file(0..6)], "Kours&#107;");
        let q = text.find('«').unwrap();
        assert_eq!(&file[map.to_file(q..q + 2)], "&laquo;");
    }
}
