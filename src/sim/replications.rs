//! Replications: independent runs of one plan, in parallel with rayon,
//! each with its own seed derived from the base seed, so the results are
//! the same whatever the number of threads.

use std::time::Instant;

use rayon::prelude::*;

use super::engine::{self, Replication, RunError};
use super::kpis::{Better, Kpis};
use super::plan::Plan;
use super::settings::Settings;
use super::statistics::Estimate;

/// The results of all replications of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The name of the run, such as `complaint` or `complaint (staffed)`.
    pub label: String,
    /// The id of the simulated process.
    pub process: String,
    pub settings: Settings,
    pub replications: Vec<Kpis>,
    /// Sorted cycle times of the first replication, for histograms.
    pub cycle_times: Vec<f64>,
    /// Role ids with display names, in report order.
    pub roles: Vec<(String, String)>,
    /// Task and wait paths with labels, in report order.
    pub steps: Vec<(String, String)>,
    pub currency: Option<String>,
    /// True when some task has a value class, so the value-added ratio means something.
    pub has_value_classes: bool,
    /// Wall-clock seconds of the event loops alone, summed over replications.
    pub loop_seconds: f64,
    /// Wall-clock seconds of the whole run.
    pub wall_seconds: f64,
}

/// A KPI over replications.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub key: String,
    pub better: Better,
    pub estimate: Estimate,
}

/// A replication that failed, with its index from 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub replication: u32,
    pub error: RunError,
}

/// Runs every replication of `plan` on `threads` threads (0: one per
/// core). When several fail, returns the failure of the lowest index, so
/// the error too does not depend on the thread count.
pub fn replicate(
    plan: &Plan,
    settings: &Settings,
    label: String,
    threads: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
    let run_all = || -> Vec<Result<Replication, RunError>> {
        (0..settings.replications)
            .into_par_iter()
            .map(|index| engine::run(plan, settings, index, progress))
            .collect()
    };
    // Without a pool of its own, rayon's global pool is used.
    let results = match pool {
        Ok(pool) => pool.install(run_all),
        Err(_) => run_all(),
    };

    let mut replications = Vec::with_capacity(results.len());
    let mut cycle_times = Vec::new();
    let mut loop_seconds = 0.0;
    for (index, result) in results.into_iter().enumerate() {
        let replication = result.map_err(|error| Failure { replication: index as u32, error })?;
        loop_seconds += replication.loop_seconds;
        if index == 0 {
            cycle_times = replication.cycle_times;
        }
        replications.push(replication.kpis);
    }

    Ok(Outcome {
        label,
        process: plan.process_id.clone(),
        settings: settings.clone(),
        replications,
        cycle_times,
        roles: plan.used_roles().map(|(_, role)| (role.id.clone(), role.name.clone())).collect(),
        steps: plan
            .activities
            .iter()
            .map(|activity| (activity.path.clone(), activity.label.clone()))
            .collect(),
        currency: plan.currency.clone(),
        has_value_classes: plan.activities.iter().any(|activity| activity.value.is_some()),
        loop_seconds,
        wall_seconds: started.elapsed().as_secs_f64(),
    })
}

impl Outcome {
    /// Computes each KPI's mean over the replications with its confidence
    /// interval, in the order of [`Kpis::metrics`].
    pub fn summaries(&self) -> Vec<Summary> {
        let per_replication: Vec<_> = self.replications.iter().map(Kpis::metrics).collect();
        let Some(first) = per_replication.first() else { return Vec::new() };
        first
            .iter()
            .enumerate()
            .map(|(position, metric)| {
                let values: Vec<f64> =
                    per_replication.iter().map(|metrics| metrics[position].value).collect();
                Summary { key: metric.key.clone(), better: metric.better, estimate: Estimate::of(&values) }
            })
            .collect()
    }

    /// Returns the summary of one KPI by key.
    pub fn summary(&self, key: &str) -> Option<Summary> {
        self.summaries().into_iter().find(|summary| summary.key == key)
    }

    /// Arrivals plus task completions over all replications.
    pub fn events(&self) -> u64 {
        self.replications.iter().map(|kpis| kpis.events).sum()
    }

    /// Finds the role with the highest mean utilisation, the usual
    /// bottleneck, and returns it with that utilisation. Ties go to the role
    /// declared first.
    pub fn bottleneck(&self) -> Option<(String, f64)> {
        let summaries = self.summaries();
        let mut best: Option<(String, f64)> = None;
        for (id, _) in &self.roles {
            let key = format!("role.{id}.utilisation");
            let Some(summary) = summaries.iter().find(|summary| summary.key == key) else { continue };
            let utilisation = summary.estimate.mean;
            if best.as_ref().is_none_or(|(_, highest)| utilisation > *highest) {
                best = Some((id.clone(), utilisation));
            }
        }
        best
    }
}
