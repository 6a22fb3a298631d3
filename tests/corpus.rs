//! The annotated corpus: recall, fix accuracy and flags on clean text, with thresholds
//! (regressions fail) and a summary snapshot (changes are visible in review).

mod common;
use mtlint::Linter;
use mtlint::eval::{MAX_CLEAN_FLAGS_PER_1000, MIN_FIX_ACCURACY, MIN_RECALL, evaluate};

#[test]
fn corpus_quality() {
    let linter = Linter::builtin().expect("built-in packs load");
    // A walk from corpus/ leaves out corpus/heldout/ (scored by the next test).
    let ev = evaluate(&linter, &[common::root().join("corpus")]).expect("corpus loads");
    let details = ev.details();
    let mt = ev.articles.iter().filter(|a| !a.clean).count();
    let clean = ev.articles.iter().filter(|a| a.clean).count();
    assert!(
        mt >= 10 && clean >= 4,
        "corpus too small: {mt} machine-translated, {clean} clean"
    );
    for lang in ["fr", "de", "es", "it", "ru"] {
        let dir = format!("{lang}-en");
        assert!(
            ev.articles
                .iter()
                .any(|a| a.path.parent().is_some_and(|p| p.ends_with(&dir))),
            "no {dir} article"
        );
    }
    let total = ev.total();
    assert!(ev.trap_hits().is_empty(), "trap flagged:\n{details}");
    assert!(
        total.recall() >= MIN_RECALL,
        "recall {:.3} < {MIN_RECALL}\n{details}",
        total.recall()
    );
    assert!(
        total.fix_accuracy() >= MIN_FIX_ACCURACY,
        "fix accuracy {:.3} < {MIN_FIX_ACCURACY}\n{details}",
        total.fix_accuracy()
    );
    let per_1000 = ev.clean_flags_per_1000();
    assert!(
        per_1000 <= MAX_CLEAN_FLAGS_PER_1000,
        "{per_1000:.2} flags per 1,000 clean words\n{details}"
    );
    // Names, places and organizations are the gazetteer's job: a higher bar.
    for (kind, k) in ev.by_kind() {
        if matches!(
            kind,
            mtlint::Family::Name | mtlint::Family::Place | mtlint::Family::Organization
        ) {
            assert!(
                k.recall() >= 0.95,
                "{} recall {:.3} < 0.95\n{details}",
                kind.as_str(),
                k.recall()
            );
            assert!(
                k.fix_accuracy() >= 0.9,
                "{} fix accuracy {:.3} < 0.9\n{details}",
                kind.as_str(),
                k.fix_accuracy()
            );
        }
    }
    insta::assert_snapshot!(ev.summary());
}

/// The held-out set: articles written without sight of the rules. Its figures are the
/// honest estimate of how mtlint does on unseen copy. It is not tuned against, so the
/// recall floor is a regression guard, not a target; precision bars are the same as for
/// the development set.
#[test]
fn heldout_quality() {
    let linter = Linter::builtin().expect("built-in packs load");
    let ev =
        evaluate(&linter, &[common::root().join("corpus/heldout")]).expect("held-out set loads");
    let details = ev.details();
    assert!(ev.articles.len() >= 7, "held-out set too small");
    assert!(ev.trap_hits().is_empty(), "trap flagged:\n{details}");
    let per_1000 = ev.clean_flags_per_1000();
    assert!(
        per_1000 <= MAX_CLEAN_FLAGS_PER_1000,
        "{per_1000:.2} flags per 1,000 clean words\n{details}"
    );
    let total = ev.total();
    assert!(
        total.recall() >= 0.45,
        "held-out recall fell to {:.3}\n{details}",
        total.recall()
    );
    assert!(
        total.fix_accuracy() >= MIN_FIX_ACCURACY,
        "held-out fix accuracy {:.3}\n{details}",
        total.fix_accuracy()
    );
    insta::assert_snapshot!(ev.summary());
}
