//! `reflow sim` run as a program: formats, determinism, comparisons,
//! escaping and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AS_IS: &str = r#"
role agent "Agent" { headcount: 2 cost: 60 CNY/h }
role lead "Team <lead> & \"boss\"" { headcount: 1 cost: 90 CNY/h }

process claims "Claims" {
    start s
    task check "Check claim" { role: agent duration: triangular(5m, 8m, 15m) value: cva }
    task approve "Approve" { role: lead duration: exponential(6m) cost: 2 CNY value: bva }
    task pay "Pay" { role: agent duration: uniform(2m, 4m) value: cva }
    end e "Paid"
    s -> check -> approve -> pay -> e
}

simulation {
    arrivals: exponential(10m)
    cases: 3000
    replications: 4
    seed: 7

    scenario more_leads "Two leads" { lead.headcount: 2 }
}
"#;

const TO_BE: &str = r#"
role agent "Agent" { headcount: 2 cost: 60 CNY/h }
role lead "Team lead" { headcount: 1 cost: 90 CNY/h }

process claims_fast "Claims without approval" {
    start s
    task check "Check claim" { role: agent duration: triangular(5m, 8m, 15m) value: cva }
    task pay "Pay" { role: agent duration: uniform(2m, 4m) value: cva }
    end e "Paid"
    s -> check -> pay -> e
}
"#;

fn reflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow")).args(args).output().expect("reflow runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// Writes the test models into a fresh folder.
fn models() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let as_is = dir.path().join("as_is.flow");
    let to_be = dir.path().join("to_be.flow");
    std::fs::write(&as_is, AS_IS).unwrap();
    std::fs::write(&to_be, TO_BE).unwrap();
    (dir, as_is, to_be)
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn sim_table_report() {
    let (_dir, as_is, _) = models();
    let output = reflow(&["sim", text(&as_is)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains("Simulation of claims"), "{report}");
    assert!(report.contains("4 replications of 3,000 cases, seed 7"), "{report}");
    assert!(report.contains("cycle time, p95 (min)"), "{report}");
    assert!(report.contains("cost per case (CNY)"), "{report}");
    assert!(report.contains("bottleneck: `"), "{report}");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn sim_json_same_for_any_thread_count() {
    let (_dir, as_is, _) = models();
    let one = reflow(&["sim", text(&as_is), "--format", "json", "-j", "1"]);
    let two = reflow(&["sim", text(&as_is), "--format", "json", "-j", "2"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert_eq!(stdout(&one), stdout(&two));

    let json: serde_json::Value = serde_json::from_str(&stdout(&one)).expect("valid JSON");
    assert_eq!(json["process"], "claims");
    assert_eq!(json["settings"]["seed"], 7);
    assert_eq!(json["replications"].as_array().unwrap().len(), 4);
    let first = &json["kpis"][0];
    assert_eq!(first["key"], "cycle_time.mean");
    assert!(first["ci95"][0].as_f64().unwrap() < first["mean"].as_f64().unwrap());
}

#[test]
fn sim_overrides_change_run() {
    let (_dir, as_is, _) = models();
    let output =
        reflow(&["sim", text(&as_is), "--format", "json", "--cases", "500", "-r", "2", "--seed", "3"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["settings"]["cases"], 500);
    assert_eq!(json["settings"]["replications"], 2);
    assert_eq!(json["settings"]["seed"], 3);

    let output =
        reflow(&["sim", text(&as_is), "--format", "json", "--horizon", "2d", "--warmup", "4h", "-r", "2"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["settings"]["horizon_minutes"], 2880.0);
    assert_eq!(json["settings"]["warmup_minutes"], 240.0);
    assert!(json["settings"]["cases"].is_null());
}

#[test]
fn sim_csv_report() {
    let (_dir, as_is, _) = models();
    let output = reflow(&["sim", text(&as_is), "--format", "csv"]);
    let report = stdout(&output);
    let mut lines = report.lines();
    assert_eq!(lines.next(), Some("key,label,unit,mean,sd,ci95_low,ci95_high,replications"));
    assert!(lines.next().unwrap().starts_with("cycle_time.mean,\"cycle time, mean\",minutes,"));
    assert!(report.contains("role.lead.utilisation,"), "{report}");
}

#[test]
fn sim_html_report_escapes_names() {
    let (dir, as_is, _) = models();
    let path = dir.path().join("report.html");
    let output = reflow(&["sim", text(&as_is), "--format", "html", "-o", text(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());

    let html = std::fs::read_to_string(&path).expect("the report is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
    assert!(html.contains("Team &lt;lead&gt; &amp; &quot;boss&quot;"));
    assert!(!html.contains("<lead>"));
    assert!(!html.contains("<script"));
}

#[test]
fn sim_compare_other_file() {
    let (_dir, as_is, to_be) = models();
    let output = reflow(&["sim", text(&as_is), "--compare", &format!("{}:claims_fast", text(&to_be))]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains("As-is claims versus to-be claims_fast"), "{report}");

    // Dropping the approval step shortens every case.
    let cycle = report.lines().find(|line| line.starts_with("cycle time, mean")).expect("a cycle time row");
    assert!(cycle.ends_with("better"), "{cycle}");

    let output = reflow(&["sim", text(&as_is), "--compare", text(&to_be), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let deltas = json["deltas"].as_array().unwrap();
    assert!(deltas.iter().all(|delta| !delta["key"].as_str().unwrap().contains("approve")));
    let cost = deltas.iter().find(|delta| delta["key"] == "cost_per_case").unwrap();
    assert_eq!(cost["verdict"], "better");
}

#[test]
fn sim_compare_scenario() {
    let (_dir, as_is, _) = models();
    let output = reflow(&["sim", text(&as_is), "--compare-scenario", "more_leads", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(
        report.starts_with("key,label,unit,as_is,to_be,change,change_ci95_low,change_ci95_high,verdict\n")
    );

    // A second lead shortens the wait for approval; an agent's work is unchanged.
    let wait = report.lines().find(|line| line.starts_with("step.approve.wait,")).unwrap();
    assert!(wait.ends_with(",better"), "{wait}");
    let agent = report.lines().find(|line| line.starts_with("role.agent.utilisation,")).unwrap();
    assert!(agent.ends_with(",no significant change"), "{agent}");
}

#[test]
fn sim_model_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_arrivals.flow");
    std::fs::write(
        &path,
        "role r\nprocess p {\n start s\n task t { role: r duration: fixed(1m) }\n end e\n s -> t -> e\n}\n",
    )
    .unwrap();
    let output = reflow(&["sim", text(&path), "--color", "never"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("E801"), "{}", stderr(&output));
    assert!(stderr(&output).contains("the simulation has no arrivals"), "{}", stderr(&output));
}

#[test]
fn sim_usage_errors_exit_2() {
    let (_dir, as_is, _) = models();
    let output = reflow(&["sim", text(&as_is), "--horizon", "3 days"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("not a unit of time"), "{}", stderr(&output));

    let output = reflow(&["sim", text(&as_is), "--cases", "5", "--horizon", "1d"]);
    assert_eq!(output.status.code(), Some(2));

    let output = reflow(&["sim", "missing.flow"]);
    assert_eq!(output.status.code(), Some(2));
}
