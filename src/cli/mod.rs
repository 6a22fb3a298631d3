//! The command line: clap definitions here, one file per subcommand.

mod check;
mod eval;
mod rules;

use crate::config::{self, Config, FailOn, Loaded};
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
    /// Configuration file (default: the first mtlint.toml or .mtlint.toml in the current
    /// directory or above).
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
                .and_then(|d| config::discover(&d)),
        };
        match path {
            Some(p) => config::load(&p).map_err(|e| format!("invalid configuration: {e}")),
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
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source lines with the span underlined, message and suggestion.
    Human,
    /// One JSON object (see ARCHITECTURE.md).
    Json,
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
    /// Colored human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// What the inputs are; only their prose is linted, spans still point into the file.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,
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
        Command::Eval {
            paths,
            quiet,
            rules,
        } => eval::run(&paths, quiet, &rules),
    };
    ExitCode::from(code)
}
