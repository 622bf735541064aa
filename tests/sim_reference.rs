//! The reference complaint process (bench/complaint_reference.flow) against
//! reference KPIs for 100,000 cases: the mean and the standard deviation
//! between single runs of 100 replications of an independent event loop
//! (seeds 1000 to 1099). The mean of R replications of a correct engine
//! falls within about 3 SD / sqrt(R) of the reference mean.

use std::path::PathBuf;

use reflow::model::{self, Input};
use reflow::sim::{self, Outcome, Overrides};

/// `(KPI key, reference mean, SD of one run)` for S2, 4/3/2 staff.
const STAFFED: &[(&str, f64, f64)] = &[
    ("cycle_time.mean", 50.96, 0.68),
    ("cycle_time.p50", 37.61, 0.46),
    ("cycle_time.p90", 107.86, 1.58),
    ("cycle_time.p95", 136.79, 2.32),
    ("cycle_time.p99", 208.76, 4.95),
    ("role.service_agent.utilisation", 0.8272, 0.0028),
    ("role.quality_engineer.utilisation", 0.6405, 0.0043),
    ("role.manager.utilisation", 0.4804, 0.0023),
    ("throughput_per_hour", 10.010, 0.029),
    ("step.register.wait", 5.16, 0.19),
    ("step.investigate.wait", 7.44, 0.32),
    ("step.draft_reply.wait", 5.21, 0.20),
    ("step.comp_approval.wait", 1.635, 0.035),
    ("step.contact.wait", 5.49, 0.19),
    ("step.investigate.visits", 0.5759, 0.0020),
    ("step.contact.visits", 1.1761, 0.0014),
];

/// The same for S1, 3/2/1 staff, which is overloaded: its cycle times grow
/// with the number of cases and hold for exactly 100,000.
const AS_IS: &[(&str, f64, f64)] = &[
    ("cycle_time.mean", 37_443.0, 1_485.0),
    ("cycle_time.p50", 34_409.0, 1_523.0),
    ("cycle_time.p95", 82_933.0, 3_249.0),
    ("cycle_time.p99", 119_730.0, 4_141.0),
    ("role.service_agent.utilisation", 0.99985, 0.00008),
    ("role.quality_engineer.utilisation", 0.8711, 0.0038),
    ("role.manager.utilisation", 0.8715, 0.0025),
    ("throughput_per_hour", 9.070, 0.017),
    ("step.register.wait", 13_338.0, 540.0),
    ("step.draft_reply.wait", 13_713.0, 540.0),
    ("step.contact.wait", 13_704.0, 540.0),
    ("step.investigate.wait", 78.6, 6.7),
    ("step.comp_approval.wait", 45.9, 2.1),
];

/// Replications per scenario: one 100,000-case run in a debug build, where
/// it takes about a second, and four in a release build.
const REPLICATIONS: u32 = if cfg!(debug_assertions) { 1 } else { 4 };

fn simulate(scenario: &str, replications: u32) -> Outcome {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/complaint_reference.flow");
    let loaded = model::load(&[Input::Path(path)]).expect("the reference model is readable");
    let (built, diagnostics) = model::build(&loaded);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    // The declared roster is the overloaded as-is one, so the only finding
    // is the static-load warning for the service agents.
    let codes: Vec<&str> = reflow::check::check(&built).iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["W711"]);

    let overrides = Overrides {
        scenario: Some(scenario.to_string()),
        cases: Some(100_000),
        replications: Some(replications),
        ..Overrides::default()
    };
    sim::simulate(&built, loaded.roots[0], &overrides, 0, &|_| {}).expect("the reference model runs")
}

fn assert_matches(outcome: &Outcome, reference: &[(&str, f64, f64)]) {
    let replications = outcome.replications.len() as f64;
    let mut failures = Vec::new();
    for &(key, expected, sd) in reference {
        let mean = outcome.summary(key).unwrap_or_else(|| panic!("no KPI `{key}`")).estimate.mean;
        let tolerance = 3.0 * sd / replications.sqrt();
        if (mean - expected).abs() > tolerance {
            failures.push(format!("{key}: {mean:.4}, reference {expected} ± {tolerance:.4}"));
        }
    }
    assert!(failures.is_empty(), "KPIs outside 3 SD / sqrt(R) of the reference:\n{}", failures.join("\n"));
}

#[test]
fn reference_staffed_kpis() {
    let outcome = simulate("staffed", REPLICATIONS);
    assert_matches(&outcome, STAFFED);
    assert_eq!(outcome.summary("cases_completed").unwrap().estimate.mean, 100_000.0);
}

#[test]
fn reference_as_is_kpis() {
    let outcome = simulate("as_is", REPLICATIONS);
    assert_matches(&outcome, AS_IS);
}
