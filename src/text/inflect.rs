//! Just enough English morphology to match an idiom whatever its tense or number and to
//! carry that tense over to the suggestion: a lemma key per word, the inflected forms of
//! a word, and the form of one word relative to another.
//!
//! Idioms are short and their verbs common, so a suffix stripper plus a table of
//! irregular verbs covers them; this is not a general lemmatizer and is only ever used
//! on words a rule names.

/// What a word counts as when an idiom is matched loosely.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// A form of *be*.
    Be,
    /// A form of *have*.
    Have,
    /// A possessive: "not my beer" and "not our beer" are one idiom.
    Det,
    /// Any other word, by its stem.
    Word(String),
}

/// Irregular verbs as (base, past, past participle). Regular verbs need no entry.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("bear", "bore", "borne"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bite", "bit", "bitten"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("fly", "flew", "flown"),
    ("forget", "forgot", "forgotten"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("read", "read", "read"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shut", "shut", "shut"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck"),
    ("swallow", "swallowed", "swallowed"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

const BE: &[&str] = &["be", "am", "is", "are", "was", "were", "been", "being"];
const HAVE: &[&str] = &["have", "has", "had", "having"];
/// Possessives stand for each other ("not my beer", "not our beer"). Articles do not:
/// "water to the mill" is not "water to their mill of", and "a sour apple" is literal
/// where "the sour apple" is the idiom.
const DET: &[&str] = &["his", "her", "their", "its", "our", "my", "your"];

/// Adverbs, intensifiers and verb particles that can sit inside an idiom without
/// changing it ("the carrots are now well and truly cooked", "threw in the sponge").
/// Negations are not among them: "is not my beer" and "is my beer" are different
/// statements.
const FILLERS: &[&str] = &[
    "again",
    "all",
    "away",
    "back",
    "down",
    "in",
    "off",
    "out",
    "up",
    "already",
    "also",
    "and",
    "apparently",
    "certainly",
    "clearly",
    "completely",
    "definitely",
    "effectively",
    "even",
    "evidently",
    "finally",
    "fully",
    "indeed",
    "just",
    "largely",
    "literally",
    "now",
    "obviously",
    "once",
    "perhaps",
    "probably",
    "quite",
    "rather",
    "really",
    "simply",
    "so",
    "still",
    "surely",
    "then",
    "thus",
    "totally",
    "truly",
    "very",
    "well",
];

/// Whether `folded` may stand inside an idiom as a filler.
pub fn is_filler(folded: &str) -> bool {
    FILLERS.contains(&folded)
}

/// The lemma key of a folded (lower-case) word.
pub fn key(folded: &str) -> Key {
    if BE.contains(&folded) {
        return Key::Be;
    }
    if HAVE.contains(&folded) {
        return Key::Have;
    }
    if DET.contains(&folded) {
        return Key::Det;
    }
    Key::Word(stem(folded))
}

/// The stem two forms of one word share: irregular forms go to their base, then
/// regular suffixes (-s, -es, -ies, -ed, -ied, -ing) and a final e come off, and a
/// doubled final consonant is undoubled ("putting", "put"; "saved", "save").
pub fn stem(folded: &str) -> String {
    if let Some(&(base, _, _)) = irregular_entry(folded) {
        return strip_e(base).to_string();
    }
    let w = folded;
    let n = w.len();
    let s: String = if n > 4 && w.ends_with("ing") {
        undouble(&w[..n - 3])
    } else if n > 3 && (w.ends_with("ied") || w.ends_with("ies")) {
        format!("{}y", &w[..n - 3])
    } else if n > 3 && w.ends_with("ed") {
        undouble(&w[..n - 2])
    } else if n > 3 && w.ends_with("es") && w[..n - 2].ends_with(['s', 'x', 'z', 'h']) {
        w[..n - 2].to_string()
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w[..n - 1].to_string()
    } else {
        w.to_string()
    };
    strip_e(&s).to_string()
}

fn strip_e(s: &str) -> &str {
    if s.len() > 3 && s.ends_with('e') && !s.ends_with("ee") {
        &s[..s.len() - 1]
    } else {
        s
    }
}

/// "putt" → "put", "grinn" → "grin": a doubled consonant after a single vowel, as -ing
/// and -ed double it. "add", "kill" and "spill" keep theirs.
fn undouble(s: &str) -> String {
    let b = s.as_bytes();
    let n = b.len();
    let vowel = |c: u8| b"aeiou".contains(&c);
    if n >= 4
        && b[n - 1] == b[n - 2]
        && !b"aeiouls".contains(&b[n - 1])
        && vowel(b[n - 3])
        && !vowel(b[n - 4])
    {
        s[..n - 1].to_string()
    } else {
        s.to_string()
    }
}

/// The form of a word relative to its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The base form (or a form that cannot be told apart from it).
    Base,
    /// Third person singular or plural -s.
    S,
    /// -ing.
    Ing,
    /// Past tense (regular past participles too).
    Past,
    /// An irregular past participle distinct from the past.
    Participle,
}

fn irregular(base: &str) -> Option<(&'static str, &'static str)> {
    irregular_entry(base)
        .filter(|(b, _, _)| *b == base)
        .map(|&(_, p, pp)| (p, pp))
}

/// The irregular verb one of whose forms `folded` is. A map built once: every phrase
/// word of every idiom asks, many times over, while the linter is built.
fn irregular_entry(folded: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    static BY_FORM: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    let map = BY_FORM.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        // Base forms win over another verb's past ("lay" is the base of lay and the past
        // of lie; "found" the past of find and a base of its own).
        for (i, &(_, p, pp)) in IRREGULAR.iter().enumerate() {
            for f in [pp, p] {
                m.entry(f).or_insert(i);
            }
        }
        for (i, &(b, _, _)) in IRREGULAR.iter().enumerate() {
            m.insert(b, i);
        }
        m
    });
    map.get(folded).map(|&i| &IRREGULAR[i])
}

