//! `reflow build` on the command line: the site of the examples, escaped
//! user text, deterministic output and the rules for the output folder.

mod handbook;

use std::path::Path;
use std::process::{Command, Output};

use handbook::{MODEL, broken_references, html_files};

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

/// Builds the site of `inputs` into `out` and fails the test unless
/// reflow exits with status 0.
fn build(inputs: &[&str], out: &Path, lang: &str) {
    let mut args = vec!["build"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-o", out.to_str().unwrap(), "--lang", lang]);
    let output = reflow(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// Reads every file under `root`, sorted by path.
fn read_tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                files.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn examples_site_has_every_page_once() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "zh");
    let expected = [
        "index.html",
        "processes/complaint.html",
        "processes/consent_withdrawal.html",
        "processes/credit_evaluation.html",
        "processes/customer_development.html",
        "processes/record_review.html",
        "processes/record_update.html",
        "processes/return_visit.html",
        "processes/short_form.html",
        "roles/campaign_manager.html",
        "roles/channel_manager.html",
        "roles/credit_officer.html",
        "roles/credit_supervisor.html",
        "roles/crm_analyst.html",
        "roles/crm_manager.html",
        "roles/data_steward.html",
        "roles/finance_director.html",
        "roles/marketing_vp.html",
        "roles/quality_engineer.html",
        "roles/sales_consultant.html",
        "roles/sales_manager.html",
        "roles/segment_manager.html",
        "roles/service_agent.html",
    ];
    assert_eq!(html_files(&site), expected);
    assert!(site.join("style.css").is_file());
}

#[test]
fn examples_site_references_resolve() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "en");
    let problems = broken_references(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn examples_site_has_no_external_urls() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "zh");
    for (path, contents) in read_tree(&site) {
        let text = String::from_utf8(contents).unwrap();
        let without_namespaces = text.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!without_namespaces.contains("http://"), "{path} refers to http://");
        assert!(!without_namespaces.contains("https://"), "{path} refers to https://");
    }
}

#[test]
fn short_form_lanes_get_no_role_page() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/short_form.flow"], &site, "zh");
    assert_eq!(html_files(&site), ["index.html", "processes/short_form.html"]);
    let problems = broken_references(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn script_in_model_is_escaped() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("model.flow");
    std::fs::write(&model, MODEL).unwrap();
    let site = folder.path().join("site");
    build(&[model.to_str().unwrap()], &site, "zh");
    let files = read_tree(&site);
    assert_eq!(files.len(), 5, "{:?}", files.iter().map(|(path, _)| path).collect::<Vec<_>>());
    for (path, contents) in files {
        let text = String::from_utf8(contents).unwrap();
        assert!(!text.contains("<script"), "{path} contains a script element");
    }
    let problems = broken_references(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn build_is_deterministic() {
    let folder = tempfile::tempdir().unwrap();
    let first = folder.path().join("first");
    let second = folder.path().join("second");
    build(&["examples/"], &first, "zh");
    build(&["examples/"], &second, "zh");
    assert_eq!(read_tree(&first), read_tree(&second));
}

#[test]
fn summary_counts_pages() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    let output = reflow(&["build", "examples/", "-o", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), format!("23 pages written to {}\n", site.display()));
    assert!(output.stdout.is_empty());
}

#[test]
fn build_replaces_earlier_site() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "zh");
    std::fs::write(site.join("stale.html"), "<html/>").unwrap();
    build(&["examples/short_form.flow"], &site, "en");
    assert_eq!(html_files(&site), ["index.html", "processes/short_form.html"]);
    let leftovers: Vec<_> =
        std::fs::read_dir(folder.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["site"]);
}

