//! Loose matching of idiom phrases: the phrases a rule lists, in any tense or number, with
//! another article or possessive, and with adverbs inside ("threw smoke in their eyes",
//! "the carrots are now really cooked" for "throw smoke in the eyes", "the carrots are
//! cooked"). The suggestion is the listed replacement carried over to the same form:
//! the verb in the same tense, the same possessive, the adverbs at the same place.
//!
//! A phrase is matched loosely only when it has at least two content words, so that
//! tolerance cannot turn a short phrase into a common one. The rarest-looking content
//! word (the longest) anchors the phrase: its forms go into the shared literal index,
//! and each hit is checked word by word around it. Where the suggestion cannot be
//! carried over (a changed word the replacement does not share, an adverb with nowhere
//! to go), nothing is reported: a wrong fix is worse than a miss.

use crate::literals::FoldedPhrase;
use crate::text::Document;
use crate::text::inflect::{self, Key};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Closed-class English words and some of the commonest verbs and adjectives: never an
/// anchor, because they are on every line.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "but", "for", "nor", "yet", "from", "with", "without", "between", "before",
    "after", "over", "under", "into", "onto", "upon", "about", "above", "below", "across",
    "against", "along", "among", "around", "behind", "beyond", "during", "except", "inside",
    "outside", "through", "toward", "towards", "until", "within", "one", "only", "also", "all",
    "any", "some", "more", "most", "such", "than", "then", "there", "this", "that", "these",
    "those", "what", "which", "who", "whom", "whose", "where", "when", "while", "not", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "does", "did", "done",
    "made", "make", "makes", "making", "said", "says", "say", "get", "got", "gets", "put", "puts",
    "putting", "take", "takes", "took", "taken", "taking", "give", "gave", "given", "gives",
    "giving", "they", "them", "him", "she", "you", "out", "off", "other", "still", "called",
    "real", "good", "small",
];

/// At most this many fillers between two words of an idiom ("well and truly").
const MAX_FILL: usize = 3;

/// For each word of a phrase, the folded forms that stand for it (its inflections, any
/// form of be or have, any possessive), and which word anchors the phrase. Lists rather
/// than lemma keys: a document word is then compared, never stemmed. The lists are made
/// at the phrase's first anchor hit: most idioms never occur in a given run, and
/// start-up should not inflect every word of every one.
#[derive(Debug)]
struct Skeleton {
    accepts: OnceLock<Vec<Vec<String>>>,
    anchor: usize,
}

impl Skeleton {
    /// The forms of each word of `phrase` (this skeleton's phrase).
    fn lists(&self, phrase: &FoldedPhrase) -> &[Vec<String>] {
        self.accepts
            .get_or_init(|| phrase.folded_all().map(inflect::forms).collect())
    }

    /// Whether `folded` stands for word `i` of `phrase` (this skeleton's phrase).
    fn accepts(&self, phrase: &FoldedPhrase, i: usize, folded: &str) -> bool {
        self.lists(phrase)[i].iter().any(|f| f == folded)
    }
}

/// The words that may stand beside an anchor form, over all the phrases it anchors.
///
/// Why: a hit on a common anchor ("process", "table") went through each of its dozen
/// phrases in turn, comparing the next word with every form of each phrase's next word,
/// and nearly always found none (callgrind: 4,700 instructions a hit, 7% of a run on
/// clean copy). One set lookup on each side rules out the whole group at once.
#[derive(Debug, Default)]
struct Beside {
    /// Forms of the word after the anchor, in phrases that go on after it.
    after: FxHashSet<String>,
    /// Forms of the word before the anchor, in phrases that start before it.
    before: FxHashSet<String>,
    /// Some phrase ends at its anchor: nothing after it is needed.
    ends: bool,
    /// Some phrase starts at its anchor: nothing before it is needed.
    starts: bool,
}

