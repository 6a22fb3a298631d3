//! Inputs: files, directories (walked recursively) and standard input; and the formats
//! they come in ([`format`]), whose prose is extracted with a map back to the file's
//! bytes ([`extract`], [`map`]) and linted with spans into the file ([`lint`]).

pub mod entity;
pub mod extract;
pub mod format;
pub mod html;
pub mod jsonl;
pub mod lint;
pub mod map;
pub mod markdown;
pub mod newsml;
pub mod nitf;
pub mod suppress;
pub mod xml;

pub use extract::{Extraction, Part, extract};
pub use format::InputFormat;
pub use lint::{FileLint, lint_file, lint_file_with};
pub use map::SpanMap;

use std::io::Read;
use std::path::{Path, PathBuf};

/// File extensions linted when a directory is walked. Files named on the command line are
/// always linted, whatever their extension.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xml", "nitf", "jsonl", "ndjson",
];

/// One input to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, reported as `-`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The path shown in reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// The file's path; `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(p) => Some(p),
        }
    }
}

/// Which walked files to keep, by glob (`globset` syntax; `*` also crosses `/`), matched
/// against the path as shown to the user. Files named on the command line are always
/// kept: naming a file is a stronger statement than a pattern.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl Filter {
    /// Builds a filter; an empty `include` keeps everything.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self, String> {
        let set = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                b.add(globset::Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Filter {
            include: set(include)?,
            exclude: set(exclude)?,
        })
    }

    /// Whether a walked file is kept.
    pub fn keeps(&self, path: &Path) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.include.as_ref().is_none_or(|s| s.is_match(path))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(path))
    }
}

/// Expands command-line paths: `-` is standard input, a directory is walked (honouring
/// `.gitignore` and hidden-file conventions, in sorted order, text extensions only).
/// Paths that do not exist are returned as errors, the rest still expanded.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    expand_filtered(paths, &Filter::default())
}

/// [`expand`], keeping only the walked files that `filter` keeps.
pub fn expand_filtered(paths: &[PathBuf], filter: &Filter) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        inputs.push(Input::Stdin);
    }
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            let walker = ignore::WalkBuilder::new(p)
                .require_git(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let path = e.into_path();
                        if path
                            .extension()
                            .and_then(|x| x.to_str())
                            .is_some_and(|x| TEXT_EXTENSIONS.contains(&x))
                            && filter.keeps(&path)
                        {
                            found.push(path);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{}: {e}", p.display())),
                }
            }
            inputs.extend(found.into_iter().map(Input::File));
        } else if p.exists() {
            inputs.push(Input::File(p.clone()));
        } else {
            errors.push(format!("{}: no such file or directory", p.display()));
        }
    }
    (inputs, errors)
}

/// Reads an input as UTF-8; the error names the path and, for invalid UTF-8, the byte
/// offset of the first bad byte.
pub fn read(input: &Input) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = match input {
        Input::Stdin => std::io::stdin().lock().read_to_end(&mut bytes).map(|_| ()),
        Input::File(p) => std::fs::read(p).map(|b| bytes = b),
    };
    res.map_err(|e| format!("{}: {e}", input.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: invalid UTF-8 at byte {}",
            input.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads a file to a string (for corpus tooling).
pub fn read_path(path: &Path) -> Result<String, String> {
    read(&Input::File(path.to_path_buf()))
}
