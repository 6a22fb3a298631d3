//! Corpus scoring: lints every annotated article and compares the findings with its
//! sidecar annotation (format in `corpus/README.md`).

use crate::diagnostic::Family;
use crate::engine::Linter;
use crate::text::{Document, LineIndex, TokenKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Minimum recall over all annotated artifacts.
pub const MIN_RECALL: f64 = 0.9;
/// Minimum fix accuracy over found artifacts that have an expected fix.
pub const MIN_FIX_ACCURACY: f64 = 0.85;
/// Maximum flags per 1,000 words of clean text.
pub const MAX_CLEAN_FLAGS_PER_1000: f64 = 1.0;

/// A sidecar annotation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Source language, or `en` for a clean article.
    pub source: String,
    /// A correctly edited article.
    #[serde(default)]
    pub clean: bool,
    /// What the article is.
    pub description: Option<String>,
    /// The artifacts.
    #[serde(default)]
    pub artifact: Vec<ArtifactDef>,
    /// Text that must never be flagged.
    #[serde(default)]
    pub traps: Vec<String>,
}

/// One annotated artifact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactDef {
    /// Text as it appears in the article.
    pub text: String,
    /// Which occurrence (1-based).
    pub nth: Option<usize>,
    /// Its family.
    pub kind: Family,
    /// Accepted replacements.
    #[serde(default)]
    pub fix: Vec<String>,
    /// Free text.
    pub note: Option<String>,
}

/// The outcome for one artifact.
#[derive(Debug, Clone)]
pub struct ArtifactResult {
    /// Its family.
    pub kind: Family,
    /// Annotated text.
    pub text: String,
    /// Its span in the article.
    pub span: Range<usize>,
    /// Accepted fixes.
    pub fixes: Vec<String>,
    /// The best-overlapping diagnostic: rule code, flagged text, first suggestion.
    pub found: Option<(String, String, Option<String>)>,
    /// The fix, applied over the union of both spans, gives an accepted text.
    pub fix_ok: bool,
}

/// The outcome for one article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    /// Article path.
    pub path: PathBuf,
    /// Clean article.
    pub clean: bool,
    /// Word count.
    pub words: usize,
    /// Annotated artifacts.
    pub artifacts: Vec<ArtifactResult>,
    /// Findings that overlap no annotated artifact: (line:col, rule, text).
    pub extra: Vec<(String, String, String, Family)>,
    /// Findings on traps: (trap, rule).
    pub trap_hits: Vec<(String, String)>,
}

/// Totals for one family.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KindStats {
    /// Annotated artifacts.
    pub annotated: usize,
    /// Found.
    pub found: usize,
    /// Found with an expected fix.
    pub fixable: usize,
    /// Of those, fixed right.
    pub fixed: usize,
    /// Flags of this family on clean articles.
    pub clean_flags: usize,
}

impl KindStats {
    /// found / annotated (1 when nothing is annotated).
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.annotated)
    }
    /// fixed / fixable (1 when nothing is fixable).
    pub fn fix_accuracy(&self) -> f64 {
        ratio(self.fixed, self.fixable)
    }
    fn add(&mut self, o: &KindStats) {
        self.annotated += o.annotated;
        self.found += o.found;
        self.fixable += o.fixable;
        self.fixed += o.fixed;
        self.clean_flags += o.clean_flags;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The whole evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Per article.
    pub articles: Vec<ArticleResult>,
}

impl Evaluation {
    /// Totals by family.
    pub fn by_kind(&self) -> BTreeMap<Family, KindStats> {
        let mut m: BTreeMap<Family, KindStats> = BTreeMap::new();
        for a in self.articles.iter().filter(|a| a.clean) {
            for (_, _, _, family) in &a.extra {
                m.entry(*family).or_default().clean_flags += 1;
            }
        }
        for a in &self.articles {
            for r in &a.artifacts {
                let s = m.entry(r.kind).or_default();
                s.annotated += 1;
                if r.found.is_some() {
                    s.found += 1;
                    if !r.fixes.is_empty() {
                        s.fixable += 1;
                        s.fixed += r.fix_ok as usize;
                    }
                }
            }
        }
        m
    }

    /// Totals over all families.
    pub fn total(&self) -> KindStats {
        let mut t = KindStats::default();
        for s in self.by_kind().values() {
            t.add(s);
        }
        t
    }

    /// (words, flags) over clean articles.
    pub fn clean_flags(&self) -> (usize, usize) {
        self.articles
            .iter()
            .filter(|a| a.clean)
            .fold((0, 0), |(w, f), a| (w + a.words, f + a.extra.len()))
    }

    /// Flags per 1,000 words of clean text.
    pub fn clean_flags_per_1000(&self) -> f64 {
        let (w, f) = self.clean_flags();
        if w == 0 {
            0.0
        } else {
            f as f64 * 1000.0 / w as f64
        }
    }

    /// Unannotated flags on machine-translated articles.
    pub fn mt_extra(&self) -> usize {
        self.articles
            .iter()
            .filter(|a| !a.clean)
            .map(|a| a.extra.len())
            .sum()
    }

