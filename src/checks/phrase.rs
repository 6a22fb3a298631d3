//! `kind = "phrase"`: literal phrases with a replacement and optional context.
//!
//! The phrases themselves are found by the shared literal automaton
//! ([`crate::literals`]); this check decides, for each hit, whether the context allows it
//! and builds the suggestion in the case of the original.

use super::flex::Flex;
use super::missing;
use crate::diagnostic::{Diagnostic, Family, render_message};
use crate::literals::{FoldedPhrase, LiteralBuilder, OwnerCheck};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::RuleDef;
use crate::text::Document;
use crate::text::case::match_case;
use crate::text::fold::normalize_punct;
use std::sync::{Arc, OnceLock};

/// Compiled configuration of a phrase rule.
#[derive(Debug)]
pub struct PhraseSpec {
    /// The phrases.
    pub matches: Vec<FoldedPhrase>,
    /// Alternatives for each phrase (parallel to `matches`; empty = point only).
    pub replace: Vec<Vec<String>>,
    /// Context phrases as written: `before`, `after`, `not_before`, `not_after`.
    context_source: [Vec<String>; 4],
    /// The same, folded at the rule's first hit: most rules have no hit in a given run,
    /// and folding every rule's context phrases was a twentieth of start-up.
    contexts: OnceLock<[Vec<Context>; 4]>,
    window: usize,
    case_sensitive: bool,
    /// `flex`: match the phrases loosely too (default: for idioms).
    flex: Option<bool>,
}

/// A context phrase; `prefix` when its last word ended in `*`.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    phrase: FoldedPhrase,
    prefix: bool,
}

impl Context {
    pub(crate) fn new(s: &str) -> Option<Self> {
        let (body, prefix) = match s.strip_suffix('*') {
            Some(b) => (b, true),
            None => (s, false),
        };
        let phrase = FoldedPhrase::new(body);
        (!phrase.is_empty()).then_some(Context { phrase, prefix })
    }

    /// Whether the context phrase stands at token `k` of `doc`.
    pub(crate) fn matches_at(&self, doc: &Document, k: usize) -> bool {
        let n = self.phrase.len();
        if k + n > doc.tokens().len() {
            return false;
        }
        self.phrase.folded_all().enumerate().all(|(i, want)| {
            let got = doc.token_folded(k + i);
            if self.prefix && i + 1 == n {
                got.starts_with(want)
            } else {
                got == want
            }
        })
    }

    fn len(&self) -> usize {
        self.phrase.len()
    }
}

/// The context phrases of `list`, checked to hold a token each (folded later, see
/// [`PhraseSpec::contexts`]).
fn contexts(
    def: &RuleDef,
    list: &Option<Vec<String>>,
    key: &str,
) -> Result<Vec<String>, SpecError> {
    list.iter()
        .flatten()
        .map(|s| {
            let body = s.strip_suffix('*').unwrap_or(s);
            // A phrase of nothing but spaces has no token.
            if body.chars().all(crate::text::fold::is_space) {
                Err(SpecError::at(
                    def.code.span(),
                    format!("empty phrase in `{key}`"),
                ))
            } else {
                Ok(s.clone())
            }
        })
        .collect()
}

impl PhraseSpec {
    /// `before`, `after`, `not_before`, `not_after`, folded on first use.
    fn contexts(&self) -> &[Vec<Context>; 4] {
        self.contexts.get_or_init(|| {
            self.context_source
                .each_ref()
                .map(|list| list.iter().filter_map(|s| Context::new(s)).collect())
        })
    }
}

