//! The offset map from extracted prose back to the bytes of the file it came from.
//!
//! Extractors build the prose of a marked-up file piece by piece with a [`MapBuilder`]:
//! text copied byte for byte (*verbatim*), text that stands for a different stretch of
//! the file (*replaced*: a decoded entity or escape, a placeholder for inline code), and
//! separators the file does not spell out (a paragraph break between two `<p>`
//! elements). The resulting [`SpanMap`] turns any range of the prose into the range of
//! the file it came from, so diagnostics keep pointing at the file exactly as read.

use std::ops::Range;

/// One stretch of extracted text and the stretch of the file it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start in the extracted text.
    text: usize,
    /// Length in the extracted text (never zero).
    text_len: usize,
    /// Start in the file.
    file: usize,
    /// Length in the file (zero for a separator the file does not contain).
    file_len: usize,
    /// The text is a byte-for-byte copy of the file range, so offsets inside it map one
    /// to one; otherwise the segment maps as a whole.
    verbatim: bool,
}

impl Segment {
    fn text_end(&self) -> usize {
        self.text + self.text_len
    }

    fn file_end(&self) -> usize {
        self.file + self.file_len
    }
}

/// Maps byte ranges of extracted text to byte ranges of the file.
///
/// Segments cover the extracted text without gaps and move forward through the file
/// (each starts at or after the end of the one before), so a mapped range never runs
/// backwards. Offsets inside a verbatim segment map one to one; an offset inside a
/// replaced segment maps to the segment's whole file range (its start for a range's
/// start, its end for a range's end), which keeps mapped ranges on character
/// boundaries of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMap {
    segments: Vec<Segment>,
}

impl SpanMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut segments = Vec::new();
        if len > 0 {
            segments.push(Segment {
                text: 0,
                text_len: len,
                file: 0,
                file_len: len,
                verbatim: true,
            });
        }
        Self { segments }
    }

    /// The file range that the extracted range `r` came from.
    pub fn to_file(&self, r: Range<usize>) -> Range<usize> {
        let start = self.start_to_file(r.start);
        if r.end <= r.start {
            return start..start;
        }
        start..self.end_to_file(r.end).max(start)
    }

    /// Maps an offset that begins a range.
    fn start_to_file(&self, p: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text_end() <= p);
        match self.segments.get(i) {
            Some(s) if s.verbatim => s.file + (p - s.text),
            Some(s) => s.file,
            None => self.segments.last().map_or(0, Segment::file_end),
        }
    }

    /// Maps an offset that ends a range.
    fn end_to_file(&self, p: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text_end() < p);
        match self.segments.get(i) {
            Some(s) if p <= s.text => s.file,
            Some(s) if s.verbatim => s.file + (p - s.text),
            Some(s) => s.file_end(),
            None => self.segments.last().map_or(0, Segment::file_end),
        }
    }

    /// True when the file range of `r` holds exactly the extracted text of `r`, only
    /// spelled differently (entities, escapes): `r` begins and ends on segment
    /// boundaries or inside verbatim segments, and crosses no markup the extraction left
    /// out and no separator it added. Only then can a replacement of the extracted text
    /// be written over the file range without damaging the markup around it.
    pub fn is_faithful(&self, r: Range<usize>) -> bool {
        if r.is_empty() {
            return true;
        }
        let first = self.segments.partition_point(|s| s.text_end() <= r.start);
        let mut prev: Option<&Segment> = None;
        for s in self.segments[first..].iter().take_while(|s| s.text < r.end) {
            if s.file_len == 0 {
                return false;
            }
            if !s.verbatim && (r.start > s.text || r.end < s.text_end()) {
                return false;
            }
            if let Some(p) = prev
                && p.file_end() != s.file
            {
                return false;
            }
            prev = Some(s);
        }
        true
    }

    /// Moves every file offset `by` bytes forward (the extraction ran on a slice of
    /// the file that starts there, e.g. after a byte-order mark).
    pub fn shift(&mut self, by: usize) {
        for s in &mut self.segments {
            s.file += by;
        }
    }

    /// Checks the map against the text it maps and the file: segments cover the text
    /// without gaps, move forward through the file, stay inside it on character
    /// boundaries, and verbatim segments hold exactly the file's bytes. For tests.
    pub fn validate(&self, text: &str, file: &str) -> Result<(), String> {
        let mut text_at = 0;
        let mut file_at = 0;
        for (k, s) in self.segments.iter().enumerate() {
            let fail = |why: &str| Err(format!("segment {k} {s:?}: {why}"));
            if s.text != text_at {
                return fail(&format!("starts at {}, expected {text_at}", s.text));
            }
            if s.text_len == 0 {
                return fail("empty");
            }
            if s.file < file_at {
                return fail(&format!("goes back in the file (before {file_at})"));
            }
            if s.file_end() > file.len()
                || !file.is_char_boundary(s.file)
                || !file.is_char_boundary(s.file_end())
            {
                return fail("file range out of the file or off a character boundary");
            }
            let Some(t) = text.get(s.text..s.text_end()) else {
                return fail("text range out of the text or off a character boundary");
            };
            if s.verbatim && t != &file[s.file..s.file_end()] {
                return fail("verbatim text differs from the file");
            }
            text_at = s.text_end();
            file_at = s.file_end();
        }
        if text_at != text.len() {
            return Err(format!(
                "segments end at {text_at}, text is {} bytes",
                text.len()
            ));
        }
        Ok(())
    }
}

