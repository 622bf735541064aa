//! `reflow analyze` end to end: the whole text output, JSON, Markdown,
//! the static-load warning and usage errors.

use std::process::{Command, Output};

const CLAIM: &str = "tests/fixtures/claim.flow";

fn reflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the reflow binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// The analysis of the claim process, checked by hand: `check` runs twice
/// because `ok` splits evenly and loops back half the time, the clerk works
/// 2 × 10 + 5 + 6 = 31 minutes per case, and only the `sign` branch hands
/// work to the boss.
const CLAIM_TEXT: &str = r#"process `claim` "Claim"

must-pass steps
  s → check → ok → f → pay → sign → j → e
  not declared key: ok, pay

key nodes
  1. check (every claim is checked): must-pass
  2. sign (money leaves the company): must-pass

expected visits per case
  step   kind      role   visits  mean min  min/case
  s      start             1.000
  check  task      clerk   2.000    10.000    20.000
  ok     decision          2.000
  ask    task      clerk   1.000     5.000     5.000
  f      fork              1.000
  pay    task      clerk   1.000     6.000     6.000
  sign   task      boss    1.000     3.000     3.000
  j      join              1.000
  e      end               1.000
  assumed: decision `ok` gives no branch probabilities, so its branches are taken as equally likely

time per case
  work           34.000 min in tasks, every branch counted
  critical path  31.000 min without queueing, over the steps s, check, ok, ask, f, pay, j, e
  parallel split f: pay 6.000 min, sign 3.000 min; longest from pay

hand-offs per case  1.000
  clerk → boss  1.000

value added, of 34.000 task min per case
  customer value-added (the ratio)  76.5%
  business value-added               8.8%
  non-value-added                   14.7%
  unclassified                       0.0%

workload (arrivals from the simulation)
  scenario  every min  role   min/case  headcount  utilisation
  declared     12.000  clerk    31.000          2       129.2%  bottleneck, overloaded
  declared     12.000  boss      3.000          1        25.0%
"#;

#[test]
fn text_output_in_full() {
    let output = reflow(&["analyze", CLAIM]);
    assert_eq!(stdout(&output), CLAIM_TEXT);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail");
}

#[test]
fn overload_warning_on_stderr() {
    let output = reflow(&["analyze", CLAIM]);
    let errors = stderr(&output);
    assert!(errors.contains("W711"), "{errors}");
    assert!(errors.contains("`clerk` is loaded at 129.2%"), "{errors}");
    assert!(errors.contains("31 min of work per case, a case every 12 min, 2 people"), "{errors}");
}

#[test]
fn arrivals_option_overrides_simulation() {
    // 31 minutes every 24 minutes for 2 clerks: 64.6%, no warning.
    let output = reflow(&["analyze", CLAIM, "--arrivals", "24m"]);
    let text = stdout(&output);
    assert!(text.contains("workload (arrivals from the command line)"), "{text}");
    assert!(text.contains("64.6%"), "{text}");
    assert!(!stderr(&output).contains("W711"));
}

#[test]
fn json_output_has_the_numbers() {
    let output = reflow(&["analyze", CLAIM, "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let claim = &document["processes"][0];
    assert_eq!(claim["process"], "claim");
    assert_eq!(claim["critical_path"]["minutes"], 31.0);
    assert_eq!(claim["handoffs"]["per_case"], 1.0);
    assert_eq!(claim["work_minutes"], 34.0);
    assert_eq!(claim["steps"][1]["visits"], 2.0);
    assert_eq!(claim["workload"]["scenarios"][0]["bottleneck"], "clerk");
    assert_eq!(claim["key_nodes"][1]["number"], 2);
    assert_eq!(document["findings"]["diagnostics"][0]["code"], "W711");
}

#[test]
fn json_output_is_stable() {
    let first = stdout(&reflow(&["analyze", CLAIM, "--format", "json"]));
    let second = stdout(&reflow(&["analyze", CLAIM, "--format", "json"]));
    assert_eq!(first, second);
}

#[test]
fn markdown_output_has_tables() {
    let text = stdout(&reflow(&["analyze", CLAIM, "--format", "md"]));
    assert!(text.starts_with("## Process `claim`: Claim\n"), "{text}");
    assert!(text.contains("| check | task | clerk | 2.000 | 10.000 | 20.000 |"), "{text}");
    assert!(text.contains("1. `check` (every claim is checked): must-pass"), "{text}");
}

#[test]
fn unknown_process_is_a_usage_error() {
    let output = reflow(&["analyze", CLAIM, "--process", "clam"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: no process `clam` in the model; did you mean `claim`?\n");
}

#[test]
fn arrivals_without_unit_is_a_usage_error() {
    let output = reflow(&["analyze", CLAIM, "--arrivals", "6"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`6` needs a unit: s, m, h, d or w"), "{}", stderr(&output));
}

#[test]
fn model_errors_fail_without_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.flow");
    std::fs::write(&path, "process p \"P\" {\n  start s \"S\"\n  s -> missing\n}\n").unwrap();
    let output = reflow(&["analyze", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("E202"), "{}", stderr(&output));
}

#[test]
fn deadlock_is_an_error_but_still_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deadlock.flow");
    let text = "role r \"R\" { headcount: 1 }\nprocess p \"P\" {\n  start s \"S\"\n  decision x \"X?\"\n  task a \"A\" { role: r }\n  task b \"B\" { role: r }\n  join j\n  end e \"E\"\n  s -> x\n  x -> [a] a -> j\n  x -> [b] b -> j\n  j -> e\n}\n";
    std::fs::write(&path, text).unwrap();
    let output = reflow(&["analyze", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("process `p` \"P\""));
    assert!(stderr(&output).contains("E702"));
}

/// Returns the terminal column where `word` starts in `line`, counting a
/// CJK character as two columns.
fn display_column(line: &str, word: &str) -> Option<usize> {
    let byte = line.find(word)?;
    Some(line[..byte].chars().map(|c| if c.len_utf8() == 3 && !c.is_ascii() { 2 } else { 1 }).sum())
}

#[test]
fn tables_align_chinese_labels() {
    let output = reflow(&["analyze", "examples/short_form.flow"]);
    let text = stdout(&output);
    let table: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("expected visits per case"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect();
    let start = table.iter().find(|line| line.contains("收到投诉")).expect("the start event's row");
    let register = table.iter().find(|line| line.contains("register")).expect("the register row");

    assert_eq!(display_column(start, "start"), display_column(register, "task"), "{start}\n{register}");
}
