//! The pattern rules' gate: every occurrence of every required literal (see
//! [`super::required`]) in a text, in one pass.
//!
//! Why not Aho-Corasick: over the 1,260 built-in gate literals its DFA takes 7.4 MB,
//! which does not stay in cache, and searched 10 MB of clean copy in 44 ms, 14% of a
//! run (perf). Here each literal is anchored on one of its three-byte windows, the one
//! rarest in a sample of the text searched, and a pass over the text tests each
//! trigram's bit in a 32 KB table; only the few trigrams that anchor a literal (4% of
//! positions on clean copy) look further. Timed side by side on the same literals and
//! text, this search took 15 ms; a whole single-thread run on the 10 MB went from 299
//! to 264 ms (median of seven, interleaved).
//!
//! Two-byte literals ("20", the day of a date) are anchored on every trigram they
//! start; one-byte literals are not searched for here (the pattern check runs their
//! rules line by line).
//!
//! With AVX2 the bit test runs eight positions at a time ([`avx2`]): 2,075 → 1,900 M
//! instructions for a run on 10 MB of clean copy (callgrind), 217 → 210 ms (median of
//! fifteen, interleaved). Testing every other position instead, with two anchors per
//! literal, took fewer instructions (2,026 M) but more time (224 ms): three times as
//! many candidates (28% of positions tested), each a few mispredicted branches.

#[cfg(target_arch = "x86_64")]
mod avx2;

/// At most this many two-byte literals: each takes 256 table entries (one per byte that
/// may follow it), so a user's pack with tens of thousands would take gigabytes. The
/// built-in rules have 25; past the limit, their rules run line by line (see
/// `PatternCheck::finish`).
pub const MAX_PAIRS: usize = 256;

/// The trigram table has `1 << BITS` bits.
const BITS: u32 = 18;

/// The sample of the text whose trigram counts choose the anchors.
const SAMPLE: usize = 256 << 10;

/// Where a trigram goes in the table (a multiplicative hash of its 24 bits).
#[inline(always)]
fn bucket(trigram: u32) -> usize {
    (trigram.wrapping_mul(0x9E37_79B1) >> (32 - BITS)) as usize
}

fn trigram(w: &[u8]) -> u32 {
    u32::from_be_bytes([0, w[0], w[1], w[2]])
}

/// A literal anchored in a bucket: `lit` starts `offset` bytes before the trigram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Anchor {
    lit: u32,
    offset: u32,
    /// The literal's first eight bytes (fewer, zero-padded, when shorter), little
    /// endian, and which bits of them count: most candidates are told apart by one
    /// integer comparison instead of a call to `memcmp` (887 → 878 M instructions for
    /// a run on 3 MB of clean copy, callgrind).
    head: u64,
    mask: u64,
}

impl Anchor {
    fn new(lit: u32, offset: usize, bytes: &[u8]) -> Self {
        let (head, mask) = crate::text::word_key::head_and_mask(bytes);
        Anchor {
            lit,
            offset: offset as u32,
            head,
            mask,
        }
    }
}

/// A multi-literal searcher that reports every occurrence, overlapping ones included.
#[derive(Debug)]
pub struct LiteralGate {
    lits: Vec<Vec<u8>>,
    /// One bit per bucket: whether it anchors a literal.
    bits: Vec<u64>,
    /// Set bits before each word of `bits`: a set bucket's rank among the set ones.
    rank: Vec<u32>,
    /// Per set bucket, by rank, where its anchors start in `anchors` (one more entry
    /// at the end).
    heads: Vec<u32>,
    anchors: Vec<Anchor>,
    /// The two-byte literals, looked for at the text's last two bytes, where no
    /// trigram starts.
    pairs: Vec<u32>,
}

