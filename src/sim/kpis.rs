//! KPIs of one replication: the tallies the engine keeps while it runs,
//! and the figures derived from them at the end.

use super::plan::Plan;
use super::resources::Pool;
use super::statistics::quantile;
use crate::model::ValueClass;

/// Counts for one task or wait, over the measured cases.
#[derive(Debug, Clone, Copy, Default)]
pub struct ActivityTally {
    /// Executions started.
    pub count: u64,
    /// Minutes from request to start, summed.
    pub wait: f64,
    /// Processing minutes, summed.
    pub work: f64,
}

/// The counts the engine keeps while it runs.
#[derive(Debug)]
pub struct Tally {
    /// Cycle times of the measured cases that finished, in minutes.
    pub cycle_times: Vec<f64>,
    pub activities: Vec<ActivityTally>,
    /// Cases that arrived after the warm-up.
    pub arrived: u64,
    pub cost: f64,
    pub value_added: f64,
    /// Arrivals and task completions, measured or not: the event count
    /// that speed figures are given in.
    pub events: u64,
    /// Cases in the system now.
    pub in_system: u32,
    wip_area: f64,
    wip_last: f64,
    warmup: f64,
}

impl Tally {
    pub fn new(activities: usize, expected_cases: usize, warmup: f64) -> Self {
        Tally {
            cycle_times: Vec::with_capacity(expected_cases),
            activities: vec![ActivityTally::default(); activities],
            arrived: 0,
            cost: 0.0,
            value_added: 0.0,
            events: 0,
            in_system: 0,
            wip_area: 0.0,
            wip_last: 0.0,
            warmup,
        }
    }

    /// Adds the time since the last change to the work-in-progress integral.
    #[inline]
    pub fn record_wip(&mut self, now: f64) {
        let from = self.wip_last.max(self.warmup);
        if now > from {
            self.wip_area += f64::from(self.in_system) * (now - from);
        }
        self.wip_last = now;
    }
}

/// The cycle time of finished cases, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CycleTime {
    pub mean: f64,
    pub p50: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// KPIs of one role.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RoleKpis {
    pub id: String,
    pub headcount: u32,
    /// Busy working time over available working time, 0–1.
    pub utilisation: f64,
    /// Time-average number of requests waiting.
    pub mean_queue_length: f64,
}

/// KPIs of one task or wait.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StepKpis {
    pub id: String,
    /// Executions per measured case.
    pub visits: f64,
    /// Minutes from request to start; 0 for a wait.
    pub mean_wait: f64,
    /// Processing minutes per execution.
    pub mean_processing: f64,
}

/// KPIs of one replication. Times are in minutes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Kpis {
    pub cases_arrived: u64,
    pub cases_completed: u64,
    pub cycle_time: CycleTime,
    /// Minutes spent waiting for people, per measured case.
    pub waiting_per_case: f64,
    /// Processing minutes per measured case.
    pub processing_per_case: f64,
    pub throughput_per_hour: f64,
    /// Time-average number of cases in the system.
    pub work_in_progress: f64,
    pub cost_per_case: f64,
    /// Processing time of customer value-added tasks over cycle time.
    pub value_added_ratio: f64,
    /// Length of the measured window: from the warm-up to the end.
    pub measured_minutes: f64,
    /// Arrivals plus task completions, warm-up included.
    pub events: u64,
    pub roles: Vec<RoleKpis>,
    pub steps: Vec<StepKpis>,
}

/// The direction in which a KPI improves, for comparison verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Lower,
    Higher,
    /// Neither direction is better in itself, such as utilisation.
    Neither,
}

/// One KPI value by a stable key such as `cycle_time.p90` or
/// `role.agent.utilisation`, for statistics and comparisons.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub key: String,
    pub better: Better,
    pub value: f64,
}

