//! The packs under `rules/`, embedded at build time by `build.rs`.

use super::embedded::Tree;
use super::loader::LiftedExamples;
use crate::checks::PreparedGate;

/// One pack under `rules/`, as `build.rs` prepared it for a fast start-up.
#[derive(Debug)]
pub struct EmbeddedPack {
    /// Path under `rules/`.
    pub path: &'static str,
    /// The pack's TOML without its `[[entry]]` blocks and example lists (the lines left
    /// blank, so that positions still match the file).
    pub head: &'static str,
    /// `head` as a value tree, with the schema's spanned keys carrying their TOML spans;
    /// `None` when the TOML does not parse (the loader then reports why).
    pub rules: Option<&'static Tree>,
    /// The `[[entry]]` rows as an array, if any.
    pub entries: Option<&'static Tree>,
    /// Byte offsets of the lines of `head` (see `text::LineIndex`).
    pub line_starts: &'static [u32],
    /// Pattern rules' required literals.
    pub gates: &'static [PreparedGate],
    /// Each rule's examples as JSON, by rule code.
    pub examples: LiftedExamples,
}

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

#[cfg(test)]
mod tests {
    use super::PACKS;
    use crate::checks::Spec;
    use crate::rules::loader::{load_builtin_pack, load_pack_with};
    use crate::rules::schema::{EntryDef, PackFile};

    /// The tree start-up reads is the embedded TOML, value for value and span for span
    /// (`Spanned`'s `Debug` shows both): a key the schema reads as `Spanned` but
    /// `build.rs` does not wrap, or the reverse, fails to deserialize or differs here.
    #[test]
    fn embedded_tree_equals_the_toml_spans_included() {
        let (mut compared, mut entries) = (0, 0);
        for pack in PACKS {
            let tree = pack.rules.expect("every built-in pack is valid TOML");
            let from_tree: PackFile = tree.to().expect("the tree deserializes");
            let from_toml: PackFile = toml::from_str(pack.head).expect("TOML deserializes");
            assert_eq!(
                format!("{from_tree:?}"),
                format!("{from_toml:?}"),
                "{}",
                pack.path
            );
            // The entries, against the pack's source file (`head` has them lifted).
            let path = format!("{}/rules/{}", env!("CARGO_MANIFEST_DIR"), pack.path);
            let source = std::fs::read_to_string(&path).expect("pack source is readable");
            let whole: PackFile = toml::from_str(&source).expect("TOML deserializes");
            let from_source: Vec<EntryDef> =
                whole.entry.into_iter().map(|e| e.into_inner()).collect();
            let from_tree: Vec<EntryDef> = pack
                .entries
                .map(|e| e.to().expect("the tree deserializes"))
                .unwrap_or_default();
            assert_eq!(
                format!("{from_tree:?}"),
                format!("{from_source:?}"),
                "{}",
                pack.path
            );
            entries += from_tree.len();
            assert!(!from_toml.rule.is_empty() && from_toml.rule[0].span().start > 0);
            // The line starts `build.rs` found are those `LineIndex` finds.
            let lines = crate::text::LineIndex::new(pack.head);
            assert_eq!(lines.line_count(), pack.line_starts.len(), "{}", pack.path);
            for (i, &s) in pack.line_starts.iter().enumerate() {
                assert_eq!(lines.line_of(s as usize), i, "{}", pack.path);
            }
            compared += from_toml.rule.len();
        }
        assert!(compared > 600, "only {compared} rules compared");
        assert!(entries > 5000, "only {entries} entries compared");
    }

    /// What `build.rs` prepared — required literals computed and examples lifted at build
    /// time, so that start-up neither parses regexes nor examples — equals the same pack
    /// loaded and validated from its source file.
    #[test]
    fn prepared_packs_equal_packs_loaded_from_source() {
        let (mut patterns, mut examples) = (0, 0);
        for pack in PACKS {
            let name = pack.path;
            let prepared = load_builtin_pack(pack).expect("loads");
            let path = format!("{}/rules/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("pack source is readable");
            let source = load_pack_with(name, &text, false).expect("loads");
            assert_eq!(prepared.rules.len(), source.rules.len(), "{name}");
            for (p, s) in prepared.rules.iter().zip(&source.rules) {
                assert_eq!(p.rule.code, s.rule.code, "{name}");
                assert_eq!(p.rule.origin, format!("builtin:{}", s.rule.origin));
                assert_eq!(
                    p.rule.examples.get(),
                    s.rule.examples.get(),
                    "{}",
                    p.rule.code
                );
                examples += p.rule.examples.len();
                if let (Spec::Pattern(p), Spec::Pattern(s)) = (&p.spec, &s.spec) {
                    assert_eq!(format!("{p:?}"), format!("{s:?}"), "{name}");
                    patterns += 1;
                }
            }
        }
        assert!(patterns > 50, "only {patterns} pattern rules compared");
        assert!(examples > 1000, "only {examples} examples compared");
    }
}
