//! The gate's trigram test eight positions at a time, with AVX2.
//!
//! Why: a byte at a time, the test (hash the trigram, read its bucket's bit) was the
//! costliest loop of a run, 10% of its time on 10 MB of clean copy (perf). Here eight
//! trigrams are cut from one 16-byte load by a byte shuffle, hashed by one vector
//! multiply, and their eight table words read by one gather; only the positions whose
//! bit is set (4% on clean copy) leave the vector registers.

use super::{BITS, bucket, trigram};
use std::arch::x86_64::*;

/// Calls `set(at, bucket)` for every trigram start `at` whose bucket's bit is set in
/// `bits` (the gate's table, `1 << BITS` bits), in order, for as many positions from
/// the start as whole 16-byte loads reach; returns the first position not tested.
///
/// # Safety
///
/// The processor must have AVX2.
#[target_feature(enable = "avx2")]
pub(super) unsafe fn set_buckets(
    text: &[u8],
    bits: &[u64],
    mut set: impl FnMut(usize, usize),
) -> usize {
    // The gathers below read 32-bit words at indices below `1 << (BITS - 5)`.
    assert_eq!(bits.len(), 1 << (BITS - 6), "the gate's table");
    // Lane i holds bytes i + 2, i + 1, i (of its 128-bit half's load): read as a
    // little-endian integer, the trigram at i as `trigram` builds it. The upper half
    // holds positions 4 to 7.
    let shuffle = _mm256_setr_epi8(
        2, 1, 0, -1, 3, 2, 1, -1, 4, 3, 2, -1, 5, 4, 3, -1, //
        6, 5, 4, -1, 7, 6, 5, -1, 8, 7, 6, -1, 9, 8, 7, -1,
    );
    let multiplier = _mm256_set1_epi32(0x9E37_79B1_u32 as i32);
    let low5 = _mm256_set1_epi32(31);
    let words = bits.as_ptr().cast::<i32>();
    let mut at = 0;
    while at + 16 <= text.len() {
        // SAFETY: `at + 16 <= text.len()`: the sixteen bytes are in `text`.
        let load = unsafe { _mm_loadu_si128(text.as_ptr().add(at).cast()) };
        let trigrams = _mm256_shuffle_epi8(_mm256_broadcastsi128_si256(load), shuffle);
        let keys =
            _mm256_srli_epi32::<{ 32 - BITS as i32 }>(_mm256_mullo_epi32(trigrams, multiplier));
        // SAFETY: a key is below `1 << BITS`, its word index below `1 << (BITS - 5)`,
        // the number of 32-bit words in `bits` (asserted above).
        let gathered = unsafe { _mm256_i32gather_epi32::<4>(words, _mm256_srli_epi32::<5>(keys)) };
        let bit = _mm256_srlv_epi32(gathered, _mm256_and_si256(keys, low5));
        let mask = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32::<31>(bit)));
        if mask != 0 {
            let mut lanes = [0u32; 8];
            // SAFETY: `lanes` is 32 bytes.
            unsafe { _mm256_storeu_si256(lanes.as_mut_ptr().cast(), keys) };
            let mut m = mask as u32;
            while m != 0 {
                let i = m.trailing_zeros() as usize;
                debug_assert_eq!(lanes[i] as usize, bucket(trigram(&text[at + i..])));
                set(at + i, lanes[i] as usize);
                m &= m - 1;
            }
        }
        at += 8;
    }
    at
}