impl Kpis {
    /// Derives the KPIs at the end of a replication that ran until `end`.
    /// Sorts `tally.cycle_times`.
    pub fn compute(plan: &Plan, tally: &mut Tally, pools: &[Pool], warmup: f64, end: f64) -> Kpis {
        let measured_minutes = (end - warmup).max(0.0);
        tally.cycle_times.sort_unstable_by(f64::total_cmp);
        let cycle = &tally.cycle_times;
        let completed = cycle.len() as u64;
        let cycle_sum: f64 = cycle.iter().sum();
        let arrived = tally.arrived.max(1) as f64;
        let wait: f64 = tally.activities.iter().map(|activity| activity.wait).sum();
        let work: f64 = tally.activities.iter().map(|activity| activity.work).sum();

        Kpis {
            cases_arrived: tally.arrived,
            cases_completed: completed,
            cycle_time: CycleTime {
                mean: cycle_sum / completed as f64,
                p50: quantile(cycle, 0.50),
                p90: quantile(cycle, 0.90),
                p95: quantile(cycle, 0.95),
                p99: quantile(cycle, 0.99),
                max: cycle.last().copied().unwrap_or(f64::NAN),
            },
            waiting_per_case: wait / arrived,
            processing_per_case: work / arrived,
            throughput_per_hour: completed as f64 / measured_minutes * 60.0,
            work_in_progress: tally.wip_area / measured_minutes,
            cost_per_case: tally.cost / completed as f64,
            value_added_ratio: tally.value_added / cycle_sum,
            measured_minutes,
            events: tally.events,
            roles: role_kpis(plan, pools, warmup, end, measured_minutes),
            steps: step_kpis(plan, tally),
        }
    }

    /// Lists the KPIs as keyed values, in a fixed order.
    pub fn metrics(&self) -> Vec<Metric> {
        let mut metrics = Vec::new();
        let mut push = |key: String, better: Better, value: f64| metrics.push(Metric { key, better, value });

        let cycle = &self.cycle_time;
        for (name, value) in [
            ("mean", cycle.mean),
            ("p50", cycle.p50),
            ("p90", cycle.p90),
            ("p95", cycle.p95),
            ("p99", cycle.p99),
            ("max", cycle.max),
        ] {
            push(format!("cycle_time.{name}"), Better::Lower, value);
        }

        push("waiting_per_case".into(), Better::Lower, self.waiting_per_case);
        push("processing_per_case".into(), Better::Lower, self.processing_per_case);
        push("throughput_per_hour".into(), Better::Higher, self.throughput_per_hour);
        push("work_in_progress".into(), Better::Lower, self.work_in_progress);
        push("cost_per_case".into(), Better::Lower, self.cost_per_case);
        push("value_added_ratio".into(), Better::Higher, self.value_added_ratio);
        push("cases_completed".into(), Better::Higher, self.cases_completed as f64);

        for role in &self.roles {
            push(format!("role.{}.utilisation", role.id), Better::Neither, role.utilisation);
            push(format!("role.{}.queue_length", role.id), Better::Lower, role.mean_queue_length);
        }
        for step in &self.steps {
            push(format!("step.{}.visits", step.id), Better::Neither, step.visits);
            push(format!("step.{}.wait", step.id), Better::Lower, step.mean_wait);
            push(format!("step.{}.processing", step.id), Better::Lower, step.mean_processing);
        }
        metrics
    }
}

fn role_kpis(plan: &Plan, pools: &[Pool], warmup: f64, end: f64, measured_minutes: f64) -> Vec<RoleKpis> {
    plan.used_roles()
        .map(|(index, role)| {
            let pool = &pools[index];
            RoleKpis {
                id: role.id.clone(),
                headcount: role.headcount,
                utilisation: pool.busy_area / pool.available(warmup, end),
                mean_queue_length: pool.queue_area / measured_minutes,
            }
        })
        .collect()
}

fn step_kpis(plan: &Plan, tally: &Tally) -> Vec<StepKpis> {
    let arrived = tally.arrived.max(1) as f64;
    plan.activities
        .iter()
        .zip(&tally.activities)
        .map(|(activity, counts)| {
            let count = counts.count as f64;
            StepKpis {
                id: activity.path.clone(),
                visits: count / arrived,
                mean_wait: counts.wait / count,
                mean_processing: counts.work / count,
            }
        })
        .collect()
}

/// True for an activity whose processing counts as value-added time.
pub fn is_value_added(value: Option<ValueClass>) -> bool {
    value == Some(ValueClass::Cva)
}
