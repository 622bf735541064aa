//! Key nodes and must-pass steps.
//!
//! A step is must-pass when every case runs it. Seen path by path, that
//! makes it a dominator of the ends. But a case runs every branch of a
//! parallel split, so a step on every path of one branch of a must-pass
//! fork is must-pass too, although a path through another branch avoids
//! it. A key node that is not must-pass is bypassed by some case, and
//! [`bypass`] names one path of such a case.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::algo::dominators;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::dominators::Dominance;
use super::order::Successors;
use super::semantics::{self, Output};
use crate::model::{NodeKind, Process};

/// A key node with its number, the same in charts and documents.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyNode {
    /// 1-based, in declaration order.
    pub number: usize,
    pub node: NodeIndex,
    pub must_pass: bool,
    /// A start-to-end path of a case that skips the node, when one exists.
    pub bypass: Option<Vec<NodeIndex>>,
}

/// Numbers the key nodes of a process in declaration order, from 1.
pub fn numbered(process: &Process) -> Vec<(usize, NodeIndex)> {
    process.key_nodes().enumerate().map(|(position, node)| (position + 1, node)).collect()
}

/// Lists the key nodes with their numbers, and for each whether every case
/// passes it or which path skips it.
pub fn key_nodes(process: &Process, dominance: &Dominance) -> Vec<KeyNode> {
    let must = must_pass(process, dominance);
    let successors = Successors::new(process);
    numbered(process)
        .into_iter()
        .map(|(number, node)| {
            let bypass = if must[node.index()] {
                None
            } else {
                bypass_with(process, &successors, dominance.start(), node)
            };
            KeyNode { number, node, must_pass: bypass.is_none(), bypass }
        })
        .collect()
}

/// Marks the steps that every case runs: the dominators of the ends, and
/// within each must-pass parallel split, the steps on every path of one of
/// its branches to the point where the branches meet again.
pub fn must_pass(process: &Process, dominance: &Dominance) -> Vec<bool> {
    let mut must = vec![false; process.nodes.len()];
    let mut pending = Vec::new();
    for &node in dominance.on_every_path() {
        must[node.index()] = true;
        pending.push(node);
    }

    // Forks found must-pass inside a branch are refined in turn.
    while let Some(node) = pending.pop() {
        if !is_parallel_split(process, node) {
            continue;
        }
        let meet = dominance.immediate_post_dominator(node);
        for branch in process.graph.neighbors_directed(node, Direction::Outgoing) {
            if Some(branch) == meet {
                continue;
            }
            for found in branch_dominators(process, branch, meet) {
                if !must[found.index()] {
                    must[found.index()] = true;
                    pending.push(found);
                }
            }
        }
    }
    must
}

fn is_parallel_split(process: &Process, node: NodeIndex) -> bool {
    semantics::out_degree(process, node) >= 2 && semantics::output(process.node(node).kind) == Output::All
}

/// Finds the nodes on every path from `branch` to `meet`, or to an end when the
/// branches never meet before the end of the case. `meet` itself is left
/// out: it is handled with the paths around the split.
fn branch_dominators(process: &Process, branch: NodeIndex, meet: Option<NodeIndex>) -> Vec<NodeIndex> {
    let (members, local) = branch_region(process, branch, meet);
    let (graph, target) = region_graph(process, &members, &local);
    let tree = dominators::simple_fast(&graph, NodeIndex::new(0));
    let Some(chain) = tree.strict_dominators(target) else { return Vec::new() };
    chain.map(|local_node| members[local_node.index()]).collect()
}

/// Collects what `branch` reaches before `meet`, breadth first from
/// `branch`, with each node's position in that list (`usize::MAX` outside).
fn branch_region(
    process: &Process,
    branch: NodeIndex,
    meet: Option<NodeIndex>,
) -> (Vec<NodeIndex>, Vec<usize>) {
    let mut local = vec![usize::MAX; process.nodes.len()];
    let mut members = vec![branch];
    local[branch.index()] = 0;
    let mut position = 0;
    while position < members.len() {
        let node = members[position];
        position += 1;
        for next in process.graph.neighbors_directed(node, Direction::Outgoing) {
            if Some(next) != meet && local[next.index()] == usize::MAX {
                local[next.index()] = members.len();
                members.push(next);
            }
        }
    }
    (members, local)
}

