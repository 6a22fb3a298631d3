//! `kind = "pattern"`: regular expressions with replacement templates, for shapes rather
//! than words (numbers, times, quotes, datelines).

use super::entity::PlaceNames;
use super::gate::LiteralGate;
use super::needed_bytes::{self, ByteSet};
use super::shapes::{self, Shape};
use super::{RegexMode, missing};
use crate::diagnostic::{Diagnostic, render_message};
use crate::rules::Rule;
use crate::rules::loader::SpecError;
use crate::rules::schema::RuleDef;
use crate::text::case::match_case;
use regex::{Captures, Regex, RegexBuilder};
use std::sync::{Arc, OnceLock};

/// Compiled regexes are capped so that a pathological rule pack (`(a{1000}){1000}`, an
/// alternation of a million words) fails to load with a message instead of eating
/// memory. The largest built-in regex compiles to well under a tenth of this.
pub const REGEX_SIZE_LIMIT: usize = 1 << 22;

/// Lazy DFA cache per regex: beyond it the engine clears its cache and carries on
/// (slower, never larger), so this bounds memory on long lines, not what may load.
const REGEX_DFA_SIZE_LIMIT: usize = 1 << 22;

/// Longest pattern source accepted. Parsing and literal analysis take memory in
/// proportion to the source before any compiled-size limit applies (an alternation of a
/// million words took over a gigabyte); the longest built-in pattern is under 5 KiB.
pub const REGEX_SOURCE_LIMIT: usize = 64 * 1024;

/// How deeply groups and repetitions may nest: the parser recurses per level, and
/// thousands of nested parentheses would otherwise overflow the stack.
pub const REGEX_NEST_LIMIT: u32 = 100;

/// Compiled configuration of a pattern rule.
#[derive(Debug)]
pub struct PatternSpec {
    source: String,
    exclude: Vec<String>,
    group: Option<String>,
    /// Replacement templates, best first.
    pub replace: Vec<Template>,
    /// Strings of which every match contains one (the prefilter), if any.
    pub(crate) gate: Option<Vec<Vec<u8>>>,
    /// Bytes that stand right before and right after the gate's literals in every
    /// match (see [`super::edge_bytes`]); `None` for any.
    beside: (Option<ByteSet>, Option<ByteSet>),
    /// Byte sets every match draws from (see [`super::needed_bytes`]).
    needs: Vec<ByteSet>,
    /// Class-trigram sets: a line can match only if it holds every trigram of one of
    /// them (see [`super::shapes`]).
    shapes: Vec<Shape>,
    /// Their trigrams with a digit, tested first ([`shapes::digit_parts`]).
    digit_shapes: Vec<Shape>,
    /// Searchers for the gate's literals, built at first use: building one per line
    /// searched was 1.5% of a run (perf).
    finders: OnceLock<Vec<memchr::memmem::Finder<'static>>>,
    /// The relaxed regex (see [`super::relax`]); `None` inside when it would be the
    /// regex itself.
    pre: OnceLock<Result<Option<Regex>, String>>,
    compiled: OnceLock<Result<Compiled, String>>,
}

/// A replacement template: literal text, group references and filters.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Group(String, Vec<Filter>),
}

#[derive(Debug, Clone, Copy)]
enum Filter {
    Upper,
    Lower,
    Title,
    Thousands,
    Decimal,
    H12,
    AmPm,
    English,
}

