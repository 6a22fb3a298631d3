//! The packs under `rules/`, embedded at build time by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

#[cfg(test)]
mod tests {
    use super::PACKS;
    use crate::checks::Spec;
    use crate::rules::loader::{load_builtin_pack, load_pack_with};

    /// What `build.rs` prepared — required literals computed and examples lifted at build
    /// time, so that start-up neither parses regexes nor examples — equals the same pack
    /// loaded and validated from its source file.
    #[test]
    fn prepared_packs_equal_packs_loaded_from_source() {
        let (mut patterns, mut examples) = (0, 0);
        for &(name, head, entries, gates, lifted) in PACKS {
            let prepared = load_builtin_pack(name, head, entries, gates, lifted).expect("loads");
            let path = format!("{}/rules/{name}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("pack source is readable");
            let source = load_pack_with(name, &text, false).expect("loads");
            assert_eq!(prepared.rules.len(), source.rules.len(), "{name}");
            for (p, s) in prepared.rules.iter().zip(&source.rules) {
                assert_eq!(p.rule.code, s.rule.code, "{name}");
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
