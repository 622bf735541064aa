//! Soundness in the workflow-net sense: every case can finish, nothing is
//! left running when it finishes, and every step can run in some case.
//!
//! Structural rules decide what they decide exactly. A split and the join
//! that closes it (the join is the split's immediate post-dominator and
//! the split the join's immediate dominator) must be of one family, and a
//! loop must keep an exit with a probability above 0. Everything else
//! comes from exploring the token game of the Petri net ([`super::petri`]),
//! as far as its limits allow.

use std::collections::{BTreeSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Bfs, EdgeRef};

use super::dominators::{Dominance, paired_split};
use super::order::successors;
use super::petri::{self, Exploration, Limits, Marking, Net, Stop};
use super::semantics::{self, Family, Input};
use crate::model::{NodeKind, Process};

/// The effect on a case of a split closed by a join of another family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Some choice of the split leaves the join waiting forever.
    Deadlock,
    /// The join lets each parallel token through, so what follows runs
    /// once per branch.
    LackOfSynchronisation,
    /// An inclusive join over exclusive branches: it works, one branch at
    /// a time, but reads as if several could run.
    InclusiveOverExclusive,
    /// The kinds differ without changing what runs.
    Mismatch,
}

/// One soundness problem, with the nodes and flows that show it.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A split closed by a join of another family. The `path` leads from the
    /// start through the split to the join, along the branch that shows it.
    Unpaired { split: NodeIndex, join: NodeIndex, effect: Effect, path: Vec<NodeIndex> },
    /// Nothing can run and no end is reached: the case waits at `at`, with
    /// tokens on the `waiting` flows and none on the `missing` inputs.
    Deadlock { at: NodeIndex, path: Vec<NodeIndex>, waiting: Vec<usize>, missing: Vec<usize> },
    /// Steps can still run, but no end can be reached any more.
    Livelock { path: Vec<NodeIndex>, waiting: Vec<usize> },
    /// Two tokens of one case wait on `flow` after `node` passed on
    /// parallel work one token at a time.
    LackOfSynchronisation { node: NodeIndex, flow: usize, path: Vec<NodeIndex> },
    /// `end` is reached while tokens remain on the `running` flows, or
    /// while another end has been reached already.
    ImproperCompletion { end: NodeIndex, path: Vec<NodeIndex>, running: Vec<usize> },
    /// Steps that run in no case; `entry` is where the dead region starts.
    DeadSteps { entry: NodeIndex, nodes: Vec<NodeIndex> },
    /// Each round of firings leaves more tokens on the `grown` flows.
    Unbounded { path: Vec<NodeIndex>, round: Vec<NodeIndex>, grown: Vec<usize> },
    /// A loop whose every exit flow has probability 0.
    CertainRework { cycle: Vec<NodeIndex>, exits: Vec<usize> },
    /// The exploration stopped at a limit after `markings` markings;
    /// `crowded` is the flow that held too many tokens, if that was why.
    LimitReached { markings: usize, limits: Limits, crowded: Option<usize> },
}

/// The soundness findings of one process and the size of its exploration.
#[derive(Debug, Clone)]
pub struct Soundness {
    pub findings: Vec<Finding>,
    /// Markings explored; 0 when the structure already fails and the token
    /// game is not played.
    pub markings: usize,
    pub stop: Option<Stop>,
}

/// Checks the soundness of a process; `weights` are the branch shares of
/// [`super::visits::branch_weights`].
pub fn soundness(process: &Process, dominance: &Dominance, weights: &[f64], limits: Limits) -> Soundness {
    let mut findings = unpaired(process, dominance);
    findings.extend(certain_rework(process, dominance.start(), weights));
    if !explorable(process, dominance.start()) {
        return Soundness { findings, markings: 0, stop: None };
    }

    let net = Net::new(process, dominance.start());
    let exploration = petri::explore(&net, limits);
    let explained: BTreeSet<NodeIndex> = findings
        .iter()
        .filter_map(|finding| match finding {
            Finding::Unpaired { join, effect: Effect::Deadlock | Effect::LackOfSynchronisation, .. } => {
                Some(*join)
            }
            _ => None,
        })
        .collect();
    findings.extend(token_game_findings(process, &net, &exploration, &explained, limits));
    Soundness { findings, markings: exploration.markings.len(), stop: Some(exploration.stop) }
}

