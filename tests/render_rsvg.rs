//! Every process of the examples, drawn by `reflow render` and read back by
//! librsvg's `rsvg-convert`, so the SVG that reflow writes stays readable by
//! a renderer other than reflow's own PNG writer.

use std::path::{Path, PathBuf};
use std::process::Command;

use reflow::model::{self, Input};

/// Returns the ids of the processes that `path` declares itself, not counting
/// imported ones. The CLI renders such a process without `--process` when it
/// is the only one.
fn own_process_ids(path: &Path) -> Vec<String> {
    let loaded = model::load(&[Input::Path(path.to_path_buf())]).expect("the example file is readable");
    let (built, _) = model::build(&loaded);
    let root = loaded.roots.first().copied();
    built
        .processes
        .iter()
        .filter(|process| Some(process.origin.file) == root)
        .map(|process| process.id.clone())
        .collect()
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "flow"))
        .collect();
    files.sort();
    files
}

fn rsvg_convert_version() -> Option<String> {
    let output = Command::new("rsvg-convert").arg("--version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[test]
fn examples_convert_with_rsvg() {
    assert!(
        rsvg_convert_version().is_some(),
        "rsvg-convert is missing from PATH; install the Debian package librsvg2-bin \
         (`apt-get install librsvg2-bin`) or run `bash scripts/test.sh`, which installs it"
    );
    let folder = tempfile::tempdir().unwrap();
    let mut drawn = 0;

    for file in example_files() {
        let ids = own_process_ids(&file);
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        for id in &ids {
            let svg = folder.path().join(format!("{stem}.{id}.svg"));
            let png = folder.path().join(format!("{stem}.{id}.png"));
            let mut render = Command::new(env!("CARGO_BIN_EXE_reflow"));
            render.arg("render").arg(&file).arg("-o").arg(&svg);
            // A file with one process of its own is rendered as the CLI picks
            // it, without `--process`.
            if ids.len() > 1 {
                render.args(["--process", id]);
            }
            let rendered = render.output().unwrap();
            assert_eq!(
                rendered.status.code(),
                Some(0),
                "reflow render {} (process `{id}`) failed: {}",
                file.display(),
                String::from_utf8_lossy(&rendered.stderr)
            );

            let converted = Command::new("rsvg-convert").arg(&svg).arg("-o").arg(&png).output().unwrap();
            assert_eq!(
                converted.status.code(),
                Some(0),
                "rsvg-convert failed on {} (process `{id}`): {}",
                svg.display(),
                String::from_utf8_lossy(&converted.stderr)
            );
            let bytes = std::fs::read(&png).unwrap();
            assert!(!bytes.is_empty(), "rsvg-convert wrote an empty PNG for {}", svg.display());
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", png.display());
            drawn += 1;
        }
    }

    assert!(drawn >= 5, "only {drawn} example processes were drawn");
}
