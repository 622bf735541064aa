//! Facts the processes give about one role: the steps it performs, its
//! hand-offs, decisions, key nodes, tools and time targets.
//!
//! Each function here computes plain data from the model and its
//! analysis. The job description turns that data into text.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::analysis::workload::simulation_of;
use crate::analysis::{Dominance, Handoffs, KeyNode, Visits, handoffs, key_nodes, visits};
use crate::model::{Model, NodeKind, Process, ProcessId, RoleId};

/// The analysis of every process of a model, computed once and shared by
/// the job descriptions of all its roles.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// By process index; `None` for a process without a start event.
    processes: Vec<Option<Analysed>>,
}

#[derive(Debug, Clone)]
struct Analysed {
    visits: Visits,
    handoffs: Handoffs,
    key_nodes: Vec<KeyNode>,
}

impl Analyses {
    /// Analyses every process of a model.
    pub fn new(model: &Model) -> Self {
        let processes = model
            .processes
            .iter()
            .map(|process| {
                let dominance = Dominance::compute(process)?;
                let visits = visits(process, &dominance);
                let handoffs = handoffs(process, &visits);
                let key_nodes = key_nodes(process, &dominance);
                Some(Analysed { visits, handoffs, key_nodes })
            })
            .collect();
        Analyses { processes }
    }

    fn of(&self, process: ProcessId) -> Option<&Analysed> {
        self.processes.get(process.0).and_then(Option::as_ref)
    }
}

/// A task the role performs, with its expected work per case.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedDuty {
    pub process: ProcessId,
    pub step: NodeIndex,
    /// Expected runs per case of the process; `None` when the process
    /// cannot be analysed.
    pub runs: Option<f64>,
    /// Expected minutes per case: runs times the mean duration. `None`
    /// when the task has no duration.
    pub minutes: Option<f64>,
    /// Share of the role's derived work, 0–1; `None` when weights cannot
    /// be derived.
    pub weight: Option<f64>,
}

/// The basis of the derived duty weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightBasis {
    /// Minutes per case times each process's arrival rate.
    ArrivalRate,
    /// Minutes per case, one case of each process, because some process
    /// has no arrival rate.
    PerCase,
    /// No task of the role has a duration.
    Unknown,
    /// Some task runs without bound, in a loop that never exits.
    Unbounded,
}

/// The derived duties of a role, in process order and, within a
/// process, in declaration order.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedDuties {
    pub duties: Vec<DerivedDuty>,
    pub basis: WeightBasis,
}

/// Lists the tasks a role performs in every process, with their runs,
/// minutes and weights. A weight is the duty's expected workload over
/// the sum of all derived duties' workloads: visits times mean duration,
/// times the process's arrival rate when every process involved has a
/// simulation with arrivals.
pub fn derived_duties(model: &Model, analyses: &Analyses, role: RoleId) -> DerivedDuties {
    let mut duties = Vec::new();
    for (index, process) in model.processes.iter().enumerate() {
        let id = ProcessId(index);
        let visits = analyses.of(id).map(|analysed| &analysed.visits);
        for node in performed_tasks(process, role) {
            let runs = visits.map(|visits| visits.of(node));
            let mean = process.node(node).duration.as_ref().map(|duration| duration.mean());
            let minutes = match (runs, mean) {
                (Some(runs), Some(mean)) => Some(if runs == 0.0 { 0.0 } else { runs * mean }),
                _ => None,
            };
            duties.push(DerivedDuty { process: id, step: node, runs, minutes, weight: None });
        }
    }

    let basis = weigh(model, &mut duties);
    DerivedDuties { duties, basis }
}

/// Sets each duty's weight and returns what the weights rest on.
fn weigh(model: &Model, duties: &mut [DerivedDuty]) -> WeightBasis {
    let rates: Vec<Option<f64>> = duties.iter().map(|duty| arrival_rate(model, duty.process)).collect();
    let by_rate = rates.iter().all(Option::is_some);
    let loads: Vec<f64> = duties
        .iter()
        .zip(&rates)
        .map(|(duty, rate)| {
            let minutes = duty.minutes.unwrap_or(0.0);
            if by_rate { minutes * rate.unwrap_or(0.0) } else { minutes }
        })
        .collect();
    let total: f64 = loads.iter().sum();
    if !total.is_finite() {
        return WeightBasis::Unbounded;
    }
    if total <= 0.0 {
        return WeightBasis::Unknown;
    }

    let shares = rounded_shares(&loads, total);
    for (duty, share) in duties.iter_mut().zip(shares) {
        duty.weight = Some(share);
    }
    if by_rate { WeightBasis::ArrivalRate } else { WeightBasis::PerCase }
}

/// Divides loads by their total and rounds the shares to 0.1%, keeping
/// their sum at exactly 100%. Each share is rounded down, and the tenths
/// left over go to the largest remainders, the earlier duty first on a tie.
fn rounded_shares(loads: &[f64], total: f64) -> Vec<f64> {
    const STEPS: f64 = 1000.0;
    let exact: Vec<f64> = loads.iter().map(|load| load / total * STEPS).collect();
    let mut steps: Vec<f64> = exact.iter().map(|share| share.floor()).collect();
    let left = (STEPS - steps.iter().sum::<f64>()).round() as usize;

    let mut by_remainder: Vec<usize> = (0..exact.len()).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] - steps[b]).total_cmp(&(exact[a] - steps[a])).then(a.cmp(&b)));
    for &index in by_remainder.iter().take(left) {
        steps[index] += 1.0;
    }
    steps.into_iter().map(|step| step / STEPS).collect()
}

