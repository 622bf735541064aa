//! `reflow check`: load, build, check, report.

use super::args::{CheckArgs, CheckFormat, Deny};
use super::output;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, inputs, terminal_width};
use crate::diagnostic::{JsonReport, Severity, TextOptions, render_text};
use crate::model;

pub fn check(args: &CheckArgs, color: bool) -> u8 {
    let inputs = match inputs::expand(&args.files) {
        Ok(inputs) => inputs,
        Err(message) => return usage_error(&message),
    };

    // Each file named is its own model, together with what it imports.
    let mut report = JsonReport::new();
    let (mut errors, mut warnings) = (0, 0);
    // A file imported by several of the models named is counted once.
    let mut files = std::collections::BTreeSet::new();
    for input in inputs {
        let loaded = match model::load(&[input]) {
            Ok(loaded) => loaded,
            Err(error) => return usage_error(&error.to_string()),
        };
        let mut diagnostics = crate::check::findings(&loaded);
        if args.deny == Some(Deny::Warnings) {
            diagnostics.iter_mut().for_each(|diagnostic| diagnostic.severity = Severity::Error);
        }

        files.extend(
            loaded
                .sources
                .iter()
                .map(|(_, file)| file.path.clone().unwrap_or_else(|| file.name.clone().into())),
        );
        let model_errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        errors += model_errors;
        warnings += diagnostics.len() - model_errors;
        match args.format {
            CheckFormat::Json => report.add(&diagnostics, &loaded.sources),
            CheckFormat::Text => {
                let options = TextOptions { color, width: terminal_width() };
                output::stderr(&render_text(&diagnostics, &loaded.sources, options));
            }
        }
    }

    match args.format {
        CheckFormat::Json => output::stdout(&report.to_json()),
        CheckFormat::Text if !args.quiet || errors + warnings > 0 => {
            output::stderr(&format!("{}\n", summary(files.len(), errors, warnings)))
        }
        CheckFormat::Text => {}
    }
    if errors > 0 { EXIT_FINDINGS } else { EXIT_OK }
}

fn summary(files: usize, errors: usize, warnings: usize) -> String {
    let files = plural(files, "file");
    match (errors, warnings) {
        (0, 0) => format!("checked {files}: no problems found"),
        _ => format!("checked {files}: {}, {}", plural(errors, "error"), plural(warnings, "warning")),
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

pub fn usage_error(message: &str) -> u8 {
    output::stderr(&format!("error: {message}\n"));
    EXIT_USAGE
}
