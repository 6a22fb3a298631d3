//! `kind = "acronym"`: untranslated acronyms ("OTAN" → "NATO") and names that do not fit
//! the acronym in parentheses after them ("Central North Korean Press Agency (KCNA)").

use super::missing;
use super::phrase::Context;
use crate::diagnostic::{Diagnostic, render_message};
use crate::literals::{FoldedPhrase, LiteralBuilder, OwnerCheck};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::{AcronymMode, EntityType, EntryDef, Lang, RuleDef};
use crate::text::fold::normalize_punct;
use crate::text::{Document, Token, TokenKind};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Compiled configuration of an acronym rule.
#[derive(Debug)]
pub struct AcronymSpec {
    /// What the rule reports.
    pub mode: AcronymMode,
    /// The pack's entries (acronym rows are used).
    pub entries: Arc<Vec<EntryDef>>,
}

/// Validates the acronym keys of `def`.
pub(crate) fn compile(
    def: &RuleDef,
    entries: &Arc<Vec<EntryDef>>,
) -> Result<AcronymSpec, SpecError> {
    let mode = def.mode.ok_or_else(|| missing(def, "mode"))?;
    let rows = entries.iter().filter(|e| e.kind == EntityType::Acronym);
    let usable = match mode {
        AcronymMode::Untranslated => rows.filter(|e| e.forms().next().is_some()).count(),
        AcronymMode::Expansion => rows.filter(|e| !e.expansion.is_empty()).count(),
    };
    if usable == 0 {
        return Err(SpecError::at(
            def.code.span(),
            "the pack has no [[entry]] of type `acronym` this mode can use",
        ));
    }
    Ok(AcronymSpec {
        mode,
        entries: entries.clone(),
    })
}

/// Words that may join the words of an organization's name.
const CONNECTORS: &[&str] = &[
    "of", "for", "the", "and", "on", "in", "to", "de", "du", "des", "la", "le", "del", "di", "für",
    "und",
];

/// An acronym rule ready to run.
#[derive(Debug)]
pub struct AcronymRule {
    rule: Arc<Rule>,
    mode: AcronymMode,
    entries: Arc<Vec<EntryDef>>,
    /// Untranslated mode: (entry, language, form as written, padded folded form).
    forms: Vec<(usize, Lang, String, String)>,
    /// Per entry: required context words.
    context: Vec<Vec<Context>>,
    /// Expansion mode: acronym as written → entries.
    by_acronym: FxHashMap<String, Vec<usize>>,
    /// Per entry: folded expansions (token lists).
    expansions: Vec<Vec<Vec<String>>>,
}

impl AcronymRule {
    /// Prepares the rule's tables.
    pub fn new(rule: Arc<Rule>, spec: &AcronymSpec) -> Self {
        let mut forms = Vec::new();
        let mut by_acronym: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut context = Vec::new();
        let mut expansions = Vec::new();
        for (i, e) in spec.entries.iter().enumerate() {
            context.push(e.context.iter().filter_map(|c| Context::new(c)).collect());
            expansions.push(
                e.expansion
                    .iter()
                    .map(|x| {
                        let p = FoldedPhrase::new(x);
                        p.folded_all().map(String::from).collect()
                    })
                    .collect(),
            );
            if e.kind != EntityType::Acronym {
                continue;
            }
            for (lang, f) in e.forms() {
                forms.push((i, lang, f.clone(), FoldedPhrase::padded(f)));
            }
            if !e.expansion.is_empty() {
                for a in &e.en {
                    by_acronym.entry(a.clone()).or_default().push(i);
                }
            }
        }
        AcronymRule {
            rule,
            mode: spec.mode,
            entries: spec.entries.clone(),
            forms,
            context,
            by_acronym,
            expansions,
        }
    }

    /// The pack's entries (all types).
    pub fn entries(&self) -> &Arc<Vec<EntryDef>> {
        &self.entries
    }

    /// Registers foreign acronyms (untranslated mode only).
    pub fn register(&self, index: u32, lits: &mut LiteralBuilder) {
        if self.mode != AcronymMode::Untranslated {
            return;
        }
        lits.add_all(
            OwnerCheck::Acronym,
            index,
            self.forms.iter().map(|f| f.3.as_str()),
        );
    }

    /// Handles a hit of foreign form `local` on tokens `[a, b)`.
    pub fn on_hit(
        &self,
        doc: &Document,
        local: usize,
        a: usize,
        b: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let (entry, lang, written, _) = &self.forms[local];
        let span = doc.span_of(a, b);
        let text = &doc.text()[span.clone()];
        // Acronyms are matched exactly as written: "UE" but not "ue".
        if normalize_punct(text) != normalize_punct(written) {
            return;
        }
        let ctx = &self.context[*entry];
        if !ctx.is_empty() {
            // The sentence around the hit, found from the hit outwards.
            let toks = doc.tokens();
            let first = (0..a)
                .rev()
                .take_while(|&k| doc.same_sentence(k, a))
                .last()
                .unwrap_or(a);
            let end = (b..toks.len())
                .take_while(|&k| doc.same_sentence(a, k))
                .last()
                .map_or(b, |k| k + 1);
            let in_sentence =
                (first..end).any(|k| (k < a || k >= b) && ctx.iter().any(|c| c.matches_at(doc, k)));
            if !in_sentence {
                return;
            }
        }
        let e = &self.entries[*entry];
        self.push(doc, span, text, e, lang.name(), out);
    }

