//! The Petri-net translation of a process, and an exhaustive, bounded
//! exploration of its token game.
//!
//! Every flow is a place. A source place feeds the start event, and every
//! end event puts its token into one shared sink place. Every node is a
//! transition with the input and output rules of [`super::semantics`]. A
//! decision fires once per branch it may take, and an inclusive split once
//! per non-empty set of branches, so the exploration covers every choice.
//! Probabilities play no part: a branch with 0% is still possible.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::semantics::{self, Input, Output};
use crate::model::Process;

/// A place of the net: flow `i` is place `i`, then the source and the sink.
pub type Place = u32;

/// The places that hold tokens, with their counts, sorted by place.
pub type Marking = Vec<(Place, u32)>;

/// The limits at which the exploration stops and reports that it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The maximum number of distinct markings explored.
    pub max_markings: usize,
    /// The maximum number of tokens on one place.
    pub max_tokens: u32,
    /// The maximum number of marked places summed over all markings kept,
    /// which bounds memory when a process has thousands of parallel flows.
    pub max_stored_places: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_markings: 100_000, max_tokens: 16, max_stored_places: 5_000_000 }
    }
}

/// Growth is recognised when a marking covers one of at most this many
/// markings before it on its path. A loop that needs more firings per round
/// to grow is caught by the token limit instead.
pub const COVER_WINDOW: usize = 10_000;

/// A marking with more strictly smaller markings than this is compared
/// with the markings on its path instead of looking each smaller one up.
/// Twelve places with one token each have 4,095 smaller markings.
const MAX_SMALLER_MARKINGS: u64 = 4_096;

/// Inclusive splits with up to this many branches are explored with every
/// non-empty choice of branches.
pub const MAX_SUBSET_BRANCHES: usize = 12;

/// The net of one process.
#[derive(Debug)]
pub struct Net<'a> {
    process: &'a Process,
    pub start: NodeIndex,
    pub source: Place,
    pub sink: Place,
    inputs: Vec<Vec<Place>>,
    outputs: Vec<Vec<Place>>,
    /// The node each place leads into; `None` for the sink.
    consumer: Vec<Option<NodeIndex>>,
    /// For inclusive joins, one set per input place: the places from which
    /// a token can still reach that input without passing the join.
    upstream: HashMap<NodeIndex, Vec<Vec<bool>>>,
    /// True when a loop contains a parallel or inclusive split, the only
    /// way the number of tokens can grow without bound.
    may_grow: bool,
}

impl<'a> Net<'a> {
    /// Translates a process whose start is `start`.
    pub fn new(process: &'a Process, start: NodeIndex) -> Self {
        let flows = process.flows.len() as Place;
        let (source, sink) = (flows, flows + 1);
        let mut inputs = vec![Vec::new(); process.nodes.len()];
        let mut outputs = vec![Vec::new(); process.nodes.len()];
        let mut consumer = vec![None; process.flows.len() + 2];
        for (index, flow) in process.flows.iter().enumerate() {
            outputs[flow.from].push(index as Place);
            inputs[flow.to].push(index as Place);
            consumer[index] = Some(NodeIndex::new(flow.to));
        }
        inputs[start.index()].push(source);
        consumer[source as usize] = Some(start);
        for end in semantics::ends(process) {
            outputs[end.index()].push(sink);
        }

        let mut net = Net {
            process,
            start,
            source,
            sink,
            inputs,
            outputs,
            consumer,
            upstream: HashMap::new(),
            may_grow: false,
        };
        net.upstream = inclusive_upstream(&net);
        net.may_grow = may_grow(process);
        net
    }

    /// Returns the flow that a place is, if it is one.
    pub fn flow(&self, place: Place) -> Option<usize> {
        ((place as usize) < self.process.flows.len()).then_some(place as usize)
    }

    /// Lists every firing enabled in `marking`, as the node fired and the marking
    /// it leads to, in node order.
    pub fn firings(&self, marking: &Marking, out: &mut Vec<(NodeIndex, Marking)>) {
        let mut nodes: Vec<NodeIndex> =
            marking.iter().filter_map(|&(place, _)| self.consumer[place as usize]).collect();
        nodes.sort_unstable();
        nodes.dedup();
        for node in nodes {
            for consumed in self.bindings(node, marking) {
                for produced in self.productions(node) {
                    out.push((node, apply(marking, &consumed, &produced)));
                }
            }
        }
    }

