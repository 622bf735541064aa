//! `write_atomically`: the file is replaced whole, keeps its permissions,
//! and a symbolic link to it stays a link.

use std::fs;
use std::path::Path;

use reflow::fmt::write_atomically;

/// Returns the names in `directory`, sorted.
fn names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(directory)
        .expect("directory is readable")
        .map(|entry| entry.expect("directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_replaces_contents() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("model.flow");
    fs::write(&path, "old text that is longer than the new one\n").expect("write");

    write_atomically(&path, "new\n").expect("atomic write");

    assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
    assert_eq!(names(directory.path()), ["model.flow"], "a temporary file was left behind");
}

#[test]
fn write_creates_missing_file() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("new.flow");

    write_atomically(&path, "a -> b\n").expect("atomic write");

    assert_eq!(fs::read_to_string(&path).expect("read"), "a -> b\n");
}

#[cfg(unix)]
#[test]
fn write_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("model.flow");
    fs::write(&path, "old\n").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");

    write_atomically(&path, "new\n").expect("atomic write");

    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "mode is {mode:o}");
}

#[cfg(unix)]
#[test]
fn write_new_file_has_ordinary_mode() {
    use std::os::unix::fs::PermissionsExt;

    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("new.flow");
    let ordinary = directory.path().join("ordinary.flow");

    write_atomically(&path, "a -> b\n").expect("atomic write");
    fs::write(&ordinary, "a -> b\n").expect("write");

    // tempfile's own default is 0o600; a new model file gets the mode of
    // any other new file under the same umask.
    let mode = fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
    let expected = fs::metadata(&ordinary).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, expected, "mode is {mode:o}, expected {expected:o}");
}

#[cfg(unix)]
#[test]
fn write_through_symlink_keeps_link() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let target = directory.path().join("target.flow");
    let link = directory.path().join("link.flow");
    fs::write(&target, "old\n").expect("write");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");

    write_atomically(&link, "new\n").expect("atomic write");

    assert!(fs::symlink_metadata(&link).expect("metadata").file_type().is_symlink());
    assert_eq!(fs::read_to_string(&target).expect("read"), "new\n");
    assert_eq!(names(directory.path()), ["link.flow", "target.flow"]);
}

#[test]
fn write_to_missing_directory_fails() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("missing").join("model.flow");

    let error = write_atomically(&path, "new\n").expect_err("no directory to write in");

    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
}
