//! IPTC NewsML-G2: per `newsItem` (a part of its own, identified by its `guid`), the
//! `headline`, `by`, `dateline` and `description` of `contentMeta`, and the content of
//! `contentSet`: `inlineData`, and `inlineXML` holding XHTML (its `body`), NITF (as
//! [`super::nitf`] reads it) or other XML. Catalogs, rights and item metadata are not
//! prose.

use super::extract::Part;
use super::html;
use super::nitf;
use super::xml::{self, Vocabulary};

/// Fields of `contentMeta` that hold prose.
const META_PROSE: &[&str] = &["headline", "by", "dateline", "description"];

/// Whether text at the element path `stack` is prose.
fn is_prose(stack: &[String]) -> bool {
    let Some(i) = stack
        .iter()
        .rposition(|n| n == "newsItem" || n == "packageItem")
    else {
        return false;
    };
    match &stack[i + 1..] {
        [meta, field, ..] if meta == "contentMeta" => META_PROSE.contains(&field.as_str()),
        [set, data, ..] if set == "contentSet" && data == "inlineData" => true,
        [set, inline, rest @ ..] if set == "contentSet" && inline == "inlineXML" => match rest {
            [root, ..] if root == "nitf" => nitf::is_prose(rest),
            [root, body, inner @ ..] if root == "html" => {
                body == "body" && !inner.iter().any(|n| html::is_skipped(n))
            }
            [root] if root == "html" => false,
            _ => !rest.iter().any(|n| html::is_skipped(n)),
        },
        _ => false,
    }
}

/// The NewsML-G2 vocabulary: each item is a part.
const NEWSML: Vocabulary = Vocabulary {
    is_prose,
    parts: &[("newsItem", "guid"), ("packageItem", "guid")],
};

/// Extracts the prose of a NewsML-G2 item or message.
pub fn extract(file: &str) -> Result<Vec<Part>, String> {
    xml::extract(file, &NEWSML)
}
