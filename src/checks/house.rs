//! `kind = "house"`: house style for names. The default profile accepts every standard
//! English form (Kim Jong Un and Kim Jong-un, Zelensky and Zelenskyy); with a house
//! style selected (`--style ap`, `style = "ap"` in mtlint.toml), an English form that
//! differs from that house's preferred spelling (the `ap` / `reuters` key of a gazetteer
//! entry) is reported, at info severity.

use super::missing;
use crate::diagnostic::{Diagnostic, render_message};
use crate::literals::{FoldedPhrase, LiteralBuilder, Owner, OwnerCheck};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::{EntryDef, House, RuleDef};
use crate::text::Document;
use crate::text::fold::{fold, normalize_punct};
use std::sync::Arc;

/// Compiled configuration of a house-style rule.
#[derive(Debug)]
pub struct HouseSpec {
    /// Which house the rule speaks for.
    pub house: House,
}

/// Validates the `house` key.
pub(crate) fn compile(def: &RuleDef) -> Result<HouseSpec, SpecError> {
    Ok(HouseSpec {
        house: def.house.ok_or_else(|| missing(def, "house"))?,
    })
}

/// The last `k` words of `s`.
fn tail(s: &str, k: usize) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    w[w.len().saturating_sub(k)..].join(" ")
}

/// A form with case and hyphens folded away (`Kim Jong-un` ~ `Kim Jong Un`).
fn loose(s: &str) -> String {
    fold(s).replace('-', " ")
}

/// One house's rule and the forms it flags: (English form as written, house form).
#[derive(Debug)]
struct HouseRule {
    rule: Arc<Rule>,
    house: House,
    forms: Vec<(String, String)>,
}

/// Every house rule of the rule set. All are compiled; the selected style decides at
/// lint time which one reports (the example runner enables each in turn).
#[derive(Debug, Default)]
pub struct HouseCheck {
    rules: Vec<HouseRule>,
}

impl HouseCheck {
    /// Adds a rule.
    pub fn add(&mut self, rule: Arc<Rule>, spec: &HouseSpec) {
        self.rules.push(HouseRule {
            rule,
            house: spec.house,
            forms: Vec::new(),
        });
    }

    /// Collects, from every gazetteer entry with a preferred form for a house, the
    /// English forms that spell the name otherwise.
    pub fn add_entries<'a>(&mut self, entries: impl IntoIterator<Item = &'a EntryDef> + Clone) {
        for r in &mut self.rules {
            for e in entries.clone() {
                let preferred = match r.house {
                    House::Ap => &e.ap,
                    House::Reuters => &e.reuters,
                };
                let Some(pref) = preferred else { continue };
                let n = pref.split_whitespace().count();
                for f in &e.en {
                    let k = f.split_whitespace().count();
                    // The same name written otherwise (case, hyphens) wants the full
                    // house form; a shorter form ("Zelensky") its last words.
                    let want = if loose(f) == loose(pref) || k >= n {
                        pref.clone()
                    } else {
                        tail(pref, k)
                    };
                    let differs = if loose(f) == loose(&want) {
                        f != &want
                    } else {
                        fold(f) != fold(&want)
                    };
                    // Only another spelling of the same words is a house-style matter:
                    // "Lula" is not a misspelling of "Luiz Inácio Lula da Silva".
                    let same_name = strsim::normalized_levenshtein(&loose(f), &loose(&want)) >= 0.7;
                    if differs && same_name && !r.forms.iter().any(|(x, _)| x == f) {
                        r.forms.push((f.clone(), want));
                    }
                }
            }
        }
    }

    /// Registers every rule's forms.
    pub fn register(&self, lits: &mut LiteralBuilder) {
        for (ri, r) in self.rules.iter().enumerate() {
            for (i, (f, _)) in r.forms.iter().enumerate() {
                let owner = Owner {
                    check: OwnerCheck::House,
                    rule: ri as u32,
                    local: i as u32,
                };
                lits.add(&FoldedPhrase::padded(f), owner);
            }
        }
    }

    /// The house of rule `rule` and its code.
    pub fn house_of(&self, rule: usize) -> (House, &str) {
        (self.rules[rule].house, &self.rules[rule].rule.code)
    }

    /// Handles a hit of form `local` of rule `rule` on tokens `[a, b)`: the text must be
    /// that form as written (any case of a standard form is fine without a house style).
    pub fn on_hit(
        &self,
        doc: &Document,
        rule: usize,
        local: usize,
        a: usize,
        b: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let r = &self.rules[rule];
        let (form, want) = &r.forms[local];
        let span = doc.span_of(a, b);
        let text = &doc.text()[span.clone()];
        if normalize_punct(text) != normalize_punct(form) {
            return;
        }
        let message = render_message(&r.rule.message, &[("text", text), ("suggestion", want)]);
        out.push(Diagnostic {
            rule: r.rule.clone(),
            span,
            message,
            suggestions: vec![want.clone()],
            exact: true,
            id: None,
        });
    }
}
