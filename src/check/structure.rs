//! Structure of one process graph: starts and ends, reachability, dead
//! ends, loops with no exit, and flows that cannot exist.

use petgraph::Direction;
use std::collections::HashSet;

use petgraph::graph::NodeIndex;
use petgraph::visit::{Bfs, EdgeRef, Reversed};

use super::path_text;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{NodeKind, Process};

pub(super) fn check(process: &Process, out: &mut Vec<Diagnostic>) {
    check_events(process, out);
    check_flow_ends(process, out);
    check_reachability(process, out);
    check_dead_ends(process, out);
    check_trapped_loops(process, out);
}

fn nodes_of(process: &Process, kind: NodeKind) -> Vec<NodeIndex> {
    process.flow_nodes().filter(|&index| process.node(index).kind == kind).collect()
}

/// Exactly one start and at least one end.
fn check_events(process: &Process, out: &mut Vec<Diagnostic>) {
    let origin = &process.origin;
    let starts = nodes_of(process, NodeKind::Start);
    let has_steps = process.flow_nodes().next().is_some();

    if starts.is_empty() && has_steps {
        let help = if process.short_form {
            "in the short form the first step without an incoming flow is the start; every step here has one"
                .to_string()
        } else {
            format!(
                "try adding `start begin \"Start\"` and a flow from it, such as `begin -> {}`",
                first_step(process)
            )
        };
        out.push(
            Diagnostic::new(
                Code::MissingStart,
                origin.file,
                origin.id_span.clone(),
                format!("process `{}` has no start event", process.id),
            )
            .with_label("no start")
            .with_help(help),
        );
    }

    for &extra in starts.iter().skip(1) {
        let node = process.node(extra);
        let first = process.node(starts[0]);
        let help = if process.short_form {
            format!(
                "in the short form a step with no incoming flow is a start; try adding a flow into `{}`",
                node.id
            )
        } else {
            "try keeping one start event and leading its flow to each first step through a fork or decision"
                .to_string()
        };
        out.push(
            Diagnostic::new(
                Code::SeveralStarts,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("process `{}` has more than one start event", process.id),
            )
            .with_label("another start")
            .with_related(first.origin.file, first.origin.id_span.clone(), "first start")
            .with_help(help),
        );
    }

    if nodes_of(process, NodeKind::End).is_empty() && has_steps {
        out.push(
            Diagnostic::new(
                Code::MissingEnd,
                origin.file,
                origin.id_span.clone(),
                format!("process `{}` has no end event", process.id),
            )
            .with_label("no end")
            .with_help("try adding `end done \"Done\"` and a flow into it from the last step"),
        );
    }
}

fn first_step(process: &Process) -> &str {
    process.flow_nodes().map(|index| process.node(index).id.as_str()).find(|_| true).unwrap_or("first_step")
}

/// Flows into a start, out of an end, onto an artifact, or onto themselves.
fn check_flow_ends(process: &Process, out: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<(usize, usize, Option<&str>)> = HashSet::new();
    for flow in &process.flows {
        let from = &process.nodes[flow.from];
        let to = &process.nodes[flow.to];
        let span = flow.full_span.clone();

        if flow.from == flow.to {
            out.push(
                Diagnostic::new(
                    Code::SelfLoop,
                    flow.file,
                    span.clone(),
                    format!("`{}` flows back to itself", from.id),
                )
                .with_label("self-loop")
                .with_help(
                    "to repeat a step, try a decision after it that leads back: `check -> [redo] step`",
                ),
            );
        }
        if to.kind == NodeKind::Start && !process.short_form {
            out.push(
                Diagnostic::new(
                    Code::FlowIntoStart,
                    flow.file,
                    span.clone(),
                    format!("a flow enters the start event `{}`", to.id),
                )
                .with_label("start events have no incoming flow")
                .with_help("try leading the flow to the first step after the start"),
            );
        }
        if from.kind == NodeKind::End && !process.short_form {
            out.push(
                Diagnostic::new(
                    Code::FlowIntoStart,
                    flow.file,
                    span.clone(),
                    format!("a flow leaves the end event `{}`", from.id),
                )
                .with_label("end events have no outgoing flow")
                .with_help("try a task instead of an end, or end the process here"),
            );
        }
        for artifact in [from, to] {
            if !artifact.kind.is_flow_node() {
                out.push(
                    Diagnostic::new(Code::FlowOnArtifact, flow.file, span.clone(), format!("a flow touches `{}`, which is {}", artifact.id, artifact_kind(artifact.kind)))
                        .with_label("not a step")
                        .with_help("tasks use documents and stores through `reads: [...]` and `writes: [...]`; notes attach with `on:`"),
                );
            }
        }

        if !seen.insert((flow.from, flow.to, flow.label.as_deref())) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateFlow,
                    flow.file,
                    span,
                    format!("the flow `{}` -> `{}` is written twice", from.id, to.id),
                )
                .with_label("repeated")
                .with_help("try removing one of the two"),
            );
        }
    }
}

