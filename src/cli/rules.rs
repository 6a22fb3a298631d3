//! `mtlint rules`, `mtlint rule CODE`, `mtlint verify-rules`.

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RuleSource, RulesArgs, error, is_broken_pipe};
use crate::rules::Example;
use crate::rules::examples;
use std::io::Write;

fn emit(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> u8 {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            error(&format!("cannot write output: {e}"));
            EXIT_ERROR
        }
    }
}

pub(super) fn list(args: &RulesArgs) -> u8 {
    let linter = match args.rules.linter() {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    emit(|w| {
        if args.patterns {
            for p in linter.literal_patterns() {
                writeln!(w, "{p}")?;
            }
            return Ok(());
        }
        writeln!(
            w,
            "{:<8} {:<40} {:<12} {:<13} {:<8} {:<22} {:>6}",
            "code", "name", "kind", "family", "severity", "pack", "size"
        )?;
        for r in linter.rules() {
            writeln!(
                w,
                "{:<8} {:<40} {:<12} {:<13} {:<8} {:<22} {:>6}",
                r.code,
                r.name,
                r.kind.as_str(),
                r.family.as_str(),
                r.severity.as_str(),
                r.pack,
                r.table_size
            )?;
        }
        writeln!(
            w,
            "\n{} rules in {} packs",
            linter.rules().len(),
            linter.packs().len()
        )?;
        for (kind, entries, forms) in linter.tables() {
            writeln!(
                w,
                "  {:<14} {entries:>6} table entries, {forms:>6} foreign forms",
                kind.as_str()
            )?;
        }
        for p in linter.packs() {
            let entries = if p.entries > 0 {
                format!(", {} table entries", p.entries)
            } else {
                String::new()
            };
            writeln!(w, "  {:<22} {}{entries}", p.name, p.origin)?;
        }
        Ok(())
    })
}

pub(super) fn show(code: &str, source: &RuleSource) -> u8 {
    let linter = match source.linter() {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let Some(r) = linter.rule(&code.to_ascii_uppercase()) else {
        error(&format!("no rule `{code}` (see `mtlint rules`)"));
        return EXIT_ERROR;
    };
    emit(|w| {
        writeln!(
            w,
            "{} {} ({}, {}, {})",
            r.code,
            r.name,
            r.family.as_str(),
            r.severity.as_str(),
            r.applicability.as_str()
        )?;
        writeln!(
            w,
            "pack: {} ({}), defined at {}",
            r.pack,
            r.source.code(),
            r.origin
        )?;
        writeln!(w, "\nMessage: {}\n\nWhy: {}\n", r.message, r.why)?;
        for ex in &r.examples {
            match ex {
                Example::Bad { text, span, fixed } => {
                    writeln!(
                        w,
                        "  bad:   {}[{}]{}",
                        &text[..span.start],
                        &text[span.clone()],
                        &text[span.end..]
                    )?;
                    if let Some(f) = fixed {
                        writeln!(w, "  fixed: {f}")?;
                    }
                }
                Example::Good(g) => writeln!(w, "  good:  {g}")?,
            }
        }
        Ok(())
    })
}

pub(super) fn verify(source: &RuleSource) -> u8 {
    let linter = match source.linter() {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let failures = examples::verify(&linter);
    let status = emit(|w| {
        for f in &failures {
            writeln!(w, "{f}")?;
        }
        let n: usize = linter.rules().iter().map(|r| r.examples.len()).sum();
        writeln!(
            w,
            "{} rules, {n} examples, {} failures",
            linter.rules().len(),
            failures.len()
        )
    });
    if status != EXIT_OK {
        status
    } else if failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}
