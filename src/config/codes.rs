//! Rule codes and code prefixes as written in `select`, `ignore` and `[severity]`.

use std::fmt;

/// A rule code (`CAL012`) or a code prefix: letters only (`CAL`, `C`) or letters and the
/// leading digits of a code (`CAL0`). Compared without regard to case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodePattern(String);

impl CodePattern {
    /// Parses a pattern; the error says what shape is expected. Whether it matches any
    /// rule is checked against the rule set by the caller.
    pub fn parse(s: &str) -> Result<Self, String> {
        let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        let well_formed = letters > 0 && s.bytes().skip(letters).all(|b| b.is_ascii_digit());
        if well_formed {
            Ok(CodePattern(s.to_ascii_uppercase()))
        } else {
            Err(format!(
                "`{s}` is not a rule code or code prefix \
                 (letters, then digits: `CAL`, `CAL0`, `CAL012`)"
            ))
        }
    }

    /// Whether rule `code` is this code or starts with this prefix.
    pub fn matches(&self, code: &str) -> bool {
        code.len() >= self.0.len()
            && code.as_bytes()[..self.0.len()].eq_ignore_ascii_case(self.0.as_bytes())
    }

    /// The pattern, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How specific the pattern is: its length (a longer prefix names fewer rules).
    pub fn specificity(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for CodePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in ["CAL", "c", "CAL0", "cal012", "NAM001"] {
            assert!(CodePattern::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "012", "CAL-1", "CAL0X", "CAL*", " CAL"] {
            assert!(CodePattern::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn prefixes_match_case_insensitively() {
        let p = CodePattern::parse("cal0").unwrap();
        assert!(p.matches("CAL012"));
        assert!(!p.matches("CAL112"));
        assert!(!p.matches("CA"));
        assert!(CodePattern::parse("C").unwrap().matches("CNS001"));
        assert!(CodePattern::parse("NAM001").unwrap().matches("NAM001"));
    }
}
