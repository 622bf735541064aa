//! Markdown documents: whole outputs against the expected files under
//! `tests/docs/`, and the links of a written folder.
//!
//! After a deliberate change of the output, run the tests with
//! `REFLOW_ACCEPT=1` to rewrite the expected files, then review the diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use reflow::docs::{Lang, job_description, markdown, process_description};
use reflow::model::{self, Input, Model};

fn complaint_model() -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/complaint_handling.flow");
    let loaded = model::load(&[Input::Path(path)]).expect("the example loads");
    let (built, diagnostics) = model::build(&loaded);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "the example does not build");
    built
}

/// Compares a document with its expected file, or writes the file with
/// `REFLOW_ACCEPT=1`.
fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docs").join(name);
    if std::env::var_os("REFLOW_ACCEPT").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("cannot read {}: {error}; run with REFLOW_ACCEPT=1 to create it", path.display())
    });
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).take_while(|(a, b)| a == b).count();
        panic!(
            "{name} differs from line {}:\n  expected: {:?}\n  actual:   {:?}",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

#[test]
fn role_markdown_matches_golden() {
    let model = complaint_model();
    let role = model.find_role("service_agent").unwrap();
    check_golden("service_agent.zh.md", &markdown(&job_description(&model, role, Lang::Zh), Lang::Zh));
    check_golden("service_agent.en.md", &markdown(&job_description(&model, role, Lang::En), Lang::En));
}

#[test]
fn process_markdown_matches_golden() {
    let model = complaint_model();
    let process = model.find_process("complaint").unwrap();
    check_golden("complaint.zh.md", &markdown(&process_description(&model, process, Lang::Zh), Lang::Zh));
    check_golden("complaint.en.md", &markdown(&process_description(&model, process, Lang::En), Lang::En));
}

#[test]
fn markdown_is_deterministic() {
    let model = complaint_model();
    let process = model.find_process("complaint").unwrap();
    let first = markdown(&process_description(&model, process, Lang::En), Lang::En);
    let second = markdown(&process_description(&complaint_model(), process, Lang::En), Lang::En);
    assert_eq!(first, second);
}

/// Runs `reflow docs FILE -o DIR` and returns the folder.
fn write_folder(example: &str, lang: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["docs", example, "--lang", lang, "-o"])
        .arg(folder.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the reflow binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    folder
}

fn markdown_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap();
            decoded.push(u8::from_str_radix(hex, 16).expect("a percent escape"));
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).expect("UTF-8 after decoding")
}

/// Checks that every relative link of every Markdown file resolves to a
/// written file, and every fragment to an `<a id>` in that file.
fn check_links(folder: &Path) -> usize {
    let link = regex::Regex::new(r"\]\(([^)\s]*)\)").unwrap();
    let anchor = regex::Regex::new(r#"<a id="([^"]+)"></a>"#).unwrap();
    let files = markdown_files(folder);
    let anchors: BTreeMap<PathBuf, Vec<String>> = files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let ids = anchor.captures_iter(&text).map(|found| found[1].to_string()).collect();
            (path.canonicalize().unwrap(), ids)
        })
        .collect();

    let mut checked = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for found in link.captures_iter(&text) {
            let destination = &found[1];
            let (file, fragment) = destination.split_once('#').unwrap_or((destination, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(percent_decode(file))
            };
            assert!(target.is_file(), "{}: link `{destination}` names no written file", path.display());
            if !fragment.is_empty() {
                let ids = &anchors[&target.canonicalize().unwrap()];
                assert!(
                    ids.iter().any(|id| id == fragment),
                    "{}: link `{destination}` names no anchor in {}",
                    path.display(),
                    target.display()
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn written_links_resolve() {
    for lang in ["zh", "en"] {
        let folder = write_folder("examples/complaint_handling.flow", lang);
        let checked = check_links(folder.path());
        assert!(checked > 50, "only {checked} links checked");
    }
}

#[test]
fn written_links_resolve_in_every_example() {
    let mut examples: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "flow"))
            .collect();
    examples.sort();
    for example in examples {
        let folder = write_folder(example.to_str().unwrap(), "en");
        check_links(folder.path());
    }
}

/// Counts the cells of a Markdown table row: the pipes that no backslash
/// escapes, less the outer two.
fn cells(row: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for character in row.chars() {
        match character {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if character != '\\' {
            escaped = false;
        }
    }
    count - 1
}

#[test]
fn markup_in_labels_is_escaped() {
    let model = {
        let text = "role a \"A | *bold* <b>x</b> [link](y)\" { education: \"1. first\\nsecond | third\" }\n\
                    process p \"P_1 # `tick`\" {\n owner: a\n start s \"S\"\n task t \"T | x\" { role: a  duration: 5m }\n end e \"E\"\n s -> [\"ok | go\"] t -> e\n}\n";
        let loaded = model::load(&[Input::Stdin(text.as_bytes().to_vec())]).unwrap();
        let (built, diagnostics) = model::build(&loaded);
        assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:?}");
        built
    };
    let role = markdown(&job_description(&model, model.find_role("a").unwrap(), Lang::En), Lang::En);
    let process =
        markdown(&process_description(&model, model.find_process("p").unwrap(), Lang::En), Lang::En);

    assert!(role.starts_with("# A \\| \\*bold\\* \\<b\\>x\\</b\\> \\[link\\](y)\n"), "{role}");
    assert!(role.contains("| **Education** | 1. first<br>second \\| third |"), "{role}");
    assert!(process.contains("\\# \\`tick\\`"), "{process}");
    assert!(process.contains("← ok \\| go"), "{process}");
    for document in [&role, &process] {
        let mut width = None;
        for line in document.lines() {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let found = cells(line);
            let expected = *width.get_or_insert(found);
            assert_eq!(found, expected, "row with a different number of cells: {line}");
        }
    }
}

#[test]
fn written_tables_keep_their_columns() {
    let folder = write_folder("examples/customer_records.flow", "zh");
    for path in markdown_files(folder.path()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut width = None;
        for line in text.lines() {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let found = cells(line);
            let expected = *width.get_or_insert(found);
            assert_eq!(found, expected, "{}: row with a different number of cells: {line}", path.display());
        }
    }
}

#[test]
fn missing_fields_are_marked_in_italics() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/short_form.flow");
    let loaded = model::load(&[Input::Path(path)]).unwrap();
    let (built, _) = model::build(&loaded);
    let role = built.find_role("agent").expect("the lane `agent` is a role");
    let text = markdown(&job_description(&built, role, Lang::En), Lang::En);
    assert!(text.contains("| **Education** | *⚠ To be completed* |"), "{text}");
    assert!(text.contains("| **Headcount** | *⚠ To be completed* |"), "{text}");
    assert!(text.contains("**\\[draft, to be reviewed\\]** Takes part in 1 process"), "{text}");
}
