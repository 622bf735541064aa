//! Ranks along the flow: back edges found by depth-first search, then the
//! longest path over the graph with those edges reversed.

use std::collections::BTreeSet;

use crate::model::{NodeKind, Process};

/// Flows leaving each node, in the order they were written.
pub fn outgoing(process: &Process) -> Vec<Vec<usize>> {
    let mut outgoing = vec![Vec::new(); process.nodes.len()];
    for (index, flow) in process.flows.iter().enumerate() {
        if flow.from < process.nodes.len() && flow.to < process.nodes.len() {
            outgoing[flow.from].push(index);
        }
    }
    outgoing
}

/// Marks the flows that close a cycle: those that reach a node still on
/// the depth-first search stack. The search starts at the start nodes,
/// then at any node it has not reached, each in declaration order, and
/// follows flows in the order written, so the result depends only on the
/// text.
pub fn back_edges(process: &Process, outgoing: &[Vec<usize>]) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }

    let mut back = vec![false; process.flows.len()];
    let mut state = vec![State::New; process.nodes.len()];
    let starts = (0..process.nodes.len()).filter(|&n| process.nodes[n].kind == NodeKind::Start);
    let others = (0..process.nodes.len()).filter(|&n| process.nodes[n].kind.is_flow_node());
    for root in starts.chain(others) {
        if state[root] != State::New {
            continue;
        }
        // Each frame is a node and the position of the next flow to follow.
        let mut stack = vec![(root, 0)];
        state[root] = State::OnStack;
        while let Some(frame) = stack.last_mut() {
            let (node, next) = *frame;
            let Some(&flow) = outgoing[node].get(next) else {
                state[node] = State::Done;
                stack.pop();
                continue;
            };
            frame.1 += 1;
            let target = process.flows[flow].to;
            match state[target] {
                State::OnStack => back[flow] = true,
                State::New => {
                    state[target] = State::OnStack;
                    stack.push((target, 0));
                }
                State::Done => {}
            }
        }
    }
    back
}

/// Ranks each node by the longest path to it, with back edges reversed and
/// self-loops ignored. Only flows inside one group count, so each group's
/// ranks start at 0. Nodes outside the control flow get rank 0.
pub fn ranks(process: &Process, back: &[bool], group: &[usize]) -> Vec<usize> {
    let count = process.nodes.len();
    let mut successors = vec![Vec::new(); count];
    let mut indegree = vec![0usize; count];
    for (index, flow) in process.flows.iter().enumerate() {
        if flow.from == flow.to || flow.from >= count || flow.to >= count {
            continue;
        }
        if group[flow.from] != group[flow.to] {
            continue;
        }
        let (from, to) = if back[index] { (flow.to, flow.from) } else { (flow.from, flow.to) };
        successors[from].push(to);
        indegree[to] += 1;
    }

    // Kahn's algorithm, always taking the lowest ready index.
    let mut rank = vec![0usize; count];
    let mut ready: BTreeSet<usize> = (0..count).filter(|&n| indegree[n] == 0).collect();
    while let Some(node) = ready.pop_first() {
        for &next in &successors[node] {
            rank[next] = rank[next].max(rank[node] + 1);
            indegree[next] -= 1;
            if indegree[next] == 0 {
                ready.insert(next);
            }
        }
    }
    rank
}
