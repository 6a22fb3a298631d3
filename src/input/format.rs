//! Input formats and how a file's format is told: by extension, and for XML by its root
//! element.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::path::Path;

/// What a file is, and so which of its text is prose to lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text: every byte is prose.
    Text,
    /// Markdown (CommonMark with tables, footnotes, front matter).
    Markdown,
    /// HTML: text content, without scripts, styles, code, attributes or comments.
    Html,
    /// NITF (News Industry Text Format) XML: headlines, byline, dateline, body.
    Nitf,
    /// IPTC NewsML-G2 XML: headline, by-line, dateline, description, inline content.
    NewsMl,
    /// JSON Lines: one object per line, its `text` string linted, its `id` reported.
    Jsonl,
}

impl InputFormat {
    /// Every format.
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Text,
        InputFormat::Markdown,
        InputFormat::Html,
        InputFormat::Nitf,
        InputFormat::NewsMl,
        InputFormat::Jsonl,
    ];

    /// The name used on the command line (`--input-format`).
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Nitf => "nitf",
            InputFormat::NewsMl => "newsml",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// The format named `name` (as [`InputFormat::name`] spells it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format of a file named `path` holding `text`: by extension (`.md`, `.html`,
    /// `.jsonl`, …), XML files (`.xml`, `.nitf`) by their root element. Other
    /// extensions, and none, are plain text. An XML file whose root is neither NITF nor
    /// NewsML-G2 is an error, so that a stray XML file is not linted tag by tag.
    pub fn detect(path: &Path, text: &str) -> Result<Self, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        Ok(match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => InputFormat::Markdown,
            Some("html" | "htm" | "xhtml") => InputFormat::Html,
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            Some("xml" | "nitf") => Self::sniff_xml(text)?,
            _ => InputFormat::Text,
        })
    }

    /// NITF or NewsML-G2, from the local name of the root element (`nitf`;
    /// `newsItem`, `newsMessage`, `packageItem`).
    pub fn sniff_xml(text: &str) -> Result<Self, String> {
        let mut reader = Reader::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let name = e.local_name().into_inner().to_string();
                    return match name.as_str() {
                        "nitf" => Ok(InputFormat::Nitf),
                        "newsItem" | "newsMessage" | "packageItem" => Ok(InputFormat::NewsMl),
                        _ => Err(format!(
                            "XML root element <{name}> is neither NITF nor NewsML-G2 \
                             (use --input-format to choose a format)"
                        )),
                    };
                }
                Ok(Event::Eof) => return Err("XML file without a root element".to_string()),
                Ok(_) => {}
                Err(e) => {
                    return Err(format!(
                        "not well-formed XML at byte {}: {e}",
                        reader.error_position()
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_roots() {
        let d = |p: &str, t: &str| InputFormat::detect(Path::new(p), t);
        assert_eq!(d("a.md", ""), Ok(InputFormat::Markdown));
        assert_eq!(d("a.HTM", ""), Ok(InputFormat::Html));
        assert_eq!(d("a.ndjson", ""), Ok(InputFormat::Jsonl));
        assert_eq!(d("a.txt", ""), Ok(InputFormat::Text));
        assert_eq!(d("README", ""), Ok(InputFormat::Text));
        let nitf = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf.dtd\">\n<!-- c -->\n<nitf><body/></nitf>";
        assert_eq!(d("a.xml", nitf), Ok(InputFormat::Nitf));
        let g2 = "\u{feff}<g2:newsItem xmlns:g2=\"http://iptc.org/std/nar/2006-10-01/\"/>";
        assert_eq!(d("a.xml", g2), Ok(InputFormat::NewsMl));
        assert!(
            d("pom.xml", "<project/>")
                .unwrap_err()
                .contains("<project>")
        );
        for f in InputFormat::ALL {
            assert_eq!(InputFormat::from_name(f.name()), Some(f));
        }
    }
}
