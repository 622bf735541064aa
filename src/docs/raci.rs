//! The RACI matrix of a process: who performs each task (R), is
//! accountable for it (A), is consulted (C) and is informed (I).

use petgraph::graph::NodeIndex;

use crate::model::{Model, NodeKind, Process, ProcessId, RoleId};

/// The letters of each task row, by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Raci {
    /// The columns: the roles involved in lane order, then the other roles
    /// that the matrix names, in the order first named.
    pub roles: Vec<RoleId>,
    /// Tasks in declaration order, each with one cell per column, such as
    /// `R/A`, `C` or an empty string.
    pub rows: Vec<(NodeIndex, Vec<String>)>,
}

/// Builds the RACI matrix of a process. R is the performer. A is the
/// step's `accountable`, else the process owner, else the performer. C
/// and I are the step's `consulted` and `informed` roles.
pub fn raci(model: &Model, id: ProcessId) -> Raci {
    let process = &model.processes[id.0];
    let tasks: Vec<NodeIndex> =
        process.flow_nodes().filter(|&node| process.node(node).kind == NodeKind::Task).collect();
    let mut roles = involved_roles(process);
    for &node in &tasks {
        for (role, _) in letters(process, node) {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
    }

    let rows = tasks
        .into_iter()
        .map(|node| {
            let assigned = letters(process, node);
            let cells = roles
                .iter()
                .map(|&role| {
                    let found: Vec<&str> =
                        assigned.iter().filter(|(who, _)| *who == role).map(|(_, letter)| *letter).collect();
                    found.join("/")
                })
                .collect();
            (node, cells)
        })
        .collect();
    Raci { roles, rows }
}

/// Lists the roles that perform steps: the declared lanes first, then
/// the others in the order their steps are declared, as the flowchart
/// orders its lanes.
pub fn involved_roles(process: &Process) -> Vec<RoleId> {
    let mut roles: Vec<RoleId> = process.lanes.clone();
    for role in process.flow_nodes().filter_map(|node| process.node(node).role) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles
}

/// Lists the letters one task gives each role, R before A before C before I.
fn letters(process: &Process, node: NodeIndex) -> Vec<(RoleId, &'static str)> {
    let step = process.node(node);
    let mut found = Vec::new();
    if let Some(performer) = step.role {
        found.push((performer, "R"));
    }
    if let Some(accountable) = step.accountable.or(process.owner).or(step.role) {
        found.push((accountable, "A"));
    }
    found.extend(step.consulted.iter().map(|&role| (role, "C")));
    found.extend(step.informed.iter().map(|&role| (role, "I")));
    found.sort_by_key(|&(_, letter)| ["R", "A", "C", "I"].iter().position(|&known| known == letter));
    found
}
