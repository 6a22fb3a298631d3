//! `kind = "pattern"`: regular expressions with replacement templates, for shapes rather
//! than words (numbers, times, quotes, datelines).

use super::missing;
use crate::diagnostic::{Diagnostic, render_message};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::RuleDef;
use regex::{Captures, Regex, RegexBuilder};
use std::sync::Arc;

/// Compiled regexes are capped so that a pathological rule pack fails to load instead of
/// eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 22;

/// Compiled configuration of a pattern rule.
#[derive(Debug)]
pub struct PatternSpec {
    regex: Regex,
    group: Option<String>,
    /// Replacement templates, best first.
    pub replace: Vec<Template>,
    exclude: Vec<Regex>,
}

/// A replacement template: literal text, group references and filters.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Group(String, Option<Filter>),
}

#[derive(Debug, Clone, Copy)]
enum Filter {
    Upper,
    Lower,
    Title,
    Thousands,
    Decimal,
    H12,
    AmPm,
}

impl Template {
    /// Parses `$1`, `${1}`, `${name}`, `${name:filter}` and `$$`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '$' {
                lit.push(c);
                continue;
            }
            let (name, filter) = match chars.peek().map(|&(_, c)| c) {
                Some('$') => {
                    chars.next();
                    lit.push('$');
                    continue;
                }
                Some('{') => {
                    let close = s[i..]
                        .find('}')
                        .ok_or_else(|| format!("unclosed `${{` in template `{s}`"))?
                        + i;
                    let inner = &s[i + 2..close];
                    while chars.peek().is_some_and(|&(j, _)| j <= close) {
                        chars.next();
                    }
                    match inner.split_once(':') {
                        Some((n, f)) => (n.to_string(), Some(parse_filter(f)?)),
                        None => (inner.to_string(), None),
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    let mut n = String::new();
                    while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                        n.push(d);
                        chars.next();
                    }
                    (n, None)
                }
                _ => {
                    return Err(format!(
                        "`$` must start a group reference in template `{s}` (write `$$` for a dollar sign)"
                    ));
                }
            };
            if name.is_empty() {
                return Err(format!("empty group reference in template `{s}`"));
            }
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit)));
            }
            parts.push(Part::Group(name, filter));
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Template { parts })
    }

    fn groups(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Group(n, _) => Some(n.as_str()),
            Part::Lit(_) => None,
        })
    }

    /// Expands the template for one match.
    pub fn expand(&self, caps: &Captures) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Group(name, filter) => {
                    let m = match name.parse::<usize>() {
                        Ok(i) => caps.get(i),
                        Err(_) => caps.name(name),
                    };
                    let v = m.map_or("", |m| m.as_str());
                    match filter {
                        None => out.push_str(v),
                        Some(f) => out.push_str(&apply(*f, v)),
                    }
                }
            }
        }
        out
    }
}

fn parse_filter(f: &str) -> Result<Filter, String> {
    Ok(match f {
        "upper" => Filter::Upper,
        "lower" => Filter::Lower,
        "title" => Filter::Title,
        "thousands" => Filter::Thousands,
        "decimal" => Filter::Decimal,
        "h12" => Filter::H12,
        "ampm" => Filter::AmPm,
        _ => {
            return Err(format!(
                "unknown template filter `{f}` (upper, lower, title, thousands, decimal, h12, ampm)"
            ));
        }
    })
}

fn apply(f: Filter, v: &str) -> String {
    match f {
        Filter::Upper => v.to_uppercase(),
        Filter::Lower => v.to_lowercase(),
        Filter::Title => v
            .split(' ')
            .map(crate::text::case::capitalize)
            .collect::<Vec<_>>()
            .join(" "),
        Filter::Thousands => {
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            group_thousands(&digits)
        }
        Filter::Decimal => v.replace(',', "."),
        Filter::H12 => match v.trim().parse::<u32>() {
            Ok(h) => (if h % 12 == 0 { 12 } else { h % 12 }).to_string(),
            Err(_) => v.to_string(),
        },
        Filter::AmPm => match v.trim().parse::<u32>() {
            Ok(h) if h < 12 => "a.m.".to_string(),
            Ok(_) => "p.m.".to_string(),
            Err(_) => String::new(),
        },
    }
}

/// "1200000" → "1,200,000".
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn build_regex(s: &str) -> Result<Regex, String> {
    RegexBuilder::new(s)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))
}

