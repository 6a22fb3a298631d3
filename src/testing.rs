//! Helpers shared by unit tests.

/// Every `.txt` article under `corpus/` (development, held-out and clean), read whole.
pub(crate) fn corpus_texts() -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).expect("the corpus is readable") {
            let path = e.expect("readable corpus").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(&path).expect("UTF-8 corpus"));
            }
        }
    }
    assert!(texts.len() > 20, "the corpus has {} articles", texts.len());
    texts
}
