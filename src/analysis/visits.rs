//! Expected visits per case: how often each step runs in an average case,
//! from the absorbing Markov chain that the branch probabilities define.
//!
//! A step's visits are the expected tokens that reach it. A decision
//! passes each branch its probability share, a parallel split passes every
//! branch all of its visits, and a parallel join runs once per set of
//! tokens, the mean of what its incoming flows bring. A rework loop that
//! returns 20% of the time gives the steps in it 1 / (1 - 0.2) = 1.25
//! visits.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::dominators::{Dominance, paired_split};
use super::linear::LinearSystem;
use super::semantics::{self, Input, Output};
use crate::model::Process;

/// A choice the visit counts rest on because the model leaves it open.
#[derive(Debug, Clone, PartialEq)]
pub enum Assumption {
    /// A decision gives no branch probabilities: its branches are taken
    /// equally often.
    EvenSplit { node: NodeIndex },
    /// Some branches of a decision have probabilities and others do not:
    /// the unassigned share is divided evenly among the others.
    RemainderSplit { node: NodeIndex },
    /// The branch probabilities of a decision do not sum to 100%: each is
    /// divided by their sum.
    Normalised { node: NodeIndex, total: f64 },
    /// A branch of an inclusive split has no probability: every non-empty
    /// choice of branches is taken as equally likely.
    InclusiveChoices { node: NodeIndex },
    /// An inclusive join closes no single split: each arriving token is
    /// counted as one run, an upper bound.
    UnpairedInclusiveJoin { node: NodeIndex },
    /// A large loop was solved iteratively and stopped before converging.
    Approximate,
}

/// Expected runs of each step and traversals of each flow, per case.
#[derive(Debug, Clone)]
pub struct Visits {
    /// By node index; infinite inside a loop that never exits.
    pub nodes: Vec<f64>,
    /// By flow index.
    pub flows: Vec<f64>,
    /// By flow index: the share of its source's runs that the flow
    /// receives, the branch probability or 1 on a flow that always runs.
    pub weights: Vec<f64>,
    pub assumptions: Vec<Assumption>,
}

impl Visits {
    pub fn of(&self, node: NodeIndex) -> f64 {
        self.nodes[node.index()]
    }
}

/// Solves the expected visits of every node and flow of a process.
pub fn visits(process: &Process, dominance: &Dominance) -> Visits {
    let (weights, mut assumptions) = branch_weights(process);
    let mut system = LinearSystem::new(process.nodes.len());
    system.add_constant(dominance.start().index(), 1.0);
    for node in process.flow_nodes() {
        add_inflow(process, dominance, node, &weights, &mut system, &mut assumptions);
    }

    let solution = system.solve();
    if solution.approximate {
        assumptions.push(Assumption::Approximate);
    }
    let nodes = solution.values;
    let flows = process
        .flows
        .iter()
        .zip(&weights)
        .map(|(flow, weight)| traversals(nodes[flow.from], *weight))
        .collect();
    Visits { nodes, flows, weights, assumptions }
}

/// Expected traversals of a flow; a flow never taken stays at zero even
/// after a loop that never exits.
fn traversals(source_visits: f64, weight: f64) -> f64 {
    if weight == 0.0 { 0.0 } else { source_visits * weight }
}

/// Adds the equation of one node: what its incoming flows bring.
fn add_inflow(
    process: &Process,
    dominance: &Dominance,
    node: NodeIndex,
    weights: &[f64],
    system: &mut LinearSystem,
    assumptions: &mut Vec<Assumption>,
) {
    let incoming = semantics::in_degree(process, node);
    let share = match semantics::input(process.node(node).kind) {
        Input::All if incoming >= 2 => 1.0 / incoming as f64,
        Input::Inclusive if incoming >= 2 => {
            // A paired inclusive join runs once per run of its split.
            if let Some(split) = paired_split(process, dominance, node) {
                system.add_term(node.index(), split.index(), 1.0);
                return;
            }
            assumptions.push(Assumption::UnpairedInclusiveJoin { node });
            1.0
        }
        _ => 1.0,
    };
    for edge in process.graph.edges_directed(node, Direction::Incoming) {
        system.add_term(node.index(), edge.source().index(), share * weights[*edge.weight()]);
    }
}

/// Computes the share of its source's runs that each flow receives, and
/// records the assumptions made where probabilities are missing.
pub fn branch_weights(process: &Process) -> (Vec<f64>, Vec<Assumption>) {
    let mut weights = vec![1.0; process.flows.len()];
    let mut assumptions = Vec::new();
    for node in process.flow_nodes() {
        let mut outgoing: Vec<usize> =
            process.graph.edges_directed(node, Direction::Outgoing).map(|edge| *edge.weight()).collect();
        if outgoing.len() < 2 {
            continue;
        }
        outgoing.sort_unstable();
        match semantics::output(process.node(node).kind) {
            Output::All => {}
            Output::One => exclusive_weights(process, node, &outgoing, &mut weights, &mut assumptions),
            Output::Some => inclusive_weights(process, node, &outgoing, &mut weights, &mut assumptions),
        }
    }
    (weights, assumptions)
}

fn exclusive_weights(
    process: &Process,
    node: NodeIndex,
    outgoing: &[usize],
    weights: &mut [f64],
    assumptions: &mut Vec<Assumption>,
) {
    let given: Vec<Option<f64>> = outgoing.iter().map(|&flow| process.flows[flow].probability).collect();
    let total: f64 = given.iter().flatten().sum();
    let missing = given.iter().filter(|probability| probability.is_none()).count();

    let shares: Vec<f64> = if missing == outgoing.len() || (missing == 0 && total == 0.0) {
        assumptions.push(Assumption::EvenSplit { node });
        vec![1.0 / outgoing.len() as f64; outgoing.len()]
    } else if missing > 0 {
        assumptions.push(Assumption::RemainderSplit { node });
        let rest = (1.0 - total).max(0.0) / missing as f64;
        given.iter().map(|probability| probability.unwrap_or(rest)).collect()
    } else if (total - 1.0).abs() > 1e-9 {
        assumptions.push(Assumption::Normalised { node, total });
        given.iter().map(|probability| probability.unwrap_or(0.0) / total).collect()
    } else {
        given.iter().map(|probability| probability.unwrap_or(0.0)).collect()
    };
    for (&flow, share) in outgoing.iter().zip(shares) {
        weights[flow] = share;
    }
}

/// Sets the weights of an inclusive split, which takes each branch with its
/// own probability, so they need not sum to 100%. With every non-empty choice of `k` branches
/// equally likely, one branch is in 2^(k-1) of the 2^k - 1 choices.
fn inclusive_weights(
    process: &Process,
    node: NodeIndex,
    outgoing: &[usize],
    weights: &mut [f64],
    assumptions: &mut Vec<Assumption>,
) {
    let branches = outgoing.len() as i32;
    let equal_choices = 1.0 / (2.0 - 2f64.powi(1 - branches));
    let mut assumed = false;
    for &flow in outgoing {
        weights[flow] = process.flows[flow].probability.unwrap_or_else(|| {
            assumed = true;
            equal_choices
        });
    }
    if assumed {
        assumptions.push(Assumption::InclusiveChoices { node });
    }
}