/// Validates and compiles the pattern keys of `def`.
pub(crate) fn compile(def: &RuleDef) -> Result<PatternSpec, SpecError> {
    let pat = def
        .pattern
        .as_ref()
        .ok_or_else(|| missing(def, "pattern"))?;
    let regex = build_regex(pat.get_ref()).map_err(|e| SpecError::at(pat.span(), e))?;
    let names: Vec<&str> = regex.capture_names().flatten().collect();
    let group = match &def.group {
        Some(g) if !names.contains(&g.get_ref().as_str()) => {
            return Err(SpecError::at(
                g.span(),
                format!(
                    "`group = \"{}\"` is not a named group of the pattern",
                    g.get_ref()
                ),
            ));
        }
        g => g.as_ref().map(|g| g.get_ref().clone()),
    };
    let mut replace = Vec::new();
    if let Some(r) = &def.replace {
        for t in r.get_ref() {
            let tpl = Template::parse(t).map_err(|e| SpecError::at(r.span(), e))?;
            for g in tpl.groups() {
                let ok = match g.parse::<usize>() {
                    Ok(i) => i < regex.captures_len(),
                    Err(_) => names.contains(&g),
                };
                if !ok {
                    return Err(SpecError::at(
                        r.span(),
                        format!(
                            "template `{t}` refers to group `{g}`, which the pattern does not have"
                        ),
                    ));
                }
            }
            replace.push(tpl);
        }
    }
    let exclude = def
        .exclude
        .iter()
        .flatten()
        .map(|e| build_regex(e.get_ref()).map_err(|m| SpecError::at(e.span(), m)))
        .collect::<Result<_, _>>()?;
    Ok(PatternSpec {
        regex,
        group,
        replace,
        exclude,
    })
}

/// A pattern rule ready to run.
#[derive(Debug)]
pub struct PatternRule {
    rule: Arc<Rule>,
    spec: PatternSpec,
}

impl PatternRule {
    /// Wraps a compiled spec.
    pub fn new(rule: Arc<Rule>, spec: PatternSpec) -> Self {
        PatternRule { rule, spec }
    }

    /// Finds every match in `text`.
    pub fn scan(&self, text: &str, out: &mut Vec<Diagnostic>) {
        let s = &self.spec;
        for caps in s.regex.captures_iter(text) {
            let m = match &s.group {
                Some(g) => match caps.name(g) {
                    Some(m) => m,
                    None => continue,
                },
                None => caps.get(0).expect("group 0 always participates"),
            };
            if m.is_empty() || s.exclude.iter().any(|e| e.is_match(m.as_str())) {
                continue;
            }
            let suggestions: Vec<String> = s.replace.iter().map(|t| t.expand(&caps)).collect();
            let first = suggestions.first().map(String::as_str).unwrap_or("");
            let message = render_message(
                &self.rule.message,
                &[("text", m.as_str()), ("suggestion", first)],
            );
            out.push(Diagnostic {
                rule: self.rule.clone(),
                span: m.range(),
                message,
                suggestions,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(re: &str, tpl: &str, text: &str) -> String {
        let re = Regex::new(re).unwrap();
        Template::parse(tpl)
            .unwrap()
            .expand(&re.captures(text).unwrap())
    }

    #[test]
    fn templates_and_filters() {
        let time = r"(?P<h>\d+) h (?P<m>\d\d)";
        assert_eq!(
            expand(time, "${h:h12}:${m} ${h:ampm}", "22 h 32"),
            "10:32 p.m."
        );
        assert_eq!(
            expand(time, "${h:h12}:${m} ${h:ampm}", "0 h 05"),
            "12:05 a.m."
        );
        assert_eq!(
            expand(r"(\d[\d ]*)", "${1:thousands}", "1 200 000"),
            "1,200,000"
        );
        assert_eq!(expand(r"(\d+,\d+)", "${1:decimal} $$", "2,5"), "2.5 $");
        assert_eq!(expand(r"\((\w+)\)", "${1:upper} —", "(Seoul)"), "SEOUL —");
        assert!(Template::parse("${1:shout}").is_err());
        assert!(Template::parse("costs $ 5").is_err());
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands("1200"), "1,200");
        assert_eq!(group_thousands("15000"), "15,000");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1000000"), "1,000,000");
    }
}