fn artifact_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Document => "a document",
        NodeKind::Store => "a data store",
        _ => "a note",
    }
}

/// Reports steps that cannot be reached from the start.
fn check_reachability(process: &Process, out: &mut Vec<Diagnostic>) {
    let starts = nodes_of(process, NodeKind::Start);
    let Some(&start) = starts.first() else { return };
    let mut reached = vec![false; process.nodes.len()];
    for &root in &starts {
        let mut bfs = Bfs::new(&process.graph, root);
        while let Some(index) = bfs.next(&process.graph) {
            reached[index.index()] = true;
        }
    }

    // Report one step per unreachable region: what it leads to is
    // unreachable because of it.
    let mut covered = reached;
    for index in process.flow_nodes() {
        if covered[index.index()] {
            continue;
        }
        let mut bfs = Bfs::new(&process.graph, index);
        while let Some(next) = bfs.next(&process.graph) {
            covered[next.index()] = true;
        }
        let node = process.node(index);
        out.push(
            Diagnostic::new(
                Code::Unreachable,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("`{}` cannot be reached from the start", node.id),
            )
            .with_label("unreachable")
            .with_help(format!(
                "no flow leads here from `{}`; try adding a flow into `{}`, or remove it",
                process.node(start).id,
                node.id
            )),
        );
    }
}

/// Reports steps that are not ends and have no way out.
fn check_dead_ends(process: &Process, out: &mut Vec<Diagnostic>) {
    for index in process.flow_nodes() {
        let node = process.node(index);
        if node.kind == NodeKind::End
            || process.graph.edges_directed(index, Direction::Outgoing).next().is_some()
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::DeadEnd,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("`{}` has no outgoing flow", node.id),
            )
            .with_label("the case stops here")
            .with_help(format!("try a flow from `{}` to the next step, or to an end event", node.id)),
        );
    }
}

/// Reports loops from which no path leads to an end, so the case never finishes.
fn check_trapped_loops(process: &Process, out: &mut Vec<Diagnostic>) {
    let ends = nodes_of(process, NodeKind::End);
    if ends.is_empty() {
        return;
    }
    let mut reaches_end = vec![false; process.nodes.len()];
    let reversed = Reversed(&process.graph);
    for &end in &ends {
        let mut bfs = Bfs::new(reversed, end);
        while let Some(index) = bfs.next(reversed) {
            reaches_end[index.index()] = true;
        }
    }

    // A sink component (no flow leaves it) with a cycle traps every case
    // that enters it; components that only lead into one are its victims,
    // not a separate problem. petgraph's Tarjan recurses once per step of a
    // path and overflowed the stack on a chain of 20,000 steps, so this uses
    // Kosaraju's algorithm, which is iterative.
    for component in petgraph::algo::kosaraju_scc(&process.graph) {
        let first = component[0];
        if reaches_end[first.index()] || !process.node(first).kind.is_flow_node() {
            continue;
        }
        let is_cycle = component.len() > 1 || process.graph.find_edge(first, first).is_some();
        let leaves = component.iter().any(|&index| {
            process
                .graph
                .edges_directed(index, Direction::Outgoing)
                .any(|edge| !component.contains(&edge.target()))
        });
        if !is_cycle || leaves {
            continue;
        }
        let mut members = component.clone();
        members.sort();
        let entry = members[0];
        let node = process.node(entry);
        let names = loop_path(process, &members);
        out.push(
            Diagnostic::new(
                Code::NoPathToEnd,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("the loop {names} has no exit"),
            )
            .with_label("no path from here reaches an end")
            .with_help("try a decision in the loop with a branch that leads out, towards an end"),
        );
    }
}

/// Walks the loop from its first member back to it, for the message.
fn loop_path(process: &Process, members: &[NodeIndex]) -> String {
    let mut path = vec![members[0]];
    let mut current = members[0];
    for _ in 0..members.len() {
        let next = process.graph.neighbors(current).filter(|n| members.contains(n)).min();
        match next {
            Some(next) if next == members[0] => {
                path.push(next);
                break;
            }
            Some(next) if !path.contains(&next) => {
                path.push(next);
                current = next;
            }
            _ => break,
        }
    }
    path_text(path.iter().map(|&index| process.node(index).id.as_str()))
}
