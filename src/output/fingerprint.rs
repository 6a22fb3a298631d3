//! Stable identities of findings, for services that track them across runs (GitLab
//! Code Quality's `fingerprint`, SARIF's `partialFingerprints`).
//!
//! A fingerprint hashes the path, the rule code, the flagged text and how many earlier
//! findings of the same file have the same code and text. It leaves out byte offsets and
//! line numbers, so an edit elsewhere in the file does not turn an old finding into a new
//! one; the occurrence index keeps two identical findings in one file apart (GitLab
//! shows only one finding per fingerprint).

use super::FileReport;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write;

/// The fingerprint of each diagnostic of `file`, in order: 64 lower-case hex digits.
pub fn fingerprints(file: &FileReport) -> Vec<String> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let text = d.text(file.text);
            let n = seen.entry((d.rule.code.as_str(), text)).or_insert(0);
            let occurrence = *n;
            *n += 1;
            let mut h = Sha256::new();
            // NUL separators: no path, code or text can make two tuples hash the same
            // byte stream (a path cannot hold NUL; codes and texts come after it).
            for part in [file.ci_path(), d.rule.code.as_str(), text] {
                h.update(part.as_bytes());
                h.update([0]);
            }
            h.update(occurrence.to_string().as_bytes());
            h.finalize()
                .iter()
                .fold(String::with_capacity(64), |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                })
        })
        .collect()
}
