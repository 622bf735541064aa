//! Replacing a file's contents so that readers and crashes see either the
//! old text or the new, never a mix.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `contents` to `path` through a temporary file in the same
/// directory, which is flushed to disk and then renamed over the target.
///
/// An existing file keeps its permissions, and a symbolic link is followed,
/// so the file it points to is replaced and the link stays. The owner is not
/// copied: a file rewritten by another user becomes that user's. A new file
/// gets mode 0o666 less the umask, as with an ordinary create.
pub fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let target = resolve_link(path)?;
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let permissions = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };

    let mut builder = tempfile::Builder::new();
    builder.prefix(".reflow-").suffix(".tmp");
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        // tempfile creates files with mode 0o600; the umask still applies.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // tempfile's error names the temporary file, which the caller never
    // gave. Reading the folder first reports a missing one with the
    // system's message, and otherwise the error keeps only its kind.
    fs::metadata(directory)?;
    let mut temporary = builder.tempfile_in(directory).map_err(|error| io::Error::from(error.kind()))?;
    temporary.write_all(contents.as_bytes())?;
    if let Some(permissions) = permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(&target).map_err(|error| error.error)?;
    sync_directory(directory)
}

/// Returns the file that `path` names, following symbolic links, or `path`
/// itself when nothing exists there yet.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => fs::canonicalize(path),
        Ok(_) => Ok(path.to_path_buf()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(path.to_path_buf()),
        Err(error) => Err(error),
    }
}

/// Flushes the directory entry of the rename to disk, on systems where a
/// directory can be opened and synced.
#[cfg(unix)]
fn sync_directory(directory: &Path) -> io::Result<()> {
    fs::File::open(directory)?.sync_all()
}

#[cfg(not(unix))]
fn sync_directory(_directory: &Path) -> io::Result<()> {
    Ok(())
}