impl LiteralGate {
    /// A searcher for `lits`, each at least two bytes long, at most [`MAX_PAIRS`] of
    /// them two bytes long. `sample`, text like the texts to be searched, decides
    /// which trigram anchors each literal: which one only changes the speed.
    pub fn new(lits: &[Vec<u8>], sample: &[u8]) -> Self {
        assert!(
            lits.iter().all(|l| l.len() >= 2)
                && lits.iter().filter(|l| l.len() == 2).count() <= MAX_PAIRS,
            "gate literals have at least two bytes, and few have only two"
        );
        let sample = &sample[..sample.len().min(SAMPLE)];
        let mut count = vec![0u32; 1 << BITS];
        for w in sample.windows(3) {
            count[bucket(trigram(w))] += 1;
        }
        let mut keyed: Vec<(usize, Anchor)> = Vec::new();
        let mut pairs = Vec::new();
        for (i, l) in lits.iter().enumerate() {
            let lit = i as u32;
            if let [a, b] = l[..] {
                pairs.push(lit);
                for c in 0..=255 {
                    keyed.push((bucket(trigram(&[a, b, c])), Anchor::new(lit, 0, l)));
                }
                continue;
            }
            // The first of the rarest windows.
            let (offset, key) = l
                .windows(3)
                .map(|w| bucket(trigram(w)))
                .enumerate()
                .min_by_key(|&(k, key)| (count[key], k))
                .expect("three bytes or more");
            keyed.push((key, Anchor::new(lit, offset, l)));
        }
        keyed.sort_unstable();
        keyed.dedup();
        let mut bits = vec![0u64; 1 << (BITS - 6)];
        let mut heads = Vec::new();
        let mut anchors = Vec::with_capacity(keyed.len());
        for (n, &(key, anchor)) in keyed.iter().enumerate() {
            if n == 0 || keyed[n - 1].0 != key {
                bits[key >> 6] |= 1 << (key & 63);
                heads.push(anchors.len() as u32);
            }
            anchors.push(anchor);
        }
        heads.push(anchors.len() as u32);
        let mut rank = Vec::with_capacity(bits.len());
        let mut total = 0;
        for w in &bits {
            rank.push(total);
            total += w.count_ones();
        }
        LiteralGate {
            lits: lits.to_vec(),
            bits,
            rank,
            heads,
            anchors,
            pairs,
        }
    }

    /// Calls `found(literal, start)` for every occurrence of every literal in `text`.
    /// One literal's occurrences come in order; different literals' interleave by
    /// where their anchors fall, not by start.
    pub fn for_each(&self, text: &[u8], found: impl FnMut(usize, usize)) {
        self.for_each_with(text, true, found);
    }

