//! Processes: their nodes, flows and graph.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::{Distribution, Money, Origin, RoleId};
use crate::source::{FileId, Span};
pub use crate::syntax::ast::NodeKind;

/// Index of a process in [`super::Model::processes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProcessId(pub usize);

/// A business process.
#[derive(Debug, Clone)]
pub struct Process {
    pub id: String,
    pub title: Option<String>,
    pub doc: Option<String>,
    pub origin: Origin,
    /// True for a process written in the short form, whose nodes are
    /// declared by the flows that name them.
    pub short_form: bool,
    /// True when a flow names a step that does not exist, so the graph
    /// lacks that flow and graph checks would report its absence again.
    pub incomplete: bool,
    pub owner: Option<RoleId>,
    pub purpose: Option<String>,
    pub scope: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    /// Lane order, when declared.
    pub lanes: Vec<RoleId>,
    /// Nodes in declaration order; `nodes[i]` is node `NodeIndex::new(i)` of `graph`.
    pub nodes: Vec<Node>,
    /// Flows in the order written; `flows[i]` is edge `EdgeIndex::new(i)` of `graph`.
    pub flows: Vec<Flow>,
    /// The control-flow graph. Documents, stores and notes are nodes without edges.
    pub graph: DiGraph<usize, usize>,
    /// Node ids to their index in `nodes`, so that resolving the flows of
    /// a large process stays linear.
    pub(crate) node_ids: HashMap<String, usize>,
}

impl Process {
    /// Returns the display title, or the id when the process has none.
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }

    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.nodes[index.index()]
    }

    pub fn flow(&self, index: EdgeIndex) -> &Flow {
        &self.flows[index.index()]
    }

    /// Finds a node by id.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.node_ids.get(id).copied().map(NodeIndex::new)
    }

    /// Adds a node whose id is not yet taken and returns its index.
    pub(crate) fn push_node(&mut self, node: Node) -> usize {
        let index = self.nodes.len();
        self.node_ids.insert(node.id.clone(), index);
        self.nodes.push(node);
        index
    }

    /// Nodes that take part in the control flow.
    pub fn flow_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.nodes.len()).map(NodeIndex::new).filter(|&index| self.node(index).kind.is_flow_node())
    }

    /// Key nodes in declaration order, the order they are numbered in.
    pub fn key_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.nodes.len()).map(NodeIndex::new).filter(|&index| self.node(index).key.is_some())
    }
}

/// The BPR value class of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueClass {
    /// Customer value-added.
    Cva,
    /// Business value-added.
    Bva,
    /// Non-value-added.
    Nva,
}

/// The reason a node is a key node, and the place it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyNode {
    pub reason: Option<String>,
    pub file: FileId,
    pub span: Span,
}

/// A node of a process.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub label: Option<String>,
    pub kind: NodeKind,
    pub doc: Option<String>,
    /// The place the node was declared, or for a short-form node its first mention.
    pub origin: Origin,
    /// False for short-form nodes, declared by the flows that name them.
    pub declared: bool,
    /// How many times a short-form node is named in flows.
    pub mentions: usize,
    pub role: Option<RoleId>,
    /// The span of `role:`, kept even when the role is unknown.
    pub role_span: Option<Span>,
    pub duration: Option<Distribution>,
    pub cost: Option<Money>,
    pub value: Option<ValueClass>,
    pub reads: Vec<usize>,
    pub writes: Vec<usize>,
    pub tools: Vec<String>,
    /// Time target in minutes.
    pub target: Option<f64>,
    pub accountable: Option<RoleId>,
    pub consulted: Vec<RoleId>,
    pub informed: Vec<RoleId>,
    pub key: Option<KeyNode>,
    /// When the step applies, from `when:`: a step that only some cases
    /// pass, such as an approval above an amount.
    pub condition: Option<String>,
    pub description: Option<String>,
    pub phase: Option<String>,
    /// For a `call`: the process it calls.
    pub calls: Option<super::ProcessId>,
    /// For a `note`: the node it is attached to.
    pub note_on: Option<usize>,
}

impl Node {
    /// Returns the label, or the id when the node has none.
    pub fn display_name(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    pub(crate) fn new(id: String, label: Option<String>, kind: NodeKind, origin: Origin) -> Self {
        Node {
            id,
            label,
            kind,
            doc: None,
            origin,
            declared: true,
            mentions: 0,
            role: None,
            role_span: None,
            duration: None,
            cost: None,
            value: None,
            reads: Vec::new(),
            writes: Vec::new(),
            tools: Vec::new(),
            target: None,
            accountable: None,
            consulted: Vec::new(),
            informed: Vec::new(),
            key: None,
            condition: None,
            description: None,
            phase: None,
            calls: None,
            note_on: None,
        }
    }
}

/// A flow between two nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    /// Branch probability, 0–1.
    pub probability: Option<f64>,
    pub file: FileId,
    /// The arrow, with its label and probability.
    pub span: Span,
    /// The whole `a -> b` part.
    pub full_span: Span,
}
