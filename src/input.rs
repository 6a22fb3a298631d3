//! Inputs: files, directories (walked recursively) and standard input; and the formats
//! they come in ([`format`]), whose prose is extracted with a map back to the file's
//! bytes ([`extract`], [`map`]) and linted with spans into the file ([`lint`]). Reading
//! ([`read`](mod@read)) tells binary files apart and decodes UTF-8, strictly or lossily
//! ([`decode`]).

pub mod decode;
pub mod entity;
pub mod excerpt;
pub mod extract;
pub mod format;
pub mod html;
pub mod jsonl;
pub mod lint;
pub mod map;
pub mod markdown;
pub mod newsml;
pub mod nitf;
pub mod read;
pub mod stream;
pub mod suppress;
pub mod xml;

pub use decode::OffsetMap;
pub use extract::{Extraction, Part, extract};
pub use format::InputFormat;
pub use lint::{FileLint, lint_file, lint_file_with};
pub use map::SpanMap;
pub use read::{Decoded, ReadError, ReadOptions, read_text};

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

/// An input and how it was found: a directory walk skips what it cannot lint (a binary
/// file, a broken link) with a note, where a file named on the command line is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The input.
    pub input: Input,
    /// Met while walking a directory (not named on the command line).
    pub walked: bool,
}

/// What the command-line paths expand to.
#[derive(Debug, Default)]
pub struct Expansion {
    /// The inputs, in command-line order, each directory's files sorted.
    pub inputs: Vec<Found>,
    /// Paths that cannot be linted at all (missing, an unreadable directory), each
    /// naming the path.
    pub errors: Vec<String>,
    /// Walked entries skipped for a reason the user may want to know (a symbolic link
    /// whose target is gone), each naming the path.
    pub notes: Vec<String>,
}

/// Expands command-line paths: `-` is standard input, a directory is walked (honouring
/// `.gitignore` and hidden-file conventions, in sorted order, text extensions only).
/// Paths that do not exist are returned as errors, the rest still expanded.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<String>) {
    expand_filtered(paths, &Filter::default())
}

/// [`expand`], keeping only the walked files that `filter` keeps.
pub fn expand_filtered(paths: &[PathBuf], filter: &Filter) -> (Vec<Input>, Vec<String>) {
    let e = walk(paths, filter);
    (e.inputs.into_iter().map(|f| f.input).collect(), e.errors)
}

/// [`expand_filtered`], telling walked files from named ones and keeping the notes.
///
/// Symbolic links met in a walk are not followed (as ripgrep and git do): a link to a
/// file in the tree would lint it twice, a link to a directory could loop. A link whose
/// target is gone is noted, since it may be an article that went missing.
pub fn walk(paths: &[PathBuf], filter: &Filter) -> Expansion {
    let mut out = Expansion::default();
    if paths.is_empty() {
        out.inputs.push(Found {
            input: Input::Stdin,
            walked: false,
        });
    }
    for p in paths {
        if p.as_os_str() == "-" {
            out.inputs.push(Found {
                input: Input::Stdin,
                walked: false,
            });
        } else if p.is_dir() {
            let walker = ignore::WalkBuilder::new(p)
                .require_git(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                let e = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        out.errors.push(format!("{}: {e}", p.display()));
                        continue;
                    }
                };
                let Some(kind) = e.file_type() else { continue };
                let path = e.path();
                let lintable = path
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| TEXT_EXTENSIONS.contains(&x))
                    && filter.keeps(path);
                if !lintable {
                    continue;
                }
                if kind.is_file() {
                    out.inputs.push(Found {
                        input: Input::File(e.into_path()),
                        walked: true,
                    });
                } else if kind.is_symlink() && std::fs::metadata(path).is_err() {
                    out.notes
                        .push(format!("{}: skipped: broken symbolic link", path.display()));
                }
            }
        } else if p.exists() {
            out.inputs.push(Found {
                input: Input::File(p.clone()),
                walked: false,
            });
        } else if p.is_symlink() {
            out.errors.push(format!(
                "{}: no such file or directory (broken symbolic link)",
                p.display()
            ));
        } else {
            out.errors
                .push(format!("{}: no such file or directory", p.display()));
        }
    }
    out
}

/// Reads an input as UTF-8; the error names the path and, for invalid UTF-8, the byte
/// offset of the first bad byte. A binary file (a NUL byte early on) is an error too.
pub fn read(input: &Input) -> Result<String, String> {
    read_text(input, ReadOptions::default())
        .map(|d| d.text)
        .map_err(|e| e.to_string())
}

/// Reads a file to a string (for corpus tooling).
pub fn read_path(path: &Path) -> Result<String, String> {
    read(&Input::File(path.to_path_buf()))
}