/// The base form of a folded word: irregular forms by the table, regular ones by
/// taking off their suffix ("kills", "spilled", "turning", "taking", "grinned").
fn base_of(folded: &str) -> String {
    if let Some(&(base, _, _)) = irregular_entry(folded) {
        return base.to_string();
    }
    let w = folded;
    let n = w.len();
    let restore = |stem: &str| {
        let undoubled = undouble(stem);
        if undoubled.len() < stem.len() {
            undoubled
        } else if short_cvc(stem) {
            format!("{stem}e")
        } else {
            stem.to_string()
        }
    };
    if n > 4 && (w.ends_with("ies") || w.ends_with("ied")) {
        format!("{}y", &w[..n - 3])
    } else if n > 4 && w.ends_with("ing") {
        restore(&w[..n - 3])
    } else if n > 3 && w.ends_with("ed") {
        restore(&w[..n - 2])
    } else if n > 3
        && w.ends_with("es")
        && (w[..n - 2].ends_with(['s', 'x', 'z'])
            || w[..n - 2].ends_with("ch")
            || w[..n - 2].ends_with("sh"))
    {
        w[..n - 2].to_string()
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w[..n - 1].to_string()
    } else {
        w.to_string()
    }
}

/// A stem that lost a final e to -ing or -ed: "tak", "mak", "sav", "writ" (a short
/// stem ending consonant-vowel-consonant).
fn short_cvc(stem: &str) -> bool {
    let b = stem.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let n = b.len();
    (3..=4).contains(&n)
        && !vowel(b[n - 1])
        && !b"wxy".contains(&b[n - 1])
        && vowel(b[n - 2])
        && !vowel(b[n - 3])
        && (n == 3 || !vowel(b[0]))
}

/// The form of a folded word: irregular forms by the table, regular ones by suffix.
/// Only ever asked of verbs and nouns a rule names, where the suffix tells.
pub fn form_of(word: &str) -> Form {
    if let Some(&(b, p, pp)) = irregular_entry(word) {
        return match word {
            w if w == b => Form::Base,
            w if w == p => Form::Past,
            _ if pp == b => Form::Base,
            _ => Form::Participle,
        };
    }
    let n = word.len();
    if n > 4 && word.ends_with("ing") {
        Form::Ing
    } else if n > 3 && word.ends_with("ed") {
        Form::Past
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        Form::S
    } else {
        Form::Base
    }
}

/// `word` (a base form as written in a replacement, any case) put in `form`.
pub fn inflect(word: &str, form: Form) -> String {
    let lower = word.to_lowercase();
    let base = base_of(&lower);
    let out = inflect_base(&base, irregular(&base), form);
    // Keep a capital the replacement had ("Throw" → "Threw").
    if word.starts_with(char::is_uppercase) {
        let mut c = out.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        out
    }
}

/// Lower-case `base` put in `form`; `irr` is its irregular past and participle, if any.
fn inflect_base(base: &str, irr: Option<(&str, &str)>, form: Form) -> String {
    match form {
        Form::Base => base.to_string(),
        Form::S => {
            if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
                format!("{base}es")
            } else if consonant_y(base) {
                format!("{}ies", &base[..base.len() - 1])
            } else {
                format!("{base}s")
            }
        }
        Form::Ing => {
            if let Some(stem) = base.strip_suffix("ie") {
                format!("{stem}ying")
            } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
                format!("{}ing", &base[..base.len() - 1])
            } else if doubles(base) {
                format!("{base}{}ing", &base[base.len() - 1..])
            } else {
                format!("{base}ing")
            }
        }
        Form::Past | Form::Participle => match irr {
            Some((p, pp)) => (if form == Form::Past { p } else { pp }).to_string(),
            None if base.ends_with('e') => format!("{base}d"),
            None if consonant_y(base) => format!("{}ied", &base[..base.len() - 1]),
            None if doubles(base) => format!("{base}{}ed", &base[base.len() - 1..]),
            None => format!("{base}ed"),
        },
    }
}

