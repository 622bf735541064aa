//! Writing an output folder, such as a built site, as one step.
//!
//! The files go into a new folder next to the target, which then takes the
//! target's place by renaming. A reader sees the whole earlier output or
//! the whole new one, except for the moment between moving the earlier
//! output aside and renaming the new one, when the target is missing. A
//! failed write leaves the earlier output as it was.
//!
//! Where the target cannot be renamed, the files are written into it in
//! place: an empty target, a mount point, a target under a read-only
//! parent, or the current folder. A failed write then leaves part of the
//! files, together with the marker, so the next run replaces them.
//!
//! Every folder written contains the marker file [`MARKER`]. Only a target
//! that is missing, empty or marked is replaced, and never one that
//! contains a model file, so that a mistyped `-o` deletes no user files.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::docs::SiteFile;

/// The name of the file that marks a folder as written by reflow.
pub const MARKER: &str = ".reflow-output";

/// The target folder as found before writing.
enum Target {
    Missing,
    Empty,
    /// A folder that contains [`MARKER`].
    Earlier,
}

/// Writes `files` into the folder `target`, replacing the output of an
/// earlier run there. `command` names the reflow command in the marker,
/// and `inputs` are the model files, which the target must not contain.
/// Returns a message naming the path that failed.
pub fn write(target: &Path, files: &[SiteFile], command: &str, inputs: &[PathBuf]) -> Result<(), String> {
    let found = check_target(target, inputs)?;
    let marker = SiteFile {
        path: MARKER.to_string(),
        contents: format!(
            "Written by `{command}`. The next reflow run with this folder as output deletes everything in it.\n"
        )
        .into_bytes(),
    };
    // The marker goes first, so that the files of a write that fails
    // halfway are still recognised as reflow output.
    let all: Vec<&SiteFile> = std::iter::once(&marker).chain(files).collect();
    match found {
        Target::Missing => write_new(target, &all),
        Target::Empty => write_files(target, &all),
        Target::Earlier => replace(target, &all),
    }
}

/// Accepts a target that is missing, an empty folder or a folder with the
/// marker, unless the folder contains one of `inputs`.
fn check_target(target: &Path, inputs: &[PathBuf]) -> Result<Target, String> {
    let metadata = match std::fs::metadata(target) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(error) => return Err(failed("read", target, &error)),
    };
    if !metadata.is_dir() {
        return Err(format!(
            "`{}` exists and is not a folder; choose another output folder",
            target.display()
        ));
    }
    if let Some(input) = contained_input(target, inputs)? {
        return Err(format!(
            "`{}` contains the model file `{}`, so it is not replaced; choose an output folder outside it",
            target.display(),
            input.display()
        ));
    }
    let mut entries = std::fs::read_dir(target).map_err(|error| failed("read the folder", target, &error))?;
    if entries.next().is_none() {
        return Ok(Target::Empty);
    }
    if target.join(MARKER).is_file() {
        return Ok(Target::Earlier);
    }
    Err(format!(
        "`{}` is not empty and has no {MARKER} file, so reflow did not write it and does not replace it; \
         choose a new or empty folder",
        target.display()
    ))
}

/// Returns the first of `inputs` inside the folder `target`, at any depth.
fn contained_input<'a>(target: &Path, inputs: &'a [PathBuf]) -> Result<Option<&'a PathBuf>, String> {
    let folder = std::fs::canonicalize(target).map_err(|error| failed("read", target, &error))?;
    // An input that cannot be resolved was not loaded from disk, so
    // replacing the target cannot delete it.
    Ok(inputs
        .iter()
        .find(|input| std::fs::canonicalize(input).is_ok_and(|resolved| resolved.starts_with(&folder))))
}

/// Writes the files into a staged folder, which is then renamed to the
/// missing `target`.
fn write_new(target: &Path, files: &[&SiteFile]) -> Result<(), String> {
    let parent = parent_folder(target);
    std::fs::create_dir_all(&parent).map_err(|error| failed("create the folder", &parent, &error))?;
    let staging = staging_folder(&parent).map_err(|error| failed("create a folder in", &parent, &error))?;
    write_files(staging.path(), files)?;
    let staged = staging.keep();
    std::fs::rename(&staged, target).map_err(|error| {
        let _ = std::fs::remove_dir_all(&staged);
        failed("rename the new output folder to", target, &error)
    })
}