#[test]
fn build_keeps_unrelated_folder() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("notes.txt"), "mine").unwrap();
    let output = reflow(&["build", "examples/", "-o", folder.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not empty and contains no index.html"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(folder.path().join("notes.txt")).unwrap(), "mine");
}

/// `render` writes through a temporary file; a failure names the output
/// file the user gave, not the temporary one.
#[test]
fn render_error_names_output_file() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("missing/chart.svg");
    let output = reflow(&["render", "examples/short_form.flow", "-o", target.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains(&format!("cannot write `{}`", target.display())), "{message}");
    assert!(!message.contains(".reflow-"), "{message}");
}

#[test]
fn build_rejects_file_as_output() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("site");
    std::fs::write(&file, "").unwrap();
    let output = reflow(&["build", "examples/", "-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("exists and is not a folder"), "{}", stderr(&output));
}

#[test]
fn model_errors_exit_with_findings() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("broken.flow");
    std::fs::write(&model, "process p {\n    start s\n    s -> missing\n}\n").unwrap();
    let site = folder.path().join("site");
    let output = reflow(&["build", model.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`missing` is not a step of process `p`"), "{}", stderr(&output));
    assert!(!site.exists());
}

#[test]
fn missing_input_is_usage_error() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    let output = reflow(&["build", "examples/none.flow", "-o", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read `examples/none.flow`"), "{}", stderr(&output));
}

#[test]
fn help_shows_examples() {
    let output = reflow(&["build", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("reflow build examples/ -o site"));
    assert!(help.contains("--lang"));
}

/// Returns the text of the index page's `<h1>` and subtitle.
fn index_heading(site: &Path) -> (String, String) {
    let text = std::fs::read_to_string(site.join("index.html")).unwrap();
    let page = roxmltree::Document::parse_with_options(&text, handbook::xml_options()).unwrap();
    let heading = page.descendants().find(|node| node.has_tag_name("h1")).unwrap();
    let subtitle = page.descendants().find(|node| node.attribute("class") == Some("subtitle")).unwrap();
    (heading.text().unwrap().to_string(), subtitle.text().unwrap().to_string())
}

#[test]
fn folder_index_takes_organisation_title() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "en");
    let (heading, subtitle) = index_heading(&site);
    assert_eq!(
        heading,
        "汽车经销集团营销与客户关系组织 Marketing and CRM organisation of a car dealer group"
    );
    assert_eq!(subtitle, "Process handbook · Version 2.1");
}

#[test]
fn file_index_takes_model_title() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/complaint_handling.flow"], &site, "zh");
    let (heading, subtitle) = index_heading(&site);
    assert_eq!(heading, "汽车 4S 店客户投诉处理 Complaint handling at a car dealership");
    assert_eq!(subtitle, "流程手册 · 版本 3.0");
}

#[test]
fn broken_file_in_folder_stops_build() {
    let folder = tempfile::tempdir().unwrap();
    let models = folder.path().join("models");
    std::fs::create_dir(&models).unwrap();
    std::fs::copy("examples/short_form.flow", models.join("a.flow")).unwrap();
    std::fs::write(models.join("b.flow"), "process p {\n    start s\n    s -> missing\n}\n").unwrap();
    let site = folder.path().join("site");
    let output = reflow(&["build", models.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("`missing` is not a step of process `p`"), "{}", stderr(&output));
    assert!(stderr(&output).contains("b.flow"), "{}", stderr(&output));
    assert!(!site.exists());
}

#[test]
fn standard_input_builds_site() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    let mut child = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["build", "-", "-o", site.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the reflow binary runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(MODEL.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        html_files(&site),
        ["index.html", "processes/投诉.html", "roles/manager.html", "roles/客服.html"]
    );
}

#[test]
fn chart_keeps_id_like_labels() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("chart.flow");
    let text = "\"start url(#arrow)\" -> check \"id='x' url(#arrow-back)\" @agent -> \"done\"\n";
    std::fs::write(&model, text).unwrap();
    let site = folder.path().join("site");
    build(&[model.to_str().unwrap()], &site, "en");
    let page = std::fs::read_to_string(site.join("processes/chart.html")).unwrap();
    assert!(page.contains("data-id=\"start url(#arrow)\""), "{page}");
    // The renderer escapes the apostrophe as `&apos;`, the HTML writer as `&#39;`.
    assert!(page.contains(">id=&apos;x&apos; url(#arrow-back)<"), "{page}");
    assert!(page.contains(">id=&#39;x&#39; url(#arrow-back)<"), "{page}");
    assert!(page.contains("<marker id=\"figure-1-arrow\""), "{page}");
    assert!(page.contains("marker-end=\"url(#figure-1-arrow)\""), "{page}");
    let problems = broken_references(&site);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A model that builds but fails `reflow check`: a task that flows back to
/// itself (E310).
const SELF_LOOP: &str = r#"role a "A" { headcount: 1 }
process p "P" {
  start s "S"
  task t "T" { role: a }
  end e "E"
  s -> t -> e
  t -> t
}
"#;

#[test]
fn check_errors_stop_every_writer() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("loop.flow");
    std::fs::write(&model, SELF_LOOP).unwrap();
    let model = model.to_str().unwrap();
    let out = folder.path().join("out");
    let out = out.to_str().unwrap();

    for args in [
        vec!["build", model, "-o", out],
        vec!["docs", model, "-o", out],
        vec!["docs", model, "--format", "html", "-o", out],
        vec!["render", model, "-o", out],
    ] {
        let output = reflow(&args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("E310"), "{args:?}: {}", stderr(&output));
        assert!(!Path::new(out).exists(), "{args:?} wrote {out}");
    }
}

#[test]
fn duplicate_ids_across_models_warn() {
    let folder = tempfile::tempdir().unwrap();
    for (name, label) in [("a.flow", "A"), ("b.flow", "B")] {
        let text = format!(
            "role agent \"Agent of {label}\" {{ headcount: 1 }}\nprocess p \"Process of {label}\" {{\n  start s \"S\"\n  task t \"T\" {{ role: agent }}\n  end e \"E\"\n  s -> t -> e\n}}\n"
        );
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let out = folder.path().join("site");
    let output = reflow(&["build", folder.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("process `p` is declared in"), "{}", stderr(&output));
    assert!(stderr(&output).contains("role `agent` is declared in"), "{}", stderr(&output));
}