/// The loose forms of one phrase rule's phrases.
#[derive(Debug, Default)]
pub struct Flex {
    /// Per phrase of the rule: its skeleton, if it is matched loosely.
    skeletons: Vec<Option<Skeleton>>,
    /// One group per anchor form.
    groups: Vec<Group>,
}

/// An anchor form and the phrases it anchors.
#[derive(Debug)]
struct Group {
    /// The padded folded form.
    form: String,
    phrases: Vec<usize>,
    /// Made at the group's first hit.
    beside: OnceLock<Beside>,
}

/// A loose match: the document tokens of each phrase word, and the fillers after each.
#[derive(Debug)]
pub struct FlexMatch {
    /// The phrase matched.
    pub phrase: usize,
    /// Token index of each phrase word.
    pub pos: Vec<usize>,
    /// Filler tokens after each phrase word (before the next one).
    pub fillers: Vec<Vec<usize>>,
}

impl FlexMatch {
    /// The token range `[a, b)` covered.
    pub fn range(&self) -> (usize, usize) {
        (self.pos[0], self.pos[self.pos.len() - 1] + 1)
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

impl Flex {
    /// The loose forms of `phrases`.
    pub fn new(phrases: &[FoldedPhrase]) -> Self {
        let mut skeletons = Vec::with_capacity(phrases.len());
        let mut groups: Vec<Group> = Vec::new();
        let mut by_form: FxHashMap<String, usize> = FxHashMap::default();
        // Variants of one idiom share their anchor: inflect it once, and remember the
        // groups of its forms.
        let mut by_anchor: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (p, phrase) in phrases.iter().enumerate() {
            let skeleton = skeleton(phrase);
            if let Some(sk) = &skeleton {
                let anchor = phrase.folded(sk.anchor);
                let ids = by_anchor.entry(anchor).or_insert_with(|| {
                    inflect::forms(anchor)
                        .into_iter()
                        .map(|form| {
                            *by_form.entry(form).or_insert_with_key(|form| {
                                groups.push(Group {
                                    form: format!(" {form} "),
                                    phrases: Vec::new(),
                                    beside: OnceLock::new(),
                                });
                                groups.len() - 1
                            })
                        })
                        .collect()
                });
                for &g in ids.iter() {
                    groups[g].phrases.push(p);
                }
            }
            skeletons.push(skeleton);
        }
        Flex { skeletons, groups }
    }

    /// The anchor forms to register, in group order.
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.groups.iter().map(|g| g.form.as_str())
    }

    /// Loose matches of the phrases of anchor group `g` at token `t`: for each stretch of
    /// text, the listed phrase closest to it (fewest changed words, then fewest
    /// fillers), whose replacement is then the one to carry over. A stretch that is
    /// exactly one of the listed phrases is left out: the literal index reports it.
    pub fn matches_at(
        &self,
        doc: &Document,
        phrases: &[FoldedPhrase],
        g: usize,
        t: usize,
    ) -> Vec<FlexMatch> {
        // The first step of every phrase's walk (see `match_skeleton`), for the whole
        // group: with no phrase word or filler on a side that some phrase needs, and no
        // phrase that needs nothing there, none of them can match.
        let beside = self.groups[g]
            .beside
            .get_or_init(|| self.beside(phrases, g));
        let ntok = doc.tokens().len();
        let near = |k: Option<usize>, words: &FxHashSet<String>| {
            k.is_some_and(|k| {
                k < ntok && doc.same_sentence(t, k) && {
                    let w = doc.token_folded(k);
                    words.contains(w) || inflect::is_filler(w)
                }
            })
        };
        if !(beside.ends || near(Some(t + 1), &beside.after))
            || !(beside.starts || near(t.checked_sub(1), &beside.before))
        {
            return Vec::new();
        }
        let mut best: Vec<(usize, FlexMatch)> = Vec::new();
        let mut exact: Vec<(usize, usize)> = Vec::new();
        for &p in &self.groups[g].phrases {
            let Some(sk) = &self.skeletons[p] else {
                continue;
            };
            let Some(m) = match_skeleton(doc, sk, &phrases[p], p, t) else {
                continue;
            };
            let cost = distance(doc, &phrases[p], &m);
            if cost == 0 {
                exact.push(m.range());
                continue;
            }
            match best.iter_mut().find(|(_, b)| b.range() == m.range()) {
                Some(slot) if slot.0 <= cost => {}
                Some(slot) => *slot = (cost, m),
                None => best.push((cost, m)),
            }
        }
        best.into_iter()
            .map(|(_, m)| m)
            .filter(|m| !exact.contains(&m.range()))
            .collect()
    }

    /// The words beside group `g`'s anchor form, from its phrases' forms.
    fn beside(&self, phrases: &[FoldedPhrase], g: usize) -> Beside {
        let mut b = Beside::default();
        for &p in &self.groups[g].phrases {
            let Some(sk) = &self.skeletons[p] else {
                continue;
            };
            let lists = sk.lists(&phrases[p]);
            match lists.get(sk.anchor + 1) {
                Some(forms) => b.after.extend(forms.iter().cloned()),
                None => b.ends = true,
            }
            match sk.anchor.checked_sub(1) {
                Some(i) => b.before.extend(lists[i].iter().cloned()),
                None => b.starts = true,
            }
        }
        b
    }
}

/// The skeleton of a phrase that can be matched loosely: words only, at least two
/// content words; the anchor is the content word with the longest stem, so that the
/// listed forms of one idiom ("put …", "putting …") share it and are weighed together.
fn skeleton(phrase: &FoldedPhrase) -> Option<Skeleton> {
    if !phrase.folded_all().all(is_word) {
        return None;
    }
    let keys: Vec<Key> = phrase.folded_all().map(inflect::key).collect();
    let content: Vec<usize> = (0..keys.len())
        .filter(|&i| matches!(&keys[i], Key::Word(s) if s.len() >= 3))
        .collect();
    if content.len() < 2 {
        return None;
    }
    let stem_len = |i: usize| match &keys[i] {
        Key::Word(s) => s.len(),
        _ => 0,
    };
    // Every occurrence of the anchor is a candidate to check word by word: "before" or
    // "the" would be checked thousands of times per megabyte, "skin" rarely. A phrase
    // of function words only ("the all for all") is left to its listed forms.
    let anchor = *content
        .iter()
        .filter(|&&i| !FUNCTION_WORDS.contains(&phrase.folded(i)))
        .max_by_key(|&&i| (stem_len(i), std::cmp::Reverse(i)))?;
    Some(Skeleton {
        accepts: std::sync::OnceLock::new(),
        anchor,
    })
}

fn match_skeleton(
    doc: &Document,
    sk: &Skeleton,
    listed: &FoldedPhrase,
    phrase: usize,
    t: usize,
) -> Option<FlexMatch> {
    let n = listed.len();
    let ntok = doc.tokens().len();
    let word_at = |i: usize, k: usize| sk.accepts(listed, i, doc.token_folded(k));
    if !word_at(sk.anchor, t) {
        return None;
    }
    // The first step of each walk below, taken before anything is allocated: most
    // anchor hits stop there (the word beside the anchor is neither the phrase's next
    // word nor a filler).
    let step = |i: usize, k: Option<usize>| {
        k.is_some_and(|k| {
            k < ntok
                && doc.same_sentence(t, k)
                && (word_at(i, k) || inflect::is_filler(doc.token_folded(k)))
        })
    };
    if (sk.anchor + 1 < n && !step(sk.anchor + 1, Some(t + 1)))
        || (sk.anchor > 0 && !step(sk.anchor - 1, t.checked_sub(1)))
    {
        return None;
    }
    let mut pos = vec![0; n];
    let mut fillers = vec![Vec::new(); n];
    pos[sk.anchor] = t;
    for i in sk.anchor + 1..n {
        let mut cur = pos[i - 1] + 1;
        loop {
            if cur >= ntok || !doc.same_sentence(t, cur) {
                return None;
            }
            if word_at(i, cur) {
                pos[i] = cur;
                break;
            }
            if fillers[i - 1].len() >= MAX_FILL || !inflect::is_filler(doc.token_folded(cur)) {
                return None;
            }
            fillers[i - 1].push(cur);
            cur += 1;
        }
    }
    for i in (0..sk.anchor).rev() {
        let mut cur = pos[i + 1].checked_sub(1)?;
        loop {
            if !doc.same_sentence(cur, t) {
                return None;
            }
            if word_at(i, cur) {
                pos[i] = cur;
                break;
            }
            if fillers[i].len() >= MAX_FILL || !inflect::is_filler(doc.token_folded(cur)) {
                return None;
            }
            fillers[i].insert(0, cur);
            cur = cur.checked_sub(1)?;
        }
    }
    Some(FlexMatch {
        phrase,
        pos,
        fillers,
    })
}

/// How far a loose match is from the listed phrase: each changed word counts two,
/// each filler one (0: the listed phrase itself).
fn distance(doc: &Document, phrase: &FoldedPhrase, m: &FlexMatch) -> usize {
    let changed = m
        .pos
        .iter()
        .zip(phrase.folded_all())
        .filter(|&(&k, w)| doc.token_folded(k) != w)
        .count();
    2 * changed + m.fillers.iter().map(Vec::len).sum::<usize>()
}

/// The replacement `replacement` (of the listed phrase) carried over to the form the
/// document used, or `None` when it cannot be done safely.
pub fn adapt(
    doc: &Document,
    phrase: &FoldedPhrase,
    m: &FlexMatch,
    replacement: &str,
) -> Option<String> {
    let mut r: Vec<String> = replacement.split(' ').map(String::from).collect();
    let folded_r: Vec<String> = r.iter().map(|w| w.to_lowercase()).collect();
    // Which replacement word stands for each phrase word: the same word, or for be and
    // have any form of them.
    let mut used = vec![false; r.len()];
    let aligned: Vec<Option<usize>> = phrase
        .folded_all()
        .map(|w| {
            let k = inflect::key(w);
            let found = (0..r.len())
                .find(|&m| !used[m] && folded_r[m] == *w)
                .or_else(|| {
                    matches!(k, Key::Be | Key::Have)
                        .then(|| {
                            (0..r.len()).find(|&m| !used[m] && inflect::key(&folded_r[m]) == k)
                        })
                        .flatten()
                });
            if let Some(m) = found {
                used[m] = true;
            }
            found
        })
        .collect();
    for (i, listed) in phrase.folded_all().enumerate() {
        let got = doc.token_folded(m.pos[i]);
        if got == listed {
            continue;
        }
        match inflect::key(listed) {
            Key::Det => r[aligned[i]?] = got.to_string(),
            Key::Be => {
                let at = aligned[i]?;
                r[at] = be_like(&folded_r[at], got)?;
            }
            Key::Have => {
                let at = aligned[i]?;
                r[at] = match got {
                    "had" | "having" => got.to_string(),
                    _ => folded_r[at].clone(),
                };
            }
            Key::Word(_) => {
                let (form, was) = (inflect::form_of(got), inflect::form_of(listed));
                match aligned[i] {
                    Some(at) => r[at] = got.to_string(),
                    None if form == was => {}
                    // The phrase's leading verb changed tense: the replacement's leading
                    // verb takes the same tense ("poured water on the mill" → "played
                    // into the hands"), and so does a verb joined to it by "and"
                    // ("grinned and bore it").
                    None if i == 0 => {
                        let lead = inflect::form_of(&folded_r[0]);
                        r[0] = inflect::inflect(&r[0], form);
                        for k in 2..r.len().min(4) {
                            if folded_r[k - 1] == "and" && inflect::form_of(&folded_r[k]) == lead {
                                r[k] = inflect::inflect(&r[k], form);
                            }
                        }
                    }
                    None => return None,
                }
            }
        }
    }
    // Adverbs go after the replacement word that stands for the phrase word they
    // followed, else after the replacement's auxiliary.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for (i, fill) in m.fillers.iter().enumerate() {
        if fill.is_empty() {
            continue;
        }
        let at = aligned[i].or_else(|| {
            (0..r.len()).find(|&k| matches!(inflect::key(&folded_r[k]), Key::Be | Key::Have))
        })?;
        let mut words: Vec<&str> = fill.iter().map(|&k| doc.token_text(k)).collect();
        // A particle the replacement already has there ("threw in the sponge" →
        // "threw in the towel") is not added twice.
        let next: Vec<&str> = folded_r[at + 1..].iter().map(String::as_str).collect();
        if next.len() >= words.len() && words.iter().zip(&next).all(|(w, n)| w.to_lowercase() == *n)
        {
            words.clear();
        }
        if !words.is_empty() {
            inserts.push((at, words.join(" ")));
        }
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, words) in inserts {
        r.insert(at + 1, words);
    }
    Some(r.join(" "))
}

