//! Resolving the settings of a run from the simulation block and overrides.

use reflow::diagnostic::{Code, Diagnostic};
use reflow::model::{self, Input, Model};
use reflow::sim::{self, DEFAULT_CASES, DEFAULT_MAX_EVENTS, DEFAULT_REPLICATIONS, Overrides, Settings};
use reflow::source::FileId;

const TWO_PROCESSES: &str = "
role r
process first { start s  task t { role: r duration: fixed(1m) }  end e  s -> t -> e }
process second { start s  task u { role: r duration: fixed(2m) }  end e  s -> u -> e }
";

fn build(source: &str) -> (Model, FileId) {
    let loaded = model::load(&[Input::Stdin(source.as_bytes().to_vec())]).expect("text input");
    let (built, diagnostics) = model::build(&loaded);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:#?}");
    (built, loaded.roots[0])
}

fn resolve(source: &str, overrides: &Overrides) -> Result<Settings, Vec<Diagnostic>> {
    let (model, root) = build(source);
    sim::resolve(&model, root, overrides)
}

#[test]
fn defaults_without_stop_rule() {
    let source = format!("{TWO_PROCESSES}\nsimulation {{ process: second arrivals: fixed(5m) }}");
    let settings = resolve(&source, &Overrides::default()).expect("valid settings");
    assert_eq!(settings.cases, Some(DEFAULT_CASES));
    assert_eq!(settings.horizon, None);
    assert_eq!(settings.replications, DEFAULT_REPLICATIONS);
    assert_eq!(settings.max_events, DEFAULT_MAX_EVENTS);
    assert_eq!(settings.process.0, 1);
}

#[test]
fn command_line_stop_rule_replaces_block() {
    let source = format!("{TWO_PROCESSES}\nsimulation {{ process: first arrivals: fixed(5m) horizon: 8h }}");
    let overrides = Overrides { cases: Some(50), ..Overrides::default() };
    let settings = resolve(&source, &overrides).expect("valid settings");
    assert_eq!(settings.cases, Some(50));
    assert_eq!(settings.horizon, None);

    let overrides = Overrides { horizon: Some(60.0), seed: Some(9), ..Overrides::default() };
    let settings = resolve(&source, &overrides).expect("valid settings");
    assert_eq!(settings.cases, None);
    assert_eq!(settings.horizon, Some(60.0));
    assert_eq!(settings.seed, 9);
}

#[test]
fn several_processes_need_a_choice() {
    let source = format!("{TWO_PROCESSES}\nsimulation {{ arrivals: fixed(5m) }}");
    let errors = resolve(&source, &Overrides::default()).expect_err("no process named");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, Code::SimulationSettings);
    assert!(errors[0].help.as_deref().unwrap().contains("`first`, `second`"), "{:?}", errors[0].help);

    let overrides = Overrides { process: Some("second".into()), ..Overrides::default() };
    let settings = resolve(&source, &overrides).expect("the process is named");
    assert_eq!(settings.process.0, 1);
}

#[test]
fn unknown_process_suggests_one() {
    let source = format!("{TWO_PROCESSES}\nsimulation {{ arrivals: fixed(5m) }}");
    let overrides = Overrides { process: Some("secnd".into()), ..Overrides::default() };
    let errors = resolve(&source, &overrides).expect_err("unknown process");
    assert_eq!(errors[0].message, "unknown process `secnd`");
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `second`?"));
}

#[test]
fn invalid_values_are_reported_together() {
    let source = format!(
        "{TWO_PROCESSES}\nsimulation {{ process: first arrivals: fixed(5m) horizon: 1h warmup: 2h replications: 0 }}"
    );
    let errors = resolve(&source, &Overrides::default()).expect_err("invalid values");
    let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`replications` is 0, so nothing would run",
            "the warm-up is not shorter than the horizon, so nothing would be measured"
        ]
    );
}

#[test]
fn zero_time_between_arrivals_rejected() {
    let source = format!("{TWO_PROCESSES}\nsimulation {{ process: first arrivals: fixed(0m) horizon: 1d }}");
    let errors = resolve(&source, &Overrides::default()).expect_err("arrivals never advance the clock");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("mean of 0"), "{}", errors[0].message);
}

#[test]
fn scenario_overrides_headcount_and_arrivals() {
    let source = "
        role r { headcount: 1 }
        process p { start s  task t { role: r duration: fixed(1m) }  end e  s -> t -> e }
        simulation {
            arrivals: fixed(5m)
            scenario rush { r.headcount: 3 arrivals: fixed(1m) }
        }";
    let overrides = Overrides {
        scenario: Some("rush".into()),
        cases: Some(10),
        replications: Some(1),
        ..Overrides::default()
    };
    let (model, root) = build(source);
    let settings = sim::resolve(&model, root, &overrides).expect("valid settings");
    assert_eq!(settings.arrivals, reflow::model::Distribution::Fixed(1.0));

    let outcome = sim::simulate(&model, root, &overrides, 1, &|_| {}).expect("the run finishes");
    assert_eq!(outcome.label, "p (rush)");
    assert_eq!(outcome.replications[0].roles[0].headcount, 3);
}
