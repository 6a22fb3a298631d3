//! One index for every literal phrase of every rule.
//!
//! Phrase, entity, acronym and house rules register their phrases here when the linter
//! is built. Each phrase is folded exactly like a document and padded with one space on
//! each side; the document's folded stream has one space between tokens, so comparing a
//! padded phrase with the stream at a token is a whole-token match. One pass over the
//! document's tokens then serves every rule: adding a phrase costs one map entry, not
//! another pass.

use crate::text::word_key::{
    BitFilter, ShortTable, head_and_mask, short_key, short_key_in, word_sig,
};
use crate::text::{Document, Token};
use rustc_hash::FxHashMap;

/// A phrase folded like a document: its space-padded folded form, and where each token
/// is in it and in the phrase as written.
///
/// Tokens are ranges rather than strings of their own: tables fold ten thousand
/// phrases at every start-up, and two strings per token were most of that cost.
#[derive(Debug, Clone)]
pub struct FoldedPhrase {
    /// The space-padded folded form (`" reflection group "`).
    pub padded: String,
    /// The phrase as written.
    source: String,
    /// Per token: its folded form's range in `padded`, its original's in `source`.
    tokens: Vec<[u32; 4]>,
}

impl FoldedPhrase {
    /// Tokenizes and folds `phrase` with the document tokenizer.
    pub fn new(phrase: &str) -> Self {
        if phrase.is_ascii() && is_plain(phrase) {
            // Plain ASCII words fold to their lower case, byte for byte: one copy, and
            // the tokens are the words, at the same offsets (plus the leading space).
            let mut tokens = Vec::with_capacity(4);
            let mut start = 0;
            for (i, b) in phrase.bytes().chain([b' ']).enumerate() {
                if b == b' ' {
                    let (s, e) = (start as u32, i as u32);
                    tokens.push([s + 1, e + 1, s, e]);
                    start = i + 1;
                }
            }
            return FoldedPhrase {
                padded: padded_ascii(phrase),
                source: phrase.to_string(),
                tokens,
            };
        }
        if is_plain(phrase) {
            // Plain words are the tokens themselves.
            let mut start = 0;
            let words = phrase.split(' ').map(|w| {
                let range = (start, start + w.len());
                start += w.len() + 1;
                range
            });
            return Self::from_ranges(phrase, words);
        }
        Self::tokenized(phrase)
    }

    /// The general path: the document tokenizer and fold, without a whole `Document`
    /// (tables have tens of thousands of phrases, and start-up pays for each).
    fn tokenized(phrase: &str) -> Self {
        let raw = crate::text::token::tokenize(phrase);
        Self::from_ranges(
            phrase,
            raw.iter().map(|t| (t.start as usize, t.end as usize)),
        )
    }

    /// `phrase` with its tokens (byte ranges) folded into the padded form.
    fn from_ranges(phrase: &str, ranges: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut tokens = Vec::with_capacity(4);
        let mut padded = String::with_capacity(phrase.len() + 2);
        padded.push(' ');
        for (a, b) in ranges {
            let f = padded.len();
            crate::text::fold_token_into(&phrase[a..b], &mut padded);
            tokens.push([f as u32, padded.len() as u32, a as u32, b as u32]);
            padded.push(' ');
        }
        FoldedPhrase {
            padded,
            source: phrase.to_string(),
            tokens,
        }
    }

    /// Only the space-padded folded form (what the literal index needs), without the
    /// token ranges.
    pub fn padded(phrase: &str) -> String {
        if phrase.is_ascii() && is_plain(phrase) {
            return padded_ascii(phrase);
        }
        FoldedPhrase::new(phrase).padded
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True for a phrase without tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The folded form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        let [a, b, _, _] = self.tokens[i];
        &self.padded[a as usize..b as usize]
    }

    /// The folded forms of the tokens.
    pub fn folded_all(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (0..self.len()).map(|i| self.folded(i))
    }

    /// Token `i` as written.
    pub fn original(&self, i: usize) -> &str {
        let [_, _, a, b] = self.tokens[i];
        &self.source[a as usize..b as usize]
    }

