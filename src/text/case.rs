//! Giving a replacement the case of the text it replaces.

/// Returns `replacement` in the case style of `original`:
/// - all capitals (two letters or more) → all capitals;
/// - every word capitalized (two words or more) → every word of the replacement
///   capitalized, except short function words;
/// - a replacement that starts with a capital ("NATO", "Kursk") is kept as written;
/// - first letter capital → first letter capital;
/// - otherwise the replacement as written.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let first_upper = original
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    // A replacement written with a capital ("NATO", "Lombardy region") is a name whose
    // case the rule author chose: keep it.
    let written_upper = replacement.chars().next().is_some_and(char::is_uppercase);
    if !first_upper || written_upper {
        return replacement.to_string();
    }
    let words: Vec<&str> = original.split_whitespace().collect();
    let title = words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_none_or(char::is_uppercase)
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
    capitalize(replacement)
}

fn is_minor(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "of" | "for" | "and" | "or" | "in" | "on" | "at" | "to" | "by"
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

#[cfg(test)]
mod tests {
    use super::match_case;

    #[test]
    fn keeps_the_original_case_style() {
        assert_eq!(match_case("reflection group", "think tank"), "think tank");
        assert_eq!(match_case("Reflection group", "think tank"), "Think tank");
        assert_eq!(match_case("REFLECTION GROUP", "think tank"), "THINK TANK");
        assert_eq!(
            match_case("Reflection Group", "think tank of the year"),
            "Think Tank of the Year"
        );
        assert_eq!(match_case("reflection", "NATO"), "NATO");
        assert_eq!(match_case("Koursk", "Kursk"), "Kursk");
        assert_eq!(match_case("Region Lombardy", "Lombardy region"), "Lombardy region");
        assert_eq!(match_case("REGION LOMBARDY", "Lombardy region"), "LOMBARDY REGION");
    }
}
