//! The `reflow` command line, run as a user runs it.
//!
//! Each case is a folder under `tests/cli/` holding the model files, and the
//! whole standard output and standard error expected from one command run
//! in that folder, in `expected.stdout` and `expected.stderr`. Commands run
//! with `--color never` and `COLUMNS=80`, so the output does not depend on
//! the terminal.
//!
//! After a deliberate change of the output, run the tests with
//! `REFLOW_ACCEPT=1` to rewrite the expected files, then review the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Exit status for no findings.
const OK: i32 = 0;
/// Exit status for findings in the model.
const FINDINGS: i32 = 1;
/// Exit status for invalid usage or an unreadable file.
const USAGE: i32 = 2;

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli").join(case)
}

/// Runs `reflow` in `dir` with a fixed terminal: no colour, 80 columns.
fn reflow(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .current_dir(dir)
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the reflow binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("reflow writes UTF-8")
}

/// Describes how `actual` differs from `expected`, or `None` when they are
/// equal.
fn difference(name: &str, expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let line = expected_lines.iter().zip(&actual_lines).take_while(|(a, b)| a == b).count();
    Some(format!(
        "{name} differs from line {}:\n  expected: {:?}\n  actual:   {:?}\n--- whole {name} ---\n{actual}",
        line + 1,
        expected_lines.get(line).copied().unwrap_or("<end of output>"),
        actual_lines.get(line).copied().unwrap_or("<end of output>"),
    ))
}

/// Runs `reflow ARGS` in the case's folder and compares the exit status and
/// the whole output with the expected files. With `REFLOW_ACCEPT=1` set, it
/// writes the output to the expected files instead.
fn check_case(case: &str, args: &[&str], status: i32) {
    let dir = case_dir(case);
    std::fs::create_dir_all(&dir).expect("a writable tests/cli folder");
    let mut full_args = vec!["--color", "never"];
    full_args.extend_from_slice(args);
    let output = reflow(&dir, &full_args);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));

    let accept = std::env::var_os("REFLOW_ACCEPT").is_some_and(|value| value == "1");
    let mut problems = Vec::new();
    for (name, actual) in [("stdout", &stdout), ("stderr", &stderr)] {
        let path = dir.join(format!("expected.{name}"));
        if accept {
            std::fs::write(&path, actual).expect("a writable expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!("cannot read {}: {error}; run with REFLOW_ACCEPT=1 to create it", path.display())
        });
        problems.extend(difference(name, &expected, actual));
    }
    if output.status.code() != Some(status) {
        problems
            .push(format!("exit status {:?}, expected {status}\n--- stderr ---\n{stderr}", output.status));
    }
    assert!(problems.is_empty(), "reflow {} in tests/cli/{case}:\n{}", args.join(" "), problems.join("\n"));
}

#[test]
fn undeclared_step_suggests_name() {
    check_case("undeclared_step", &["check", "model.flow"], FINDINGS);
}

#[test]
fn misspelt_keyword_suggests_keyword() {
    check_case("misspelt_keyword", &["check", "model.flow"], FINDINGS);
}

#[test]
fn unknown_attribute_suggests_name() {
    check_case("unknown_attribute", &["check", "model.flow"], FINDINGS);
}

#[test]
fn probability_sum_shows_remainder() {
    check_case("probability_sum", &["check", "model.flow"], FINDINGS);
}

#[test]
fn duplicate_id_labels_first_declaration() {
    check_case("duplicate_id", &["check", "model.flow"], FINDINGS);
}

#[test]
fn import_cycle_names_chain() {
    check_case("import_cycle", &["check", "main.flow"], FINDINGS);
}

#[test]
fn json_output_of_one_file() {
    check_case("json_output", &["check", "--format", "json", "model.flow"], FINDINGS);
}

#[test]
fn deny_warnings_fails_on_warning() {
    check_case("deny_warnings", &["check", "--deny", "warnings", "model.flow"], FINDINGS);
}

