//! The XML walker shared by NITF and NewsML-G2: quick-xml events with their byte
//! positions, the prose chosen by a [`Vocabulary`] from each text's element path.
//! Entity and character references are decoded and map back to their whole source
//! text; CDATA content is taken verbatim; comments are read for suppression directives.

use super::entity::decode_reference;
use super::extract::Part;
use super::map::MapBuilder;
use super::suppress::Collector;
use crate::text::LineIndex;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// What the walker needs to know about an XML vocabulary.
pub struct Vocabulary {
    /// Whether text directly inside the element path (local names, root first) is
    /// prose.
    pub is_prose: fn(&[String]) -> bool,
    /// Elements that begin a new part (a record of their own, linted on its own), with
    /// the attribute holding the part's id.
    pub parts: &'static [(&'static str, &'static str)],
}

/// Elements that flow within a line of text: no paragraph break at their edges.
const INLINE: &[&str] = &[
    // XHTML
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "big",
    "cite",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "img",
    "ins",
    "mark",
    "q",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
    "wbr", // NITF inline content
    "alt-code",
    "byttl",
    "chron",
    "city",
    "classifier",
    "copyrite",
    "country",
    "event",
    "frac",
    "frac-den",
    "frac-num",
    "function",
    "lang",
    "location",
    "money",
    "num",
    "object.title",
    "org",
    "person",
    "postaddr",
    "pronounce",
    "region",
    "state",
    "story.date",
    "sublocation",
    "virtloc",
];

/// The local name of an element (namespace prefix dropped).
fn local_name(e: &BytesStart) -> String {
    e.local_name().into_inner().to_string()
}

/// The value of attribute `name` (unprefixed), if any.
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// Extracts the prose of the XML document `file` as one part per part element (or one
/// part when the vocabulary has none or the file holds none). A document that is not
/// well-formed is an error naming the line and column.
pub fn extract(file: &str, voc: &Vocabulary) -> Result<Vec<Part>, String> {
    let mut reader = Reader::from_str(file);
    // A stray `&` in copy is common and harmless: read it as text.
    reader.config_mut().allow_dangling_amp = true;
    let mut stack: Vec<String> = Vec::new();
    let mut parts: Vec<(Option<String>, MapBuilder)> = vec![(None, MapBuilder::new())];
    let mut sups = Collector::new(file);
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = (reader.error_position() as usize).min(file.len());
                let at = file.floor_char_boundary(at);
                let lc = LineIndex::new(file).line_col(file, at);
                return Err(format!(
                    "not well-formed XML at line {}, column {}: {e}",
                    lc.line, lc.column
                ));
            }
        };
        let end = (reader.buffer_position() as usize).min(file.len());
        let b = &mut parts.last_mut().expect("there is always a part").1;
        match event {
            Event::Start(e) => {
                let name = local_name(&e);
                if let Some((_, attr)) = voc.parts.iter().find(|(el, _)| *el == name) {
                    parts.push((attribute(&e, attr), MapBuilder::new()));
                } else if !INLINE.contains(&name.as_str()) {
                    b.paragraph_break(start);
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = local_name(&e);
                if name == "br" && (voc.is_prose)(&stack) {
                    b.line_break(end);
                } else if !INLINE.contains(&name.as_str()) {
                    b.paragraph_break(start);
                }
            }
            Event::End(_) => {
                if let Some(name) = stack.pop()
                    && !INLINE.contains(&name.as_str())
                {
                    b.paragraph_break(end);
                }
            }
            Event::Text(_) if (voc.is_prose)(&stack) => b.verbatim(file, start..end),
            Event::CData(_) if (voc.is_prose)(&stack) && end >= start + 12 => {
                b.verbatim(file, start + 9..end - 3);
            }
            Event::GeneralRef(r) if (voc.is_prose)(&stack) => {
                let source = &file[start..end];
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        // `source` is `&name;`.
                        let name = source.get(1..source.len().saturating_sub(1)).unwrap_or("");
                        resolve_xml_entity(name)
                            .map(str::to_string)
                            // HTML's entities, which NITF's DTD declares.
                            .or_else(|| {
                                decode_reference(source)
                                    .filter(|(len, _)| *len == source.len())
                                    .map(|(_, s)| s)
                            })
                    }
                    Err(_) => None,
                };
                match decoded {
                    Some(s) => b.replaced(&s, start..end),
                    None => b.verbatim(file, start..end),
                }
            }
            Event::Comment(_) if end >= start + 7 => {
                sups.comment(&file[start + 4..end - 3], start..end);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let suppressions = sups.finish();
    // Text outside every part element (a NewsML message header) is not prose, so the
    // first builder is kept only when the file has no part elements at all.
    let single = parts.len() == 1;
    Ok(parts
        .into_iter()
        .enumerate()
        .filter(|(i, (_, b))| *i > 0 || single || !b.text().is_empty())
        .map(|(_, (id, b))| {
            let (text, map) = b.finish();
            Part {
                id,
                text,
                map,
                suppressions: suppressions.clone(),
            }
        })
        .collect())
}
