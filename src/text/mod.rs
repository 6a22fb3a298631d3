//! The text model: a [`Document`] holds the original text, its tokens and one folded
//! stream of all tokens, built once per document and shared by every check.

pub mod case;
pub mod fold;
pub mod inflect;
pub mod lines;
mod sentence;
pub mod swar;
pub mod token;
pub mod word_key;

pub use lines::{LineCol, LineIndex};
pub use token::{Token, TokenKind};

/// Appends the folded form of one token to `out`, keeping the folded stream's invariant
/// of exactly one space between tokens: the group spaces of "1 200" (and the odd
/// character whose decomposition starts with a space) become '_', and a token that folds
/// to nothing becomes '_'.
pub fn fold_token_into(token: &str, out: &mut String) {
    let start = out.len();
    fold::fold_into(token, out);
    if out[start..].contains(' ') {
        let tail = out.split_off(start);
        out.extend(tail.chars().map(|c| if c == ' ' { '_' } else { c }));
    }
    if out.len() == start {
        out.push('_');
    }
}

/// The folded form of one token (see [`fold_token_into`]).
pub fn fold_token(token: &str) -> String {
    let mut s = String::with_capacity(token.len());
    fold_token_into(token, &mut s);
    s
}

/// Collapses every run of white space to one space and trims the ends: text compared
/// regardless of how it was wrapped or spaced.
pub fn collapse_space(s: &str) -> String {
    // Most strings are single-spaced already (no white space but single ASCII spaces
    // between words): check that in one pass before splitting.
    let mut after_space = true;
    let tidy = s.chars().all(|c| {
        let space = c.is_whitespace();
        let ok = !space || (c == ' ' && !after_space);
        after_space = space;
        ok
    }) && !after_space;
    if tidy {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text prepared for linting.
///
/// The folded stream holds every token's folded form, each followed by one space and the
/// whole led by one space (`" kim jong-un 's plan "`). A phrase folded the same way and
/// padded with spaces (`" kim jong-un "`) can therefore only match whole tokens: the
/// literal index confirms a multi-token phrase with one comparison at a token, and needs
/// no boundary check.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    folded: String,
    /// See [`Document::special_words`].
    special_words: Vec<u32>,
    /// See [`Document::capitalized_words`].
    capitalized_words: Vec<u32>,
}

impl<'a> Document<'a> {
    /// Tokenizes, folds and splits `text` into sentences.
    ///
    /// # Panics
    /// If `text` is 4 GiB or larger (offsets are stored as `u32`).
    pub fn new(text: &'a str) -> Self {
        assert!(
            text.len() < u32::MAX as usize,
            "documents must be smaller than 4 GiB"
        );
        // One vector of tokens, completed in place: sentence numbers, then folded spans.
        let mut tokens = token::tokenize(text);
        sentence::number_sentences(text, &mut tokens);
        // Built as bytes: most tokens are ASCII, folded a word at a time (see
        // `fold::fold_ascii_token`); the others go through `fold_token_into`. The buffer
        // starts as long as the text plus one space per token (no ASCII token folds
        // longer) plus the slack of the last word written, and grows by what a
        // non-ASCII token's fold adds.
        let bytes = text.as_bytes();
        let mut folded = vec![0u8; 1 + text.len() + tokens.len() + fold::ASCII_FOLD_SLACK];
        folded[0] = b' ';
        let mut at = 1;
        let mut scratch = String::new();
        let mut special_words = Vec::new();
        let mut capitalized_words = Vec::new();
        for (i, t) in tokens.iter_mut().enumerate() {
            if t.has(Token::CAPITALIZED) && t.kind == TokenKind::Word {
                capitalized_words.push(i as u32);
            }
            let fstart = at;
            let len = t.range().len();
            if len > 0 && fold::fold_ascii_token(bytes, t.range(), &mut folded, at) {
                t.flags |= Token::ASCII;
                at += len;
                if t.has(Token::APOSTROPHE) {
                    special_words.push(i as u32);
                }
            } else {
                if t.kind == TokenKind::Word {
                    special_words.push(i as u32);
                }
                scratch.clear();
                fold_token_into(&text[t.range()], &mut scratch);
                let grown = scratch.len().saturating_sub(len);
                folded.resize(folded.len() + grown, 0);
                folded[at..at + scratch.len()].copy_from_slice(scratch.as_bytes());
                at += scratch.len();
            }
            t.fstart = fstart as u32;
            t.fend = at as u32;
            folded[at] = b' ';
            at += 1;
        }
        folded.truncate(at);
        Document {
            text,
            tokens,
            folded: String::from_utf8(folded).expect("folded tokens are UTF-8"),
            special_words,
            capitalized_words,
        }
    }

    /// The word tokens that start with a capital letter, in order: where checks that
    /// read names start (a tenth of the words of news copy; asking every token was most
    /// of the respelling check's time, perf).
    pub fn capitalized_words(&self) -> &[u32] {
        &self.capitalized_words
    }

    /// The word tokens, in order, that are not all ASCII ("São", "l’Intérieur") or
    /// hold an apostrophe ("don't", "l'union"): those whose folded form is not simply
    /// their text in lower case, or which an elision starts. A check that finds plain
    /// words through the literal index (see `checks::untranslated`) reads these itself.
    pub fn special_words(&self) -> &[u32] {
        &self.special_words
    }

    /// The original text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// All tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The folded stream (see the type documentation).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The original text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range()]
    }

    /// The folded form of token `i`.
    pub fn token_folded(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.folded[t.fstart as usize..t.fend as usize]
    }

    /// The token range `[a, b)` covered by folded-stream match `[fs, fe)` of a padded
    /// phrase (leading and trailing space included), if it is token-aligned.
    pub fn tokens_of_folded_match(&self, fs: usize, fe: usize) -> Option<(usize, usize)> {
        let a = self
            .tokens
            .partition_point(|t| (t.fstart as usize) < fs + 1);
        let end = fe.checked_sub(1)?;
        let last = self.tokens.partition_point(|t| (t.fend as usize) < end);
        let aligned = a <= last
            && last < self.tokens.len()
            && self.tokens[a].fstart as usize == fs + 1
            && self.tokens[last].fend as usize == end;
        aligned.then_some((a, last + 1))
    }

    /// Original byte range of tokens `[a, b)`.
    pub fn span_of(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        self.tokens[a].start as usize..self.tokens[b - 1].end as usize
    }

    /// Whether tokens `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.tokens[i].sentence == self.tokens[j].sentence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists of special and capitalized words hold the tokens their definitions
    /// pick, in order: over the corpus, and words with accents, apostrophes straight
    /// and curly, elisions, possessives, capitals and abbreviations.
    #[test]
    fn word_lists_are_the_tokens_they_describe() {
        let mut texts = crate::testing::corpus_texts();
        texts.push(
            "L'Élysée et l’Intérieur: don't, Putin's, São Paulo, U.S. aid, \
             AUSSI, dell'Interno, rock 'n' roll, l'union, Ω, «Le Monde»."
                .to_string(),
        );
        let (mut special, mut capitalized) = (0, 0);
        for text in &texts {
            let doc = Document::new(text);
            let toks = doc.tokens();
            let words = |f: &dyn Fn(&Token) -> bool| -> Vec<u32> {
                let words = toks.iter().enumerate();
                let words = words.filter(|(_, t)| t.kind == TokenKind::Word && f(t));
                words.map(|(i, _)| i as u32).collect()
            };
            let apostrophe = |t: &Token| text[t.range()].contains(['\'', '’']);
            let expected = words(&|t| !text[t.range()].is_ascii() || apostrophe(t));
            assert_eq!(doc.special_words(), expected, "{text:?}");
            let expected = words(&|t| t.has(Token::CAPITALIZED));
            assert_eq!(doc.capitalized_words(), expected, "{text:?}");
            special += doc.special_words().len();
            capitalized += doc.capitalized_words().len();
        }
        assert!(
            special > 100 && capitalized > 1000,
            "{special} special, {capitalized} capitalized"
        );
    }

    #[test]
    fn collapse_space_is_split_and_join() {
        for s in [
            "",
            " ",
            "Kim Jong Un",
            " Kim",
            "Kim ",
            "Kim  Jong",
            "Kim\tJong",
            "Kim\u{a0}Jong",
            "Kim\u{85}Jong",
            "a\nb",
            "Séoul",
            "a b c",
            "  ",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_space(s), want, "{s:?}");
        }
    }

    #[test]
    fn folded_stream_is_space_padded_and_maps_back() {
        let d = Document::new("Kim Jong-Un’s 1 200 Soldats");
        assert_eq!(d.folded(), " kim jong-un 's 1_200 soldats ");
        let fs = d.folded().find(" kim jong-un ").unwrap();
        let (a, b) = d
            .tokens_of_folded_match(fs, fs + " kim jong-un ".len())
            .unwrap();
        assert_eq!((a, b), (0, 2));
        assert_eq!(&d.text()[d.span_of(a, b)], "Kim Jong-Un");
    }

    /// The document folds ASCII tokens itself (its hot path); rule phrases go through
    /// `fold_token`. Both must agree, or a phrase could never match its own words.
    #[test]
    fn the_document_folds_every_token_as_fold_token_does() {
        let mut texts = vec!["ABC 1 200 soldiers, 12.000 KM² d’Ivoire U.S. 10:32 p.m.".to_string()];
        texts.extend(crate::testing::corpus_texts());
        let mut checked = 0;
        for text in &texts {
            let d = Document::new(text);
            for i in 0..d.tokens().len() {
                assert_eq!(d.token_folded(i), fold_token(d.token_text(i)));
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked} tokens");
    }

    #[test]
    fn empty_and_space_only_documents() {
        assert!(Document::new("").tokens().is_empty());
        assert!(Document::new(" \n\u{feff} ").tokens().is_empty());
    }
}
