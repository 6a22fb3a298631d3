//! LSP positions (0-based line, character in code units of the negotiated encoding)
//! and byte offsets into a document's text.
//!
//! The protocol counts characters in UTF-16 code units unless client and server agree on
//! another encoding at `initialize`; mtlint's spans are byte offsets. Lines are broken at
//! `\n`, `\r\n` and a lone `\r`, as the protocol specifies (and as [`LineIndex`] does).

use crate::text::LineIndex;
use lsp_types::{Position, PositionEncodingKind, Range};

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes): mtlint's own unit, chosen when the client offers it.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client supports.
    Utf16,
}

impl Encoding {
    /// The encoding to use with a client that offers `offered` (in its order of
    /// preference): UTF-8 if offered, since spans are bytes and no conversion is then
    /// needed, else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// Code units of `s` in this encoding.
    fn units(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.encode_utf16().count(),
        }
    }
}

/// Converts between positions and byte offsets of one text.
#[derive(Debug, Clone)]
pub struct Positions<'t> {
    text: &'t str,
    lines: LineIndex,
    encoding: Encoding,
}

impl<'t> Positions<'t> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        Positions {
            text,
            lines: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, and moved back to a
    /// character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.text.len()));
        let line = self.lines.line_of(offset);
        let start = self.lines.line_range(self.text, line).start;
        // An offset inside a `\r\n` break counts from the end of the line's text.
        let within = &self.text[start..offset.max(start)];
        Position::new(
            to_u32(line),
            to_u32(self.encoding.units(within.trim_end_matches(['\r', '\n']))),
        )
    }

    /// The range of bytes `span`.
    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        Range::new(Position::new(0, 0), self.position(self.text.len()))
    }

    /// The byte offset of `pos`. As the protocol asks, a character past the end of its
    /// line means the end of the line, and a line past the last means the end of the
    /// text; a position inside a character (half a UTF-16 surrogate pair, a byte inside
    /// a UTF-8 sequence) means that character's start.
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.lines.line_count() {
            return self.text.len();
        }
        let range = self.lines.line_range(self.text, line);
        let content = &self.text[range.clone()];
        let want = pos.character as usize;
        match self.encoding {
            Encoding::Utf8 => range.start + content.floor_char_boundary(want.min(content.len())),
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    let next = units + c.len_utf16();
                    if next > want {
                        return range.start + i;
                    }
                    units = next;
                }
                range.end
            }
        }
    }

    /// The byte range of `range`, its ends put in order.
    pub fn span(&self, range: Range) -> std::ops::Range<usize> {
        let (a, b) = (self.offset(range.start), self.offset(range.end));
        a.min(b)..a.max(b)
    }
}

/// Positions are `u32` in the protocol; a document of more than four billion lines or
/// code units would be refused long before (see the size cap), so saturating is safe.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_round_trip() {
        // “ is 3 bytes and 1 UTF-16 unit; 📌 is 4 bytes and 2 units.
        let text = "ab\r\n“📌 Koursk”\rx\n";
        let k = text.find("Koursk").unwrap();
        let p16 = Positions::new(text, Encoding::Utf16);
        assert_eq!(p16.position(k), Position::new(1, 4));
        assert_eq!(p16.offset(Position::new(1, 4)), k);
        let p8 = Positions::new(text, Encoding::Utf8);
        assert_eq!(p8.position(k), Position::new(1, 8));
        assert_eq!(p8.offset(Position::new(1, 8)), k);
        // Lone \r breaks a line; the text's end is on the empty last line.
        assert_eq!(p16.position(text.find('x').unwrap()), Position::new(2, 0));
        assert_eq!(p16.position(text.len()), Position::new(3, 0));
        assert_eq!(p16.whole().end, Position::new(3, 0));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "“📌 a\nb";
        let p = Positions::new(text, Encoding::Utf16);
        // Past the line's end: the end of the line, not the next line.
        assert_eq!(p.offset(Position::new(0, 99)), text.find('\n').unwrap());
        // Past the last line: the end of the text.
        assert_eq!(p.offset(Position::new(9, 0)), text.len());
        // Inside the surrogate pair of 📌: the emoji's start.
        assert_eq!(p.offset(Position::new(0, 2)), "“".len());
        let p8 = Positions::new(text, Encoding::Utf8);
        assert_eq!(p8.offset(Position::new(0, 1)), 0);
        // Offsets inside a \r\n break sit at the end of the line's text.
        let crlf = "ab\r\ncd";
        assert_eq!(
            Positions::new(crlf, Encoding::Utf16).position(3),
            Position::new(0, 2)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(Some(&[K::UTF32])), Encoding::Utf16);
    }
}
