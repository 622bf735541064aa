//! `reflow docs` on the command line: written files, standard output and
//! usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reflow(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the reflow binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn folder_holds_every_document() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("handbook");
    let output = reflow(&["docs", "examples/complaint_handling.flow", "-o", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    for file in [
        "README.md",
        "processes/complaint.md",
        "processes/complaint.svg",
        "roles/service_agent.md",
        "roles/quality_engineer.md",
        "roles/crm_manager.md",
        "roles/marketing_vp.md",
    ] {
        assert!(target.join(file).is_file(), "{file} was not written");
    }
    let svg = std::fs::read_to_string(target.join("processes/complaint.svg")).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok(), "the flowchart is not valid SVG");
    let index = std::fs::read_to_string(target.join("README.md")).unwrap();
    assert!(index.contains("(processes/complaint.md)"), "{index}");
    assert!(index.contains("(roles/service_agent.md)"), "{index}");
}

#[test]
fn one_role_goes_to_stdout() {
    let output =
        reflow(&["docs", "examples/complaint_handling.flow", "--role", "service_agent", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# 客服专员 Service agent\n"), "{text}");
    assert!(text.contains("## Duties"), "{text}");
}

#[test]
fn several_documents_need_output() {
    let output = reflow(&["docs", "examples/complaint_handling.flow"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("-o DIR"), "{}", stderr(&output));
}

#[test]
fn unknown_role_suggests_similar() {
    let output = reflow(&["docs", "examples/complaint_handling.flow", "--role", "service_agnt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `service_agent`?"), "{}", stderr(&output));
}

#[test]
fn unknown_process_suggests_similar() {
    let output = reflow(&["docs", "examples/complaint_handling.flow", "--process", "complain"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("did you mean `complaint`?"), "{}", stderr(&output));
}

#[test]
fn model_errors_exit_with_findings() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("broken.flow");
    std::fs::write(&model, "process p {\n start s\n task t { role: nobody }\n end e\n s -> t -> e\n}\n")
        .unwrap();
    let target = folder.path().join("out");
    let output = reflow(&["docs", model.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("nobody"), "{}", stderr(&output));
    assert!(!target.exists(), "files were written for a model with errors");
}

#[test]
fn role_and_process_conflict() {
    let output = reflow(&["docs", "examples/complaint_handling.flow", "--role", "a", "--process", "b"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn output_path_that_is_a_file_fails() {
    let folder = tempfile::tempdir().unwrap();
    let blocker = folder.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let output = reflow(&["docs", "examples/complaint_handling.flow", "-o", blocker.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("exists and is not a folder"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "not a folder");
}

/// Runs reflow in `folder`.
fn reflow_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("the reflow binary runs")
}

/// Creates `proj/model.flow` and `proj/<file>` with `contents`.
fn project(folder: &Path, file: &str, contents: &str) -> PathBuf {
    let project = folder.join("proj");
    std::fs::create_dir(&project).unwrap();
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/short_form.flow");
    std::fs::copy(model, project.join("model.flow")).unwrap();
    std::fs::write(project.join(file), contents).unwrap();
    project
}

#[test]
fn markdown_keeps_project_readme() {
    let folder = tempfile::tempdir().unwrap();
    let project = project(folder.path(), "README.md", "# My project\n");
    let output = reflow_in(&project, &["docs", "model.flow", "-o", "."]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("contains the model file"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(project.join("README.md")).unwrap(), "# My project\n");
    assert!(project.join("model.flow").is_file());
    assert!(!project.join("roles").exists(), "documents were written into the project");
}

#[test]
fn html_keeps_project_with_index() {
    let folder = tempfile::tempdir().unwrap();
    let project = project(folder.path(), "index.html", "<p>old</p>\n");
    let output = reflow_in(&project, &["docs", "model.flow", "--format", "html", "-o", "."]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("contains the model file"), "{}", stderr(&output));
    assert!(project.join("model.flow").is_file(), "the model file was deleted");
    assert_eq!(std::fs::read_to_string(project.join("index.html")).unwrap(), "<p>old</p>\n");
}

#[test]
fn markdown_keeps_unmarked_folder() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("README.md"), "# Mine\n").unwrap();
    let output = reflow(&["docs", "examples/complaint_handling.flow", "-o", folder.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("has no .reflow-output file"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(folder.path().join("README.md")).unwrap(), "# Mine\n");
}

#[test]
fn markdown_rerun_removes_stale_documents() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("docs");
    let first = reflow(&["docs", "examples/complaint_handling.flow", "-o", target.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(target.join("roles/service_agent.md").is_file());

    let second = reflow(&["docs", "examples/short_form.flow", "-o", target.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(!target.join("roles/service_agent.md").exists(), "a document of the first model is left");
    assert!(!target.join("processes/complaint.md").exists(), "a document of the first model is left");
    assert!(target.join("processes/short_form.md").is_file());
    let marker = std::fs::read_to_string(target.join(".reflow-output")).unwrap();
    assert!(marker.contains("reflow docs"), "{marker}");
}

#[test]
fn html_format_writes_linked_pages() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("html");
    let output = reflow(&[
        "docs",
        "examples/complaint_handling.flow",
        "--format",
        "html",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let process = std::fs::read_to_string(target.join("processes/complaint.html")).unwrap();
    assert!(process.contains("<!DOCTYPE html>"), "{process}");
    assert!(process.contains("<svg"), "the process page has no inline chart");
    assert!(process.contains("href=\"../roles/service_agent.html"), "no link to the agent's page");
    assert!(target.join("roles/service_agent.html").is_file());
    assert!(target.join("index.html").is_file());
    assert!(target.join("style.css").is_file());
}

#[test]
fn html_format_needs_output_folder() {
    let output =
        reflow(&["docs", "examples/complaint_handling.flow", "--format", "html", "--role", "service_agent"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("-o DIR"), "{}", stderr(&output));
}

/// Returns the version row of a process description on standard output.
fn version_row(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines().find(|line| line.starts_with("| **Version** |")).unwrap_or_default().to_string()
}

#[test]
fn version_names_last_commit() {
    let inside_git = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|output| output.status.success());
    if !inside_git {
        eprintln!("skipped: the sources are not in a git work tree");
        return;
    }
    let output =
        reflow(&["docs", "examples/complaint_handling.flow", "--process", "complaint", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let commit =
        regex::Regex::new(r"\| 3\.0 · [0-9a-f]{7,} \d{4}-\d{2}-\d{2}( \(with uncommitted changes\))? \|$")
            .unwrap();
    assert!(commit.is_match(&version_row(&output)), "{}", version_row(&output));
}

#[test]
fn version_without_git_succeeds() {
    let output = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["docs", "examples/complaint_handling.flow", "--process", "complaint", "--lang", "en"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PATH", "/nonexistent")
        .output()
        .expect("the reflow binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(version_row(&output), "| **Version** | 3.0 |");
}

#[test]
fn version_marks_uncommitted_changes() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("model.flow");
    let text = "role a \"A\" { headcount: 1 }\nprocess p \"P\" {\n  version: \"1.0\"\n  start s \"S\"\n  task t \"T\" { role: a }\n  end e \"E\"\n  s -> t -> e\n}\n";
    std::fs::write(&model, text).unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=reflow", "-c", "user.email=reflow@localhost"])
            .args(args)
            .current_dir(folder.path())
            .output()
            .expect("git runs");
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "model.flow"]);
    git(&["commit", "-q", "-m", "Add the model"]);
    let docs = || reflow(&["docs", model.to_str().unwrap(), "--process", "p", "--lang", "en"]);

    let clean = version_row(&docs());
    assert!(!clean.contains("uncommitted"), "{clean}");

    std::fs::write(&model, text.replace("role: a }", "role: a  duration: 5m }")).unwrap();
    let edited = version_row(&docs());
    assert!(edited.contains("(with uncommitted changes)"), "{edited}");
}
