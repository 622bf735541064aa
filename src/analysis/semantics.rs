//! The execution semantics of process nodes: the rules by which each node
//! takes in and passes on work, shared by the token game, the visit counts
//! and the must-pass analysis.
//!
//! Gateways follow BPMN 2.0. Decisions and merges are exclusive gateways,
//! forks and joins parallel ones, inclusive splits and joins inclusive
//! ones, whatever their in- and out-degree. Any other step runs once per
//! arriving token (an implicit exclusive merge) and passes work to every
//! outgoing flow (an implicit parallel split).

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::model::{NodeKind, Process};

/// The rule by which a node waits for work on its incoming flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Runs once for each token on any incoming flow.
    Any,
    /// Waits for a token on every incoming flow and takes one from each.
    All,
    /// Takes the tokens present once no other token of the case can still
    /// reach an empty incoming flow (the BPMN 2.0 inclusive-gateway rule).
    Inclusive,
}

/// The rule by which a node passes work on to its outgoing flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A token on every outgoing flow.
    All,
    /// A token on exactly one outgoing flow, chosen.
    One,
    /// A token on each flow of a chosen non-empty subset.
    Some,
}

/// The gateway family of a split or join, for pairing splits with joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Exclusive,
    Parallel,
    Inclusive,
}

impl Family {
    /// Describes the family for messages: "exclusive".
    pub fn adjective(self) -> &'static str {
        match self {
            Family::Exclusive => "exclusive",
            Family::Parallel => "parallel",
            Family::Inclusive => "inclusive",
        }
    }
}

/// Returns the input rule of a node kind.
pub fn input(kind: NodeKind) -> Input {
    match kind {
        NodeKind::Fork | NodeKind::Join => Input::All,
        NodeKind::InclusiveSplit | NodeKind::InclusiveJoin => Input::Inclusive,
        _ => Input::Any,
    }
}

/// Returns the output rule of a node kind.
pub fn output(kind: NodeKind) -> Output {
    match kind {
        NodeKind::Decision | NodeKind::Merge => Output::One,
        NodeKind::InclusiveSplit | NodeKind::InclusiveJoin => Output::Some,
        _ => Output::All,
    }
}

/// Returns the family of a node that splits (two or more outgoing flows), if it does.
pub fn split_family(process: &Process, node: NodeIndex) -> Option<Family> {
    if out_degree(process, node) < 2 {
        return None;
    }
    Some(match output(process.node(node).kind) {
        Output::All => Family::Parallel,
        Output::One => Family::Exclusive,
        Output::Some => Family::Inclusive,
    })
}

/// Returns the family of a node that joins (two or more incoming flows), if it does.
pub fn join_family(process: &Process, node: NodeIndex) -> Option<Family> {
    if in_degree(process, node) < 2 {
        return None;
    }
    Some(match input(process.node(node).kind) {
        Input::All => Family::Parallel,
        Input::Any => Family::Exclusive,
        Input::Inclusive => Family::Inclusive,
    })
}

/// True when running the node can put more tokens into the case than it
/// takes: a parallel or inclusive split.
pub fn multiplies(process: &Process, node: NodeIndex) -> bool {
    matches!(split_family(process, node), Some(Family::Parallel | Family::Inclusive))
}

pub fn out_degree(process: &Process, node: NodeIndex) -> usize {
    process.graph.edges_directed(node, Direction::Outgoing).count()
}

pub fn in_degree(process: &Process, node: NodeIndex) -> usize {
    process.graph.edges_directed(node, Direction::Incoming).count()
}

/// Finds the start event the analyses run from: the first declared one. A
/// process with several starts is already an error of its own.
pub fn start(process: &Process) -> Option<NodeIndex> {
    process.flow_nodes().find(|&node| process.node(node).kind == NodeKind::Start)
}

/// Lists the end events, in declaration order.
pub fn ends(process: &Process) -> Vec<NodeIndex> {
    process.flow_nodes().filter(|&node| process.node(node).kind == NodeKind::End).collect()
}
