//! `mtlint check`: read every input, lint (and fix) the files in parallel, then write
//! one report in input order.

use super::{
    CheckArgs, Color, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Format, InputFormatArg, error,
    is_broken_pipe, note,
};
use crate::baseline::Baseline;
use crate::config::Profile;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixLevel};
use crate::input::excerpt::Excerpt;
use crate::input::{self, Input, InputFormat, OffsetMap, ReadError, ReadOptions};
use crate::output::{
    FileReport, concise, github, gitlab, html, human, json, jsonl, sarif, statistics,
};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

/// A progress bar appears from this many files on (and only on a terminal): below it, a
/// run is over before a bar would be read.
const PROGRESS_FROM: usize = 50;

/// What `--fix` / `--diff` do with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report only.
    Off,
    /// Write fixed files (fixed standard input goes to stdout).
    Write(FixLevel),
    /// Print a unified diff, write nothing.
    Diff(FixLevel),
}

/// One input after linting (and fixing).
struct Checked {
    path: String,
    /// The configuration that applied to it.
    profile: Arc<Profile>,
    input: Input,
    /// The text the diagnostics refer to: as read, or as fixed.
    text: String,
    /// `text` offsets → file offsets, when `--lossy` replaced invalid bytes.
    offsets: OffsetMap,
    /// Set when the file was linted block by block: `text` then holds only the lines
    /// around the findings.
    excerpt: Option<Excerpt>,
    diagnostics: Vec<Diagnostic>,
    /// Edits applied by `--fix` / `--diff`.
    fixed: usize,
    /// The unified diff (`--diff`) of a file that would change.
    diff: Option<String>,
    /// Parts of the file that could not be read (a malformed JSON Lines record), each
    /// naming where; the rest of the file is still linted.
    errors: Vec<String>,
}

/// Why an input was not checked.
enum Unchecked {
    /// An error (exit status 2).
    Failed(String),
    /// Skipped with a note: a binary file met while walking a directory.
    Skipped(String),
}

pub(super) fn run(args: &CheckArgs) -> u8 {
    // Configuration is per file (the nearest mtlint.toml), resolved for every input
    // before any is read, so that a configuration error stops the run before output.
    let mut profiles = args.rules.profiles(args.fail_on);
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let level = if args.unsafe_fixes {
        FixLevel::Unsafe
    } else {
        FixLevel::Safe
    };
    let mode = if args.diff {
        FixMode::Diff(level)
    } else if args.fix {
        FixMode::Write(level)
    } else {
        FixMode::Off
    };
    let filter = match input::Filter::new(&args.include, &args.exclude) {
        Ok(f) => f,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let input::Expansion {
        inputs,
        mut errors,
        mut notes,
    } = input::walk(&args.paths, &filter);
    let stdin_fixed = mode != FixMode::Off && inputs.iter().any(|f| f.input == Input::Stdin);
    if stdin_fixed && inputs.len() > 1 {
        error("`--fix` and `--diff` read standard input alone: its fixed text goes to stdout");
        return EXIT_ERROR;
    }

    let mut jobs = Vec::with_capacity(inputs.len());
    for i in inputs {
        match profiles.for_path(i.input.path()) {
            Ok(p) => jobs.push((i, p)),
            Err(e) => {
                error(&e);
                return EXIT_ERROR;
            }
        }
    }

    let read = ReadOptions { lossy: args.lossy };
    // Large plain-text files are linted block by block and only the lines around their
    // findings are kept, unless something needs the whole text: fixing, the HTML
    // report (it shows the text), a baseline (it hashes sentences), lossy decoding.
    let stream = mode == FixMode::Off
        && !args.lossy
        && args.format != Format::Html
        && args.baseline.is_none()
        && args.write_baseline.is_none();
    let options = Options {
        mode,
        format: args.input_format,
        read,
        stream,
    };
    if args.timings {
        crate::timings::enable();
    }
    let results = match check_all(&jobs, options, args.threads) {
        Ok(r) => r,
        Err(e) => {
            error(&e);
            return EXIT_ERROR;
        }
    };
    let mut checked = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(mut c) => {
                errors.extend(c.errors.drain(..).map(|e| format!("{}: {e}", c.path)));
                checked.push(c);
            }
            Err(Unchecked::Failed(e)) => errors.push(e),
            Err(Unchecked::Skipped(n)) => notes.push(n),
        }
    }

    if let Some(file) = &args.write_baseline {
        let mut recorded = Baseline::new(file);
        for c in &checked {
            recorded.record(c.input.path(), &c.text, &c.diagnostics);
        }
        std::mem::forget(profiles);
        return write_baseline(&recorded, file, errors);
    }
    if let Some(b) = &baseline {
        let mut hidden = 0;
        for c in &mut checked {
            let d = std::mem::take(&mut c.diagnostics);
            let before = d.len();
            c.diagnostics = b.filter(c.input.path(), &c.text, d);
            hidden += before - c.diagnostics.len();
        }
        // On stderr, so that machine formats stay parseable: a reviewer should know that
        // a clean report is clean only of new findings.
        if hidden > 0 {
            eprintln!(
                "mtlint: {hidden} finding{} recorded in the baseline not reported",
                if hidden == 1 { "" } else { "s" }
            );
        }
    }
    let failed = checked.iter().any(|c| c.profile.fails(&c.diagnostics));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match mode {
        FixMode::Diff(_) => checked
            .iter()
            .filter_map(|c| c.diff.as_deref())
            .try_for_each(|d| out.write_all(d.as_bytes())),
        // Standard input's fixed text is the output; findings left are summed up on stderr.
        FixMode::Write(_) if stdin_fixed => checked
            .iter()
            .try_for_each(|c| out.write_all(c.text.as_bytes())),
        _ => write_report(&mut out, args, &checked),
    }
    .and_then(|_| out.flush());
    if let Err(e) = written
        && !is_broken_pipe(&e)
    {
        error(&format!("cannot write output: {e}"));
        return EXIT_ERROR;
    }
    if mode != FixMode::Off {
        eprintln!("{}", fix_summary(&checked, mode));
    }
    if args.timings {
        eprint!("mtlint: {}", crate::timings::report());
    }
    for n in &notes {
        note(n);
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
    } else if matches!(mode, FixMode::Diff(_)) {
        // Like `rustfmt --check`: a diff to apply is the failure.
        if checked.iter().any(|c| c.diff.is_some()) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        }
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// How every input of a run is read and checked.
#[derive(Debug, Clone, Copy)]
struct Options {
    mode: FixMode,
    format: InputFormatArg,
    read: ReadOptions,
    /// Whether large plain-text files may be linted block by block.
    stream: bool,
}

