//! Short words as integers: a word of up to seven bytes and its length packed in one
//! `u64`, read from the folded stream with one unaligned load, and a table keyed by it.
//!
//! Why: checks look up every token of a document in some table (the literal index's
//! phrase heads, the function words of `checks::untranslated`). Most tokens are short
//! words, and an integer key is a multiplication and a comparison or two, where a
//! string map hashes the bytes and compares them with a library call.

/// Longest word a key holds: seven bytes and the length fit one `u64`.
pub const SHORT: usize = 7;

/// A word of at most [`SHORT`] bytes as one integer: its bytes (little-endian) and its
/// length in the top byte, so that no two words share a key (a word may hold a NUL
/// byte) and no key is 0.
pub fn short_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > SHORT {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(bytes) | (word.len() as u64) << 56)
}

/// [`short_key`] of `stream[at..at + len]`, read as one unaligned load where the
/// stream has eight bytes from `at` (every token but the last few of a document).
pub fn short_key_in(stream: &[u8], at: usize, len: usize) -> Option<u64> {
    if len == 0 || len > SHORT {
        return None;
    }
    match stream.get(at..at + 8) {
        Some(eight) => {
            let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            Some(word & ((1u64 << (8 * len)) - 1) | (len as u64) << 56)
        }
        None => short_key(&stream[at..at + len]),
    }
}

/// Whether the word of `key` holds byte `b` (a word–at–a–time test of its bytes).
pub fn key_has_byte(key: u64, b: u8) -> bool {
    let len = (key >> 56) as usize;
    // Bytes equal to `b` become zero; the word's own bytes are those below its length.
    let x = key ^ (u64::from(b) * 0x0101_0101_0101_0101);
    let zero = x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080;
    // The lowest zero byte is exact (borrows only run upwards); it must be the word's.
    zero != 0 && (zero.trailing_zeros() as usize) / 8 < len
}

/// The first eight bytes of `bytes` (fewer, zero-padded, when shorter) as one
/// little-endian integer, and the mask of the bytes it has: eight bytes of text read as
/// one integer start with `bytes` where `text & mask == head` (and `bytes` has at most
/// eight), without a call to `memcmp`.
pub fn head_and_mask(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len().min(8);
    let mut head = [0u8; 8];
    head[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(head), mask)
}

/// A signature of any word: its first eight bytes (fewer for a shorter word, the rest
/// zero) mixed with its length, read from `stream[at..at + len]` with one unaligned
/// load where the stream has eight bytes. Words with different signatures differ; for
/// filters, where equal signatures only cost a lookup.
pub fn word_sig(stream: &[u8], at: usize, len: usize) -> u64 {
    let n = len.min(8);
    let word = match stream.get(at..at + 8) {
        Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
        None => {
            let mut bytes = [0u8; 8];
            bytes[..n].copy_from_slice(&stream[at..at + n]);
            u64::from_le_bytes(bytes)
        }
    };
    let masked = if n == 8 {
        word
    } else {
        word & ((1u64 << (8 * n)) - 1)
    };
    masked ^ (len as u64).rotate_right(8)
}

/// A set of 64-bit signatures as `2^bits` bits, one per signature (a Bloom filter with
/// one hash): "no" is certain, "yes" means look it up. Small enough to stay in the
/// first-level cache, where the tables it guards are not.
pub struct BitFilter {
    words: Vec<u64>,
    shift: u32,
}

impl BitFilter {
    /// An empty filter of `2^bits` bits (`bits` from 6 to 32).
    pub fn new(bits: u32) -> Self {
        BitFilter {
            words: vec![0; 1 << (bits - 6)],
            shift: 64 - bits,
        }
    }

