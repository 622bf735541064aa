//! Geometry invariants of the swimlane layout, on every example and on
//! generated processes of up to 1,000 steps, in both directions.

#[path = "../benches/support/mod.rs"]
mod generator;

use std::path::PathBuf;

use reflow::model::{self, Input, Model};
use reflow::render::text::text_width;
use reflow::render::{Diagram, Direction, LayoutOptions, LegendSymbol, Rect, Shape, layout};

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
        for segment in association.points.windows(2) {
            for node in nodes {
                if node.bounds().crossed_by(segment[0], segment[1], 0.5) {
                    found.push(format!("{name} crosses node `{}`", node.id));
                }
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
    found.extend(phase_problems(diagram));
    found.extend(legend_problems(diagram));
    found
}

/// Checks the invariants of the phase bands: they follow each other without
/// overlapping, each spans every lane, and every node lies in its band.
fn phase_problems(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    let phases = &diagram.phases;
    let vertical = diagram.direction == Direction::Vertical;
    for (i, a) in phases.iter().enumerate() {
        for b in &phases[i + 1..] {
            let inner = Rect {
                x: b.bounds.x + TOLERANCE,
                y: b.bounds.y + TOLERANCE,
                width: b.bounds.width - 2.0 * TOLERANCE,
                height: b.bounds.height - 2.0 * TOLERANCE,
            };
            if a.bounds.overlaps(&inner) {
                found.push(format!("phases `{}` and `{}` overlap", a.name, b.name));
            }
        }
        if let Some(next) = phases.get(i + 1) {
            let (end, start) =
                if vertical { (a.bounds.bottom(), next.bounds.y) } else { (a.bounds.right(), next.bounds.x) };
            if (end - start).abs() > TOLERANCE {
                found.push(format!("phase `{}` does not end where `{}` starts", a.name, next.name));
            }
            // An edge drawn along or near the border between two bands would
            // read as the border.
            for edge in &diagram.edges {
                let along = edge.points.windows(2).any(|pair| {
                    let (p, q) = (pair[0], pair[1]);
                    if vertical {
                        (p.y - start).abs() < 4.0 && (q.y - start).abs() < 4.0
                    } else {
                        (p.x - start).abs() < 4.0 && (q.x - start).abs() < 4.0
                    }
                });
                if along {
                    let (from, to) = (&diagram.nodes[edge.from].id, &diagram.nodes[edge.to].id);
                    found.push(format!(
                        "edge `{from}` -> `{to}` runs along the start of phase `{}`",
                        next.name
                    ));
                }
            }
        }
        if !a.bounds.contains_rect(&a.header, TOLERANCE) {
            found.push(format!("the header of phase `{}` is outside its band", a.name));
        }
        for lane in &diagram.lanes {
            let (covers, name) = if vertical {
                (
                    a.bounds.x <= lane.bounds.x + TOLERANCE
                        && a.bounds.right() >= lane.bounds.right() - TOLERANCE,
                    "x",
                )
            } else {
                (
                    a.bounds.y <= lane.bounds.y + TOLERANCE
                        && a.bounds.bottom() >= lane.bounds.bottom() - TOLERANCE,
                    "y",
                )
            };
            if !covers {
                found.push(format!("phase `{}` does not span lane {:?} along {name}", a.name, lane.title));
            }
        }
    }
    for node in &diagram.nodes {
        match (node.phase, phases.is_empty()) {
            (Some(phase), false) => {
                let band = &phases[phase];
                if !band.bounds.contains_rect(&node.bounds(), TOLERANCE) {
                    found.push(format!("node `{}` is outside its phase `{}`", node.id, band.name));
                }
                if band.header.overlaps(&node.bounds()) {
                    found.push(format!("node `{}` covers the header of phase `{}`", node.id, band.name));
                }
            }
            (None, true) => {}
            _ => found.push(format!("node `{}` has a phase only when the diagram has phases", node.id)),
        }
    }
    found
}

/// Checks the invariants of the legend: it lies in the diagram, below the lanes
/// and phases, clear of nodes and edges, with its entries inside it.
fn legend_problems(diagram: &Diagram) -> Vec<String> {
    let mut found = Vec::new();
    let Some(legend) = &diagram.legend else { return found };
    let page = Rect { x: 0.0, y: 0.0, width: diagram.width, height: diagram.height };
    if !page.contains_rect(&legend.bounds, TOLERANCE) {
        found.push("the legend leaves the diagram".to_string());
    }
    for lane in &diagram.lanes {
        if legend.bounds.overlaps(&lane.bounds) {
            found.push(format!("the legend covers lane {:?}", lane.title));
        }
    }
    for phase in &diagram.phases {
        if legend.bounds.overlaps(&phase.bounds) {
            found.push(format!("the legend covers phase `{}`", phase.name));
        }
    }
    for node in &diagram.nodes {
        if legend.bounds.overlaps(&node.bounds()) {
            found.push(format!("the legend covers node `{}`", node.id));
        }
    }
    for edge in &diagram.edges {
        if edge.points.windows(2).any(|pair| legend.bounds.crossed_by(pair[0], pair[1], 0.0)) {
            let (from, to) = (&diagram.nodes[edge.from].id, &diagram.nodes[edge.to].id);
            found.push(format!("edge `{from}` -> `{to}` crosses the legend"));
        }
    }
    if legend.title_box.overlaps(&diagram.title_box) {
        found.push("the legend covers the title".to_string());
    }
    for (i, a) in legend.entries.iter().enumerate() {
        for part in [&a.symbol_box, &a.label_box] {
            if !legend.bounds.contains_rect(part, TOLERANCE) {
                found.push(format!("legend entry `{}` is outside the legend", a.label));
            }
            if part.overlaps(&legend.title_box) {
                found.push(format!("legend entry `{}` covers the legend title", a.label));
            }
        }
        if a.symbol_box.overlaps(&a.label_box) {
            found.push(format!("the symbol of legend entry `{}` covers its label", a.label));
        }
        for b in &legend.entries[i + 1..] {
            let first = a.symbol_box.union(&a.label_box);
            if first.overlaps(&b.symbol_box.union(&b.label_box)) {
                found.push(format!("legend entries `{}` and `{}` overlap", a.label, b.label));
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
fn generated_processes_with_phases_keep_invariants() {
    for (steps, roles, seed) in [(10, 2, 1), (60, 4, 2), (300, 5, 7)] {
        let mut model = build(Input::Stdin(generator::process(steps, roles, seed).into_bytes()));
        // Phases by declaration order, leaving every third step without one,
        // so that branches of the flow cross between phases both ways.
        for process in &mut model.processes {
            let count = process.nodes.len();
            for (index, node) in process.nodes.iter_mut().enumerate() {
                if index % 3 != 2 {
                    node.phase = Some(format!("P{}", index * 4 / count));
                }
            }
        }
        assert_sound(&model, &format!("generated {steps} steps with phases"));
        let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
        assert_eq!(diagram.phases.len(), 4, "generated {steps} steps");
    }
}

#[test]
fn one_phase_per_step_lays_out() {
    let mut model = build(Input::Stdin(generator::process(1000, 8, 11).into_bytes()));
    let process = &mut model.processes[0];
    for (index, node) in process.nodes.iter_mut().enumerate() {
        node.phase = Some(format!("P{index}"));
    }
    let flow_steps = process.nodes.iter().filter(|node| node.kind.is_flow_node()).count();
    assert_sound(&model, "1,000 steps, one phase each");
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    assert_eq!(diagram.phases.len(), flow_steps);
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

fn complaint_layout(direction: Direction) -> (Model, Diagram) {
    let model = build(Input::Path("examples/complaint_handling.flow".into()));
    let process = model.processes.iter().find(|process| process.id == "complaint").unwrap();
    let diagram = layout(&model, process, &LayoutOptions { direction, ..LayoutOptions::default() });
    (model, diagram)
}

#[test]
fn phases_follow_the_flow() {
    for direction in [Direction::Horizontal, Direction::Vertical] {
        let (model, diagram) = complaint_layout(direction);
        let names: Vec<&str> = diagram.phases.iter().map(|phase| phase.name.as_str()).collect();
        assert_eq!(names, ["受理 Intake", "调查与处理 Investigation", "回复与结案 Reply and closure"]);

        // Every step that names a phase is drawn in that phase's band.
        let process = model.processes.iter().find(|process| process.id == "complaint").unwrap();
        for node in &diagram.nodes {
            let declared = process.node(process.find(&node.id).unwrap()).phase.as_deref();
            if let (Some(declared), Some(phase)) = (declared, node.phase) {
                assert_eq!(diagram.phases[phase].name, declared, "`{}`, {direction:?}", node.id);
            }
        }
    }
}

/// Lays out a process given as text, left to right.
fn layout_text(text: &str) -> Diagram {
    let model = build(Input::Stdin(text.as_bytes().to_vec()));
    layout(&model, &model.processes[0], &LayoutOptions::default())
}

fn phase_name<'a>(diagram: &'a Diagram, id: &str) -> &'a str {
    let node = diagram.nodes.iter().find(|node| node.id == id).unwrap();
    &diagram.phases[node.phase.unwrap()].name
}

#[test]
fn phases_do_not_interleave() {
    // `short` is one step into phase B, while phase A still runs three steps.
    let text = r#"process p {
    start s { phase: "A" }
    decision d "D?"
    task a1 "A1" { phase: "A" }
    task a2 "A2" { phase: "A" }
    task a3 "A3" { phase: "A" }
    task short "Short" { phase: "B" }
    end e { phase: "B" }
    s -> d
    d -> [x 50%] a1 -> a2 -> a3 -> e
    d -> [y 50%] short -> e
}
"#;
    let diagram = layout_text(text);
    assert!(problems(&diagram).is_empty(), "{:#?}", problems(&diagram));
    let node = |id: &str| diagram.nodes.iter().find(|node| node.id == id).unwrap();
    assert!(node("a3").shape_box.right() < node("short").shape_box.x, "`short` comes after phase A");
    assert_eq!(phase_name(&diagram, "d"), "A", "an unnamed step joins its predecessor's phase");
    assert_eq!(diagram.phases.len(), 2);
}

#[test]
fn flow_into_earlier_phase_is_back_edge() {
    let text = r#"process p {
    start s { phase: "A" }
    task a "A" { phase: "A" }
    task b "B" { phase: "B" }
    decision ok "OK?" { phase: "B" }
    end e
    s -> a -> b -> ok
    ok -> [yes 80%] e
    ok -> [no 20%] a
}
"#;
    let diagram = layout_text(text);
    assert!(problems(&diagram).is_empty(), "{:#?}", problems(&diagram));
    let id = |index: usize| diagram.nodes[index].id.as_str();
    let back: Vec<(&str, &str)> =
        diagram.edges.iter().filter(|edge| edge.back).map(|edge| (id(edge.from), id(edge.to))).collect();
    assert_eq!(back, [("ok", "a")]);
    assert_eq!(phase_name(&diagram, "e"), "B");
}

#[test]
fn process_without_phases_has_no_bands() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    assert!(diagram.phases.is_empty());
    assert!(diagram.nodes.iter().all(|node| node.phase.is_none()));
}

#[test]
fn legend_lists_only_used_symbols() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let diagram = layout(&model, &model.processes[0], &LayoutOptions::default());
    let legend = diagram.legend.expect("a legend by default");
    let symbols: Vec<LegendSymbol> = legend.entries.iter().map(|entry| entry.symbol).collect();
    assert_eq!(
        symbols,
        [
            LegendSymbol::Shape(Shape::Terminator),
            LegendSymbol::Shape(Shape::Process),
            LegendSymbol::Shape(Shape::Decision),
            LegendSymbol::KeyBadge,
        ]
    );
}