    /// The tokens as written.
    pub fn original_all(&self) -> impl ExactSizeIterator<Item = &str> + Clone {
        (0..self.len()).map(|i| self.original(i))
    }
}

/// The padded folded form of plain ASCII words: their lower case between two spaces.
fn padded_ascii(phrase: &str) -> String {
    let mut padded = String::with_capacity(phrase.len() + 2);
    padded.push(' ');
    padded.push_str(phrase);
    padded.push(' ');
    padded.make_ascii_lowercase();
    padded
}

/// Plain words — letters with inner hyphens, single spaces between — tokenize as the
/// words themselves, so phrases made of them can skip the tokenizer.
fn is_plain(phrase: &str) -> bool {
    // Most table forms are ASCII: check bytes first.
    if phrase.is_ascii() {
        // One pass: letters, and separators (space, hyphen) never first, last or
        // next to another separator.
        let mut after_separator = true;
        for &c in phrase.as_bytes() {
            let separator = c == b' ' || c == b'-';
            if separator && after_separator || !separator && !c.is_ascii_alphabetic() {
                return false;
            }
            after_separator = separator;
        }
        return !after_separator;
    }
    phrase.split(' ').all(|w| {
        !w.is_empty()
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !w.starts_with('-')
            && !w.ends_with('-')
            && !w.contains("--")
    })
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
    /// `checks::untranslated`: a foreign function word, one token (see
    /// [`crate::checks::untranslated::UntranslatedCheck::register`]).
    Untranslated,
}

/// Collects phrases, then compiles them into one index.
///
/// Tens of thousands of phrases are registered at every start-up: each is stored once
/// (as its map key) and its owners in one flat list, rather than in a string and a list
/// of its own.
#[derive(Default)]
pub struct LiteralBuilder {
    /// Phrase → id (ids are dense, in order of first registration).
    ids: FxHashMap<String, u32>,
    /// `(phrase id, owner)`, in order of registration.
    owners: Vec<(u32, Owner)>,
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
                let id = self.ids.len() as u32;
                self.ids.insert(padded.to_string(), id);
                id
            }
        };
        self.owners.push((id, owner));
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

    /// Builds the index.
    pub fn build(self) -> LiteralIndex {
        let n = self.ids.len();
        let mut patterns = vec![String::new(); n];
        for (p, id) in self.ids {
            patterns[id as usize] = p;
        }
        // Each phrase's owners, in order of registration: a counting sort by id (a
        // stable sort of the list was 2 M instructions more, callgrind).
        let mut owner_start = vec![0u32; n + 1];
        for &(id, _) in &self.owners {
            owner_start[id as usize + 1] += 1;
        }
        for i in 0..n {
            owner_start[i + 1] += owner_start[i];
        }
        let mut next = owner_start.clone();
        // Every slot is written below; the first owner only fills them until then.
        let mut owners = match self.owners.first() {
            Some(&(_, o)) => vec![o; self.owners.len()],
            None => Vec::new(),
        };
        for (id, owner) in self.owners {
            owners[next[id as usize] as usize] = owner;
            next[id as usize] += 1;
        }
        // Words of up to seven bytes (most) go to the integer-keyed table, the others to
        // a map of strings.
        let words = patterns
            .iter()
            .filter(|p| !p.trim_matches(' ').contains(' '));
        let mut short = ShortTable::with_capacity(words.count());
        let mut long: FxHashMap<String, u32> = FxHashMap::default();
        let mut pairs: FxHashMap<String, Vec<Cand>> =
            FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut filter = BitFilter::new(FILTER_BITS);
        let sig = |w: &str| word_sig(w.as_bytes(), 0, w.len());
        let mut ntok = Vec::with_capacity(n);
        for (id, p) in patterns.iter().enumerate() {
            // Padded with one space each side; tokens one space apart.
            let inner = p.trim_matches(' ');
            let space = |from: usize| memchr::memchr(b' ', &inner.as_bytes()[from..]);
            let (head, second) = match space(0) {
                None => (inner, None),
                Some(h) => {
                    let rest = &inner[h + 1..];
                    let end = space(h + 1).unwrap_or(rest.len());
                    (&inner[..h], Some(&rest[..end]))
                }
            };
            ntok.push(1 + inner.bytes().filter(|&b| b == b' ').count() as u32);
            match second {
                None => {
                    // Patterns are distinct: one one-token phrase per word.
                    match short_key(head.as_bytes()) {
                        Some(key) => short.insert(key, id as u32),
                        None => {
                            long.insert(head.to_string(), id as u32);
                        }
                    }
                    filter.insert(sig(head));
                }
                Some(second) => {
                    // Tokens are one space apart: the pair is the start of the phrase.
                    let pair = &inner[..head.len() + 1 + second.len()];
                    // The bytes after the pair, from the space before the third token.
                    let rest = &p.as_bytes()[1 + pair.len()..];
                    let cand = Cand::new(id as u32, rest);
                    match pairs.get_mut(pair) {
                        Some(cands) => cands.push(cand),
                        None => {
                            pairs.insert(pair.to_string(), vec![cand]);
                            filter.insert(pair_sig(sig(head), sig(second)));
                        }
                    }
                }
            }
        }
        LiteralIndex {
            short,
            long,
            pairs,
            filter,
            ntok,
            owner_start,
            owners,
            patterns,
        }
    }
}

