//! Byte tests on eight bytes at once ("SIMD within a register"), for the loops that
//! read most of the text: each byte's result is exact, so the lowest flagged byte of a
//! word can be found with `trailing_zeros`.

/// Each byte of a word set to one.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` whose low seven bits are in `lo..=hi` (both below
/// 0x80; bytes from 0x80 are tested on their low seven bits, so callers mask them out).
/// Adding a constant below 0x80 to a seven-bit value cannot carry into the next byte:
/// the high bit of (v + 0x80 - lo) is set when v >= lo, of (v + 0x7f - hi) when v > hi.
pub fn within(x: u64, lo: u8, hi: u8) -> u64 {
    let v = x & !HIGH;
    (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7f - hi)) & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter.
pub fn letters(x: u64) -> u64 {
    within(x | (ONES * 0x20), b'a', b'z') & !x
}

#[cfg(test)]
mod tests {
    /// Every byte value, at every place of a word, among other bytes.
    #[test]
    fn byte_tests_are_exact() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = [b'a', 0x7f, b'0', 0x80, b' ', b'Z', 0xff, b'@'];
                bytes[at] = b;
                let x = u64::from_le_bytes(bytes);
                for (k, &c) in bytes.iter().enumerate() {
                    let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                    assert_eq!(bit(super::letters(x)), c.is_ascii_alphabetic(), "{bytes:?}");
                    let digit = bit(super::within(x, b'0', b'9')) && c < 0x80;
                    assert_eq!(digit, c.is_ascii_digit(), "{bytes:?}");
                }
            }
        }
    }
}
