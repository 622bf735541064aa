//! Geometry invariants of the swimlane layout, on every example and on
//! generated processes of up to 1,000 steps, in both directions.

#[path = "../benches/support/mod.rs"]
mod generator;

use std::path::PathBuf;

use reflow::model::{self, Input, Model};
use reflow::render::text::text_width;
use reflow::render::{Diagram, Direction, LayoutOptions, Rect, Shape, layout};

/// Slack for rounding, in pixels.
const TOLERANCE: f64 = 0.01;

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
    let (built, diagnostics) = model::build(&loaded);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:#?}");
    built
}

/// Every invariant of one diagram; returns the problems found.
fn problems(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    let nodes = &diagram.nodes;
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            if a.bounds().overlaps(&b.bounds()) {
                found.push(format!("nodes `{}` and `{}` overlap", a.id, b.id));
            }
        }
        if !diagram.lanes[a.lane].bounds.contains_rect(&a.bounds(), TOLERANCE) {
            found.push(format!("node `{}` is outside its lane", a.id));
        }
        if diagram.lanes[a.lane].header.overlaps(&a.bounds()) {
            found.push(format!("node `{}` covers its lane header", a.id));
        }
        let caption = matches!(a.shape, Shape::ParallelBar | Shape::InclusiveGateway | Shape::Timer);
        if !caption && !a.shape_box.contains_rect(&a.label_box, TOLERANCE) {
            found.push(format!("the label of `{}` does not fit its shape", a.id));
        }
        let widest = a.label.iter().map(|line| text_width(line, diagram.fonts.node)).fold(0.0, f64::max);
        if widest > a.label_box.width + TOLERANCE {
            found.push(format!("a label line of `{}` is wider than its box", a.id));
        }
    }

    for edge in &diagram.edges {
        let (from, to) = (&nodes[edge.from], &nodes[edge.to]);
        let name = format!("edge `{}` -> `{}`", from.id, to.id);
        let (first, last) = (edge.points[0], edge.points[edge.points.len() - 1]);
        if !from.shape_box.on_border(first, TOLERANCE) {
            found.push(format!("{name} does not start on its source's border"));
        }
        if !to.shape_box.on_border(last, TOLERANCE) {
            found.push(format!("{name} does not end on its target's border"));
        }
        for pair in edge.points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if (a.x - b.x).abs() > TOLERANCE && (a.y - b.y).abs() > TOLERANCE {
                found.push(format!("{name} has a diagonal segment"));
            }
            for node in nodes {
                if node.shape_box.crossed_by(a, b, 0.5) {
                    found.push(format!("{name} crosses node `{}`", node.id));
                }
                if node.label.iter().any(|line| !line.is_empty()) && node.label_box.crossed_by(a, b, 0.5) {
                    found.push(format!("{name} crosses the label of `{}`", node.id));
                }
            }
        }
        if let Some(label) = &edge.label {
            let page = Rect { x: 0.0, y: 0.0, width: diagram.width, height: diagram.height };
            if !page.contains_rect(&label.bounds, TOLERANCE) {
                found.push(format!("the label of {name} leaves the diagram"));
            }
            for node in nodes {
                if label.bounds.overlaps(&node.bounds()) {
                    found.push(format!("the label of {name} covers node `{}`", node.id));
                }
            }
        }
    }
    for association in &diagram.associations {
        let (step, artefact) = (&nodes[association.step], &nodes[association.artefact]);
        let name = format!("association `{}` - `{}`", step.id, artefact.id);
        let (first, last) = (association.points[0], association.points[association.points.len() - 1]);
        if !step.shape_box.on_border(first, TOLERANCE) || !artefact.shape_box.on_border(last, TOLERANCE) {
            found.push(format!("{name} does not join the borders"));
        }
        for node in nodes {
            if node.bounds().crossed_by(first, last, 0.5) {
                found.push(format!("{name} crosses node `{}`", node.id));
            }
        }
    }

    let labels: Vec<_> = diagram.edges.iter().filter_map(|edge| edge.label.as_ref()).collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if a.bounds.overlaps(&b.bounds) {
                found.push(format!("edge labels `{}` and `{}` overlap", a.text, b.text));
            }
        }
    }
    found
}

fn assert_sound(model: &Model, what: &str) {
    for process in &model.processes {
        for direction in [Direction::Horizontal, Direction::Vertical] {
            let options = LayoutOptions { direction, ..LayoutOptions::default() };
            let diagram = layout(model, process, &options);
            let found = problems(&diagram);
            assert!(found.is_empty(), "{what}, process `{}`, {direction:?}: {found:#?}", process.id);
            let drawn = process.nodes.len();
            assert_eq!(diagram.nodes.len(), drawn, "{what}: every node is drawn");
        }
    }
}

