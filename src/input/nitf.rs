//! NITF (News Industry Text Format): the headlines (`hl1`, `hl2`), byline, dateline and
//! abstract of `body.head`, everything in `body.content` but media references and
//! preformatted blocks, and the tagline of `body.end`. The `head` (title, metadata,
//! document data) and the rights and distributor fields are metadata, not prose.

use super::extract::Part;
use super::xml::{self, Vocabulary};

/// Elements of `body.head` that hold prose.
const HEAD_PROSE: &[&str] = &["hedline", "byline", "dateline", "abstract"];

/// Elements of `body.content` whose content is not prose.
const NOT_PROSE: &[&str] = &[
    "media-reference",
    "media-metadata",
    "media-object",
    "media-producer",
    "pre",
];

/// Whether text at the element path `stack` (whose root is `nitf`) is prose.
pub fn is_prose(stack: &[String]) -> bool {
    let [root, body, section, rest @ ..] = stack else {
        return false;
    };
    if root != "nitf" || body != "body" {
        return false;
    }
    match section.as_str() {
        "body.head" => rest
            .first()
            .is_some_and(|n| HEAD_PROSE.contains(&n.as_str())),
        "body.content" => !rest.iter().any(|n| NOT_PROSE.contains(&n.as_str())),
        "body.end" => rest.first().is_some_and(|n| n == "tagline"),
        _ => false,
    }
}

/// The NITF vocabulary: one part per file.
const NITF: Vocabulary = Vocabulary {
    is_prose,
    parts: &[],
};

/// Extracts the prose of a NITF document.
pub fn extract(file: &str) -> Result<Vec<Part>, String> {
    xml::extract(file, &NITF)
}
