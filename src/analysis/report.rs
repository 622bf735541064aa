//! One process's analysis as plain data keyed by the user's ids, ready to
//! print, serialise or put into documents and charts.

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::critical_path::{CriticalPath, critical_path};
use super::dominators::Dominance;
use super::durations::step_minutes;
use super::handoffs::handoffs;
use super::key_nodes::{key_nodes, must_pass};
use super::order::flow_order;
use super::value_added::value_added;
use super::visits::{Assumption, Visits, visits};
use super::workload::{self, Workload};
use crate::model::{Model, NodeKind, Process, ProcessId};

/// Settings of an analysis beyond the model itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Mean minutes between arrivals, in place of the simulation's.
    pub interarrival: Option<f64>,
}

/// The analysis of one process. Numbers are per case, times in minutes,
/// rounded to 6 decimals; an infinite value (a loop that never exits) is
/// `null` in JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub process: String,
    pub title: Option<String>,
    /// Steps every case runs, in flow order.
    pub must_pass: Vec<String>,
    /// Must-pass tasks, waits, calls and decisions not declared key: the
    /// candidates for key nodes. Events and the other gateways are left out.
    pub must_pass_not_key: Vec<String>,
    pub key_nodes: Vec<KeyNodeEntry>,
    /// Every step that takes part in the control flow, in declaration order.
    pub steps: Vec<StepEntry>,
    /// Sentences naming what the numbers assume where the model is silent.
    pub assumptions: Vec<String>,
    /// Expected task minutes per case, in every branch, including called processes.
    pub work_minutes: f64,
    pub critical_path: CriticalPathEntry,
    pub handoffs: HandoffsEntry,
    pub value_added: ValueAddedEntry,
    /// `None` when no arrival rate is known.
    pub workload: Option<WorkloadEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyNodeEntry {
    pub number: usize,
    pub id: String,
    pub label: Option<String>,
    pub reason: Option<String>,
    pub must_pass: bool,
    /// A start-to-end path that skips the node, when one exists.
    pub bypass: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepEntry {
    pub id: String,
    pub label: Option<String>,
    pub kind: &'static str,
    pub role: Option<String>,
    pub visits: f64,
    /// Mean minutes per run, for steps that take time.
    pub mean_minutes: Option<f64>,
    /// Visits times mean minutes.
    pub minutes_per_case: Option<f64>,
    pub must_pass: bool,
    /// The key-node number, for key nodes.
    pub key: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriticalPathEntry {
    pub minutes: f64,
    pub steps: Vec<String>,
    pub forks: Vec<ForkEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForkEntry {
    pub split: String,
    /// The first step of the longest branch.
    pub longest: String,
    pub branches: Vec<BranchEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BranchEntry {
    /// The first step of the branch.
    pub first: String,
    /// Expected minutes per run of the split.
    pub minutes: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoffsEntry {
    pub per_case: f64,
    pub between: Vec<HandoffEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HandoffEntry {
    pub from: String,
    pub to: String,
    pub per_case: f64,
}

/// Task minutes per case by value class, and each class's share of them.
#[derive(Debug, Clone, Serialize)]
pub struct ValueAddedEntry {
    pub task_minutes: f64,
    /// The value-added ratio: customer value-added over all task minutes.
    pub ratio: Option<f64>,
    pub business_share: Option<f64>,
    pub non_value_added_share: Option<f64>,
    pub unclassified_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkloadEntry {
    /// `simulation` or `command line`.
    pub arrivals_from: &'static str,
    /// The model as declared first, then each scenario.
    pub scenarios: Vec<ScenarioEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioEntry {
    /// `None` for the model as declared.
    pub scenario: Option<String>,
    pub interarrival_minutes: f64,
    pub cases_per_hour: f64,
    pub roles: Vec<RoleEntry>,
    pub bottleneck: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleEntry {
    pub role: String,
    pub work_minutes: f64,
    pub headcount: u32,
    /// True when the role declares no headcount and one person is assumed.
    pub headcount_assumed: bool,
    pub utilisation: f64,
}

/// Analyses one process; `None` when it has no start event.
pub fn report(model: &Model, id: ProcessId, options: Options) -> Option<Report> {
    let process = &model.processes[id.0];
    let dominance = Dominance::compute(process)?;
    let visits = visits(process, &dominance);
    let minutes = step_minutes(model, process);
    let must = must_pass(process, &dominance);
    let keys = key_nodes(process, &dominance);
    let path = critical_path(process, &dominance, &visits, &minutes);
    let work = workload::role_work(model, id);

    Some(Report {
        process: process.id.clone(),
        title: process.title.clone(),
        must_pass: ids(
            process,
            flow_order(process, dominance.start(), |_| false).into_iter().filter(|node| must[node.index()]),
        ),
        must_pass_not_key: ids(
            process,
            process.flow_nodes().filter(|&node| must[node.index()] && is_unkeyed_step(process, node)),
        ),
        key_nodes: keys
            .iter()
            .map(|key| {
                let node = process.node(key.node);
                KeyNodeEntry {
                    number: key.number,
                    id: node.id.clone(),
                    label: node.label.clone(),
                    reason: node.key.as_ref().and_then(|key| key.reason.clone()),
                    must_pass: key.must_pass,
                    bypass: key.bypass.as_ref().map(|path| ids(process, path.iter().copied())),
                }
            })
            .collect(),
        steps: steps(model, process, &visits, &minutes, &must, &keys),
        assumptions: visits.assumptions.iter().map(|assumption| explain(process, assumption)).collect(),
        work_minutes: round(work.total()),
        critical_path: critical_entry(process, &path),
        handoffs: handoffs_entry(model, process, &visits),
        value_added: value_entry(process, &visits),
        workload: workload_entry(model, id, options),
    })
}

fn is_unkeyed_step(process: &Process, node: NodeIndex) -> bool {
    let step = process.node(node);
    let checkpoint = matches!(
        step.kind,
        NodeKind::Task | NodeKind::Wait | NodeKind::Call | NodeKind::Decision | NodeKind::InclusiveSplit
    );
    step.key.is_none() && checkpoint
}

fn steps(
    model: &Model,
    process: &Process,
    visits: &Visits,
    minutes: &[f64],
    must: &[bool],
    keys: &[super::KeyNode],
) -> Vec<StepEntry> {
    process
        .flow_nodes()
        .map(|node| {
            let step = process.node(node);
            let takes_time = step.duration.is_some() || step.calls.is_some();
            let mean = takes_time.then(|| minutes[node.index()]);
            StepEntry {
                id: step.id.clone(),
                label: step.label.clone(),
                kind: step.kind.keyword(),
                role: step.role.map(|role| model.role(role).id.clone()),
                visits: round(visits.of(node)),
                mean_minutes: mean.map(round),
                minutes_per_case: mean
                    .map(|mean| round(if mean == 0.0 { 0.0 } else { mean * visits.of(node) })),
                must_pass: must[node.index()],
                key: keys.iter().find(|key| key.node == node).map(|key| key.number),
            }
        })
        .collect()
}

fn critical_entry(process: &Process, path: &CriticalPath) -> CriticalPathEntry {
    CriticalPathEntry {
        minutes: round(path.minutes),
        steps: ids(process, path.steps.iter().copied()),
        forks: path
            .forks
            .iter()
            .map(|fork| ForkEntry {
                split: process.node(fork.split).id.clone(),
                longest: process.node(fork.longest).id.clone(),
                branches: fork
                    .branches
                    .iter()
                    .map(|&(first, minutes)| BranchEntry {
                        first: process.node(first).id.clone(),
                        minutes: round(minutes),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn handoffs_entry(model: &Model, process: &Process, visits: &Visits) -> HandoffsEntry {
    let found = handoffs(process, visits);
    HandoffsEntry {
        per_case: round(found.per_case),
        between: found
            .between
            .iter()
            .map(|&(from, to, count)| HandoffEntry {
                from: model.role(from).id.clone(),
                to: model.role(to).id.clone(),
                per_case: round(count),
            })
            .collect(),
    }
}

fn value_entry(process: &Process, visits: &Visits) -> ValueAddedEntry {
    let value = value_added(process, visits);
    ValueAddedEntry {
        task_minutes: round(value.total()),
        ratio: value.ratio().map(round),
        business_share: value.share(value.business).map(round),
        non_value_added_share: value.share(value.none).map(round),
        unclassified_share: value.share(value.unclassified).map(round),
    }
}

fn workload_entry(model: &Model, id: ProcessId, options: Options) -> Option<WorkloadEntry> {
    let loads = workload::scenarios(model, id, options.interarrival);
    if loads.is_empty() {
        return None;
    }
    let arrivals_from = if options.interarrival.is_some() { "command line" } else { "simulation" };
    Some(WorkloadEntry {
        arrivals_from,
        scenarios: loads.iter().map(|load| scenario_entry(model, load)).collect(),
    })
}

fn scenario_entry(model: &Model, load: &Workload) -> ScenarioEntry {
    ScenarioEntry {
        scenario: load.scenario.clone(),
        interarrival_minutes: round(load.interarrival),
        cases_per_hour: round(60.0 / load.interarrival),
        roles: load
            .roles
            .iter()
            .map(|role| RoleEntry {
                role: model.role(role.role).id.clone(),
                work_minutes: round(role.minutes),
                headcount: role.headcount,
                headcount_assumed: role.headcount_assumed,
                utilisation: round(role.utilisation),
            })
            .collect(),
        bottleneck: load.bottleneck.map(|role| model.role(role).id.clone()),
    }
}

/// Puts an assumption into words.
pub fn explain(process: &Process, assumption: &Assumption) -> String {
    let id = |node: &NodeIndex| &process.node(*node).id;
    match assumption {
        Assumption::EvenSplit { node } => {
            format!("decision `{}` gives no branch probabilities, so its branches are taken as equally likely", id(node))
        }
        Assumption::RemainderSplit { node } => format!(
            "some branches of decision `{}` have no probability, so they share the rest of 100% equally",
            id(node)
        ),
        Assumption::Normalised { node, total } => format!(
            "the branch probabilities of decision `{}` sum to {:.1}%, so each is divided by that sum",
            id(node),
            total * 100.0
        ),
        Assumption::InclusiveChoices { node } => format!(
            "some branches of inclusive split `{}` have no probability, so every non-empty choice of branches is taken as equally likely",
            id(node)
        ),
        Assumption::UnpairedInclusiveJoin { node } => format!(
            "inclusive join `{}` closes no single split, so each arriving token counts as one run, an upper bound",
            id(node)
        ),
        Assumption::Approximate => "a large loop was solved by iteration that stopped before converging, so its visits are approximate".to_string(),
    }
}

fn ids(process: &Process, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<String> {
    nodes.into_iter().map(|node| process.node(node).id.clone()).collect()
}

/// Rounds to 6 decimals so that output does not show floating-point noise.
fn round(value: f64) -> f64 {
    if value.is_finite() { (value * 1e6).round() / 1e6 } else { value }
}
