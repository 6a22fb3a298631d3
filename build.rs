//! Embeds every rule pack under `rules/` in the binary, so that `mtlint check FILE` works
//! from any directory with no configuration. The packs are still parsed at start-up:
//! parsing is a few milliseconds and keeps one code path for built-in and user packs.

use std::path::{Path, PathBuf};

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

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code = String::from(
        "/// Built-in packs: (path under rules/, TOML source).\npub static PACKS: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        // Directories are watched too, so that new files trigger a rebuild.
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&rules)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    let mut dirs = vec![rules.clone()];
    while let Some(d) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_packs.rs");
    std::fs::write(out, code).unwrap();
}