/// Validates and compiles the phrase keys of `def`.
pub(crate) fn compile(def: &RuleDef) -> Result<PhraseSpec, SpecError> {
    let list = def.matches.as_ref().ok_or_else(|| missing(def, "match"))?;
    let matches: Vec<FoldedPhrase> = list
        .get_ref()
        .iter()
        .map(|m| FoldedPhrase::new(m))
        .collect();
    if matches.is_empty() || matches.iter().any(FoldedPhrase::is_empty) {
        return Err(SpecError::at(
            list.span(),
            "`match` needs non-empty phrases",
        ));
    }
    let replace = match &def.replace {
        None => vec![Vec::new(); matches.len()],
        Some(r) => {
            let split = |s: &String| {
                s.split('|')
                    .map(|a| a.trim().to_string())
                    .collect::<Vec<_>>()
            };
            match r.get_ref().len() {
                1 => vec![split(&r.get_ref()[0]); matches.len()],
                n if n == matches.len() => r.get_ref().iter().map(split).collect(),
                n => {
                    return Err(SpecError::at(
                        r.span(),
                        format!(
                            "`replace` has {n} entries; it needs 1 or one per `match` entry ({})",
                            matches.len()
                        ),
                    ));
                }
            }
        }
    };
    let window = def.window.unwrap_or(1);
    if window == 0 {
        return Err(SpecError::at(
            def.code.span(),
            "`window` must be at least 1",
        ));
    }
    Ok(PhraseSpec {
        matches,
        replace,
        context_source: [
            contexts(def, &def.before, "before")?,
            contexts(def, &def.after, "after")?,
            contexts(def, &def.not_before, "not_before")?,
            contexts(def, &def.not_after, "not_after")?,
        ],
        contexts: OnceLock::new(),
        window,
        case_sensitive: def.case_sensitive.unwrap_or(false),
        flex: def.flex,
    })
}

/// A phrase rule ready to run.
#[derive(Debug)]
pub struct PhraseRule {
    rule: Arc<Rule>,
    spec: PhraseSpec,
    /// Loose forms of the phrases (idioms in another tense, with adverbs inside).
    flex: Option<Flex>,
}

impl PhraseRule {
    /// Wraps a compiled spec. Idioms are matched loosely unless the rule says
    /// `flex = false`; other phrase rules only when they say `flex = true`.
    pub fn new(rule: Arc<Rule>, spec: PhraseSpec) -> Self {
        let flex = spec
            .flex
            .unwrap_or(rule.family == Family::Idiom && !spec.case_sensitive)
            .then(|| Flex::new(&spec.matches));
        PhraseRule { rule, spec, flex }
    }

    /// Registers the rule's phrases; `index` is the rule's position in the phrase check.
    /// Loose anchors follow the phrases: local ids from `matches.len()` on.
    pub fn register(&self, index: u32, lits: &mut LiteralBuilder) {
        let anchors = self.flex.iter().flat_map(Flex::anchors);
        lits.add_all(
            OwnerCheck::Phrase,
            index,
            self.spec
                .matches
                .iter()
                .map(|m| m.padded.as_str())
                .chain(anchors),
        );
    }

    /// Whether the rule's context allows a finding on tokens `[a, b)`.
    fn context_allows(&self, doc: &Document, a: usize, b: usize) -> bool {
        let s = &self.spec;
        let after = |ctxs: &[Context]| ctxs.iter().any(|c| context_after(doc, b, s.window, c));
        let before = |ctxs: &[Context]| ctxs.iter().any(|c| context_before(doc, a, s.window, c));
        if s.context_source.iter().all(Vec::is_empty) {
            return true;
        }
        let [need_before, need_after, not_before, not_after] = s.contexts();
        !((!need_after.is_empty() && !after(need_after))
            || (!need_before.is_empty() && !before(need_before))
            || after(not_after)
            || before(not_before))
    }

    /// A finding on tokens `[a, b)` with `replacements` put in the case of the text.
    fn push(
        &self,
        doc: &Document,
        (a, b): (usize, usize),
        replacements: &[String],
        out: &mut Vec<Diagnostic>,
    ) {
        let span = doc.span_of(a, b);
        let text = &doc.text()[span.clone()];
        let start = crate::text::case::sentence_start_at(doc.text(), span.start);
        let suggestions: Vec<String> = replacements
            .iter()
            .map(|r| match_case(text, r, start))
            .collect();
        let first = suggestions.first().map(String::as_str).unwrap_or("");
        let message = render_message(&self.rule.message, &[("text", text), ("suggestion", first)]);
        out.push(Diagnostic {
            rule: self.rule.clone(),
            span,
            message,
            suggestions,
            exact: true,
            id: None,
        });
    }

