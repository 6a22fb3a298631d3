//! Every built-in rule's examples: each `bad` flagged exactly once on its `{{…}}` span by
//! that rule, `fixed` equal to the text after its first suggestion and quiet when linted
//! again, each `good` quiet. All failures are reported together.

use mtlint::Linter;
use mtlint::rules::Example;

#[test]
fn every_builtin_rule_example_holds() {
    let linter = Linter::builtin().expect("built-in packs load");
    let failures = mtlint::rules::examples::verify(&linter);
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} example failures:\n{}",
        failures.len(),
        report.join("\n")
    );
}

#[test]
fn every_rule_has_bad_and_good_examples() {
    let linter = Linter::builtin().expect("built-in packs load");
    for r in linter.rules() {
        assert!(
            r.examples.iter().any(|e| matches!(e, Example::Bad { .. })),
            "{} has no bad example",
            r.code
        );
        assert!(
            r.examples.iter().any(|e| matches!(e, Example::Good(_))),
            "{} has no good example",
            r.code
        );
    }
}

#[test]
fn the_runner_reports_a_broken_example() {
    // A rule whose "good" example is in fact flagged, and whose fix is wrong: the runner
    // must say so, or the test above proves nothing.
    let pack = r#"
[pack]
name = "broken"
prefix = "BRK"
source = "fr"
family = "calque"
description = "A deliberately wrong rule."

[[rule]]
code = "BRK001"
name = "reflection-group"
kind = "phrase"
message = "m"
why = "w"
match = ["reflection group"]
replace = ["think tank"]
examples = [
  { bad = "a {{reflection group}} met", fixed = "a thinking tank met" },
  { good = "a reflection group met" },
]
"#;
    let mut b = mtlint::LinterBuilder::new();
    b.add_source("broken.toml", pack);
    let linter = b.build().unwrap();
    let failures = mtlint::rules::examples::verify(&linter);
    assert_eq!(failures.len(), 2, "{failures:#?}");
    assert!(
        failures[0]
            .message
            .contains("the fix gives `a think tank met`")
    );
    assert!(failures[1].message.contains("good example"));
}

#[test]
fn every_builtin_pack_validates_from_its_source_file() {
    // The binary embeds tables as JSON and skips re-validating their rows at start-up;
    // this loads each pack from rules/ through the full, positioned validation.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut errors = Vec::new();
    let mut n = 0;
    for pack in mtlint::rules::builtin::PACKS {
        n += 1;
        if let Err(e) = mtlint::rules::loader::load_pack_file(&root.join(pack.path)) {
            errors.extend(e.into_iter().map(|e| e.to_string()));
        }
    }
    assert!(n > 30, "only {n} built-in packs");
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
