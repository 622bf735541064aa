//! The SVG writer: well-formed XML for every example, byte-identical
//! output for identical input, escaped user text, and a golden file.
//!
//! Set `REFLOW_ACCEPT=1` to rewrite the golden file after an intended
//! change, then review the diff.

use std::path::{Path, PathBuf};

use reflow::model::{self, Input, Model};
use reflow::render::{Direction, LayoutOptions, Theme, render};

fn examples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "flow"))
        .collect();
    paths.sort();
    paths
}

fn build(input: Input) -> Model {
    let loaded = model::load(&[input]).unwrap();
    assert!(!loaded.diagnostics.iter().any(|d| d.is_error()), "{:#?}", loaded.diagnostics);
    let (built, diagnostics) = model::build(&loaded);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:#?}");
    built
}

fn every_variant() -> Vec<(LayoutOptions, Theme)> {
    let mut variants = Vec::new();
    for direction in [Direction::Horizontal, Direction::Vertical] {
        for theme in [Theme::Light, Theme::Dark, Theme::Print] {
            variants.push((LayoutOptions { direction, ..LayoutOptions::default() }, theme));
        }
    }
    variants
}

#[test]
fn examples_render_as_well_formed_xml() {
    for path in examples() {
        let model = build(Input::Path(path.clone()));
        for process in &model.processes {
            for (options, theme) in every_variant() {
                let svg = render(&model, process, &options, theme);
                let document = roxmltree::Document::parse(&svg)
                    .unwrap_or_else(|error| panic!("{}, `{}`: {error}", path.display(), process.id));
                let root = document.root_element();
                assert_eq!(root.tag_name().name(), "svg");
                let drawn = root.descendants().filter(|node| node.attribute("data-id").is_some()).count();
                assert_eq!(drawn, process.nodes.len(), "{}, `{}`", path.display(), process.id);
            }
        }
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    for path in examples() {
        let first = build(Input::Path(path.clone()));
        let second = build(Input::Path(path.clone()));
        for (a, b) in first.processes.iter().zip(&second.processes) {
            for (options, theme) in every_variant() {
                let one = render(&first, a, &options, theme);
                let two = render(&second, b, &options, theme);
                assert!(one == two, "{}, `{}` differs between runs", path.display(), a.id);
            }
        }
    }
}

#[test]
fn user_text_is_escaped() {
    let text = r#"title: "T"
role agent "A & <B>"
"<script>alert(1)</script>" -> check "\"]]> & <b>bold</b>" @agent -> "done'"
"#;
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    let process = &model.processes[0];
    for (options, theme) in every_variant() {
        let svg = render(&model, process, &options, theme);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(!svg.contains("]]>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");

        let document = roxmltree::Document::parse(&svg).unwrap();
        let ids: Vec<&str> = document.descendants().filter_map(|node| node.attribute("data-id")).collect();
        assert!(ids.contains(&"<script>alert(1)</script>"), "{ids:?}");
        assert!(ids.contains(&"done'"), "{ids:?}");
        let texts: String =
            document.descendants().filter(|node| node.is_text()).filter_map(|node| node.text()).collect();
        assert!(texts.contains("\"]]> & <b>bold</b>"), "{texts}");
        assert!(texts.contains("A & <B>"), "{texts}");
    }
}

/// Compares `actual` with the golden file, or rewrites the file when
/// `REFLOW_ACCEPT` is set.
fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("REFLOW_ACCEPT").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}; run with REFLOW_ACCEPT=1", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{} differs from the output at line {}:\nexpected: {}\nactual:   {}\nrun with REFLOW_ACCEPT=1 to accept",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn short_form_matches_golden_svg() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let svg = render(&model, &model.processes[0], &LayoutOptions::default(), Theme::Light);
    assert_golden(Path::new("tests/render/short_form.svg"), &svg);
}

#[test]
fn legend_and_phases_in_every_theme() {
    let model = build(Input::Path("examples/complaint_handling.flow".into()));
    let process = model.processes.iter().find(|process| process.id == "complaint").unwrap();
    for (options, theme) in every_variant() {
        let svg = render(&model, process, &options, theme);
        let document = roxmltree::Document::parse(&svg).unwrap();
        let group = |class: &str| {
            document
                .descendants()
                .find(|node| node.attribute("class") == Some(class))
                .unwrap_or_else(|| panic!("no `{class}` group, {theme:?}, {:?}", options.direction))
        };
        let texts = |node: roxmltree::Node| -> Vec<String> {
            node.descendants().filter_map(|node| node.text()).map(str::to_string).collect()
        };
        let legend = texts(group("legend"));
        assert!(legend.contains(&"图例 Legend".to_string()), "{legend:?}");
        assert!(legend.contains(&"任务 Task".to_string()), "{legend:?}");
        let phases = texts(group("phases"));
        assert!(phases.contains(&"受理 Intake".to_string()), "{phases:?}");
    }
}

#[test]
fn legend_can_be_left_out() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let options = LayoutOptions { legend: false, ..LayoutOptions::default() };
    let svg = render(&model, &model.processes[0], &options, Theme::Light);
    assert!(!svg.contains("class=\"legend\""), "{svg}");
    assert!(!svg.contains("class=\"phases\""), "the short form has no phases");
}

#[test]
fn phase_names_are_escaped() {
    let text = r#"process p {
    start s { phase: "<b>A & B</b>" }
    task t "T" { phase: "\"]]>" }
    end e
    s -> t -> e
}
"#;
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    for (options, theme) in every_variant() {
        let svg = render(&model, &model.processes[0], &options, theme);
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(!svg.contains("]]>"), "{svg}");
        let document = roxmltree::Document::parse(&svg).unwrap();
        let texts: Vec<&str> = document.descendants().filter_map(|node| node.text()).collect();
        assert!(texts.contains(&"<b>A & B</b>"), "{texts:?}");
        assert!(texts.contains(&"\"]]>"), "{texts:?}");
    }
}