impl Template {
    /// Parses `$1`, `${1}`, `${name}`, `${name:filter}` and `$$`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c != '$' {
                lit.push(c);
                continue;
            }
            let (name, filter) = match chars.peek().map(|&(_, c)| c) {
                Some('$') => {
                    chars.next();
                    lit.push('$');
                    continue;
                }
                Some('{') => {
                    let close = s[i..]
                        .find('}')
                        .ok_or_else(|| format!("unclosed `${{` in template `{s}`"))?
                        + i;
                    let inner = &s[i + 2..close];
                    while chars.peek().is_some_and(|&(j, _)| j <= close) {
                        chars.next();
                    }
                    match inner.split_once(':') {
                        Some((n, f)) => (
                            n.to_string(),
                            f.split(':')
                                .map(parse_filter)
                                .collect::<Result<Vec<_>, _>>()?,
                        ),
                        None => (inner.to_string(), Vec::new()),
                    }
                }
                Some(d) if d.is_ascii_digit() => {
                    let mut n = String::new();
                    while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                        n.push(d);
                        chars.next();
                    }
                    (n, Vec::new())
                }
                _ => {
                    return Err(format!(
                        "`$` must start a group reference in template `{s}` (write `$$` for a dollar sign)"
                    ));
                }
            };
            if name.is_empty() {
                return Err(format!("empty group reference in template `{s}`"));
            }
            if !lit.is_empty() {
                parts.push(Part::Lit(std::mem::take(&mut lit)));
            }
            parts.push(Part::Group(name, filter));
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Template { parts })
    }

    fn groups(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Group(n, _) => Some(n.as_str()),
            Part::Lit(_) => None,
        })
    }

    /// Expands the template for one match.
    pub fn expand(&self, caps: &Captures, places: &PlaceNames) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Group(name, filters) => {
                    let m = match name.parse::<usize>() {
                        Ok(i) => caps.get(i),
                        Err(_) => caps.name(name),
                    };
                    let v = m.map_or("", |m| m.as_str());
                    let mut v = v.to_string();
                    for f in filters {
                        v = apply(*f, &v, places);
                    }
                    out.push_str(&v);
                }
            }
        }
        out
    }
}

fn parse_filter(f: &str) -> Result<Filter, String> {
    Ok(match f {
        "upper" => Filter::Upper,
        "lower" => Filter::Lower,
        "title" => Filter::Title,
        "thousands" => Filter::Thousands,
        "decimal" => Filter::Decimal,
        "h12" => Filter::H12,
        "ampm" => Filter::AmPm,
        "english" => Filter::English,
        _ => {
            return Err(format!(
                "unknown template filter `{f}` (upper, lower, title, thousands, decimal, h12, ampm, english)"
            ));
        }
    })
}

fn apply(f: Filter, v: &str, places: &PlaceNames) -> String {
    match f {
        Filter::English => places.english(v).unwrap_or(v).to_string(),
        Filter::Upper => v.to_uppercase(),
        Filter::Lower => v.to_lowercase(),
        Filter::Title => v
            .split(' ')
            .map(crate::text::case::capitalize)
            .collect::<Vec<_>>()
            .join(" "),
        Filter::Thousands => {
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            group_thousands(&digits)
        }
        Filter::Decimal => v.replace(',', "."),
        Filter::H12 => match v.trim().parse::<u32>() {
            Ok(h) => (if h % 12 == 0 { 12 } else { h % 12 }).to_string(),
            Err(_) => v.to_string(),
        },
        Filter::AmPm => match v.trim().parse::<u32>() {
            Ok(h) if h < 12 => "a.m.".to_string(),
            Ok(_) => "p.m.".to_string(),
            Err(_) => String::new(),
        },
    }
}

/// Whether `line` contains one of `lits`, given which bytes it holds (`present`).
/// `finders`, the searchers of `lits` in order, are for long texts; without them a
/// searcher is built for each literal whose first byte the line holds (a short text
/// has too few lines to repay building them all).
fn holds_any(
    line: &[u8],
    present: &ByteSet,
    lits: &[Vec<u8>],
    finders: Option<&[memchr::memmem::Finder<'static>]>,
) -> bool {
    lits.iter().enumerate().any(|(i, l)| match l.as_slice() {
        [b] => needed_bytes::contains(present, *b),
        l => {
            needed_bytes::contains(present, l[0])
                && match finders {
                    Some(f) => f[i].find(line).is_some(),
                    None => memchr::memmem::find(line, l).is_some(),
                }
        }
    })
}

/// Whether the bytes around `text[start..end]`, an occurrence of a rule's gate literal,
/// can stand there in a match (`beside`: see [`PatternSpec`]). A literal at the edge of
/// the text has nothing beside it there; the rule needs a byte.
#[inline]
fn beside_fits(
    text: &[u8],
    start: usize,
    end: usize,
    beside: &(Option<ByteSet>, Option<ByteSet>),
) -> bool {
    let fits = |set: &Option<ByteSet>, at: Option<usize>| match set {
        None => true,
        Some(set) => at
            .and_then(|i| text.get(i))
            .is_some_and(|&b| super::edge_bytes::holds(set, b)),
    };
    fits(&beside.0, start.checked_sub(1)) && fits(&beside.1, Some(end))
}

/// "1200000" → "1,200,000".
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn build_regex(s: &str) -> Result<Regex, String> {
    RegexBuilder::new(s)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => format!(
                "regex too large: it compiles to more than {} MiB (the limit); \
                 split the rule or bound its repetitions",
                limit >> 20
            ),
            e => format!("invalid regex: {e}"),
        })
}

