//! `accept = [...]`: names and terms a newsroom uses on purpose ("Kyiv Independent",
//! "Zelenskiy"), never flagged.

use crate::diagnostic::Diagnostic;
use crate::text::collapse_space;
use regex::{Regex, RegexBuilder};
use std::ops::Range;

/// Accepted terms, compiled for searching.
#[derive(Debug, Clone, Default)]
pub struct AcceptList {
    /// Each term with its white space collapsed, as written (for display).
    terms: Vec<String>,
    /// Each term lower-cased, for comparison with flagged text.
    folded: Vec<String>,
    /// One search per term: terms may overlap ("Kyiv", "Kyiv Independent"), and one
    /// alternation would report only one of two overlapping occurrences.
    patterns: Vec<Regex>,
}

impl AcceptList {
    /// Compiles `terms`. A term matches case-insensitively, with any run of white space
    /// (line breaks included) between its words, and only as whole words at its ends
    /// when they are letters or digits.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Result<Self, regex::Error> {
        let mut list = AcceptList::default();
        for t in terms {
            let t = collapse_space(t);
            if t.is_empty() {
                continue;
            }
            let body = t
                .split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            let edge = |c: Option<char>| {
                if c.is_some_and(char::is_alphanumeric) {
                    r"\b"
                } else {
                    ""
                }
            };
            let pattern = format!("{}{body}{}", edge(t.chars().next()), edge(t.chars().last()));
            list.patterns
                .push(RegexBuilder::new(&pattern).case_insensitive(true).build()?);
            list.folded.push(t.to_lowercase());
            list.terms.push(t);
        }
        Ok(list)
    }

    /// The terms, white space collapsed.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Byte ranges of every occurrence of every term in `text`.
    pub fn occurrences(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for re in &self.patterns {
            let mut at = 0;
            // Overlapping occurrences of one term ("a a" in "a a a") are all wanted.
            while let Some(m) = re.find_at(text, at) {
                out.push(m.range());
                at = text.ceil_char_boundary(m.start() + 1);
            }
        }
        out
    }

    /// Whether `flagged` is one of the terms (case and white space aside).
    pub fn is_term(&self, flagged: &str) -> bool {
        if self.folded.is_empty() {
            return false;
        }
        let f = collapse_space(flagged).to_lowercase();
        self.folded.contains(&f)
    }
}

/// Drops the diagnostics whose flagged text is an accepted term of any of `lists`, or
/// lies within an occurrence of one in `text`.
pub fn filter(lists: &[&AcceptList], text: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if lists.iter().all(|l| l.is_empty()) {
        return diags;
    }
    let occurrences: Vec<Range<usize>> = lists.iter().flat_map(|l| l.occurrences(text)).collect();
    diags.retain(|d| {
        let within = occurrences
            .iter()
            .any(|o| o.start <= d.span.start && d.span.end <= o.end);
        !within && !lists.iter().any(|l| l.is_term(d.text(text)))
    });
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_ignore_case_and_spacing_but_respect_word_edges() {
        let l = AcceptList::new(["Kyiv  Independent", "Zelenskiy"]).unwrap();
        assert_eq!(l.terms(), ["Kyiv Independent", "Zelenskiy"]);
        let text = "The kyiv\nindependent said Zelenskiyy met Zelenskiy.";
        let found: Vec<&str> = l.occurrences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["kyiv\nindependent", "Zelenskiy"]);
        assert!(l.is_term(" ZELENSKIY "));
        assert!(!l.is_term("Zelensky"));
    }

    #[test]
    fn overlapping_terms_are_all_found() {
        let l = AcceptList::new(["Kyiv", "Kyiv Independent", "Independent Kyiv"]).unwrap();
        let text = "Kyiv Independent Kyiv";
        let mut found: Vec<_> = l.occurrences(text);
        found.sort_by_key(|r| (r.start, r.end));
        assert_eq!(found, [0..4, 0..16, 5..21, 17..21]);
    }
}