#[test]
fn examples_keep_geometry_invariants() {
    for path in examples() {
        let model = build(Input::Path(path.clone()));
        assert_sound(&model, &path.display().to_string());
    }
}

#[test]
fn generated_processes_keep_geometry_invariants() {
    for (steps, roles, seed) in [(10, 2, 1), (60, 4, 2), (300, 5, 7), (1000, 8, 11)] {
        let model = build(Input::Stdin(generator::process(steps, roles, seed).into_bytes()));
        assert_sound(&model, &format!("generated {steps} steps"));
    }
}

#[test]
fn every_flow_becomes_an_edge() {
    let model = build(Input::Path("examples/complaint_handling.flow".into()));
    for process in &model.processes {
        let diagram = layout(&model, process, &LayoutOptions::default());
        assert_eq!(diagram.edges.len(), process.flows.len(), "process `{}`", process.id);
    }
}

#[test]
fn layout_is_deterministic() {
    let model = build(Input::Path("examples/customer_development.flow".into()));
    let process = &model.processes[0];
    let first = layout(&model, process, &LayoutOptions::default());
    let second = layout(&model, process, &LayoutOptions::default());
    assert_eq!(first, second);
}

#[test]
fn org_chart_keeps_geometry_invariants() {
    let model = build(Input::Path("examples/crm_organisation.flow".into()));
    let (columns, chart) = reflow::render::org_chart(&model).unwrap();
    assert_eq!(chart.nodes.len(), model.roles.len());
    assert_eq!(columns.roles.len(), model.departments.len());
    for direction in [Direction::Vertical, Direction::Horizontal] {
        let diagram = layout(&columns, &chart, &LayoutOptions { direction, ..LayoutOptions::default() });
        let found = problems(&diagram);
        assert!(found.is_empty(), "{direction:?}: {found:#?}");
        let reports = model.roles.iter().filter(|role| role.reports_to.is_some()).count();
        assert_eq!(diagram.edges.len(), reports);
    }
}

#[test]
fn org_chart_puts_reports_below_managers() {
    let model = build(Input::Path("examples/crm_organisation.flow".into()));
    let (columns, chart) = reflow::render::org_chart(&model).unwrap();
    let options = LayoutOptions { direction: Direction::Vertical, ..LayoutOptions::default() };
    let diagram = layout(&columns, &chart, &options);
    for edge in &diagram.edges {
        let (manager, report) = (&diagram.nodes[edge.from], &diagram.nodes[edge.to]);
        assert!(manager.shape_box.bottom() < report.shape_box.y, "`{}` above `{}`", manager.id, report.id);
    }
}

#[test]
fn org_chart_without_roles_is_none() {
    let model = build(Input::Stdin(b"process p {\n    start s\n    end e\n    s -> e\n}\n".to_vec()));
    assert!(reflow::render::org_chart(&model).is_none());
}

#[test]
fn key_badges_follow_analysis_numbers() {
    let model = build(Input::Path("examples/complaint_handling.flow".into()));
    let process = model.processes.iter().find(|process| process.id == "complaint").unwrap();
    let diagram = layout(&model, process, &LayoutOptions::default());
    let expected: Vec<(usize, String)> = reflow::analysis::key_nodes::numbered(process)
        .into_iter()
        .map(|(number, node)| (number, process.node(node).id.clone()))
        .collect();
    let drawn: Vec<(usize, String)> =
        diagram.nodes.iter().filter_map(|node| node.key_number.map(|n| (n, node.id.clone()))).collect();
    assert!(!expected.is_empty());
    let mut drawn_sorted = drawn.clone();
    drawn_sorted.sort();
    assert_eq!(drawn_sorted, expected);
}

#[test]
fn declared_lanes_come_first_in_order() {
    let model = build(Input::Path("examples/customer_development.flow".into()));
    let process = &model.processes[0];
    let diagram = layout(&model, process, &LayoutOptions::default());
    for (position, role) in process.lanes.iter().enumerate() {
        let name = model.role(*role).display_name();
        assert_eq!(diagram.lanes[position].title.concat().replace(' ', ""), name.replace(' ', ""));
    }
}

