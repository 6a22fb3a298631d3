//! `kind = "untranslated"`: text left in the source language.
//!
//! Two detectors, chosen by a rule's `detect` key:
//!
//! * `run`: a run of foreign function words ("« de la »", "und der", "de los") or one
//!   such word between two words that are not English ("ministère de l'Intérieur").
//!   The words come from `rules/untranslated/function-words.tsv` (stopwords-iso, minus
//!   English words; see its generator). A stopword that is also an English word
//!   (`la`, `die`, `pas`) is *weak*: it only counts beside a *strong* one, so English
//!   text around a loanword never makes a run by itself.
//! * `clause`: a clause (a sentence cut at commas, semicolons, colons, brackets and
//!   quotation marks) of at least `min_words` words, most of them not English
//!   (`rules/untranslated/english.txt`, Debian wamerican), with two or more strong
//!   function words of one language, that `whatlang` identifies as that language with
//!   at least `min_confidence`. The word counts are a cheap filter that keeps language
//!   identification off nearly every clause, and a second opinion that keeps it from
//!   mistaking a short English clause for French.
//!
//! Proper names stay quiet: capitalized words are names (a sentence's first word
//! counts as a word only when a lower-case word follows it), function words right
//! before a capitalized word are particles ("de Gaulle", "van Gogh", "Corriere della
//! Sera", "Oscar de la Hoya"), an elided word after a capitalized one belongs to the
//! name ("Côte d'Ivoire"), a short quotation (four words at most) is a title, and the
//! rule's `keep` phrases are loanwords English uses as they are ("de facto", "à la
//! carte", "raison d'être").

use crate::diagnostic::{Diagnostic, render_message};
use crate::literals::{LiteralBuilder, Owner, OwnerCheck};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::{Detect, Lang, RuleDef};
use crate::text::word_key::{
    BitFilter, ShortTable, key_has_byte, short_key, short_key_in, word_sig,
};
use crate::text::{Document, Token, TokenKind};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// The function-word table (see the module documentation).
const FUNCTION_WORDS: &str = include_str!("../../rules/untranslated/function-words.tsv");
/// Lower-case English words.
const ENGLISH: &str = include_str!("../../rules/untranslated/english.txt");

/// The languages of the table, in the order ties are broken; bit `i` of a mask is
/// `LANGS[i]`.
const LANGS: [Lang; 5] = [Lang::Fr, Lang::Es, Lang::It, Lang::Pt, Lang::De];

/// Words a quotation may have to be taken for a title ("“La Vie en rose”").
const TITLE_WORDS: usize = 4;

/// Particles that start a name in lower case ("de Gaulle", "van Gogh", "da Silva").
const FREE_PARTICLES: [&str; 16] = [
    "de", "di", "da", "do", "dos", "das", "du", "del", "della", "dello", "degli", "dei", "van",
    "von", "al", "el",
];
/// Particles only after a free one ("de la Hoya", "von der Leyen", "van den Berg").
const BOUND_PARTICLES: [&str; 10] = [
    "la", "le", "las", "los", "der", "den", "ter", "ten", "les", "lo",
];

/// Default `min_words` of clause rules.
const DEFAULT_MIN_WORDS: usize = 6;
/// Default `min_confidence` of clause rules.
const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

fn lang_bit(l: Lang) -> u8 {
    LANGS.iter().position(|&x| x == l).map_or(0, |i| 1 << i)
}

/// One row of the function-word table.
#[derive(Debug, Clone, Copy)]
struct FunctionWord {
    langs: u8,
    strong: bool,
}

/// The embedded word lists, parsed on first use: the function words when a linter with
/// untranslated rules is built (see [`UntranslatedCheck::register`]), the English list
/// only when a clause needs it (most documents never do).
struct Lexicon {
    function: FxHashMap<&'static str, FunctionWord>,
    /// The table's words' signatures ([`word_sig`]): a word not in the filter is no
    /// function word, found without hashing it (most words of English copy).
    filter: BitFilter,
    /// The words of up to seven bytes, by [`short_key`] (see [`Lexicon::strong_at`]).
    short: ShortTable<FunctionWord>,
    /// The keys of the strong ones: asked before `short` (see [`Lexicon::strong_at`]).
    strong_short: BitFilter,
    /// The strong words a token's folded form equals when it is a plain word: ASCII
    /// (lower case), without an apostrophe (see [`UntranslatedCheck::register`]).
    plain_strong: Vec<&'static str>,
}

/// Bits of [`Lexicon::filter`]: 2^16 (8 KiB, in L1 cache), of which the table's 2,800
/// words set about 4%.
const FILTER_BITS: u32 = 16;

impl Lexicon {
    fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut function = FxHashMap::default();
            let mut filter = BitFilter::new(FILTER_BITS);
            for line in FUNCTION_WORDS.lines().filter(|l| !l.starts_with('#')) {
                let mut cols = line.split('\t');
                let (Some(word), Some(langs), Some(strength)) =
                    (cols.next(), cols.next(), cols.next())
                else {
                    continue;
                };
                let mask = langs.split(',').fold(0u8, |m, code| {
                    m | LANGS
                        .iter()
                        .position(|l| l.code() == code)
                        .map_or(0, |i| 1 << i)
                });
                if !word.is_empty() {
                    filter.insert(word_sig(word.as_bytes(), 0, word.len()));
                }
                function.insert(
                    word,
                    FunctionWord {
                        langs: mask,
                        strong: strength == "strong",
                    },
                );
            }
            let mut short = ShortTable::with_capacity(function.len());
            let mut strong_short = BitFilter::new(FILTER_BITS);
            let mut plain_strong = Vec::new();
            for (word, f) in &function {
                if f.strong && word.bytes().all(|b| b.is_ascii() && b != b'\'') {
                    plain_strong.push(*word);
                }
                if let Some(key) = short_key(word.as_bytes()) {
                    short.insert(key, *f);
                    if f.strong {
                        strong_short.insert(key);
                    }
                }
            }
            Lexicon {
                function,
                filter,
                short,
                strong_short,
                plain_strong,
            }
        })
    }

    fn is_english(&self, word: &str) -> bool {
        is_english_word(word)
    }

    /// Whether the ASCII word `folded[at..at + len]` (a document's folded stream: lower
    /// case) is a strong function word by [`Lexicon::function_word`]. A word of up to
    /// seven bytes is read as one integer ([`short_key_in`]), looked up in
    /// [`Lexicon::short`] and tested for an apostrophe in a few word operations; longer
    /// words take the general path.
    ///
    /// Most words of English copy are no function word: the strong words' filter
    /// answers them from the first-level cache, where the table missed it.
    fn strong_at(&self, folded: &str, at: usize, len: usize) -> bool {
        if let Some(key) = short_key_in(folded.as_bytes(), at, len) {
            let elided = key_has_byte(key, b'\'');
            if !elided && !self.strong_short.may_contain(key) {
                return false;
            }
            match self.short.get(key) {
                Some(f) if f.strong => return true,
                // Listed as weak: `function_word` looks no further.
                Some(_) => return false,
                None if !elided => return false,
                None => {}
            }
        }
        self.function_word(&folded[at..at + len])
            .is_some_and(|f| f.strong)
    }

    /// The function word a lower-case word is, or the elision it starts with
    /// ("l'économie" → "l'").
    fn function_word(&self, word: &str) -> Option<FunctionWord> {
        let b = word.as_bytes();
        let listed = !b.is_empty() && self.filter.may_contain(word_sig(b, 0, b.len()));
        if listed && let Some(f) = self.function.get(word) {
            return Some(*f);
        }
        // A byte loop: words are short, and a memchr call costs more than it saves.
        let apo = b.iter().position(|&b| b == b'\'')?;
        self.function.get(&word[..=apo]).copied()
    }
}