    /// All trap hits, with their article.
    pub fn trap_hits(&self) -> Vec<(PathBuf, String, String)> {
        self.articles
            .iter()
            .flat_map(|a| {
                a.trap_hits
                    .iter()
                    .map(|(t, r)| (a.path.clone(), t.clone(), r.clone()))
            })
            .collect()
    }

    /// The summary table (stable text, used for the corpus snapshot).
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let clean = self.articles.iter().filter(|a| a.clean).count();
        s.push_str(&format!(
            "articles: {} machine-translated, {} clean\n\n",
            self.articles.len() - clean,
            clean
        ));
        s.push_str(&format!(
            "{:<14}{:>10}{:>7}{:>8}{:>9}{:>7}{:>9}{:>13}\n",
            "kind", "annotated", "found", "recall", "fixable", "fixed", "fix-acc", "clean/1k-w"
        ));
        let (clean_words, _) = self.clean_flags();
        let row = |name: &str, k: &KindStats| {
            let per_1000 = if clean_words == 0 {
                0.0
            } else {
                k.clean_flags as f64 * 1000.0 / clean_words as f64
            };
            format!(
                "{:<14}{:>10}{:>7}{:>8.3}{:>9}{:>7}{:>9.3}{:>13.2}\n",
                name,
                k.annotated,
                k.found,
                k.recall(),
                k.fixable,
                k.fixed,
                k.fix_accuracy(),
                per_1000
            )
        };
        for (kind, k) in self.by_kind() {
            s.push_str(&row(kind.as_str(), &k));
        }
        s.push_str(&row("all", &self.total()));
        let (w, f) = self.clean_flags();
        s.push_str(&format!(
            "\nunannotated flags on machine-translated articles: {}\nclean text: {} words, {} flags, {:.2} per 1,000 words\ntrap hits: {}\n",
            self.mt_extra(),
            w,
            f,
            self.clean_flags_per_1000(),
            self.trap_hits().len()
        ));
        s
    }

    /// Misses, wrong fixes, extra flags and trap hits, one per line.
    pub fn details(&self) -> String {
        let mut s = String::new();
        for a in &self.articles {
            let p = a.path.display();
            for r in &a.artifacts {
                match &r.found {
                    None => s.push_str(&format!("{p}: missed {} “{}”\n", r.kind.as_str(), r.text)),
                    Some((code, text, sugg)) if !r.fix_ok && !r.fixes.is_empty() => {
                        s.push_str(&format!(
                            "{p}: wrong fix {code} “{text}” → {:?}, expected {:?} for “{}”\n",
                            sugg.as_deref().unwrap_or(""),
                            r.fixes,
                            r.text
                        ))
                    }
                    _ => {}
                }
            }
            for (pos, code, text, _) in &a.extra {
                let what = if a.clean {
                    "flag on clean text"
                } else {
                    "unannotated flag"
                };
                s.push_str(&format!("{p}:{pos}: {what} {code} “{text}”\n"));
            }
            for (trap, code) in &a.trap_hits {
                s.push_str(&format!("{p}: TRAP “{trap}” flagged by {code}\n"));
            }
        }
        s
    }
}

/// Finds every article with a sidecar under `paths` (sorted) and scores it.
pub fn evaluate(linter: &Linter, paths: &[PathBuf]) -> Result<Evaluation, String> {
    let mut sidecars = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut sidecars)?;
        } else if p.extension().is_some_and(|e| e == "toml") {
            sidecars.push(p.clone());
        } else {
            sidecars.push(p.with_extension("toml"));
        }
    }
    sidecars.sort();
    let articles = sidecars
        .iter()
        .map(|s| score_article(linter, s))
        .collect::<Result<_, _>>()?;
    Ok(Evaluation { articles })
}

/// Name of the directory that holds the held-out set: articles written without sight of
/// the rules. A walk from above it leaves it out, so that development figures and
/// held-out figures are never mixed; name it explicitly to score it.
pub const HELDOUT_DIR: &str = "heldout";

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == HELDOUT_DIR) {
                continue;
            }
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "toml") && p.with_extension("txt").exists() {
            out.push(p);
        }
    }
    Ok(())
}

/// Byte range of the `nth` (1-based) occurrence of `needle` in `hay`.
fn nth_occurrence(hay: &str, needle: &str, nth: usize) -> Option<Range<usize>> {
    let mut from = 0;
    for i in 1.. {
        let at = hay[from..].find(needle)? + from;
        if i == nth {
            return Some(at..at + needle.len());
        }
        from = at + needle.len().max(1);
    }
    None
}