/// Builds the region as a graph of its own, in which every flow out of the
/// region and every end event leads into one target node, the last one.
fn region_graph(process: &Process, members: &[NodeIndex], local: &[usize]) -> (DiGraph<(), ()>, NodeIndex) {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(members.len() + 1, members.len());
    for _ in members {
        graph.add_node(());
    }
    let target = graph.add_node(());
    for (from, &node) in members.iter().enumerate() {
        for next in process.graph.neighbors_directed(node, Direction::Outgoing) {
            let to = match local[next.index()] {
                usize::MAX => target,
                inside => NodeIndex::new(inside),
            };
            graph.add_edge(NodeIndex::new(from), to, ());
        }
        if process.node(node).kind == NodeKind::End {
            graph.add_edge(NodeIndex::new(from), target, ());
        }
    }
    (graph, target)
}

/// Finds a path from the start to an end taken by some case that never runs
/// `avoided`, or `None` when every case that finishes runs it.
///
/// A node can finish without `avoided` when it is an end, when one of its
/// choices can (decisions, merges, inclusive splits), or when all of its
/// outgoing flows can (steps and forks, whose outgoing flows all run).
pub fn bypass(process: &Process, start: NodeIndex, avoided: NodeIndex) -> Option<Vec<NodeIndex>> {
    bypass_with(process, &Successors::new(process), start, avoided)
}

fn bypass_with(
    process: &Process,
    successors: &Successors,
    start: NodeIndex,
    avoided: NodeIndex,
) -> Option<Vec<NodeIndex>> {
    let can_finish = finishing_without(process, successors, avoided);
    if !can_finish[start.index()] {
        return None;
    }
    shortest_path(process, successors, start, |node| can_finish[node.index()])
}

/// Computes the least fixpoint of "can finish without `avoided`", grown backwards
/// from the ends.
fn finishing_without(process: &Process, successors: &Successors, avoided: NodeIndex) -> Vec<bool> {
    let count = process.nodes.len();
    let mut can_finish = vec![false; count];
    let mut finished_flows = vec![0usize; count];
    let mut queue: VecDeque<NodeIndex> = VecDeque::new();
    for end in semantics::ends(process) {
        if end != avoided {
            can_finish[end.index()] = true;
            queue.push_back(end);
        }
    }

    while let Some(node) = queue.pop_front() {
        for edge in process.graph.edges_directed(node, Direction::Incoming) {
            let before = edge.source();
            if before == avoided || can_finish[before.index()] {
                continue;
            }
            finished_flows[before.index()] += 1;
            let every_flow_runs = semantics::output(process.node(before).kind) == Output::All;
            if !every_flow_runs || finished_flows[before.index()] == successors.of(before).len() {
                can_finish[before.index()] = true;
                queue.push_back(before);
            }
        }
    }
    can_finish
}

/// Finds the shortest path from `start` to an end through allowed nodes only.
fn shortest_path(
    process: &Process,
    successors: &Successors,
    start: NodeIndex,
    allowed: impl Fn(NodeIndex) -> bool,
) -> Option<Vec<NodeIndex>> {
    let mut previous: Vec<Option<NodeIndex>> = vec![None; process.nodes.len()];
    let mut seen = vec![false; process.nodes.len()];
    let mut queue = VecDeque::from([start]);
    seen[start.index()] = true;

    while let Some(node) = queue.pop_front() {
        if process.node(node).kind == NodeKind::End {
            return Some(walk_back(&previous, node));
        }
        for &next in successors.of(node) {
            if allowed(next) && !seen[next.index()] {
                seen[next.index()] = true;
                previous[next.index()] = Some(node);
                queue.push_back(next);
            }
        }
    }
    None
}

fn walk_back(previous: &[Option<NodeIndex>], last: NodeIndex) -> Vec<NodeIndex> {
    let mut path = vec![last];
    while let Some(before) = previous[path[path.len() - 1].index()] {
        path.push(before);
    }
    path.reverse();
    path
}