    /// Loose matches anchored at token `t` by anchor group `g`.
    fn on_flex_hit(
        &self,
        doc: &Document,
        flex: &Flex,
        g: usize,
        t: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        for m in flex.matches_at(doc, &self.spec.matches, g, t) {
            let (a, b) = m.range();
            if !self.context_allows(doc, a, b) {
                continue;
            }
            let phrase = &self.spec.matches[m.phrase];
            let adapted: Option<Vec<String>> = self.spec.replace[m.phrase]
                .iter()
                .map(|r| super::flex::adapt(doc, phrase, &m, r))
                .collect();
            // Without a suggestion carried over to the document's wording, stay quiet;
            // and when the loose match is the English idiom itself ("throw in the
            // towel" against a listed "throw the towel"), there is nothing to fix.
            let text = &doc.text()[doc.span_of(a, b)];
            if let Some(adapted) =
                adapted.filter(|v| !v.is_empty() && !v.iter().any(|r| r.eq_ignore_ascii_case(text)))
            {
                self.push(doc, (a, b), &adapted, out);
            }
        }
    }

    /// Handles a literal hit of phrase `local` on tokens `[a, b)`.
    pub fn on_hit(
        &self,
        doc: &Document,
        local: usize,
        a: usize,
        b: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let s = &self.spec;
        if local >= s.matches.len() {
            if let Some(flex) = &self.flex {
                self.on_flex_hit(doc, flex, local - s.matches.len(), a, out);
            }
            return;
        }
        let phrase = &s.matches[local];
        if s.case_sensitive
            && !phrase
                .original_all()
                .enumerate()
                .all(|(i, w)| normalize_punct(doc.token_text(a + i)) == normalize_punct(w))
        {
            return;
        }
        if self.context_allows(doc, a, b) {
            self.push(doc, (a, b), &s.replace[local], out);
        }
    }
}

/// A context phrase starting within `window` tokens after `b`, in the same sentence.
pub(crate) fn context_after(doc: &Document, b: usize, window: usize, c: &Context) -> bool {
    if b == 0 || b >= doc.tokens().len() {
        return false;
    }
    (b..b + window).any(|k| {
        k + c.len() <= doc.tokens().len()
            && doc.same_sentence(b - 1, k + c.len() - 1)
            && c.matches_at(doc, k)
    })
}

/// A context phrase ending within `window` tokens before `a`, in the same sentence.
pub(crate) fn context_before(doc: &Document, a: usize, window: usize, c: &Context) -> bool {
    (0..window).any(|d| {
        let end = match a.checked_sub(d) {
            Some(e) => e,
            None => return false,
        };
        let Some(start) = end.checked_sub(c.len()) else {
            return false;
        };
        a < doc.tokens().len() && doc.same_sentence(start, a) && c.matches_at(doc, start)
    })
}

#[cfg(test)]
mod tests {
    use crate::engine::LinterBuilder;

    /// A pack with one phrase rule whose contexts are `contexts` (TOML keys).
    fn pack(contexts: &str) -> String {
        format!(
            r#"
[pack]
name = "test-contexts"
prefix = "TST"
source = "fr"
family = "calque"
description = "Test."

[[rule]]
code = "TST001"
name = "reflection-group"
kind = "phrase"
message = "Use “{{suggestion}}”."
why = "Test."
match = ["reflection group"]
replace = ["think tank"]
examples = [{{ bad = "A {{{{reflection group}}}} said no.", fixed = "A think tank said no." }}, {{ good = "A think tank said no." }}]
{contexts}
"#
        )
    }

    fn found(contexts: &str, text: &str) -> usize {
        let mut b = LinterBuilder::new();
        b.add_source("test.toml", &pack(contexts));
        b.build().expect("test pack loads").lint(text).len()
    }

    #[test]
    fn contexts_allow_and_forbid_hits() {
        let after = r#"after = ["meet*", "said"]"#;
        assert_eq!(found(after, "The reflection group meets today."), 1);
        assert_eq!(found(after, "The reflection group said so."), 1);
        assert_eq!(found(after, "The reflection group is new."), 0);
        let not_before = r#"not_before = ["a sociology"]"#;
        assert_eq!(found(not_before, "He chairs a reflection group."), 1);
        assert_eq!(
            found(not_before, "He joined a sociology reflection group."),
            0
        );
        assert_eq!(found("", "He joined a sociology reflection group."), 1);
    }

    #[test]
    fn a_context_without_a_token_is_an_error_at_load() {
        for contexts in [r#"before = ["  "]"#, r#"not_after = ["*"]"#] {
            let mut b = LinterBuilder::new();
            b.add_source("test.toml", &pack(contexts));
            let errors = b.build().expect_err(contexts);
            assert!(
                errors
                    .iter()
                    .any(|e| e.to_string().contains("empty phrase in")),
                "{contexts}: {errors:?}"
            );
        }
    }
}
