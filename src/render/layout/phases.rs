//! Phases: each phase takes a contiguous range of ranks, and the phases
//! follow each other in the order they first appear along the flow.
//!
//! A step without a `phase` joins the phase of its first predecessor that
//! has one, or else of its first successor. Documents, stores and notes
//! ignore `phase`, because they are drawn beside the step that uses them.

use std::collections::BTreeMap;

use super::ranks;
use crate::model::Process;

/// Ranks and back edges, with the phases that shaped them.
pub struct Phased {
    /// Phase names in the order of the flow, empty when no step has a phase.
    pub names: Vec<String>,
    /// The first rank of each phase, then the total rank count.
    pub first_rank: Vec<usize>,
    pub rank: Vec<usize>,
    /// True for flows that go back against the flow.
    pub back: Vec<bool>,
}

/// Ranks the nodes so that the phases do not interleave. Without phases
/// the ranks are the longest paths that [`ranks::ranks`] computes.
pub fn rank(process: &Process, back: Vec<bool>) -> Phased {
    let count = process.nodes.len();
    let plain = ranks::ranks(process, &back, &vec![0; count]);
    let Some((names, phase_of)) = assign(process, &back, &plain) else {
        return Phased { names: Vec::new(), first_rank: Vec::new(), rank: plain, back };
    };

    // Ranks inside each phase, then each phase shifted past the ones before.
    let within = ranks::ranks(process, &back, &phase_of);
    let mut span = vec![1usize; names.len()];
    for (node, &phase) in phase_of.iter().enumerate() {
        if phase < names.len() {
            span[phase] = span[phase].max(within[node] + 1);
        }
    }
    let mut first_rank = vec![0usize];
    for size in &span {
        first_rank.push(first_rank[first_rank.len() - 1] + size);
    }
    let rank: Vec<usize> = (0..count)
        .map(|node| match phase_of[node] {
            phase if phase < names.len() => first_rank[phase] + within[node],
            _ => 0,
        })
        .collect();

    // A flow into an earlier phase now runs against the flow, and a back
    // edge of the depth-first search into a later phase runs with it.
    let back = process
        .flows
        .iter()
        .enumerate()
        .map(|(index, flow)| {
            if flow.from == flow.to || flow.from >= count || flow.to >= count {
                back[index]
            } else {
                rank[flow.to] <= rank[flow.from]
            }
        })
        .collect();
    Phased { names, first_rank, rank, back }
}

/// Gives every step a phase. Returns the phase names in the order they
/// first appear along the flow and each node's phase index, with
/// `usize::MAX` for documents, stores and notes. Returns `None` when no
/// step has a phase.
fn assign(process: &Process, back: &[bool], plain: &[usize]) -> Option<(Vec<String>, Vec<usize>)> {
    let count = process.nodes.len();
    let mut named: Vec<Option<&str>> =
        process.nodes.iter().map(|node| node.phase.as_deref().filter(|_| node.kind.is_flow_node())).collect();
    if named.iter().all(Option::is_none) {
        return None;
    }

    // Steps along the flow: by rank, then in declaration order.
    let mut order: Vec<usize> = (0..count).filter(|&n| process.nodes[n].kind.is_flow_node()).collect();
    order.sort_by_key(|&node| (plain[node], node));
    let mut predecessors = vec![Vec::new(); count];
    let mut successors = vec![Vec::new(); count];
    for (index, flow) in process.flows.iter().enumerate() {
        if !back[index] && flow.from != flow.to && flow.from < count && flow.to < count {
            predecessors[flow.to].push(flow.from);
            successors[flow.from].push(flow.to);
        }
    }
    // A forward flow always rises in rank, so each predecessor is named first.
    for &node in &order {
        if named[node].is_none() {
            named[node] = predecessors[node].iter().find_map(|&from| named[from]);
        }
    }
    for &node in order.iter().rev() {
        if named[node].is_none() {
            named[node] = successors[node].iter().find_map(|&to| named[to]);
        }
    }

    let mut names: Vec<String> = Vec::new();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    for &node in &order {
        if let Some(name) = named[node].filter(|name| !index_of.contains_key(name)) {
            index_of.insert(name, names.len());
            names.push(name.to_string());
        }
    }
    let mut phase_of = vec![usize::MAX; count];
    for &node in &order {
        // A step that no flow connects to a named one joins the first phase.
        phase_of[node] = named[node].and_then(|name| index_of.get(name).copied()).unwrap_or(0);
    }
    Some((names, phase_of))
}
