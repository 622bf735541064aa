//! The last git commit of each model file, for the version fields.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::{Lang, Msg};
use crate::source::{FileId, SourceMap};

/// The last commit that changed each source file, as `short-hash date`,
/// such as `a04bfb2 2026-12-04`, and whether the file differs from that
/// commit. Files outside a git repository, or read when git is missing,
/// have none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisions(BTreeMap<FileId, (String, bool)>);

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

    /// Describes the file's revision: the commit, followed by a note in
    /// `lang` when the file has changed since that commit.
    pub fn of(&self, file: FileId, lang: Lang) -> Option<String> {
        let (commit, modified) = self.0.get(&file)?;
        Some(if *modified {
            format!("{commit} {}", Msg::UncommittedChanges.text(lang))
        } else {
            commit.clone()
        })
    }
}

/// Runs `git log -1 --format='%h %cs' -- FILE` in the file's folder, and
/// `git status` to learn whether the file has changed since. Returns
/// `None` when git is missing, fails, or has no commit of the file.
fn last_commit(path: &Path) -> Option<(String, bool)> {
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
    if revision.is_empty() {
        return None;
    }
    // A file edited since its last commit no longer matches that commit,
    // so the version marks the change instead of naming only the commit.
    let modified = Command::new("git")
        .args(["status", "--porcelain", "--"])
        .arg(name)
        .current_dir(folder)
        .output()
        .ok()
        .is_some_and(|status| status.status.success() && !status.stdout.is_empty());
    Some((revision, modified))
}
