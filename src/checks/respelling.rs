//! `kind = "respelling"`: unseen names. A capitalized word that no table knows as an
//! English name, but that becomes one after undoing a source language's spelling habits
//! (French ou→u, tch→ch, -ine→-in; German sch→sh, w→v, j→y), is flagged with that name.
//! It catches the foreign forms the tables do not list ("Poutine" → "Putin" even without
//! an entry), at a lower severity, since it is a guess.

use super::missing;
use crate::diagnostic::{Diagnostic, render_message};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::RuleDef;
use crate::text::case::{match_case, sentence_start_at};
use crate::text::fold::fold;
use crate::text::{Document, Token, TokenKind};
use std::sync::Arc;

/// Shortest word the check considers: short names respell into each other too easily.
const MIN_LEN: usize = 4;
/// Bound on the spellings tried per word.
const MAX_CANDIDATES: usize = 64;

/// One rewrite: `from` → `to`, anchored at the start (`^`) or end (`$`) if marked.
#[derive(Debug, Clone)]
struct Rewrite {
    from: String,
    to: String,
    start: bool,
    end: bool,
}

impl Rewrite {
    fn apply(&self, w: &str) -> Option<String> {
        if self.start {
            return w
                .strip_prefix(self.from.as_str())
                .map(|rest| format!("{}{rest}", self.to));
        }
        if self.end {
            return w
                .strip_suffix(self.from.as_str())
                .map(|rest| format!("{rest}{}", self.to));
        }
        w.contains(self.from.as_str())
            .then(|| w.replace(self.from.as_str(), &self.to))
    }
}

/// Compiled configuration of a respelling rule.
#[derive(Debug)]
pub struct RespellingSpec {
    rewrites: Vec<Rewrite>,
}

/// Validates `rewrites = [["ou", "u"], ["ine$", "in"], ["^s", "z"]]`.
pub(crate) fn compile(def: &RuleDef) -> Result<RespellingSpec, SpecError> {
    let list = def
        .rewrites
        .as_ref()
        .ok_or_else(|| missing(def, "rewrites"))?;
    let mut rewrites = Vec::new();
    for pair in list {
        let [from, to] = pair.as_slice() else {
            return Err(SpecError::at(
                def.code.span(),
                "each rewrite is a pair: [\"from\", \"to\"]",
            ));
        };
        let start = from.starts_with('^');
        let end = from.ends_with('$');
        let core = from.trim_start_matches('^').trim_end_matches('$');
        if core.is_empty() || (start && end) {
            return Err(SpecError::at(
                def.code.span(),
                format!("rewrite `{from}` needs letters, anchored at one end at most"),
            ));
        }
        rewrites.push(Rewrite {
            from: fold(core),
            to: fold(to),
            start,
            end,
        });
    }
    if rewrites.is_empty() {
        return Err(SpecError::at(def.code.span(), "`rewrites` is empty"));
    }
    Ok(RespellingSpec { rewrites })
}

/// All respelling rules, with the English names they aim at.
#[derive(Debug, Default)]
pub struct RespellingCheck {
    rules: Vec<(Arc<Rule>, RespellingSpec)>,
    /// Folded single-word English names → their written form.
    english: rustc_hash::FxHashMap<String, String>,
    /// Folded variant forms the tables list: their own rules (with their keep-contexts,
    /// such as "Odessa, Texas") decide about them.
    variants: rustc_hash::FxHashSet<String>,
}

impl RespellingCheck {
    /// Adds a rule.
    pub fn add(&mut self, rule: Arc<Rule>, spec: RespellingSpec) {
        self.rules.push((rule, spec));
    }

    /// Registers the English forms of the gazetteer: their words are the targets.
    pub fn add_english<'a>(&mut self, forms: impl IntoIterator<Item = &'a str>) {
        for f in forms {
            for w in f.split_whitespace() {
                let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
                if starts_upper
                    && w.chars().count() >= MIN_LEN
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
                {
                    self.english.entry(fold(w)).or_insert_with(|| w.to_string());
                }
            }
        }
    }

    /// Registers a table's variant forms, which this check leaves to their tables.
    pub fn add_variants<'a>(&mut self, forms: impl IntoIterator<Item = &'a str>) {
        for f in forms {
            if !f.contains(' ') {
                self.variants.insert(fold(f));
            }
        }
    }

    /// Flags respelled names in `doc`.
    pub fn scan(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() || self.english.is_empty() {
            return;
        }
        let mut cache: rustc_hash::FxHashMap<&str, Option<(usize, &str)>> =
            rustc_hash::FxHashMap::default();
        for (i, t) in doc.tokens().iter().enumerate() {
            if t.kind != TokenKind::Word || !t.has(Token::CAPITALIZED) || t.has(Token::ALL_CAPS) {
                continue;
            }
            // Only the last word of a name: a first name respelled is often another
            // person's surname ("Pietro" → "Petro"). Checked first: it needs no lookup.
            let next = doc.tokens().get(i + 1);
            if next.is_some_and(|n| {
                n.kind == TokenKind::Word
                    && n.has(Token::CAPITALIZED)
                    && doc.same_sentence(i, i + 1)
            }) {
                continue;
            }
            let word = doc.token_folded(i);
            if word.chars().count() < MIN_LEN
                || self.english.contains_key(word)
                || self.variants.contains(word)
            {
                continue;
            }
            // A name recurs through a document: respell each word once.
            let found = *cache.entry(word).or_insert_with(|| {
                self.rules
                    .iter()
                    .enumerate()
                    .find_map(|(r, (_, spec))| self.respell(word, spec).map(|name| (r, name)))
            });
            if let Some((r, name)) = found {
                let rule = &self.rules[r].0;
                let span = t.range();
                let text = &doc.text()[span.clone()];
                let suggestion = match_case(text, name, sentence_start_at(doc.text(), span.start));
                let message = render_message(
                    &rule.message,
                    &[("text", text), ("suggestion", &suggestion)],
                );
                out.push(Diagnostic {
                    rule: rule.clone(),
                    span,
                    message,
                    suggestions: vec![suggestion],
                    exact: true,
                    id: None,
                });
            }
        }
    }

    /// The English name `word` becomes under some subset of the rewrites (applied in
    /// order), if any.
    fn respell(&self, word: &str, spec: &RespellingSpec) -> Option<&str> {
        let mut candidates = vec![word.to_string()];
        for r in &spec.rewrites {
            let new: Vec<String> = candidates.iter().filter_map(|c| r.apply(c)).collect();
            for c in new {
                if let Some(name) = self.english.get(&c) {
                    return Some(name);
                }
                if candidates.len() < MAX_CANDIDATES && !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
        None
    }
}
