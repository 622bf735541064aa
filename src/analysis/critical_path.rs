//! The expected time of a case without waiting for people, and the
//! critical path that sets it.
//!
//! Branches of a decision are weighed by their probabilities through the
//! visit counts. Branches of a parallel split run at the same time, so
//! only the branch with the longest expected time counts, until the
//! branches meet again at the split's immediate post-dominator. That is
//! the maximum of the branches' expected times, which can be less than
//! the expected maximum when branch times vary. Branches of an inclusive
//! split are counted one after the other, an upper bound when several run.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::dominators::Dominance;
use super::order::{flow_order, successors};
use super::semantics::{self, Output};
use super::visits::Visits;
use crate::model::Process;

/// The critical path of a process.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalPath {
    /// Expected minutes per case from start to end, without queueing.
    pub minutes: f64,
    /// The steps that make up that time, each after the steps that lead to
    /// it: every step that runs, except those on a parallel branch shorter
    /// than another branch of the same split.
    pub steps: Vec<NodeIndex>,
    /// The choice made at each parallel split, in declaration order.
    pub forks: Vec<ForkChoice>,
}

/// The branches of one parallel split and the longest of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkChoice {
    pub split: NodeIndex,
    /// The first node of each branch with its expected minutes per run of
    /// the split, in flow order.
    pub branches: Vec<(NodeIndex, f64)>,
    /// The first node of the longest branch; the first listed on a tie.
    pub longest: NodeIndex,
}

/// A branch of a parallel split: its first node, and the nodes it reaches
/// before the branches meet again.
type Branch = (NodeIndex, Vec<NodeIndex>);

/// Finds the critical path, given each node's mean minutes per run.
pub fn critical_path(
    process: &Process,
    dominance: &Dominance,
    visits: &Visits,
    minutes: &[f64],
) -> CriticalPath {
    let mut excluded = vec![false; process.nodes.len()];
    // Marks the nodes of the longest branch of the split numbered `stamp`.
    let mut kept_by = vec![usize::MAX; process.nodes.len()];
    let mut forks = Vec::new();
    for (stamp, (split, regions)) in parallel_regions(process, dominance, visits).into_iter().enumerate() {
        let times: Vec<(NodeIndex, f64)> = regions
            .iter()
            .map(|(branch, region)| {
                (*branch, region_minutes(region, &excluded, visits, minutes) / visits.of(split))
            })
            .collect();
        let longest = longest_branch(&times);
        regions[longest].1.iter().for_each(|node| kept_by[node.index()] = stamp);
        for (_, region) in &regions {
            region
                .iter()
                .filter(|node| kept_by[node.index()] != stamp)
                .for_each(|node| excluded[node.index()] = true);
        }
        forks.push(ForkChoice { split, branches: times.clone(), longest: times[longest].0 });
    }
    forks.sort_by_key(|choice| choice.split);

    let steps = steps_in_order(process, dominance.start(), &excluded, visits);
    let total = steps.iter().map(|&node| weighted(visits.of(node), minutes[node.index()])).sum();
    CriticalPath { minutes: total, steps, forks }
}

/// Lists each parallel split that runs, with the nodes of each branch up to
/// where the branches meet again, innermost splits first so that an outer
/// split weighs its branches with their own inner choices made.
fn parallel_regions(
    process: &Process,
    dominance: &Dominance,
    visits: &Visits,
) -> Vec<(NodeIndex, Vec<Branch>)> {
    let mut splits: Vec<(NodeIndex, Vec<Branch>)> = process
        .flow_nodes()
        .filter(|&node| {
            is_parallel_split(process, node) && visits.of(node) > 0.0 && visits.of(node).is_finite()
        })
        .map(|split| {
            let meet = dominance.immediate_post_dominator(split);
            let branches = successors(process, split)
                .into_iter()
                .filter(|&branch| Some(branch) != meet)
                .map(|branch| (branch, region(process, branch, meet)))
                .collect();
            (split, branches)
        })
        .collect();
    splits.sort_by_key(|(split, branches)| {
        (branches.iter().map(|(_, region)| region.len()).sum::<usize>(), *split)
    });
    splits
}

fn is_parallel_split(process: &Process, node: NodeIndex) -> bool {
    semantics::out_degree(process, node) >= 2 && semantics::output(process.node(node).kind) == Output::All
}

/// Collects the nodes `branch` reaches before `meet`, sorted.
fn region(process: &Process, branch: NodeIndex, meet: Option<NodeIndex>) -> Vec<NodeIndex> {
    let mut seen = vec![false; process.nodes.len()];
    let mut stack = vec![branch];
    seen[branch.index()] = true;
    let mut nodes = Vec::new();
    while let Some(node) = stack.pop() {
        nodes.push(node);
        for next in process.graph.neighbors_directed(node, Direction::Outgoing) {
            if Some(next) != meet && !seen[next.index()] {
                seen[next.index()] = true;
                stack.push(next);
            }
        }
    }
    nodes.sort();
    nodes
}

fn region_minutes(region: &[NodeIndex], excluded: &[bool], visits: &Visits, minutes: &[f64]) -> f64 {
    region
        .iter()
        .filter(|node| !excluded[node.index()])
        .map(|&node| weighted(visits.of(node), minutes[node.index()]))
        .sum()
}

/// Visits times minutes, where a step without duration adds nothing even
/// if it is visited without end.
fn weighted(visits: f64, minutes: f64) -> f64 {
    if minutes == 0.0 { 0.0 } else { visits * minutes }
}

/// Picks the branch with the longest time. Times equal but for rounding
/// count as a tie, which the first branch wins, so that the choice does
/// not depend on the order in which loops were solved.
fn longest_branch(times: &[(NodeIndex, f64)]) -> usize {
    let mut longest = 0;
    for (position, &(_, time)) in times.iter().enumerate() {
        if time > times[longest].1 + 1e-9 * times[longest].1.abs().max(1.0) {
            longest = position;
        }
    }
    longest
}

/// Lists the steps that run and are not on a shorter parallel branch, in
/// flow order.
fn steps_in_order(process: &Process, start: NodeIndex, excluded: &[bool], visits: &Visits) -> Vec<NodeIndex> {
    let mut steps = flow_order(process, start, |node| excluded[node.index()]);
    steps.retain(|&node| visits.of(node) > 0.0);
    steps
}
