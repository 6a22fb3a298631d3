//! Embeds every rule pack under `rules/` in the binary, so that `mtlint check FILE` works
//! from any directory with no configuration.
//!
//! Start-up is the cost here: parsing the packs' TOML (tables of thousands of `[[entry]]`
//! rows) took longer than anything else a one-line check does. So the packs are compiled
//! in at build time, as `static` value trees (`rules::embedded::Tree`, written here as
//! Rust source) that the schema types deserialize from without parsing any text: the
//! `[[entry]]` rows as one tree, the header and rules as another. Keys the schema reads as
//! `toml::Spanned` are written in the form that type deserializes from (its start, end
//! and value), with the spans of the TOML text, so that positions in messages (a rule's
//! `origin`) are exactly those of the file.
//!
//! The pack's TOML is embedded too, with the `[[entry]]` blocks and examples lifted out
//! and their lines left blank, so that positions still match the file: the loader uses
//! it, with its line starts found here, to turn spans into lines and columns.
//!
//! Pattern rules' required literals, needed bytes and needed shapes (the prefilters of
//! `checks::pattern`) are computed here too, with the same code the loader uses
//! (`src/checks/required.rs`, `src/checks/needed_bytes.rs`, `src/checks/shapes.rs`):
//! parsing a few hundred regexes is otherwise a fifth of start-up.

use std::path::{Path, PathBuf};

#[path = "src/checks/required.rs"]
mod required;

#[path = "src/checks/shapes.rs"]
#[allow(dead_code)] // only `shapes` is used here; the rest serves the linter
mod shapes;

#[path = "src/checks/edge_bytes.rs"]
#[allow(dead_code)] // `required` uses the byte sets; the rest serves the linter
mod edge_bytes;

#[path = "src/checks/needed_bytes.rs"]
#[allow(dead_code)] // only `needed_bytes` is used here; the rest serves the linter
mod needed_bytes;

/// `(code, required literals, the bytes beside them, needed bytes, needed shapes)` of
/// every pattern rule of a pack whose regex parses, as Rust source for a
/// `&[PreparedGate]`. The parser is configured as in `checks::pattern::parse`; a regex
/// that does not parse is left out, so that the loader parses it itself and reports the
/// error with its position.
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
        let (gate, beside) = match required::required(&hir) {
            None => ("None".to_string(), "(None, None)".to_string()),
            Some(req) => {
                let lits: Vec<String> = req.strings.iter().map(|l| format!("&{l:?}")).collect();
                (
                    format!("Some(&[{}])", lits.join(", ")),
                    format!("({:?}, {:?})", req.before, req.after),
                )
            }
        };
        let needs: Vec<String> = needed_bytes::needed_bytes(&hir)
            .iter()
            .map(|s| format!("{s:?}"))
            .collect();
        let shapes: Vec<String> = shapes::shapes(&hir)
            .iter()
            .map(|s| format!("{s:?}"))
            .collect();
        out.push_str(&format!(
            "({code:?}, {gate}, {beside}, &[{}], &[{}]), ",
            needs.join(", "),
            shapes.join(", ")
        ));
    }
    out.push(']');
    out
}

/// The keys that `src/rules/schema.rs` declares as `Spanned<…>`, as paths (`[]` is "each
/// element of the array"). `rules::builtin`'s tests compare every embedded pack parsed
/// from this JSON with the same text parsed as TOML, spans included, so a key added to
/// the schema but not here fails there.
const SPANNED: &[&str] = &[
    "pack",
    "pack.name",
    "pack.prefix",
    "rule[]",
    "rule[].code",
    "rule[].name",
    "rule[].examples",
    "rule[].match",
    "rule[].replace",
    "rule[].pattern",
    "rule[].group",
    "rule[].exclude[]",
    "entry[]",
];

/// The fields `serde_spanned::Spanned` deserializes from: its start, end and value.
const SPAN_START: &str = "$__serde_spanned_private_start";
const SPAN_END: &str = "$__serde_spanned_private_end";
const SPAN_VALUE: &str = "$__serde_spanned_private_value";

