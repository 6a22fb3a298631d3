//! Lossy decoding (`--lossy`): bytes that are not valid UTF-8 become U+FFFD, and an
//! [`OffsetMap`] takes offsets in the decoded text back to the file's bytes, so that
//! reported spans stay byte offsets into the file exactly as read.
//!
//! Each maximal invalid sequence (one to three bytes, as `String::from_utf8_lossy` and
//! the WHATWG decoder used by editors cut them) becomes one U+FFFD, which is three bytes
//! long: the decoded text is longer or shorter than the file, hence the map. Lines are
//! unaffected (line breaks are ASCII, never part of an invalid sequence) and columns
//! count each replaced sequence as one character, as an editor shows it.

use std::ops::Range;

/// Where U+FFFD replaced invalid bytes in a lossily decoded text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// One entry per replacement, in order: its offset in the decoded text, its offset
    /// in the file, and how many file bytes it stands for.
    replaced: Vec<Replaced>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Replaced {
    text: usize,
    file: usize,
    len: usize,
}

/// The length of U+FFFD in UTF-8.
const REPLACEMENT_LEN: usize = '\u{fffd}'.len_utf8();

impl OffsetMap {
    /// True when nothing was replaced: text offsets are file offsets.
    pub fn is_identity(&self) -> bool {
        self.replaced.is_empty()
    }

    /// The file offset of decoded-text offset `at`. An offset inside a replacement
    /// character (never a char boundary, so never a span end) maps to the start of the
    /// bytes it replaced.
    pub fn to_file(&self, at: usize) -> usize {
        // The last replacement that starts at or before `at`.
        let i = self.replaced.partition_point(|r| r.text <= at);
        let Some(r) = i.checked_sub(1).map(|i| self.replaced[i]) else {
            return at;
        };
        if at < r.text + REPLACEMENT_LEN {
            return r.file;
        }
        r.file + r.len + (at - r.text - REPLACEMENT_LEN)
    }

    /// [`OffsetMap::to_file`] for both ends of a span.
    pub fn span_to_file(&self, span: Range<usize>) -> Range<usize> {
        self.to_file(span.start)..self.to_file(span.end)
    }

    /// The byte offset of the first replaced (invalid) byte, if any.
    pub fn first_invalid(&self) -> Option<usize> {
        self.replaced.first().map(|r| r.file)
    }
}

/// Decodes `bytes`, replacing each maximal invalid UTF-8 sequence with U+FFFD.
pub fn decode_lossy(bytes: &[u8]) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::default();
    let mut file = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        file += chunk.valid().len();
        let bad = chunk.invalid();
        if !bad.is_empty() {
            map.replaced.push(Replaced {
                text: text.len(),
                file,
                len: bad.len(),
            });
            text.push('\u{fffd}');
            file += bad.len();
        }
    }
    (text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_the_identity() {
        let (text, map) = decode_lossy("Kyiv — Koursk".as_bytes());
        assert_eq!(text, "Kyiv — Koursk");
        assert!(map.is_identity());
        assert_eq!(map.to_file(7), 7);
        assert_eq!(map.first_invalid(), None);
    }

    #[test]
    fn offsets_map_back_across_replacements_of_every_length() {
        // A lone Latin-1 byte (1), a truncated 3-byte sequence (2), a stray continuation
        // byte run (each byte is its own maximal sequence), then text.
        let file: &[u8] = b"a\xe9b\xe2\x80c\x80\x80Koursk";
        let (text, map) = decode_lossy(file);
        assert_eq!(text, "a\u{fffd}b\u{fffd}c\u{fffd}\u{fffd}Koursk");
        assert_eq!(map.first_invalid(), Some(1));
        let k = text.find("Koursk").unwrap();
        let span = map.span_to_file(k..k + 6);
        assert_eq!(&file[span], b"Koursk");
        // Every char boundary of the text maps to the file offset of the same character.
        let expected = [0, 1, 2, 3, 5, 6, 7, 8];
        for (i, (at, _)) in text.char_indices().take(expected.len()).enumerate() {
            assert_eq!(map.to_file(at), expected[i], "char {i} at {at}");
        }
        assert_eq!(map.to_file(text.len()), file.len());
        // Inside a replacement character: the start of what it replaced.
        assert_eq!(map.to_file(2), 1);
    }
}
