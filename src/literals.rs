//! One Aho–Corasick automaton for every literal phrase of every rule.
//!
//! Phrase, entity and acronym rules register their phrases here when the linter is
//! built. Each phrase is folded exactly like a document and padded with one space on
//! each side; the document's folded stream has one space between tokens, so a match in
//! the stream is always a whole-token match. One overlapping search over the stream then
//! serves every rule: adding a phrase costs automaton states, not another pass.

use crate::text::Document;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// A phrase folded like a document: its folded tokens and its original tokens.
#[derive(Debug, Clone)]
pub struct FoldedPhrase {
    /// The space-padded folded form (`" reflection group "`).
    pub padded: String,
    /// Folded tokens.
    pub folded: Vec<String>,
    /// Original tokens as written in the rule.
    pub original: Vec<String>,
}

impl FoldedPhrase {
    /// Tokenizes and folds `phrase` with the document tokenizer.
    pub fn new(phrase: &str) -> Self {
        // The document tokenizer and fold, without a whole `Document`: tables have tens
        // of thousands of phrases, and start-up pays for each.
        let raw = crate::text::token::tokenize(phrase);
        let mut folded = Vec::with_capacity(raw.len());
        let mut original = Vec::with_capacity(raw.len());
        let mut padded = String::with_capacity(phrase.len() + 2);
        padded.push(' ');
        for t in &raw {
            let text = &phrase[t.start..t.end];
            let f = crate::text::fold_token(text);
            padded.push_str(&f);
            padded.push(' ');
            folded.push(f);
            original.push(text.to_string());
        }
        FoldedPhrase {
            padded,
            folded,
            original,
        }
    }

    /// Only the space-padded folded form (what the automaton needs). Plain words —
    /// letters, inner hyphens, single spaces — take a fast path that gives the same
    /// result as the tokenizer; anything else goes through it.
    pub fn padded(phrase: &str) -> String {
        let plain = phrase.split(' ').all(|w| {
            !w.is_empty()
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !w.starts_with('-')
                && !w.ends_with('-')
                && !w.contains("--")
        });
        if !plain {
            return FoldedPhrase::new(phrase).padded;
        }
        let mut out = String::with_capacity(phrase.len() + 2);
        out.push(' ');
        for w in phrase.split(' ') {
            crate::text::fold_token_into(w, &mut out);
            out.push(' ');
        }
        out
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.folded.len()
    }

    /// True for a phrase without tokens.
    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

/// Who registered a literal: the check, the rule within it, and a rule-local id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    /// Which check.
    pub check: OwnerCheck,
    /// Index of the rule within that check.
    pub rule: u32,
    /// Rule-local id of the phrase.
    pub local: u32,
}

/// The checks that use literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerCheck {
    /// `checks::phrase`.
    Phrase,
    /// `checks::entity`.
    Entity,
    /// `checks::acronym`.
    Acronym,
    /// `checks::house`.
    House,
}

/// Collects phrases, then compiles them into one automaton.
#[derive(Default)]
pub struct LiteralBuilder {
    ids: HashMap<String, usize>,
    patterns: Vec<String>,
    owners: Vec<Vec<Owner>>,
}

impl LiteralBuilder {
    /// Registers `phrase` (already padded and folded) for `owner`.
    pub fn add(&mut self, padded: &str, owner: Owner) {
        if padded.trim().is_empty() {
            return;
        }
        // Look up before allocating: most phrases are new, but tables repeat forms.
        let id = match self.ids.get(padded) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len();
                self.ids.insert(padded.to_string(), id);
                self.patterns.push(padded.to_string());
                self.owners.push(Vec::new());
                id
            }
        };
        self.owners[id].push(owner);
    }

    /// Registers phrases (padded and folded) for rule `rule` of `check`; each phrase's
    /// rule-local id is its position in `phrases`.
    pub fn add_all<'a>(
        &mut self,
        check: OwnerCheck,
        rule: u32,
        phrases: impl IntoIterator<Item = &'a str>,
    ) {
        for (i, p) in phrases.into_iter().enumerate() {
            self.add(
                p,
                Owner {
                    check,
                    rule,
                    local: i as u32,
                },
            );
        }
    }

    /// Builds the automaton.
    pub fn build(self) -> LiteralIndex {
        // Overlapping search needs standard match semantics; the automaton kind is left
        // to the crate, which picks a DFA for small sets and a contiguous NFA for large.
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)
            .expect("literal patterns are plain strings and always compile");
        LiteralIndex {
            ac,
            owners: self.owners,
            patterns: self.patterns,
        }
    }
}

/// The compiled automaton and the owners of each pattern.
pub struct LiteralIndex {
    ac: AhoCorasick,
    owners: Vec<Vec<Owner>>,
    patterns: Vec<String>,
}

impl std::fmt::Debug for LiteralIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiteralIndex")
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

/// One literal match: the owner and the token range `[a, b)`.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    /// Who registered the phrase.
    pub owner: Owner,
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
}

impl LiteralIndex {
    /// Every occurrence of every registered phrase in `doc`, overlapping ones included.
    pub fn hits(&self, doc: &Document) -> Vec<Hit> {
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(doc.folded()) {
            let Some((a, b)) = doc.tokens_of_folded_match(m.start(), m.end()) else {
                continue;
            };
            for &owner in &self.owners[m.pattern().as_usize()] {
                out.push(Hit { owner, a, b });
            }
        }
        out
    }

    /// The distinct folded phrases (without padding), for `mtlint rules --patterns`.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().map(|p| p.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::FoldedPhrase;

    #[test]
    fn fast_path_folds_like_the_tokenizer() {
        for p in [
            "Koursk",
            "Corée du Nord",
            "Kim Jong-un",
            "Weißrussland",
            "São Paulo",
            "U.S.",
            "Kim's",
            "Odessa, Texas",
            "Se\u{301}oul",
            "1 200",
            "A",
        ] {
            assert_eq!(FoldedPhrase::padded(p), FoldedPhrase::new(p).padded, "{p}");
        }
    }
}