    /// Lists the sets of input places a node can consume from in `marking`.
    fn bindings(&self, node: NodeIndex, marking: &Marking) -> Vec<Vec<Place>> {
        let inputs = &self.inputs[node.index()];
        let marked: Vec<Place> = inputs.iter().copied().filter(|&place| count(marking, place) > 0).collect();
        match semantics::input(self.process.node(node).kind) {
            Input::Any => marked.into_iter().map(|place| vec![place]).collect(),
            Input::All if marked.len() == inputs.len() => vec![marked],
            Input::All => Vec::new(),
            Input::Inclusive if !marked.is_empty() && self.inclusive_ready(node, marking) => vec![marked],
            Input::Inclusive => Vec::new(),
        }
    }

    /// Applies the BPMN 2.0 inclusive-join rule: every empty input must be
    /// out of reach of every token in the marking.
    fn inclusive_ready(&self, node: NodeIndex, marking: &Marking) -> bool {
        let Some(upstream) = self.upstream.get(&node) else { return true };
        self.inputs[node.index()].iter().zip(upstream).all(|(&input, reach)| {
            count(marking, input) > 0 || marking.iter().all(|&(place, _)| !reach[place as usize])
        })
    }

    /// Lists the sets of output places a node can produce into.
    fn productions(&self, node: NodeIndex) -> Vec<Vec<Place>> {
        let outputs = &self.outputs[node.index()];
        if outputs.len() < 2 {
            return vec![outputs.clone()];
        }
        match semantics::output(self.process.node(node).kind) {
            Output::All => vec![outputs.clone()],
            Output::One => outputs.iter().map(|&place| vec![place]).collect(),
            Output::Some => subsets(outputs),
        }
    }
}

/// Lists every non-empty subset of the places, in binary counting order.
fn subsets(places: &[Place]) -> Vec<Vec<Place>> {
    if places.len() > MAX_SUBSET_BRANCHES {
        // NOTE: past this size the choices are too many to list, so only
        // each single branch and all branches together are explored.
        let mut choices: Vec<Vec<Place>> = places.iter().map(|&place| vec![place]).collect();
        choices.push(places.to_vec());
        return choices;
    }
    (1u32..(1 << places.len()))
        .map(|mask| (0..places.len()).filter(|bit| mask & (1 << bit) != 0).map(|bit| places[bit]).collect())
        .collect()
}

/// Counts the tokens on one place.
pub fn count(marking: &Marking, place: Place) -> u32 {
    marking.binary_search_by_key(&place, |&(p, _)| p).map_or(0, |i| marking[i].1)
}

/// Counts all tokens of a marking.
pub fn total(marking: &Marking) -> u32 {
    marking.iter().map(|&(_, tokens)| tokens).sum()
}

fn apply(marking: &Marking, consumed: &[Place], produced: &[Place]) -> Marking {
    let mut next = marking.clone();
    for &place in consumed {
        if let Ok(i) = next.binary_search_by_key(&place, |&(p, _)| p) {
            next[i].1 -= 1;
            if next[i].1 == 0 {
                next.remove(i);
            }
        }
    }
    for &place in produced {
        match next.binary_search_by_key(&place, |&(p, _)| p) {
            Ok(i) => next[i].1 += 1,
            Err(i) => next.insert(i, (place, 1)),
        }
    }
    next
}

/// Returns true when `larger` has at least the tokens of `smaller` on every place.
fn covers(larger: &Marking, smaller: &Marking) -> bool {
    smaller.iter().all(|&(place, tokens)| count(larger, place) >= tokens)
}

/// For each inclusive join and each of its inputs, the places whose token
/// can reach that input without passing the join.
fn inclusive_upstream(net: &Net<'_>) -> HashMap<NodeIndex, Vec<Vec<bool>>> {
    let process = net.process;
    let mut upstream = HashMap::new();
    for join in process.flow_nodes() {
        if semantics::input(process.node(join).kind) != Input::Inclusive || net.inputs[join.index()].len() < 2
        {
            continue;
        }
        let sets = net.inputs[join.index()]
            .iter()
            .map(|&input| places_reaching(net, join, NodeIndex::new(process.flows[input as usize].from)))
            .collect();
        upstream.insert(join, sets);
    }
    upstream
}

