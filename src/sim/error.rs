//! Failures of a run, as diagnostics that point at the step concerned.

use super::engine::RunError;
use super::plan::{Plan, StepKind};
use super::replications::Failure;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;

/// Describes a failed replication as a diagnostic at the step it concerns.
pub fn failure_diagnostic(model: &Model, plan: &Plan, failure: &Failure) -> Diagnostic {
    let replication = failure.replication + 1;
    match failure.error {
        RunError::Runaway { case, step, limit } => {
            let (file, span, path) = locate(model, plan, step);
            Diagnostic::new(
                Code::RunawayCase,
                file,
                span,
                format!("case {case} of replication {replication} entered more than {limit} steps, the `max_events` limit, at `{path}`"),
            )
            .with_label("the case was here")
            .with_help(
                "a loop whose exit is never or almost never taken keeps a case forever: check the \
                probabilities of the decisions in the loop, or raise `max_events` in the simulation block",
            )
        }
        RunError::Stuck { unfinished, step } => {
            let Some(step) = step else {
                let origin = &model.processes[plan.process.0].origin;
                return Diagnostic::new(
                    Code::StuckCases,
                    origin.file,
                    origin.id_span.clone(),
                    format!("{unfinished} cases of replication {replication} never finished"),
                )
                .with_label("simulated process");
            };
            let (file, span, path) = locate(model, plan, step);
            let help = match plan.steps[step as usize].kind {
                StepKind::Join { .. } | StepKind::InclusiveJoin { .. } => {
                    "a join waits for a token on every incoming flow, so a branch that is not taken \
                    blocks it: try a `merge` after a decision, and a `join` only after a `fork`"
                }
                _ => {
                    "the people of this task's role never become free: check the role's headcount and working hours"
                }
            };
            let message = format!(
                "{unfinished} cases of replication {replication} never finished: tokens wait forever at `{path}`"
            );
            Diagnostic::new(Code::StuckCases, file, span, message)
                .with_label("tokens wait here")
                .with_help(help)
        }
    }
}

fn locate(model: &Model, plan: &Plan, step: u32) -> (crate::source::FileId, crate::source::Span, String) {
    let origin = &plan.origins[step as usize];
    let node = &model.processes[origin.process.0].nodes[origin.node];
    (node.origin.file, node.origin.id_span.clone(), origin.path.clone())
}
