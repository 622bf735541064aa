//! `reflow sim`: simulate a process, or compare an as-is run with a to-be
//! run, and write the report.

use super::output;
use std::path::{Path, PathBuf};

use super::args::{SimArgs, SimFormat};
use super::check::usage_error;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, terminal_width};
use crate::check::findings;
use crate::diagnostic::{Diagnostic, TextOptions, render_text};
use crate::model::{self, Input, Loaded, Model};
use crate::sim::{self, Outcome, Overrides, Settings, report};

/// A checked model with the files it came from, for rendering diagnostics.
struct Checked {
    loaded: Loaded,
    model: Model,
}

pub fn sim(args: &SimArgs, color: bool) -> u8 {
    match run(args, color) {
        Ok(()) => EXIT_OK,
        Err(status) => status,
    }
}

fn run(args: &SimArgs, color: bool) -> Result<(), u8> {
    let as_is_model = load(&args.file, color)?;
    let overrides = overrides(args);
    let as_is_settings =
        settings(&as_is_model, sim::resolve(&as_is_model.model, root(&as_is_model), &overrides), color)?;
    let as_is = simulate(&as_is_model, &as_is_settings, args, color)?;

    let text = if let Some(scenario) = &args.compare_scenario {
        let to_be_overrides = Overrides { scenario: Some(scenario.clone()), ..overrides };
        let resolved = sim::resolve(&as_is_model.model, root(&as_is_model), &to_be_overrides);
        let to_be_settings = settings(&as_is_model, resolved, color)?;
        let to_be = simulate(&as_is_model, &to_be_settings, args, color)?;
        comparison_report(sim::compare(as_is, to_be), args.format)
    } else if let Some(target) = &args.compare {
        let (path, process) = split_target(target);
        let to_be_model = load(&path, color)?;
        let resolved =
            sim::resolve_to_be(&to_be_model.model, root(&to_be_model), process.as_deref(), &as_is_settings);
        let to_be_settings = settings(&to_be_model, resolved, color)?;
        let to_be = simulate(&to_be_model, &to_be_settings, args, color)?;
        comparison_report(sim::compare(as_is, to_be), args.format)
    } else {
        outcome_report(&as_is, args.format)
    };
    write_output(args.output.as_deref(), &text)
}

fn overrides(args: &SimArgs) -> Overrides {
    Overrides {
        process: args.process.clone(),
        scenario: args.scenario.clone(),
        cases: args.cases,
        horizon: args.horizon,
        replications: args.replications,
        seed: args.seed,
        warmup: args.warmup,
    }
}

fn root(checked: &Checked) -> crate::source::FileId {
    checked.loaded.roots[0]
}

/// Loads and checks a model; any error in it stops the run, because the
/// simulation of a model that fails its checks would mislead.
fn load(path: &Path, color: bool) -> Result<Checked, u8> {
    let loaded =
        model::load(&[Input::Path(path.to_path_buf())]).map_err(|error| usage_error(&error.to_string()))?;
    // The static load of the declared roster does not describe the
    // scenario being simulated, whose utilisation the report shows.
    let mut diagnostics = findings(&loaded);
    diagnostics.retain(|diagnostic| diagnostic.code != crate::diagnostic::Code::RoleOverloaded);
    if !diagnostics.is_empty() {
        print_diagnostics(&diagnostics, &loaded, color);
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        output::stderr(&format!("error: `{}` has errors, so it cannot be simulated\n", path.display()));
        return Err(EXIT_FINDINGS);
    }
    let (model, _) = model::build(&loaded);
    Ok(Checked { loaded, model })
}

fn settings(
    checked: &Checked,
    resolved: Result<Settings, Vec<Diagnostic>>,
    color: bool,
) -> Result<Settings, u8> {
    resolved.map_err(|diagnostics| {
        print_diagnostics(&diagnostics, &checked.loaded, color);
        EXIT_FINDINGS
    })
}

