//! `kind = "entity"`: a gazetteer of people, places and organizations. Flags the foreign
//! or variant forms of a pack's `[[entry]]` rows and suggests the English form.

use super::missing;
use crate::diagnostic::{Diagnostic, render_message};
use crate::literals::{FoldedPhrase, LiteralBuilder, OwnerCheck};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::{EntityType, EntryDef, Lang, RuleDef};
use crate::text::Document;
use crate::text::case::match_case;
use crate::text::fold::{fold, fold_keep_accents};
use std::sync::{Arc, OnceLock};

/// Compiled configuration of an entity rule.
#[derive(Debug)]
pub struct EntitySpec {
    /// Which entries the rule covers.
    pub entity: EntityType,
    /// The pack's entries (all types; filtered by `entity`).
    pub entries: Arc<Vec<EntryDef>>,
}

/// Validates the entity keys of `def`.
pub(crate) fn compile(
    def: &RuleDef,
    entries: &Arc<Vec<EntryDef>>,
) -> Result<EntitySpec, SpecError> {
    let entity = def.entity.ok_or_else(|| missing(def, "entity"))?;
    if entity == EntityType::Acronym {
        return Err(SpecError::at(
            def.code.span(),
            "acronym entries are read by `kind = \"acronym\"` rules",
        ));
    }
    if !entries.iter().any(|e| e.kind == entity) {
        return Err(SpecError::at(
            def.code.span(),
            format!("the pack has no [[entry]] of type `{}`", entity.as_str()),
        ));
    }
    Ok(EntitySpec {
        entity,
        entries: entries.clone(),
    })
}

/// One foreign form of one entry. Everything else a hit needs (accent folds, capital
/// pattern, keep-phrases) is worked out at the form's first hit and kept: tables have
/// thousands of rows and start-up pays for each, while most forms are never hit — but a
/// form that is hit is usually hit again ("Russia" is also the Italian form, and clean
/// copy repeats it in every story).
#[derive(Debug)]
struct Form {
    entry: usize,
    lang: Lang,
    /// The form as written.
    written: String,
    facts: OnceLock<FormFacts>,
}

/// What a hit of a form is checked against (see [`EntityRule::on_hit`]).
#[derive(Debug)]
struct FormFacts {
    /// Per token of the form: whether it is written with a capital.
    capitals: Vec<bool>,
    /// The form folded with its accents kept.
    accented: String,
    /// Whether only accents tell the form from one of the entry's English forms.
    accent_sensitive: bool,
    /// The entry's English forms folded with their accents kept.
    english_accented: Vec<String>,
    /// The entry's keep-phrases.
    keep: Vec<FoldedPhrase>,
}

impl FormFacts {
    fn new(written: &str, entry: &EntryDef) -> Self {
        let phrase = FoldedPhrase::new(written);
        let folded = fold(written);
        FormFacts {
            capitals: phrase
                .original_all()
                .map(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect(),
            accented: fold_keep_accents(written),
            accent_sensitive: entry.en.iter().any(|x| fold(x) == folded),
            english_accented: entry.en.iter().map(|x| fold_keep_accents(x)).collect(),
            keep: entry.keep.iter().map(|k| FoldedPhrase::new(k)).collect(),
        }
    }
}

/// An entity rule ready to run.
#[derive(Debug)]
pub struct EntityRule {
    rule: Arc<Rule>,
    entries: Arc<Vec<EntryDef>>,
    forms: Vec<Form>,
    padded: Vec<String>,
    /// People's English surnames (last word of a multi-word form, 4 letters or more),
    /// with their entry: registered after the forms, to catch a drifted first name
    /// before a correct surname ("Serghei Lavrov").
    surnames: Vec<(String, usize)>,
    /// Per entry, made at the first surname hit: its two-word English forms' first and
    /// last words, folded, and the form's index in `en` (see
    /// [`EntityRule::first_name_before`], which folded them at every hit of a surname:
    /// 44 M instructions on 10 MB). One table, not one per entry: a check with no such
    /// hit (a one-line check) builds nothing.
    full_names: OnceLock<Vec<Vec<(String, String, usize)>>>,
}

impl EntityRule {
    /// Prepares the rule's forms.
    pub fn new(rule: Arc<Rule>, spec: &EntitySpec) -> Self {
        let mut forms = Vec::new();
        let mut padded = Vec::new();
        for (i, e) in spec.entries.iter().enumerate() {
            if e.kind != spec.entity {
                continue;
            }
            for (lang, f) in e.forms() {
                padded.push(FoldedPhrase::padded(f));
                forms.push(Form {
                    entry: i,
                    lang,
                    written: f.clone(),
                    facts: OnceLock::new(),
                });
            }
        }
        let mut surnames = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        if spec.entity == EntityType::Person {
            for (i, e) in spec
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == EntityType::Person)
            {
                for f in e.en.iter().filter(|f| f.split_whitespace().count() >= 2) {
                    let last = f.split_whitespace().last().unwrap_or_default();
                    if last.chars().count() >= 4 && seen.insert((last, i)) {
                        surnames.push((last.to_string(), i));
                    }
                }
            }
        }
        EntityRule {
            rule,
            entries: spec.entries.clone(),
            forms,
            padded,
            surnames,
            full_names: OnceLock::new(),
        }
    }