/// Splits closed by joins of another family.
fn unpaired(process: &Process, dominance: &Dominance) -> Vec<Finding> {
    let mut findings = Vec::new();
    for join in process.flow_nodes() {
        // Several flows into one end event end the case more than once,
        // which the token game reports as improper completion.
        if process.node(join).kind == NodeKind::End {
            continue;
        }
        let Some(join_family) = semantics::join_family(process, join) else { continue };
        let Some(split) = paired_split(process, dominance, join) else { continue };
        let Some(split_family) = semantics::split_family(process, split) else { continue };
        if split_family == join_family {
            continue;
        }
        let (effect, branch) = effect(process, split, join, (split_family, join_family));
        let mut path = shortest_path(process, dominance.start(), split).unwrap_or_default();
        path.extend(shortest_path(process, branch, join).unwrap_or_default());
        findings.push(Finding::Unpaired { split, join, effect, path });
    }
    findings
}

/// Classifies what a mismatched pair does, and picks the branch that shows it.
fn effect(
    process: &Process,
    split: NodeIndex,
    join: NodeIndex,
    families: (Family, Family),
) -> (Effect, NodeIndex) {
    let branches = successors(process, split);
    match families {
        (Family::Exclusive | Family::Inclusive, Family::Parallel) => {
            // A branch taken alone that cannot feed every input of the join
            // leaves it waiting.
            let inputs = semantics::in_degree(process, join);
            match branches.iter().find(|&&branch| inputs_fed(process, split, branch, join) < inputs) {
                Some(&branch) => (Effect::Deadlock, branch),
                None => (Effect::Mismatch, branches[0]),
            }
        }
        (Family::Parallel | Family::Inclusive, Family::Exclusive) => {
            (Effect::LackOfSynchronisation, branches[0])
        }
        (Family::Exclusive, Family::Inclusive) => (Effect::InclusiveOverExclusive, branches[0]),
        _ => (Effect::Mismatch, branches[0]),
    }
}

/// Counts the inputs of `join` that a token entering `branch` from `split` can
/// reach before the join.
fn inputs_fed(process: &Process, split: NodeIndex, branch: NodeIndex, join: NodeIndex) -> usize {
    if branch == join {
        return process.graph.edges_connecting(split, join).count();
    }
    let mut reached = vec![false; process.nodes.len()];
    let mut stack = vec![branch];
    reached[branch.index()] = true;
    while let Some(node) = stack.pop() {
        for next in process.graph.neighbors_directed(node, Direction::Outgoing) {
            if next != join && !reached[next.index()] {
                reached[next.index()] = true;
                stack.push(next);
            }
        }
    }
    process
        .graph
        .edges_directed(join, Direction::Incoming)
        .filter(|edge| reached[edge.source().index()])
        .count()
}

/// Loops that the case enters and never leaves, because every flow out of
/// them has probability 0: closed classes of the Markov chain that the
/// branch probabilities define.
fn certain_rework(process: &Process, start: NodeIndex, weights: &[f64]) -> Vec<Finding> {
    let positive = process.graph.filter_map(|_, _| Some(()), |_, &flow| (weights[flow] > 0.0).then_some(()));
    let mut reachable = vec![false; process.nodes.len()];
    let mut bfs = Bfs::new(&process.graph, start);
    while let Some(node) = bfs.next(&process.graph) {
        reachable[node.index()] = true;
    }

    let mut findings = Vec::new();
    for mut members in petgraph::algo::kosaraju_scc(&positive) {
        members.sort();
        let first = members[0];
        let looped = members.len() > 1 || positive.contains_edge(first, first);
        if !looped || !reachable[first.index()] {
            continue;
        }
        let outside =
            |edge: &petgraph::graph::EdgeReference<'_, usize>| members.binary_search(&edge.target()).is_err();
        let exits: Vec<usize> = members
            .iter()
            .flat_map(|&node| process.graph.edges_directed(node, Direction::Outgoing))
            .filter(outside)
            .map(|edge| *edge.weight())
            .collect();
        // No exit at all is a loop without an exit, reported on its own.
        if exits.is_empty() || exits.iter().any(|&flow| weights[flow] > 0.0) {
            continue;
        }
        let cycle = cycle_through(process, &members, weights);
        findings.push(Finding::CertainRework { cycle, exits: sorted(exits) });
    }
    findings
}

