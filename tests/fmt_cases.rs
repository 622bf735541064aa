//! Formatter fixtures. Each `tests/fmt/NAME.flow` is formatted and compared
//! with `tests/fmt/NAME.expected.flow`, and checked for idempotency, for
//! keeping every comment in order and for keeping the syntax tree. Run with
//! `REFLOW_ACCEPT=1` to write the expected files from the current output.

#[path = "fmt/support.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use reflow::fmt::format_source;
use reflow::source::FileId;
use support::{comment_texts, first_difference, parse_clean, without_spans};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fmt")
}

/// The fixture inputs, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .expect("tests/fmt is readable")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
            name.ends_with(".flow") && !name.ends_with(".expected.flow")
        })
        .collect();
    inputs.sort();
    inputs
}

fn format(text: &str) -> Result<String, String> {
    format_source(FileId(0), text).map_err(|diagnostics| {
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        format!("does not format: {messages:?}")
    })
}

/// Runs every check on one fixture; returns the failures found.
fn check_fixture(input_path: &Path) -> Vec<String> {
    let input = fs::read_to_string(input_path).expect("fixture is readable");
    let output = match format(&input) {
        Ok(output) => output,
        Err(message) => return vec![message],
    };
    let mut failures = Vec::new();

    // The expected text.
    let expected_path = input_path.with_extension("expected.flow");
    if std::env::var_os("REFLOW_ACCEPT").is_some() {
        fs::write(&expected_path, &output).expect("expected file is writable");
    }
    match fs::read_to_string(&expected_path) {
        Ok(expected) if expected != output => {
            failures
                .push(format!("differs from the expected file, {}", first_difference(&expected, &output)));
        }
        Ok(_) => {}
        Err(error) => failures.push(format!("cannot read {}: {error}", expected_path.display())),
    }

    // Formatting the output again changes nothing.
    match format(&output) {
        Ok(again) if again != output => {
            failures.push(format!("is not idempotent, {}", first_difference(&output, &again)));
        }
        Ok(_) => {}
        Err(message) => failures.push(format!("output {message}")),
    }

    // CRLF line ends give the same output.
    match format(&input.replace('\n', "\r\n")) {
        Ok(crlf) if crlf != output => {
            failures.push(format!("differs with CRLF input, {}", first_difference(&output, &crlf)));
        }
        Ok(_) => {}
        Err(message) => failures.push(format!("CRLF input {message}")),
    }

    failures.extend(check_same_tree_and_comments(&input, &output));
    failures.extend(check_whitespace(&output));
    failures
}

/// Checks that the output parses to the input's tree, doc comments
/// included, and has the input's comments in the same order.
fn check_same_tree_and_comments(input: &str, output: &str) -> Vec<String> {
    let (before, after) = match (parse_clean(input), parse_clean(output)) {
        (Ok(before), Ok(after)) => (before, after),
        (Err(message), _) => return vec![format!("input {message}")],
        (_, Err(message)) => return vec![format!("output {message}")],
    };
    let mut failures = Vec::new();
    let tree_before = without_spans(before.ast.as_ref().expect("parsed"));
    let tree_after = without_spans(after.ast.as_ref().expect("parsed"));
    if tree_before != tree_after {
        failures.push(format!("changes the syntax tree, {}", first_difference(&tree_before, &tree_after)));
    }
    let comments_before = comment_texts(&before);
    let comments_after = comment_texts(&after);
    if comments_before != comments_after {
        failures.push(format!(
            "changes the comments:\n  input:  {comments_before:?}\n  output: {comments_after:?}"
        ));
    }
    failures
}

/// Checks that the output ends with one newline and has no trailing
/// whitespace or CR.
fn check_whitespace(output: &str) -> Vec<String> {
    let mut failures = Vec::new();
    if !output.ends_with('\n') || output.ends_with("\n\n") {
        failures.push("does not end with exactly one newline".to_string());
    }
    if output.contains('\r') {
        failures.push("contains a CR".to_string());
    }
    for (number, line) in output.lines().enumerate() {
        if line.trim_end() != line {
            failures.push(format!("has trailing whitespace on line {}", number + 1));
        }
    }
    failures
}

#[test]
fn fixtures_format_as_expected() {
    let inputs = fixtures();
    assert!(!inputs.is_empty(), "no fixtures found in {}", fixture_dir().display());
    let mut report = Vec::new();
    for input in &inputs {
        let name = input.file_name().expect("file name").to_string_lossy();
        for failure in check_fixture(input) {
            report.push(format!("{name} {failure}"));
        }
    }
    assert!(report.is_empty(), "{} failure(s):\n{}", report.len(), report.join("\n"));
}

#[test]
fn syntax_error_is_not_formatted() {
    let diagnostics = format_source(FileId(0), "role a {\n    headcount 3\n}\n").expect_err("does not parse");
    assert!(diagnostics.iter().any(|d| d.is_error()), "{diagnostics:?}");
}

#[test]
fn invalid_escape_is_not_formatted() {
    // The grammar accepts any escape; the syntax stage rejects unknown ones.
    let diagnostics = format_source(FileId(0), "role a \"bad \\q escape\"\n").expect_err("invalid escape");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(diagnostics[0].message.contains("unknown escape"), "{}", diagnostics[0].message);
}

#[test]
fn empty_file_stays_empty() {
    assert_eq!(format("").as_deref(), Ok(""));
    assert_eq!(format("\n\n  \n").as_deref(), Ok(""));
}

#[test]
fn comment_only_file_keeps_comments() {
    let input = "\n\n// one\n\n\n/* two */   \n";
    assert_eq!(format(input).as_deref(), Ok("// one\n\n/* two */\n"));
}

#[test]
fn byte_order_mark_is_dropped() {
    assert_eq!(format("\u{FEFF}role a\n").as_deref(), Ok("role a\n"));
}

#[test]
fn print_without_comments_writes_docs() {
    let parsed = parse_clean("/// One.\n///\n/// Three.\nrole a\n").expect("parses");
    let printed = reflow::fmt::print(parsed.ast.as_ref().expect("parsed"), &[], "");
    assert_eq!(printed, "/// One.\n///\n/// Three.\nrole a\n");
}
