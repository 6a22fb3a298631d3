//! `mtlint check`.

use super::{
    CheckArgs, Color, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FailOn, Format, error, is_broken_pipe,
};
use crate::input;
use crate::output::{FileReport, human, json};
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
        match input::read(i).and_then(|t| {
            let f = args
                .input_format
                .resolve(i, &t)
                .map_err(|e| format!("{}: {e}", i.display()))?;
            Ok((t, f))
        }) {
            Ok((t, f)) => texts.push((i.display(), t, f)),
            Err(e) => errors.push(e),
        }
    }
    let mut diags = Vec::with_capacity(texts.len());
    for (p, t, f) in &texts {
        let linted = input::lint_file(&linter, *f, t);
        errors.extend(linted.errors.iter().map(|e| format!("{p}: {e}")));
        diags.push(linted.diagnostics);
    }
    let reports: Vec<FileReport> = texts
        .iter()
        .zip(&diags)
        .map(|((p, t, _), d)| FileReport {
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
    }
    .and_then(|_| out.flush());
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
