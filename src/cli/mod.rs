//! The command line: clap definitions here, one file per subcommand.

mod check;
mod config;
mod eval;
mod lsp;
mod rules;
mod serve;

use crate::config::{CliSettings, Config, ConfigSource, FailOn, Loaded, Profiles};
use crate::engine::{Linter, LinterBuilder};
use crate::input::{Input, InputFormat};
use crate::rules::schema::House;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: no finding at or above the failure level.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings at or above the failure level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage, I/O, configuration or rule-file error.
pub const EXIT_ERROR: u8 = 2;

/// Lint machine-translated English news copy.
#[derive(Debug, Parser)]
#[command(name = "mtlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files, directories (walked recursively) or standard input (`-` or no path).
    Check(CheckArgs),
    /// List the loaded rules: code, name, kind, family, pack, table size.
    Rules(RulesArgs),
    /// Explain one rule: message, why, examples.
    Rule {
        /// Rule code, e.g. CAL012.
        code: String,
        #[command(flatten)]
        rules: RuleSource,
    },
    /// Run every rule's examples and report failures (exit 1 if any).
    VerifyRules {
        #[command(flatten)]
        rules: RuleSource,
    },
    /// Print the configuration in force for a file or directory (default: the current
    /// directory) as TOML, naming the files it came from.
    Config {
        /// The file or directory.
        path: Option<PathBuf>,
        /// As `check --fail-on`.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        rules: RuleSource,
    },
    /// Serve the review page and its JSON API (`/api/check`, `/api/fix`) on a local
    /// address, for editors; configuration as for standard input in the current directory.
    Serve(ServeArgs),
    /// Score annotated corpus articles: recall, fix accuracy, flags on clean text.
    Eval {
        /// Corpus directories or sidecar files (default: corpus).
        paths: Vec<PathBuf>,
        /// Print only the summary table, not each miss and extra flag.
        #[arg(long)]
        quiet: bool,
        #[command(flatten)]
        rules: RuleSource,
    },
    /// Run the language server on standard input and output, for editors: findings as
    /// you type, quick fixes, explanations on hover. Configuration is each document's
    /// nearest mtlint.toml, as for `check`.
    Lsp {
        #[command(flatten)]
        rules: RuleSource,
    },
}

/// Where rules and settings come from.
#[derive(Debug, Args)]
struct RuleSource {
    /// Add rule packs from a file or directory (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Leave out the built-in packs.
    #[arg(long)]
    no_default_rules: bool,
    /// House style for names (AP or Reuters spellings, reported at info severity).
    #[arg(long, value_enum)]
    style: Option<House>,
    /// The language the copy was translated from: runs only that language's packs and
    /// the language-neutral ones (without it, every pack runs and the human report names
    /// the likely source).
    #[arg(long, value_name = "LANG", value_parser = crate::language::parse)]
    source_lang: Option<crate::rules::schema::Lang>,
    /// Configuration file for every input (default: for each file, the first mtlint.toml
    /// or .mtlint.toml in its directory or above; for stdin, from the current directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

impl RuleSource {
    /// The configuration in force: `--config`, else the one discovered from the
    /// current directory, else none.
    fn config(&self) -> Result<Loaded, String> {
        if self.no_config {
            return Ok(Loaded::default());
        }
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| crate::config::discover(&d)),
        };
        match path {
            Some(p) => crate::config::load(&p).map_err(|e| format!("invalid configuration: {e}")),
            None => Ok(Loaded::default()),
        }
    }

    /// Builds the linter from the command line merged over the configuration.
    fn linter_with(&self, cfg: &Config) -> Result<Linter, String> {
        let mut b = LinterBuilder::new();
        if !(self.no_default_rules || cfg.no_default_rules) {
            b = b.builtin();
        }
        for p in cfg.rules.iter().chain(&self.rules) {
            b = b.add_path(p);
        }
        b.style(self.style.or(cfg.style)).build().map_err(|errs| {
            let mut s = String::from("invalid rules:");
            for e in errs {
                s.push_str(&format!("\n  {e}"));
            }
            s
        })
    }

    fn linter(&self) -> Result<Linter, String> {
        self.linter_with(&self.config()?.config)
    }

    /// Per-file configuration for `check` and `config`: the command line over the
    /// nearest configuration file of each input.
    fn profiles(&self, fail_on: Option<FailOn>) -> Profiles {
        let (source, cli) = self.settings(fail_on);
        Profiles::new(source, cli)
    }

    /// Where configuration comes from, and the command line's settings over it.
    fn settings(&self, fail_on: Option<FailOn>) -> (ConfigSource, CliSettings) {
        let source = match (&self.config, self.no_config) {
            (_, true) => ConfigSource::None,
            (Some(f), false) => ConfigSource::File(f.clone()),
            (None, false) => ConfigSource::Nearest,
        };
        let cli = CliSettings {
            style: self.style,
            fail_on,
            rules: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            source_lang: self.source_lang,
        };
        (source, cli)
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source lines with the span underlined, message and suggestion.
    Human,
    /// One JSON object (see ARCHITECTURE.md).
    Json,
    /// One JSON object per finding per line, as in `json`'s `diagnostics`.
    Jsonl,
    /// `path:line:col: CODE message → “fix”`, one finding per line.
    Concise,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality report.
    Gitlab,
    /// One self-contained HTML page (no network access): each file's text with the
    /// findings highlighted, and a table of them with each rule's explanation.
    Html,
}

