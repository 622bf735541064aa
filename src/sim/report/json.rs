//! JSON reports, for tools. NaN, where a KPI has no observations, is `null`.

use serde::Serialize;

use super::describe;
use crate::sim::comparison::{Comparison, Verdict};
use crate::sim::kpis::{Better, Kpis};
use crate::sim::replications::Outcome;
use crate::sim::statistics::Estimate;

#[derive(Serialize)]
struct RunJson<'a> {
    label: &'a str,
    process: &'a str,
    scenario: Option<&'a str>,
    settings: SettingsJson,
    currency: Option<&'a str>,
    bottleneck: Option<BottleneckJson>,
    kpis: Vec<KpiJson>,
    replications: &'a [Kpis],
}

#[derive(Serialize)]
struct SettingsJson {
    cases: Option<u64>,
    horizon_minutes: Option<f64>,
    replications: u32,
    seed: u64,
    warmup_minutes: f64,
    max_events: u64,
}

#[derive(Serialize)]
struct BottleneckJson {
    role: String,
    utilisation: f64,
}

#[derive(Serialize)]
struct KpiJson {
    key: String,
    label: String,
    unit: &'static str,
    better: Better,
    mean: f64,
    sd: f64,
    ci95: Option<(f64, f64)>,
}

#[derive(Serialize)]
struct ComparisonJson<'a> {
    as_is: RunJson<'a>,
    to_be: RunJson<'a>,
    deltas: Vec<DeltaJson>,
}

#[derive(Serialize)]
struct DeltaJson {
    key: String,
    label: String,
    unit: &'static str,
    better: Better,
    as_is: f64,
    to_be: f64,
    change: f64,
    change_ci95: Option<(f64, f64)>,
    verdict: Verdict,
}

fn run_json(outcome: &Outcome) -> RunJson<'_> {
    let settings = &outcome.settings;
    RunJson {
        label: &outcome.label,
        process: &outcome.process,
        scenario: settings.scenario.as_ref().map(|scenario| scenario.id.as_str()),
        settings: SettingsJson {
            cases: settings.cases,
            horizon_minutes: settings.horizon,
            replications: settings.replications,
            seed: settings.seed,
            warmup_minutes: settings.warmup,
            max_events: settings.max_events,
        },
        currency: outcome.currency.as_deref(),
        bottleneck: outcome.bottleneck().map(|(role, utilisation)| BottleneckJson { role, utilisation }),
        kpis: outcome
            .summaries()
            .into_iter()
            .map(|summary| kpi_json(outcome, &summary.key, summary.better, &summary.estimate))
            .collect(),
        replications: &outcome.replications,
    }
}

fn kpi_json(outcome: &Outcome, key: &str, better: Better, estimate: &Estimate) -> KpiJson {
    let description = describe(key, outcome);
    KpiJson {
        key: key.to_string(),
        label: description.label,
        unit: description.unit.name(),
        better,
        mean: estimate.mean,
        sd: estimate.sd,
        ci95: estimate.interval(),
    }
}

/// Writes the KPIs of one run with every replication's figures.
pub fn outcome_json(outcome: &Outcome) -> String {
    to_text(&run_json(outcome))
}

/// Both runs of a comparison and the paired changes.
pub fn comparison_json(comparison: &Comparison) -> String {
    let deltas = comparison
        .deltas
        .iter()
        .map(|delta| {
            let description = describe(&delta.key, &comparison.as_is);
            DeltaJson {
                key: delta.key.clone(),
                label: description.label,
                unit: description.unit.name(),
                better: delta.better,
                as_is: delta.as_is.mean,
                to_be: delta.to_be.mean,
                change: delta.difference.mean,
                change_ci95: delta.difference.interval(),
                verdict: delta.verdict,
            }
        })
        .collect();
    let report =
        ComparisonJson { as_is: run_json(&comparison.as_is), to_be: run_json(&comparison.to_be), deltas };
    to_text(&report)
}

fn to_text(value: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("reports contain only serialisable values");
    text.push('\n');
    text
}
