//! Writing a built site into its folder as one step.
//!
//! The files go into a new folder next to the target, which then takes the
//! target's place by renaming. A reader sees the whole earlier site or the
//! whole new one, except for the moment between moving the earlier site
//! aside and renaming the new one, when the target is missing. A failed
//! write leaves the earlier site as it was.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::docs::SiteFile;

/// Writes the site's files into `target`, replacing an earlier site there.
/// Returns a message naming the path that failed.
pub fn write(target: &Path, files: &[SiteFile]) -> Result<(), String> {
    check_target(target)?;
    let parent = parent_folder(target);
    std::fs::create_dir_all(&parent).map_err(|error| failed("create the folder", &parent, &error))?;

    let staging = staging_folder(&parent).map_err(|error| failed("create a folder in", &parent, &error))?;
    for file in files {
        write_file(staging.path(), file)?;
    }
    replace(target, staging, &parent)
}

/// Accepts a target that is missing, an empty folder or a folder with an
/// `index.html`, so that a mistyped `-o` never replaces unrelated files.
fn check_target(target: &Path) -> Result<(), String> {
    let metadata = match std::fs::metadata(target) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(failed("read", target, &error)),
    };
    if !metadata.is_dir() {
        return Err(format!(
            "`{}` exists and is not a folder; choose another output folder",
            target.display()
        ));
    }
    let mut entries = std::fs::read_dir(target).map_err(|error| failed("read the folder", target, &error))?;
    if entries.next().is_none() || target.join("index.html").is_file() {
        return Ok(());
    }
    Err(format!(
        "`{}` is not empty and contains no index.html, so it is not replaced; choose a new or empty folder",
        target.display()
    ))
}

fn parent_folder(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates an empty folder next to the target. Its mode is 0o777 less the
/// umask, as for `mkdir`, because tempfile's default of 0o700 would hide
/// the site from a web server.
fn staging_folder(parent: &Path) -> io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".reflow-build-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(parent)
}

/// Writes one file under `root`, creating its folders.
fn write_file(root: &Path, file: &SiteFile) -> Result<(), String> {
    let relative = Path::new(&file.path);
    // Paths come from ids, which the grammar keeps free of `/` and `..`;
    // this guards the writer against a future change of that rule.
    if !relative.components().all(|component| matches!(component, Component::Normal(_))) {
        return Err(format!("the site file `{}` is not a plain relative path", file.path));
    }
    let path = root.join(relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|error| failed("create the folder", folder, &error))?;
    }
    std::fs::write(&path, &file.contents).map_err(|error| failed("write", &path, &error))
}

/// Moves the staged site to `target`. An earlier site is first moved
/// aside, and moved back when the new one cannot take its place.
fn replace(target: &Path, staging: tempfile::TempDir, parent: &Path) -> Result<(), String> {
    if !target.exists() {
        let staged = staging.keep();
        return std::fs::rename(&staged, target).map_err(|error| {
            let _ = std::fs::remove_dir_all(&staged);
            failed("rename the new site to", target, &error)
        });
    }

    // The earlier site goes into a folder of its own, which is deleted
    // with everything in it when `aside` is dropped.
    let aside = tempfile::Builder::new()
        .prefix(".reflow-old-")
        .tempdir_in(parent)
        .map_err(|error| failed("create a folder in", parent, &error))?;
    let old = aside.path().join("site");
    std::fs::rename(target, &old).map_err(|error| failed("move aside the earlier site", target, &error))?;
    let staged = staging.keep();
    if let Err(error) = std::fs::rename(&staged, target) {
        let _ = std::fs::rename(&old, target);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(failed("rename the new site to", target, &error));
    }
    Ok(())
}

fn failed(action: &str, path: &Path, error: &io::Error) -> String {
    format!("cannot {action} `{}`: {error}", path.display())
}