/// Builds extracted text and its [`SpanMap`] in file order.
#[derive(Debug, Default)]
pub struct MapBuilder {
    text: String,
    segments: Vec<Segment>,
}

impl MapBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the file has been read up to: the end of the last segment.
    fn file_end(&self) -> usize {
        self.segments.last().map_or(0, Segment::file_end)
    }

    /// Copies `file[range]` into the text, offsets mapping one to one.
    pub fn verbatim(&mut self, file: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        if range.start < self.file_end() {
            // Out of order (should not happen): keep the text, map it as a whole to
            // where the file has been read to, so the map still runs forward.
            let at = self.file_end();
            self.replaced(&file[range], at..at);
            return;
        }
        let text = self.text.len();
        self.text.push_str(&file[range.clone()]);
        if let Some(last) = self.segments.last_mut()
            && last.verbatim
            && last.file_end() == range.start
        {
            // Adjacent copies merge, so the map stays as small as the markup allows.
            last.text_len += range.len();
            last.file_len += range.len();
            return;
        }
        self.segments.push(Segment {
            text,
            text_len: range.len(),
            file: range.start,
            file_len: range.len(),
            verbatim: true,
        });
    }

    /// Appends `text`, standing as a whole for `file_range` (a decoded entity or
    /// escape, a placeholder for skipped content). An empty file range at a position is
    /// a separator.
    pub fn replaced(&mut self, text: &str, file_range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let floor = self.file_end();
        let start = file_range.start.max(floor);
        let end = file_range.end.max(start);
        self.segments.push(Segment {
            text: self.text.len(),
            text_len: text.len(),
            file: start,
            file_len: end - start,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Appends `text` for `file[range]`: verbatim when the two are equal, as a whole
    /// otherwise.
    pub fn text_for(&mut self, file: &str, range: Range<usize>, text: &str) {
        if file.get(range.clone()) == Some(text) {
            self.verbatim(file, range);
        } else {
            self.replaced(text, range);
        }
    }

    /// Adds a line break the file does not spell out, at file offset `at`.
    pub fn line_break(&mut self, at: usize) {
        self.replaced("\n", at..at);
    }

    /// Ends the paragraph at file offset `at`: makes the text end with a blank line, so
    /// words of adjacent blocks neither merge nor read as one sentence. Nothing is added
    /// at the very start or when the text already ends with a blank line.
    pub fn paragraph_break(&mut self, at: usize) {
        let t = self.text.trim_end_matches([' ', '\t']);
        if t.is_empty() || t.ends_with("\n\n") {
            return;
        }
        let sep = if t.ends_with('\n') { "\n" } else { "\n\n" };
        self.replaced(sep, at..at);
    }

    /// Copies `text[range]` of an earlier extraction, with its mapping, into this one.
    /// `range` must not cut a replaced segment (it is widened to whole segments if it
    /// does).
    pub fn copy(&mut self, text: &str, map: &SpanMap, range: Range<usize>, file: &str) {
        let first = map
            .segments
            .partition_point(|s| s.text_end() <= range.start);
        for s in map.segments[first..]
            .iter()
            .take_while(|s| s.text < range.end)
        {
            if s.verbatim {
                let a = range.start.max(s.text);
                let b = range.end.min(s.text_end());
                self.verbatim(file, s.file + (a - s.text)..s.file + (b - s.text));
            } else {
                self.replaced(&text[s.text..s.text_end()], s.file..s.file_end());
            }
        }
    }

    /// The text and its map.
    pub fn finish(self) -> (String, SpanMap) {
        (
            self.text,
            SpanMap {
                segments: self.segments,
            },
        )
    }
}

/// Widens `r` so that it cuts no replaced segment of `map`.
pub(crate) fn widen_to_segments(map: &SpanMap, r: Range<usize>) -> Range<usize> {
    let mut start = r.start;
    let mut end = r.end;
    let i = map.segments.partition_point(|s| s.text_end() <= start);
    if let Some(s) = map.segments.get(i)
        && !s.verbatim
    {
        start = s.text;
    }
    let j = map.segments.partition_point(|s| s.text_end() < end);
    if let Some(s) = map.segments.get(j)
        && !s.verbatim
        && s.text < end
    {
        end = s.text_end();
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_offsets_map_one_to_one_and_replacements_as_a_whole() {
        let file = "<p>Kours&#107; met</p><p>OTAN</p>";
        let mut b = MapBuilder::new();
        b.verbatim(file, 3..8);
        b.replaced("k", 8..14);
        b.verbatim(file, 14..18);
        b.paragraph_break(22);
        b.verbatim(file, 25..29);
        let (text, map) = b.finish();
        assert_eq!(text, "Koursk met\n\nOTAN");
        map.validate(&text, file).unwrap();
        assert_eq!(map.to_file(0..6), 3..14);
        assert_eq!(&file[map.to_file(0..6)], "Kours&#107;");
        assert_eq!(&file[map.to_file(7..10)], "met");
        assert_eq!(&file[map.to_file(12..16)], "OTAN");
        assert_eq!(&file[map.to_file(7..16)], "met</p><p>OTAN");
        assert!(map.is_faithful(0..6));
        assert!(!map.is_faithful(7..16));
        assert_eq!(map.to_file(16..16), 29..29);
    }

    #[test]
    fn a_range_inside_a_replacement_is_not_faithful() {
        let file = "x&eacute;y";
        let mut b = MapBuilder::new();
        b.verbatim(file, 0..1);
        b.replaced("é", 1..9);
        b.verbatim(file, 9..10);
        let (text, map) = b.finish();
        assert_eq!(map.to_file(1..3), 1..9);
        assert!(map.is_faithful(0..4));
        assert!(map.is_faithful(1..3));
        assert_eq!(text, "xéy");
    }

    #[test]
    fn paragraph_breaks_do_not_pile_up() {
        let mut b = MapBuilder::new();
        b.paragraph_break(0);
        b.verbatim("ab", 0..2);
        b.paragraph_break(2);
        b.paragraph_break(2);
        b.line_break(2);
        b.paragraph_break(2);
        assert_eq!(b.text(), "ab\n\n\n");
    }
}
