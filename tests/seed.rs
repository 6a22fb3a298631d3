//! The article that started the project (../shared/seeds/), linted with the built-in
//! rules and no configuration. Only flagged text and suggestions are stored here, never
//! a sentence of the article.

mod common;
use mtlint::Linter;

const SEED: &str = "../shared/seeds/000_2731ea14e489ca15.txt";

/// Must all be flagged, with the expected text among the suggestions.
const REQUIRED: &[(&str, &str)] = &[
    (
        "Central North Korean Press Agency",
        "Korean Central News Agency",
    ),
    ("Kim Jong-uni", "Kim Jong-un"),
    ("Kim Jong-Un", "Kim Jong-un"),
    ("Koursk", "Kursk"),
    ("incursion surprised", "surprise incursion"),
    ("narrower", "closer"),
    ("reflection group", "think tank"),
    ("electronic war material", "electronic warfare equipment"),
    ("satellite-spy", "spy satellite"),
    ("depending on the evaluation", "according to the assessment"),
];

/// At least 8 of these must be flagged (`None`: any suggestion, or none, will do).
const WANTED: &[(&str, Option<&str>)] = &[
    ("(Seoul) ", None),
    ("the Russia war", Some("Russia's war")),
    ("unrecognized", Some("unidentified")),
    ("reconquer", Some("retake")),
    ("larger compensations", None),
    (
        "Institute for the National Security Strategy",
        Some("Institute for National Security Strategy"),
    ),
    (
        "national intelligence service",
        Some("National Intelligence Service"),
    ),
    ("paid direct payments", Some("made direct payments")),
    (
        "would probably have compensated",
        Some("likely compensated"),
    ),
    ("the sending of", Some("the deployment of")),
    ("recognized", Some("acknowledged")),
];

/// Other real artifacts the rules may flag, each named.
const ALSO_ARTIFACTS: &[(&str, &str)] = &[
    (
        "Posted at 10:32 p.m.",
        "web-page furniture from the source site",
    ),
    (
        "After having denied",
        "calque of French « après avoir nié »: After denying",
    ),
    (
        "for the moment",
        "calque of French « pour le moment »: so far",
    ),
];

#[test]
fn seed_article() {
    let path = common::root().join(SEED);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let linter = Linter::builtin().expect("built-in packs load");
    let diags = linter.lint(&text);
    let found: Vec<(&str, &[String])> = diags
        .iter()
        .map(|d| (d.text(&text), d.suggestions.as_slice()))
        .collect();

    for (want, fix) in REQUIRED {
        let hit = found.iter().find(|(t, _)| t == want);
        let Some((_, sugg)) = hit else {
            panic!("not flagged: “{want}”; flags: {found:#?}")
        };
        assert!(
            sugg.iter().any(|s| s == fix),
            "“{want}”: suggestions {sugg:?} lack “{fix}”"
        );
    }

    let mut wanted = 0;
    for (want, fix) in WANTED {
        if let Some((_, sugg)) = found.iter().find(|(t, _)| t == want)
            && fix.is_none_or(|f| sugg.iter().any(|s| s == f))
        {
            wanted += 1;
        }
    }
    assert!(
        wanted >= 8,
        "only {wanted} of the {} wanted artifacts flagged; flags: {found:#?}",
        WANTED.len()
    );

    for (t, sugg) in &found {
        let known = REQUIRED.iter().any(|(w, _)| w == t)
            || WANTED.iter().any(|(w, _)| w == t)
            || ALSO_ARTIFACTS.iter().any(|(w, _)| w == t);
        assert!(known, "unexpected flag on “{t}” → {sugg:?}");
    }
}
