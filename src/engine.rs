//! The engine: a [`Linter`] compiles a set of packs once, then lints any number of
//! documents into sorted, de-duplicated diagnostics.

use crate::checks::Spec;
use crate::checks::acronym::AcronymRule;
use crate::checks::consistency::ConsistencyCheck;
use crate::checks::entity::{EntityRule, PlaceNames};
use crate::checks::house::HouseCheck;
use crate::checks::pattern::{PatternCheck, PatternRule};
use crate::checks::phrase::PhraseRule;
use crate::checks::respelling::RespellingCheck;
use crate::checks::untranslated::UntranslatedCheck;
use crate::diagnostic::Diagnostic;
use crate::literals::{LiteralBuilder, LiteralIndex, OwnerCheck};
use crate::rules::loader::{LoadError, load_builtin_pack, load_pack, load_pack_file};
use crate::rules::schema::Lang;
use crate::rules::schema::{CheckKind, EntityType, House};
use crate::rules::{Pack, Rule, builtin};
use crate::text::Document;
use crate::timings::{self, Clock};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A compiled rule set.
#[derive(Debug)]
pub struct Linter {
    packs: Vec<PackSummary>,
    rules: Vec<Arc<Rule>>,
    /// Rule code → position in `rules`, which is also the tie-break priority.
    order: HashMap<String, usize>,
    literals: LiteralIndex,
    phrase: Vec<PhraseRule>,
    pattern: PatternCheck,
    entity: Vec<EntityRule>,
    acronym: Vec<AcronymRule>,
    consistency: ConsistencyCheck,
    places: PlaceNames,
    respelling: RespellingCheck,
    house: HouseCheck,
    untranslated: UntranslatedCheck,
    /// The selected house style, if any.
    style: Option<House>,
}

/// What `mtlint rules` shows of a pack.
#[derive(Debug, Clone)]
pub struct PackSummary {
    /// Pack name.
    pub name: String,
    /// Where it came from.
    pub origin: String,
    /// One sentence.
    pub description: String,
    /// Data provenance, if any.
    pub provenance: Option<String>,
    /// Number of `[[entry]]` rows.
    pub entries: usize,
}

/// Collects packs from the built-in set and from files or directories, then builds a
/// [`Linter`].
#[derive(Debug, Default)]
pub struct LinterBuilder {
    packs: Vec<Staged>,
    errors: Vec<LoadError>,
    style: Option<House>,
}

impl LinterBuilder {
    /// An empty builder (no rules).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the packs embedded in the binary.
    pub fn builtin(mut self) -> Self {
        // Loading the packs and building their heavy rules are most of start-up, and
        // packs are independent: load and build each on whichever core is free, then
        // keep them in their fixed order.
        let packs: Vec<_> = builtin::PACKS.iter().collect();
        let load = |p| load_builtin_pack(p).map(|p| Staged::new(p).built());
        for r in crate::parallel::map_on_every_core(packs, load) {
            match r {
                Ok(p) => self.packs.push(p),
                Err(mut e) => self.errors.append(&mut e),
            }
        }
        self
    }

    /// Selects a house style: names are then also checked against that house's
    /// preferred spellings (see `checks::house`).
    pub fn style(mut self, style: Option<House>) -> Self {
        self.style = style;
        self
    }

    /// Adds one pack from source text; `origin` names it in errors.
    pub fn add_source(&mut self, origin: &str, source: &str) {
        match load_pack(origin, source) {
            Ok(p) => self.packs.push(Staged::new(p)),
            Err(mut e) => self.errors.append(&mut e),
        }
    }

    /// Adds a pack file, or every `.toml` file under a directory (sorted, recursive).
    pub fn add_path(mut self, path: &Path) -> Self {
        if path.is_dir() {
            let mut files = Vec::new();
            collect_toml(path, &mut files, &mut self.errors);
            files.sort();
            for f in files {
                self.add_file(&f);
            }
        } else {
            self.add_file(path);
        }
        self
    }

    fn add_file(&mut self, path: &Path) {
        match load_pack_file(path) {
            Ok(p) => self.packs.push(Staged::new(p)),
            Err(mut e) => self.errors.append(&mut e),
        }
    }