    /// Registers every form; `index` is the rule's position in the entity check.
    pub fn register(&self, index: u32, lits: &mut LiteralBuilder) {
        // Surnames get the local ids after the forms (see `on_hit`).
        let surnames: Vec<String> = self
            .surnames
            .iter()
            .map(|(s, _)| FoldedPhrase::padded(s))
            .collect();
        let all = self
            .padded
            .iter()
            .map(String::as_str)
            .chain(surnames.iter().map(String::as_str));
        lits.add_all(OwnerCheck::Entity, index, all);
    }

    /// The pack's entries (all types).
    pub fn entries(&self) -> &Arc<Vec<EntryDef>> {
        &self.entries
    }

    /// Every foreign form of this rule's entries.
    pub fn variant_forms(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(|f| f.written.as_str())
    }

    /// English forms of every entry of every type in this rule's pack.
    pub fn english_forms(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .flat_map(|e| e.en.iter().map(String::as_str))
    }

    /// Handles a literal hit of form `local` on tokens `[a, b)`.
    pub fn on_hit(
        &self,
        doc: &Document,
        local: usize,
        a: usize,
        b: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        if local >= self.forms.len() {
            return self.on_surname(doc, local - self.forms.len(), a, out);
        }
        let form = &self.forms[local];
        let facts = form
            .facts
            .get_or_init(|| FormFacts::new(&form.written, &self.entries[form.entry]));
        let mut span = doc.span_of(a, b);
        let text = &doc.text()[span.clone()];
        // Proper names: every word written with a capital must have one in the text
        // ("Nice" is not "nice"; "Right and Justice" is not "right and justice").
        if !(a..b)
            .zip(&facts.capitals)
            .all(|(k, &cap)| !cap || doc.tokens()[k].has(crate::text::Token::CAPITALIZED))
        {
            return;
        }
        // A form that only accents tell from an English one ("Séoul" / "Seoul") must
        // match with its accents; text that is an English form is never flagged.
        let accented = fold_keep_accents(text);
        if (facts.accent_sensitive && accented != facts.accented)
            || facts.english_accented.contains(&accented)
        {
            return;
        }
        if facts.keep.iter().any(|k| keeps(doc, a, b, k)) {
            return;
        }
        if is_gloss(doc, a) {
            return;
        }
        let entry = &self.entries[form.entry];
        // A surname alone ("Ławrow") wants the surname alone ("Lavrov"): English forms
        // with as many words as the matched text come first, in their listed order.
        let words = b - a;
        let mut english: Vec<&String> = entry.en.iter().collect();
        english.sort_by_key(|e| e.split_whitespace().count().abs_diff(words));
        // "Benjamin Netanyahou" flagged on the surname: "Benjamin Netanyahu" would repeat
        // the first name, so drop English forms whose leading words stand just before.
        let repeats = |e: &&String| {
            let ws: Vec<String> = e.split_whitespace().map(fold).collect();
            let extra = ws.len().saturating_sub(words);
            extra > 0 && a >= extra && (0..extra).all(|i| doc.token_folded(a - extra + i) == ws[i])
        };
        if english.iter().any(|e| !repeats(e)) {
            english.retain(|e| !repeats(e));
        }
        // "Alaksandr Łukaszenka": the surname is flagged, and the word before it is a
        // foreign spelling of the person's English first name — take both.
        if words == 1
            && let Some(full) = self.first_name_before(doc, form.entry, a, english[0])
        {
            span = doc.span_of(a - 1, b);
            english.insert(0, full);
        }
        let text = &doc.text()[span.clone()];
        let start = crate::text::case::sentence_start_at(doc.text(), span.start);
        let suggestions: Vec<String> = english.iter().map(|e| match_case(text, e, start)).collect();
        let message = render_message(
            &self.rule.message,
            &[
                ("text", text),
                ("suggestion", &suggestions[0]),
                ("canonical", &suggestions[0]),
                ("lang", form.lang.name()),
                ("type", entry.kind.as_str()),
            ],
        );
        out.push(Diagnostic {
            rule: self.rule.clone(),
            span,
            message,
            suggestions,
            exact: accented == facts.accented,
            id: None,
        });
    }
}