#[test]
fn rework_loop_is_a_back_edge() {
    let text = "process p {
    start s
    task a \"A\"
    task b \"B\"
    decision ok \"OK?\"
    end e
    s -> a -> b -> ok
    ok -> [yes 80%] e
    ok -> [no 20%] a
}
";
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    let process = &model.processes[0];
    let diagram = layout(&model, process, &LayoutOptions::default());
    let id = |index: usize| diagram.nodes[index].id.as_str();
    let back: Vec<(&str, &str)> =
        diagram.edges.iter().filter(|edge| edge.back).map(|edge| (id(edge.from), id(edge.to))).collect();
    assert_eq!(back, [("ok", "a")]);

    // Forward edges run left to right, ranks following the flow.
    for edge in diagram.edges.iter().filter(|edge| !edge.back) {
        let (from, to) = (&diagram.nodes[edge.from], &diagram.nodes[edge.to]);
        assert!(from.shape_box.right() < to.shape_box.x, "`{}` before `{}`", from.id, to.id);
    }
}

#[test]
fn edge_labels_show_branch_and_probability() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    let labels: Vec<&str> = diagram
        .edges
        .iter()
        .filter_map(|edge| edge.label.as_ref())
        .map(|label| label.text.as_str())
        .collect();
    assert!(labels.contains(&"不需要 no 70%"), "{labels:?}");
    assert!(labels.contains(&"需要 yes 30%"), "{labels:?}");
}

#[test]
fn straight_chain_stays_on_one_line() {
    let text = "process p {
    start s
    task a \"A\"
    task b \"B\"
    end e
    s -> a -> b -> e
}
";
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    for edge in &diagram.edges {
        assert_eq!(edge.points.len(), 2, "a chain in one lane needs no turns");
    }
}

#[test]
fn unusual_processes_lay_out() {
    let cases = [
        ("empty", "process p {\n}\n"),
        ("single start", "process p {\n    start s\n}\n"),
        (
            "self-loop",
            "process p {\n    start s\n    task a \"A\"\n    end e\n    s -> a\n    a -> a\n    a -> e\n}\n",
        ),
        (
            "cycle without start",
            "process p {\n    task a \"A\"\n    task b \"B\"\n    a -> b\n    b -> a\n}\n",
        ),
        ("empty label", "process p {\n    start s \"\"\n    end e \"\"\n    s -> e\n}\n"),
        (
            "long word",
            "process p {\n    start s \"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n    end e\n    s -> e\n}\n",
        ),
        (
            "notes and stores",
            "process p {\n    start s\n    store db \"DB\"\n    document d \"Doc\"\n    note n \"Note\" { on: s }\n    task t \"T\" { reads: [db] writes: [d] }\n    end e\n    s -> t -> e\n}\n",
        ),
    ];
    for (name, text) in cases {
        let loaded = model::load(&[Input::Stdin(text.as_bytes().to_vec())]).unwrap();
        let (model, _) = model::build(&loaded);
        for process in &model.processes {
            for direction in [Direction::Horizontal, Direction::Vertical] {
                let diagram =
                    layout(&model, process, &LayoutOptions { direction, ..LayoutOptions::default() });
                let found = problems(&diagram);
                assert!(found.is_empty(), "{name}, {direction:?}: {found:#?}");
                assert_eq!(diagram.nodes.len(), process.nodes.len(), "{name}");
            }
        }
    }
}

#[test]
fn barycentre_sweep_removes_crossing() {
    // `d` is declared before `c`, but `c` follows `a`, which sits above `b`.
    let text = "process p {
    start s
    fork f
    task a \"A\"
    task b \"B\"
    task d \"D\"
    task c \"C\"
    join j
    end e
    s -> f
    f -> a
    f -> b
    a -> c
    b -> d
    c -> j
    d -> j
    j -> e
}
";
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    let y = |id: &str| diagram.nodes.iter().find(|node| node.id == id).unwrap().shape_box.y;
    assert!(y("a") < y("b"));
    assert!(y("c") < y("d"), "the edges a -> c and b -> d cross");
}

#[test]
fn documents_join_their_first_step() {
    let model = build(Input::Path("examples/complaint_handling.flow".into()));
    let process = model.processes.iter().find(|process| process.id == "complaint").unwrap();
    let diagram = layout(&model, process, &LayoutOptions::default());
    let joined: Vec<(&str, &str)> = diagram
        .associations
        .iter()
        .map(|association| {
            (diagram.nodes[association.step].id.as_str(), diagram.nodes[association.artefact].id.as_str())
        })
        .collect();
    assert!(!joined.is_empty());
    for (step, artefact) in joined {
        let index = process.find(artefact).unwrap();
        let user = process.find(step).unwrap();
        let node = process.node(user);
        let uses = node.reads.contains(&index.index()) || node.writes.contains(&index.index());
        let note = process.node(index).note_on == Some(user.index());
        assert!(uses || note, "`{step}` neither uses nor carries `{artefact}`");
    }
}
