//! Dominators from the start and post-dominators towards the ends.
//!
//! A node `d` dominates `n` when every path from the start to `n` passes
//! `d`. A node `p` post-dominates `n` when every path from `n` to an end
//! passes `p`. Post-dominators are the dominators of the reversed graph, rooted at
//! a virtual sink that every end event flows into, so that a process with
//! several ends has one root.

use petgraph::algo::dominators::{self, Dominators};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Reversed;

use super::semantics;
use crate::model::Process;

/// The dominator and post-dominator trees of one process.
#[derive(Debug, Clone)]
pub struct Dominance {
    start: NodeIndex,
    /// The immediate dominator of each node; `None` for the start and for
    /// nodes the start cannot reach.
    idom: Vec<Option<NodeIndex>>,
    /// The immediate post-dominator of each node; `None` when only the
    /// virtual sink post-dominates it, or when it reaches no end.
    ipdom: Vec<Option<NodeIndex>>,
    /// Nodes on every path from the start to an end, in path order.
    on_every_path: Vec<NodeIndex>,
}

impl Dominance {
    /// Computes both trees, or returns `None` for a process without a start.
    pub fn compute(process: &Process) -> Option<Self> {
        let start = semantics::start(process)?;
        let (graph, sink) = with_sink(process);

        let forward = dominators::simple_fast(&graph, start);
        let backward = dominators::simple_fast(Reversed(&graph), sink);
        let real = |node: Option<NodeIndex>| node.filter(|&node| node != sink);
        let count = process.nodes.len();
        let idom = (0..count).map(|i| real(forward.immediate_dominator(NodeIndex::new(i)))).collect();
        let ipdom = (0..count).map(|i| real(backward.immediate_dominator(NodeIndex::new(i)))).collect();

        Some(Dominance { start, idom, ipdom, on_every_path: path_dominators(&forward, sink) })
    }

    /// Returns the start event the trees are rooted at.
    pub fn start(&self) -> NodeIndex {
        self.start
    }

    pub fn immediate_dominator(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.idom[node.index()]
    }

    pub fn immediate_post_dominator(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.ipdom[node.index()]
    }

    /// True when every path from the start to `node` passes `dominator`.
    pub fn dominates(&self, dominator: NodeIndex, node: NodeIndex) -> bool {
        let mut current = Some(node);
        while let Some(here) = current {
            if here == dominator {
                return true;
            }
            current = self.idom[here.index()];
        }
        false
    }

    /// True when every path from `node` to an end passes `post_dominator`.
    pub fn post_dominates(&self, post_dominator: NodeIndex, node: NodeIndex) -> bool {
        let mut current = Some(node);
        while let Some(here) = current {
            if here == post_dominator {
                return true;
            }
            current = self.ipdom[here.index()];
        }
        false
    }

    /// Lists the nodes on every path from the start to an end, in path order.
    /// Steps inside parallel branches are not among them, because a path
    /// follows one branch; see [`super::key_nodes::must_pass`].
    pub fn on_every_path(&self) -> &[NodeIndex] {
        &self.on_every_path
    }
}

/// Copies the control-flow graph and adds a virtual sink after every end
/// event. The sink is the last node.
fn with_sink(process: &Process) -> (DiGraph<(), ()>, NodeIndex) {
    let mut graph = process.graph.map(|_, _| (), |_, _| ());
    let sink = graph.add_node(());
    for end in semantics::ends(process) {
        graph.add_edge(end, sink, ());
    }
    (graph, sink)
}

/// Lists the strict dominators of the sink, from the start onwards; empty when
/// no end can be reached.
fn path_dominators(forward: &Dominators<NodeIndex>, sink: NodeIndex) -> Vec<NodeIndex> {
    let Some(chain) = forward.strict_dominators(sink) else { return Vec::new() };
    let mut nodes: Vec<NodeIndex> = chain.collect();
    nodes.reverse();
    nodes
}

/// Finds the split that a join closes: its immediate dominator, when that node
/// splits and has the join as its immediate post-dominator. The pair then
/// bounds a fragment with one way in and one way out.
pub fn paired_split(process: &Process, dominance: &Dominance, join: NodeIndex) -> Option<NodeIndex> {
    if semantics::in_degree(process, join) < 2 {
        return None;
    }
    let split = dominance.immediate_dominator(join)?;
    let closes =
        semantics::out_degree(process, split) >= 2 && dominance.immediate_post_dominator(split) == Some(join);
    closes.then_some(split)
}