impl EntityRule {
    /// The English full name of person `entry` ending in `surname`, if the word before
    /// token `a` is a foreign or drifted spelling of its first name ("Alaksandr" for
    /// "Alexander"): capitalized, in the same sentence, not an English first name of
    /// that person, and close to one (same initial, at most half the letters edited).
    fn first_name_before<'e>(
        &'e self,
        doc: &Document,
        entry: usize,
        a: usize,
        surname: &str,
    ) -> Option<&'e String> {
        let e = &self.entries[entry];
        if e.kind != EntityType::Person || a == 0 || !doc.same_sentence(a - 1, a) {
            return None;
        }
        let t = &doc.tokens()[a - 1];
        if t.kind != crate::text::TokenKind::Word
            || !t.has(crate::text::Token::CAPITALIZED)
            || t.has(crate::text::Token::ALL_CAPS)
        {
            return None;
        }
        let prev = doc.token_folded(a - 1);
        let full = &self.full_names.get_or_init(|| {
            self.entries
                .iter()
                .map(|e| {
                    let people = e.kind == EntityType::Person;
                    e.en.iter()
                        .enumerate()
                        .filter(|(_, f)| people && f.split_whitespace().count() == 2)
                        .map(|(k, f)| {
                            let mut w = f.split_whitespace();
                            let mut next = || fold(w.next().unwrap_or_default());
                            (next(), next(), k)
                        })
                        .collect()
                })
                .collect()
        })[entry];
        if full.iter().any(|(first, _, _)| first == prev) {
            return None;
        }
        let surname = fold(surname);
        full.iter()
            .find(|(first, last, _)| {
                *last == surname
                    && prev.chars().count() >= 3
                    && prev.chars().next() == first.chars().next()
                    && strsim::normalized_levenshtein(prev, first) >= 0.5
            })
            .map(|&(_, _, k)| &e.en[k])
    }

    /// A correct English surname at token `a`: flags a drifted first name before it
    /// ("Serghei Lavrov" → "Sergei").
    fn on_surname(&self, doc: &Document, i: usize, a: usize, out: &mut Vec<Diagnostic>) {
        let (surname, entry) = &self.surnames[i];
        if doc.token_text(a) != surname.as_str() {
            return;
        }
        let Some(full) = self.first_name_before(doc, *entry, a, surname) else {
            return;
        };
        let first = full
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let span = doc.tokens()[a - 1].range();
        let text = &doc.text()[span.clone()];
        let message = render_message(
            &self.rule.message,
            &[
                ("text", text),
                ("suggestion", &first),
                ("canonical", full),
                ("lang", "foreign"),
                ("type", "person"),
            ],
        );
        out.push(Diagnostic {
            rule: self.rule.clone(),
            span,
            message,
            suggestions: vec![first],
            exact: false,
            id: None,
        });
    }
}

