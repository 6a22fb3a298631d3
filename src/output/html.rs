//! `--format html`: one self-contained page an editor can open from an email — each
//! file's text with the findings highlighted, and a table of them with the rule's
//! explanation. No network access: the style is inline, there are no fonts, images or
//! scripts to fetch, and every link points inside the page.
//!
//! The text shown is the file as read (HTML, XML or JSON Lines sources included, escaped
//! as text), because that is what the spans index. Findings may overlap, and HTML
//! elements may not: the text is cut at every span boundary, and each piece covered by
//! findings becomes one `<mark>` naming all of them (`data-d`, the title) and linking to
//! the first one's row.

use super::FileReport;
use crate::diagnostic::{Diagnostic, Family, Severity};
use std::fmt::Write as _;
use std::io::Write;

/// The page's style: readable in an email client's viewer, in print, and in dark mode.
const STYLE: &str = r#"
:root { color-scheme: light dark; --err: #f4b4b4; --warn: #f7e08a; --info: #bcd8f5; --line: #8884; }
@media (prefers-color-scheme: dark) { :root { --err: #7a2e2e; --warn: #6b5a12; --info: #23476b; } }
body { font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2.5em; border-bottom: 1px solid var(--line); word-break: break-all; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid var(--line); padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #8881; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.findings { width: 100%; font-size: 0.92em; }
table.findings tr:target { outline: 3px solid currentColor; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.7 ui-serif, Georgia, serif; padding: 1em; border: 1px solid var(--line); }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark a { color: inherit; text-decoration: none; }
mark.error { background: var(--err); }
mark.warning { background: var(--warn); }
mark.info { background: var(--info); }
mark.point::after { content: "\2041"; font-weight: bold; }
span.anchor:target + mark { outline: 2px solid currentColor; }
.sev-error { color: #b00; font-weight: bold; }
.sev-warning { color: #a60; font-weight: bold; }
@media (prefers-color-scheme: dark) { .sev-error { color: #f77; } .sev-warning { color: #fc6; } }
code { font-size: 0.95em; }
.muted { opacity: 0.7; }
"#;

/// Writes the report of `files`.
pub fn write(w: &mut dyn Write, files: &[FileReport]) -> std::io::Result<()> {
    w.write_all(render(files).as_bytes())
}

/// The report of `files`, as one HTML document.
pub fn render(files: &[FileReport]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"mtlint {}\">",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("<title>mtlint report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>mtlint report</h1>\n");
    summary(&mut out, files);
    for (i, f) in files.iter().enumerate() {
        file_section(&mut out, i + 1, f);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Counts by severity and kind, and the list of files.
fn summary(out: &mut String, files: &[FileReport]) {
    let all: Vec<&Diagnostic> = files.iter().flat_map(|f| f.diagnostics).collect();
    let with = files.iter().filter(|f| !f.diagnostics.is_empty()).count();
    let by_sev = |s: Severity| all.iter().filter(|d| d.rule.severity == s).count();
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} in {} ({} with findings): {} errors, {} warnings, {} info.</p>",
        plural(all.len(), "finding", "findings"),
        plural(files.len(), "file", "files"),
        with,
        by_sev(Severity::Error),
        by_sev(Severity::Warning),
        by_sev(Severity::Info),
    );
    if !all.is_empty() {
        out.push_str("<table class=\"kinds\">\n<thead><tr><th>Kind</th><th>Findings</th></tr></thead>\n<tbody>\n");
        for family in Family::ALL {
            let n = all.iter().filter(|d| d.rule.family == family).count();
            if n > 0 {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"num\">{n}</td></tr>",
                    family.as_str()
                );
            }
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if files.len() > 1 {
        out.push_str("<table class=\"files\">\n<thead><tr><th>File</th><th>Findings</th></tr></thead>\n<tbody>\n");
        for (i, f) in files.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#f{}\">{}</a></td><td class=\"num\">{}</td></tr>",
                i + 1,
                escape(display_path(f)),
                f.diagnostics.len()
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

/// One file: its heading, its text with marks, and its table of findings.
fn file_section(out: &mut String, n: usize, f: &FileReport) {
    let _ = writeln!(
        out,
        "<section class=\"file\" id=\"f{n}\">\n<h2>{}</h2>",
        escape(display_path(f))
    );
    if f.diagnostics.is_empty() {
        out.push_str("<p class=\"muted\">No findings.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>{}.</p>",
        plural(f.diagnostics.len(), "finding", "findings")
    );
    out.push_str("<pre class=\"text\">");
    highlight(out, n, f.text, f.diagnostics);
    out.push_str("</pre>\n");
    table(out, n, f);
    out.push_str("</section>\n");
}

/// The text with each finding marked. Pieces are cut at every span boundary, so marks
/// never cross each other: a piece covered by several findings is one mark for all.
fn highlight(out: &mut String, n: usize, text: &str, diags: &[Diagnostic]) {
    // Spans are char-boundary byte ranges of `text`; clamp anyway, a report must not
    // panic on a finding it did not make.
    let clamp = |i: usize| text.floor_char_boundary(i.min(text.len()));
    let spans: Vec<(usize, usize)> = diags
        .iter()
        .map(|d| {
            let s = clamp(d.span.start);
            (s, clamp(d.span.end).max(s))
        })
        .collect();
    let mut cuts: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    cuts.push(0);
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    // Findings in order of start, and those covering the current piece.
    let mut order: Vec<usize> = (0..diags.len()).collect();
    order.sort_by_key(|&i| spans[i]);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Findings starting here: an anchor for each, and a point mark for empty ones.
        while next < order.len() && spans[order[next]].0 == a {
            let i = order[next];
            let _ = write!(out, "<span class=\"anchor\" id=\"f{n}-d{}\"></span>", i + 1);
            if spans[i].1 == a {
                mark(out, n, diags, &[i], "", "point");
            } else {
                active.push(i);
            }
            next += 1;
        }
        active.retain(|&i| spans[i].1 > a);
        if active.is_empty() {
            out.push_str(&escape(&text[a..b]));
        } else {
            active.sort_unstable();
            mark(out, n, diags, &active, &text[a..b], "");
        }
    }
    // Empty findings at the very end of the text.
    for &i in &order[next..] {
        let _ = write!(out, "<span class=\"anchor\" id=\"f{n}-d{}\"></span>", i + 1);
        mark(out, n, diags, &[i], "", "point");
    }
}

/// One `<mark>` over `piece`, for findings `covering` (indices into `diags`).
fn mark(
    out: &mut String,
    n: usize,
    diags: &[Diagnostic],
    covering: &[usize],
    piece: &str,
    extra: &str,
) {
    let severity = covering
        .iter()
        .map(|&i| diags[i].rule.severity)
        .max()
        .unwrap_or(Severity::Info);
    let ids: Vec<String> = covering.iter().map(|&i| (i + 1).to_string()).collect();
    let title: Vec<String> = covering
        .iter()
        .map(|&i| format!("{}: {}", diags[i].rule.code, diags[i].message))
        .collect();
    let class = if extra.is_empty() {
        severity.as_str().to_string()
    } else {
        format!("{} {extra}", severity.as_str())
    };
    let _ = write!(
        out,
        "<mark class=\"{class}\" data-d=\"{}\" title=\"{}\"><a href=\"#f{n}-r{}\">{}</a></mark>",
        ids.join(" "),
        escape(&title.join("\n")).replace('\n', "&#10;"),
        covering[0] + 1,
        escape(piece),
    );
}

/// The table of findings, in span order.
fn table(out: &mut String, n: usize, f: &FileReport) {
    let records = f.diagnostics.iter().any(|d| d.id.is_some());
    out.push_str("<table class=\"findings\">\n<thead><tr><th>#</th><th>Line:col</th>");
    if records {
        out.push_str("<th>Record</th>");
    }
    out.push_str(
        "<th>Rule</th><th>Kind</th><th>Severity</th><th>Flagged</th><th>Message</th>\
         <th>Suggestions</th><th>Applicability</th><th>Why</th></tr></thead>\n<tbody>\n",
    );
    let lines = f.positions();
    for (i, d) in f.diagnostics.iter().enumerate() {
        let i = i + 1;
        let start = d.span.start.min(f.text.len());
        let at = lines.line_col(f.text.floor_char_boundary(start));
        let flagged = f.text.get(d.span.clone()).unwrap_or_default();
        let _ = write!(
            out,
            "<tr id=\"f{n}-r{i}\"><td class=\"num\"><a href=\"#f{n}-d{i}\">{i}</a></td>\
             <td class=\"num\">{}:{}</td>",
            at.line, at.column
        );
        if records {
            let _ = write!(out, "<td>{}</td>", escape(d.id.as_deref().unwrap_or("")));
        }
        let sev = d.rule.severity.as_str();
        let _ = writeln!(
            out,
            "<td><code>{}</code><br><span class=\"muted\">{}</span></td><td>{}</td>\
             <td class=\"sev-{sev}\">{sev}</td><td>“{}”</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(&d.rule.code),
            escape(&d.rule.name),
            d.rule.family.as_str(),
            escape(flagged),
            escape(&d.message),
            suggestions(d),
            d.rule.applicability.as_str(),
            escape(&d.rule.why),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The suggestions of `d`, quoted; an empty one reads "remove it".
fn suggestions(d: &Diagnostic) -> String {
    if d.suggestions.is_empty() {
        return "<span class=\"muted\">none</span>".to_string();
    }
    d.suggestions
        .iter()
        .map(|s| {
            if s.is_empty() {
                "<em>remove it</em>".to_string()
            } else {
                format!("“{}”", escape(s))
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn display_path<'a>(f: &FileReport<'a>) -> &'a str {
    if f.is_stdin() {
        "standard input"
    } else {
        f.path
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `s` escaped for HTML text and quoted attribute values. Control characters other than
/// tab and line breaks, which HTML does not allow in text, are shown as their Unicode
/// control pictures (␀, ␛, …) rather than dropped: the reader sees that they are there.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\u{7f}' => out.push('\u{2421}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Linter;
    use html5gum::{Token, Tokenizer};
    use std::collections::BTreeMap;

    /// The text inside marks, by finding number, after checking that the tokenizer
    /// reports no error and that every element closes in order.
    fn marked(html: &str) -> BTreeMap<usize, String> {
        const VOID: &[&str] = &["meta", "br"];
        let mut stack: Vec<String> = Vec::new();
        let mut in_mark: Option<Vec<usize>> = None;
        let mut texts = BTreeMap::<usize, String>::new();
        for t in Tokenizer::new(html).flatten() {
            match t {
                Token::StartTag(s) => {
                    let name = String::from_utf8(s.name.to_vec()).unwrap();
                    if name == "mark" {
                        let d = &s.attributes[b"data-d".as_slice()];
                        let ids = String::from_utf8(d.to_vec()).unwrap();
                        in_mark = Some(ids.split(' ').map(|i| i.parse().unwrap()).collect());
                    }
                    if !VOID.contains(&name.as_str()) {
                        stack.push(name);
                    }
                }
                Token::EndTag(e) => {
                    let name = String::from_utf8(e.name.to_vec()).unwrap();
                    assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                    if name == "mark" {
                        in_mark = None;
                    }
                }
                Token::String(s) => {
                    for &i in in_mark.iter().flatten() {
                        texts
                            .entry(i)
                            .or_default()
                            .push_str(std::str::from_utf8(&s).unwrap());
                    }
                }
                Token::Error(e) => panic!("HTML error {e:?}"),
                _ => {}
            }
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        texts
    }

    #[test]
    fn crossing_spans_become_pieces_that_never_cross() {
        let linter = Linter::builtin().unwrap();
        let rule = linter.rules()[0].clone();
        let text = "ab<c&d>\"e'f";
        let d = |s: usize, e: usize| Diagnostic {
            rule: rule.clone(),
            span: s..e,
            message: format!("span {s}..{e} <b>"),
            suggestions: vec![],
            exact: true,
            id: None,
        };
        // 1..5 and 3..8 cross; 3..3 is empty; 0..text.len() covers them all.
        let diags = vec![d(0, text.len()), d(1, 5), d(3, 3), d(3, 8), d(11, 11)];
        let file = FileReport::new("a<b>.txt", text, &diags);
        let html = render(std::slice::from_ref(&file));
        let texts = marked(&html);
        assert_eq!(texts[&1], text);
        assert_eq!(texts[&2], &text[1..5]);
        assert_eq!(texts[&4], &text[3..8]);
        assert!(!texts.contains_key(&3) && !texts.contains_key(&5));
        assert_eq!(
            html.matches("class=\"info point\"").count()
                + html.matches("class=\"warning point\"").count()
                + html.matches("class=\"error point\"").count(),
            2
        );
        assert!(html.contains("a&lt;b&gt;.txt"));
        assert!(html.contains("span 1..5 &lt;b&gt;"));
        for i in 1..=5 {
            assert!(html.contains(&format!("id=\"f1-d{i}\"")));
            assert!(html.contains(&format!("id=\"f1-r{i}\"")));
        }
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{0}\u{1b}\t"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\u{2400}\u{241b}\t"
        );
    }
}
