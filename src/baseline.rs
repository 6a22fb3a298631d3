//! Baselines: the findings a newsroom has already seen, recorded so that `check` reports
//! only new ones (`--write-baseline FILE`, then `--baseline FILE`).
//!
//! A finding is keyed by path, rule code, flagged text and a hash of its sentence with
//! white space collapsed — not by offsets or line numbers, so edits elsewhere in the
//! file leave it recognized. Identical findings are counted: two recorded suppress two,
//! a third is new. The file is JSON, versioned, sorted and pretty-printed so that it
//! diffs well under version control.

use crate::diagnostic::Diagnostic;
use crate::text::Document;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Version of the file format.
pub const VERSION: u32 = 1;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    /// File path relative to the baseline's directory, `/`-separated (`-` for standard
    /// input).
    pub path: String,
    /// Rule code.
    pub rule: String,
    /// The flagged text.
    pub text: String,
    /// FNV-1a 64 of the sentence(s) holding the finding, white space collapsed, in hex.
    pub context: String,
}

/// A recorded finding and how many times it occurs.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A set of recorded findings.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
    /// Directory that recorded paths are relative to (absolute).
    dir: PathBuf,
}

impl Baseline {
    /// An empty baseline to be written to `file`.
    pub fn new(file: &Path) -> Self {
        Baseline {
            counts: BTreeMap::new(),
            dir: base_dir(file),
        }
    }

    /// Reads a baseline file. The error is a complete message naming the file.
    pub fn load(file: &Path) -> Result<Self, String> {
        let shown = file.display();
        let json = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read baseline {shown}: {e}"))?;
        let version: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| format!("invalid baseline {shown}: {e}"))?;
        if version.get("version").and_then(|v| v.as_u64()) != Some(VERSION.into()) {
            return Err(format!(
                "invalid baseline {shown}: expected \"version\": {VERSION} \
                 (write it again with --write-baseline)"
            ));
        }
        let parsed: File = serde_json::from_value(version)
            .map_err(|e| format!("invalid baseline {shown}: {e}"))?;
        let mut b = Baseline::new(file);
        for e in parsed.findings {
            if e.count == 0 {
                return Err(format!(
                    "invalid baseline {shown}: a finding's count must be at least 1"
                ));
            }
            *b.counts.entry(e.key).or_default() += e.count;
        }
        Ok(b)
    }

    /// Records the findings `diags` of `text`, read from `path` (`None`: standard input).
    pub fn record(&mut self, path: Option<&Path>, text: &str, diags: &[Diagnostic]) {
        for key in keys(&self.path_key(path), text, diags) {
            *self.counts.entry(key).or_default() += 1;
        }
    }

    /// Drops from `diags` (the findings of `text`, read from `path`) those recorded,
    /// each recorded finding suppressing one occurrence, in document order.
    pub fn filter(
        &self,
        path: Option<&Path>,
        text: &str,
        diags: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        if self.counts.is_empty() || diags.is_empty() {
            return diags;
        }
        let keys = keys(&self.path_key(path), text, &diags);
        let mut used: HashMap<Key, usize> = HashMap::new();
        diags
            .into_iter()
            .zip(keys)
            .filter_map(|(d, k)| {
                let recorded = self.counts.get(&k).copied().unwrap_or(0);
                let n = used.entry(k).or_default();
                *n += 1;
                (*n > recorded).then_some(d)
            })
            .collect()
    }

    /// Number of findings recorded (duplicates counted).
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The file's text: sorted by key, two-space indented, with a final newline.
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(k, &count)| Entry {
                    key: k.clone(),
                    count,
                })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).expect("a baseline serializes");
        s.push('\n');
        s
    }

    /// Writes the file. The error is a complete message naming the file.
    pub fn write(&self, file: &Path) -> Result<(), String> {
        std::fs::write(file, self.to_json())
            .map_err(|e| format!("cannot write baseline {}: {e}", file.display()))
    }

    /// How `path` is recorded: relative to the baseline's directory when it lies below
    /// it (so the baseline holds whether `check` runs on `news/` or `./news`), else
    /// absolute; `/`-separated.
    fn path_key(&self, path: Option<&Path>) -> String {
        let Some(p) = path else {
            return "-".to_string();
        };
        let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let shown = abs.strip_prefix(&self.dir).unwrap_or(&abs);
        shown.to_string_lossy().replace('\\', "/")
    }
}

/// The canonical directory of `file` (which may not exist yet).
fn base_dir(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

/// The key of each of `diags`, in order.
fn keys(path: &str, text: &str, diags: &[Diagnostic]) -> Vec<Key> {
    let doc = Document::new(text);
    diags
        .iter()
        .map(|d| Key {
            path: path.to_string(),
            rule: d.rule.code.clone(),
            text: d.text(text).to_string(),
            context: format!("{:016x}", fnv(&context(&doc, d))),
        })
        .collect()
}

/// The sentence or sentences holding `d`, white space collapsed; the line when no token
/// lies in its span.
fn context(doc: &Document, d: &Diagnostic) -> String {
    let text = doc.text();
    let tokens = doc.tokens();
    let first = tokens.partition_point(|t| (t.end as usize) <= d.span.start);
    let last = tokens.partition_point(|t| (t.start as usize) < d.span.end);
    let range = if first < last {
        let (s0, s1) = (tokens[first].sentence, tokens[last - 1].sentence);
        let a = tokens.partition_point(|t| t.sentence < s0);
        let b = tokens.partition_point(|t| t.sentence <= s1);
        tokens[a].start as usize..tokens[b - 1].end as usize
    } else {
        let start = text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[d.span.end..]
            .find('\n')
            .map_or(text.len(), |i| d.span.end + i);
        start..end
    };
    crate::text::collapse_space(&text[range])
}

/// FNV-1a 64: a fixed, documented hash, so baselines stay valid across Rust versions
/// and platforms (the standard library's hasher promises neither).
fn fnv(s: &str) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        // Test vector from the FNV reference ("a" → af63dc4c8601ec8c).
        assert_eq!(fnv("a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn context_is_the_sentence_not_the_line() {
        let text = "Intro line.\n\nThe minister spoke. Leaders met at the OTAN\n\
                    summit in Brussels. Then they left.\n";
        let doc = Document::new(text);
        let linter = crate::Linter::builtin().unwrap();
        let d = linter
            .lint(text)
            .into_iter()
            .find(|d| d.text(text) == "OTAN")
            .expect("OTAN flagged");
        assert_eq!(
            context(&doc, &d),
            "Leaders met at the OTAN summit in Brussels."
        );
    }
}