/// Words that introduce a name as a name: "known in Polish as Lwów", "formerly
/// Dnepropetrovsk".
const GLOSS_WORDS: &[&str] = &[
    // Only words that cannot be the verb of a sentence about the person or place:
    // "called" and "named" are left out ("Putin called Zelenski", "named Choïgou").
    "known",
    "spelled",
    "spelt",
    "spelling",
    "formerly",
    "dubbed",
    "nicknamed",
    "romanized",
    "transliterated",
    "aka",
    "renamed",
];

/// Whether the form at token `a` is glossed — mentioned as a name rather than used:
/// a gloss word shortly before it in the same sentence, "or" just before it ("Kyiv, or
/// Kiev,"), or a parenthesis right after a capitalized name ("Kyiv (Kiev)").
fn is_gloss(doc: &Document, a: usize) -> bool {
    let near = (a.saturating_sub(4)..a).filter(|&k| doc.same_sentence(k, a));
    if near
        .clone()
        .any(|k| GLOSS_WORDS.contains(&doc.token_folded(k)))
    {
        return true;
    }
    if a >= 1 && doc.same_sentence(a - 1, a) && doc.token_folded(a - 1) == "or" {
        return true;
    }
    a >= 2
        && doc.token_text(a - 1) == "("
        && doc.same_sentence(a - 2, a)
        && doc.tokens()[a - 2].has(crate::text::Token::CAPITALIZED)
}

/// Whether tokens `[a, b)` sit inside an occurrence of keep-phrase `k` ("Odessa, Texas").
fn keeps(doc: &Document, a: usize, b: usize, k: &FoldedPhrase) -> bool {
    let n = b - a;
    (0..=k.len().saturating_sub(n)).any(|j| {
        let fits = (0..n).all(|i| j + i < k.len() && k.folded(j + i) == doc.token_folded(a + i));
        fits && a >= j && {
            let start = a - j;
            start + k.len() <= doc.tokens().len()
                && (0..k.len()).all(|i| doc.token_folded(start + i) == k.folded(i))
        }
    })
}

/// Foreign place forms → English, from every place rule: lets a pattern rule translate
/// the city of a source-style dateline ("(Beyrouth)" → "BEIRUT —").
#[derive(Debug, Default)]
pub struct PlaceNames {
    map: rustc_hash::FxHashMap<String, String>,
}

impl PlaceNames {
    /// Adds the foreign forms of `rule`'s place entries.
    pub fn add(&mut self, rule: &EntityRule) {
        for f in &rule.forms {
            let e = &rule.entries[f.entry];
            if e.kind == EntityType::Place {
                self.insert(&f.written, &e.en[0]);
            }
        }
    }

    /// Records that `form` is `english` (the first record of a form wins).
    pub fn insert(&mut self, form: &str, english: &str) {
        self.map
            .entry(fold(form))
            .or_insert_with(|| english.to_string());
    }

    /// The English name of a foreign place form, if known.
    pub fn english(&self, form: &str) -> Option<&str> {
        self.map.get(&fold(form)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::Linter;

    /// A drifted first name before a listed surname is flagged alone, with the English
    /// first name (the person's two-word forms, folded once); the English first name
    /// and another person's stay quiet.
    #[test]
    fn a_drifted_first_name_before_a_surname_gets_the_english_one() {
        let linter = Linter::builtin().expect("built-in rules load");
        let found = |text: &str| -> Vec<(String, Vec<String>)> {
            linter
                .lint(text)
                .into_iter()
                .map(|d| (text[d.span.clone()].to_string(), d.suggestions))
                .collect()
        };
        let drifted = found("Minister Sirgey Shoigu spoke.");
        assert!(
            drifted.contains(&("Sirgey".to_string(), vec!["Sergei".to_string()])),
            "{drifted:?}"
        );
        for quiet in [
            "Minister Sergei Shoigu spoke.",
            "Minister Sergei Lavrov spoke.",
        ] {
            assert!(found(quiet).is_empty(), "{quiet}: {:?}", found(quiet));
        }
    }
}