/// Parses a regex without compiling it (cheap): syntax errors, capture names, and the
/// literals every match contains.
fn parse(s: &str) -> Result<regex_syntax::hir::Hir, String> {
    if s.len() > REGEX_SOURCE_LIMIT {
        return Err(format!(
            "regex too large: {} bytes, more than the limit of {} KiB (a list of literal \
             phrases belongs in a phrase rule's `match`)",
            s.len(),
            REGEX_SOURCE_LIMIT >> 10
        ));
    }
    regex_syntax::ParserBuilder::new()
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .parse(s)
        .map_err(|e| match &e {
            regex_syntax::Error::Parse(p)
                if matches!(p.kind(), regex_syntax::ast::ErrorKind::NestLimitExceeded(_)) =>
            {
                format!(
                    "regex too deeply nested: more than {REGEX_NEST_LIMIT} levels of groups \
                     or repetitions"
                )
            }
            _ => format!("invalid regex: {e}"),
        })
}

fn capture_names(hir: &regex_syntax::hir::Hir, out: &mut Vec<String>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => {
            if let Some(n) = &c.name {
                out.push(n.to_string());
            }
            capture_names(&c.sub, out);
        }
        HirKind::Repetition(r) => capture_names(&r.sub, out),
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            v.iter().for_each(|h| capture_names(h, out))
        }
        _ => {}
    }
}

/// The compiled regexes of a rule.
#[derive(Debug)]
struct Compiled {
    regex: Regex,
    exclude: Vec<Regex>,
}

/// Validates and compiles the pattern keys of `def`, as `mode` says (see [`RegexMode`]).
pub(crate) fn compile(def: &RuleDef, mode: RegexMode) -> Result<PatternSpec, SpecError> {
    let pat = def
        .pattern
        .as_ref()
        .ok_or_else(|| missing(def, "pattern"))?;
    if let RegexMode::Prepared(gates) = mode
        && let Some((_, gate, beside, needs, shapes)) =
            gates.iter().find(|(c, ..)| *c == def.code.get_ref())
    {
        let mut replace = Vec::new();
        if let Some(r) = &def.replace {
            for t in r.get_ref() {
                replace.push(Template::parse(t).map_err(|e| SpecError::at(r.span(), e))?);
            }
        }
        return Ok(PatternSpec {
            source: pat.get_ref().clone(),
            exclude: def
                .exclude
                .iter()
                .flatten()
                .map(|e| e.get_ref().clone())
                .collect(),
            group: def.group.as_ref().map(|g| g.get_ref().clone()),
            replace,
            gate: gate.map(|g| g.iter().map(|l| l.to_vec()).collect()),
            beside: *beside,
            needs: needs.to_vec(),
            shapes: shapes.to_vec(),
            digit_shapes: shapes::digit_parts(shapes),
            finders: OnceLock::new(),
            pre: OnceLock::new(),
            compiled: OnceLock::new(),
        });
    }
    let hir = parse(pat.get_ref()).map_err(|e| SpecError::at(pat.span(), e))?;
    let mut names = Vec::new();
    capture_names(&hir, &mut names);
    let groups = hir.properties().explicit_captures_len() + 1;
    let group = match &def.group {
        Some(g) if !names.contains(g.get_ref()) => {
            return Err(SpecError::at(
                g.span(),
                format!(
                    "`group = \"{}\"` is not a named group of the pattern",
                    g.get_ref()
                ),
            ));
        }
        g => g.as_ref().map(|g| g.get_ref().clone()),
    };
    let mut replace = Vec::new();
    if let Some(r) = &def.replace {
        for t in r.get_ref() {
            let tpl = Template::parse(t).map_err(|e| SpecError::at(r.span(), e))?;
            for g in tpl.groups() {
                let ok = match g.parse::<usize>() {
                    Ok(i) => i < groups,
                    Err(_) => names.iter().any(|n| n == g),
                };
                if !ok {
                    return Err(SpecError::at(
                        r.span(),
                        format!(
                            "template `{t}` refers to group `{g}`, which the pattern does not have"
                        ),
                    ));
                }
            }
            replace.push(tpl);
        }
    }
    let mut exclude = Vec::new();
    for e in def.exclude.iter().flatten() {
        parse(e.get_ref()).map_err(|m| SpecError::at(e.span(), m))?;
        exclude.push(e.get_ref().clone());
    }
    let shapes = shapes::shapes(&hir);
    let required = super::required::required(&hir);
    let spec = PatternSpec {
        source: pat.get_ref().clone(),
        exclude,
        group,
        replace,
        beside: required
            .as_ref()
            .map_or((None, None), |r| (r.before, r.after)),
        gate: required.map(|r| r.strings),
        needs: super::needed_bytes::needed_bytes(&hir),
        digit_shapes: shapes::digit_parts(&shapes),
        shapes,
        finders: OnceLock::new(),
        pre: OnceLock::new(),
        compiled: OnceLock::new(),
    };
    if matches!(mode, RegexMode::Eager) {
        spec.compiled()
            .map_err(|e| SpecError::at(pat.span(), e.clone()))?;
        spec.prefilter()
            .map_err(|e| SpecError::at(pat.span(), e.clone()))?;
    }
    Ok(spec)
}

