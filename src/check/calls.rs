//! Calls between processes must not recurse: a process that calls itself,
//! directly or through others, never finishes.

use petgraph::graph::{DiGraph, NodeIndex};

use super::path_text;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Model, NodeKind};

pub(super) fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    let mut graph: DiGraph<usize, (usize, usize)> = DiGraph::new();
    for index in 0..model.processes.len() {
        graph.add_node(index);
    }
    for (caller, process) in model.processes.iter().enumerate() {
        for (node_index, node) in process.nodes.iter().enumerate() {
            if let (NodeKind::Call, Some(callee)) = (node.kind, node.calls) {
                graph.add_edge(NodeIndex::new(caller), NodeIndex::new(callee.0), (caller, node_index));
            }
        }
    }

    // Kosaraju's algorithm is iterative, whereas petgraph's Tarjan recurses
    // once per call along a chain and could overflow the stack.
    for mut component in petgraph::algo::kosaraju_scc(&graph) {
        component.sort();
        let first = component[0];
        let recursive = component.len() > 1 || graph.find_edge(first, first).is_some();
        if !recursive {
            continue;
        }
        // Point at the call in the first process that stays in the cycle.
        let edge = graph
            .edges(first)
            .find(|edge| component.contains(&petgraph::visit::EdgeRef::target(edge)))
            .expect("a cycle leaves its first member");
        let (caller, node_index) = *edge.weight();
        let node = &model.processes[caller].nodes[node_index];
        let mut names: Vec<&str> =
            component.iter().map(|&p| model.processes[p.index()].id.as_str()).collect();
        names.push(&model.processes[first.index()].id);
        out.push(
            Diagnostic::new(Code::RecursiveCall, node.origin.file, node.origin.id_span.clone(), format!("processes call each other in a cycle: {}", path_text(names)))
                .with_label("this call starts the cycle")
                .with_help("a called process must finish without calling back; try moving the shared steps into a third process"),
        );
    }
}
