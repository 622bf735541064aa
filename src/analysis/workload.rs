//! Static workload: the load each role carries before any simulation, from
//! the arrival rate and the expected work per case.
//!
//! A role's utilisation is the arrival rate times its expected minutes of
//! work per case, divided by its headcount. At 100% or more its queue
//! grows without bound whatever the simulation shows in a finite run.

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use super::dominators::Dominance;
use super::visits::{self, Visits};
use crate::model::{Model, NodeKind, Process, ProcessId, RoleId, Scenario};

/// Expected minutes of work per case by role, including the work of
/// called processes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoleWork {
    /// By role, only roles with work, sorted by role.
    pub roles: Vec<(RoleId, f64)>,
    /// Work in tasks without a role.
    pub unassigned: f64,
}

impl RoleWork {
    pub fn total(&self) -> f64 {
        self.roles.iter().map(|&(_, minutes)| minutes).sum::<f64>() + self.unassigned
    }

    pub fn of(&self, role: RoleId) -> f64 {
        self.roles.iter().find(|&&(id, _)| id == role).map_or(0.0, |&(_, minutes)| minutes)
    }
}

/// The load of one role.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleLoad {
    pub role: RoleId,
    /// Expected minutes of work per case.
    pub minutes: f64,
    pub headcount: u32,
    /// True when the role declares no headcount and one person is assumed.
    pub headcount_assumed: bool,
    /// Offered load per person: 1.0 is 100%. Infinite with no people.
    pub utilisation: f64,
}

/// The loads of every role with work, at one arrival rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// The scenario these headcounts and arrivals come from; `None` for the
    /// model as declared.
    pub scenario: Option<String>,
    /// Mean minutes between arrivals.
    pub interarrival: f64,
    pub roles: Vec<RoleLoad>,
    /// The role with the highest utilisation; the first one on a tie.
    pub bottleneck: Option<RoleId>,
}

/// Sums visits times mean duration over the tasks of a process by role,
/// and the work of the processes it calls once per call.
pub fn role_work(model: &Model, process: ProcessId) -> RoleWork {
    let mut calls = CalledWork::default();
    let work = calls.work(model, process);
    let roles = work.roles.into_iter().filter(|&(_, minutes)| minutes > 0.0).collect();
    RoleWork { roles, unassigned: work.unassigned }
}

/// Work per case of called processes, computed once each. A call back into
/// a process already being summed adds nothing, because recursive calls
/// are an error of their own.
#[derive(Debug, Default)]
struct CalledWork {
    known: BTreeMap<ProcessId, RoleWork>,
    open: Vec<ProcessId>,
}

impl CalledWork {
    fn work(&mut self, model: &Model, id: ProcessId) -> RoleWork {
        if let Some(known) = self.known.get(&id) {
            return known.clone();
        }
        if self.open.contains(&id) {
            return RoleWork::default();
        }
        self.open.push(id);
        let process = &model.processes[id.0];
        let mut sums: BTreeMap<RoleId, f64> = BTreeMap::new();
        let mut unassigned = 0.0;
        if let Some(dominance) = Dominance::compute(process) {
            let visits = visits::visits(process, &dominance);
            for node in process.flow_nodes() {
                self.add_node(model, process, &visits, node, &mut sums, &mut unassigned);
            }
        }
        self.open.pop();
        let work = RoleWork { roles: sums.into_iter().collect(), unassigned };
        self.known.insert(id, work.clone());
        work
    }

    fn add_node(
        &mut self,
        model: &Model,
        process: &Process,
        visits: &Visits,
        node: NodeIndex,
        sums: &mut BTreeMap<RoleId, f64>,
        unassigned: &mut f64,
    ) {
        let runs = visits.of(node);
        let step = process.node(node);
        if runs == 0.0 {
            return;
        }
        match (step.kind, &step.duration, step.calls) {
            (NodeKind::Task, Some(duration), _) => match step.role {
                Some(role) => *sums.entry(role).or_default() += runs * duration.mean(),
                None => *unassigned += runs * duration.mean(),
            },
            (NodeKind::Call, _, Some(called)) => {
                let inner = self.work(model, called);
                for (role, minutes) in inner.roles {
                    *sums.entry(role).or_default() += runs * minutes;
                }
                *unassigned += runs * inner.unassigned;
            }
            _ => {}
        }
    }
}

/// Computes the loads at one mean interarrival time in minutes, with the declared
/// headcounts overridden by a scenario's.
pub fn workload(model: &Model, work: &RoleWork, interarrival: f64, scenario: Option<&Scenario>) -> Workload {
    let roles: Vec<RoleLoad> = work
        .roles
        .iter()
        .map(|&(role, minutes)| {
            let declared = scenario
                .and_then(|scenario| {
                    scenario.headcount.iter().find(|&&(id, _)| id == role).map(|&(_, count)| count)
                })
                .or(model.role(role).headcount);
            let headcount = declared.unwrap_or(1);
            let utilisation = minutes / interarrival / f64::from(headcount);
            RoleLoad { role, minutes, headcount, headcount_assumed: declared.is_none(), utilisation }
        })
        .collect();
    let mut bottleneck: Option<&RoleLoad> = None;
    for load in &roles {
        if bottleneck.is_none_or(|highest| load.utilisation > highest.utilisation) {
            bottleneck = Some(load);
        }
    }
    Workload {
        scenario: scenario.map(|scenario| scenario.id.clone()),
        interarrival,
        bottleneck: bottleneck.map(|load| load.role),
        roles,
    }
}

/// Computes the workload of a process for the model as declared and for each
/// scenario of the simulation that runs it, at that simulation's arrival
/// rate unless `interarrival` overrides it. Empty when no arrival rate is
/// known.
pub fn scenarios(model: &Model, process: ProcessId, interarrival: Option<f64>) -> Vec<Workload> {
    let simulation = simulation_of(model, process);
    let declared =
        simulation.and_then(|simulation| simulation.arrivals.as_ref()).map(|arrivals| arrivals.mean());
    let Some(base) = interarrival.or(declared) else { return Vec::new() };
    let work = role_work(model, process);

    let mut loads = vec![workload(model, &work, base, None)];
    for scenario in simulation.map(|simulation| simulation.scenarios.as_slice()).unwrap_or_default() {
        let arrivals = match (interarrival, &scenario.arrivals) {
            (None, Some(arrivals)) => arrivals.mean(),
            _ => base,
        };
        loads.push(workload(model, &work, arrivals, Some(scenario)));
    }
    loads
}

/// Finds the simulation block that runs a process: one naming it, or, in a model
/// with a single process, one naming none.
pub fn simulation_of(model: &Model, process: ProcessId) -> Option<&crate::model::Simulation> {
    let named = model.simulations.iter().find(|simulation| simulation.process == Some(process));
    let single = model.processes.len() == 1;
    named.or_else(|| model.simulations.iter().find(|simulation| simulation.process.is_none() && single))
}