/// Compiled configuration of an `untranslated` rule.
#[derive(Debug)]
pub struct UntranslatedSpec {
    detect: Detect,
    /// Loanword phrases, as folded tokens.
    keep: Vec<Vec<String>>,
    /// Mask of the languages the rule reports.
    langs: u8,
    min_words: usize,
    min_confidence: f64,
}

impl UntranslatedSpec {
    /// The loanword phrases behind the rule (for `mtlint rules`).
    pub fn table_size(&self) -> usize {
        self.keep.len()
    }
}

/// Validates `detect`, `keep`, `languages`, `min_words` and `min_confidence`.
pub(crate) fn compile(def: &RuleDef) -> Result<UntranslatedSpec, SpecError> {
    let detect = def.detect.ok_or_else(|| super::missing(def, "detect"))?;
    let err = |m: String| SpecError::at(def.code.span(), m);
    if detect == Detect::Run && (def.min_words.is_some() || def.min_confidence.is_some()) {
        return Err(err(
            "`min_words` and `min_confidence` apply to `detect = \"clause\"` rules".into(),
        ));
    }
    let mut langs = 0u8;
    for &l in def.languages.as_deref().unwrap_or(&LANGS) {
        let bit = lang_bit(l);
        if bit == 0 {
            return Err(err(format!(
                "no word list for language `{}` (one of fr, de, es, it, pt)",
                l.code()
            )));
        }
        langs |= bit;
    }
    let min_confidence = def.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE);
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(err("`min_confidence` is between 0 and 1".into()));
    }
    let min_words = def.min_words.unwrap_or(DEFAULT_MIN_WORDS);
    if min_words < 2 {
        return Err(err("`min_words` is at least 2".into()));
    }
    let mut keep = Vec::new();
    for phrase in def.keep.iter().flatten() {
        let doc = Document::new(phrase);
        let toks: Vec<String> = (0..doc.tokens().len())
            .map(|i| doc.token_folded(i).to_string())
            .collect();
        if toks.is_empty() {
            return Err(err(format!("`keep` phrase `{phrase}` has no words")));
        }
        keep.push(toks);
    }
    Ok(UntranslatedSpec {
        detect,
        keep,
        langs,
        min_words,
        min_confidence,
    })
}

/// What a token is to the detectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A function word that is not English.
    Strong(u8),
    /// A function word that is also an English word.
    Weak(u8),
    /// Any other lower-case word (English or not: decided when needed).
    Lower,
    /// A name, a loanword, a number, punctuation.
    Other,
}

impl Class {
    fn langs(self) -> u8 {
        match self {
            Class::Strong(m) | Class::Weak(m) => m,
            _ => 0,
        }
    }
}

/// A rule with its loanwords indexed by first token.
#[derive(Debug)]
struct UntranslatedRule {
    rule: Arc<Rule>,
    spec: UntranslatedSpec,
    keep_index: FxHashMap<String, Vec<usize>>,
}

/// Every `untranslated` rule of the rule set.
#[derive(Debug, Default)]
pub struct UntranslatedCheck {
    rules: Vec<UntranslatedRule>,
}

/// Whether the word's first letter is upper case (a name, or a sentence's first word).
fn capitalized(t: &Token) -> bool {
    t.has(Token::CAPITALIZED) || t.has(Token::ALL_CAPS)
}