    fn push(
        &self,
        _doc: &Document,
        span: std::ops::Range<usize>,
        text: &str,
        e: &EntryDef,
        lang: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let suggestions: Vec<String> = match self.mode {
            AcronymMode::Untranslated => e.en.clone(),
            AcronymMode::Expansion => e.expansion.clone(),
        };
        let message = render_message(
            &self.rule.message,
            &[
                ("text", text),
                ("suggestion", &suggestions[0]),
                ("canonical", &suggestions[0]),
                ("lang", lang),
                ("type", "acronym"),
            ],
        );
        out.push(Diagnostic {
            rule: self.rule.clone(),
            span,
            message,
            suggestions,
            exact: true,
            id: None,
        });
    }

    /// Expansion mode: finds "Name (ACR)" where the name does not fit ACR.
    pub fn scan(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        if self.mode != AcronymMode::Expansion {
            return;
        }
        let toks = doc.tokens();
        let bytes = doc.text().as_bytes();
        // A one-byte token, read as its byte: comparing token texts as strings was 2% of
        // a run (perf).
        let is =
            |t: &crate::text::Token, b: u8| t.end - t.start == 1 && bytes[t.start as usize] == b;
        // The opening brackets are found in the text, and their tokens by position:
        // asking every token whether it is one was 1.8% of a run on 10 MB of clean copy.
        for at in memchr::memchr_iter(b'(', bytes) {
            let i = toks.partition_point(|t| (t.start as usize) < at);
            if i == 0 || i + 2 >= toks.len() || toks[i].start as usize != at {
                continue;
            }
            if !is(&toks[i], b'(') || !is(&toks[i + 2], b')') || toks[i + 1].kind != TokenKind::Word
            {
                continue;
            }
            let Some(entries) = self.by_acronym.get(doc.token_text(i + 1)) else {
                continue;
            };
            let Some((s, e)) = name_before(doc, i) else {
                continue;
            };
            // The capitalized run may start with a word that is not part of the name
            // ("Officials of the National Intelligence Service (NIS)"): it starts at the
            // first word that the expansions share.
            let shared = |k: usize| {
                entries.iter().any(|&x| {
                    self.expansions[x]
                        .iter()
                        .any(|exp| exp.iter().any(|w| w == doc.token_folded(k)))
                })
            };
            let mut s = s;
            while s < e && (!shared(s) || CONNECTORS.contains(&doc.token_folded(s))) {
                s += 1;
            }
            if (s..e)
                .filter(|&k| doc.tokens()[k].has(Token::CAPITALIZED))
                .count()
                < 2
            {
                continue;
            }
            let run: Vec<&str> = (s..e).map(|k| doc.token_folded(k)).collect();
            if entries
                .iter()
                .any(|&x| self.expansions[x].iter().any(|exp| fits(&run, exp)))
            {
                continue;
            }
            // Only a garbled rendering of the same name is flagged: it shares at least
            // half of the expansion's content words. "Revolutionary Guards (IRGC)" is a
            // short form, not a calque.
            let best = entries
                .iter()
                .copied()
                .find(|&x| self.expansions[x].iter().any(|exp| overlap(&run, exp)));
            if let Some(x) = best {
                let span = doc.span_of(s, e);
                let text = &doc.text()[span.clone()];
                self.push(doc, span, text, &self.entries[x], "", out);
            }
        }
    }
}

/// The capitalized name that ends just before token `paren`: [s, e), at least two words.
fn name_before(doc: &Document, paren: usize) -> Option<(usize, usize)> {
    let toks = doc.tokens();
    let e = paren;
    let mut s = paren;
    while s > 0 {
        let k = s - 1;
        let t = &toks[k];
        let is_name = t.kind == TokenKind::Word && t.has(Token::CAPITALIZED);
        let is_conn = t.kind == TokenKind::Word && CONNECTORS.contains(&doc.token_folded(k));
        if !(is_name || is_conn) || !doc.same_sentence(k, paren) {
            break;
        }
        s = k;
    }
    // Trim connectors (and "The") at the start.
    while s < e && CONNECTORS.contains(&doc.token_folded(s)) {
        s += 1;
    }
    let words = (s..e).filter(|&k| toks[k].has(Token::CAPITALIZED)).count();
    (words >= 2).then_some((s, e))
}

/// The name is the expansion, the expansion's tail, or ends with the expansion.
fn fits(run: &[&str], exp: &[String]) -> bool {
    if run.len() <= exp.len() {
        exp[exp.len() - run.len()..]
            .iter()
            .zip(run)
            .all(|(a, b)| a == b)
    } else {
        run[run.len() - exp.len()..]
            .iter()
            .zip(exp)
            .all(|(a, b)| a == b)
    }
}

fn overlap(run: &[&str], exp: &[String]) -> bool {
    let content: Vec<&String> = exp
        .iter()
        .filter(|w| !CONNECTORS.contains(&w.as_str()))
        .collect();
    let shared = content.iter().filter(|w| run.contains(&w.as_str())).count();
    !content.is_empty() && shared * 2 >= content.len()
}