    fn bit(&self, sig: u64) -> usize {
        (sig.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Adds `sig`.
    pub fn insert(&mut self, sig: u64) {
        let b = self.bit(sig);
        self.words[b / 64] |= 1 << (b % 64);
    }

    /// Whether `sig` may have been added.
    pub fn may_contain(&self, sig: u64) -> bool {
        let b = self.bit(sig);
        self.words[b / 64] >> (b % 64) & 1 == 1
    }
}

/// Values by [`short_key`]: open addressing over a power-of-two array, probed linearly.
pub struct ShortTable<V> {
    /// (key, index into `values`); key 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    values: Vec<V>,
    shift: u32,
}

impl<V> ShortTable<V> {
    /// A table for `n` keys, at most half full.
    pub fn with_capacity(n: usize) -> Self {
        let size = (2 * n).next_power_of_two().max(16);
        ShortTable {
            slots: vec![(0, 0); size],
            values: Vec::with_capacity(n),
            shift: 64 - size.trailing_zeros(),
        }
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Inserts a key that is not in the table yet (with more keys than the capacity
    /// asked for, probes grow long; past the table's size it panics).
    pub fn insert(&mut self, key: u64, value: V) {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        while self.slots[s].0 != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = (key, self.values.len() as u32);
        self.values.push(value);
    }

    /// The value of `key`.
    pub fn get(&self, key: u64) -> Option<&V> {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(key);
        loop {
            match self.slots[s] {
                (0, _) => return None,
                (k, v) if k == key => return Some(&self.values[v as usize]),
                _ => s = (s + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ShortTable, key_has_byte, short_key, short_key_in};

    /// Short keys tell words apart (a NUL byte included), read the same from a stream
    /// as from the word alone, and find what was inserted and nothing else.
    #[test]
    fn short_keys_and_their_table() {
        let words: [&[u8]; 9] = [
            b"a",
            b"a\0",
            b"\0",
            b"the",
            b"in",
            b"minister",
            b"otan",
            b"sevench",
            b"eightchr",
        ];
        let keys: Vec<Option<u64>> = words.iter().map(|w| short_key(w)).collect();
        assert!(keys[7].is_some(), "seven bytes fit");
        assert_eq!(keys[5], None, "eight bytes do not");
        let present: Vec<u64> = keys.iter().flatten().copied().collect();
        let mut distinct = present.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), present.len());
        assert!(!present.contains(&0));
        assert_eq!(short_key(b""), None);
        // Every word at every offset of a stream, near its end too.
        let stream = b" a a\0 \0 the in minister otan sevench eightchr ";
        for w in words {
            for at in 0..=stream.len() - w.len() {
                if &stream[at..at + w.len()] == w {
                    assert_eq!(
                        short_key_in(stream, at, w.len()),
                        short_key(w),
                        "{w:?} at {at}"
                    );
                }
            }
        }
        let mut table = ShortTable::with_capacity(3);
        for (i, k) in present.iter().enumerate().take(4) {
            table.insert(*k, i);
        }
        for (i, k) in present.iter().enumerate() {
            assert_eq!(table.get(*k).copied(), (i < 4).then_some(i), "key {i}");
        }
    }

    /// Signatures read from a stream equal those of the word alone, tell apart words
    /// that differ in their first eight bytes or their length, and a filter finds every
    /// signature put in it.
    #[test]
    fn word_signatures_and_the_filter() {
        use super::{BitFilter, word_sig};
        let stream = b" a ab abcdefgh abcdefghi abcdefghij x";
        let words: Vec<(usize, usize)> = {
            let mut v = Vec::new();
            let mut start = None;
            for (i, &b) in stream.iter().chain(b" ").enumerate() {
                match (b == b' ', start) {
                    (true, Some(s)) => {
                        v.push((s, i - s));
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            v
        };
        assert_eq!(words.len(), 6);
        let mut sigs = Vec::new();
        for &(at, len) in &words {
            let alone = &stream[at..at + len];
            let sig = word_sig(stream, at, len);
            assert_eq!(sig, word_sig(alone, 0, len), "{:?}", alone);
            sigs.push(sig);
        }
        let mut distinct = sigs.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), sigs.len(), "lengths 8, 9 and 10 differ");
        let mut filter = BitFilter::new(12);
        for &s in &sigs[..3] {
            filter.insert(s);
        }
        assert!(sigs[..3].iter().all(|&s| filter.may_contain(s)));
        let strangers = (0..1000u64)
            .filter(|&k| filter.may_contain(k * 7919))
            .count();
        assert!(
            strangers < 20,
            "{strangers} of 1000 strangers pass 3 of 4096 bits"
        );
    }

    /// A head and its mask tell, as integers, which texts start with the bytes: for
    /// every length from none to ten, against texts that differ at each place.
    #[test]
    fn heads_compare_as_prefixes() {
        use super::head_and_mask;
        let bytes = b"abcdefghij";
        for n in 0..=bytes.len() {
            let (head, mask) = head_and_mask(&bytes[..n]);
            assert_eq!(mask.count_ones() as usize, 8 * n.min(8));
            for at in 0..8 {
                let mut text = *b"abcdefghij";
                let same = u64::from_le_bytes(text[..8].try_into().unwrap());
                assert_eq!(same & mask, head, "{n} bytes");
                text[at] = b'_';
                let other = u64::from_le_bytes(text[..8].try_into().unwrap());
                assert_eq!(other & mask == head, at >= n, "{n} bytes, changed at {at}");
            }
        }
    }

    /// `key_has_byte` agrees with a byte search on every word of up to four bytes from
    /// an alphabet with the byte, its neighbours, a NUL and a high byte, and on words
    /// of five to seven bytes with the byte at each place.
    #[test]
    fn a_key_holds_a_byte_where_its_word_does() {
        let alphabet = [b'\'', b'&', b'(', 0u8, 0xa7, b'a'];
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        let mut checked = 0;
        for _ in 0..4 {
            words = words
                .iter()
                .flat_map(|w| {
                    alphabet.iter().map(move |&c| {
                        let mut w = w.clone();
                        w.push(c);
                        w
                    })
                })
                .collect();
            for w in &words {
                let key = short_key(w).expect("short");
                assert_eq!(key_has_byte(key, b'\''), w.contains(&b'\''), "{w:?}");
                checked += 1;
            }
        }
        for len in 5..=7 {
            for at in 0..len {
                let mut w = vec![b'x'; len];
                w[at] = b'\'';
                assert!(key_has_byte(short_key(&w).expect("short"), b'\''), "{w:?}");
            }
            let plain = vec![b'x'; len];
            assert!(!key_has_byte(short_key(&plain).expect("short"), b'\''));
        }
        assert_eq!(checked, 6 + 36 + 216 + 1296);
    }
}