/// Bits of the filter: 2^18 bits, 32 KiB, for the built-in tables' 7,351 one-token
/// phrases (2,270 of them only the untranslated check's function words) and 3,570 pairs
/// (a false "maybe" for one token in twenty-four).
const FILTER_BITS: u32 = 18;

/// The signature of a pair of tokens, from theirs ([`word_sig`]).
fn pair_sig(first: u64, second: u64) -> u64 {
    first.rotate_left(23) ^ second
}

/// A phrase of two tokens or more, among those that share its first two.
struct Cand {
    id: u32,
    /// The phrase's padded bytes after its first two tokens (from the space before the
    /// third, or the closing space), up to eight of them as one integer, and the mask
    /// of those it has: compared with the stream's before the rest of the phrase is.
    next: u64,
    mask: u64,
    /// Whether those eight bytes are all the rest.
    whole: bool,
}

impl Cand {
    fn new(id: u32, rest: &[u8]) -> Self {
        let (next, mask) = head_and_mask(rest);
        Cand {
            id,
            next,
            mask,
            whole: rest.len() <= 8,
        }
    }
}

/// Every phrase of every rule: one-token phrases by their folded token, longer ones by
/// their first two.
///
/// A map rather than an automaton: phrases are whole-token sequences, and the document
/// is already one stream of folded tokens, so each token needs a lookup or two, and a
/// multi-token candidate is confirmed by comparing the stream at that token with the
/// padded phrase. Keying longer phrases by two tokens keeps that comparison rare:
/// hundreds of phrases start with "the" or "in", and "the" is on every line, but few
/// start with "the otan" (measured: five times fewer instructions for the lookups on
/// clean copy than by the first token alone). Building
/// the maps is hashing ten thousand strings — a fraction of what an Aho–Corasick
/// automaton over the same phrases cost at every start-up (measured: start-up 69 → 57
/// ms with every table, the same throughput).
pub struct LiteralIndex {
    /// One-token phrases of at most [`crate::text::word_key::SHORT`] bytes, by
    /// [`short_key`].
    short: ShortTable<u32>,
    /// Longer one-token phrases.
    long: FxHashMap<String, u32>,
    /// "first second" (folded, one space) → phrases of two tokens or more.
    pairs: FxHashMap<String, Vec<Cand>>,
    /// The one-token phrases' signatures ([`word_sig`]) and the pairs' ([`pair_sig`]),
    /// asked first for every token and the pair it starts: a filter that stays in the
    /// first-level cache. Looking every token up in the heads' table instead (two in
    /// five are some phrase's head: "the", "in") cost a probe of a table that does not,
    /// and nine in ten pairs those heads start are no phrase's (on 3 MB of clean copy:
    /// 550,000 tokens, 238,000 heads, 32,000 one-token phrases, 22,000 pairs found).
    filter: BitFilter,
    ntok: Vec<u32>,
    /// Phrase `id`'s owners are `owners[owner_start[id]..owner_start[id + 1]]`.
    owner_start: Vec<u32>,
    owners: Vec<Owner>,
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
        let folded = doc.folded();
        let toks = doc.tokens();
        let stream = folded.as_bytes();
        let sig_of = |t: &Token| word_sig(stream, t.fstart as usize, (t.fend - t.fstart) as usize);
        let mut next_sig = toks.first().map(sig_of);
        for (i, t) in toks.iter().enumerate() {
            let Some(sig) = next_sig else { break };
            next_sig = toks.get(i + 1).map(sig_of);
            if self.filter.may_contain(sig)
                && let Some(id) = self.single(doc, i)
            {
                self.push(id, i, 1, &mut out);
            }
            // The stream holds " tok tok … ": the first two tokens are one slice of it.
            let Some(second) = next_sig else { continue };
            if !self.filter.may_contain(pair_sig(sig, second)) {
                continue;
            }
            let next = &toks[i + 1];
            let pair = &folded[t.fstart as usize..next.fend as usize];
            let Some(cands) = self.pairs.get(pair) else {
                continue;
            };
            // The padded phrase starts one byte before the token; what follows the pair
            // starts where the second token ends.
            let at = &stream[t.fstart as usize - 1..];
            let after = stream.get(next.fend as usize..next.fend as usize + 8);
            let after = after.map(|e| u64::from_le_bytes(e.try_into().expect("eight bytes")));
            for c in cands {
                let id = c.id;
                let n = self.ntok[id as usize] as usize;
                // The first two tokens matched by the lookup; longer phrases are
                // compared with the stream, eight bytes as one integer first.
                if n > 2 {
                    let fits = match after {
                        Some(a) if a & c.mask != c.next => false,
                        Some(_) if c.whole => true,
                        _ => at.starts_with(self.patterns[id as usize].as_bytes()),
                    };
                    if !fits {
                        continue;
                    }
                }
                // A phrase does not run from one paragraph (a table cell, a list item
                // of a marked-up input) into the next.
                if toks[i + 1..i + n]
                    .iter()
                    .any(|t| t.has(Token::PARAGRAPH_BEFORE))
                {
                    continue;
                }
                self.push(id, i, n, &mut out);
            }
        }
        out
    }

    /// The one-token phrase that token `i` is, if any.
    fn single(&self, doc: &Document, i: usize) -> Option<u32> {
        let t = &doc.tokens()[i];
        let word = doc.token_folded(i);
        match short_key_in(doc.folded().as_bytes(), t.fstart as usize, word.len()) {
            Some(key) => self.short.get(key),
            None => self.long.get(word),
        }
        .copied()
    }

    fn push(&self, id: u32, a: usize, n: usize, out: &mut Vec<Hit>) {
        let (from, to) = (
            self.owner_start[id as usize],
            self.owner_start[id as usize + 1],
        );
        for &owner in &self.owners[from as usize..to as usize] {
            out.push(Hit { owner, a, b: a + n });
        }
    }

    /// The distinct folded phrases (without padding), for `mtlint rules --patterns`:
    /// the rules' phrases, names and forms. The untranslated check's function words
    /// are left out: they are words looked up in a list, not phrases searched for, and
    /// ripgrep's side of the throughput comparison (`benches/throughput.sh`) searches
    /// the same patterns as before they were looked up here.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.patterns.iter().enumerate().filter_map(|(id, p)| {
            let owners =
                &self.owners[self.owner_start[id] as usize..self.owner_start[id + 1] as usize];
            owners
                .iter()
                .any(|o| o.check != OwnerCheck::Untranslated)
                .then(|| p.trim())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::FoldedPhrase;

    /// `hits` finds what comparing every phrase with the tokens at every token finds:
    /// the built-in phrases (eleven thousand, hundreds sharing their first two tokens)
    /// over the corpus, and a sample of them alone, at the end of a text and across a
    /// paragraph break.
    #[test]
    fn hits_are_every_occurrence_of_every_phrase() {
        use super::{LiteralBuilder, Owner, OwnerCheck};
        use crate::text::{Document, Token};
        use std::collections::{BTreeSet, HashMap};
        let linter = crate::engine::Linter::builtin().expect("built-in rules load");
        let phrases: Vec<Vec<String>> = linter
            .literal_patterns()
            .map(|p| p.split(' ').map(str::to_string).collect())
            .collect();
        let mut builder = LiteralBuilder::default();
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            let owner = Owner {
                check: OwnerCheck::Phrase,
                rule: i as u32,
                local: 0,
            };
            builder.add(&format!(" {} ", p.join(" ")), owner);
            by_first.entry(p[0].as_str()).or_default().push(i);
        }
        let index = builder.build();
        let mut texts = crate::testing::corpus_texts();
        for p in phrases.iter().step_by(7) {
            let p = p.join(" ");
            texts.push(p.clone());
            texts.push(format!("Officials said {p}"));
            texts.push(format!("{p}, {p}\n\n{p}"));
        }
        let (mut found, mut long) = (0, 0);
        for text in &texts {
            let doc = Document::new(text);
            let toks = doc.tokens();
            let got: BTreeSet<(u32, usize, usize)> = index
                .hits(&doc)
                .iter()
                .map(|h| (h.owner.rule, h.a, h.b))
                .collect();
            let mut want = BTreeSet::new();
            for i in 0..toks.len() {
                for &id in by_first.get(doc.token_folded(i)).into_iter().flatten() {
                    let p = &phrases[id];
                    let fits = i + p.len() <= toks.len()
                        && p.iter()
                            .enumerate()
                            .all(|(k, w)| doc.token_folded(i + k) == w)
                        && !toks[i + 1..i + p.len()]
                            .iter()
                            .any(|t| t.has(Token::PARAGRAPH_BEFORE));
                    if fits {
                        want.insert((id as u32, i, i + p.len()));
                        long += usize::from(p.len() > 2);
                    }
                }
            }
            assert_eq!(got, want, "{text:?}");
            found += got.len();
        }
        assert!(found > 10_000 && long > 2_000, "{found} hits, {long} long");
    }

    /// `mtlint rules --patterns` lists the rules' phrases: a phrase only the
    /// untranslated check registered is left out, one a rule shares is not.
    #[test]
    fn patterns_leave_out_function_words_alone() {
        use super::{LiteralBuilder, Owner, OwnerCheck};
        let owner = |check| Owner {
            check,
            rule: 0,
            local: 0,
        };
        let mut b = LiteralBuilder::default();
        b.add(" und ", owner(OwnerCheck::Untranslated));
        b.add(" der ", owner(OwnerCheck::Untranslated));
        b.add(" der ", owner(OwnerCheck::Phrase));
        b.add(" koursk ", owner(OwnerCheck::Entity));
        let index = b.build();
        assert_eq!(index.patterns().collect::<Vec<_>>(), ["der", "koursk"]);
        let builtin = crate::engine::Linter::builtin().unwrap();
        assert!(builtin.literal_patterns().all(|p| p != "und"));
    }

    #[test]
    fn fast_path_folds_like_the_tokenizer() {
        for p in [
            "Koursk",
            "Bread For Today",
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
            "Jong-un-",
            "-un",
            "a--b",
            "two  spaces",
            " lead",
            "trail ",
            "ﬁnance Ærø Łódź",
            "",
        ] {
            let slow = FoldedPhrase::tokenized(p);
            let fast = FoldedPhrase::new(p);
            assert_eq!(fast.padded, slow.padded, "{p:?}");
            let folded: Vec<_> = fast.folded_all().collect();
            assert_eq!(folded, slow.folded_all().collect::<Vec<_>>(), "{p:?}");
            let original: Vec<_> = fast.original_all().collect();
            assert_eq!(original, slow.original_all().collect::<Vec<_>>(), "{p:?}");
            assert_eq!(FoldedPhrase::padded(p), slow.padded, "{p:?}");
            // Tokens are the padded form's words, in order.
            let words: Vec<_> = slow.padded.split_terminator(' ').skip(1).collect();
            assert_eq!(folded, words, "{p:?}");
        }
    }
}
