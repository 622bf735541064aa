//! Critical path, hand-offs, value added and workload against values
//! computed by hand.

mod support;

use reflow::analysis::durations::step_minutes;
use reflow::analysis::workload::scenarios;
use reflow::analysis::{Dominance, critical_path, handoffs, role_work, value_added, visits};
use reflow::model::ProcessId;
use support::{assert_close, ids, model, node};

/// Returns the critical path's minutes and step ids of the first process.
fn critical(text: &str) -> (f64, Vec<String>) {
    let model = model(text);
    let process = &model.processes[0];
    let dominance = Dominance::compute(process).unwrap();
    let visits = visits(process, &dominance);
    let path = critical_path(process, &dominance, &visits, &step_minutes(&model, process));
    (path.minutes, ids(process, &path.steps))
}

/// Writes a fork whose branch `b` takes `b_minutes` and whose branch `c` takes 8
/// minutes, then `d` (4 minutes) with probability `d_share`.
fn fork_model(b_minutes: u32, d_share: u32) -> String {
    format!(
        r#"
role r "Clerk" {{ headcount: 1 }}
process p "Fork" {{
  start s "Start"
  task a "A" {{ role: r duration: 10m }}
  fork f
  task b "B" {{ role: r duration: {b_minutes}m }}
  task c "C" {{ role: r duration: 8m }}
  decision x "More?"
  task d "D" {{ role: r duration: 4m }}
  merge m
  join j
  task z "Z" {{ role: r duration: 3m }}
  end e "Done"
  s -> a -> f
  f -> b -> j
  f -> c -> x
  x -> [more {d_share}%] d -> m
  x -> [enough {rest}%] m
  m -> j
  j -> z -> e
}}
"#,
        rest = 100 - d_share
    )
}

#[test]
fn critical_path_takes_the_longer_branch() {
    // A 10 + max(B 9, C 8 + 50% of D 4 = 10) + Z 3 = 23.
    let (minutes, steps) = critical(&fork_model(9, 50));
    assert_close(minutes, 23.0, "expected minutes");
    assert_eq!(steps, ["s", "a", "f", "c", "x", "d", "m", "j", "z", "e"]);
}

#[test]
fn critical_path_weighs_branch_probabilities() {
    // C 8 + 20% of D 4 = 8.8 is now shorter than B 9: 10 + 9 + 3 = 22.
    let (minutes, steps) = critical(&fork_model(9, 20));
    assert_close(minutes, 22.0, "expected minutes");
    assert_eq!(steps, ["s", "a", "f", "b", "j", "z", "e"]);
}

#[test]
fn critical_path_through_rework_loop() {
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Rework" {
  start s "Start"
  task a "Do" { role: r duration: 10m }
  wait w "Cool down" { duration: 2h }
  decision d "Good?"
  end e "Done"
  s -> a -> w -> d
  d -> [yes 80%] e
  d -> [no 20%] a
}
"#;
    // (10 + 120) × 1.25 visits; the wait counts as time, not as work.
    let (minutes, _) = critical(text);
    assert_close(minutes, 162.5, "expected minutes");
}

#[test]
fn critical_path_includes_called_process() {
    let text = r#"
role r "Clerk" { headcount: 1 }
process inner "Inner" {
  start s "Start"
  task x "X" { role: r duration: 7m }
  end e "Done"
  s -> x -> e
}
process outer "Outer" {
  start s "Start"
  task a "A" { role: r duration: 10m }
  call c "Run inner" { process: inner }
  end e "Done"
  s -> a -> c -> e
}
"#;
    let model = model(text);
    let process = &model.processes[1];
    let dominance = Dominance::compute(process).unwrap();
    let visits = visits(process, &dominance);
    let path = critical_path(process, &dominance, &visits, &step_minutes(&model, process));
    assert_close(path.minutes, 17.0, "outer with inner");
    let work = role_work(&model, ProcessId(1));
    assert_close(work.total(), 17.0, "work of the called process counts");
}

const REWORK_HANDOFF: &str = r#"
role first "First" { headcount: 1 }
role second "Second" { headcount: 1 }
process p "Hand-offs" {
  start s "Start"
  task a "A" { role: first duration: 10m }
  task b "B" { role: second duration: 5m }
  decision d "Good?"
  end e "Done"
  s -> a -> b -> d
  d -> [ok 80%] e
  d -> [redo 20%] a
}
"#;

#[test]
fn handoffs_in_a_rework_loop() {
    // a → b 1.25 times, b → a 1.25 × 20% = 0.25 times.
    let model = model(REWORK_HANDOFF);
    let process = &model.processes[0];
    let visits = visits(process, &Dominance::compute(process).unwrap());
    let found = handoffs(process, &visits);
    assert_close(found.per_case, 1.5, "hand-offs per case");
    assert_eq!(found.between.len(), 2);
    assert_close(found.between[0].2, 1.25, "first to second");
    assert_close(found.between[1].2, 0.25, "second back to first");
}

#[test]
fn handoffs_count_each_branch_into_a_join() {
    // `a` hands to `b` and to `c`, and `c` hands back to `z` through the join.
    let text = r#"
role first "First" { headcount: 1 }
role second "Second" { headcount: 1 }
process p "Parallel" {
  start s "Start"
  task a "A" { role: first }
  fork f
  task b "B" { role: first }
  task c "C" { role: second }
  join j
  task z "Z" { role: first }
  end e "Done"
  s -> a -> f
  f -> b -> j
  f -> c -> j
  j -> z -> e
}
"#;
    let model = model(text);
    let process = &model.processes[0];
    let visits = visits(process, &Dominance::compute(process).unwrap());
    assert_close(handoffs(process, &visits).per_case, 2.0, "hand-offs per case");
}