/// The token's text in lower case with straight apostrophes, borrowed when it already is.
fn lower(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    if text.chars().any(|c| c.is_uppercase() || c == '\u{2019}') {
        Cow::Owned(text.to_lowercase().replace('\u{2019}', "'"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether tokens `i` and `i + 1` are neighbours in one sentence (nothing but space
/// between them).
fn adjacent(doc: &Document, i: usize) -> bool {
    let t = doc.tokens();
    i + 1 < t.len() && t[i].sentence == t[i + 1].sentence
}

fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && !t.has(Token::ABBREVIATION)
}

const OPEN_QUOTES: [&str; 4] = ["“", "«", "\"", "„"];
const CLOSE_QUOTES: [&str; 3] = ["”", "»", "\""];

impl UntranslatedCheck {
    /// Adds a rule.
    pub fn add(&mut self, rule: Arc<Rule>, spec: UntranslatedSpec) {
        let mut keep_index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, k) in spec.keep.iter().enumerate() {
            keep_index.entry(k[0].clone()).or_default().push(i);
        }
        self.rules.push(UntranslatedRule {
            rule,
            spec,
            keep_index,
        });
    }

    /// Registers the strong function words that are plain words — ASCII, without an
    /// apostrophe, one token each — in the literal index (owner
    /// [`OwnerCheck::Untranslated`]), if any rule will need them. The index already
    /// looks every token up; asking the word list for every word of a document as well
    /// was 6% of a run on 10 MB of clean copy (11 ms, for 1.8 M tokens). The other
    /// strong words are among a document's [`Document::special_words`].
    ///
    /// This reads the word lists if [`UntranslatedCheck::prepare`] has not.
    pub fn register(&self, lits: &mut LiteralBuilder) {
        if self.rules.is_empty() {
            return;
        }
        let owner = Owner {
            check: OwnerCheck::Untranslated,
            rule: 0,
            local: 0,
        };
        let mut padded = String::new();
        for w in &Lexicon::get().plain_strong {
            padded.clear();
            padded.extend([" ", w, " "]);
            lits.add(&padded, owner);
        }
    }

    /// Reads the word lists now if any rule will need them, so that the work is done
    /// while the linter is built on every core rather than at the first document (for
    /// a one-line check, a serial 2 M instructions after building, `callgrind`).
    pub fn prepare(&self) {
        if !self.rules.is_empty() {
            Lexicon::get();
        }
    }

    /// Reports every rule's findings in `doc`. `words`: the tokens, in order, where the
    /// literal index found one of the words [`UntranslatedCheck::register`] gave it.
    pub fn scan(&self, doc: &Document, words: &[usize], out: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        let lex = Lexicon::get();
        // Runs and clauses never leave a sentence, and both need a strong function
        // word: sentences without one (nearly all of English copy) are not classified.
        let sentences = strong_sentences(doc, lex, words);
        if sentences.is_empty() {
            return;
        }
        let base = classify_in(doc, lex, &sentences);
        // Particles and titles may have taken every strong word back.
        if !base.iter().any(|c| matches!(c, Class::Strong(_))) {
            return;
        }
        for r in &self.rules {
            let mut classes = base.clone();
            match r.spec.detect {
                // Runs grow from strong function words, few in English copy: loanwords
                // are looked up around those alone (see `runs`).
                Detect::Run => r.runs(doc, lex, &mut classes, &sentences, out),
                Detect::Clause => r.clauses(doc, lex, &mut classes, &sentences, out),
            }
        }
    }
}

/// Whether `word` (lower case) is in the English word list. The list is sorted (the
/// generator writes it so, and a test checks it), so a binary search over the embedded
/// text answers without building a set: a one-line check should not pay for 64,000
/// words it never looks up.
fn is_english_word(word: &str) -> bool {
    // Bytes, not chars: a midpoint may fall inside a character, and UTF-8 byte order is
    // code point order, the order the list is sorted in.
    let words = english_words().as_bytes();
    let (mut lo, mut hi) = (0, words.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = words[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = words[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(words.len(), |i| start + i);
        match words[start..end].cmp(word.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// The word lines of the English list, after its `#` header.
fn english_words() -> &'static str {
    let mut rest = ENGLISH;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest
}

/// Token `i` as the function-word table is looked up with: the word in lower case, or
/// `None` for a name. `sentence_first`: it is its sentence's first word.
fn lookup_form<'d>(doc: &'d Document, i: usize, sentence_first: bool) -> Option<Cow<'d, str>> {
    if is_name(doc, i, sentence_first) {
        return None;
    }
    // An ASCII word's folded form is its lower case, already made.
    Some(if doc.tokens()[i].has(Token::ASCII) {
        Cow::Borrowed(doc.token_folded(i))
    } else {
        lower(doc.token_text(i))
    })
}

/// Whether word token `i` is read as (part of) a name: capitalized, unless it is its
/// sentence's first word (`sentence_first`) and a lower-case word follows ("Nous ne
/// céderons pas" against "Der Spiegel").
fn is_name(doc: &Document, i: usize, sentence_first: bool) -> bool {
    let toks = doc.tokens();
    let t = &toks[i];
    if !capitalized(t) {
        return false;
    }
    let next_lower = adjacent(doc, i) && is_word(&toks[i + 1]) && !capitalized(&toks[i + 1]);
    !(sentence_first && next_lower) || t.has(Token::ALL_CAPS)
}

/// The sentences (token ranges, in order) where [`classify_in`] can find a strong
/// function word: those that hold one before particles and titles are taken out.
/// `plain`: the tokens that are plain strong words (see [`UntranslatedCheck::register`]);
/// the document's special words are asked here.
fn strong_sentences(doc: &Document, lex: &Lexicon, plain: &[usize]) -> Vec<(usize, usize)> {
    let toks = doc.tokens();
    let mut words: Vec<usize> = doc.special_words().iter().map(|&i| i as usize).collect();
    words.extend_from_slice(plain);
    words.sort_unstable();
    words.dedup();
    let mut out = Vec::new();
    // Tokens before `done` are in a sentence already found.
    let mut done = 0;
    for i in words {
        let t = &toks[i];
        if i < done || !is_word(t) || !strong_word(doc, lex, i) {
            continue;
        }
        let sentence = t.sentence;
        let a = toks[..i]
            .iter()
            .rposition(|t| t.sentence != sentence)
            .map_or(0, |k| k + 1);
        let first_word = !toks[a..i].iter().any(is_word);
        if is_name(doc, i, first_word) {
            continue;
        }
        let b = toks[i..]
            .iter()
            .position(|t| t.sentence != sentence)
            .map_or(toks.len(), |k| i + k);
        out.push((a, b));
        done = b;
    }
    out
}

/// Whether word token `i` is a strong function word (or starts with a strong elision).
fn strong_word(doc: &Document, lex: &Lexicon, i: usize) -> bool {
    let t = &doc.tokens()[i];
    if t.has(Token::ASCII) {
        let (at, end) = (t.fstart as usize, t.fend as usize);
        lex.strong_at(doc.folded(), at, end - at)
    } else {
        let w = lower(doc.token_text(i));
        lex.function_word(&w).is_some_and(|f| f.strong)
    }
}

/// [`strong_sentences`] the obvious way, every word of every sentence asked: what the
/// literal index and the special words must find.
#[cfg(test)]
fn strong_sentences_by_word(doc: &Document, lex: &Lexicon) -> Vec<(usize, usize)> {
    let toks = doc.tokens();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (a, sentence) = (i, toks[i].sentence);
        let mut first_word = true;
        let mut strong = false;
        while i < toks.len() && toks[i].sentence == sentence {
            let t = &toks[i];
            if !strong && is_word(t) && !is_name(doc, i, std::mem::take(&mut first_word)) {
                strong = strong_word(doc, lex, i);
            }
            i += 1;
        }
        if strong {
            out.push((a, i));
        }
    }
    out
}

/// Classifies every token, with the name guards of the module documentation (the
/// reference [`classify_in`] is tested against).
#[cfg(test)]
fn classify(doc: &Document, lex: &Lexicon) -> Vec<Class> {
    classify_in(doc, lex, &sentence_ranges(doc.tokens()))
}

/// Classifies the tokens of `sentences` (token ranges, in order), with the name guards
/// of the module documentation; every other token is [`Class::Other`].
///
/// Every guard reads within a sentence (`adjacent` is "in the same sentence"), except
/// titles: a quotation mark that starts a sentence may close one the sentence before
/// opened, so titles are read over the whole document. They need only punctuation.
fn classify_in(doc: &Document, lex: &Lexicon, sentences: &[(usize, usize)]) -> Vec<Class> {
    let toks = doc.tokens();
    let mut classes = vec![Class::Other; toks.len()];
    let mut particle = Vec::new();
    for &(a, b) in sentences {
        classify_sentence(doc, lex, a, b, &mut classes);
        particles(doc, lex, a, b, &mut classes, &mut particle);
    }
    quiet_titles(doc, &mut classes);
    classes
}

/// Classifies the words of the sentence at tokens `[a, b)`.
fn classify_sentence(doc: &Document, lex: &Lexicon, a: usize, b: usize, classes: &mut [Class]) {
    let toks = doc.tokens();
    let mut first_word = true;
    for i in a..b {
        if !is_word(&toks[i]) {
            continue;
        }
        let sentence_first = std::mem::take(&mut first_word);
        let Some(w) = lookup_form(doc, i, sentence_first) else {
            continue;
        };
        let text = doc.token_text(i);
        let ascii = toks[i].has(Token::ASCII);
        if let Some(f) = lex.function_word(&w) {
            let elided_name = w.contains('\'')
                && !lex.function.contains_key(w.as_ref())
                && text
                    .split(['\'', '\u{2019}'])
                    .nth(1)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase)
                && i > 0
                && capitalized(&toks[i - 1])
                && adjacent(doc, i - 1);
            classes[i] = if elided_name {
                Class::Other
            } else if f.strong {
                Class::Strong(f.langs)
            } else {
                Class::Weak(f.langs)
            };
        } else if all_letters(&w, ascii) {
            classes[i] = Class::Lower;
        }
    }
}

/// Takes name particles out of the sentence at tokens `[a, b)`: a particle right
/// before a capitalized word ("de Gaulle", "van Gogh"), a chain of them ("de la Hoya",
/// "von der Leyen"), and any function word between two capitalized words ("Corriere
/// della Sera", "Rue de Rivoli"). Articles that are only particles after another
/// particle ("der", "la") are not particles by themselves: German capitalizes every
/// noun, so "der Minister" is an article. `particle` is scratch space.
fn particles(
    doc: &Document,
    lex: &Lexicon,
    a: usize,
    b: usize,
    classes: &mut [Class],
    particle: &mut Vec<bool>,
) {
    let toks = doc.tokens();
    // Token `i` is at `particle[i - a]`.
    particle.clear();
    particle.resize(b - a, false);
    // Right to left, so that a chain is seen whole.
    for i in (a..b).rev() {
        if classes[i].langs() == 0 || !adjacent(doc, i) {
            continue;
        }
        let next = &toks[i + 1];
        let before_name = particle[i + 1 - a] || (is_word(next) && capitalized(next));
        if !before_name {
            continue;
        }
        let w = lower(doc.token_text(i));
        let after_name = i > 0 && adjacent(doc, i - 1) && {
            let prev = &toks[i - 1];
            is_word(prev) && capitalized(prev) && classes[i - 1] == Class::Other
        };
        let after_particle = i > 0
            && adjacent(doc, i - 1)
            && lex.function_word(&lower(doc.token_text(i - 1))).is_some()
            && FREE_PARTICLES.contains(&lower(doc.token_text(i - 1)).as_ref());
        if after_name
            || FREE_PARTICLES.contains(&w.as_ref())
            || (BOUND_PARTICLES.contains(&w.as_ref()) && after_particle)
        {
            particle[i - a] = true;
            classes[i] = Class::Other;
        }
    }
}

/// Short quotations are titles ("“La Vie en rose”"): their words stay quiet. Longer ones
/// are left to the detectors, since a quotation left in the source language is exactly
/// what they look for.
fn quiet_titles(doc: &Document, classes: &mut [Class]) {
    let toks = doc.tokens();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == TokenKind::Punct && OPEN_QUOTES.contains(&doc.token_text(i)) {
            let mut j = i + 1;
            let mut words = 0;
            while j < toks.len()
                && toks[j].sentence == toks[i].sentence
                && !(toks[j].kind == TokenKind::Punct && CLOSE_QUOTES.contains(&doc.token_text(j)))
                && words <= TITLE_WORDS
            {
                words += usize::from(is_word(&toks[j]));
                j += 1;
            }
            let closed = j < toks.len()
                && toks[j].kind == TokenKind::Punct
                && CLOSE_QUOTES.contains(&doc.token_text(j));
            if closed && words <= TITLE_WORDS {
                for c in &mut classes[i + 1..j] {
                    *c = Class::Other;
                }
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// The language most of `masks` share (ties in [`LANGS`] order), within `allowed`.
fn majority(masks: impl Iterator<Item = u8>, allowed: u8) -> Option<usize> {
    let mut counts = [0usize; LANGS.len()];
    for m in masks {
        for (b, c) in counts.iter_mut().enumerate() {
            if m & allowed & (1 << b) != 0 {
                *c += 1;
            }
        }
    }
    let best = *counts.iter().max()?;
    (best > 0).then(|| counts.iter().position(|&c| c == best))?
}

impl UntranslatedRule {
    /// Marks the rule's loanword phrases ("de facto", "à la carte") that start at tokens
    /// `from..to` as names.
    fn quiet_loanwords(&self, doc: &Document, classes: &mut [Class], from: usize, to: usize) {
        if self.keep_index.is_empty() {
            return;
        }
        let n = doc.tokens().len();
        for i in from..to.min(n) {
            let Some(list) = self.keep_index.get(doc.token_folded(i)) else {
                continue;
            };
            for &k in list {
                let phrase = &self.spec.keep[k];
                let fits = i + phrase.len() <= n
                    && phrase
                        .iter()
                        .enumerate()
                        .all(|(o, p)| doc.token_folded(i + o) == p);
                if fits {
                    for c in &mut classes[i..i + phrase.len()] {
                        *c = Class::Other;
                    }
                }
            }
        }
    }

    /// Tokens in the longest loanword phrase (0 without any): how far before a stretch
    /// a phrase that reaches into it may start.
    fn longest_keep(&self) -> usize {
        self.spec.keep.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn report(&self, doc: &Document, a: usize, b: usize, lang: Lang, out: &mut Vec<Diagnostic>) {
        let span = doc.span_of(a, b);
        let text = &doc.text()[span.clone()];
        out.push(Diagnostic {
            rule: self.rule.clone(),
            message: render_message(&self.rule.message, &[("text", text), ("lang", lang.name())]),
            span,
            suggestions: Vec::new(),
            exact: true,
            id: None,
        });
    }

    /// `detect = "run"`, over the sentences `sentences` (token ranges, in order; at
    /// least those with a strong function word).
    ///
    /// Loanword phrases are marked lazily: quieting only takes words out of a segment,
    /// so the segment a strong word would grow without it bounds the one it grows with
    /// it, and only phrases that start within that stretch (or up to a phrase's length
    /// before it) can change the outcome. Marking them there, left to right, gives the
    /// classes a marking of the whole document would, where they are read.
    fn runs(
        &self,
        doc: &Document,
        lex: &Lexicon,
        classes: &mut [Class],
        sentences: &[(usize, usize)],
        out: &mut Vec<Diagnostic>,
    ) {
        let toks = doc.tokens();
        let longest = self.longest_keep();
        // Phrases starting before this token have been marked (or cannot matter).
        let mut marked = 0;
        // A segment stays in its sentence (`adjacent`).
        for &(from, to) in sentences {
            let mut i = from;
            while i < to {
                if !matches!(classes[i], Class::Strong(m) if m & self.spec.langs != 0) {
                    i += 1;
                    continue;
                }
                // Grow the segment over function words and words that are not English.
                let member = |classes: &[Class], j: usize| match classes[j] {
                    Class::Strong(_) | Class::Weak(_) => true,
                    Class::Lower => !lex.is_english(&lower(doc.token_text(j))),
                    Class::Other => false,
                };
                if longest > 0 {
                    let mut lo = i;
                    while lo > 0 && adjacent(doc, lo - 1) && member(classes, lo - 1) {
                        lo -= 1;
                    }
                    let mut hi = i + 1;
                    while hi < toks.len() && adjacent(doc, hi - 1) && member(classes, hi) {
                        hi += 1;
                    }
                    let from = marked.max((lo + 1).saturating_sub(longest));
                    self.quiet_loanwords(doc, classes, from, hi);
                    marked = marked.max(hi);
                    if !matches!(classes[i], Class::Strong(_)) {
                        i += 1;
                        continue;
                    }
                }
                let classes = &*classes;
                let member = |j: usize| member(classes, j);
                let mut a = i;
                while a > 0 && adjacent(doc, a - 1) && member(a - 1) {
                    a -= 1;
                }
                let mut b = i + 1;
                while b < toks.len() && adjacent(doc, b - 1) && member(b) {
                    b += 1;
                }
                let seg = &classes[a..b];
                // Two neighbouring function words of one language, one of them strong; or a
                // strong one between two other members.
                let pair = seg.windows(2).any(|w| {
                    w[0].langs() & w[1].langs() & self.spec.langs != 0
                        && (matches!(w[0], Class::Strong(_)) || matches!(w[1], Class::Strong(_)))
                });
                let flanked = seg
                    .windows(3)
                    .any(|w| matches!(w[1], Class::Strong(m) if m & self.spec.langs != 0));
                if pair || flanked {
                    let masks = seg.iter().map(|c| c.langs()).filter(|&m| m != 0);
                    if let Some(l) = majority(masks, self.spec.langs) {
                        self.report(doc, a, b, LANGS[l], out);
                    }
                }
                i = b;
            }
        }
    }

    /// `detect = "clause"`, over the sentences `candidates` (token ranges, in order;
    /// at least those with a strong function word).
    ///
    /// A clause is flagged only with two strong function words in it, and clauses do
    /// not cross sentences: only sentences with two strong words (before loanwords are
    /// quieted, which only takes strong words away) are read, and loanwords are marked
    /// in and just before those. Skipping the other sentences changes no report: their
    /// clauses would all be turned down, and a flagged clause left open before them is
    /// reported with its own span whenever it is closed.
    fn clauses(
        &self,
        doc: &Document,
        lex: &Lexicon,
        classes: &mut [Class],
        candidates: &[(usize, usize)],
        out: &mut Vec<Diagnostic>,
    ) {
        let longest = self.longest_keep();
        let mut sentences = candidates.to_vec();
        sentences.retain(|&(a, b)| {
            let strong = classes[a..b]
                .iter()
                .filter(|c| matches!(c, Class::Strong(_)));
            strong.count() >= 2
        });
        if sentences.is_empty() {
            return;
        }
        for &(a, b) in &sentences {
            self.quiet_loanwords(doc, classes, (a + 1).saturating_sub(longest), b);
        }
        self.clauses_in(doc, lex, classes, &sentences, out);
    }

    /// The clause detector over the sentences at token ranges `sentences` (in order).
    fn clauses_in(
        &self,
        doc: &Document,
        lex: &Lexicon,
        classes: &[Class],
        sentences: &[(usize, usize)],
        out: &mut Vec<Diagnostic>,
    ) {
        let toks = doc.tokens();
        let detector = whatlang::Detector::with_allowlist(vec![
            whatlang::Lang::Eng,
            whatlang::Lang::Fra,
            whatlang::Lang::Deu,
            whatlang::Lang::Spa,
            whatlang::Lang::Ita,
            whatlang::Lang::Por,
        ]);
        // The flagged clause being grown: (first token, end token, language, sentence).
        let mut open: Option<(usize, usize, usize, u32)> = None;
        for &(mut start, stop) in sentences {
            while start < stop {
                let end = clause_end(doc, start);
                let found = self.clause_language(doc, lex, classes, &detector, start, end);
                match (found, open) {
                    (Some((a, b, l)), Some((oa, _, ol, s))) if ol == l && s == toks[a].sentence => {
                        open = Some((oa, b, l, s));
                    }
                    (Some((a, b, l)), _) => {
                        if let Some((oa, ob, ol, _)) = open {
                            self.report(doc, oa, ob, LANGS[ol], out);
                        }
                        open = Some((a, b, l, toks[a].sentence));
                    }
                    (None, Some((oa, ob, ol, _))) if end > start && has_word(toks, start, end) => {
                        self.report(doc, oa, ob, LANGS[ol], out);
                        open = None;
                    }
                    _ => {}
                }
                start = end.max(start + 1);
            }
        }
        if let Some((oa, ob, ol, _)) = open {
            self.report(doc, oa, ob, LANGS[ol], out);
        }
    }

    /// The word range and language of tokens `[start, end)` when they are a clause in
    /// one of the rule's languages.
    fn clause_language(
        &self,
        doc: &Document,
        lex: &Lexicon,
        classes: &[Class],
        detector: &whatlang::Detector,
        start: usize,
        end: usize,
    ) -> Option<(usize, usize, usize)> {
        let toks = doc.tokens();
        let words: Vec<usize> = (start..end).filter(|&j| is_word(&toks[j])).collect();
        if words.len() < self.spec.min_words {
            return None;
        }
        let strong: Vec<u8> = words
            .iter()
            .filter_map(|&j| match classes[j] {
                Class::Strong(m) => Some(m),
                _ => None,
            })
            .collect();
        if strong.len() < 2 {
            return None;
        }
        // Most of the clause's words are not English: names (capitalized words) count
        // for neither side, and a weak function word counts as foreign.
        let mut english = 0;
        let mut foreign = 0;
        for &j in &words {
            match classes[j] {
                Class::Strong(_) | Class::Weak(_) => foreign += 1,
                Class::Lower if lex.is_english(&lower(doc.token_text(j))) => english += 1,
                Class::Lower => foreign += 1,
                Class::Other => {}
            }
        }
        if foreign < self.spec.min_words.div_ceil(2) || english * 2 >= foreign + english {
            return None;
        }
        let (a, b) = (*words.first()?, *words.last()? + 1);
        let span = doc.span_of(a, b);
        let info = detector.detect(&doc.text()[span])?;
        let lang = match info.lang() {
            whatlang::Lang::Fra => Lang::Fr,
            whatlang::Lang::Deu => Lang::De,
            whatlang::Lang::Spa => Lang::Es,
            whatlang::Lang::Ita => Lang::It,
            whatlang::Lang::Por => Lang::Pt,
            _ => return None,
        };
        let bit = lang_bit(lang);
        let agrees = strong.iter().filter(|&&m| m & bit != 0).count() >= 2;
        (bit & self.spec.langs != 0 && agrees && info.confidence() >= self.spec.min_confidence)
            .then(|| (a, b, LANGS.iter().position(|&l| l == lang).unwrap_or(0)))
    }
}

fn has_word(toks: &[Token], a: usize, b: usize) -> bool {
    toks[a..b].iter().any(is_word)
}

/// Whether `word` is letters only (byte by byte when it is known to be ASCII).
fn all_letters(word: &str, ascii: bool) -> bool {
    if ascii {
        word.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        word.chars().all(char::is_alphabetic)
    }
}

/// The token ranges `[a, b)` of the document's sentences, in order.
#[cfg(test)]
fn sentence_ranges(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match ranges.last_mut() {
            Some((a, b)) if toks[*a].sentence == t.sentence => *b = i + 1,
            _ => ranges.push((i, i + 1)),
        }
    }
    ranges
}

/// Where the clause starting at token `start` ends: at a sentence boundary or a
/// clause-level punctuation mark.
fn clause_end(doc: &Document, start: usize) -> usize {
    let toks = doc.tokens();
    let mut end = start;
    while end < toks.len()
        && toks[end].sentence == toks[start].sentence
        && !(toks[end].kind == TokenKind::Punct
            && matches!(
                doc.token_text(end),
                "," | ";" | ":" | "(" | ")" | "“" | "”" | "«" | "»" | "\"" | "„" | "—" | "–"
            ))
    {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use crate::Linter;

    #[test]
    fn the_english_list_is_sorted_and_searchable() {
        let words: Vec<&str> = super::english_words().lines().collect();
        assert!(words.len() > 50_000);
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for w in words
            .iter()
            .step_by(97)
            .chain([&words[0], &words[words.len() - 1]])
        {
            assert!(super::is_english_word(w), "{w}");
        }
        for w in ["", "zzzzq", "aaaaa", "déjà", "ministère", "und", "der"] {
            assert!(!super::is_english_word(w), "{w}");
        }
        assert!(super::is_english_word("government"));
    }

    fn linter() -> Linter {
        Linter::builtin().expect("built-in rules load")
    }

    /// The words registered in the literal index are found as one token each: a text
    /// of one such word is one word token, whose folded form is the word, and the
    /// index finds it there. The rest of the strong words are special words.
    #[test]
    fn plain_strong_words_are_one_token_each() {
        let lex = super::Lexicon::get();
        let plain = &lex.plain_strong;
        assert!(plain.len() > 2000, "{} words", plain.len());
        let l = linter();
        for w in plain {
            let doc = crate::Document::new(w);
            assert_eq!(doc.tokens().len(), 1, "{w:?}");
            assert_eq!(doc.tokens()[0].kind, crate::text::TokenKind::Word, "{w:?}");
            assert_eq!(doc.token_folded(0), *w, "{w:?}");
            assert!(doc.special_words().is_empty(), "{w:?}");
            assert_eq!(l.function_word_hits(&doc), [0], "{w:?}");
        }
        let strong = lex.function.iter().filter(|(_, f)| f.strong);
        for (w, _) in strong.filter(|(w, _)| !plain.contains(w)) {
            // An elision is one token with the word it runs into.
            let text = match w.ends_with('\'') {
                true => format!("{w}ami"),
                false => w.to_string(),
            };
            let doc = crate::Document::new(&text);
            assert_eq!(doc.special_words(), [0], "{w:?}");
        }
    }

    /// The linter's untranslated-text rules with detector `detect`.
    fn detecting(l: &Linter, detect: super::Detect) -> Vec<&super::UntranslatedRule> {
        let check = l.untranslated_check();
        check
            .rules
            .iter()
            .filter(|r| r.spec.detect == detect)
            .collect()
    }

    /// `frame` applied to every sequence of `n` pieces (repeats allowed).
    fn tuples(pieces: &[&str], n: usize, frame: impl Fn(&[&str]) -> String) -> Vec<String> {
        let mut seqs: Vec<Vec<&str>> = vec![Vec::new()];
        for _ in 0..n {
            seqs = seqs
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| [s.as_slice(), &[*p]].concat()))
                .collect();
        }
        seqs.iter().map(|s| frame(s)).collect()
    }

    /// What a lazy and an eager run of a detector are compared on.
    fn spans(v: &[crate::Diagnostic]) -> Vec<(std::ops::Range<usize>, String)> {
        v.iter()
            .map(|d| (d.span.clone(), d.message.clone()))
            .collect()
    }

    /// `runs` marks loanwords only around strong function words; marking every loanword
    /// of the document first must find the same runs. Texts: the corpus, and every
    /// sequence of four pieces mixing loanwords, foreign function words and English.
    #[test]
    fn loanwords_marked_lazily_as_if_marked_first() {
        use super::{Detect, Lexicon, classify};
        let l = linter();
        let lex = Lexicon::get();
        let mut rules = detecting(&l, Detect::Run);
        rules.retain(|r| !r.keep_index.is_empty());
        assert!(!rules.is_empty());
        let mut texts = crate::testing::corpus_texts();
        let pieces = [
            "de facto",
            "de la",
            "manière",
            "coup d'état",
            "à la carte",
            "la",
            "und der",
            "Le",
            "leaders",
            ",",
            "en route",
            "des",
            "vis-à-vis",
            "per se",
            "del",
            "et al",
        ];
        texts.extend(tuples(&pieces, 4, |p| {
            format!("The {} {} {} {} plan.", p[0], p[1], p[2], p[3])
        }));
        let (mut found, mut differs) = (0, 0);
        for text in &texts {
            let doc = crate::Document::new(text);
            let base = classify(&doc, lex);
            for r in &rules {
                let mut lazy = Vec::new();
                let all = super::sentence_ranges(doc.tokens());
                r.runs(&doc, lex, &mut base.clone(), &all, &mut lazy);
                let mut marked = base.clone();
                r.quiet_loanwords(&doc, &mut marked, 0, doc.tokens().len());
                differs += usize::from(marked != base);
                let mut eager = Vec::new();
                r.runs(&doc, lex, &mut marked, &all, &mut eager);
                assert_eq!(spans(&lazy), spans(&eager), "{text:?}");
                found += lazy.len();
            }
        }
        assert!(
            found > 10_000 && differs > 10_000,
            "{found} runs, {differs} texts marked"
        );
    }

    /// `clauses` reads only sentences with two strong function words, and marks
    /// loanwords only there; marking every loanword and reading every sentence must
    /// find the same clauses. Texts: the corpus, and foreign and English clauses in
    /// every order, several sentences to a text.
    #[test]
    fn clauses_read_only_where_they_can_be_found() {
        use super::{Class, Detect, Lexicon, classify};
        let l = linter();
        let lex = Lexicon::get();
        let rules = detecting(&l, Detect::Clause);
        assert!(!rules.is_empty());
        let mut texts = crate::testing::corpus_texts();
        let pieces = [
            "nous ne sommes pas prêts à accepter cette réforme injuste",
            "el gobierno no ha dado ninguna respuesta a las familias",
            "wir werden diese Entscheidung nicht einfach so hinnehmen",
            "les syndicats refusent catégoriquement cette proposition",
            "the minister said the talks would resume on Monday",
            "a de facto ban on the sale of arms",
            "une politique de laissez-faire et de rapprochement",
            "coup d'état",
            "la manière",
        ];
        texts.extend(tuples(&pieces, 3, |p| {
            format!(
                "The union said: {}, {}. Then {}. It ended.",
                p[0], p[1], p[2]
            )
        }));
        let (mut found, mut skipped) = (0, 0);
        for text in &texts {
            let doc = crate::Document::new(text);
            let base = classify(&doc, lex);
            let toks = doc.tokens();
            let all = super::sentence_ranges(toks);
            // Every sentence, whole and in order: the ranges tile the tokens, one
            // sentence number each, a new one at each range.
            let mut next = 0;
            for &(a, b) in &all {
                assert!(a == next && a < b, "{text:?}");
                assert!(toks[a..b].iter().all(|t| t.sentence == toks[a].sentence));
                assert!(a == 0 || toks[a - 1].sentence != toks[a].sentence);
                next = b;
            }
            assert_eq!(next, toks.len());
            for r in &rules {
                let mut lazy = Vec::new();
                r.clauses(&doc, lex, &mut base.clone(), &all, &mut lazy);
                let mut marked = base.clone();
                r.quiet_loanwords(&doc, &mut marked, 0, toks.len());
                let mut eager = Vec::new();
                r.clauses_in(&doc, lex, &marked, &all, &mut eager);
                assert_eq!(spans(&lazy), spans(&eager), "{text:?}");
                found += lazy.len();
                // Sentences with fewer than two strong words, which `clauses` skips.
                skipped += all
                    .iter()
                    .filter(|&&(a, b)| {
                        let strong = (a..b).filter(|&j| matches!(base[j], Class::Strong(_)));
                        strong.count() < 2
                    })
                    .count();
            }
        }
        assert!(
            found > 300 && skipped > 1000,
            "{found} clauses, {skipped} sentences skipped"
        );
    }

    /// `scan` classifies only the sentences `strong_sentences` picks, from the words the
    /// literal index found and the special words. They must be those asking every word
    /// picks; every sentence in which classifying the whole document finds a strong
    /// word must be among them, classified as the whole document would be; and the
    /// findings must be those of every rule run over the whole document. Texts: the
    /// corpus, and sentences of names, particles, quotations (a quotation mark opening
    /// a sentence, one closing a title across a sentence break), elisions, accents,
    /// capitals and foreign and English words.
    #[test]
    fn only_sentences_with_a_strong_word_are_classified() {
        use super::{
            Class, Detect, Lexicon, classify, classify_in, strong_sentences,
            strong_sentences_by_word,
        };
        let l = linter();
        let lex = Lexicon::get();
        let check = l.untranslated_check();
        let mut texts = crate::testing::corpus_texts();
        let pieces = [
            "Le Monde said.",
            "Nous ne céderons pas",
            "de Gaulle",
            "\"La Vie.",
            "\" It",
            "« des",
            "» per",
            "l'économie",
            "Côte d'Ivoire",
            "coup d'état",
            "und der",
            "the minister",
            "DE LA",
            "aujourd'hui",
            "dell'Interno",
            "Aujourd’hui",
            "AUSSI",
            "Für die",
            "celle-ci",
            "don't",
        ];
        texts.extend(tuples(&pieces, 4, |p| {
            format!("{} {} {} {} plan.", p[0], p[1], p[2], p[3])
        }));
        let (mut skipped, mut classified, mut found) = (0, 0, 0);
        for text in &texts {
            let doc = crate::Document::new(text);
            let toks = doc.tokens();
            let full = classify(&doc, lex);
            let all = super::sentence_ranges(toks);
            let words = l.function_word_hits(&doc);
            let picked = strong_sentences(&doc, lex, &words);
            assert_eq!(picked, strong_sentences_by_word(&doc, lex), "{text:?}");
            let some = classify_in(&doc, lex, &picked);
            for &(a, b) in &all {
                if picked.contains(&(a, b)) {
                    assert_eq!(some[a..b], full[a..b], "{text:?}");
                    classified += 1;
                } else {
                    assert!(some[a..b].iter().all(|&c| c == Class::Other), "{text:?}");
                    let strong = full[a..b].iter().any(|c| matches!(c, Class::Strong(_)));
                    assert!(!strong, "a strong word in a skipped sentence: {text:?}");
                    skipped += 1;
                }
            }
            let mut lazy = Vec::new();
            check.scan(&doc, &words, &mut lazy);
            let mut eager = Vec::new();
            for r in &check.rules {
                let mut classes = full.clone();
                match r.spec.detect {
                    Detect::Run => r.runs(&doc, lex, &mut classes, &all, &mut eager),
                    Detect::Clause => r.clauses(&doc, lex, &mut classes, &all, &mut eager),
                }
            }
            assert_eq!(spans(&lazy), spans(&eager), "{text:?}");
            found += lazy.len();
        }
        assert!(
            skipped > 1000 && classified > 10_000 && found > 10_000,
            "{skipped} sentences skipped, {classified} classified, {found} findings"
        );
    }

    /// The `untranslated` findings of `text`: (code, flagged text, message).
    fn found(linter: &Linter, text: &str) -> Vec<(String, String, String)> {
        linter
            .lint(text)
            .into_iter()
            .filter(|d| d.rule.kind == crate::rules::schema::CheckKind::Untranslated)
            .map(|d| (d.rule.code.clone(), d.text(text).to_string(), d.message))
            .collect()
    }

    #[test]
    fn function_word_runs_are_flagged_with_their_language() {
        let l = linter();
        let f = found(
            &l,
            "The reform of pensions, adopted de la manière la plus brutale, angered unions.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "UNT901");
        assert!(f[0].1.contains("de la"), "{f:?}");
        assert!(f[0].2.contains("French"), "{f:?}");
        let f = found(
            &l,
            "The deputy denied the claims und der Minister resigned on Monday.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "und der");
        assert!(f[0].2.contains("German"), "{f:?}");
        let f = found(
            &l,
            "Officials met with leaders de los sindicatos in the capital.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].2.contains("Spanish"), "{f:?}");
    }

    #[test]
    fn one_function_word_between_foreign_words_is_a_run() {
        let l = linter();
        let f = found(
            &l,
            "The ministère de l'Intérieur said the march was banned.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "ministère de l'Intérieur");
    }

    #[test]
    fn names_and_loanwords_stay_quiet() {
        let l = linter();
        for text in [
            "Le Monde and Der Spiegel both ran the story, as did El País.",
            "The Corriere della Sera reported crowds on the Champs-Élysées.",
            "Talks were held at Palazzo Chigi, then at the Rue de Rivoli office.",
            "A statue of de Gaulle stands near a museum devoted to van Gogh.",
            "Flights to Ciudad de México were cancelled.",
            "He is the de facto leader of the party and was en route to Paris.",
            "The coup d'état was, in his words, the raison d'être of the junta.",
            "The bill was passed per se, vice versa, status quo, à la carte, bona fide.",
            "Boxer Oscar de la Hoya and Fernando de la Rúa met Lula da Silva.",
            "She sang “La Vie en rose” at the gala.",
            "The Côte d'Ivoire delegation and the Quai d’Orsay issued notes.",
            "Des Moines voters went to the polls in a tour de force of turnout.",
            "The ad hoc committee met, et al., and the pro forma vote passed.",
            "Nothing in the war was so hard as the die cast on that day.",
        ] {
            assert_eq!(found(&l, text), vec![], "{text}");
        }
    }

    #[test]
    fn a_clause_left_in_french_is_flagged_whole() {
        let l = linter();
        let text = "The prime minister spoke briefly, mais il n'a pas voulu répondre aux questions des journalistes.";
        let f = found(&l, text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "UNT902");
        assert_eq!(
            f[0].1,
            "mais il n'a pas voulu répondre aux questions des journalistes"
        );
        assert!(f[0].2.contains("French"), "{f:?}");
    }

    #[test]
    fn a_sentence_left_in_spanish_is_flagged() {
        let l = linter();
        let text = "The vote was delayed. El gobierno no ha querido comentar la decisión de los jueces. Markets fell.";
        let f = found(&l, text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "UNT902");
        assert!(f[0].2.contains("Spanish"), "{f:?}");
    }

    #[test]
    fn english_clauses_with_names_are_not_foreign() {
        let l = linter();
        let text = "The Corriere della Sera and La Repubblica said on Tuesday that the \
                    government of Giorgia Meloni would not resign over the vote in the Senate.";
        assert_eq!(found(&l, text), vec![]);
    }

    #[test]
    fn rule_keys_are_validated() {
        let mut b = crate::LinterBuilder::new();
        b.add_source(
            "test.toml",
            r#"
[pack]
name = "t"
prefix = "UNT"
source = "any"
family = "untranslated"
description = "d"

[[rule]]
code = "UNT999"
name = "x"
kind = "untranslated"
detect = "run"
min_words = 4
message = "m"
why = "w"
examples = [{ bad = "a {{de la}} b" }, { good = "b" }]
"#,
        );
        let err = b.build().expect_err("min_words does not apply to runs");
        assert!(err[0].message.contains("min_words"), "{err:?}");
    }
}
