//! The last git commit of each model file, for the version fields.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::source::{FileId, SourceMap};

/// The last commit that changed each source file, as `short-hash date`,
/// such as `a04bfb2 2026-12-04`. Files outside a git repository, or read
/// when git is missing, have none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisions(BTreeMap<FileId, String>);

impl Revisions {
    /// Asks git for the last commit of every file of a model that was
    /// read from a path.
    pub fn from_git(sources: &SourceMap) -> Self {
        let mut found = BTreeMap::new();
        for (id, file) in sources.iter() {
            if let Some(revision) = file.path.as_deref().and_then(last_commit) {
                found.insert(id, revision);
            }
        }
        Revisions(found)
    }

    pub fn of(&self, file: FileId) -> Option<&str> {
        self.0.get(&file).map(String::as_str)
    }
}

/// Runs `git log -1 --format='%h %cs' -- FILE` in the file's folder.
/// Returns `None` when git is missing, fails, or has no commit of the file.
fn last_commit(path: &Path) -> Option<String> {
    let folder = path.parent()?;
    let name = path.file_name()?;
    let output = Command::new("git")
        .args(["log", "-1", "--format=%h %cs", "--"])
        .arg(name)
        .current_dir(folder)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let revision = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (!revision.is_empty()).then_some(revision)
}
