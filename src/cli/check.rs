//! `mtlint check`.

use super::{
    CheckArgs, Color, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, Format, error, is_broken_pipe,
};
use crate::input;
use crate::output::{FileReport, concise, github, gitlab, human, json, jsonl, sarif, statistics};
use std::io::{IsTerminal, Write};

pub(super) fn run(args: &CheckArgs) -> u8 {
    let loaded = match args.rules.config() {
        Ok(c) => c,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let linter = match args.rules.linter_with(&loaded.config) {
        Ok(l) => l,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let fail_on = args
        .fail_on
        .or(loaded.config.fail_on)
        .unwrap_or(FailOn::Warning);
    let (inputs, mut errors) = input::expand(&args.paths);
    let mut texts = Vec::with_capacity(inputs.len());
    for i in &inputs {
        match input::read(i) {
            Ok(t) => texts.push((i.display(), t)),
            Err(e) => errors.push(e),
        }
    }
    let diags: Vec<_> = texts.iter().map(|(_, t)| linter.lint(t)).collect();
    let reports: Vec<FileReport> = texts
        .iter()
        .zip(&diags)
        .map(|((p, t), d)| FileReport {
            path: p,
            text: t,
            diagnostics: d,
        })
        .collect();

    let threshold = fail_on.threshold();
    let failed = threshold.is_some_and(|t| diags.iter().flatten().any(|d| d.rule.severity >= t));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let written = match args.format {
        Format::Human => human::write(&mut out, &reports, color),
        Format::Json => json::write(&mut out, &reports),
        Format::Jsonl => jsonl::write(&mut out, &reports),
        Format::Concise => concise::write(&mut out, &reports),
        Format::Sarif => sarif::write(&mut out, &reports),
        Format::Github => github::write(&mut out, &reports),
        Format::Gitlab => gitlab::write(&mut out, &reports),
    }
    .and_then(|_| out.flush())
    .and_then(|_| match (args.statistics, args.format) {
        (false, _) => Ok(()),
        (true, Format::Human) => statistics::write(&mut out, &reports).and_then(|_| out.flush()),
        (true, _) => statistics::write(&mut std::io::stderr().lock(), &reports),
    });
    if let Err(e) = written
        && !is_broken_pipe(&e)
    {
        error(&format!("cannot write output: {e}"));
        return EXIT_ERROR;
    }
    for e in &errors {
        error(e);
    }
    // The process ends here: let the OS reclaim the compiled rule set rather than
    // freeing tens of thousands of small allocations one by one (a measurable share of
    // the run time of a one-file check).
    std::mem::forget(linter);
    if !errors.is_empty() {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