/// Cases per minute of a process, from the simulation that runs it.
fn arrival_rate(model: &Model, process: ProcessId) -> Option<f64> {
    let arrivals = simulation_of(model, process)?.arrivals.as_ref()?;
    let interarrival = arrivals.mean();
    (interarrival > 0.0).then(|| 1.0 / interarrival)
}

/// Lists the tasks of a process that a role performs, in declaration order.
pub fn performed_tasks(process: &Process, role: RoleId) -> impl Iterator<Item = NodeIndex> + '_ {
    process.flow_nodes().filter(move |&node| {
        let step = process.node(node);
        step.kind == NodeKind::Task && step.role == Some(role)
    })
}

/// Lists the steps of a process that a role performs, of any kind.
pub fn performed_steps(process: &Process, role: RoleId) -> impl Iterator<Item = NodeIndex> + '_ {
    process.flow_nodes().filter(move |&node| process.node(node).role == Some(role))
}

/// Expected hand-offs per case between a role and one other role in one
/// process.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub process: ProcessId,
    /// True when the role hands work to `other`, false when it receives
    /// work from `other`.
    pub outgoing: bool,
    pub other: RoleId,
    pub per_case: f64,
}

/// Lists the hand-offs from and to a role, from the analysis of each
/// process: first what it receives, then what it hands on, each sorted
/// by the other role.
pub fn relations(model: &Model, analyses: &Analyses, role: RoleId) -> Vec<Relation> {
    let mut found = Vec::new();
    for index in 0..model.processes.len() {
        let process = ProcessId(index);
        let Some(analysed) = analyses.of(process) else { continue };
        let counted = &analysed.handoffs;
        for &(from, _, per_case) in counted.between.iter().filter(|&&(_, to, _)| to == role) {
            found.push(Relation { process, outgoing: false, other: from, per_case });
        }
        for &(_, to, per_case) in counted.between.iter().filter(|&&(from, _, _)| from == role) {
            found.push(Relation { process, outgoing: true, other: to, per_case });
        }
    }
    found
}

/// Lists the decisions a role makes: those it performs, and those without
/// a performer that directly follow a step of the role.
pub fn decisions(process: &Process, role: RoleId) -> impl Iterator<Item = NodeIndex> + '_ {
    process.flow_nodes().filter(move |&node| {
        let step = process.node(node);
        let deciding = matches!(step.kind, NodeKind::Decision | NodeKind::InclusiveSplit);
        let follows_role = || {
            process
                .graph
                .neighbors_directed(node, Direction::Incoming)
                .any(|before| process.node(before).role == Some(role))
        };
        deciding && (step.role == Some(role) || (step.role.is_none() && follows_role()))
    })
}

/// A key node a role performs.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleKeyNode {
    pub process: ProcessId,
    pub number: usize,
    pub node: NodeIndex,
    /// `None` when the process cannot be analysed.
    pub must_pass: Option<bool>,
}

/// Lists the key nodes that a role performs, in process order and by number.
pub fn role_key_nodes(model: &Model, analyses: &Analyses, role: RoleId) -> Vec<RoleKeyNode> {
    let mut found = Vec::new();
    for (index, process) in model.processes.iter().enumerate() {
        let analysed = analyses.of(ProcessId(index)).map(|analysed| &analysed.key_nodes);
        for (number, node) in crate::analysis::key_nodes::numbered(process) {
            if process.node(node).role != Some(role) {
                continue;
            }
            let must_pass = analysed
                .as_ref()
                .and_then(|keys| keys.iter().find(|key| key.node == node))
                .map(|key| key.must_pass);
            found.push(RoleKeyNode { process: ProcessId(index), number, node, must_pass });
        }
    }
    found
}

/// Collects the tools of a role: declared ones, those of the steps it
/// performs, and the documents and stores those steps read or write, each
/// once, in that order.
pub fn tools(model: &Model, role: RoleId) -> Vec<String> {
    let mut found: Vec<String> = model.role(role).tools.clone();
    for process in &model.processes {
        for node in performed_steps(process, role) {
            let step = process.node(node);
            found.extend(step.tools.iter().cloned());
            for &artifact in step.reads.iter().chain(&step.writes) {
                found.push(process.nodes[artifact].display_name().to_string());
            }
        }
    }

    let mut unique: Vec<String> = Vec::new();
    for tool in found {
        if !unique.contains(&tool) {
            unique.push(tool);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::rounded_shares;

    #[test]
    fn rounded_shares_sum_to_one() {
        let shares = rounded_shares(&[1.0, 1.0, 1.0], 3.0);
        assert_eq!(shares, vec![0.334, 0.333, 0.333]);
        let total: f64 = rounded_shares(&[4.7, 5.8, 9.4, 0.01], 19.91).iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
    }
}