/// Finds a cycle from the first member back to it over flows with a probability
/// above 0, found breadth first so that it is a shortest one.
fn cycle_through(process: &Process, members: &[NodeIndex], weights: &[f64]) -> Vec<NodeIndex> {
    let first = members[0];
    let mut previous: Vec<Option<NodeIndex>> = vec![None; process.nodes.len()];
    let mut queue = VecDeque::from([first]);
    while let Some(node) = queue.pop_front() {
        for next in positive_successors(process, node, weights) {
            if members.binary_search(&next).is_err() {
                continue;
            }
            if next == first {
                let mut cycle = vec![node];
                while cycle[cycle.len() - 1] != first {
                    cycle.push(
                        previous[cycle[cycle.len() - 1].index()].expect("reached from the first member"),
                    );
                }
                cycle.reverse();
                cycle.push(first);
                return cycle;
            }
            if previous[next.index()].is_none() {
                previous[next.index()] = Some(node);
                queue.push_back(next);
            }
        }
    }
    vec![first]
}

/// Successors over flows with a probability above 0, in flow order.
fn positive_successors(process: &Process, node: NodeIndex, weights: &[f64]) -> Vec<NodeIndex> {
    let mut flows: Vec<(usize, NodeIndex)> = process
        .graph
        .edges_directed(node, Direction::Outgoing)
        .filter(|edge| weights[*edge.weight()] > 0.0)
        .map(|edge| (*edge.weight(), edge.target()))
        .collect();
    flows.sort();
    flows.into_iter().map(|(_, target)| target).collect()
}

/// Returns true when the structure lets the token game mean something. It
/// needs one start, an end, no flow into a start or out of an end, no
/// self-loop, and a way to an end from every step the start reaches.
/// Otherwise the structure checks already report why cases cannot finish.
fn explorable(process: &Process, start: NodeIndex) -> bool {
    let starts = process.flow_nodes().filter(|&node| process.node(node).kind == NodeKind::Start).count();
    let ends = semantics::ends(process);
    let flows_valid = process.flows.iter().all(|flow| {
        let (from, to) = (&process.nodes[flow.from], &process.nodes[flow.to]);
        flow.from != flow.to
            && from.kind != NodeKind::End
            && to.kind != NodeKind::Start
            && from.kind.is_flow_node()
            && to.kind.is_flow_node()
    });
    if starts != 1 || ends.is_empty() || !flows_valid {
        return false;
    }

    let mut reaches_end = vec![false; process.nodes.len()];
    let reversed = petgraph::visit::Reversed(&process.graph);
    for end in ends {
        let mut bfs = Bfs::new(reversed, end);
        while let Some(node) = bfs.next(reversed) {
            reaches_end[node.index()] = true;
        }
    }
    let mut bfs = Bfs::new(&process.graph, start);
    while let Some(node) = bfs.next(&process.graph) {
        if !reaches_end[node.index()] {
            return false;
        }
    }
    true
}

/// Collects the findings of the token game: deadlocks, growth without bound, lack
/// of synchronisation, improper completion, livelocks and dead steps.
/// Joins already explained by a structural rule are not reported again,
/// and consequences of an earlier finding are left out: improper
/// completions after a lack of synchronisation, everything after growth.
fn token_game_findings(
    process: &Process,
    net: &Net<'_>,
    exploration: &Exploration,
    explained: &BTreeSet<NodeIndex>,
    limits: Limits,
) -> Vec<Finding> {
    let mut findings = deadlocks(process, net, exploration, explained);
    match exploration.stop {
        Stop::Unbounded { from, to } => {
            findings.push(unbounded(net, exploration, from, to));
            return findings;
        }
        Stop::TokenLimit { place, .. } => findings.push(Finding::LimitReached {
            markings: exploration.markings.len(),
            limits,
            crowded: net.flow(place),
        }),
        Stop::MarkingLimit => findings.push(Finding::LimitReached {
            markings: exploration.markings.len(),
            limits,
            crowded: None,
        }),
        Stop::Complete => {}
    }

    let unsynchronised = lack_of_synchronisation(process, net, exploration, explained);
    let structural_sync = process
        .flow_nodes()
        .any(|node| explained.contains(&node) && semantics::input(process.node(node).kind) == Input::Any);
    if unsynchronised.is_empty() && !structural_sync {
        findings.extend(improper_completions(process, net, exploration));
    }
    findings.extend(unsynchronised);

    if exploration.is_complete() {
        let stuck = exploration
            .dead
            .iter()
            .any(|&id| petri::count(&exploration.markings[id as usize], net.sink) == 0);
        if !stuck {
            findings.extend(livelock(net, exploration));
        }
        findings.extend(dead_steps(process, net.start, exploration));
    }
    findings
}

