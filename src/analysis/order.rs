//! Stable orders over a process graph, so that paths and listings come out
//! the same on every run and follow the order the flows were written in.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use crate::model::Process;

/// Lists the successors of a node in the order its flows were written.
pub fn successors(process: &Process, node: NodeIndex) -> Vec<NodeIndex> {
    let mut flows: Vec<(usize, NodeIndex)> = process
        .graph
        .edges_directed(node, Direction::Outgoing)
        .map(|edge| (*edge.weight(), edge.target()))
        .collect();
    flows.sort();
    flows.into_iter().map(|(_, target)| target).collect()
}

/// The successors of every node in the order their flows were written,
/// built once for walks that visit many nodes.
#[derive(Debug, Clone)]
pub struct Successors(Vec<Vec<NodeIndex>>);

impl Successors {
    pub fn new(process: &Process) -> Self {
        let mut table = vec![Vec::new(); process.nodes.len()];
        for flow in &process.flows {
            table[flow.from].push(NodeIndex::new(flow.to));
        }
        Successors(table)
    }

    pub fn of(&self, node: NodeIndex) -> &[NodeIndex] {
        &self.0[node.index()]
    }
}

/// Lists the nodes the start reaches, each after every node that leads to
/// it except along a flow that loops back, and branches in the order their
/// flows were written. Nodes for which `skip` is true are not entered.
///
/// This is the reverse postorder of a depth-first walk that takes the last
/// written flow first, so that the first written branch comes first.
pub fn flow_order(process: &Process, start: NodeIndex, skip: impl Fn(NodeIndex) -> bool) -> Vec<NodeIndex> {
    let reversed = |node| successors(process, node).into_iter().rev();
    let mut seen = vec![false; process.nodes.len()];
    let mut finished = Vec::new();
    let mut stack = vec![(start, reversed(start))];
    seen[start.index()] = true;
    while let Some((node, next)) = stack.last_mut() {
        match next.find(|next| !seen[next.index()] && !skip(*next)) {
            Some(next) => {
                seen[next.index()] = true;
                stack.push((next, reversed(next)));
            }
            None => {
                finished.push(*node);
                stack.pop();
            }
        }
    }
    finished.reverse();
    finished
}