/// Reads, lints and fixes every input on a pool of `threads` workers (0: one per core),
/// returning results in input order. Reading is part of the parallel work: on many small
/// files it costs as much as linting.
fn check_all(
    inputs: &[(input::Found, Arc<Profile>)],
    options: Options,
    threads: usize,
) -> Result<Vec<Result<Checked, Unchecked>>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let progress = (inputs.len() >= PROGRESS_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                .expect("the template is valid"),
        );
        bar
    });
    let results = pool.install(|| {
        inputs
            .par_iter()
            .map(|(i, profile)| {
                let r = check_one(profile, i, options);
                if let Some(p) = &progress {
                    p.inc(1);
                }
                r
            })
            .collect()
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    Ok(results)
}

/// Lints one input; with a fix mode, fixes it until stable, writes it back (or prepares
/// its diff), and reports what is left.
fn check_one(
    profile: &Arc<Profile>,
    found: &input::Found,
    options: Options,
) -> Result<Checked, Unchecked> {
    let Options {
        mode,
        format,
        read,
        stream,
    } = options;
    let input = &found.input;
    let path = input.display();
    // A walk meets whatever lies in a tree; a file named on the command line was meant
    // to be linted.
    let unread = |e: ReadError| {
        if e.is_binary() && found.walked {
            Unchecked::Skipped(format!("{path}: skipped: binary file"))
        } else {
            Unchecked::Failed(e.to_string())
        }
    };
    if let Some(file) = stream.then(|| large_text_file(input, format)).flatten() {
        let io = |error| ReadError::Io {
            path: path.clone(),
            error,
            dangling: false,
        };
        let reader = std::fs::File::open(file).map_err(|e| unread(io(e)))?;
        let streamed =
            input::stream::lint_streamed(&path, reader, |part| profile.lint(input.path(), part))
                .map_err(unread)?;
        return Ok(Checked {
            path: path.clone(),
            profile: profile.clone(),
            input: input.clone(),
            text: streamed.text,
            offsets: OffsetMap::default(),
            excerpt: Some(streamed.excerpt),
            diagnostics: streamed.diagnostics,
            fixed: 0,
            diff: None,
            errors: Vec::new(),
        });
    }
    let input::Decoded { text, offsets } = input::read_text(input, read).map_err(unread)?;
    let format = format
        .resolve(input, &text)
        .map_err(|e| Unchecked::Failed(format!("{path}: {e}")))?;
    // Spans in file offsets whatever the format: fixes apply to the file as read.
    let lint_all =
        |t: &str| input::lint_file_with(format, t, |part| profile.lint(input.path(), part));
    let lint = |t: &str| lint_all(t).diagnostics;
    let (level, write) = match mode {
        FixMode::Off => {
            let linted = lint_all(&text);
            return Ok(Checked {
                path,
                profile: profile.clone(),
                input: input.clone(),
                text,
                offsets,
                excerpt: None,
                diagnostics: linted.diagnostics,
                fixed: 0,
                diff: None,
                errors: linted.errors,
            });
        }
        FixMode::Write(level) => (level, true),
        FixMode::Diff(level) => (level, false),
    };
    if let Some(at) = offsets.first_invalid() {
        // Writing the decoded text back would turn every invalid byte into U+FFFD, and a
        // file that is not UTF-8 is likely in another encoding that UTF-8 fixes would
        // mix with: it is reported (`--lossy`), never rewritten.
        return Err(Unchecked::Failed(format!(
            "{path}: invalid UTF-8 at byte {at}: not fixed (convert the file to UTF-8 first)"
        )));
    }
    let fixed = fix::fix_until_stable(&text, level, lint);
    let mut diff = None;
    if fixed.text != text {
        if write {
            if let Input::File(p) = input {
                write_atomically(p, &fixed.text).map_err(Unchecked::Failed)?;
            }
        } else {
            diff = Some(unified_diff(&path, &text, &fixed.text));
        }
    }
    Ok(Checked {
        path,
        profile: profile.clone(),
        input: input.clone(),
        text: fixed.text,
        offsets,
        excerpt: None,
        diagnostics: fixed.diagnostics,
        fixed: fixed.applied,
        diff,
        errors: Vec::new(),
    })
}

/// The path of `input` when it is a plain-text file large enough to lint block by block
/// ([`input::stream::STREAM_FROM`]).
fn large_text_file(input: &Input, format: InputFormatArg) -> Option<&Path> {
    let Input::File(p) = input else { return None };
    let text = match format {
        InputFormatArg::Text => true,
        // Detection by extension; XML needs its root element and is never streamed.
        InputFormatArg::Auto => InputFormat::detect(p, "").is_ok_and(|f| f == InputFormat::Text),
        _ => false,
    };
    let size = std::fs::metadata(p).ok()?.len();
    (text && size > input::stream::STREAM_FROM).then_some(p.as_path())
}

/// Replaces `path`'s content without ever leaving a partial file: the new text goes to a
/// temporary file in the same directory (same file system), takes the old file's
/// permissions, and is renamed over it. A symbolic link is followed, so the link stays a
/// link and its target is updated.
fn write_atomically(path: &Path, text: &str) -> Result<(), String> {
    let fail = |what: &str, e: std::io::Error| format!("{}: cannot {what}: {e}", path.display());
    let target = std::fs::canonicalize(path).map_err(|e| fail("resolve the path", e))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let perms = std::fs::metadata(&target)
        .map_err(|e| fail("read metadata", e))?
        .permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".mtlint-fix-")
        .tempfile_in(dir)
        .map_err(|e| fail("create a temporary file", e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| fail("write the fixed text", e))?;
    std::fs::set_permissions(tmp.path(), perms).map_err(|e| fail("keep permissions", e))?;
    tmp.persist(&target)
        .map_err(|e| fail("replace the file", e.error))?;
    Ok(())
}

/// A unified diff of a file before and after fixing (`--- a/path`, `+++ b/path`).
fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// "Fixed 12 findings in 3 files; 5 remain." (or, for `--diff`, "Would fix …").
fn fix_summary(checked: &[Checked], mode: FixMode) -> String {
    let fixed: usize = checked.iter().map(|c| c.fixed).sum();
    let files = checked.iter().filter(|c| c.fixed > 0).count();
    let remaining: usize = checked.iter().map(|c| c.diagnostics.len()).sum();
    let verb = if matches!(mode, FixMode::Diff(_)) {
        "Would fix"
    } else {
        "Fixed"
    };
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{verb} {} in {}; {} remain{}.",
        plural(fixed, "finding", "findings"),
        plural(files, "file", "files"),
        remaining,
        if remaining == 1 { "s" } else { "" }
    )
}

/// The findings in the chosen format.
fn write_report(
    out: &mut impl Write,
    args: &CheckArgs,
    checked: &[Checked],
) -> std::io::Result<()> {
    let reports: Vec<FileReport> = checked
        .iter()
        .map(|c| FileReport {
            path: &c.path,
            text: &c.text,
            diagnostics: &c.diagnostics,
            offsets: (!c.offsets.is_identity()).then_some(&c.offsets),
            excerpt: c.excerpt.as_ref(),
        })
        .collect();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match args.format {
        Format::Human => human::write(out, &reports, color),
        Format::Json => json::write(out, &reports),
        Format::Jsonl => jsonl::write(out, &reports),
        Format::Concise => concise::write(out, &reports),
        Format::Sarif => sarif::write(out, &reports),
        Format::Github => github::write(out, &reports),
        Format::Gitlab => gitlab::write(out, &reports),
        Format::Html => html::write(out, &reports),
    }?;
    // Statistics follow human output; machine formats keep stdout parseable.
    match (args.statistics, args.format) {
        (false, _) => Ok(()),
        (true, Format::Human) => statistics::write(out, &reports),
        (true, _) => statistics::write(&mut std::io::stderr().lock(), &reports),
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
