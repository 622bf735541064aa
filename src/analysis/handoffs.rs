//! Hand-offs per case: how often work passes from one role to another, a
//! standard measure in business process reengineering.
//!
//! A hand-off is counted along each path of flows from a step performed by
//! one role to the next step performed by another, through any gateways
//! and events without a role in between. Each incoming branch of a join
//! counts on its own, because each hands its work over. The start of a
//! case is no hand-off.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::linear::LinearSystem;
use super::visits::Visits;
use crate::model::{Process, RoleId};

/// Expected hand-offs per case.
#[derive(Debug, Clone, PartialEq)]
pub struct Handoffs {
    pub per_case: f64,
    /// Expected hand-offs per case from one role to another, sorted by the
    /// two roles.
    pub between: Vec<(RoleId, RoleId, f64)>,
}

/// Counts the expected hand-offs per case from the visit counts.
pub fn handoffs(process: &Process, visits: &Visits) -> Handoffs {
    let mut roles: Vec<RoleId> = process.nodes.iter().filter_map(|node| node.role).collect();
    roles.sort();
    roles.dedup();

    let mut between = Vec::new();
    for &to in &roles {
        let arrivals = arrivals_at(process, visits, to);
        for &from in roles.iter().filter(|&&from| from != to) {
            let count: f64 =
                performers(process, from).map(|node| handed_on(process, visits, node, to, &arrivals)).sum();
            if count > 0.0 {
                between.push((from, to, count));
            }
        }
    }
    between.sort_by_key(|&(from, to, _)| (from, to));
    Handoffs { per_case: between.iter().map(|&(_, _, count)| count).sum(), between }
}

fn performers(process: &Process, role: RoleId) -> impl Iterator<Item = NodeIndex> + '_ {
    process.flow_nodes().filter(move |&node| process.node(node).role == Some(role))
}

/// Counts the hand-offs to `to` after one node's runs: each outgoing flow's
/// traversals, times the arrivals at `to`'s steps they lead to.
fn handed_on(process: &Process, visits: &Visits, node: NodeIndex, to: RoleId, arrivals: &[f64]) -> f64 {
    process
        .graph
        .edges_directed(node, Direction::Outgoing)
        .map(|edge| {
            let traversals = visits.flows[*edge.weight()];
            let next = edge.target();
            let reached = match process.node(next).role {
                Some(role) => f64::from(u8::from(role == to)),
                None => arrivals[next.index()],
            };
            if reached == 0.0 { 0.0 } else { traversals * reached }
        })
        .sum()
}

/// For each node without a role: the expected arrivals at steps of role
/// `to` of one token there, before it reaches any other performer.
fn arrivals_at(process: &Process, visits: &Visits, to: RoleId) -> Vec<f64> {
    let mut system = LinearSystem::new(process.nodes.len());
    for node in process.flow_nodes().filter(|&node| process.node(node).role.is_none()) {
        for edge in process.graph.edges_directed(node, Direction::Outgoing) {
            let weight = visits.weights[*edge.weight()];
            let next = edge.target();
            match process.node(next).role {
                Some(role) if role == to => system.add_constant(node.index(), weight),
                Some(_) => {}
                None => system.add_term(node.index(), next.index(), weight),
            }
        }
    }
    system.solve().values
}