/// `--input-format`: what the inputs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormatArg {
    /// By extension; `.xml` and `.nitf` by root element; standard input is text.
    Auto,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
    /// NITF XML.
    Nitf,
    /// NewsML-G2 XML.
    Newsml,
    /// JSON Lines with `id` and `text` fields.
    Jsonl,
}

impl InputFormatArg {
    /// The format of `input`, whose content is `text`.
    fn resolve(self, input: &Input, text: &str) -> Result<InputFormat, String> {
        Ok(match self {
            InputFormatArg::Auto => match input {
                Input::Stdin => InputFormat::Text,
                Input::File(p) => InputFormat::detect(p, text)?,
            },
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Markdown => InputFormat::Markdown,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Nitf => InputFormat::Nitf,
            InputFormatArg::Newsml => InputFormat::NewsMl,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when a finding is at or above this severity [default: warning].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print a count per rule after the findings, most frequent first (to stdout with
    /// `--format human`, to stderr with the others, whose output must stay parseable).
    #[arg(long)]
    statistics: bool,
    /// Colored human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Apply safe fixes in place (repeated until the text stops changing), then report
    /// what is left; on standard input, print the fixed text instead.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`, also apply fixes marked unsafe.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of the fixes instead of writing them (exit 1 if any).
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Worker threads for linting many files, or the blocks of a large one [default: one
    /// per core].
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
    /// Only lint walked files matching this glob (repeatable; files named on the command
    /// line are always linted).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip walked files matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this file (print nothing, exit 0) for later
    /// `--baseline` runs.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// What the inputs are; only their prose is linted, spans still point into the file.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,
    /// Lint files that are not valid UTF-8, with U+FFFD in place of each invalid byte
    /// sequence (without it, such a file is an error); spans stay byte offsets into the
    /// file, and such files are never fixed.
    #[arg(long)]
    lossy: bool,
    /// Print on stderr how long each check took, summed over worker threads (which check
    /// makes a run slow on this copy).
    #[arg(long)]
    timings: bool,
    #[command(flatten)]
    rules: RuleSource,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on. The API has no authentication: keep it on loopback unless
    /// the network is trusted.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on; 0 picks a free one (the address is printed on stderr).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// Seconds a request may take, waiting for a worker included, before a 503 answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Largest request body in bytes; larger ones get a 413 answer.
    #[arg(long, value_name = "BYTES", default_value_t = 5 * 1024 * 1024)]
    max_body: usize,
    /// Texts linted at once [default: one per core]; further requests wait their turn.
    #[arg(long, value_name = "N", default_value_t = 0)]
    workers: usize,
    #[command(flatten)]
    rules: RuleSource,
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// Print the folded literal patterns of all rules, one per line (for benchmarks).
    #[arg(long)]
    patterns: bool,
    #[command(flatten)]
    rules: RuleSource,
}

/// Prints `mtlint: error: …` on stderr.
pub(crate) fn error(msg: &str) {
    eprintln!("mtlint: error: {msg}");
}

/// Prints `mtlint: note: …` on stderr: something skipped that is not an error.
pub(crate) fn note(msg: &str) {
    eprintln!("mtlint: note: {msg}");
}

/// True when an I/O error means the reader went away (`mtlint check | head`).
pub(crate) fn is_broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Rule { code, rules } => rules::show(&code, &rules),
        Command::VerifyRules { rules } => rules::verify(&rules),
        Command::Config {
            path,
            fail_on,
            rules,
        } => config::show(path.as_deref(), rules.profiles(fail_on)),
        Command::Serve(args) => serve::run(&args),
        Command::Eval {
            paths,
            quiet,
            rules,
        } => eval::run(&paths, quiet, &rules),
        Command::Lsp { rules } => lsp::run(&rules),
    };
    ExitCode::from(code)
}