fn consonant_y(base: &str) -> bool {
    let b = base.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

/// Short consonant-vowel-consonant verbs double their last letter: put → putting,
/// stop → stopped. Longer ones mostly do not (open → opened), and those are what an
/// idiom's replacement is unlikely to need.
fn doubles(base: &str) -> bool {
    let b = base.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    b.len() == 3 && !vowel(b[0]) && vowel(b[1]) && !vowel(b[2]) && !b"wxy".contains(&b[2])
}

/// Every form of a folded word that shares its [`key`]: what the literal index must
/// know to find the word in any tense or number. For be, have and possessives: every
/// member of the class.
pub fn forms(folded: &str) -> Vec<String> {
    let k = key(folded);
    let class = match k {
        Key::Be => BE,
        Key::Have => HAVE,
        Key::Det => DET,
        Key::Word(_) => &[][..],
    };
    if !class.is_empty() {
        return class.iter().map(|w| w.to_string()).collect();
    }
    let Key::Word(ref s) = k else {
        return vec![folded.to_string()];
    };
    let mut bases = vec![
        folded.to_string(),
        s.clone(),
        format!("{s}e"),
        base_of(folded),
    ];
    bases.dedup();
    let mut out: Vec<String> = Vec::new();
    for b in &bases {
        // What `inflect` does for each form, its base and irregular forms found once
        // (`b` is folded: lower case already).
        let base = base_of(b);
        let irr = irregular(&base);
        for f in [Form::Base, Form::S, Form::Ing, Form::Past, Form::Participle] {
            out.push(inflect_base(&base, irr, f));
        }
        out.push(b.clone());
    }
    out.push(folded.to_string());
    // The bases share most forms: drop repeats before stemming each candidate.
    out.sort();
    out.dedup();
    out.retain(|f| key(f) == k);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `forms` inflects each base once, without `inflect`'s case handling: the same
    /// forms as asking `inflect` for each, as it was first written.
    #[test]
    fn forms_are_what_inflect_gives_each_base() {
        for w in [
            "throw", "threw", "putting", "carrots", "cooked", "carry", "carries", "lay", "found",
            "saving", "grinned", "their", "were", "has", "mill", "spilled", "taking", "writ",
            "boxes", "beer", "apple", "sponge", "eyes", "fish", "go", "went",
        ] {
            let k = key(w);
            let Key::Word(ref s) = k else {
                continue;
            };
            let mut bases = vec![w.to_string(), s.clone(), format!("{s}e"), base_of(w)];
            bases.dedup();
            let mut want: Vec<String> = Vec::new();
            for b in &bases {
                for f in [Form::Base, Form::S, Form::Ing, Form::Past, Form::Participle] {
                    want.push(inflect(b, f));
                }
                want.push(b.clone());
            }
            want.push(w.to_string());
            want.retain(|f| key(f) == k);
            want.sort();
            want.dedup();
            assert_eq!(forms(w), want, "{w}");
        }
    }

    #[test]
    fn forms_of_one_word_share_a_key() {
        for group in [
            &["throw", "throws", "threw", "thrown", "throwing"][..],
            &["put", "puts", "putting"],
            &["cook", "cooks", "cooked", "cooking"],
            &["save", "saves", "saved", "saving"],
            &["carrot", "carrots"],
            &["pour", "poured", "pouring", "pours"],
            &["carry", "carries", "carried", "carrying"],
        ] {
            let k = key(group[0]);
            for w in group {
                assert_eq!(key(w), k, "{w} vs {}", group[0]);
            }
        }
        assert_ne!(key("cook"), key("cool"));
        assert_eq!(key("were"), Key::Be);
        assert_eq!(key("their"), Key::Det);
    }

    #[test]
    fn forms_are_generated_and_told_apart() {
        let f = forms("throw");
        for w in ["throw", "throws", "threw", "thrown", "throwing"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        assert!(forms("cooked").contains(&"cooking".to_string()));
        assert_eq!(form_of("threw"), Form::Past);
        assert_eq!(form_of("thrown"), Form::Participle);
        assert_eq!(form_of("pouring"), Form::Ing);
        assert_eq!(form_of("pours"), Form::S);
        assert_eq!(form_of("throw"), Form::Base);
        assert_eq!(base_of("kills"), "kill");
        assert_eq!(base_of("taking"), "take");
        assert_eq!(base_of("grinned"), "grin");
        assert_eq!(base_of("spilled"), "spill");
        assert_eq!(base_of("turning"), "turn");
        assert_eq!(inflect("kills", Form::Base), "kill");
        assert_eq!(inflect("spilled", Form::Ing), "spilling");
        assert_eq!(inflect("play", Form::Past), "played");
        assert_eq!(inflect("throw", Form::Participle), "thrown");
        assert_eq!(inflect("put", Form::Ing), "putting");
        assert_eq!(inflect("Take", Form::Past), "Took");
        assert_eq!(inflect("carry", Form::S), "carries");
        assert_eq!(inflect("make", Form::Ing), "making");
    }
}