/// A TOML value as JSON, wrapping the values at [`SPANNED`] paths with their spans.
fn spanned_json(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    path: &str,
    origin: &Path,
) -> serde_json::Value {
    use serde_json::Value as J;
    use toml::de::DeValue as V;
    let plain = match value.get_ref() {
        V::String(s) => J::String(s.to_string()),
        V::Integer(i) => J::from(
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .unwrap_or_else(|e| panic!("{}: integer at {path}: {e}", origin.display())),
        ),
        V::Float(f) => J::from(
            f.as_str()
                .replace('_', "")
                .parse::<f64>()
                .unwrap_or_else(|e| panic!("{}: float at {path}: {e}", origin.display())),
        ),
        V::Boolean(b) => J::Bool(*b),
        V::Datetime(_) => panic!("{}: no pack key holds a date ({path})", origin.display()),
        V::Array(items) => J::Array(
            items
                .iter()
                .map(|v| spanned_json(v, &format!("{path}[]"), origin))
                .collect(),
        ),
        V::Table(table) => J::Object(
            table
                .iter()
                .map(|(k, v)| {
                    let key = k.get_ref().to_string();
                    let at = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    (key, spanned_json(v, &at, origin))
                })
                .collect(),
        ),
    };
    if SPANNED.contains(&path) {
        let span = value.span();
        serde_json::json!({ SPAN_START: span.start, SPAN_END: span.end, SPAN_VALUE: plain })
    } else {
        plain
    }
}

/// The header and rules of a pack (its TOML with entries and examples lifted) as JSON.
fn head_json(path: &Path, head: &str) -> serde_json::Value {
    let table =
        toml::de::DeTable::parse(head).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (span, table) = (table.span(), table.into_inner());
    let whole = toml::Spanned::new(span, toml::de::DeValue::Table(table));
    spanned_json(&whole, "", path)
}

/// A JSON value as Rust source for a `rules::embedded::Tree`: the root at node 0, each
/// container's children consecutive (laid out breadth-first), every string once in the
/// text.
fn rust_tree<'a>(root: &'a serde_json::Value) -> String {
    use serde_json::Value as J;
    let mut text = String::new();
    let mut at: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    let mut intern = |s: &'a str, text: &mut String| -> (usize, usize) {
        *at.entry(s).or_insert_with(|| {
            text.push_str(s);
            (text.len() - s.len(), s.len())
        })
    };
    let mut nodes: Vec<String> = vec![String::new()];
    let mut keys: Vec<(usize, usize)> = vec![(0, 0)];
    let mut queue: std::collections::VecDeque<(usize, &'a serde_json::Value)> =
        std::collections::VecDeque::from([(0, root)]);
    while let Some((i, v)) = queue.pop_front() {
        nodes[i] = match v {
            J::Bool(b) => format!("N::Bool({b})"),
            J::Number(n) => match n.as_i64() {
                Some(i) => format!("N::Int({i})"),
                None => format!(
                    "N::Float({:?})",
                    n.as_f64().expect("TOML numbers are i64 or f64")
                ),
            },
            J::String(s) => {
                let (first, len) = intern(s, &mut text);
                format!("N::Str({first},{len})")
            }
            J::Array(items) => {
                let first = nodes.len();
                for item in items {
                    queue.push_back((nodes.len(), item));
                    nodes.push(String::new());
                    keys.push((0, 0));
                }
                format!("N::Array({first},{})", items.len())
            }
            J::Object(map) => {
                let first = nodes.len();
                for (k, item) in map {
                    queue.push_back((nodes.len(), item));
                    nodes.push(String::new());
                    keys.push(intern(k, &mut text));
                }
                format!("N::Table({first},{})", map.len())
            }
            J::Null => panic!("TOML has no null"),
        };
    }
    let keys: Vec<String> = keys.iter().map(|(f, l)| format!("({f},{l})")).collect();
    format!(
        "Tree {{ text: {text:?}, nodes: &[{}], keys: &[{}] }}",
        nodes.join(","),
        keys.join(",")
    )
}

/// Writes `value` to `OUT_DIR/{name}.rs` as a `static` tree, adds the item that includes
/// it to `items` and returns the expression that refers to it.
fn embed(out_dir: &Path, name: &str, value: &serde_json::Value, items: &mut String) -> String {
    let name = name.to_uppercase();
    let code = format!("static {name}: Tree = {};\n", rust_tree(value));
    let p = out_dir.join(format!("{name}.rs"));
    std::fs::write(&p, code).unwrap();
    items.push_str(&format!("include!({:?});\n", p.display().to_string()));
    format!("Some(&{name})")
}

