//! The simulator against results known in closed form or by construction:
//! queueing formulas, rework visits, join and split semantics, calendars,
//! costs, guards and determinism.

use reflow::diagnostic::{Code, Diagnostic};
use reflow::model::{self, Input, Model};
use reflow::sim::{self, Outcome, Overrides};
use reflow::source::FileId;

/// Builds a model from source text, asserting that it has no errors.
fn build(source: &str) -> (Model, FileId) {
    let loaded = model::load(&[Input::Stdin(source.as_bytes().to_vec())]).expect("text input");
    let (built, mut diagnostics) = model::build(&loaded);
    diagnostics.extend(loaded.diagnostics.clone());
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "model errors: {errors:#?}");
    (built, loaded.roots[0])
}

fn simulate(source: &str, overrides: &Overrides) -> Result<Outcome, Vec<Diagnostic>> {
    let (model, root) = build(source);
    sim::simulate(&model, root, overrides, 2, &|_| {})
}

fn run(source: &str) -> Outcome {
    simulate(source, &Overrides::default()).unwrap_or_else(|errors| panic!("simulation failed: {errors:#?}"))
}

fn mean(outcome: &Outcome, key: &str) -> f64 {
    outcome.summary(key).unwrap_or_else(|| panic!("no KPI `{key}`")).estimate.mean
}

/// Asserts that the replication mean of `key` is within `sigmas` standard
/// errors of `expected`, and that the standard error is small enough,
/// relative to `expected`, for the check to mean something.
fn assert_near(outcome: &Outcome, key: &str, expected: f64, sigmas: f64, max_relative_error: f64) {
    let estimate = outcome.summary(key).unwrap().estimate;
    let standard_error = estimate.sd / (estimate.replications as f64).sqrt();
    let distance = (estimate.mean - expected).abs();
    assert!(
        distance <= sigmas * standard_error,
        "{key}: mean {:.4}, expected {expected:.4}, standard error {standard_error:.4}",
        estimate.mean
    );
    assert!(
        standard_error <= max_relative_error * expected.abs(),
        "{key}: standard error {standard_error:.4} too large to test against {expected:.4}"
    );
}

fn codes(errors: &[Diagnostic]) -> Vec<Code> {
    errors.iter().map(|diagnostic| diagnostic.code).collect()
}

/// The Erlang C probability that an arrival waits, for `servers` servers
/// and an offered load of `load` (arrival rate over service rate).
fn erlang_c(servers: u32, load: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..servers {
        term *= load / f64::from(k);
        sum += term;
    }
    let last = term * load / f64::from(servers);
    let rho = load / f64::from(servers);
    let waiting = last / (1.0 - rho);
    waiting / (sum + waiting)
}

#[test]
fn erlang_c_known_value() {
    // Two servers, load 1: C = (1/2 * 1/(1 - 1/2)) / (1 + 1 + 1) = 1/3.
    assert!((erlang_c(2, 1.0) - 1.0 / 3.0).abs() < 1e-12);
    assert!((erlang_c(1, 0.5) - 0.5).abs() < 1e-12);
}

fn queue_model(servers: u32, interarrival: f64, service: f64, cases: u32, replications: u32) -> String {
    format!(
        "role server {{ headcount: {servers} }}
        process queue {{
            start s
            task serve {{ role: server duration: exponential({service}m) }}
            end e
            s -> serve -> e
        }}
        simulation {{ arrivals: exponential({interarrival}m) cases: {cases} replications: {replications} seed: 11 warmup: 2h }}"
    )
}

#[test]
fn mm1_waiting_time() {
    // Arrival rate 1/10, service rate 1/5: rho 0.5, Wq = rho / (mu - lambda) = 5 minutes.
    let outcome = run(&queue_model(1, 10.0, 5.0, 10_000, 8));
    assert_near(&outcome, "step.serve.wait", 5.0, 3.5, 0.05);
    assert_near(&outcome, "role.server.utilisation", 0.5, 3.5, 0.02);

    // Lq = lambda * Wq = 0.5.
    assert_near(&outcome, "role.server.queue_length", 0.5, 3.5, 0.05);
}

#[test]
fn mmc_waiting_time_erlang_c() {
    // Three servers, arrival rate 0.21, service mean 10: load 2.1, rho 0.7.
    let (servers, lambda, service) = (3, 0.21, 10.0);
    let load = lambda * service;
    let expected_wait = erlang_c(servers, load) / (f64::from(servers) / service - lambda);
    let outcome = run(&queue_model(servers, 1.0 / lambda, service, 20_000, 8));
    assert_near(&outcome, "step.serve.wait", expected_wait, 3.5, 0.05);
    assert_near(&outcome, "role.server.utilisation", load / f64::from(servers), 3.5, 0.02);

    // Little's law for the whole system: L = lambda * W.
    let wip = mean(&outcome, "work_in_progress");
    let cycle = mean(&outcome, "cycle_time.mean");
    assert!((wip - lambda * cycle).abs() < 0.03 * wip, "L {wip}, lambda W {}", lambda * cycle);
}

