//! The plan: a process compiled for the engine, with sub-process calls
//! expanded, probabilities and distributions prepared and every step
//! numbered, so that the event loop does no look-ups by name.

use super::calendar::WorkCalendar;
use super::sampling::Sampler;
use crate::model::{ProcessId, RoleId, ValueClass};

/// A marker for "none" in the `u32` fields of a step.
pub const NONE: u32 = u32::MAX;

/// An executable process.
#[derive(Debug, Clone)]
pub struct Plan {
    pub process: ProcessId,
    /// The id of the simulated process.
    pub process_id: String,
    pub steps: Vec<Step>,
    /// Successor step indices of all steps, each step's in flow order.
    pub successors: Vec<u32>,
    /// One weight per entry of `successors`. For a decision it is the
    /// cumulative probability up to and including the branch, normalised to
    /// end at 1. For an inclusive split it is the branch's own probability,
    /// and other steps leave it unused.
    pub weights: Vec<f64>,
    pub start: u32,
    /// Every role of the model, indexed like [`crate::model::Model::roles`].
    pub roles: Vec<RolePlan>,
    /// The tasks and waits, whose durations are sampled and reported.
    pub activities: Vec<Activity>,
    /// The random-stream keys of the decisions and inclusive splits.
    pub routers: Vec<String>,
    /// Join counters each case needs.
    pub counters: u32,
    /// The model node of each step, for messages: parallel to `steps`.
    pub origins: Vec<StepOrigin>,
    pub arrivals: Sampler,
    /// The currency of all costs, when any cost is given.
    pub currency: Option<String>,
}

/// One step of the plan and its successors `successors[first..first + count]`.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub kind: StepKind,
    pub first: u32,
    pub count: u32,
}

/// The behaviour of a step when a token enters it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StepKind {
    /// Passes the token on at once: a start event, a merge, a call, or the
    /// end of a called process, which continues the calling flow.
    Pass,
    /// Seizes one person of `role` for a sampled duration. `role` is
    /// [`NONE`] for a task without a role, which then runs without waiting.
    Task { activity: u32, role: u32 },
    /// Holds the token for a sampled duration.
    Wait { activity: u32 },
    /// Sends the token down one branch, chosen by probability.
    Decision { router: u32 },
    /// Sends a token down every branch.
    Fork,
    /// Passes one token on once `needed` have arrived.
    Join { counter: u32, needed: u32 },
    /// Sends a token down each branch with its own probability, at least
    /// one, and stores in the paired join's counter `join + 1` how many to
    /// expect. `join` is [`NONE`] when the branches never meet.
    InclusiveSplit { router: u32, join: u32 },
    /// Passes one token on once as many have arrived (counter `counter`)
    /// as its split sent (counter `counter + 1`).
    InclusiveJoin { counter: u32 },
    /// Consumes the token; the case finishes with its last token.
    End,
}

/// A task or wait: a step with a sampled duration and its own KPIs.
#[derive(Debug, Clone)]
pub struct Activity {
    /// The node id, prefixed by the ids of the calls that lead to it:
    /// `check/approve` is `approve` in the process called by `check`. It
    /// also keys the activity's random stream.
    pub path: String,
    pub label: String,
    pub is_task: bool,
    pub role: Option<RoleId>,
    pub sampler: Sampler,
    /// Cost per execution besides the role's hourly cost.
    pub cost: f64,
    pub value: Option<ValueClass>,
}

/// A role as a resource pool.
#[derive(Debug, Clone)]
pub struct RolePlan {
    pub id: String,
    pub name: String,
    pub headcount: u32,
    pub cost_per_minute: f64,
    pub calendar: Option<WorkCalendar>,
    /// True when a simulated task is performed by this role.
    pub used: bool,
}

/// The model node a step was compiled from.
#[derive(Debug, Clone)]
pub struct StepOrigin {
    pub process: ProcessId,
    pub node: usize,
    /// The node id prefixed by the calls that lead to it, as in [`Activity::path`].
    pub path: String,
}

impl Plan {
    /// Returns the successors of a step.
    #[inline]
    pub fn successors_of(&self, step: &Step) -> &[u32] {
        &self.successors[step.first as usize..(step.first + step.count) as usize]
    }

    /// Returns the branch weights of a step, parallel to its successors.
    #[inline]
    pub fn weights_of(&self, step: &Step) -> &[f64] {
        &self.weights[step.first as usize..(step.first + step.count) as usize]
    }

    /// Returns the roles that perform simulated tasks, with their indices.
    pub fn used_roles(&self) -> impl Iterator<Item = (usize, &RolePlan)> {
        self.roles.iter().enumerate().filter(|(_, role)| role.used)
    }
}