/// Runs every replication with a progress bar.
fn simulate(checked: &Checked, settings: &Settings, args: &SimArgs, color: bool) -> Result<Outcome, u8> {
    let plan = sim::compile(&checked.model, settings).map_err(|diagnostics| {
        print_diagnostics(&diagnostics, &checked.loaded, color);
        EXIT_FINDINGS
    })?;

    let label = sim::run_label(&checked.model, settings);
    let bar = sim::progress_bar(sim::progress_total(settings), &label);
    let result = sim::replicate(&plan, settings, label, args.threads, &|units| bar.inc(units));
    bar.finish_and_clear();
    let outcome = result.map_err(|failure| {
        let diagnostic = sim::failure_diagnostic(&checked.model, &plan, &failure);
        print_diagnostics(&[diagnostic], &checked.loaded, color);
        EXIT_FINDINGS
    })?;

    if args.verbose {
        print_speed(&outcome);
    }
    Ok(outcome)
}

fn print_speed(outcome: &Outcome) {
    let cases: u64 = outcome.replications.iter().map(|kpis| kpis.cases_arrived).sum();
    let per_thread = cases as f64 / outcome.loop_seconds.max(1e-9);
    output::stderr(&format!(
        "{}: {cases} cases and {} events; event loops {:.3} s ({per_thread:.0} cases/s per thread); wall {:.3} s\n",
        outcome.label,
        outcome.events(),
        outcome.loop_seconds,
        outcome.wall_seconds
    ));
}

fn outcome_report(outcome: &Outcome, format: SimFormat) -> String {
    match format {
        SimFormat::Table => report::outcome_table(outcome),
        SimFormat::Json => report::outcome_json(outcome),
        SimFormat::Csv => report::outcome_csv(outcome),
        SimFormat::Html => report::outcome_html(outcome),
    }
}

fn comparison_report(comparison: sim::Comparison, format: SimFormat) -> String {
    match format {
        SimFormat::Table => report::comparison_table(&comparison),
        SimFormat::Json => report::comparison_json(&comparison),
        SimFormat::Csv => report::comparison_csv(&comparison),
        SimFormat::Html => report::comparison_html(&comparison),
    }
}

/// Splits `file.flow:process` into the path and the process id. A colon
/// followed by a path separator, as in `C:\models`, is part of the path.
fn split_target(target: &str) -> (PathBuf, Option<String>) {
    match target.rsplit_once(':') {
        Some((path, process))
            if !path.is_empty() && !process.is_empty() && !process.contains(['/', '\\']) =>
        {
            (PathBuf::from(path), Some(process.to_string()))
        }
        _ => (PathBuf::from(target), None),
    }
}

/// Writes the report to standard output, or to a file through a temporary
/// file renamed over it, so a failed write never leaves half a report.
fn write_output(path: Option<&Path>, text: &str) -> Result<(), u8> {
    let Some(path) = path else {
        output::stdout(text);
        return Ok(());
    };
    // The same atomic write as `reflow fmt`: a new report gets the usual
    // permissions, and a failed write leaves no half report.
    crate::fmt::write_atomically(path, text).map_err(|error| {
        output::stderr(&format!("error: cannot write `{}`: {error}\n", path.display()));
        EXIT_USAGE
    })
}

fn print_diagnostics(diagnostics: &[Diagnostic], loaded: &Loaded, color: bool) {
    let options = TextOptions { color, width: terminal_width() };
    output::stderr(&render_text(diagnostics, &loaded.sources, options));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_target_with_process() {
        assert_eq!(
            split_target("to_be.flow:claims"),
            (PathBuf::from("to_be.flow"), Some("claims".to_string()))
        );
        assert_eq!(split_target("to_be.flow"), (PathBuf::from("to_be.flow"), None));
        assert_eq!(split_target(r"C:\models\to_be.flow"), (PathBuf::from(r"C:\models\to_be.flow"), None));
    }
}