#[test]
fn legend_shows_back_edges() {
    let (_, diagram) = complaint_layout(Direction::Horizontal);
    let legend = diagram.legend.unwrap();
    assert!(legend.entries.iter().any(|entry| entry.symbol == LegendSymbol::BackEdge));
    assert!(!legend.entries.iter().any(|entry| entry.symbol == LegendSymbol::Shape(Shape::Timer)));
}

#[test]
fn legend_can_be_left_out() {
    let model = build(Input::Path("examples/short_form.flow".into()));
    let with = layout(&model, &model.processes[0], &LayoutOptions::default());
    let options = LayoutOptions { legend: false, ..LayoutOptions::default() };
    let without = layout(&model, &model.processes[0], &options);
    assert!(without.legend.is_none());
    assert!(without.height < with.height);
}

#[test]
fn title_sits_above_the_chart() {
    for direction in [Direction::Horizontal, Direction::Vertical] {
        let (_, diagram) = complaint_layout(direction);
        assert_eq!(diagram.title, "客户投诉处理 Customer complaint handling");
        for lane in &diagram.lanes {
            assert!(diagram.title_box.bottom() <= lane.bounds.y, "{direction:?}");
        }
        for phase in &diagram.phases {
            assert!(diagram.title_box.bottom() <= phase.bounds.y, "{direction:?}");
        }
    }
}
