//! One fixture per check kind, linted with a pack written for it, snapshotted. The
//! fixtures hold the traps each check must stay quiet on, next to what it must find.

mod common;
use common::{concise, linter_with, read};

fn run(packs: &[&str], fixture: &str) -> String {
    let linter = linter_with(packs);
    let text = read(fixture);
    concise(&text, &linter.lint(&text))
}

#[test]
fn phrase() {
    insta::assert_snapshot!(run(
        &["tests/fixtures/phrase.toml"],
        "tests/fixtures/phrase.txt"
    ));
}

#[test]
fn pattern() {
    insta::assert_snapshot!(run(
        &["tests/fixtures/pattern.toml"],
        "tests/fixtures/pattern.txt"
    ));
}

#[test]
fn entity() {
    insta::assert_snapshot!(run(
        &["tests/fixtures/entity.toml"],
        "tests/fixtures/entity.txt"
    ));
}

#[test]
fn acronym() {
    insta::assert_snapshot!(run(
        &["tests/fixtures/acronym.toml"],
        "tests/fixtures/acronym.txt"
    ));
}

#[test]
fn consistency() {
    // The real consistency pack, with the people gazetteer that tells it which
    // spellings are standard and which names are distinct people.
    insta::assert_snapshot!(run(
        &["rules/consistency.toml", "rules/people/gazetteer.toml"],
        "tests/fixtures/consistency.txt"
    ));
}

#[test]
fn respelling() {
    // The real respelling packs, with the place table whose English names they aim at.
    insta::assert_snapshot!(run(
        &[
            "rules/fr/respelling.toml",
            "rules/de/respelling.toml",
            "rules/pl/respelling.toml",
            "rules/es/respelling.toml",
            "rules/places.toml"
        ],
        "tests/fixtures/respelling.txt"
    ));
}

#[test]
fn house() {
    let linter = mtlint::LinterBuilder::new()
        .add_path(&common::root().join("tests/fixtures/house.toml"))
        .style(Some(mtlint::rules::schema::House::Ap))
        .build()
        .unwrap();
    let text = read("tests/fixtures/house.txt");
    insta::assert_snapshot!(concise(&text, &linter.lint(&text)));
}

#[test]
fn untranslated() {
    insta::assert_snapshot!(run(
        &["rules/untranslated.toml"],
        "tests/fixtures/untranslated.txt"
    ));
}

#[test]
fn fixture_packs_pass_their_own_examples() {
    for p in ["phrase", "pattern", "entity", "acronym", "house"] {
        let linter = linter_with(&[&format!("tests/fixtures/{p}.toml")]);
        let failures = mtlint::rules::examples::verify(&linter);
        assert!(failures.is_empty(), "{p}: {failures:#?}");
    }
}
