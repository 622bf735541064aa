//! The short form: a process whose steps are declared by the flows that
//! name them, `a -> b -> c`, with kinds inferred from the flows.

use super::build::ModelBuilder;
use super::build_process::{apply_key, push_flows};
use super::{Node, NodeKind, Origin, ProcessId, Role, RoleId};
use crate::source::FileId;
use crate::syntax::ast::{self, ProcessStmt};

/// Builds a short-form process from its flows and key statements.
pub(super) fn build(builder: &mut ModelBuilder, file: FileId, process: ProcessId, body: &[ProcessStmt]) {
    builder.model.processes[process.0].short_form = true;

    for stmt in body {
        let ProcessStmt::Flow(flow) = stmt else { continue };
        let resolved: Vec<Option<usize>> =
            flow.endpoints.iter().map(|endpoint| Some(mention(builder, file, process, endpoint))).collect();
        push_flows(builder, file, process, flow, &resolved);
    }

    infer_kinds(builder, process);

    for stmt in body {
        if let ProcessStmt::Key(key) = stmt {
            apply_key(builder, file, process, key);
        }
    }
}

/// Records one mention of a node, creating it on first mention.
fn mention(builder: &mut ModelBuilder, file: FileId, process: ProcessId, endpoint: &ast::Endpoint) -> usize {
    let name = endpoint.node.name().to_string();
    let existing = builder.model.processes[process.0].find(&name).map(|index| index.index());
    let index = existing.unwrap_or_else(|| {
        let origin = Origin { file, span: endpoint.span.clone(), id_span: endpoint.node.span().clone() };
        let label = match &endpoint.node {
            ast::NodeRef::Label(label) => Some(label.value.clone()),
            ast::NodeRef::Id(_) => None,
        };
        let mut node = Node::new(name, label, NodeKind::Task, origin);
        node.declared = false;
        builder.model.processes[process.0].push_node(node)
    });

    let lane = endpoint.lane.as_ref().and_then(|lane| lane_role(builder, file, lane));
    let node = &mut builder.model.processes[process.0].nodes[index];
    node.mentions += 1;
    if node.label.is_none() {
        node.label = endpoint.label.as_ref().map(|label| label.value.clone());
    }
    if lane.is_some() {
        node.role = lane;
    }
    index
}

/// Resolves a lane: a declared role, or, in a model that declares no roles
/// at all, a role created for the lane.
fn lane_role(builder: &mut ModelBuilder, file: FileId, lane: &ast::Ident) -> Option<RoleId> {
    if let Some(role) = builder.model.find_role(&lane.name) {
        return Some(role);
    }
    let declares_roles = builder.model.roles.iter().any(|role| !role.implicit);
    if declares_roles {
        return builder.resolve_role(file, &lane.name, &lane.span);
    }
    Some(builder.model.push_role(Role { id: lane.name.clone(), implicit: true, ..Role::default() }))
}

/// Infers node kinds. A node with no incoming flow is a start, and one with
/// no outgoing flow an end. One with two or more outgoing flows is a
/// decision, and the rest are tasks.
fn infer_kinds(builder: &mut ModelBuilder, process: ProcessId) {
    let process = &mut builder.model.processes[process.0];
    let mut incoming = vec![0usize; process.nodes.len()];
    let mut outgoing = vec![0usize; process.nodes.len()];
    for flow in &process.flows {
        outgoing[flow.from] += 1;
        incoming[flow.to] += 1;
    }
    for (index, node) in process.nodes.iter_mut().enumerate() {
        node.kind = match (incoming[index], outgoing[index]) {
            (0, _) => NodeKind::Start,
            (_, 0) => NodeKind::End,
            (_, 2..) => NodeKind::Decision,
            _ => NodeKind::Task,
        };
    }
}
