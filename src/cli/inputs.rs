//! Turning command-line paths into model inputs: folders expand to the
//! `.flow` files they contain, `-` is standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::check::usage_error;
use super::{EXIT_FINDINGS, output, terminal_width};
use crate::diagnostic::{Diagnostic, TextOptions, render_text};
use crate::model::{self, Input, Loaded, Model};

/// Expands paths into inputs, in a stable order. Returns a message for a
/// path that cannot be read.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    let mut stdin_used = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_used {
                return Err("`-` (standard input) can be given only once".to_string());
            }
            stdin_used = true;
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("cannot read standard input: {error}"))?;
            inputs.push(Input::Stdin(bytes));
        } else if path.is_dir() {
            let files = flow_files(path)
                .map_err(|error| format!("cannot read folder `{}`: {error}", path.display()))?;
            if files.is_empty() {
                return Err(format!("the folder `{}` contains no .flow files", path.display()));
            }
            inputs.extend(files.into_iter().map(Input::Path));
        } else {
            inputs.push(Input::Path(path.clone()));
        }
    }
    Ok(inputs)
}

/// Lists the `.flow` files under a folder, recursively, sorted by path.
fn flow_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "flow") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Loads one model file and builds it, for the commands that draw or
/// document a model. A model that `reflow check` rejects is neither drawn
/// nor documented, because its errors would show as missing flows or
/// endless loops in the output. On failure this prints the error or the
/// diagnostics and returns the exit status.
pub fn load_checked(file: &Path, command: &str, color: bool) -> Result<(Loaded, Model), u8> {
    let inputs = match expand(&[file.to_path_buf()]) {
        Ok(inputs) if inputs.len() == 1 => inputs,
        Ok(_) => {
            let message = format!("`{}` is a folder; {command} takes one model file", file.display());
            return Err(usage_error(&message));
        }
        Err(message) => return Err(usage_error(&message)),
    };
    let loaded = model::load(&inputs).map_err(|error| usage_error(&error.to_string()))?;

    let diagnostics = crate::check::findings(&loaded);
    if diagnostics.iter().any(Diagnostic::is_error) {
        let options = TextOptions { color, width: terminal_width() };
        output::stderr(&render_text(&diagnostics, &loaded.sources, options));
        return Err(EXIT_FINDINGS);
    }
    let (built, _) = model::build(&loaded);
    Ok((loaded, built))
}