/// Whether the first suggestion of `d` gives the annotated result: every annotated
/// artifact that `d` overlaps is replaced by one of its fixes (a diagnostic may fix two
/// annotated pieces at once, such as both marks of a « quotation »), and the texts are
/// compared over the union of all those spans, white space collapsed.
fn fix_matches(text: &str, d: &crate::Diagnostic, artifacts: &[(Range<usize>, &[String])]) -> bool {
    let Some(sugg) = d.suggestions.first() else {
        return false;
    };
    let mut covered: Vec<&(Range<usize>, &[String])> = artifacts
        .iter()
        .filter(|(s, _)| s.start < d.span.end && d.span.start < s.end)
        .collect();
    covered.sort_by_key(|(s, _)| s.start);
    let u0 = covered
        .iter()
        .map(|(s, _)| s.start)
        .fold(d.span.start, usize::min);
    let u1 = covered
        .iter()
        .map(|(s, _)| s.end)
        .fold(d.span.end, usize::max);
    let actual = collapse(&format!(
        "{}{}{}",
        &text[u0..d.span.start],
        sugg,
        &text[d.span.end..u1]
    ));
    // Every combination of the covered artifacts' fixes (an artifact without a fix keeps
    // its text); bounded, as a diagnostic rarely covers more than two.
    let mut expected: Vec<String> = vec![String::new()];
    let mut pos = u0;
    for (span, fixes) in covered {
        if span.start < pos {
            continue; // overlapping annotations: keep the first
        }
        let gap = &text[pos..span.start];
        let options: Vec<&str> = if fixes.is_empty() {
            vec![&text[span.clone()]]
        } else {
            fixes.iter().map(String::as_str).collect()
        };
        expected = expected
            .iter()
            .flat_map(|e| options.iter().map(move |o| format!("{e}{gap}{o}")))
            .take(256)
            .collect();
        pos = span.end;
    }
    expected
        .iter()
        .any(|e| collapse(&format!("{e}{}", &text[pos..u1])) == actual)
}

/// White space collapsed, and a doubled period made single: a fix ending in "p.m." that
/// takes in the sentence's period is the same edit as one that leaves it.
fn collapse(s: &str) -> String {
    crate::text::collapse_space(s).replace("..", ".")
}

fn score_article(linter: &Linter, sidecar: &Path) -> Result<ArticleResult, String> {
    let article = sidecar.with_extension("txt");
    let ann_src =
        std::fs::read_to_string(sidecar).map_err(|e| format!("{}: {e}", sidecar.display()))?;
    let ann: Annotation =
        toml::from_str(&ann_src).map_err(|e| format!("{}: {}", sidecar.display(), e.message()))?;
    let text = crate::input::read_path(&article)?;
    let doc = Document::new(&text);
    let words = doc
        .tokens()
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    let diags = linter.lint_document(&doc);
    let lines = LineIndex::new(&text);
    let mut used = vec![false; diags.len()];
    let mut artifacts = Vec::new();
    let mut spans = Vec::with_capacity(ann.artifact.len());
    for a in &ann.artifact {
        let nth = a.nth.unwrap_or(1);
        let span = nth_occurrence(&text, &a.text, nth).ok_or_else(|| {
            format!(
                "{}: artifact “{}” (occurrence {nth}) is not in the article",
                sidecar.display(),
                a.text
            )
        })?;
        spans.push((span, a.fix.as_slice()));
    }
    for (a, (span, _)) in ann.artifact.iter().zip(&spans) {
        let span = span.clone();
        let mut best: Option<(usize, usize)> = None;
        for (i, d) in diags.iter().enumerate() {
            let ov = d
                .span
                .end
                .min(span.end)
                .saturating_sub(d.span.start.max(span.start));
            if ov > 0 {
                used[i] = true;
                if best.is_none_or(|(_, b)| ov > b) {
                    best = Some((i, ov));
                }
            }
        }
        let found = best.map(|(i, _)| &diags[i]);
        let fix_ok = found.is_some_and(|d| fix_matches(&text, d, &spans));
        artifacts.push(ArtifactResult {
            kind: a.kind,
            text: a.text.clone(),
            span,
            fixes: a.fix.clone(),
            found: found.map(|d| {
                (
                    d.rule.code.clone(),
                    d.text(&text).to_string(),
                    d.suggestions.first().cloned(),
                )
            }),
            fix_ok,
        });
    }
    let mut trap_hits = Vec::new();
    for trap in &ann.traps {
        if nth_occurrence(&text, trap, 1).is_none() {
            return Err(format!(
                "{}: trap “{trap}” is not in the article",
                sidecar.display()
            ));
        }
        let mut n = 1;
        while let Some(span) = nth_occurrence(&text, trap, n) {
            for d in &diags {
                if d.span.start < span.end && span.start < d.span.end {
                    trap_hits.push((trap.clone(), d.rule.code.clone()));
                }
            }
            n += 1;
        }
    }
    let extra = diags
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(d, _)| {
            let lc = lines.line_col(&text, d.span.start);
            (
                format!("{}:{}", lc.line, lc.column),
                d.rule.code.clone(),
                d.text(&text).to_string(),
                d.rule.family,
            )
        })
        .collect();
    Ok(ArticleResult {
        path: article,
        clean: ann.clean,
        words,
        artifacts,
        extra,
        trap_hits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nth_occurrence() {
        assert_eq!(nth_occurrence("a b a b", "b", 2), Some(6..7));
        assert_eq!(nth_occurrence("a b", "c", 1), None);
    }
}
