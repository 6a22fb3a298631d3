//! From a file in any [`InputFormat`] to the prose to lint: [`Part`]s, each a text with
//! the [`SpanMap`] back to the file and the suppressions its comments ask for.

use super::format::InputFormat;
use super::map::{MapBuilder, SpanMap, widen_to_segments};
use super::suppress::{Collector, Suppression};
use super::{html, jsonl, markdown, newsml, nitf};
use regex::Regex;
use std::sync::LazyLock;

/// What stands in the extracted text for inline content that is not prose (inline
/// code, a URL): U+FFFC OBJECT REPLACEMENT CHARACTER, a symbol, so no rule matches it
/// and no phrase runs across it.
pub const PLACEHOLDER: &str = "\u{fffc}";

/// The prose of one document (a file, or one record of a JSON Lines file or NewsML
/// message).
#[derive(Debug, Clone)]
pub struct Part {
    /// The record's id (JSON Lines `id`, NewsML `guid`); `None` for a whole file.
    pub id: Option<String>,
    /// The prose, with paragraph breaks between blocks.
    pub text: String,
    /// From `text` offsets back to file offsets.
    pub map: SpanMap,
    /// Stretches of the file where rules are silenced, in file offsets.
    pub suppressions: Vec<Suppression>,
}

/// The parts of a file and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The documents to lint.
    pub parts: Vec<Part>,
    /// Problems, each naming where it is (`line 4: …`); a JSON Lines file reports each
    /// bad line and still yields the others, an XML file that is not well-formed
    /// yields no part.
    pub errors: Vec<String>,
}

/// URLs and e-mail addresses in running text: not prose, and full of look-alikes of
/// artifacts (`otan.int`).
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>"«»“”]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"#,
    )
    .expect("URL pattern compiles")
});

/// Replaces each URL of `part` with [`PLACEHOLDER`], mapped to the URL's file range.
fn hide_urls(part: &mut Part, file: &str) {
    // The pattern is slow to try at every word of a long text (its word boundaries are
    // Unicode-aware): run it only on the lines that can hold a URL or an address.
    let mut urls = Vec::new();
    let mut at = 0;
    for line in part.text.split_inclusive('\n') {
        if line.contains("://")
            || line.contains("www.")
            || line.contains('@')
            || line.contains("mailto:")
        {
            urls.extend(URL.find_iter(line).map(|m| {
                // Sentence punctuation after a URL is not part of it.
                let url = m
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '’']);
                at + m.start()..at + m.start() + url.len()
            }));
        }
        at += line.len();
    }
    if urls.is_empty() {
        return;
    }
    let mut b = MapBuilder::new();
    let mut done = 0;
    for url in urls {
        let r = widen_to_segments(&part.map, url);
        if r.start < done || r.is_empty() {
            continue;
        }
        b.copy(&part.text, &part.map, done..r.start, file);
        b.replaced(PLACEHOLDER, part.map.to_file(r.clone()));
        done = r.end;
    }
    b.copy(&part.text, &part.map, done..part.text.len(), file);
    let (text, map) = b.finish();
    part.text = text;
    part.map = map;
}

/// One part from a markup extractor that writes into a builder.
fn single(file: &str, run: impl FnOnce(&str, &mut MapBuilder, &mut Collector)) -> Vec<Part> {
    let mut b = MapBuilder::new();
    let mut sups = Collector::new(file);
    run(file, &mut b, &mut sups);
    let (text, map) = b.finish();
    vec![Part {
        id: None,
        text,
        map,
        suppressions: sups.finish(),
    }]
}

/// Extracts the prose of `file` (the text exactly as read) in `format`. Plain text is
/// one part with the identity map. Offsets everywhere are offsets of `file`, a leading
/// byte-order mark included.
pub fn extract(format: InputFormat, file: &str) -> Extraction {
    if format == InputFormat::Text {
        return Extraction {
            parts: vec![Part {
                id: None,
                text: file.to_string(),
                map: SpanMap::identity(file.len()),
                suppressions: Vec::new(),
            }],
            errors: Vec::new(),
        };
    }
    // Parsers would read a byte-order mark as text: extract after it, then shift.
    let bom = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &file[bom..];
    let (mut parts, errors) = match format {
        InputFormat::Text => unreachable!("handled above"),
        InputFormat::Markdown => (single(body, markdown::extract), Vec::new()),
        InputFormat::Html => (single(body, html::extract), Vec::new()),
        InputFormat::Nitf => split(nitf::extract(body)),
        InputFormat::NewsMl => split(newsml::extract(body)),
        InputFormat::Jsonl => jsonl::extract(body),
    };
    for p in &mut parts {
        hide_urls(p, body);
        if bom > 0 {
            p.map.shift(bom);
            for s in &mut p.suppressions {
                s.range = s.range.start + bom..s.range.end + bom;
            }
        }
    }
    Extraction { parts, errors }
}

fn split(r: Result<Vec<Part>, String>) -> (Vec<Part>, Vec<String>) {
    match r {
        Ok(p) => (p, Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_become_placeholders_mapped_to_the_url() {
        let file = "\u{feff}See https://www.otan.int/news, or write to desk@otan.example.\n";
        let ex = extract(InputFormat::Markdown, file);
        let p = &ex.parts[0];
        assert_eq!(p.text, "See \u{fffc}, or write to \u{fffc}.\n\n");
        p.map.validate(&p.text, file).unwrap();
        let at = p.text.find('\u{fffc}').unwrap();
        assert_eq!(
            &file[p.map.to_file(at..at + 3)],
            "https://www.otan.int/news"
        );
    }
}