/// The form of *be* in `replacement_be` that matches the tense of the document's `got`.
fn be_like(replacement_be: &str, got: &str) -> Option<String> {
    let past = |w: &str| match w {
        "are" | "were" => "were",
        _ => "was",
    };
    let present = |w: &str| match w {
        "are" | "were" => "are",
        "am" => "am",
        _ => "is",
    };
    Some(
        match got {
            "was" | "were" => past(replacement_be),
            "is" | "are" | "am" => present(replacement_be),
            "be" | "been" | "being" => got,
            _ => return None,
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use crate::engine::LinterBuilder;

    /// A linter with one idiom rule listing only the base form.
    fn linter() -> crate::Linter {
        let mut b = LinterBuilder::new();
        b.add_source(
            "test.toml",
            r#"
[pack]
name = "test-idioms"
prefix = "TST"
source = "fr"
family = "idiom"
description = "Test."

[[rule]]
code = "TST001"
name = "water-on-the-mill"
kind = "phrase"
message = "Idiom: use “{suggestion}”."
why = "Test."
match = ["pour water on the mill of", "not my beer"]
replace = ["play into the hands of", "not my problem"]
examples = [
  { bad = "They {{pour water on the mill of}} the far right.", fixed = "They play into the hands of the far right." },
  { good = "They play into the hands of the far right." },
]
"#,
        );
        b.build().expect("test pack loads")
    }

    fn fixes(text: &str) -> Vec<(String, String)> {
        linter()
            .lint(text)
            .iter()
            .map(|d| (d.text(text).to_string(), d.suggestions[0].clone()))
            .collect()
    }

    #[test]
    fn tense_carries_over_to_the_replacement() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_eq!(
            fixes("Critics say he poured water on the mill of the far right."),
            pair("poured water on the mill of", "played into the hands of")
        );
        assert_eq!(
            fixes("He is pouring water on the mill of the far right."),
            pair("pouring water on the mill of", "playing into the hands of")
        );
        assert_eq!(
            fixes("She pours water on the mill of populists."),
            pair("pours water on the mill of", "plays into the hands of")
        );
        assert_eq!(
            fixes("That was simply not our beer."),
            pair("not our beer", "not our problem")
        );
    }

    #[test]
    fn fillers_stay_in_place_and_other_words_do_not_match() {
        assert_eq!(
            fixes("They poured yet more water on the mill of the far right."),
            vec![],
            "“yet more” is not a filler"
        );
        assert_eq!(
            fixes("They poured cold water on the mill of the far right."),
            vec![]
        );
        assert_eq!(
            fixes("That is not the beer."),
            vec![],
            "an article is no possessive"
        );
        // The exact form is reported once, by the literal index.
        assert_eq!(fixes("They pour water on the mill of the right.").len(), 1);
        // An adverb after a word the replacement does not share has nowhere to go:
        // no guess, no finding. (Adverbs that do have a place: IDM001's examples.)
        assert_eq!(
            fixes("They poured water once again on the mill of the far right."),
            vec![]
        );
    }
}