/// Marks the places before the nodes that can reach `from` without passing `join`.
fn places_reaching(net: &Net<'_>, join: NodeIndex, from: NodeIndex) -> Vec<bool> {
    let process = net.process;
    let mut reaches = vec![false; process.nodes.len()];
    let mut stack = Vec::new();
    if from != join {
        reaches[from.index()] = true;
        stack.push(from);
    }
    while let Some(node) = stack.pop() {
        for edge in process.graph.edges_directed(node, Direction::Incoming) {
            let before = edge.source();
            if before != join && !reaches[before.index()] {
                reaches[before.index()] = true;
                stack.push(before);
            }
        }
    }
    (0..net.consumer.len())
        .map(|place| net.consumer[place].is_some_and(|node| reaches[node.index()]))
        .collect()
}

/// True when some loop of the process passes a parallel or inclusive
/// split. Without one, every token a split adds is spent before the case
/// can come back to it, so the net is bounded.
fn may_grow(process: &Process) -> bool {
    petgraph::algo::kosaraju_scc(&process.graph).iter().any(|component| {
        let looped = component.len() > 1 || process.graph.contains_edge(component[0], component[0]);
        looped && component.iter().any(|&node| semantics::multiplies(process, node))
    })
}

/// The reason an exploration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Every reachable marking was explored.
    Complete,
    /// [`Limits::max_markings`] markings were found before the end.
    MarkingLimit,
    /// A place of marking `marking` has more than [`Limits::max_tokens`] tokens.
    TokenLimit { marking: u32, place: Place },
    /// Marking `to` covers marking `from` before it on its path and has more
    /// tokens, so repeating the firings between them grows the case forever.
    Unbounded { from: u32, to: u32 },
}

/// The part of the reachability graph explored.
#[derive(Debug, Clone)]
pub struct Exploration {
    /// In breadth-first order: the first marking is the initial one.
    pub markings: Vec<Marking>,
    /// For each marking, the marking it was first reached from and the node fired.
    pub parents: Vec<Option<(u32, NodeIndex)>>,
    /// Every firing explored: from, node, to.
    pub firings: Vec<(u32, NodeIndex, u32)>,
    /// Markings in which nothing can fire.
    pub dead: Vec<u32>,
    /// By node: whether it fired anywhere in the explored part.
    pub fired: Vec<bool>,
    pub stop: Stop,
}

impl Exploration {
    pub fn is_complete(&self) -> bool {
        self.stop == Stop::Complete
    }

    /// Lists the nodes fired, in order, on the first path found to `marking`.
    pub fn path_to(&self, marking: u32) -> Vec<NodeIndex> {
        self.path_between(0, marking)
    }

    /// Lists the nodes fired from `from` to `to` along the first-found path,
    /// where `from` is on the path to `to`.
    pub fn path_between(&self, from: u32, to: u32) -> Vec<NodeIndex> {
        let mut nodes = Vec::new();
        let mut current = to;
        while current != from {
            let Some((parent, node)) = self.parents[current as usize] else { break };
            nodes.push(node);
            current = parent;
        }
        nodes.reverse();
        nodes
    }
}

/// Explores the token game breadth first from one token on the source, so
/// that each marking's first-found path is a shortest one.
pub fn explore(net: &Net<'_>, limits: Limits) -> Exploration {
    let initial: Marking = vec![(net.source, 1)];
    let mut search = Search {
        found: Exploration {
            markings: vec![initial.clone()],
            parents: vec![None],
            firings: Vec::new(),
            dead: Vec::new(),
            fired: vec![false; net.process.nodes.len()],
            stop: Stop::Complete,
        },
        index: HashMap::from([(initial, 0)]),
        depths: vec![0],
        stored_places: 1,
    };
    let mut next_firings = Vec::new();

    let mut current = 0;
    while current < search.found.markings.len() {
        next_firings.clear();
        net.firings(&search.found.markings[current], &mut next_firings);
        if next_firings.is_empty() {
            search.found.dead.push(current as u32);
        }
        for (node, next) in next_firings.drain(..) {
            search.found.fired[node.index()] = true;
            let target = match search.index.get(&next) {
                Some(&known) => known,
                None => match search.add(net, limits, current as u32, node, next) {
                    Ok(added) => added,
                    Err(stop) => {
                        search.found.stop = stop;
                        return search.found;
                    }
                },
            };
            search.found.firings.push((current as u32, node, target));
        }
        current += 1;
    }
    search.found
}

