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
use std::sync::{Arc, Mutex};

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
    /// Words already respelled, across documents: (rule, English name) or `None`. A
    /// streamed archive is linted in blocks of a few dozen articles, and the same names
    /// recur from block to block (measured: 114 M instructions on 10 MB of clean copy
    /// without it). Cleared when it reaches [`MEMO_LIMIT`] words, so memory stays bounded.
    memo: Mutex<rustc_hash::FxHashMap<String, Option<(usize, String)>>>,
}

/// Most words [`RespellingCheck::memo`] keeps (a few hundred in tests, which fill it).
const MEMO_LIMIT: usize = if cfg!(test) { 300 } else { 1 << 16 };

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
        // Sized for an article's names: growing from empty, rehashing was a good part
        // of the check on articles of a few kilobytes.
        let mut cache: rustc_hash::FxHashMap<&str, Option<(usize, &str)>> =
            rustc_hash::FxHashMap::with_capacity_and_hasher(
                (doc.tokens().len() / 16).min(4096),
                Default::default(),
            );
        for &i in doc.capitalized_words() {
            let (i, t) = (i as usize, &doc.tokens()[i as usize]);
            if t.has(Token::ALL_CAPS) {
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
            let chars = if t.has(Token::ASCII) {
                word.len()
            } else {
                word.chars().count()
            };
            if chars < MIN_LEN {
                continue;
            }
            // A name recurs through a document: each word is looked at once (English
            // names and listed variants are not respelled).
            let found = *cache.entry(word).or_insert_with(|| {
                if self.english.contains_key(word) || self.variants.contains(word) {
                    None
                } else {
                    self.respelled(word)
                }
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

    /// The first rule that respells `word` into an English name, and the name.
    fn respelled(&self, word: &str) -> Option<(usize, &str)> {
        // The name is borrowed from `english`, not from the memo: found under the lock,
        // it outlives it without a copy.
        let name = |found: &Option<(usize, String)>| {
            let (r, key) = found.as_ref()?;
            self.english.get(key).map(|name| (*r, name.as_str()))
        };
        if let Some(found) = self
            .memo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(word)
        {
            return name(found);
        }
        let found = self
            .rules
            .iter()
            .enumerate()
            .find_map(|(r, (_, spec))| self.respell(word, spec).map(|key| (r, key)));
        let answer = name(&found);
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(word.to_string(), found);
        answer
    }

    /// The English name `word` becomes under some subset of the rewrites (applied in
    /// order), if any: its key in `english` (the respelled word).
    fn respell(&self, word: &str, spec: &RespellingSpec) -> Option<String> {
        let mut candidates = vec![word.to_string()];
        for r in &spec.rewrites {
            let new: Vec<String> = candidates.iter().filter_map(|c| r.apply(c)).collect();
            for c in new {
                if self.english.contains_key(&c) {
                    return Some(c);
                }
                if candidates.len() < MAX_CANDIDATES && !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::MEMO_LIMIT;
    use crate::engine::Linter;

    /// (code, span, suggestions) of `text`'s respelling findings.
    fn respelled(linter: &Linter, text: &str) -> Vec<(String, (usize, usize), Vec<String>)> {
        let mut v: Vec<_> = linter
            .lint(text)
            .into_iter()
            .filter(|d| d.rule.kind == crate::rules::schema::CheckKind::Respelling)
            .map(|d| {
                (
                    d.rule.code.clone(),
                    (d.span.start, d.span.end),
                    d.suggestions,
                )
            })
            .collect();
        v.sort();
        v
    }

    /// A linter that has respelled words before (the memo) finds what a new one finds,
    /// in the same case; and the memo stays within its limit however many names pass.
    #[test]
    fn words_respelled_before_are_found_the_same() {
        let text = "Russian troops shelled Houliaïpole overnight, then HOULIAÏPOLE again. \
                    Fighting continued near Wowtschansk. Schwarz and Wagner met near Houliaïpole.";
        let fresh = respelled(&Linter::builtin().expect("built-in rules load"), text);
        assert!(fresh.len() >= 2, "{fresh:?}");
        let used = Linter::builtin().expect("built-in rules load");
        for _ in 0..2 {
            assert_eq!(respelled(&used, text), fresh);
        }
        let check = used.respelling_check();
        let remembered = check.memo.lock().expect("memo").len();
        assert!(remembered >= 2, "{remembered} words remembered");
        // More distinct last names than the memo keeps.
        let names: Vec<String> = (0..MEMO_LIMIT + 100)
            .map(|i| format!("Met Zq{:05x}x.", i))
            .collect();
        used.lint(&names.join(" "));
        let kept = check.memo.lock().expect("memo").len();
        assert!(kept <= MEMO_LIMIT, "{kept} words kept");
        assert_eq!(respelled(&used, text), fresh);
    }
}
