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
    // Four pages, the stylesheet and the marker of reflow output.
    assert_eq!(files.len(), 6, "{:?}", files.iter().map(|(path, _)| path).collect::<Vec<_>>());
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
fn build_keeps_project_with_index() {
    let folder = tempfile::tempdir().unwrap();
    let project = folder.path().join("proj");
    std::fs::create_dir(&project).unwrap();
    let model = project.join("model.flow");
    std::fs::copy("examples/short_form.flow", &model).unwrap();
    std::fs::write(project.join("index.html"), "<p>old</p>\n").unwrap();

    let output = reflow(&["build", model.to_str().unwrap(), "-o", project.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("contains the model file"), "{}", stderr(&output));
    assert!(model.is_file(), "the model file was deleted");
    assert_eq!(std::fs::read_to_string(project.join("index.html")).unwrap(), "<p>old</p>\n");
}

#[test]
fn build_keeps_marked_site_with_model() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/short_form.flow"], &site, "en");
    let model = site.join("notes/model.flow");
    std::fs::create_dir(site.join("notes")).unwrap();
    std::fs::copy("examples/short_form.flow", &model).unwrap();

    let output = reflow(&["build", model.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("contains the model file"), "{}", stderr(&output));
    assert!(model.is_file(), "the model file was deleted");
}

#[test]
fn build_keeps_unmarked_index() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("index.html"), "<p>mine</p>").unwrap();
    let output = reflow(&["build", "examples/short_form.flow", "-o", folder.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("has no .reflow-output file"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(folder.path().join("index.html")).unwrap(), "<p>mine</p>");
}

#[test]
fn build_keeps_unrelated_folder() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("notes.txt"), "mine").unwrap();
    let output = reflow(&["build", "examples/", "-o", folder.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("has no .reflow-output file"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(folder.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn build_writes_marker() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/short_form.flow"], &site, "en");
    let marker = std::fs::read_to_string(site.join(".reflow-output")).unwrap();
    assert!(marker.contains("reflow build"), "{marker}");
    assert_eq!(marker.lines().count(), 1, "{marker}");
}

/// Returns whether the current user can create a file in a folder whose
/// mode forbids it. Root can, so a read-only parent does not stop it from
/// renaming.
#[cfg(unix)]
fn permissions_are_enforced(read_only_folder: &Path) -> bool {
    let probe = read_only_folder.join("probe");
    match std::fs::write(&probe, "") {
        Ok(()) => {
            std::fs::remove_file(&probe).unwrap();
            false
        }
        Err(_) => true,
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// An empty target is written in place whatever its parent allows, so the
/// folder keeps its inode. That is what makes a mount point usable.
#[cfg(unix)]
#[test]
fn build_fills_empty_folder_in_place() {
    let folder = tempfile::tempdir().unwrap();
    let parent = folder.path().join("parent");
    let site = parent.join("site");
    std::fs::create_dir_all(&site).unwrap();
    let before = inode(&site);
    set_mode(&parent, 0o555);

    let output = reflow(&["build", "examples/short_form.flow", "-o", site.to_str().unwrap()]);
    set_mode(&parent, 0o755);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(inode(&site), before, "the empty target was replaced, not written in place");
    assert_eq!(html_files(&site), ["index.html", "processes/short_form.html"]);
    assert!(site.join(".reflow-output").is_file());
    let entries: Vec<_> =
        std::fs::read_dir(&parent).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(entries, ["site"]);
}

/// Under a read-only parent an earlier site cannot be renamed, so it is
/// rewritten in place. Root may rename there anyway, and then the test
/// checks only the result.
#[cfg(unix)]
#[test]
fn build_rewrites_site_under_read_only_parent() {
    let folder = tempfile::tempdir().unwrap();
    let parent = folder.path().join("parent");
    let site = parent.join("site");
    build(&["examples/"], &site, "en");
    std::fs::write(site.join("stale.html"), "<html/>").unwrap();
    let before = inode(&site);
    set_mode(&parent, 0o555);
    let enforced = permissions_are_enforced(&parent);

    let output = reflow(&["build", "examples/short_form.flow", "-o", site.to_str().unwrap()]);
    set_mode(&parent, 0o755);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(html_files(&site), ["index.html", "processes/short_form.html"]);
    assert!(site.join(".reflow-output").is_file());
    assert!(site.join("style.css").is_file());
    if enforced {
        assert_eq!(inode(&site), before, "the site was not rewritten in place");
    } else {
        eprintln!(
            "permissions are not enforced for this user; build_rewrites_current_folder_in_place covers the in-place path"
        );
    }
}

/// Renaming the current folder would leave the shell in a deleted folder,
/// so an earlier site there is rewritten in place. This runs the in-place
/// path for every user, root included.
#[cfg(unix)]
#[test]
fn build_rewrites_current_folder_in_place() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    build(&["examples/"], &site, "en");
    std::fs::write(site.join("stale.html"), "<html/>").unwrap();
    std::fs::create_dir(site.join("stale")).unwrap();
    std::fs::write(site.join("stale/page.html"), "<html/>").unwrap();
    let before = inode(&site);

    let model = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/short_form.flow");
    let output = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["build", model, "-o", "."])
        .current_dir(&site)
        .env("NO_COLOR", "1")
        .output()
        .expect("the reflow binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(inode(&site), before, "the site was not rewritten in place");
    assert_eq!(html_files(&site), ["index.html", "processes/short_form.html"]);
    assert!(site.join(".reflow-output").is_file());
    assert!(!site.join("stale").exists());
    let entries: Vec<_> =
        std::fs::read_dir(folder.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(entries, ["site"]);
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

#[test]
fn ids_differing_in_case_warn() {
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("case.flow");
    let text = "role agent \"Agent\" { headcount: 1 }\nrole Agent \"Senior agent\" { headcount: 1 }\nprocess p \"P\" {\n  start s \"S\"\n  task t \"T\" { role: agent }\n  task u \"U\" { role: Agent }\n  end e \"E\"\n  s -> t -> u -> e\n}\n";
    std::fs::write(&model, text).unwrap();
    let out = folder.path().join("site");
    let output = reflow(&["build", model.to_str().unwrap(), "-o", out.to_str().unwrap()]);

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("differ only in case"), "{}", stderr(&output));
}
