//! Loading and validating packs. Every error names `file:line:col`.

use super::builtin::EmbeddedPack;
use super::schema::{EntryDef, PackFile, RuleDef};
use super::{Example, Examples, LoadedRule, Pack, Rule};
use crate::checks::{self, RegexMode};
use crate::diagnostic::Applicability;
use crate::text::LineIndex;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A pack or rule-set error, positioned in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// File name (or `builtin:…`).
    pub origin: String,
    /// 1-based line (0 when the error concerns the file as a whole).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.origin, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for LoadError {}

/// Positions errors in one pack's source.
pub(crate) struct Locator<'a> {
    origin: &'a str,
    source: &'a str,
    lines: LineIndex,
}

impl<'a> Locator<'a> {
    fn new(origin: &'a str, source: &'a str) -> Self {
        Self::with_lines(origin, source, LineIndex::new(source))
    }

    fn with_lines(origin: &'a str, source: &'a str, lines: LineIndex) -> Self {
        Locator {
            origin,
            source,
            lines,
        }
    }

    pub(crate) fn error(&self, at: Option<usize>, message: impl Into<String>) -> LoadError {
        let (line, column) = match at {
            Some(offset) => {
                let offset = self.source.floor_char_boundary(offset);
                let lc = self.lines.line_col(self.source, offset);
                (lc.line, lc.column)
            }
            None => (0, 0),
        };
        LoadError {
            origin: self.origin.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn position(&self, offset: usize) -> String {
        let e = self.error(Some(offset), "");
        format!("{}:{}:{}", e.origin, e.line, e.column)
    }
}

/// An error from a check's compile step: a message and, where known, the span of the
/// offending key or value in the pack source.
#[derive(Debug)]
pub struct SpecError {
    /// Byte span in the pack source.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// An error at `span`.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        SpecError {
            span: Some(span),
            message: message.into(),
        }
    }
}

/// Reads and validates one pack file from disk.
pub fn load_pack_file(path: &Path) -> Result<Pack, Vec<LoadError>> {
    let origin = path.display().to_string();
    let source = crate::input::read::read_utf8(path).map_err(|e| {
        vec![LoadError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message: format!("cannot read rule pack: {e}"),
        }]
    })?;
    load_pack(&origin, &source)
}

/// Parses and validates one pack. All problems found are returned together.
pub fn load_pack(origin: &str, source: &str) -> Result<Pack, Vec<LoadError>> {
    load_pack_with(origin, source, true)
}

/// Like [`load_pack`]; with `eager = false` regular expressions are compiled on first
/// use instead of now. Built-in packs load this way: their regexes are all compiled by
/// the example tests, and start-up need not pay for regexes a document never needs.
pub fn load_pack_with(origin: &str, source: &str, eager: bool) -> Result<Pack, Vec<LoadError>> {
    let mode = if eager {
        RegexMode::Eager
    } else {
        RegexMode::Lazy
    };
    let loc = Locator::new(origin, source);
    load(&loc, parse(&loc)?, None, mode, &[])
}

/// Each rule's examples as JSON, by rule code, as `build.rs` lifted them.
pub type LiftedExamples = &'static [(&'static str, &'static str)];

/// Loads a built-in pack as `build.rs` embedded it: the header, rules and entries as
/// value trees (the TOML text only positions messages), its pattern rules' required
/// literals, and its examples as JSON. Regexes compile and examples parse on first use.
pub fn load_builtin_pack(pack: &EmbeddedPack) -> Result<Pack, Vec<LoadError>> {
    let origin = format!("builtin:{}", pack.path);
    let embedded_error = |what: &str, e: serde::de::value::Error| {
        vec![LoadError {
            origin: origin.clone(),
            line: 0,
            column: 0,
            message: format!("embedded {what}: {e}"),
        }]
    };
    let entries = match pack.entries {
        None => None,
        Some(tree) => Some(
            tree.to::<Vec<EntryDef>>()
                .map_err(|e| embedded_error("entries", e))?,
        ),
    };
    // Line starts as `build.rs` found them: indexing 40,000 lines of TOML was 3% of a
    // one-line check's instructions, for the rules' origins.
    let starts = pack.line_starts.iter().map(|&s| s as usize).collect();
    let loc = Locator::with_lines(
        &origin,
        pack.head,
        LineIndex::from_starts(pack.head, starts),
    );
    let file = match pack.rules {
        Some(tree) => tree.to().map_err(|e| embedded_error("rules", e))?,
        None => parse(&loc)?,
    };
    let regexes = RegexMode::Prepared(pack.gates);
    load(&loc, file, entries, regexes, pack.examples)
}

