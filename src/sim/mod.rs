//! Discrete-event simulation of a process, and the comparison of an as-is
//! process with a to-be one.
//!
//! A run resolves its [`Settings`] from the model's `simulation` block and
//! the caller's [`Overrides`], compiles the process into a [`Plan`], and
//! runs independent replications of it in parallel ([`replicate`]). Each
//! replication returns its [`Kpis`]; an [`Outcome`] summarises them with
//! 95% confidence intervals. Time is in minutes throughout, and minute 0 is
//! a Monday at 00:00 for working calendars.

mod calendar;
mod cases;
mod comparison;
mod compile;
mod engine;
mod error;
mod kpis;
mod plan;
mod progress;
mod queue;
mod replications;
pub mod report;
mod resources;
mod sampling;
mod settings;
mod statistics;
mod streams;

pub use calendar::WorkCalendar;
pub use comparison::{Comparison, Delta, Verdict, compare};
pub use compile::{MAX_STEPS, compile};
pub use engine::{Replication, RunError, run};
pub use error::failure_diagnostic;
pub use kpis::{Better, CycleTime, Kpis, Metric, RoleKpis, StepKpis};
pub use plan::Plan;
pub use progress::progress_bar;
pub use replications::{Failure, Outcome, Summary, replicate};
pub use sampling::Sampler;
pub use settings::{
    DEFAULT_CASES, DEFAULT_MAX_EVENTS, DEFAULT_REPLICATIONS, DEFAULT_SEED, Overrides, Settings, resolve,
    resolve_to_be,
};
pub use statistics::{Estimate, quantile, t_975};

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::source::FileId;

/// Resolves the settings, compiles the process and runs every replication.
/// Returns the model's problems, or the failure of a replication, as
/// diagnostics. `label` names the run in reports.
pub fn simulate(
    model: &Model,
    root: FileId,
    overrides: &Overrides,
    threads: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Outcome, Vec<Diagnostic>> {
    let settings = resolve(model, root, overrides)?;
    let plan = compile(model, &settings)?;
    let label = run_label(model, &settings);
    replicate(&plan, &settings, label, threads, progress)
        .map_err(|failure| vec![failure_diagnostic(model, &plan, &failure)])
}

/// Names a run: the process id, and the scenario id when one is applied.
pub fn run_label(model: &Model, settings: &Settings) -> String {
    let process = &model.processes[settings.process.0].id;
    match &settings.scenario {
        Some(scenario) => format!("{process} ({})", scenario.id),
        None => process.clone(),
    }
}

/// Counts the progress units a run reports in total: cases, or simulated
/// minutes when the run has a horizon.
pub fn progress_total(settings: &Settings) -> u64 {
    let per_replication = match settings.horizon {
        Some(horizon) => horizon as u64,
        None => settings.cases.unwrap_or(DEFAULT_CASES),
    };
    per_replication * u64::from(settings.replications)
}