    /// Validates the set as a whole (unique pack names and codes) and compiles it.
    pub fn build(mut self) -> Result<Linter, Vec<LoadError>> {
        let mut codes: HashMap<String, String> = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        for p in &self.packs {
            let (name, origin) = (&p.summary.name, &p.summary.origin);
            if let Some(first) = names.insert(name.clone(), origin.clone()) {
                self.errors.push(LoadError {
                    origin: origin.clone(),
                    line: 0,
                    column: 0,
                    message: format!("pack name `{name}` is already used by {first}"),
                });
            }
            for (rule, _) in &p.rules {
                if let Some(first) = codes.insert(rule.code.clone(), rule.origin.clone()) {
                    let (origin, line, column) = split_origin(&rule.origin);
                    self.errors.push(LoadError {
                        origin,
                        line,
                        column,
                        message: format!(
                            "duplicate rule code `{}` (first defined at {first})",
                            rule.code
                        ),
                    });
                }
            }
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        // Packs added from files have their heavy rules still to build: one pack per
        // core (the built-in ones, built as they loaded, pass straight through).
        let packs = crate::parallel::map_on_every_core(self.packs, Staged::built);
        Ok(Linter::compile(packs, self.style))
    }
}

/// Splits `file:line:col` back into its parts.
fn split_origin(origin: &str) -> (String, usize, usize) {
    let mut it = origin.rsplitn(3, ':');
    let col = it.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let line = it.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    (it.next().unwrap_or(origin).to_string(), line, col)
}

fn collect_toml(dir: &Path, out: &mut Vec<std::path::PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(LoadError {
                origin: dir.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read directory: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            collect_toml(&p, out, errors);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// A loaded pack as the builder holds it: what `mtlint rules` shows of it, and its rules
/// in order, those whose compiled form takes real work (inflected idiom forms, folded
/// gazetteer tables) possibly built already.
#[derive(Debug)]
struct Staged {
    summary: PackSummary,
    rules: Vec<(Arc<Rule>, Stage)>,
}

/// A rule's check configuration, or for a heavy rule possibly the rule built.
#[derive(Debug)]
enum Stage {
    Spec(Spec),
    Built(Built),
}

/// A heavy rule, built.
#[derive(Debug)]
enum Built {
    Phrase(PhraseRule),
    Acronym(AcronymRule),
    Entity(EntityRule),
}

impl Staged {
    fn new(pack: Pack) -> Self {
        Staged {
            summary: PackSummary {
                name: pack.name,
                origin: pack.origin,
                description: pack.description,
                provenance: pack.provenance,
                entries: pack.entries,
            },
            rules: pack
                .rules
                .into_iter()
                .map(|lr| (lr.rule, Stage::Spec(lr.spec)))
                .collect(),
        }
    }

    /// The pack with its heavy rules built.
    fn built(self) -> Self {
        let rules = self
            .rules
            .into_iter()
            .map(|(rule, stage)| {
                let built = match stage {
                    Stage::Spec(Spec::Phrase(s)) => Built::Phrase(PhraseRule::new(rule.clone(), s)),
                    Stage::Spec(Spec::Acronym(s)) => {
                        Built::Acronym(AcronymRule::new(rule.clone(), &s))
                    }
                    Stage::Spec(Spec::Entity(s)) => {
                        Built::Entity(EntityRule::new(rule.clone(), &s))
                    }
                    other => return (rule, other),
                };
                (rule, Stage::Built(built))
            })
            .collect();
        Staged { rules, ..self }
    }
}

/// Prepares `text` for linting, timed as [`timings::Stage::Prepare`] under `--timings`.
fn prepare(text: &str) -> Document<'_> {
    let mut clock = Clock::start();
    let doc = Document::new(text);
    clock.lap(timings::Stage::Prepare);
    doc
}

/// A fix that ends in an abbreviation's period ("2:30 p.m.", "U.S.") at the end of a
/// sentence would leave two periods ("at 2:30 p.m.."): the span takes in the sentence's
/// period, which the first suggestion's own then stands for (the others keep one).
fn absorb_final_period(text: &str, diags: &mut [Diagnostic]) {
    for d in diags {
        let flagged = &text[d.span.clone()];
        if d.suggestions.first().is_some_and(|s| s.ends_with('.'))
            && !flagged.ends_with('.')
            && text[d.span.end..].starts_with('.')
            && !text[d.span.end..].starts_with("..")
        {
            d.span.end += 1;
            for s in d.suggestions.iter_mut().filter(|s| !s.ends_with('.')) {
                s.push('.');
            }
        }
    }
}

/// Which check wins when two diagnostics cover the same span: the more specific knowledge
/// (a gazetteer entry) before the more general (a document-level guess).
fn check_priority(kind: CheckKind) -> u8 {
    match kind {
        CheckKind::Entity => 0,
        CheckKind::Acronym => 1,
        CheckKind::Phrase => 2,
        CheckKind::Pattern => 3,
        CheckKind::Consistency => 4,
        CheckKind::Respelling => 5,
        CheckKind::House => 6,
        CheckKind::Untranslated => 7,
    }
}

impl Linter {
    /// The built-in rules.
    pub fn builtin() -> Result<Self, Vec<LoadError>> {
        LinterBuilder::new().builtin().build()
    }

    fn compile(packs: Vec<Staged>, style: Option<House>) -> Linter {
        let mut linter = Linter {
            packs: Vec::new(),
            rules: Vec::new(),
            order: HashMap::new(),
            literals: LiteralBuilder::default().build(),
            phrase: Vec::new(),
            pattern: PatternCheck::default(),
            entity: Vec::new(),
            acronym: Vec::new(),
            consistency: ConsistencyCheck::default(),
            places: PlaceNames::default(),
            respelling: RespellingCheck::default(),
            house: HouseCheck::default(),
            untranslated: UntranslatedCheck::default(),
            style,
        };
        // Phrase and acronym rules register their literals in rule order, entity rules
        // after them all (the numbering the literal index has always had).
        let mut literal_order = Vec::new();
        for pack in packs {
            linter.packs.push(pack.summary);
            for (rule, stage) in pack.rules {
                linter.order.insert(rule.code.clone(), linter.rules.len());
                linter.rules.push(rule.clone());
                match stage {
                    Stage::Built(Built::Phrase(r)) => {
                        literal_order.push(OwnerCheck::Phrase);
                        linter.phrase.push(r);
                    }
                    Stage::Built(Built::Acronym(r)) => {
                        literal_order.push(OwnerCheck::Acronym);
                        linter.acronym.push(r);
                    }
                    Stage::Built(Built::Entity(r)) => linter.entity.push(r),
                    Stage::Spec(Spec::Pattern(s)) => {
                        linter.pattern.push(PatternRule::new(rule, s));
                    }
                    Stage::Spec(Spec::Consistency(s)) => linter.consistency.add(rule, &s),
                    Stage::Spec(Spec::Respelling(s)) => linter.respelling.add(rule, s),
                    Stage::Spec(Spec::House(s)) => linter.house.add(rule, &s),
                    Stage::Spec(Spec::Untranslated(s)) => linter.untranslated.add(rule, s),
                    Stage::Spec(Spec::Phrase(_) | Spec::Acronym(_) | Spec::Entity(_)) => {
                        unreachable!("`Staged::built` builds every heavy rule")
                    }
                }
            }
        }
        // Two independent pieces of work remain: the literal index (every literal
        // registered, then the index built) and the checks derived from the gazetteer
        // with the regex prefilter and the untranslated check's word lists. Do them on
        // two cores.
        let Linter {
            phrase,
            acronym,
            entity,
            house,
            places,
            respelling,
            consistency,
            pattern,
            untranslated,
            ..
        } = &mut linter;
        let entity = &*entity;
        let untranslated = &*untranslated;
        let (literals, ()) = rayon::join(
            move || {
                let mut lits = LiteralBuilder::default();
                let (mut p, mut a) = (0, 0);
                for check in literal_order {
                    if check == OwnerCheck::Phrase {
                        phrase[p].register(p as u32, &mut lits);
                        p += 1;
                    } else {
                        acronym[a].register(a as u32, &mut lits);
                        a += 1;
                    }
                }
                for (i, r) in entity.iter().enumerate() {
                    r.register(i as u32, &mut lits);
                }
                // House style reads every gazetteer entry once (packs share their
                // entries between their entity rules).
                let mut seen = std::collections::HashSet::new();
                let tables: Vec<_> = entity
                    .iter()
                    .map(|r| r.entries())
                    .filter(|e| seen.insert(Arc::as_ptr(e)))
                    .collect();
                house.add_entries(tables.iter().flat_map(|t| t.iter()));
                house.register(&mut lits);
                untranslated.register(&mut lits);
                lits.build()
            },
            || {
                // The function words, read here while the other core registers the
                // rules' phrases: they are registered after those.
                untranslated.prepare();
                let mut gazetteer: Vec<&str> = Vec::new();
                for r in entity {
                    gazetteer.extend(r.english_forms());
                    places.add(r);
                    respelling.add_variants(r.variant_forms());
                }
                // Packs repeat each other's English forms: dropping repeats before
                // sorting saves 2 M instructions of start-up (callgrind).
                let mut seen = rustc_hash::FxHashSet::default();
                gazetteer.retain(|f| seen.insert(*f));
                gazetteer.sort_unstable();
                consistency.add_gazetteer(gazetteer.iter().copied());
                respelling.add_english(gazetteer.iter().copied());
                pattern.finish();
            },
        );
        linter.literals = literals;
        linter
    }

    /// The pattern check, for its tests.
    #[cfg(test)]
    pub(crate) fn pattern_check(&self) -> &PatternCheck {
        &self.pattern
    }

    /// The respelling check, for its tests.
    #[cfg(test)]
    pub(crate) fn respelling_check(&self) -> &RespellingCheck {
        &self.respelling
    }

    /// The untranslated-text check, for its tests.
    #[cfg(test)]
    pub(crate) fn untranslated_check(&self) -> &UntranslatedCheck {
        &self.untranslated
    }

    /// The tokens of `doc` where the literal index finds a word the untranslated check
    /// registered, for its tests.
    #[cfg(test)]
    pub(crate) fn function_word_hits(&self, doc: &Document) -> Vec<usize> {
        let hits = self.literals.hits(doc).into_iter();
        hits.filter(|h| h.owner.check == OwnerCheck::Untranslated)
            .map(|h| h.a)
            .collect()
    }

    /// Every rule, in load order.
    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    /// A rule by code.
    pub fn rule(&self, code: &str) -> Option<&Arc<Rule>> {
        self.order.get(code).map(|&i| &self.rules[i])
    }

    /// The loaded packs.
    pub fn packs(&self) -> &[PackSummary] {
        &self.packs
    }

    /// Table sizes by entry type: (type, entries, foreign forms), counting each pack's
    /// table once.
    pub fn tables(&self) -> Vec<(EntityType, usize, usize)> {
        let mut seen = std::collections::HashSet::new();
        let tables = self
            .entity
            .iter()
            .map(|r| r.entries())
            .chain(self.acronym.iter().map(|r| r.entries()))
            .filter(|t| seen.insert(Arc::as_ptr(t)));
        let mut counts: Vec<(EntityType, usize, usize)> = [
            EntityType::Place,
            EntityType::Person,
            EntityType::Organization,
            EntityType::Acronym,
        ]
        .into_iter()
        .map(|t| (t, 0, 0))
        .collect();
        for t in tables {
            for e in t.iter() {
                if let Some(c) = counts.iter_mut().find(|c| c.0 == e.kind) {
                    c.1 += 1;
                    c.2 += e.forms().count();
                }
            }
        }
        counts
    }

    /// The literal phrases of all phrase, entity and acronym rules, folded.
    pub fn literal_patterns(&self) -> impl Iterator<Item = &str> {
        self.literals.patterns()
    }

    /// Lints `text` (the file exactly as read, BOM included).
    pub fn lint(&self, text: &str) -> Vec<Diagnostic> {
        self.lint_document(&prepare(text))
    }

    /// Lints a prepared document. Without a source-language hint, `source_only` rules
    /// report only when the other findings point to their language
    /// ([`crate::language::inferred`]).
    pub fn lint_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut raw = self.collect(doc, None);
        crate::language::restrict_source_only(&mut raw, None);
        self.finish(raw)
    }

    /// Lints `text` for copy from `hint` (or from the inferred source when `None`),
    /// keeping only the findings of the rules `keep` accepts. They are dropped before
    /// overlapping findings are resolved: a rule switched off by the configuration
    /// cannot hide another rule's finding on the same span, nor vote for a language.
    pub fn lint_where(
        &self,
        text: &str,
        hint: Option<Lang>,
        keep: impl Fn(&Rule) -> bool,
    ) -> Vec<Diagnostic> {
        let doc = prepare(text);
        let mut raw = self.collect(&doc, None);
        raw.retain(|d| keep(&d.rule));
        crate::language::restrict_source_only(&mut raw, hint);
        self.finish(raw)
    }

    /// Lints `text` and keeps only the diagnostics of rule `code`, de-duplicated among
    /// themselves but not against other rules: what a rule's examples are judged on, so
    /// that another pack's overlapping rule cannot hide them.
    pub fn lint_rule(&self, text: &str, code: &str) -> Vec<Diagnostic> {
        let doc = prepare(text);
        let own = self
            .collect(&doc, Some(code))
            .into_iter()
            .filter(|d| d.rule.code == code)
            .collect();
        self.finish(own)
    }

    /// Every check's raw findings, before sorting and de-duplication.
    /// `only`: the rule being judged by the example runner, enabled even when its house
    /// style is not the selected one.
    fn collect(&self, doc: &Document, only: Option<&str>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.collect_raw(doc, only, &mut out);
        absorb_final_period(doc.text(), &mut out);
        // Two table rows can give the same English form ("Syrsky" and "Syrskyi" both to
        // "Oleksandr Syrskyi"): an editor should see each choice once.
        for d in &mut out {
            if d.suggestions.len() > 1 {
                let mut seen = rustc_hash::FxHashSet::default();
                d.suggestions.retain(|s| seen.insert(s.clone()));
            }
        }
        out
    }

    /// What [`Linter::collect`] gathers, check by check.
    fn collect_raw(&self, doc: &Document, only: Option<&str>, out: &mut Vec<Diagnostic>) {
        let mut clock = Clock::start();
        let hits = self.literals.hits(doc);
        clock.lap(timings::Stage::Literals);
        // Tokens that are strong foreign function words, for the untranslated check.
        let mut function_words = Vec::new();
        for h in hits {
            let (rule, local) = (h.owner.rule as usize, h.owner.local as usize);
            match h.owner.check {
                OwnerCheck::Phrase => self.phrase[rule].on_hit(doc, local, h.a, h.b, out),
                OwnerCheck::Entity => self.entity[rule].on_hit(doc, local, h.a, h.b, out),
                OwnerCheck::Acronym => self.acronym[rule].on_hit(doc, local, h.a, h.b, out),
                OwnerCheck::House => {
                    let (house, code) = self.house.house_of(rule);
                    if self.style == Some(house) || only == Some(code) {
                        self.house.on_hit(doc, rule, local, h.a, h.b, out);
                    }
                }
                OwnerCheck::Untranslated => function_words.push(h.a),
            }
        }
        clock.lap(timings::Stage::Hits);
        self.pattern.scan(doc.text(), &self.places, out);
        clock.lap(timings::Stage::Patterns);
        for a in &self.acronym {
            a.scan(doc, out);
        }
        clock.lap(timings::Stage::Acronyms);
        self.respelling.scan(doc, out);
        clock.lap(timings::Stage::Respelling);
        self.consistency.scan(doc, out);
        clock.lap(timings::Stage::Consistency);
        self.untranslated.scan(doc, &function_words, out);
        clock.lap(timings::Stage::Untranslated);
    }

    /// Sorts by span, and drops a diagnostic whose span lies within (or equals) the span
    /// of one already kept: "war material" inside "electronic war material" is the same
    /// problem, and two rules on one span would offer the editor two clicks for one fix.
    fn finish(&self, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let prio = |d: &Diagnostic| {
            (
                check_priority(d.rule.kind),
                // An accent-exact name match ("Ławrow" as Polish) beats a folded one
                // ("Ławrow" read as German "Lawrow") on the same span.
                !d.exact,
                self.order.get(&d.rule.code).copied().unwrap_or(usize::MAX),
            )
        };
        diags.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
                .then(prio(a).cmp(&prio(b)))
        });
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(diags.len());
        // Sorted by start, then longest first: `d` lies within a kept span exactly when
        // some kept diagnostic reaches at least as far as `d` ends.
        let mut reach = None;
        for d in diags {
            if reach.is_some_and(|r| r >= d.span.end) {
                continue;
            }
            reach = Some(reach.map_or(d.span.end, |r: usize| r.max(d.span.end)));
            kept.push(d);
        }
        kept
    }
}