/// Parses a pack's TOML.
fn parse(loc: &Locator) -> Result<PackFile, Vec<LoadError>> {
    toml::from_str(loc.source).map_err(|e| {
        let msg = e.message().trim().to_string();
        vec![loc.error(e.span().map(|s| s.start), msg)]
    })
}

fn load(
    loc: &Locator,
    file: PackFile,
    embedded: Option<Vec<EntryDef>>,
    regexes: RegexMode,
    lifted: LiftedExamples,
) -> Result<Pack, Vec<LoadError>> {
    let mut errors = Vec::new();
    let header = file.pack.get_ref();
    let prefix = header.prefix.get_ref().clone();
    if !(2..=5).contains(&prefix.len()) || !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(loc.error(
            Some(header.prefix.span().start),
            "`prefix` must be 2 to 5 upper-case letters",
        ));
    }
    if !is_kebab(header.name.get_ref()) {
        errors.push(loc.error(
            Some(header.name.span().start),
            "pack `name` must be kebab-case",
        ));
    }

    let mut entries = Vec::with_capacity(file.entry.len());
    for e in &file.entry {
        if let Err(msg) = validate_entry(e.get_ref()) {
            errors.push(loc.error(Some(e.span().start), msg));
        }
        entries.push(e.get_ref().clone());
    }
    // Embedded entries were validated where they were written: `tests/rule_examples.rs`
    // loads every built-in pack from its source file through the checking path above.
    entries.extend(embedded.into_iter().flatten());
    let entries: Arc<Vec<EntryDef>> = Arc::new(entries);

    let mut rules = Vec::with_capacity(file.rule.len());
    let mut seen = std::collections::HashMap::new();
    for def in &file.rule {
        let at = def.span().start;
        let def = def.get_ref();
        let code = def.code.get_ref();
        if let Some(first) = seen.insert(code.clone(), def.code.span().start) {
            errors.push(loc.error(
                Some(def.code.span().start),
                format!(
                    "duplicate rule code `{code}` (first defined at {})",
                    loc.position(first)
                ),
            ));
        }
        match load_rule(loc, def, at, header, &entries, regexes, lifted) {
            Ok(r) => rules.push(r),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if file.rule.is_empty() {
        errors.push(loc.error(Some(file.pack.span().start), "pack has no [[rule]]"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Pack {
        name: header.name.get_ref().clone(),
        prefix,
        source: header.source,
        description: header.description.clone(),
        provenance: header.provenance.clone(),
        origin: loc.origin.to_string(),
        rules,
        entries: entries.len(),
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn validate_entry(e: &EntryDef) -> Result<(), String> {
    use super::schema::EntityType;
    if e.en.is_empty() || e.en.iter().any(|s| s.trim().is_empty()) {
        return Err("entry needs at least one non-empty `en` form".into());
    }
    if !e.expansion.is_empty() && e.kind != EntityType::Acronym {
        return Err("`expansion` only applies to acronym entries".into());
    }
    for (house, form) in [("ap", &e.ap), ("reuters", &e.reuters)] {
        if let Some(f) = form
            && !e.en.contains(f)
        {
            return Err(format!(
                "`{house} = \"{f}\"` must be one of the entry's `en` forms"
            ));
        }
    }
    let en: Vec<String> =
        e.en.iter()
            .map(|s| crate::text::fold::fold_keep_accents(s))
            .collect();
    for (_, form) in e.forms() {
        if form.trim().is_empty() {
            return Err("empty variant form".into());
        }
        if en.contains(&crate::text::fold::fold_keep_accents(form)) {
            return Err(format!(
                "variant `{form}` is also an English form of this entry"
            ));
        }
    }
    Ok(())
}

fn load_rule(
    loc: &Locator,
    def: &RuleDef,
    at: usize,
    header: &super::schema::PackHeader,
    entries: &Arc<Vec<EntryDef>>,
    regexes: RegexMode,
    lifted: LiftedExamples,
) -> Result<LoadedRule, Vec<LoadError>> {
    let mut errors = Vec::new();
    let code = def.code.get_ref();
    let prefix = header.prefix.get_ref();
    let digits = code.strip_prefix(prefix.as_str());
    if !digits.is_some_and(|d| d.len() == 3 && d.bytes().all(|b| b.is_ascii_digit())) {
        errors.push(loc.error(
            Some(def.code.span().start),
            format!(
                "rule code `{code}` must be the pack prefix `{prefix}` followed by three digits"
            ),
        ));
    }
    if !is_kebab(def.name.get_ref()) {
        errors.push(loc.error(
            Some(def.name.span().start),
            "rule `name` must be kebab-case",
        ));
    }
    if def.source_only == Some(true) && header.source == super::schema::Lang::Any {
        // Nothing could ever enable it: no document is inferred to come from `any`.
        errors.push(loc.error(
            Some(at),
            "`source_only` needs a pack about one source language, not `source = \"any\"`",
        ));
    }
    let family = match def.family.or(header.family) {
        Some(f) => f,
        None => {
            errors.push(loc.error(Some(at), "rule has no `family` and its pack sets none"));
            crate::diagnostic::Family::Style
        }
    };
    let spec = match checks::compile(def, entries, regexes) {
        Ok(spec) => Some(spec),
        Err(e) => {
            errors.push(loc.error(Some(e.span.map_or(at, |s| s.start)), e.message));
            None
        }
    };
    let gives_fixes = spec.as_ref().is_some_and(|s| s.gives_suggestions());
    let lifted = lifted.iter().find(|(c, _)| c == code);
    let examples = match (&def.examples, lifted) {
        (None, Some((_, json))) => Examples::lifted(json, gives_fixes),
        _ => match parse_examples(def, gives_fixes) {
            Ok(ex) => Examples::parsed(ex),
            Err((span, msg)) => {
                errors.push(loc.error(Some(span.map_or(at, |s| s.start)), msg));
                Examples::default()
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let spec = spec.expect("no errors means the spec compiled");
    let rule = Rule {
        code: code.clone(),
        name: def.name.get_ref().clone(),
        kind: def.kind,
        family,
        severity: def.severity.unwrap_or(crate::Severity::Warning),
        applicability: def.applicability.unwrap_or(if gives_fixes {
            Applicability::Safe
        } else {
            Applicability::DisplayOnly
        }),
        message: def.message.clone(),
        why: def.why.clone(),
        pack: header.name.get_ref().clone(),
        source: header.source,
        source_only: def.source_only.unwrap_or(false),
        origin: loc.position(def.code.span().start),
        examples,
        table_size: spec.table_size(),
    };
    Ok(LoadedRule {
        rule: Arc::new(rule),
        spec,
    })
}

type ExampleError = (Option<Range<usize>>, String);

fn parse_examples(def: &RuleDef, gives_fixes: bool) -> Result<Vec<Example>, ExampleError> {
    let Some(list) = &def.examples else {
        return Err((
            None,
            "rule has no `examples` (needs at least one `bad` and one `good`)".into(),
        ));
    };
    examples_from(list.get_ref(), gives_fixes).map_err(|(_, m)| (Some(list.span()), m))
}

/// Validates and resolves a rule's example list (errors carry no position: the caller
/// knows where the list is).
pub(crate) fn examples_from(
    list: &[super::schema::ExampleDef],
    gives_fixes: bool,
) -> Result<Vec<Example>, ExampleError> {
    let span: Option<Range<usize>> = None;
    let mut out = Vec::new();
    for ex in list {
        match (&ex.bad, &ex.good) {
            (Some(bad), None) => {
                let (text, marked) = strip_markers(bad).map_err(|m| (span.clone(), m))?;
                if gives_fixes && ex.fixed.is_none() {
                    return Err((
                        span,
                        format!("bad example `{bad}` needs `fixed` (the rule gives suggestions)"),
                    ));
                }
                if !gives_fixes && ex.fixed.is_some() {
                    return Err((
                        span,
                        format!("bad example `{bad}` has `fixed` but the rule gives no suggestion"),
                    ));
                }
                out.push(Example::Bad {
                    text,
                    span: marked,
                    fixed: ex.fixed.clone(),
                });
            }
            (None, Some(good)) if ex.fixed.is_none() => out.push(Example::Good(good.clone())),
            _ => {
                return Err((
                    span,
                    "each example is `{ bad = …, fixed = … }` or `{ good = … }`".into(),
                ));
            }
        }
    }
    let bad = out.iter().any(|e| matches!(e, Example::Bad { .. }));
    let good = out.iter().any(|e| matches!(e, Example::Good(_)));
    if !bad || !good {
        return Err((
            span,
            "rule needs at least one `bad` and one `good` example".into(),
        ));
    }
    Ok(out)
}

/// Removes the one `{{…}}` pair from an example, returning the text and the marked span.
fn strip_markers(s: &str) -> Result<(String, Range<usize>), String> {
    let open = s
        .find("{{")
        .ok_or_else(|| format!("bad example `{s}` has no {{{{…}}}} span"))?;
    let close = s[open..]
        .find("}}")
        .map(|c| c + open)
        .ok_or_else(|| format!("bad example `{s}` has an unclosed {{{{"))?;
    let inner = &s[open + 2..close];
    let text = format!("{}{}{}", &s[..open], inner, &s[close + 2..]);
    if text.contains("{{") || inner.is_empty() {
        return Err(format!(
            "bad example `{s}` must mark exactly one non-empty span"
        ));
    }
    Ok((text, open..open + inner.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[pack]
name = "t"
prefix = "TST"
source = "fr"
family = "calque"
description = "test"

[[rule]]
code = "TST001"
name = "reflection-group"
kind = "phrase"
message = "m"
why = "w"
match = ["reflection group"]
replace = ["think tank"]
examples = [
  { bad = "a {{reflection group}} here", fixed = "a think tank here" },
  { good = "a moment of reflection" },
]
"#;

    #[test]
    fn loads_a_valid_pack() {
        let p = load_pack("t.toml", GOOD).unwrap();
        assert_eq!(p.rules.len(), 1);
        let r = &p.rules[0].rule;
        assert_eq!(r.origin, "t.toml:10:8");
        assert_eq!(
            r.examples[0],
            Example::Bad {
                text: "a reflection group here".into(),
                span: 2..18,
                fixed: Some("a think tank here".into())
            }
        );
    }

    fn first_error(src: &str) -> String {
        load_pack("t.toml", src).unwrap_err()[0].to_string()
    }

    #[test]
    fn unknown_key_is_positioned() {
        let src = GOOD.replace("why = \"w\"", "why = \"w\"\nwhy_not = 1");
        let e = first_error(&src);
        assert!(e.starts_with("t.toml:15:1:"), "{e}");
        assert!(e.contains("why_not"), "{e}");
    }

    #[test]
    fn duplicate_code_names_both_places() {
        let dup = GOOD.split("[[rule]]").nth(1).unwrap();
        let src = format!("{GOOD}\n[[rule]]{dup}");
        let e = first_error(&src);
        assert!(
            e.contains("duplicate rule code `TST001`")
                && e.contains("first defined at t.toml:10:8"),
            "{e}"
        );
    }

    #[test]
    fn missing_good_example_and_bad_regex() {
        let src = GOOD.replace("  { good = \"a moment of reflection\" },\n", "");
        assert!(first_error(&src).contains("at least one `bad` and one `good`"));
        let src = GOOD
            .replace(
                "kind = \"phrase\"",
                "kind = \"pattern\"\npattern = \"(unclosed\"",
            )
            .replace("match = [\"reflection group\"]\n", "");
        let e = first_error(&src);
        assert!(e.starts_with("t.toml:13:11:") && e.contains("regex"), "{e}");
    }

    #[test]
    fn code_must_fit_prefix() {
        let src = GOOD.replace("code = \"TST001\"", "code = \"CAL001\"");
        assert!(first_error(&src).contains("must be the pack prefix `TST`"));
    }
}
