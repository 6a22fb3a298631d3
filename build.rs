//! Embeds every rule pack under `rules/` in the binary, so that `mtlint check FILE` works
//! from any directory with no configuration.
//!
//! Start-up is the cost here: tables of thousands of `[[entry]]` rows are slow to parse
//! as TOML. So the tables are compiled in at build time: each pack's `[[entry]]` blocks
//! are lifted out and embedded as JSON (which deserializes several times faster into the
//! same types), and the rest of the pack — header and rules — stays TOML, with the
//! lifted lines left blank so that positions in errors still match the file.
//!
//! Pattern rules' required literals (the prefilter of `checks::pattern`) are computed
//! here too, with the same code the loader uses (`src/checks/required.rs`): parsing a
//! few hundred regexes is otherwise a fifth of start-up.

use std::path::{Path, PathBuf};

#[path = "src/checks/required.rs"]
mod required;

/// `(code, required literals)` of every pattern rule of a pack whose regex parses, as
/// Rust source for a `&[PreparedGate]`. The parser is configured as in
/// `checks::pattern::parse`; a regex that does not parse is left out, so that the loader
/// parses it itself and reports the error with its position.
fn gates(whole: &toml::Table) -> String {
    let mut out = String::from("&[");
    let rules = whole.get("rule").and_then(|r| r.as_array());
    for rule in rules.into_iter().flatten() {
        let (Some(code), Some(pattern)) = (
            rule.get("code").and_then(|c| c.as_str()),
            rule.get("pattern").and_then(|p| p.as_str()),
        ) else {
            continue;
        };
        let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
            continue;
        };
        let gate = match required::required(&hir) {
            None => "None".to_string(),
            Some(set) => {
                let lits: Vec<String> = set.iter().map(|l| format!("&{l:?}")).collect();
                format!("Some(&[{}])", lits.join(", "))
            }
        };
        out.push_str(&format!("({code:?}, {gate}), "));
    }
    out.push(']');
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("rules/ is readable")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// Splits a pack into its TOML without the `[[entry]]` blocks (same line count) and the
/// entries as a JSON array (or `None` when it has none).
fn split(path: &Path, source: &str, whole: Option<&toml::Table>) -> (String, Option<String>) {
    let mut head = String::with_capacity(source.len());
    let mut entries = String::new();
    let mut in_entry = false;
    for line in source.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') && !t.starts_with("[[entry]]") {
            // Another table header ends an entry block; array values never start a line
            // with '[' in these packs' style, and the check below proves it.
            in_entry = false;
        }
        if t.starts_with("[[entry]]") {
            in_entry = true;
        }
        if in_entry {
            entries.push_str(line);
            head.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            head.push_str(line);
        }
    }
    if entries.is_empty() {
        return (head, None);
    }
    // The lifted text must be exactly the pack's entries: parse both and compare.
    let Some(whole) = whole else {
        // Invalid TOML: embed it unchanged, so the loader reports the error with its
        // position (and the rule-example tests fail).
        return (source.to_string(), None);
    };
    let lifted: toml::Table =
        toml::from_str(&entries).unwrap_or_else(|e| panic!("{}: entries: {e}", path.display()));
    assert_eq!(
        whole.get("entry"),
        lifted.get("entry"),
        "{}: [[entry]] blocks could not be lifted cleanly",
        path.display()
    );
    let json = serde_json::to_string(lifted.get("entry").expect("entries present"))
        .expect("TOML values are JSON");
    (head, Some(json))
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/checks/required.rs");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code = String::from(
        "/// Built-in packs: (path under rules/, TOML without its entries, entries as JSON,\n/// pattern rules' required literals).\npub static PACKS: &[(&str, &str, Option<&str>, &[crate::checks::PreparedGate])] = &[\n",
    );
    for (i, f) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&rules)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(f).unwrap();
        let whole: Option<toml::Table> = toml::from_str(&source).ok();
        let (head, entries) = split(f, &source, whole.as_ref());
        let gates = whole.as_ref().map_or("&[]".to_string(), gates);
        let head_path = out_dir.join(format!("pack{i}.toml"));
        std::fs::write(&head_path, head).unwrap();
        let entries = match entries {
            Some(json) => {
                let p = out_dir.join(format!("pack{i}.json"));
                std::fs::write(&p, json).unwrap();
                format!("Some(include_str!({:?}))", p.display().to_string())
            }
            None => "None".to_string(),
        };
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?}), {entries}, {gates}),\n",
            head_path.display().to_string()
        ));
    }
    code.push_str("];\n");
    // Directories are watched too, so that new files trigger a rebuild.
    let mut dirs = vec![rules.clone()];
    while let Some(d) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
    }
    std::fs::write(out_dir.join("builtin_packs.rs"), code).unwrap();
}