impl PatternSpec {
    fn compiled(&self) -> Result<&Compiled, &String> {
        self.compiled
            .get_or_init(|| {
                Ok(Compiled {
                    regex: build_regex(&self.source)?,
                    exclude: self
                        .exclude
                        .iter()
                        .map(|e| build_regex(e))
                        .collect::<Result<_, _>>()?,
                })
            })
            .as_ref()
    }

    /// Searchers for the gate's literals, in order.
    fn finders(&self) -> &[memchr::memmem::Finder<'static>] {
        self.finders.get_or_init(|| {
            self.gate
                .iter()
                .flatten()
                .map(|l| memchr::memmem::Finder::new(l).into_owned())
                .collect()
        })
    }

    /// The relaxed regex, compiled on first use: most rules never get past it on clean
    /// copy, so their full regex is never compiled.
    fn prefilter(&self) -> Result<Option<&Regex>, &String> {
        self.pre
            .get_or_init(|| {
                let hir = parse(&self.source)?;
                let relaxed = super::relax::relax(&hir);
                if relaxed == hir {
                    return Ok(None);
                }
                build_regex(&relaxed.to_string()).map(Some)
            })
            .as_ref()
            .map(Option::as_ref)
    }
}

/// A pattern rule ready to run.
#[derive(Debug)]
pub struct PatternRule {
    rule: Arc<Rule>,
    spec: PatternSpec,
}

impl PatternRule {
    /// Wraps a compiled spec.
    pub fn new(rule: Arc<Rule>, spec: PatternSpec) -> Self {
        PatternRule { rule, spec }
    }

    /// Finds every match within `text[range]` (spans stay offsets into `text`).
    pub fn scan(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        places: &PlaceNames,
        out: &mut Vec<Diagnostic>,
    ) {
        // A built-in regex that fails to compile is caught by the example tests; here it
        // can only be skipped.
        match self.spec.prefilter() {
            Ok(Some(pre)) if !pre.is_match(&text[range.clone()]) => return,
            Ok(_) => {}
            Err(_) => return,
        }
        let Ok(c) = self.spec.compiled() else { return };
        let base = range.start;
        for caps in c.regex.captures_iter(&text[range]) {
            let m = match &self.spec.group {
                Some(g) => match caps.name(g) {
                    Some(m) => m,
                    None => continue,
                },
                None => caps.get(0).expect("group 0 always participates"),
            };
            if m.is_empty() || c.exclude.iter().any(|e| e.is_match(m.as_str())) {
                continue;
            }
            let start = crate::text::case::sentence_start_at(text, base + m.start());
            let suggestions: Vec<String> = self
                .spec
                .replace
                .iter()
                .map(|t| match_case(m.as_str(), &t.expand(&caps, places), start))
                .collect();
            let first = suggestions.first().map(String::as_str).unwrap_or("");
            let message = render_message(
                &self.rule.message,
                &[("text", m.as_str()), ("suggestion", first)],
            );
            out.push(Diagnostic {
                rule: self.rule.clone(),
                span: base + m.start()..base + m.end(),
                message,
                suggestions,
                exact: true,
                id: None,
            });
        }
    }
}

