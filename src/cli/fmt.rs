//! `reflow fmt`: rewrite files in the canonical layout.

use super::output;
use std::path::Path;

use super::args::FmtArgs;
use super::check::usage_error;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, inputs, terminal_width};
use crate::diagnostic::{TextOptions, render_text};
use crate::model::Input;
use crate::source::{FileId, SourceMap};
use crate::syntax;

/// The outcome of formatting one file.
enum Outcome {
    Unchanged,
    Changed,
    Invalid,
}

pub fn fmt(args: &FmtArgs, color: bool) -> u8 {
    let inputs = match inputs::expand(&args.files) {
        Ok(inputs) => inputs,
        Err(message) => return usage_error(&message),
    };

    let mut status = EXIT_OK;
    for input in &inputs {
        let outcome = match input {
            Input::Stdin(bytes) => format_stdin(bytes.clone(), args.check, color),
            Input::Path(path) => match format_path(path, args.check, color) {
                Ok(outcome) => outcome,
                Err(message) => {
                    output::stderr(&format!("error: {message}\n"));
                    status = status.max(EXIT_USAGE);
                    continue;
                }
            },
        };
        if !matches!(outcome, Outcome::Unchanged) {
            status = status.max(EXIT_FINDINGS);
        }
    }
    status
}

/// Formats standard input to standard output; with `--check`, reports
/// whether it would change.
fn format_stdin(bytes: Vec<u8>, check: bool, color: bool) -> Outcome {
    let Some((text, formatted)) = format_bytes("<stdin>", bytes, color) else { return Outcome::Invalid };
    let changed = formatted != text;
    if check {
        if changed {
            output::stdout("<stdin>\n");
        }
    } else {
        output::stdout(&formatted);
    }
    if changed && check { Outcome::Changed } else { Outcome::Unchanged }
}

fn format_path(path: &Path, check: bool, color: bool) -> Result<Outcome, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
    let Some((text, formatted)) = format_bytes(&path.display().to_string(), bytes, color) else {
        return Ok(Outcome::Invalid);
    };
    if formatted == text {
        return Ok(Outcome::Unchanged);
    }
    if check {
        output::stdout(&format!("{}\n", path.display()));
        return Ok(Outcome::Changed);
    }
    crate::fmt::write_atomically(path, &formatted)
        .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
    Ok(Outcome::Unchanged)
}

/// Decodes and formats; on failure prints the diagnostics and returns
/// `None`, so the file is left as it is.
fn format_bytes(name: &str, bytes: Vec<u8>, color: bool) -> Option<(String, String)> {
    let mut sources = SourceMap::new();
    let file = FileId(0);
    let (text, decode_error) = syntax::decode(file, bytes);
    sources.add(name, None, text.clone());
    let result = match decode_error {
        Some(diagnostic) => Err(vec![diagnostic]),
        None => crate::fmt::format_source(file, &text),
    };
    match result {
        Ok(formatted) => Some((text, formatted)),
        Err(diagnostics) => {
            let options = TextOptions { color, width: terminal_width() };
            output::stderr(&render_text(&diagnostics, &sources, options));
            output::stderr(&format!("{name}: not formatted, because it does not parse\n"));
            None
        }
    }
}
