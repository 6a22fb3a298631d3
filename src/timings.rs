//! Where linting time goes, check by check (`mtlint check --timings`).
//!
//! Why: throughput is the sum of a dozen passes over each document (tokenizing, the
//! literal index, the rules it triggers, regexes, consistency, untranslated text), and
//! which one dominates depends on the copy: numbers wake the locale patterns, names the
//! consistency check. A user whose archive lints slowly, and a developer choosing what
//! to optimize, need the split measured on their own text, not a profiler session.
//!
//! Off by default: the engine then asks one relaxed atomic load per document. When on,
//! every stage adds its wall-clock time to a process-wide total, summed over worker
//! threads.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The stages of linting one document, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Tokenizing, folding and sentence splitting ([`crate::Document::new`]).
    Prepare,
    /// Looking up every token in the literal index.
    Literals,
    /// The phrase, entity, acronym and house rules the literal hits wake.
    Hits,
    /// Pattern rules: their gate and regexes.
    Patterns,
    /// Acronym rules' own scan (expansions, unknown acronyms).
    Acronyms,
    /// Respelled names.
    Respelling,
    /// One name spelled two ways.
    Consistency,
    /// Untranslated words and clauses.
    Untranslated,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 8] = [
        Stage::Prepare,
        Stage::Literals,
        Stage::Hits,
        Stage::Patterns,
        Stage::Acronyms,
        Stage::Respelling,
        Stage::Consistency,
        Stage::Untranslated,
    ];

    /// What the stage does, for the report.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Prepare => "preparing documents (tokens, folding, sentences)",
            Stage::Literals => "literal index lookups",
            Stage::Hits => "phrase, entity, acronym and house rules on hits",
            Stage::Patterns => "pattern rules (gate and regexes)",
            Stage::Acronyms => "acronym scan",
            Stage::Respelling => "respelled names",
            Stage::Consistency => "name consistency",
            Stage::Untranslated => "untranslated text",
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; Stage::ALL.len()] = [const { AtomicU64::new(0) }; Stage::ALL.len()];

/// Starts recording (for the rest of the process).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// A running clock over consecutive stages of one document; inert unless [`enable`]
/// was called.
#[derive(Debug)]
pub struct Clock {
    last: Option<Instant>,
}

impl Clock {
    /// Starts the clock (if recording).
    pub fn start() -> Self {
        Clock {
            last: ENABLED.load(Ordering::Relaxed).then(Instant::now),
        }
    }

    /// Adds the time since the previous lap (or the start) to `stage`.
    pub fn lap(&mut self, stage: Stage) {
        if let Some(last) = self.last {
            let now = Instant::now();
            let nanos = u64::try_from((now - last).as_nanos()).unwrap_or(u64::MAX);
            NANOS[stage as usize].fetch_add(nanos, Ordering::Relaxed);
            self.last = Some(now);
        }
    }
}

/// The time recorded per stage so far.
pub fn totals() -> Vec<(Stage, Duration)> {
    Stage::ALL
        .iter()
        .map(|&s| {
            let nanos = NANOS[s as usize].load(Ordering::Relaxed);
            (s, Duration::from_nanos(nanos))
        })
        .collect()
}

/// The report `--timings` prints: one line per stage, its time and share.
pub fn report() -> String {
    let totals = totals();
    let sum: Duration = totals.iter().map(|(_, d)| *d).sum();
    let mut out = String::from("time per check, summed over worker threads:\n");
    for (stage, d) in &totals {
        let share = if sum.is_zero() {
            0.0
        } else {
            100.0 * d.as_secs_f64() / sum.as_secs_f64()
        };
        out.push_str(&format!(
            "  {:<50} {:>10.1} ms {:>5.1}%\n",
            stage.label(),
            d.as_secs_f64() * 1e3,
            share
        ));
    }
    out.push_str(&format!(
        "  {:<50} {:>10.1} ms\n",
        "total",
        sum.as_secs_f64() * 1e3
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recording is process-wide: one test enables it, lints, and checks that every
    /// stage a lint passes through was timed and the report names them all.
    #[test]
    fn linting_records_every_stage() {
        let linter = crate::Linter::builtin().expect("built-in rules load");
        let text = "The OTAN summit opened at 14 h 30 in Koursk, where 1 200 soldiers \
                    waited. Kim Jong-un spoke; Kim Jong-uni left de la manière forte.\n"
            .repeat(20);
        enable();
        let before = totals();
        assert!(!linter.lint(&text).is_empty());
        let after = totals();
        for ((stage, b), (_, a)) in before.iter().zip(&after) {
            assert!(a > b, "{stage:?} was not timed");
        }
        let report = report();
        for s in Stage::ALL {
            assert!(report.contains(s.label()), "{report}");
        }
        assert!(report.contains("total"), "{report}");
    }
}
