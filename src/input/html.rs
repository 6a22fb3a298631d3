//! HTML: text content only, from html5gum's tokens and their byte spans. Left out:
//! tags and their attributes, comments (read for suppression directives), doctype, and
//! the content of elements that are not prose (`script`, `style`, `code`, `pre`, …).
//! Character references are decoded, each mapping back to its whole source text; block
//! elements end paragraphs and `<br>` ends a line, so words of adjacent blocks neither
//! merge nor run into one sentence.

use super::entity::decode_into;
use super::map::MapBuilder;
use super::suppress::Collector;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "code", "pre", "kbd", "samp", "svg", "math", "textarea",
    "iframe", "object", "noembed", "xmp",
];

/// Elements that begin and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Whether the content of element `name` (lower case) is not prose.
pub(crate) fn is_skipped(name: &str) -> bool {
    SKIPPED.contains(&name)
}

/// Whether `name` (lower case) is a block element.
pub(crate) fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Extracts the prose of the HTML in `file[range]` into `b`; comments go to `sups`.
pub fn extract_range(file: &str, range: Range<usize>, b: &mut MapBuilder, sups: &mut Collector) {
    let base = range.start;
    let html = &file[range];
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Switch to raw text after <script>, <style>, <textarea>…, as a browser does, so
    // that `a<b` in a script is not read as a tag.
    emitter.naively_switch_states(true);
    // Open elements whose content is skipped, innermost last.
    let mut skipped: Vec<String> = Vec::new();
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if is_skipped(&name) && !t.self_closing {
                    skipped.push(name);
                } else if skipped.is_empty() {
                    if name == "br" {
                        b.line_break(base + t.span.end);
                    } else if is_block(&name) {
                        b.paragraph_break(base + t.span.start);
                    }
                }
            }
            Token::EndTag(t) => {
                let name = String::from_utf8_lossy(&t.name).to_ascii_lowercase();
                if let Some(i) = skipped.iter().rposition(|n| *n == name) {
                    skipped.truncate(i);
                } else if skipped.is_empty() && is_block(&name) {
                    b.paragraph_break(base + t.span.end);
                }
            }
            Token::String(s) if skipped.is_empty() => {
                let r = base + s.span.start..base + s.span.end;
                if file.is_char_boundary(r.start) && file.is_char_boundary(r.end) {
                    decode_into(b, file, r);
                }
            }
            Token::Comment(c) => {
                sups.comment(
                    &String::from_utf8_lossy(&c.value),
                    base + c.span.start..base + c.span.end,
                );
            }
            _ => {}
        }
    }
}

/// Extracts the prose of a whole HTML file.
pub fn extract(file: &str, b: &mut MapBuilder, sups: &mut Collector) {
    extract_range(file, 0..file.len(), b, sups);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(file: &str) -> String {
        let mut b = MapBuilder::new();
        let mut sups = Collector::new(file);
        extract(file, &mut b, &mut sups);
        let (text, map) = b.finish();
        map.validate(&text, file).unwrap();
        text
    }

    #[test]
    fn text_content_only_with_block_breaks() {
        let file = "<!DOCTYPE html><html><head><title>OTAN</title><style>p{}</style></head>\
                    <body><h1>The <em>OTAN</em> summit</h1><p title=\"Koursk\">In Kours&#107;\
                    <br>&laquo;&nbsp;no&nbsp;&raquo;</p><script>if (a<b) {}</script>\
                    <pre>OTAN</pre><ul><li>one</li><li>two</li></ul><!-- OTAN --></body></html>";
        assert_eq!(
            prose(file),
            "OTAN\n\nThe OTAN summit\n\nIn Koursk\n«\u{a0}no\u{a0}»\n\none\n\ntwo\n\n"
        );
    }
}