/// Dead markings without a token on the sink: one finding per node the
/// case waits at.
fn deadlocks(
    process: &Process,
    net: &Net<'_>,
    exploration: &Exploration,
    explained: &BTreeSet<NodeIndex>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut reported = BTreeSet::new();
    for &id in &exploration.dead {
        let marking = &exploration.markings[id as usize];
        if petri::count(marking, net.sink) > 0 {
            continue;
        }
        let waiting = flows_of(net, marking);
        let Some(at) = waiting_at(process, &waiting) else { continue };
        if explained.contains(&at) || !reported.insert(at) {
            continue;
        }
        let missing = process
            .graph
            .edges_directed(at, Direction::Incoming)
            .map(|edge| *edge.weight())
            .filter(|flow| !waiting.contains(flow))
            .collect();
        findings.push(Finding::Deadlock {
            at,
            path: exploration.path_to(id),
            waiting,
            missing: sorted(missing),
        });
    }
    findings
}

/// Picks the node a stuck case waits at: the first join among the targets
/// of the waiting flows. A step that runs on any one token cannot be among
/// them, because with a token waiting it could run.
fn waiting_at(process: &Process, waiting: &[usize]) -> Option<NodeIndex> {
    let targets = || waiting.iter().map(|&flow| NodeIndex::new(process.flows[flow].to));
    targets()
        .find(|&node| semantics::input(process.node(node).kind) != Input::Any)
        .or_else(|| targets().next())
}

/// Markings where two tokens wait on one flow, first produced by a node
/// that merges flows without synchronising them. Later steps that run
/// twice because of it are consequences, not new findings.
fn lack_of_synchronisation(
    process: &Process,
    net: &Net<'_>,
    exploration: &Exploration,
    explained: &BTreeSet<NodeIndex>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut reported = BTreeSet::new();
    for (id, marking) in exploration.markings.iter().enumerate() {
        let Some(&(place, _)) =
            marking.iter().find(|&&(place, tokens)| tokens >= 2 && net.flow(place).is_some())
        else {
            continue;
        };
        let Some((_, node)) = exploration.parents[id] else { continue };
        let merges = semantics::in_degree(process, node) >= 2
            && semantics::input(process.node(node).kind) == Input::Any;
        if !merges || explained.contains(&node) || !reported.insert(node) {
            continue;
        }
        let flow = net.flow(place).expect("checked to be a flow");
        findings.push(Finding::LackOfSynchronisation { node, flow, path: exploration.path_to(id as u32) });
    }
    findings
}

/// Markings where an end has been reached and other tokens remain, or an
/// end was reached twice: one finding per end event.
fn improper_completions(process: &Process, net: &Net<'_>, exploration: &Exploration) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut reported = BTreeSet::new();
    for (id, marking) in exploration.markings.iter().enumerate() {
        let ended = petri::count(marking, net.sink);
        if ended == 0 || petri::total(marking) == 1 {
            continue;
        }
        let Some((_, end)) = exploration.parents[id] else { continue };
        if process.node(end).kind != NodeKind::End || !reported.insert(end) {
            continue;
        }
        findings.push(Finding::ImproperCompletion {
            end,
            path: exploration.path_to(id as u32),
            running: flows_of(net, marking),
        });
    }
    findings
}