/// The byte offsets where the lines of `text` start, as `text::LineIndex::new` finds
/// them: after each `\n`, and after each `\r` not followed by `\n`.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// Lifts every rule's `examples = [` … `]` block out of `head` (lines left blank, so
/// positions still match the file) and returns the rest with, as Rust source for a
/// `LiftedExamples`, each rule's examples as JSON. A check never needs examples, and
/// they are about half of the rules' TOML: start-up no longer parses them.
fn lift_examples(path: &Path, head: String, whole: &toml::Table) -> (String, String) {
    let mut rest = String::with_capacity(head.len());
    let mut lifted: Vec<(String, String)> = Vec::new();
    let mut code: Option<String> = None;
    let mut block: Option<String> = None;
    for line in head.split_inclusive('\n') {
        let t = line.trim();
        if let Some(b) = &mut block {
            b.push_str(line);
            rest.push_str(if line.ends_with('\n') { "\n" } else { "" });
            if t == "]" {
                let c = code
                    .take()
                    .unwrap_or_else(|| panic!("{}: examples before any rule code", path.display()));
                lifted.push((c, block.take().expect("in a block")));
            }
            continue;
        }
        if t.starts_with("[[rule]]") {
            code = None;
        } else if let Some(c) = t
            .strip_prefix("code = \"")
            .and_then(|c| c.strip_suffix('"'))
        {
            code = Some(c.to_string());
        }
        if t == "examples = [" {
            block = Some(line.to_string());
            rest.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            rest.push_str(line);
        }
    }
    assert!(
        block.is_none(),
        "{}: unclosed examples block",
        path.display()
    );
    let rules = whole.get("rule").and_then(|r| r.as_array());
    let mut code_out = String::from("&[");
    for (c, text) in &lifted {
        let parsed: toml::Table = toml::from_str(text)
            .unwrap_or_else(|e| panic!("{}: examples of {c}: {e}", path.display()));
        let original = rules
            .into_iter()
            .flatten()
            .find(|r| r.get("code").and_then(|x| x.as_str()) == Some(c))
            .and_then(|r| r.get("examples"));
        // The lifted block must be exactly that rule's examples.
        assert_eq!(
            parsed.get("examples"),
            original,
            "{}: the examples of {c} could not be lifted cleanly",
            path.display()
        );
        let json = serde_json::to_string(parsed.get("examples").expect("present"))
            .expect("TOML values are JSON");
        code_out.push_str(&format!("({c:?}, {json:?}), "));
    }
    code_out.push(']');
    (rest, code_out)
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
fn split(
    path: &Path,
    source: &str,
    whole: Option<&toml::Table>,
) -> (String, Option<serde_json::Value>) {
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
    let json = serde_json::to_value(lifted.get("entry").expect("entries present"))
        .expect("TOML values are JSON");
    (head, Some(json))
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/checks/required.rs");
    println!("cargo:rerun-if-changed=src/checks/shapes.rs");
    println!("cargo:rerun-if-changed=src/checks/needed_bytes.rs");
    println!("cargo:rerun-if-changed=src/checks/edge_bytes.rs");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    let mut code = String::from(
        "/// Built-in packs, as `build.rs` prepared them.\npub static PACKS: &[EmbeddedPack] = &[\n",
    );
    // The value trees, one `static` per file.
    let mut items = String::from("use crate::rules::embedded::Node as N;\n");
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
        let (head, examples) = match &whole {
            Some(w) => lift_examples(f, head, w),
            None => (head, "&[]".to_string()),
        };
        // A pack that is not valid TOML is embedded as is, without a tree: the loader
        // then parses the TOML and reports the error with its position.
        let rules = match &whole {
            Some(_) => embed(
                &out_dir,
                &format!("pack{i}_rules"),
                &head_json(f, &head),
                &mut items,
            ),
            None => "None".to_string(),
        };
        let lines: Vec<String> = line_starts(&head).iter().map(|s| s.to_string()).collect();
        let lines_name = format!("PACK{i}_LINES");
        items.push_str(&format!(
            "static {lines_name}: [u32; {}] = [{}];\n",
            lines.len(),
            lines.join(",")
        ));
        let head_path = out_dir.join(format!("pack{i}.toml"));
        std::fs::write(&head_path, head).unwrap();
        let entries = match entries {
            Some(json) => embed(&out_dir, &format!("pack{i}_entries"), &json, &mut items),
            None => "None".to_string(),
        };
        code.push_str(&format!(
            "    EmbeddedPack {{ path: {rel:?}, head: include_str!({:?}), rules: {rules}, entries: {entries}, line_starts: &{lines_name}, gates: {gates}, examples: {examples} }},\n",
            head_path.display().to_string()
        ));
    }
    code.push_str("];\n");
    code.push_str(&items);
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
