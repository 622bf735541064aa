//! Checks over a built model. Each check is a function over the model that
//! returns its findings; [`check`] runs them all and sorts what they found,
//! so every problem is reported at once, not only the first. [`findings`]
//! is the whole pipeline of `reflow check` over loaded files.

mod branches;
mod calls;
mod names;
mod organisation;
mod structure;

use crate::diagnostic::{Code, Diagnostic, sort_and_dedup};
use crate::model::{Loaded, Model};

/// Runs every check on the model and returns the findings in source order.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for process in &model.processes {
        // A flow to an unknown step is missing from the graph; checking the
        // graph would report that gap a second time, less clearly.
        if !process.incomplete {
            structure::check(process, &mut diagnostics);
            branches::check(process, &mut diagnostics);
        }
        names::check(process, &mut diagnostics);
        organisation::check_performers(process, &mut diagnostics);
    }
    organisation::check(model, &mut diagnostics);
    calls::check(model, &mut diagnostics);
    crate::analysis::diagnostics::check(model, &mut diagnostics);
    sort_and_dedup(&mut diagnostics);
    diagnostics
}

/// Collects every finding: from loading and parsing, building the model,
/// and the checks. After a syntax error the graph checks do not run,
/// because steps and flows on the lines the parser skipped are missing from
/// the model. For the same reason, model findings that name something
/// written on a skipped line are dropped.
pub fn findings(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut diagnostics = loaded.diagnostics.clone();
    let syntax_ok = !loaded.diagnostics.iter().any(Diagnostic::is_error);
    let (built, build_diagnostics) = crate::model::build(loaded);

    if syntax_ok {
        diagnostics.extend(build_diagnostics);
        diagnostics.extend(check(&built));
    } else {
        // A skipped line can only leave a reference dangling. Any other
        // finding is kept, even when it shares a word with a skipped line.
        // A file that could not be imported may declare anything, so no
        // reference is reported as unresolved then.
        let import_failed =
            loaded.diagnostics.iter().any(|d| matches!(d.code, Code::ImportNotFound | Code::ImportCycle));
        let skipped_words = skipped_words(loaded);
        diagnostics.extend(build_diagnostics.into_iter().filter(|d| {
            !is_unresolved_reference(d.code)
                || !import_failed
                    && !skipped_words.iter().any(|word| d.message.contains(&format!("`{word}`")))
        }));
    }
    sort_and_dedup(&mut diagnostics);
    diagnostics
}

/// True for the codes of a reference to something not declared, which a
/// declaration on a skipped line may have satisfied.
fn is_unresolved_reference(code: Code) -> bool {
    matches!(
        code,
        Code::UndeclaredStep
            | Code::UnknownRole
            | Code::UnknownDepartment
            | Code::UnknownProcess
            | Code::UnknownDocument
    )
}

/// Returns the words written on lines the parser skipped.
fn skipped_words(loaded: &Loaded) -> Vec<String> {
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

/// Formats a fraction as a percentage with at most one decimal, without
/// trailing zeros: 0.5 is `50`, 0.125 is `12.5`.
pub fn format_percent(fraction: f64) -> String {
    let text = format!("{:.1}", fraction * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_string() } else { text.to_string() }
}

/// Names steps for a message: `` `a` → `b` → `c` ``.
fn path_text<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(" → ")
}
