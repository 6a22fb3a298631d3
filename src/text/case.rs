//! Giving a replacement the case of the text it replaces.

/// Returns `replacement` in the case style of `original`:
/// - all capitals (two letters or more) → all capitals;
/// - a replacement that does not start with a lower-case letter ("NATO", "Kursk",
///   "$2.5 million") is kept as written;
/// - title case (every significant word capitalized, two words or more: "Index of Prices
///   to the Consumer") → title case, minor words kept lower case;
/// - a capital at the start of a sentence → first letter capital;
/// - otherwise the replacement as written: a capital in mid-sentence belongs to the
///   original word ("his Handy", "I"), not to its position.
pub fn match_case(original: &str, replacement: &str, sentence_start: bool) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let first_upper = letters.first().is_some_and(|c| c.is_uppercase());
    // Only a replacement that starts with a lower-case letter has a case to adapt:
    // "NATO" and "Kursk" are names, "3 billion euros" and "$2.5 million" start with none.
    let adaptable = replacement.chars().next().is_some_and(char::is_lowercase);
    if !first_upper || !adaptable {
        return replacement.to_string();
    }
    // Words with letters only: "2,5 M$" is not a title.
    let significant: Vec<&str> = original
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic) && !is_minor(&w.to_lowercase()))
        .collect();
    let title = significant.len() >= 2
        && significant.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        });
    if title {
        return replacement
            .split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i > 0 && is_minor(w) {
                    w.to_string()
                } else {
                    capitalize(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    if sentence_start {
        capitalize(replacement)
    } else {
        replacement.to_string()
    }
}

fn is_minor(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "for"
            | "and"
            | "or"
            | "in"
            | "on"
            | "at"
            | "to"
            | "by"
            | "with"
            | "from"
    )
}

/// Upper-cases the first character.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether byte `pos` of `text` starts a sentence: only white space and opening quotes
/// or brackets stand between it and the start of the text, a line break, or . ! ?
pub fn sentence_start_at(text: &str, pos: usize) -> bool {
    for c in text[..pos].chars().rev() {
        match c {
            '.' | '!' | '?' | '\n' | '\r' => return true,
            c if c.is_whitespace() => {}
            '"' | '“' | '‘' | '\'' | '«' | '„' | '(' | '[' | '\u{feff}' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_original_case_style() {
        assert_eq!(
            match_case("reflection group", "think tank", false),
            "think tank"
        );
        assert_eq!(
            match_case("Reflection group", "think tank", true),
            "Think tank"
        );
        assert_eq!(
            match_case("REFLECTION GROUP", "think tank", false),
            "THINK TANK"
        );
        assert_eq!(
            match_case("Reflection Group", "think tank of the year", false),
            "Think Tank of the Year"
        );
        assert_eq!(
            match_case(
                "Index of Prices to the Consumer",
                "consumer price index",
                false
            ),
            "Consumer Price Index"
        );
        assert_eq!(match_case("reflection", "NATO", false), "NATO");
        assert_eq!(match_case("Koursk", "Kursk", false), "Kursk");
        assert_eq!(
            match_case("Region Lombardy", "Lombardy region", false),
            "Lombardy region"
        );
        assert_eq!(
            match_case("REGION LOMBARDY", "Lombardy region", false),
            "LOMBARDY REGION"
        );
    }

    #[test]
    fn a_mid_sentence_capital_belongs_to_the_word() {
        assert_eq!(match_case("Handy", "phone", false), "phone");
        assert_eq!(match_case("2,5 M$", "$2.5 million", false), "$2.5 million");
        assert_eq!(
            match_case("3 Mrd. Euro", "3 billion euros", true),
            "3 billion euros"
        );
        assert_eq!(match_case("Handy", "phone", true), "Phone");
        assert_eq!(
            match_case(
                "I only understand train station",
                "it's all Greek to me",
                false
            ),
            "it's all Greek to me"
        );
    }

    #[test]
    fn sentence_starts() {
        let t = "He left. “Reflection group” said\n(Seoul) x";
        assert!(sentence_start_at(t, 0));
        assert!(sentence_start_at(t, t.find("Reflection").unwrap()));
        assert!(!sentence_start_at(t, t.find("said").unwrap()));
        assert!(sentence_start_at(t, t.find("(Seoul)").unwrap()));
    }
}
