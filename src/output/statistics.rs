//! `check --statistics`: how many findings each rule produced, most frequent first
//! (ties by code), as aligned columns `CODE  name  count`. Tells an editor which
//! artifacts dominate a batch of translations.

use super::FileReport;
use std::collections::HashMap;
use std::io::Write;

/// Writes one line per rule that fired; nothing when no rule did.
pub fn write(out: &mut impl Write, reports: &[FileReport]) -> std::io::Result<()> {
    let mut counts: HashMap<&str, (&str, usize)> = HashMap::new();
    for d in reports.iter().flat_map(|f| f.diagnostics) {
        counts.entry(&d.rule.code).or_insert((&d.rule.name, 0)).1 += 1;
    }
    let mut rows: Vec<(&str, &str, usize)> = counts
        .into_iter()
        .map(|(code, (name, n))| (code, name, n))
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let code_w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let name_w = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
    let count_w = rows
        .iter()
        .map(|r| r.2.to_string().len())
        .max()
        .unwrap_or(0);
    for (code, name, n) in rows {
        writeln!(out, "{code:<code_w$}  {name:<name_w$}  {n:>count_w$}")?;
    }
    Ok(())
}
