//! `mtlint check`.

use super::{CheckArgs, Color, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Format, error, is_broken_pipe};
use crate::baseline::Baseline;
use crate::input;
use crate::output::{FileReport, human, json};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub(super) fn run(args: &CheckArgs) -> u8 {
    // Configuration is per file (the nearest mtlint.toml): resolved after reading.
    let mut profiles = args.rules.profiles(args.fail_on);
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let (inputs, mut errors) = input::expand(&args.paths);
    let mut texts = Vec::with_capacity(inputs.len());
    for i in &inputs {
        match input::read(i) {
            Ok(t) => texts.push((i.display(), i.path(), t)),
            Err(e) => errors.push(e),
        }
    }
    let mut diags = Vec::with_capacity(texts.len());
    let mut failed = false;
    let mut recorded = args.write_baseline.as_deref().map(Baseline::new);
    for (_, path, t) in &texts {
        let profile = match profiles.for_path(*path) {
            Ok(p) => p,
            Err(e) => {
                error(&e);
                return EXIT_ERROR;
            }
        };
        let mut d = profile.lint(*path, t);
        if let Some(b) = &mut recorded {
            b.record(*path, t, &d);
        }
        if let Some(b) = &baseline {
            d = b.filter(*path, t, d);
        }
        failed |= profile.fails(&d);
        diags.push(d);
    }
    if let (Some(b), Some(file)) = (&recorded, &args.write_baseline) {
        std::mem::forget(profiles);
        return write_baseline(b, file, errors);
    }
    let reports: Vec<FileReport> = texts
        .iter()
        .zip(&diags)
        .map(|((p, _, t), d)| FileReport {
            path: p,
            text: t,
            diagnostics: d,
        })
        .collect();

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
    std::mem::forget(profiles);
    if !errors.is_empty() {
        EXIT_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--write-baseline`: writes the findings instead of printing them. A baseline missing
/// an unreadable file would hide nothing of it later yet look complete: then it is not
/// written.
fn write_baseline(b: &Baseline, file: &Path, mut errors: Vec<String>) -> u8 {
    if !errors.is_empty() {
        errors.push(format!("baseline {} not written", file.display()));
    } else if let Err(e) = b.write(file) {
        errors.push(e);
    } else {
        eprintln!(
            "mtlint: recorded {} findings in {}",
            b.len(),
            file.display()
        );
    }
    for e in &errors {
        error(e);
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    }
}