#[test]
fn rework_loop_visits() {
    let outcome = run("
        role clerk { headcount: 5 }
        process rework {
            start s
            task work { role: clerk duration: fixed(1m) }
            decision ok
            end e
            s -> work -> ok
            ok -> [yes 80%] e
            ok -> [no 20%] work
        }
        simulation { arrivals: exponential(10m) cases: 20000 replications: 4 seed: 3 }");

    // Visits are geometric with p = 0.8: mean 1/0.8 = 1.25.
    assert_near(&outcome, "step.work.visits", 1.25, 4.0, 0.01);
}

#[test]
fn join_waits_for_later_branch() {
    let outcome = run("
        role a_role
        role b_role
        process parallel {
            start s
            fork f
            task quick { role: a_role duration: fixed(5m) }
            task slow { role: b_role duration: fixed(12m) }
            join j
            task after { role: a_role duration: fixed(3m) }
            end e
            s -> f
            f -> quick -> j
            f -> slow -> j
            j -> after -> e
        }
        simulation { arrivals: fixed(100m) cases: 50 replications: 2 }");

    // No case ever queues, so every cycle time is 12 + 3 minutes.
    assert_eq!(mean(&outcome, "cycle_time.mean"), 15.0);
    assert_eq!(mean(&outcome, "cycle_time.max"), 15.0);
    assert_eq!(mean(&outcome, "step.after.visits"), 1.0);
    assert_eq!(mean(&outcome, "cases_completed"), 50.0);
}

#[test]
fn inclusive_join_waits_for_taken_branches() {
    let outcome = run("
        role r { headcount: 10 }
        process notify {
            start s
            inclusive_split which
            task letter { role: r duration: fixed(10m) }
            task call { role: r duration: fixed(20m) }
            inclusive_join done
            end e
            s -> which
            which -> [letter 50%] letter -> done
            which -> [call 50%] call -> done
            done -> e
        }
        simulation { arrivals: fixed(60m) cases: 30000 replications: 2 seed: 5 }");

    // Given at least one branch: each is taken with probability
    // 0.5 / 0.75 = 2/3. The case takes 20 minutes when the call is made,
    // else 10: mean 2/3 * 20 + 1/3 * 10.
    assert!((mean(&outcome, "step.letter.visits") - 2.0 / 3.0).abs() < 0.01);
    assert!((mean(&outcome, "step.call.visits") - 2.0 / 3.0).abs() < 0.01);
    assert!((mean(&outcome, "cycle_time.mean") - 50.0 / 3.0).abs() < 0.1);
    assert_eq!(mean(&outcome, "cases_completed"), 30000.0);
}

#[test]
fn call_runs_called_process() {
    let outcome = run("
        role r
        process main {
            start s
            call check { process: review }
            task finish { role: r duration: fixed(2m) }
            end e
            s -> check -> finish -> e
        }
        process review {
            start rs
            task read { role: r duration: fixed(7m) }
            wait cool_off { duration: 1h }
            end re
            rs -> read -> cool_off -> re
        }
        simulation { process: main arrivals: fixed(200m) cases: 10 replications: 1 }");

    assert_eq!(mean(&outcome, "cycle_time.mean"), 69.0);
    assert_eq!(mean(&outcome, "step.check/read.visits"), 1.0);
    assert_eq!(mean(&outcome, "step.check/cool_off.processing"), 60.0);
}

#[test]
fn calendar_delays_and_pauses_work() {
    let outcome = run("
        role clerk { headcount: 1 hours: mon-fri 09:00-17:00 }
        process office {
            start s
            task file { role: clerk duration: fixed(60m) }
            end e
            s -> file -> e
        }
        simulation { arrivals: fixed(990m) cases: 2 replications: 1 }");

    // Case 1 arrives Monday 16:30 and finishes its hour of work at 09:30
    // on Tuesday, 17 hours later. Case 2 arrives at 09:00 on Tuesday and
    // waits for the clerk until 09:30: it finishes at 10:30.
    assert_eq!(mean(&outcome, "cycle_time.max"), 17.0 * 60.0);
    assert_eq!(mean(&outcome, "cycle_time.p50"), 90.0);
    assert_eq!(mean(&outcome, "step.file.wait"), 15.0);

    // Two hours of work over the clerk's working time until 10:30 on
    // Tuesday: 8 hours on Monday and 1.5 on Tuesday.
    let utilisation = mean(&outcome, "role.clerk.utilisation");
    assert!((utilisation - 120.0 / 570.0).abs() < 1e-9, "utilisation {utilisation}");
}

#[test]
fn cost_and_value_added() {
    let outcome = run("
        role agent { headcount: 2 cost: 60 CNY/h }
        process paid {
            start s
            task serve { role: agent duration: fixed(30m) cost: 5 CNY value: cva }
            task file { role: agent duration: fixed(10m) value: nva }
            end e
            s -> serve -> file -> e
        }
        simulation { arrivals: fixed(60m) cases: 20 replications: 1 }");

    // 40 minutes at 1 CNY a minute plus 5 CNY; 30 of 40 minutes add value.
    assert_eq!(mean(&outcome, "cost_per_case"), 45.0);
    assert_eq!(mean(&outcome, "value_added_ratio"), 0.75);
    assert_eq!(outcome.currency.as_deref(), Some("CNY"));
}

#[test]
fn warmup_cases_are_not_measured() {
    let outcome = run("
        role r
        process p {
            start s
            task t { role: r duration: fixed(1m) }
            end e
            s -> t -> e
        }
        simulation { arrivals: fixed(10m) horizon: 1000m warmup: 500m replications: 1 }");

    // Arrivals at 10, 20, ... 1000: 50 of them at or after minute 500.
    assert_eq!(mean(&outcome, "cases_completed"), 50.0);
    assert!((mean(&outcome, "role.r.utilisation") - 0.1).abs() < 1e-9);
}

#[test]
fn runaway_loop_is_an_error() {
    let result = simulate(
        "
        role r
        process spin {
            start s
            task t { role: r duration: fixed(1m) }
            decision again
            end e
            s -> t -> again
            again -> [yes 100%] t
            again -> [no 0%] e
        }
        simulation { arrivals: fixed(5m) cases: 3 max_events: 500 }",
        &Overrides::default(),
    );
    let errors = result.expect_err("the loop never ends");
    assert_eq!(codes(&errors), [Code::RunawayCase]);
    assert!(errors[0].message.contains("500"), "{}", errors[0].message);
}

#[test]
fn join_after_decision_is_stuck() {
    let result = simulate(
        "
        role r
        process wrong {
            start s
            decision d
            task a { role: r duration: fixed(1m) }
            task b { role: r duration: fixed(1m) }
            join j
            end e
            s -> d
            d -> [x 50%] a -> j
            d -> [y 50%] b -> j
            j -> e
        }
        simulation { arrivals: fixed(5m) cases: 10 replications: 1 }",
        &Overrides::default(),
    );
    let errors = result.expect_err("a join after a decision never fires");
    assert_eq!(codes(&errors), [Code::StuckCases]);
    assert!(errors[0].message.contains("`j`"), "{}", errors[0].message);
}

#[test]
fn missing_simulation_inputs_are_diagnostics() {
    let result = simulate(
        "
        role r
        process incomplete {
            start s
            task t { role: r }
            decision d
            end e
            s -> t -> d
            d -> [yes] e
            d -> [no] t
        }",
        &Overrides::default(),
    );
    assert_eq!(codes(&result.expect_err("no arrivals")), [Code::SimulationSettings]);

    let result = simulate(
        "
        role r
        process incomplete {
            start s
            task t { role: r }
            decision d
            end e
            s -> t -> d
            d -> [yes] e
            d -> [no] t
        }
        simulation { arrivals: exponential(5m) }",
        &Overrides::default(),
    );
    let errors = result.expect_err("no duration, no probabilities");
    assert_eq!(codes(&errors), [Code::MissingDuration, Code::MissingProbability]);
    assert!(errors.iter().all(|error| error.span.end > error.span.start), "{errors:#?}");
}

#[test]
fn unknown_scenario_is_a_diagnostic() {
    let source = "
        role r
        process p { start s  task t { role: r duration: fixed(1m) }  end e  s -> t -> e }
        simulation {
            arrivals: fixed(5m)
            scenario busy { r.headcount: 2 }
        }";
    let overrides = Overrides { scenario: Some("bussy".into()), ..Overrides::default() };
    let errors = simulate(source, &overrides).expect_err("unknown scenario");
    assert_eq!(codes(&errors), [Code::SimulationSettings]);
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `busy`?"));
}

#[test]
fn same_seed_same_results_any_thread_count() {
    let (model, root) = build(&queue_model(2, 6.0, 10.0, 2_000, 6));
    let one = sim::simulate(&model, root, &Overrides::default(), 1, &|_| {}).unwrap();
    let two = sim::simulate(&model, root, &Overrides::default(), 2, &|_| {}).unwrap();
    assert_eq!(format!("{:?}", one.replications), format!("{:?}", two.replications));
    assert_eq!(one.cycle_times, two.cycle_times);

    let other_seed = Overrides { seed: Some(99), ..Overrides::default() };
    let three = sim::simulate(&model, root, &other_seed, 2, &|_| {}).unwrap();
    assert_ne!(one.cycle_times, three.cycle_times);
}

#[test]
fn changed_flow_keeps_arrivals() {
    // The same arrivals reach two different processes: with streams shared
    // between purposes, the extra task's draws would shift the arrivals.
    let as_is = "
        role r { headcount: 3 }
        process p { start s  task t { role: r duration: exponential(4m) }  end e  s -> t -> e }
        simulation { arrivals: exponential(5m) horizon: 5000m replications: 3 }";
    let to_be = "
        role r { headcount: 3 }
        process p {
            start s
            task extra { role: r duration: exponential(1m) }
            task t { role: r duration: exponential(4m) }
            end e
            s -> extra -> t -> e
        }
        simulation { arrivals: exponential(5m) horizon: 5000m replications: 3 }";
    let first = run(as_is);
    let second = run(to_be);
    for (a, b) in first.replications.iter().zip(&second.replications) {
        assert_eq!(a.cases_arrived, b.cases_arrived);
    }
}