/// Finds the first marking, in breadth-first order, from which no marking with
/// a token on the sink can be reached although steps can still run.
fn livelock(net: &Net<'_>, exploration: &Exploration) -> Option<Finding> {
    let count = exploration.markings.len();
    let mut before: Vec<Vec<u32>> = vec![Vec::new(); count];
    for &(from, _, to) in &exploration.firings {
        before[to as usize].push(from);
    }
    let mut can_finish = vec![false; count];
    let mut queue: VecDeque<u32> = VecDeque::new();
    for (id, marking) in exploration.markings.iter().enumerate() {
        if petri::count(marking, net.sink) > 0 {
            can_finish[id] = true;
            queue.push_back(id as u32);
        }
    }
    while let Some(id) = queue.pop_front() {
        for &earlier in &before[id as usize] {
            if !can_finish[earlier as usize] {
                can_finish[earlier as usize] = true;
                queue.push_back(earlier);
            }
        }
    }

    let id = can_finish.iter().position(|&finishes| !finishes)?;
    let marking = &exploration.markings[id];
    Some(Finding::Livelock { path: exploration.path_to(id as u32), waiting: flows_of(net, marking) })
}

/// Steps the start reaches in the graph that never fire in the token game,
/// grouped into connected regions.
fn dead_steps(process: &Process, start: NodeIndex, exploration: &Exploration) -> Vec<Finding> {
    let mut dead = vec![false; process.nodes.len()];
    let mut bfs = Bfs::new(&process.graph, start);
    while let Some(node) = bfs.next(&process.graph) {
        dead[node.index()] = !exploration.fired[node.index()];
    }

    let mut findings = Vec::new();
    let mut grouped = vec![false; process.nodes.len()];
    for seed in process.flow_nodes() {
        if !dead[seed.index()] || grouped[seed.index()] {
            continue;
        }
        let nodes = dead_region(process, seed, &dead, &mut grouped);
        let entry = nodes
            .iter()
            .copied()
            .find(|&node| {
                process
                    .graph
                    .neighbors_directed(node, Direction::Incoming)
                    .any(|before| !dead[before.index()])
            })
            .unwrap_or(nodes[0]);
        findings.push(Finding::DeadSteps { entry, nodes });
    }
    findings
}

/// Collects the dead nodes connected to `seed` by flows in either direction, sorted.
fn dead_region(process: &Process, seed: NodeIndex, dead: &[bool], grouped: &mut [bool]) -> Vec<NodeIndex> {
    let mut nodes = vec![seed];
    grouped[seed.index()] = true;
    let mut position = 0;
    while position < nodes.len() {
        let node = nodes[position];
        position += 1;
        for next in process.graph.neighbors_undirected(node) {
            if dead[next.index()] && !grouped[next.index()] {
                grouped[next.index()] = true;
                nodes.push(next);
            }
        }
    }
    nodes.sort();
    nodes
}

fn unbounded(net: &Net<'_>, exploration: &Exploration, from: u32, to: u32) -> Finding {
    let (older, newer) = (&exploration.markings[from as usize], &exploration.markings[to as usize]);
    let grown = newer
        .iter()
        .filter(|&&(place, tokens)| tokens > petri::count(older, place))
        .filter_map(|&(place, _)| net.flow(place))
        .collect();
    Finding::Unbounded { path: exploration.path_to(from), round: exploration.path_between(from, to), grown }
}

/// Lists the flows that have tokens in a marking, in flow order.
fn flows_of(net: &Net<'_>, marking: &Marking) -> Vec<usize> {
    marking.iter().filter_map(|&(place, _)| net.flow(place)).collect()
}

fn sorted(mut flows: Vec<usize>) -> Vec<usize> {
    flows.sort_unstable();
    flows.dedup();
    flows
}

/// Finds the shortest path from `from` to `to`, both included, in flow order.
fn shortest_path(process: &Process, from: NodeIndex, to: NodeIndex) -> Option<Vec<NodeIndex>> {
    let mut previous: Vec<Option<NodeIndex>> = vec![None; process.nodes.len()];
    let mut seen = vec![false; process.nodes.len()];
    let mut queue = VecDeque::from([from]);
    seen[from.index()] = true;
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            while let Some(before) = previous[path[path.len() - 1].index()] {
                path.push(before);
            }
            path.reverse();
            return Some(path);
        }
        for next in successors(process, node) {
            if !seen[next.index()] {
                seen[next.index()] = true;
                previous[next.index()] = Some(node);
                queue.push_back(next);
            }
        }
    }
    None
}