#[test]
fn value_added_shares() {
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Value" {
  start s "Start"
  task a "Serve" { role: r duration: 10m value: cva }
  task b "Record" { role: r duration: 5m value: bva }
  task c "Wait for approval" { role: r duration: 4m value: nva }
  task d "Other" { role: r duration: 1m }
  end e "Done"
  s -> a -> b -> c -> d -> e
}
"#;
    let model = model(text);
    let process = &model.processes[0];
    let visits = visits(process, &Dominance::compute(process).unwrap());
    let value = value_added(process, &visits);
    assert_close(value.total(), 20.0, "task minutes");
    assert_close(value.ratio().unwrap(), 0.5, "value-added ratio");
    assert_close(value.share(value.business).unwrap(), 0.25, "business share");
    assert_close(value.share(value.none).unwrap(), 0.2, "non-value-added share");
    assert_close(value.share(value.unclassified).unwrap(), 0.05, "unclassified share");
}

#[test]
fn workload_of_a_single_task() {
    // 19.8 minutes per case, a case every 6 minutes, 3 people: 110%.
    let text = r#"
role agent "Agent" { headcount: 3 }
process p "Load" {
  start s "Start"
  task a "Handle" { role: agent duration: 19.8m }
  end e "Done"
  s -> a -> e
}
simulation {
  process: p
  arrivals: exponential(6m)
  scenario more { agent.headcount: 4 }
}
"#;
    let model = model(text);
    let loads = scenarios(&model, ProcessId(0), None);
    assert_eq!(loads.len(), 2);
    assert_close(loads[0].roles[0].utilisation, 1.1, "declared headcount");
    assert_close(loads[1].roles[0].utilisation, 0.825, "scenario headcount");
    assert_eq!(loads[1].scenario.as_deref(), Some("more"));

    let faster = scenarios(&model, ProcessId(0), Some(9.0));
    assert_close(faster[0].roles[0].utilisation, 19.8 / 9.0 / 3.0, "arrivals given on the command line");
}

const REFERENCE: &str = include_str!("../bench/complaint_reference.flow");

/// Formats the utilisations of service_agent, quality_engineer and manager per
/// scenario, rounded to 3 decimals.
fn reference_loads() -> Vec<(Option<String>, Vec<String>)> {
    let model = model(REFERENCE);
    scenarios(&model, ProcessId(0), None)
        .into_iter()
        .map(|load| {
            (load.scenario, load.roles.iter().map(|role| format!("{:.3}", role.utilisation)).collect())
        })
        .collect()
}

#[test]
fn reference_static_loads() {
    let loads = reference_loads();
    assert_eq!(loads.len(), 3);
    assert_eq!(loads[1].0.as_deref(), Some("as_is"));
    assert_eq!(loads[1].1, ["1.102", "0.961", "0.961"]);
    assert_eq!(loads[2].0.as_deref(), Some("staffed"));
    assert_eq!(loads[2].1, ["0.827", "0.641", "0.480"]);
}

#[test]
fn reference_visits_and_work() {
    let model = model(REFERENCE);
    let process = &model.processes[0];
    let visits = visits(process, &Dominance::compute(process).unwrap());
    assert_close(visits.of(node(process, "contact")), 1.0 / 0.85, "contact");
    assert_close(visits.of(node(process, "investigate")), 0.4 + 0.15 / 0.85, "investigate");
    assert_close(visits.of(node(process, "comp_approval")), 0.4 + 0.15 / 0.85, "approval");

    let work = role_work(&model, ProcessId(0));
    let service = 14.0 / 3.0 + (0.4 + 0.15 / 0.85) * 10.0 + 8.0 / 0.85;
    assert_close(work.roles[0].1, service, "service agent minutes");
    assert_eq!(format!("{:.3}", work.roles[0].1), "19.843");
    assert_eq!(format!("{:.3}", work.roles[1].1), "11.529");
    assert_eq!(format!("{:.3}", work.roles[2].1), "5.765");
}

#[test]
fn reference_handoffs_and_critical_path() {
    // register → investigate 0.4, investigate → draft and → approval
    // 2 × 0.57647, approval → contact 0.57647, contact → investigate
    // 1.17647 × 15%.
    let model = model(REFERENCE);
    let process = &model.processes[0];
    let dominance = Dominance::compute(process).unwrap();
    let visits = visits(process, &dominance);
    let branch = 0.4 + 0.15 / 0.85;
    assert_close(handoffs(process, &visits).per_case, 0.4 + 3.0 * branch + 0.15 / 0.85, "hand-offs");

    // The two parallel branches both take 10 minutes; the first is kept.
    let path = critical_path(process, &dominance, &visits, &step_minutes(&model, process));
    let expected = 14.0 / 3.0 + branch * 20.0 + branch * 10.0 + 8.0 / 0.85;
    assert_close(path.minutes, expected, "critical path minutes");
    assert!(ids(process, &path.steps).contains(&"draft_reply".to_string()));
    assert!(!ids(process, &path.steps).contains(&"comp_approval".to_string()));
}
