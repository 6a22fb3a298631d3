//! The documents the editor has open: their text, kept in step with `didChange` (whole
//! text or incremental edits), and the findings of their last lint.

use super::position::{Encoding, Positions};
use crate::diagnostic::Diagnostic;
use crate::input::InputFormat;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::Path;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The client's language identifier (`plaintext`, `markdown`, …).
    pub language_id: String,
    /// The version of `text`, as the client numbers it.
    pub version: i32,
    /// The text as the editor has it.
    pub text: String,
    /// The findings in `text`, once linted; `None` while the text changed since.
    pub linted: Option<Vec<Diagnostic>>,
    /// The user was told the document is too large to lint (told once, not on every key).
    pub warned_too_large: bool,
}

impl Document {
    /// The input format: Markdown and HTML by language identifier, else by the file
    /// name's extension (XML by its root element), else plain text. `None` for an XML
    /// file that is neither NITF nor NewsML-G2, which would otherwise be linted tag by
    /// tag.
    pub fn format(&self, path: Option<&Path>) -> Option<InputFormat> {
        match self.language_id.as_str() {
            "markdown" => return Some(InputFormat::Markdown),
            "html" => return Some(InputFormat::Html),
            _ => {}
        }
        match path {
            Some(p) => InputFormat::detect(p, &self.text).ok(),
            None => Some(InputFormat::Text),
        }
    }

    /// Applies one `didChange` batch in order: each change is a range edit of the text as
    /// the previous change left it, or (without a range) the whole new text.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = Positions::new(&self.text, encoding).span(range);
                    self.text.replace_range(span, &change.text);
                }
            }
        }
        self.version = version;
        self.linted = None;
    }
}

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    /// Records a newly opened document (replacing one of the same URI: a client that
    /// reopens without closing has the last word).
    pub fn open(&mut self, uri: Uri, language_id: String, version: i32, text: String) {
        self.open.insert(
            uri,
            Document {
                language_id,
                version,
                text,
                linted: None,
                warned_too_large: false,
            },
        );
    }

    /// Forgets a closed document; whether it was open.
    pub fn close(&mut self, uri: &Uri) -> bool {
        self.open.remove(uri).is_some()
    }

    /// The document at `uri`, if open.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    /// The document at `uri`, if open, for changing.
    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// The URIs of every open document.
    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.open.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn doc(text: &str) -> Document {
        Document {
            language_id: "plaintext".into(),
            version: 1,
            text: text.into(),
            linted: Some(Vec::new()),
            warned_too_large: false,
        }
    }

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16() {
        let mut d = doc("Talks in 📌 Koursk.\nThe OTAN met.");
        d.apply(
            2,
            vec![
                // "Koursk" starts at UTF-16 column 12 (📌 counts two units).
                edit(0, 12, 0, 18, "Kursk"),
                // Positions of the second edit refer to the text after the first.
                edit(1, 4, 1, 8, "NATO"),
                edit(1, 12, 1, 12, " today"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(d.text, "Talks in 📌 Kursk.\nThe NATO met today.");
        assert_eq!(d.version, 2);
        assert!(d.linted.is_none());
        d.apply(
            3,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "New text.".into(),
            }],
            Encoding::Utf16,
        );
        assert_eq!(d.text, "New text.");
    }

    #[test]
    fn formats_by_language_then_extension() {
        let mut d = doc("<nitf><body/></nitf>");
        assert_eq!(d.format(None), Some(InputFormat::Text));
        assert_eq!(
            d.format(Some(Path::new("a.md"))),
            Some(InputFormat::Markdown)
        );
        assert_eq!(d.format(Some(Path::new("a.xml"))), Some(InputFormat::Nitf));
        d.text = "<project/>".into();
        assert_eq!(d.format(Some(Path::new("pom.xml"))), None);
        d.language_id = "markdown".into();
        assert_eq!(
            d.format(Some(Path::new("notes.txt"))),
            Some(InputFormat::Markdown)
        );
    }
}