/// The state of one exploration.
struct Search {
    found: Exploration,
    index: HashMap<Marking, u32>,
    /// By marking: the number of firings on its first-found path.
    depths: Vec<u32>,
    /// Marked places summed over the markings kept.
    stored_places: usize,
}

impl Search {
    /// Records a new marking, or returns why the exploration must stop.
    fn add(
        &mut self,
        net: &Net<'_>,
        limits: Limits,
        parent: u32,
        node: NodeIndex,
        marking: Marking,
    ) -> Result<u32, Stop> {
        if self.found.markings.len() >= limits.max_markings {
            return Err(Stop::MarkingLimit);
        }
        self.stored_places += marking.len();
        if self.stored_places > limits.max_stored_places {
            return Err(Stop::MarkingLimit);
        }
        let id = self.found.markings.len() as u32;
        let crowded =
            marking.iter().find(|&&(_, tokens)| tokens > limits.max_tokens).map(|&(place, _)| place);
        self.index.insert(marking.clone(), id);
        self.found.markings.push(marking);
        self.found.parents.push(Some((parent, node)));
        self.depths.push(self.depths[parent as usize] + 1);

        if let Some(place) = crowded {
            return Err(Stop::TokenLimit { marking: id, place });
        }
        if net.may_grow {
            if let Some(from) = self.covered_ancestor(id) {
                return Err(Stop::Unbounded { from, to: id });
            }
        }
        Ok(id)
    }

    /// Finds a marking on the path to `marking` that it strictly covers.
    /// Each strictly smaller marking is looked up among those found, and a
    /// hit is kept if it lies on the path. A marking with very many smaller
    /// ones is compared with the markings on its path instead.
    fn covered_ancestor(&self, marking: u32) -> Option<u32> {
        let newest = &self.found.markings[marking as usize];
        let smaller =
            newest.iter().fold(1u64, |product, &(_, tokens)| product.saturating_mul(u64::from(tokens) + 1))
                - 1;
        if smaller > MAX_SMALLER_MARKINGS {
            return self.walk_for_cover(marking);
        }

        let mut counts = vec![0u32; newest.len()];
        while advance(&mut counts, newest) {
            let candidate: Marking = newest
                .iter()
                .zip(&counts)
                .filter(|&(_, &count)| count > 0)
                .map(|(&(place, _), &count)| (place, count))
                .collect();
            if candidate == *newest {
                continue;
            }
            if let Some(&earlier) = self.index.get(&candidate) {
                if self.is_ancestor(earlier, marking) {
                    return Some(earlier);
                }
            }
        }
        None
    }

    /// True when `earlier` is on the first-found path to `marking`, within
    /// [`COVER_WINDOW`] firings.
    fn is_ancestor(&self, earlier: u32, marking: u32) -> bool {
        let target = self.depths[earlier as usize];
        let mut current = marking;
        for _ in 0..COVER_WINDOW {
            if self.depths[current as usize] <= target {
                return current == earlier;
            }
            let Some((parent, _)) = self.found.parents[current as usize] else { return false };
            current = parent;
        }
        false
    }

    /// Compares a marking with each of up to [`COVER_WINDOW`] markings
    /// before it on its path.
    fn walk_for_cover(&self, marking: u32) -> Option<u32> {
        let newest = &self.found.markings[marking as usize];
        let tokens = total(newest);
        let mut current = self.found.parents[marking as usize].map(|(parent, _)| parent);
        for _ in 0..COVER_WINDOW {
            let ancestor = current?;
            let older = &self.found.markings[ancestor as usize];
            if total(older) < tokens && covers(newest, older) {
                return Some(ancestor);
            }
            current = self.found.parents[ancestor as usize].map(|(parent, _)| parent);
        }
        None
    }
}

/// Steps `counts` to the next vector below the marking's counts, in mixed
/// radix; returns false after the last one.
fn advance(counts: &mut [u32], marking: &Marking) -> bool {
    for (count, &(_, tokens)) in counts.iter_mut().zip(marking) {
        if *count < tokens {
            *count += 1;
            return true;
        }
        *count = 0;
    }
    false
}