/// Until this many bytes of short texts have been checked, gated rules look for their
/// literals line by line instead of through the gate: building it (4 M instructions,
/// callgrind; the Aho-Corasick automaton it replaced took 6 M) is a good part of a
/// one-line check (an editor, a pre-commit hook). Line by line costs 2,000 to 3,000
/// instructions a byte, though: a run on 4.5 KB of copy took 132 M instructions in all
/// through the gate and 142 M line by line, on 45 KB (the size of a streamed file's
/// last block) 188 M and 314 M.
const GATE_BREAK_EVEN: usize = 4 << 10;

/// All pattern rules of a rule set, behind one prefilter.
#[derive(Debug, Default)]
pub struct PatternCheck {
    rules: Vec<PatternRule>,
    /// The required literals of every gated rule.
    gate_literals: Vec<Vec<u8>>,
    /// One searcher for them all, made at first use (see [`super::gate`]).
    gate: OnceLock<LiteralGate>,
    /// Bytes of text checked line by line before the gate was built.
    ungated: std::sync::atomic::AtomicUsize,
    /// Gate pattern → rules it opens.
    owners: Vec<Vec<usize>>,
    /// Rules without a usable required literal: always run.
    always: Vec<usize>,
}

impl PatternCheck {
    /// Adds a rule (call [`PatternCheck::finish`] after the last one).
    pub fn push(&mut self, rule: PatternRule) {
        self.rules.push(rule);
    }

    /// Builds the prefilter.
    pub fn finish(&mut self) {
        let mut ids: rustc_hash::FxHashMap<Vec<u8>, usize> = Default::default();
        let mut pats: Vec<Vec<u8>> = Vec::new();
        self.owners.clear();
        self.always.clear();
        // Two-byte literals are few in the gate or none (see `gate::MAX_PAIRS`).
        let pairs: rustc_hash::FxHashSet<&[u8]> = self
            .rules
            .iter()
            .flat_map(|r| r.spec.gate.iter().flatten())
            .filter(|l| l.len() == 2)
            .map(Vec::as_slice)
            .collect();
        let shortest = if pairs.len() > super::gate::MAX_PAIRS {
            3
        } else {
            2
        };
        for (i, r) in self.rules.iter().enumerate() {
            match &r.spec.gate {
                // A one-character literal (a space, a comma, a digit) is on almost every
                // line: finding its every occurrence costs more than it saves.
                None => self.always.push(i),
                Some(lits) if lits.iter().any(|l| l.len() < shortest) => self.always.push(i),
                Some(lits) => {
                    for l in lits {
                        let id = *ids.entry(l.clone()).or_insert_with(|| {
                            pats.push(l.clone());
                            self.owners.push(Vec::new());
                            pats.len() - 1
                        });
                        self.owners[id].push(i);
                    }
                }
            }
        }
        self.gate_literals = pats;
        self.gate = OnceLock::new();
    }

    /// The required literals the gate looks for.
    #[cfg(test)]
    pub(crate) fn gate_literals(&self) -> &[Vec<u8>] {
        &self.gate_literals
    }

    /// The gate, built on the first text that reaches it (its sample); `None` while
    /// short texts are cheaper to search line by line (see [`GATE_BREAK_EVEN`]).
    fn gate(&self, text: &str) -> Option<&LiteralGate> {
        use std::sync::atomic::Ordering;
        if self.gate_literals.is_empty() {
            return None;
        }
        let len = text.len();
        if self.gate.get().is_none()
            && self.ungated.fetch_add(len, Ordering::Relaxed) + len < GATE_BREAK_EVEN
        {
            return None;
        }
        Some(
            self.gate
                .get_or_init(|| LiteralGate::new(&self.gate_literals, text.as_bytes())),
        )
    }

