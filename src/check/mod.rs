//! Checks over a built model. Each check is a function over the model that
//! returns its findings; [`check`] runs them all and sorts what they found,
//! so every problem is reported at once, not only the first.

mod branches;
mod calls;
mod names;
mod organisation;
mod structure;

use crate::diagnostic::{Diagnostic, sort_and_dedup};
use crate::model::Model;

/// Runs every check on the model and returns the findings in source order.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for process in &model.processes {
        structure::check(process, &mut diagnostics);
        branches::check(process, &mut diagnostics);
        names::check(process, &mut diagnostics);
        organisation::check_performers(process, &mut diagnostics);
    }
    organisation::check(model, &mut diagnostics);
    calls::check(model, &mut diagnostics);
    crate::analysis::diagnostics::check(model, &mut diagnostics);
    sort_and_dedup(&mut diagnostics);
    diagnostics
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
