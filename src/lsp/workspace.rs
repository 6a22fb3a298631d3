//! Which configuration applies to an open document: the nearest `mtlint.toml` above its
//! file, or for a document without a file (an unsaved buffer) the workspace root's.

use crate::config::{FILE_NAMES, Profile, Profiles};
use lsp_types::Uri;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The workspace root and the configuration profiles found so far.
#[derive(Debug)]
pub struct Workspace {
    root: Option<PathBuf>,
    profiles: Profiles,
}

impl Workspace {
    /// A workspace rooted at `root` (if the client named one), with `profiles` built as
    /// the command line asked (`--config`, `--no-config`, `--rules`, …).
    pub fn new(root: Option<PathBuf>, profiles: Profiles) -> Self {
        Workspace { root, profiles }
    }

    /// The workspace root.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The profile for a document whose file is `path` (`None` for a document without
    /// one). The error is the complete message of an invalid
    /// configuration or rule pack.
    pub fn profile(&mut self, path: Option<&Path>) -> Result<Arc<Profile>, String> {
        match (path, &self.root) {
            (Some(p), _) => self.profiles.for_path(Some(p)),
            (None, Some(root)) => {
                let file = self.profiles.config_file_in(&root.clone());
                self.profiles.for_config(file)
            }
            // No file and no root: as for standard input, from the current directory.
            (None, None) => self.profiles.for_path(None),
        }
    }

    /// The profile without any configuration file (the command line's settings alone),
    /// for a document whose configuration file is invalid.
    pub fn default_profile(&mut self) -> Result<Arc<Profile>, String> {
        self.profiles.for_config(None)
    }

    /// Forgets the configuration files read so far (one was saved, created or deleted).
    pub fn reload(&mut self) {
        self.profiles.forget_configs();
    }
}

/// The local file a `file:` URI names; `None` for other schemes (`untitled:`) and for
/// URIs that name no local path.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let url = url::Url::parse(uri.as_str()).ok()?;
    if url.scheme() != "file" {
        return None;
    }
    url.to_file_path().ok()
}

/// Whether `uri` names a configuration file (`mtlint.toml`, `.mtlint.toml`).
pub fn is_config_file(uri: &Uri) -> bool {
    let s = uri.as_str();
    let name = s.rsplit('/').next().unwrap_or(s);
    FILE_NAMES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CliSettings, ConfigSource};
    use std::str::FromStr;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn file_uris_become_paths() {
        let p = file_path(&uri("file:///tmp/a%20b/r%C3%A9sum%C3%A9.md")).unwrap();
        if cfg!(unix) {
            assert_eq!(p, PathBuf::from("/tmp/a b/résumé.md"));
        }
        assert_eq!(file_path(&uri("untitled:Untitled-1")), None);
        assert!(is_config_file(&uri("file:///w/mtlint.toml")));
        assert!(is_config_file(&uri("file:///w/.mtlint.toml")));
        assert!(!is_config_file(&uri("file:///w/mtlint.toml.bak")));
    }

    #[test]
    fn untitled_documents_use_the_root_config_and_reload_sees_edits() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("mtlint.toml");
        std::fs::write(&cfg, "ignore = [\"CAL002\"]\n").unwrap();
        let profiles = Profiles::new(ConfigSource::Nearest, CliSettings::default());
        let mut ws = Workspace::new(Some(dir.path().to_path_buf()), profiles);
        let text = "A reflection group met.";
        let codes = |ws: &mut Workspace| -> Vec<String> {
            let p = ws.profile(None).unwrap();
            p.lint(None, text)
                .iter()
                .map(|d| d.rule.code.clone())
                .collect()
        };
        assert!(!codes(&mut ws).contains(&"CAL002".to_string()));
        std::fs::write(&cfg, "").unwrap();
        // Still cached until told.
        assert!(!codes(&mut ws).contains(&"CAL002".to_string()));
        ws.reload();
        assert!(codes(&mut ws).contains(&"CAL002".to_string()));
    }
}
