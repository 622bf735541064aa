//! Mean durations of steps, including steps that call another process.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::critical_path;
use super::dominators::Dominance;
use super::visits;
use crate::model::{Model, NodeKind, Process, ProcessId};

/// Mean minutes per run of each node: a task's or wait's mean duration, a
/// call's expected time through the called process, and 0 for the rest.
pub fn step_minutes(model: &Model, process: &Process) -> Vec<f64> {
    let mut calls = CallTimes::default();
    (0..process.nodes.len()).map(|index| calls.minutes(model, process, NodeIndex::new(index))).collect()
}

/// Expected times through called processes, computed once each. A call
/// back into a process already being timed counts as 0 minutes, because
/// recursive calls are an error of their own.
#[derive(Debug, Default)]
struct CallTimes {
    known: BTreeMap<ProcessId, f64>,
    open: Vec<ProcessId>,
}

impl CallTimes {
    fn minutes(&mut self, model: &Model, process: &Process, node: NodeIndex) -> f64 {
        let node = process.node(node);
        match (node.kind, node.calls) {
            (NodeKind::Task | NodeKind::Wait, _) => {
                node.duration.as_ref().map_or(0.0, |duration| duration.mean())
            }
            (NodeKind::Call, Some(called)) => self.process_minutes(model, called),
            _ => 0.0,
        }
    }

    fn process_minutes(&mut self, model: &Model, id: ProcessId) -> f64 {
        if let Some(&known) = self.known.get(&id) {
            return known;
        }
        if self.open.contains(&id) {
            return 0.0;
        }
        self.open.push(id);
        let process = &model.processes[id.0];
        let minutes = match Dominance::compute(process) {
            Some(dominance) => {
                let durations: Vec<f64> = (0..process.nodes.len())
                    .map(|index| self.minutes(model, process, NodeIndex::new(index)))
                    .collect();
                let visits = visits::visits(process, &dominance);
                critical_path::critical_path(process, &dominance, &visits, &durations).minutes
            }
            None => 0.0,
        };
        self.open.pop();
        self.known.insert(id, minutes);
        minutes
    }
}
