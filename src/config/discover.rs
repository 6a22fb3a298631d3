//! Finding the configuration file nearest to each linted file, one directory walk per
//! directory however many files it holds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Nearest-configuration lookups, cached per directory.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Directory (absolute) → the configuration file that applies there.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
}

impl Discovery {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The configuration file for a file at `path`: the first one in its directory or
    /// an ancestor. `None` means standard input, looked up from the current directory.
    pub fn for_file(&mut self, path: Option<&Path>) -> Option<PathBuf> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let dir = match path {
            Some(p) => absolute(&cwd, p)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or(cwd),
            None => cwd,
        };
        self.for_dir(&dir)
    }

    /// The configuration file for directory `dir` (absolute): the first one in it or an
    /// ancestor.
    pub fn for_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        let mut walked = Vec::new();
        let mut found = None;
        for d in dir.ancestors() {
            if let Some(hit) = self.nearest.get(d) {
                found = hit.clone();
                break;
            }
            walked.push(d.to_path_buf());
            if let Some(f) = super::in_dir(d) {
                found = Some(f);
                break;
            }
        }
        // Every directory passed on the way shares the answer: sibling files and
        // subdirectories stop at the first cached ancestor.
        for d in walked {
            self.nearest.insert(d, found.clone());
        }
        found
    }
}

/// `p` made absolute against `cwd`, with `.` components dropped (no symlinks resolved:
/// globs are matched against the path as the user sees it).
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    std::path::absolute(&joined).unwrap_or(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_file_wins_and_answers_are_cached() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("desk/europe")).unwrap();
        std::fs::create_dir_all(root.join("wire")).unwrap();
        std::fs::write(root.join("mtlint.toml"), "").unwrap();
        std::fs::write(root.join("desk/.mtlint.toml"), "").unwrap();
        let mut d = Discovery::new();
        assert_eq!(
            d.for_file(Some(&root.join("desk/europe/a.txt"))),
            Some(root.join("desk/.mtlint.toml"))
        );
        assert_eq!(
            d.for_file(Some(&root.join("wire/b.txt"))),
            Some(root.join("mtlint.toml"))
        );
        // The cache answers for directories walked through, even after the file goes.
        std::fs::remove_file(root.join("desk/.mtlint.toml")).unwrap();
        assert_eq!(
            d.for_dir(&root.join("desk")),
            Some(root.join("desk/.mtlint.toml"))
        );
    }
}