#[test]
fn warning_alone_exits_zero() {
    check_case("warnings_only", &["check", "model.flow"], OK);
}

#[test]
fn clean_model_exits_zero() {
    check_case("clean", &["check", "model.flow"], OK);
}

#[test]
fn quiet_clean_model_prints_nothing() {
    let output = reflow(&case_dir("clean"), &["--color", "never", "check", "--quiet", "model.flow"]);
    assert_eq!(output.status.code(), Some(OK));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(text(&output.stdout), "");
}

#[test]
fn clean_model_from_stdin() {
    let model = std::fs::read(case_dir("clean").join("model.flow")).expect("the clean model");
    let mut child = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["--color", "never", "check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the reflow binary runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("a stdin pipe"), &model).expect("stdin accepts");
    let output = child.wait_with_output().expect("reflow finishes");
    assert_eq!(output.status.code(), Some(OK), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "checked 1 file: no problems found\n");
}

#[test]
fn missing_file_is_usage_error() {
    check_case("missing_file", &["check", "no_such_model.flow"], USAGE);
}

#[test]
fn folder_without_models_is_usage_error() {
    check_case("empty_folder", &["check", "."], USAGE);
}

#[test]
fn unknown_option_is_usage_error() {
    check_case("unknown_option", &["check", "--strict", "model.flow"], USAGE);
}

#[test]
fn check_without_files_is_usage_error() {
    check_case("no_files", &["check"], USAGE);
}

#[test]
fn stdin_twice_is_usage_error() {
    let output = reflow(&case_dir("clean"), &["--color", "never", "check", "-", "-"]);
    assert_eq!(output.status.code(), Some(USAGE));
    assert_eq!(text(&output.stderr), "error: `-` (standard input) can be given only once\n");
}

/// Returns the subcommand names listed under `Commands:` in the help text.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        // A wrapped description continues on a line indented further.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn help_lists_commands() {
    let output = reflow(&case_dir("clean"), &["--help"]);
    assert_eq!(output.status.code(), Some(OK));
    let help = text(&output.stdout);
    // `help` is the subcommand clap adds to every command line.
    assert_eq!(
        listed_commands(&help),
        ["check", "analyze", "fmt", "sim", "render", "docs", "build", "completions", "help"],
        "{help}"
    );
}

#[test]
fn help_shows_examples() {
    let output = reflow(&case_dir("clean"), &["--help"]);
    let help = text(&output.stdout);
    assert!(help.contains("\nExamples:\n"), "{help}");
    assert!(help.contains("  reflow check examples/complaint_handling.flow\n"), "{help}");
}

#[test]
fn help_examples_name_existing_files() {
    let output = reflow(&case_dir("clean"), &["--help"]);
    let help = text(&output.stdout);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<&str> = help
        .split_whitespace()
        .filter(|word| word.starts_with("examples/") && word.ends_with(".flow") && !word.contains('*'))
        .filter(|path| !root.join(path).is_file())
        .collect();
    assert!(missing.is_empty(), "the help names files that do not exist: {missing:?}");
}

#[test]
fn completions_name_reflow() {
    for shell in ["bash", "zsh", "fish"] {
        let output = reflow(&case_dir("clean"), &["completions", shell]);
        assert_eq!(output.status.code(), Some(OK), "{shell}: {}", text(&output.stderr));
        let script = text(&output.stdout);
        assert!(!script.trim().is_empty(), "{shell}: empty completion script");
        assert!(script.contains("reflow"), "{shell}: the script does not name reflow");
    }
}

#[test]
fn completions_for_unknown_shell_is_usage_error() {
    let output = reflow(&case_dir("clean"), &["completions", "cmd"]);
    assert_eq!(output.status.code(), Some(USAGE));
    assert!(text(&output.stderr).contains("invalid value 'cmd'"), "{}", text(&output.stderr));
}
