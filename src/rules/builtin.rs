//! The packs under `rules/`, embedded at build time by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

#[cfg(test)]
mod tests {
    use super::PACKS;
    use crate::checks::{RegexMode, Spec};
    use crate::rules::loader::{load_builtin_pack, load_embedded};

    /// The pattern rules `build.rs` prepared (required literals computed at build time,
    /// nothing parsed at start-up) equal the same rules loaded and validated from source.
    #[test]
    fn prepared_pattern_rules_equal_rules_loaded_from_source() {
        let mut compared = 0;
        for &(name, head, entries, gates) in PACKS {
            let prepared = load_builtin_pack(name, head, entries, gates).expect("loads");
            let source = load_embedded(name, head, entries, RegexMode::Lazy).expect("loads");
            for (p, s) in prepared.rules.iter().zip(&source.rules) {
                if let (Spec::Pattern(p), Spec::Pattern(s)) = (&p.spec, &s.spec) {
                    assert_eq!(format!("{p:?}"), format!("{s:?}"), "{name}");
                    compared += 1;
                }
            }
            assert_eq!(prepared.rules.len(), source.rules.len(), "{name}");
        }
        assert!(compared > 50, "only {compared} pattern rules compared");
    }
}