/// Replaces the marked output folder `target` by a staged one. An earlier
/// output is first moved aside, and moved back when the new one cannot
/// take its place. Falls back to rewriting in place where the target
/// cannot be renamed.
fn replace(target: &Path, files: &[&SiteFile]) -> Result<(), String> {
    if is_current_folder(target) {
        // Renaming would leave the shell in a folder that is then deleted.
        return rewrite_in_place(target, files);
    }
    let parent = parent_folder(target);
    let staging = match staging_folder(&parent) {
        Ok(staging) => staging,
        Err(error) if must_write_in_place(&error) => return rewrite_in_place(target, files),
        Err(error) => return Err(failed("create a folder in", &parent, &error)),
    };
    write_files(staging.path(), files)?;

    // The earlier output goes into a folder of its own, which is deleted
    // with everything in it when `aside` is dropped.
    let aside = tempfile::Builder::new()
        .prefix(".reflow-old-")
        .tempdir_in(&parent)
        .map_err(|error| failed("create a folder in", &parent, &error))?;
    let old = aside.path().join("output");
    match std::fs::rename(target, &old) {
        Ok(()) => {}
        Err(error) if must_write_in_place(&error) => {
            drop(staging);
            drop(aside);
            return rewrite_in_place(target, files);
        }
        Err(error) => return Err(failed("move aside the earlier output", target, &error)),
    }
    let staged = staging.keep();
    if let Err(error) = std::fs::rename(&staged, target) {
        let _ = std::fs::rename(&old, target);
        let _ = std::fs::remove_dir_all(&staged);
        return Err(failed("rename the new output folder to", target, &error));
    }
    Ok(())
}

/// Returns whether a failure to create a folder next to the target, or to
/// rename the target, means that the target must be written in place. On
/// Linux a mount point fails to rename with EBUSY (checked with tmpfs), and
/// EXDEV is accepted for file systems that report a rename across mounts.
/// A read-only parent fails with EACCES, EPERM or EROFS.
fn must_write_in_place(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ResourceBusy
            | io::ErrorKind::CrossesDevices
            | io::ErrorKind::PermissionDenied
            | io::ErrorKind::ReadOnlyFilesystem
    )
}

fn is_current_folder(target: &Path) -> bool {
    let current = std::env::current_dir().and_then(std::fs::canonicalize);
    match (std::fs::canonicalize(target), current) {
        (Ok(target), Ok(current)) => target == current,
        _ => false,
    }
}

/// Deletes everything in the marked folder `target` except the marker,
/// then writes the files into it.
fn rewrite_in_place(target: &Path, files: &[&SiteFile]) -> Result<(), String> {
    let entries = std::fs::read_dir(target).map_err(|error| failed("read the folder", target, &error))?;
    for entry in entries {
        let entry = entry.map_err(|error| failed("read the folder", target, &error))?;
        if entry.file_name() == MARKER {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow symbolic links, so a link to a
        // folder outside the target is removed, not what it points to.
        let removed = match entry.file_type() {
            Ok(file_type) if file_type.is_dir() => std::fs::remove_dir_all(&path),
            Ok(_) => std::fs::remove_file(&path),
            Err(error) => Err(error),
        };
        removed.map_err(|error| failed("delete the earlier output file", &path, &error))?;
    }
    write_files(target, files)
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

fn write_files(root: &Path, files: &[&SiteFile]) -> Result<(), String> {
    files.iter().try_for_each(|file| write_file(root, file))
}

/// Writes one file under `root`, creating its folders.
fn write_file(root: &Path, file: &SiteFile) -> Result<(), String> {
    let relative = Path::new(&file.path);
    // Paths come from ids, which the grammar keeps free of `/` and `..`;
    // this guards the writer against a future change of that rule.
    if !relative.components().all(|component| matches!(component, Component::Normal(_))) {
        return Err(format!("the output file `{}` is not a plain relative path", file.path));
    }
    let path = root.join(relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|error| failed("create the folder", folder, &error))?;
    }
    std::fs::write(&path, &file.contents).map_err(|error| failed("write", &path, &error))
}

fn failed(action: &str, path: &Path, error: &io::Error) -> String {
    format!("cannot {action} `{}`: {error}", path.display())
}