    /// Runs each rule over the lines that hold one of its required literals (rules
    /// without a selective literal run over every line).
    ///
    /// Line by line is both a prefilter and an engine choice: regexes with Unicode word
    /// boundaries cannot use the regex crate's fast DFA on non-ASCII text, and would fall
    /// back to its slowest engine over the whole document once per rule; on a short line
    /// the crate's bounded engines are fast. Every pattern here is line-local (they
    /// exclude line breaks or anchor with `(?m)`), so no match is lost.
    pub fn scan(&self, text: &str, places: &PlaceNames, out: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        let mut starts = vec![0usize];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let line_range = |l: usize| starts[l]..starts.get(l + 1).map_or(text.len(), |&n| n - 1);
        // Which bytes each line holds, read once: every rule runs only on lines with a
        // byte of each of its needed sets ("a digit and a space").
        let present: Vec<ByteSet> = (0..starts.len())
            .map(|l| needed_bytes::bytes_of(&text.as_bytes()[line_range(l)]))
            .collect();
        // Class trigrams, read on the first line a rule with needed shapes gets to:
        // those around digits first, the whole line's only if they fit.
        let mut digit_shapes_of: Vec<Option<Shape>> = vec![None; starts.len()];
        let mut shapes_of: Vec<Option<Shape>> = vec![None; starts.len()];
        let mut has_shape = |l: usize, spec: &PatternSpec| {
            spec.shapes.is_empty() || {
                let line = &text.as_bytes()[line_range(l)];
                shapes::meets(
                    digit_shapes_of[l].get_or_insert_with(|| shapes::digit_shape_of(line)),
                    &spec.digit_shapes,
                ) && shapes::meets(
                    shapes_of[l].get_or_insert_with(|| shapes::shape_of(line)),
                    &spec.shapes,
                )
            }
        };
        // Lines each rule must see: all of them for ungated rules, else those with a hit.
        let all: Vec<usize>;
        let gate = self.gate(text);
        // Once the gate is in use (short texts past the break-even mark), only the few
        // ungated rules are read line by line, and every searcher of theirs is worth
        // building.
        let long = gate.is_some();
        let per_line = match gate {
            Some(gate) => {
                let mut lines: Vec<Vec<usize>> = vec![Vec::new(); self.rules.len()];
                // Occurrences come in the order of their anchors, each a few bytes after
                // its start: the line is found by stepping from the last one.
                let mut line = 0;
                let bytes = text.as_bytes();
                gate.for_each(bytes, |lit, start| {
                    while starts.get(line + 1).is_some_and(|&s| s <= start) {
                        line += 1;
                    }
                    while starts[line] > start {
                        line -= 1;
                    }
                    let end = start + self.gate_literals[lit].len();
                    for &i in &self.owners[lit] {
                        if lines[i].last() != Some(&line)
                            && beside_fits(bytes, start, end, &self.rules[i].spec.beside)
                        {
                            lines[i].push(line);
                        }
                    }
                });
                for (i, r) in self.rules.iter().enumerate() {
                    if !self.always.contains(&i) {
                        // Literals come in the order of their anchors, not of their
                        // starts: a line can come twice, or after a later one.
                        lines[i].sort_unstable();
                        lines[i].dedup();
                        for &l in &lines[i] {
                            if needed_bytes::meets(&present[l], &r.spec.needs)
                                && has_shape(l, &r.spec)
                            {
                                r.scan(text, line_range(l), places, out);
                            }
                        }
                    }
                }
                &self.always
            }
            None => {
                all = (0..self.rules.len()).collect();
                &all
            }
        };
        // Rules without a selective literal (and, without the automaton, every rule)
        // line by line, on lines with one of their literals. A rule whose literals are
        // on no line is never compiled (a one-line check skips most of them).
        for (l, present) in present.iter().enumerate() {
            let range = line_range(l);
            let line = &text.as_bytes()[range.clone()];
            for &i in per_line {
                let r = &self.rules[i];
                let gate = r.spec.gate.as_ref();
                let finders = long.then(|| r.spec.finders());
                if gate.is_none_or(|lits| holds_any(line, present, lits, finders))
                    && needed_bytes::meets(present, &r.spec.needs)
                    && has_shape(l, &r.spec)
                {
                    r.scan(text, range.clone(), places, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(re: &str, tpl: &str, text: &str) -> String {
        let re = Regex::new(re).unwrap();
        Template::parse(tpl)
            .unwrap()
            .expand(&re.captures(text).unwrap(), &PlaceNames::default())
    }

    #[test]
    fn templates_and_filters() {
        let time = r"(?P<h>\d+) h (?P<m>\d\d)";
        assert_eq!(
            expand(time, "${h:h12}:${m} ${h:ampm}", "22 h 32"),
            "10:32 p.m."
        );
        assert_eq!(
            expand(time, "${h:h12}:${m} ${h:ampm}", "0 h 05"),
            "12:05 a.m."
        );
        assert_eq!(
            expand(r"(\d[\d ]*)", "${1:thousands}", "1 200 000"),
            "1,200,000"
        );
        assert_eq!(expand(r"(\d+,\d+)", "${1:decimal} $$", "2,5"), "2.5 $");
        assert_eq!(expand(r"\((\w+)\)", "${1:upper} —", "(Seoul)"), "SEOUL —");
        assert!(Template::parse("${1:shout}").is_err());
        let mut places = PlaceNames::default();
        places.insert("Beyrouth", "Beirut");
        let re = Regex::new(r"\((?P<c>\w+)\)").unwrap();
        let tpl = Template::parse("${c:english:upper} —").unwrap();
        assert_eq!(
            tpl.expand(&re.captures("(Beyrouth)").unwrap(), &places),
            "BEIRUT —"
        );
        assert_eq!(
            tpl.expand(&re.captures("(Seoul)").unwrap(), &places),
            "SEOUL —"
        );
        assert!(Template::parse("costs $ 5").is_err());
    }

    /// Machine-translated corpus articles, joined, cut at a paragraph to under `max`
    /// bytes.
    fn mt_copy(max: usize) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut text = String::new();
        for lang in [
            "fr-en", "de-en", "es-en", "it-en", "pt-en", "ru-en", "pl-en",
        ] {
            let mut files: Vec<_> = std::fs::read_dir(root.join(lang))
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for f in files {
                for para in std::fs::read_to_string(f).unwrap().split("\n\n") {
                    if text.len() + para.len() + 2 >= max {
                        return text;
                    }
                    text.push_str(para);
                    text.push_str("\n\n");
                }
            }
        }
        text
    }

    fn pattern_findings(linter: &crate::engine::Linter, text: &str) -> Vec<String> {
        linter
            .lint(text)
            .into_iter()
            .filter(|d| d.rule.kind == crate::rules::schema::CheckKind::Pattern)
            .map(|d| format!("{} {:?} {:?}", d.rule.code, d.span, d.suggestions))
            .collect()
    }

    /// Short texts are checked line by line until they have paid for the gate, then
    /// through it; which text the gate took its sample from (which trigrams anchor its
    /// literals) changes nothing either.
    #[test]
    fn with_or_without_the_gate_the_same_findings() {
        // Pieces of copy, each short enough to be read line by line by a linter whose
        // count of ungated bytes starts from zero.
        let copy = mt_copy(12 * GATE_BREAK_EVEN);
        let mut pieces = vec![String::new()];
        for para in copy.split_inclusive("\n\n") {
            if pieces.last().unwrap().len() + para.len() >= GATE_BREAK_EVEN {
                pieces.push(String::new());
            }
            pieces.last_mut().unwrap().push_str(para);
        }
        let fresh = crate::engine::Linter::builtin().unwrap();
        let check = fresh.pattern_check();
        let mut line_by_line = Vec::new();
        for piece in &pieces {
            check.ungated.store(0, std::sync::atomic::Ordering::Relaxed);
            line_by_line.push(pattern_findings(&fresh, piece));
        }
        assert!(check.gate.get().is_none());
        let found: usize = line_by_line.iter().map(Vec::len).sum();
        assert!(found >= 20, "only {found} pattern findings to compare");

        // One gate sampled from filler, one from the copy itself.
        for first in [
            "Nothing to report here.\n".repeat(GATE_BREAK_EVEN / 24 + 1),
            copy.clone(),
        ] {
            let warmed = crate::engine::Linter::builtin().unwrap();
            warmed.lint(&first);
            assert!(warmed.pattern_check().gate.get().is_some());
            let through: Vec<_> = pieces
                .iter()
                .map(|p| pattern_findings(&warmed, p))
                .collect();
            assert_eq!(through, line_by_line);
        }
    }

    /// Every bad example of every built-in pattern rule is found through the gate, which
    /// drops occurrences of a literal whose neighbours no match can have (see
    /// [`super::super::edge_bytes`]): the examples are short, so the example tests check
    /// them line by line and do not reach it.
    #[test]
    fn through_the_gate_every_bad_example_is_found() {
        let linter = crate::engine::Linter::builtin().unwrap();
        // Far past the break-even mark: the gate is built and used from here on.
        linter.lint(&"Nothing to report here.\n".repeat(GATE_BREAK_EVEN / 8));
        assert!(linter.pattern_check().gate.get().is_some());
        let mut checked = 0;
        for rule in linter.rules() {
            if rule.kind != crate::rules::schema::CheckKind::Pattern {
                continue;
            }
            for ex in rule.examples.get() {
                let crate::rules::Example::Bad { text, span, .. } = ex else {
                    continue;
                };
                let found = linter.lint_rule(text, &rule.code);
                assert!(
                    found.iter().any(|d| d.span == *span),
                    "{} through the gate: {text:?}",
                    rule.code
                );
                checked += 1;
            }
        }
        assert!(checked >= 200, "only {checked} bad examples");
    }

    /// A pack with more two-byte literals than the gate takes: their rules run line by
    /// line, and find what they find with fewer.
    #[test]
    fn many_two_byte_literals_run_line_by_line() {
        let letters = b'a'..=b'z';
        let words: Vec<String> = letters
            .clone()
            .flat_map(|a| {
                letters
                    .clone()
                    .map(move |b| String::from_utf8(vec![a, b]).unwrap())
            })
            .take(crate::checks::gate::MAX_PAIRS + 1)
            .collect();
        let pack = |words: &[String]| {
            let mut src = String::from(
                "[pack]\nname = \"pairs\"\nprefix = \"TST\"\nsource = \"any\"\nfamily = \"locale\"\ndescription = \"Test.\"\n",
            );
            for (i, w) in words.iter().enumerate() {
                src.push_str(&format!(
                    "[[rule]]\ncode = \"TST{i:03}\"\nname = \"pair-{w}\"\nkind = \"pattern\"\nmessage = \"m\"\nwhy = \"w\"\npattern = '\\d{w}\\d'\nreplace = [\"x\"]\nexamples = [{{ bad = \"Found {{{{1{w}2}}}} here.\", fixed = \"Found x here.\" }}, {{ good = \"Nothing.\" }}]\n"
                ));
            }
            let mut b = crate::engine::LinterBuilder::new();
            b.add_source("pairs.toml", &src);
            b.build().expect("the test pack loads")
        };
        // Past the gate's break-even, so that gated rules go through it.
        let text = format!(
            "{}Found 1zz2 and 3ab4 here.\n",
            "Nothing.\n".repeat(GATE_BREAK_EVEN)
        );
        let many = pack(&words);
        assert!(many.pattern_check().gate_literals().is_empty());
        assert_eq!(many.pattern_check().always.len(), words.len());
        let few = pack(&words[..10]);
        assert_eq!(few.pattern_check().gate_literals().len(), 10);
        let spans = |l: &crate::engine::Linter| -> Vec<String> {
            l.lint(&text)
                .iter()
                .map(|d| d.text(&text).to_string())
                .collect()
        };
        assert!(few.pattern_check().gate.get().is_none());
        assert_eq!(spans(&few), ["3ab4"]);
        assert!(few.pattern_check().gate.get().is_some());
        assert_eq!(spans(&many), ["3ab4"]);
    }

    #[test]
    fn thousands_grouping() {
        assert_eq!(group_thousands("1200"), "1,200");
        assert_eq!(group_thousands("15000"), "15,000");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1000000"), "1,000,000");
    }
}
