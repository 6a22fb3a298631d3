//! Markdown: the prose of headings, paragraphs, lists, quotes, tables and link texts,
//! from pulldown-cmark's events and their source offsets. Left out: fenced and indented
//! code, inline code, front matter (YAML `---` or TOML `+++`), link targets and
//! reference definitions (never in the event stream), autolinks, and HTML comments
//! (read for suppression directives). HTML blocks go through the HTML extractor.

use super::extract::PLACEHOLDER;
use super::html;
use super::map::MapBuilder;
use super::suppress::Collector;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// The CommonMark extensions news copy uses. Smart punctuation stays off: it would
/// change the text the rules see ("--" into a dash, straight quotes into curly ones).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_DEFINITION_LIST
}

/// Blocks whose start and end break the text into paragraphs.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Whether inline HTML is a line break (`<br>`, `<br/>`, `<BR />`).
fn is_br(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase();
    h.strip_prefix("<br")
        .and_then(|r| r.strip_suffix('>'))
        .is_some_and(|r| r.trim().trim_end_matches('/').trim().is_empty())
}

/// Extracts the prose of `file` into `b`; comments go to `sups`.
pub fn extract(file: &str, b: &mut MapBuilder, sups: &mut Collector) {
    // Depth inside content that is not prose (code blocks, front matter, autolinks).
    let mut skip = 0usize;
    // Open links: whether each one is skipped (an autolink, whose text is its URL).
    let mut links: Vec<bool> = Vec::new();
    let mut html_block: Option<usize> = None;
    for (event, r) in Parser::new_ext(file, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                    b.paragraph_break(r.start);
                    skip += 1;
                }
                Tag::HtmlBlock => {
                    b.paragraph_break(r.start);
                    html_block = Some(r.start);
                }
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    if skip == 0 {
                        b.replaced(PLACEHOLDER, r);
                    }
                    links.push(true);
                    skip += 1;
                }
                Tag::Link { .. } => links.push(false),
                t if is_block(&t) => b.paragraph_break(r.start),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                    b.paragraph_break(r.end);
                }
                TagEnd::HtmlBlock => {
                    let start = html_block.take().unwrap_or(r.start);
                    html::extract_range(file, start..r.end, b, sups);
                    b.paragraph_break(r.end);
                }
                // The guard pops the link whatever it holds.
                TagEnd::Link if links.pop() == Some(true) => skip = skip.saturating_sub(1),
                t if is_block_end(&t) => b.paragraph_break(r.end),
                _ => {}
            },
            // The HTML of an HTML block is read as a whole at the block's end.
            _ if html_block.is_some() => {}
            Event::Text(t) if skip == 0 => b.text_for(file, r, &t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => b.text_for(file, r, "\n"),
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
                if skip == 0 =>
            {
                b.replaced(PLACEHOLDER, r)
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(body) = h.strip_prefix("<!--").and_then(|c| c.strip_suffix("-->")) {
                    sups.comment(body, r);
                } else if skip == 0 && is_br(&h) {
                    b.line_break(r.end);
                }
            }
            _ => {}
        }
    }
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
    fn keeps_prose_and_drops_code_links_and_front_matter() {
        let file = "---\ntitle: OTAN\n---\n# The *OTAN* summit\n\nA [reflection group](http://otan.int/x) met \
                    at `Koursk` &eacute;t&eacute;<br>\nthen <https://otan.int>.\n\n```\nOTAN\n```\n\n    Koursk\n\n\
                    [r]: http://otan.org\n";
        let t = prose(file);
        assert_eq!(
            t,
            "The OTAN summit\n\nA reflection group met at \u{fffc} été\n\nthen \u{fffc}.\n\n"
        );
    }

    #[test]
    fn br_detection() {
        assert!(is_br("<br>") && is_br("<BR />") && is_br("<br/>"));
        assert!(!is_br("<b>") && !is_br("<bro>"));
    }
}
