//! Simulation settings declared in the model.

use super::{Distribution, Money, Origin, ProcessId, RoleId};

/// A `simulation { ... }` block.
#[derive(Debug, Clone, Default)]
pub struct Simulation {
    pub id: Option<String>,
    pub name: Option<String>,
    pub origin: Option<Origin>,
    pub process: Option<ProcessId>,
    /// Time between arrivals.
    pub arrivals: Option<Distribution>,
    pub cases: Option<u64>,
    /// Run length in minutes.
    pub horizon: Option<f64>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    /// Warm-up in minutes.
    pub warmup: Option<f64>,
    /// The maximum number of events one case may cause before the run stops with an error.
    pub max_events: Option<u64>,
    pub scenarios: Vec<Scenario>,
}

/// Overrides applied on top of the model for one run.
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub id: String,
    pub name: Option<String>,
    pub origin: Option<Origin>,
    pub arrivals: Option<Distribution>,
    pub headcount: Vec<(RoleId, u32)>,
    pub cost_per_hour: Vec<(RoleId, Money)>,
}