    /// [`LiteralGate::for_each`], with or without the vector path where the processor
    /// has one (a test compares both).
    fn for_each_with(&self, text: &[u8], vector: bool, mut found: impl FnMut(usize, usize)) {
        if text.len() < 2 {
            return;
        }
        let mut from = 0;
        #[cfg(target_arch = "x86_64")]
        if vector && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            from = unsafe {
                avx2::set_buckets(text, &self.bits, |at, key| {
                    self.probe(text, at, key, &mut found)
                })
            };
        }
        // Only x86_64 has a vector path to turn off.
        let _ = vector;
        for at in from..text.len().saturating_sub(2) {
            let key = bucket(trigram(&text[at..at + 3]));
            if self.bits[key >> 6] >> (key & 63) & 1 == 1 {
                self.probe(text, at, key, &mut found);
            }
        }
        let last = text.len() - 2;
        for &p in &self.pairs {
            if text[last..] == self.lits[p as usize][..] {
                found(p as usize, last);
            }
        }
    }

    /// The literals anchored in bucket `key` (one whose bit is set), tried against the
    /// text for the trigram at `at`.
    #[inline(always)]
    fn probe(&self, text: &[u8], at: usize, key: usize, found: &mut impl FnMut(usize, usize)) {
        let word = self.bits[key >> 6];
        let below = word & ((1u64 << (key & 63)) - 1);
        let r = (self.rank[key >> 6] + below.count_ones()) as usize;
        let (from, to) = (self.heads[r] as usize, self.heads[r + 1] as usize);
        for a in &self.anchors[from..to] {
            let Some(start) = at.checked_sub(a.offset as usize) else {
                continue;
            };
            let hit = match text.get(start..start + 8) {
                Some(eight) => {
                    let eight = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                    eight & a.mask == a.head && {
                        let lit = &self.lits[a.lit as usize];
                        lit.len() <= 8 || text[start..].starts_with(lit)
                    }
                }
                None => text[start..].starts_with(&self.lits[a.lit as usize]),
            };
            if hit {
                found(a.lit as usize, start);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence of every literal, the obvious way (the literals that start
    /// with each byte, tried at each position), sorted.
    fn naive(lits: &[Vec<u8>], text: &[u8]) -> Vec<(usize, usize)> {
        let mut by_first = vec![Vec::new(); 256];
        for (i, l) in lits.iter().enumerate() {
            by_first[usize::from(l[0])].push(i);
        }
        let mut out = Vec::new();
        for s in 0..text.len() {
            for &i in &by_first[usize::from(text[s])] {
                if text[s..].starts_with(&lits[i]) {
                    out.push((i, s));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// What the gate finds, sorted; the same with and without the vector path.
    fn gated(gate: &LiteralGate, text: &[u8]) -> Vec<(usize, usize)> {
        let found = |vector| {
            let mut out = Vec::new();
            gate.for_each_with(text, vector, |l, s| out.push((l, s)));
            let n = out.len();
            out.sort_unstable();
            out.dedup();
            assert_eq!(out.len(), n, "an occurrence reported twice");
            out
        };
        let out = found(true);
        assert_eq!(out, found(false), "vector and scalar paths differ");
        out
    }

    #[test]
    fn finds_every_occurrence_overlapping_ones_too() {
        let lits: Vec<Vec<u8>> = [
            "aa", "aaa", "at ", "20", "2025", " 20", "é à", "«", "ab", "ba", "xyz",
        ]
        .iter()
        .filter(|l| l.len() >= 2)
        .map(|l| l.as_bytes().to_vec())
        .collect();
        let texts = [
            "",
            "a",
            "aa",
            "aaaaaa",
            "at 20",
            "met at 20 h on 20 May 2025 20",
            "abababa",
            "déjà é à é à",
            "xyz",
            "xy",
            "20",
        ];
        for sample in ["", "aaaa at at at", texts[5]] {
            let gate = LiteralGate::new(&lits, sample.as_bytes());
            for t in texts {
                assert_eq!(
                    gated(&gate, t.as_bytes()),
                    naive(&lits, t.as_bytes()),
                    "{t:?}"
                );
            }
        }
    }

    /// The built-in rules' gate literals over corpus copy and over random strings made
    /// of their pieces, whatever sample chose the anchors.
    #[test]
    fn matches_the_naive_search_on_the_builtin_literals() {
        let linter = crate::engine::Linter::builtin().unwrap();
        let lits = linter.pattern_check().gate_literals().to_vec();
        assert!(lits.len() > 500, "only {} literals", lits.len());
        let copy = crate::testing::corpus_texts().concat();
        let copy = &copy.as_bytes()[..copy.len().min(150_000)];
        let mut rng = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = Vec::new();
        while random.len() < 100_000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let l = &lits[(rng % lits.len() as u64) as usize];
            // A literal whole, or cut short, or a stray byte between them.
            match rng >> 60 {
                0..=9 => random.extend_from_slice(l),
                10..=13 => random.extend_from_slice(&l[..l.len() - 1]),
                _ => random.push((rng >> 32) as u8 % 128),
            }
        }
        for sample in [copy, &random[..], b""] {
            let gate = LiteralGate::new(&lits, sample);
            for text in [copy, &random[..]] {
                let found = gated(&gate, text);
                assert!(found.len() > 1000);
                assert_eq!(found, naive(&lits, text));
            }
        }
    }
}
