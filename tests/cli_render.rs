//! `reflow render` on the command line: output files, process choice and
//! usage errors.

use std::process::{Command, Output};

fn reflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the reflow binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn svg_goes_to_stdout_without_output() {
    let output = reflow(&["render", "examples/short_form.flow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = String::from_utf8(output.stdout).unwrap();
    assert!(svg.starts_with("<?xml"));
    assert!(roxmltree::Document::parse(&svg).is_ok());
}

#[test]
fn svg_file_matches_stdout() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("chart.svg");
    let args = ["render", "examples/complaint_handling.flow", "--direction", "vertical", "--theme", "print"];
    let output = reflow(&[&args[..], &["-o", path.to_str().unwrap()]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let written = std::fs::read(&path).unwrap();
    assert_eq!(written, reflow(&args).stdout);
}

#[test]
fn png_file_has_png_signature() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("chart.png");
    let output = reflow(&["render", "examples/short_form.flow", "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");

    // The picture is twice the SVG's size.
    let svg = String::from_utf8(reflow(&["render", "examples/short_form.flow"]).stdout).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let svg_width: f64 = document.root_element().attribute("width").unwrap().parse().unwrap();
    let png_width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(f64::from(png_width), (svg_width * 2.0).ceil());
}

#[test]
fn several_processes_need_process_option() {
    let output = reflow(&["render", "examples/customer_records.flow"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("choose one with `--process ID`"), "{}", stderr(&output));

    let chosen = reflow(&["render", "examples/customer_records.flow", "--process", "record_review"]);
    assert_eq!(chosen.status.code(), Some(0), "{}", stderr(&chosen));
}

#[test]
fn imported_processes_are_not_the_default() {
    // after_sales_visits.flow imports the complaint process.
    let output = reflow(&["render", "examples/after_sales_visits.flow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("data-id=\"three_days\""));
}

#[test]
fn unknown_process_suggests_a_name() {
    let output = reflow(&["render", "examples/customer_records.flow", "--process", "record_reveiw"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no process `record_reveiw` in the model; did you mean `record_review`?\n"
    );
}

#[test]
fn model_without_process_is_a_usage_error() {
    let output = reflow(&["render", "examples/crm_organisation.flow"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: the model has no process to render; draw its organisation chart with `--org`\n"
    );
}

#[test]
fn unknown_extension_is_rejected() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("chart.pdf");
    let output = reflow(&["render", "examples/short_form.flow", "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot write `.pdf` files"), "{}", stderr(&output));
    assert!(!path.exists());
}

#[test]
fn model_errors_exit_with_findings() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("broken.flow");
    std::fs::write(&path, "process p {\n    start s\n    s -> missing\n}\n").unwrap();
    let output = reflow(&["render", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("missing"), "{}", stderr(&output));
}

#[test]
fn org_chart_draws_every_role() {
    let output = reflow(&["render", "--org", "examples/crm_organisation.flow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = String::from_utf8(output.stdout).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let ids: Vec<&str> = document.descendants().filter_map(|node| node.attribute("data-id")).collect();
    assert!(ids.contains(&"marketing_vp"), "{ids:?}");
    assert!(ids.contains(&"sales_consultant"), "{ids:?}");
    assert!(svg.contains("×12"), "the headcount is shown");
}

#[test]
fn org_conflicts_with_process() {
    let output = reflow(&["render", "--org", "--process", "complaint", "examples/complaint_handling.flow"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn model_is_read_from_stdin() {
    use std::io::Write;
    use std::process::Stdio;

    let mut child = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["render", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read("examples/short_form.flow").unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(output.stdout, reflow(&["render", "examples/short_form.flow"]).stdout);
}

#[test]
fn no_legend_leaves_legend_out() {
    let with = String::from_utf8(reflow(&["render", "examples/short_form.flow"]).stdout).unwrap();
    assert!(with.contains("<g class=\"legend\">"), "{with}");
    let output = reflow(&["render", "examples/short_form.flow", "--no-legend"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let without = String::from_utf8(output.stdout).unwrap();
    assert!(!without.contains("<g class=\"legend\">"), "{without}");
}

#[test]
fn org_chart_has_no_legend() {
    let output = reflow(&["render", "--org", "examples/crm_organisation.flow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!String::from_utf8_lossy(&output.stdout).contains("class=\"legend\""));
}

/// The chart that the README shows, as the quick start's first command
/// writes it.
const README_IMAGE: &str = "docs/images/complaint_handling.svg";

#[test]
fn readme_image_is_current() {
    let output = reflow(&["render", "examples/complaint_handling.flow"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    if std::env::var_os("REFLOW_ACCEPT").is_some_and(|value| value == "1") {
        std::fs::write(README_IMAGE, &output.stdout).unwrap();
        return;
    }
    let committed = std::fs::read(README_IMAGE)
        .unwrap_or_else(|error| panic!("cannot read {README_IMAGE}: {error}; run with REFLOW_ACCEPT=1"));
    assert!(
        committed == output.stdout,
        "{README_IMAGE} differs from `reflow render examples/complaint_handling.flow`; \
         run with REFLOW_ACCEPT=1 to rewrite it, then review the diff"
    );
}

#[test]
fn dash_output_writes_stdout() {
    let output = reflow(&["render", "examples/short_form.flow", "-o", "-"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    assert!(!std::path::Path::new("-").exists(), "a file named `-` was written");
}
