//! `reflow check`: load, build, check, report.

use super::args::{CheckArgs, CheckFormat, Deny};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, inputs, terminal_width};
use crate::diagnostic::{Diagnostic, JsonReport, Severity, TextOptions, render_text, sort_and_dedup};
use crate::model;

pub fn check(args: &CheckArgs, color: bool) -> u8 {
    let inputs = match inputs::expand(&args.files) {
        Ok(inputs) => inputs,
        Err(message) => return usage_error(&message),
    };

    // Each file named is its own model, together with what it imports.
    let mut report = JsonReport::new();
    let (mut files, mut errors, mut warnings) = (0, 0, 0);
    for input in inputs {
        let loaded = match model::load(&[input]) {
            Ok(loaded) => loaded,
            Err(error) => return usage_error(&error.to_string()),
        };
        let mut diagnostics = findings(&loaded);
        if args.deny == Some(Deny::Warnings) {
            diagnostics.iter_mut().for_each(|diagnostic| diagnostic.severity = Severity::Error);
        }

        files += loaded.sources.len();
        let model_errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        errors += model_errors;
        warnings += diagnostics.len() - model_errors;
        match args.format {
            CheckFormat::Json => report.add(&diagnostics, &loaded.sources),
            CheckFormat::Text => {
                let options = TextOptions { color, width: terminal_width() };
                eprint!("{}", render_text(&diagnostics, &loaded.sources, options));
            }
        }
    }

    match args.format {
        CheckFormat::Json => print!("{}", report.to_json()),
        CheckFormat::Text if !args.quiet || errors + warnings > 0 => {
            eprintln!("{}", summary(files, errors, warnings))
        }
        CheckFormat::Text => {}
    }
    if errors > 0 { EXIT_FINDINGS } else { EXIT_OK }
}

/// Every finding: from loading and parsing, building the model, and the
/// checks. After a syntax error the graph checks do not run, because steps
/// and flows on the lines the parser skipped are missing from the model;
/// for the same reason, model findings that name something written on a
/// skipped line are dropped.
pub fn findings(loaded: &model::Loaded) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    let syntax_ok = !loaded.diagnostics.iter().any(Diagnostic::is_error);
    let (built, build_diagnostics) = model::build(loaded);

    if syntax_ok {
        diagnostics.extend(build_diagnostics);
        diagnostics.extend(crate::check::check(&built));
    } else {
        let skipped_words = skipped_words(loaded);
        diagnostics.extend(
            build_diagnostics
                .into_iter()
                .filter(|d| !skipped_words.iter().any(|word| d.message.contains(&format!("`{word}`")))),
        );
    }
    sort_and_dedup(&mut diagnostics);
    diagnostics
}

/// The words written on lines the parser skipped.
fn skipped_words(loaded: &model::Loaded) -> Vec<String> {
    let mut words = Vec::new();
    for file in &loaded.files {
        let text = &loaded.sources.get(file.id).text;
        for span in &file.skipped {
            let line = &text[span.clone()];
            words.extend(
                line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|word| !word.is_empty())
                    .map(str::to_string),
            );
        }
    }
    words
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
    eprintln!("error: {message}");
    EXIT_USAGE
}
