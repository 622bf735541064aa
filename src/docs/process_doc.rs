//! The process description (流程说明书): overview, roles, flowchart,
//! steps, key nodes, RACI matrix and the analysis numbers.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::format::{count, key_anchor, minutes, step_anchor};
use super::inline::{declared, lines, missing, process_link, role_link, step_link, text, yes_no};
use super::raci::{involved_roles, raci};
use super::{Align, Block, Context, DocKind, Document, Inline, Lang, Msg, Section, Table};
use crate::analysis::durations::step_minutes;
use crate::analysis::{self, Options, Report};
use crate::model::{Model, NodeKind, Process, ProcessId};
use crate::render::{LayoutOptions, Theme};

/// Builds the description of a process.
pub fn process_description(model: &Model, id: ProcessId, lang: Lang, context: &Context) -> Document {
    let process = &model.processes[id.0];
    let report = analysis::report(model, id, Options::default());

    Document {
        kind: DocKind::Process(process.id.clone()),
        title: process.display_name().to_string(),
        subtitle: Some(Msg::ProcessDescription.text(lang).to_string()),
        sections: vec![
            section(Msg::Basics, "overview", vec![overview(model, id, lang, &context.revisions)], lang),
            section(Msg::RolesInvolved, "roles", vec![roles(model, process, lang)], lang),
            section(Msg::Flowchart, "flowchart", vec![flowchart(model, process)], lang),
            section(Msg::Steps, "steps", vec![steps(model, id, lang)], lang),
            section(Msg::KeyNodes, "key-nodes", vec![key_nodes(model, id, report.as_ref(), lang)], lang),
            section(Msg::Raci, "raci", raci_blocks(model, id, lang), lang),
            section(Msg::Analysis, "analysis", vec![numbers(process, report.as_ref(), lang)], lang),
        ],
    }
}

fn section(heading: Msg, anchor: &str, blocks: Vec<Block>, lang: Lang) -> Section {
    Section { heading: heading.text(lang).to_string(), anchor: anchor.to_string(), blocks }
}

fn overview(model: &Model, id: ProcessId, lang: Lang, revisions: &super::Revisions) -> Block {
    let process = &model.processes[id.0];
    let owner = process.owner.map_or_else(|| vec![missing(lang)], |owner| vec![role_link(model, owner)]);
    // The process's own version, else that of the file declaring it,
    // because in a model of several files the model's version is only the
    // first file's.
    let declared_version = process.version.as_deref().or(model.file_version(process.origin.file));
    let mut version: Vec<String> = declared_version.into_iter().map(str::to_string).collect();
    version.extend(revisions.of(process.origin.file, lang));
    let version = if version.is_empty() { vec![missing(lang)] } else { vec![text(version.join(" · "))] };
    let field = |name: Msg, value| (name.text(lang).to_string(), value);

    Block::Fields {
        fields: vec![
            field(Msg::ProcessPurpose, declared(process.purpose.as_deref(), lang)),
            field(Msg::Scope, declared(process.scope.as_deref(), lang)),
            field(Msg::Owner, owner),
            field(Msg::Version, version),
            field(
                Msg::Description,
                declared(process.description.as_deref().or(process.doc.as_deref()), lang),
            ),
        ],
    }
}

fn roles(model: &Model, process: &Process, lang: Lang) -> Block {
    let involved = involved_roles(process);
    if involved.is_empty() {
        return Block::Paragraph { content: vec![text(Msg::NoneFound.text(lang))] };
    }
    Block::List { items: involved.into_iter().map(|role| vec![role_link(model, role)]).collect() }
}

/// Draws the process in the light theme, stored as `<process id>.svg`.
fn flowchart(model: &Model, process: &Process) -> Block {
    Block::Figure {
        svg: crate::render::render(model, process, &LayoutOptions::default(), Theme::Light),
        file: format!("{}.svg", process.id),
        caption: process.display_name().to_string(),
    }
}

/// Lists the control-flow steps in the order the flowchart shows them,
/// so that step numbers rise along the chart.
pub fn ordered_steps(process: &Process) -> Vec<NodeIndex> {
    crate::render::reading_order(process)
}

fn steps(model: &Model, id: ProcessId, lang: Lang) -> Block {
    let process = &model.processes[id.0];
    let order = ordered_steps(process);
    if order.is_empty() {
        return Block::Paragraph { content: vec![text(Msg::NoneFound.text(lang))] };
    }
    let mean = step_minutes(model, process);
    let rows = order
        .into_iter()
        .enumerate()
        .map(|(position, node)| {
            let step = process.node(node);
            let takes_time = step.duration.is_some() || step.calls.is_some();
            let duration = match (takes_time, step.kind) {
                (true, _) => text(minutes(mean[node.index()], lang)),
                (false, NodeKind::Task) => missing(lang),
                (false, _) => text(""),
            };
            vec![
                vec![Inline::Anchor(step_anchor(&step.id)), text((position + 1).to_string())],
                vec![text(step.display_name())],
                step.role.map_or_else(Vec::new, |role| vec![role_link(model, role)]),
                inputs(process, node),
                lines(
                    step.writes
                        .iter()
                        .map(|&artifact| vec![text(process.nodes[artifact].display_name())])
                        .collect(),
                ),
                vec![duration],
                description(model, process, node, lang),
            ]
        })
        .collect();
    let header =
        [Msg::Number, Msg::Step, Msg::Role, Msg::Inputs, Msg::Outputs, Msg::Duration, Msg::Description];
    Block::Table {
        table: Table {
            header: header.iter().map(|msg| msg.text(lang).to_string()).collect(),
            align: vec![
                Align::Right,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
            ],
            rows,
        },
    }
}

/// Lists what a step reads, then the labels of the flows into it, in the
/// order written.
fn inputs(process: &Process, node: NodeIndex) -> Vec<Inline> {
    let step = process.node(node);
    let mut items: Vec<Vec<Inline>> =
        step.reads.iter().map(|&artifact| vec![text(process.nodes[artifact].display_name())]).collect();
    let mut incoming: Vec<usize> =
        process.graph.edges_directed(node, Direction::Incoming).map(|edge| *edge.weight()).collect();
    incoming.sort_unstable();
    for flow in incoming {
        if let Some(label) = &process.flows[flow].label {
            items.push(vec![text(format!("← {label}"))]);
        }
    }
    lines(items)
}

/// Returns the step's description, the process it calls and when it applies.
fn description(model: &Model, process: &Process, node: NodeIndex, lang: Lang) -> Vec<Inline> {
    let step = process.node(node);
    let mut items = Vec::new();
    if let Some(called) = step.calls {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        items.push(vec![text(format!("{}{colon}", Msg::Calls.text(lang))), process_link(model, called)]);
    }
    if let Some(description) = step.description.as_deref().or(step.doc.as_deref()) {
        items.push(vec![text(description)]);
    }
    if let Some(condition) = &step.condition {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        items.push(vec![text(format!("{}{colon}{condition}", Msg::AppliesWhen.text(lang)))]);
    }
    lines(items)
}

fn key_nodes(model: &Model, id: ProcessId, report: Option<&Report>, lang: Lang) -> Block {
    let process = &model.processes[id.0];
    let numbered = analysis::key_nodes::numbered(process);
    if numbered.is_empty() {
        return Block::Paragraph { content: vec![text(Msg::NoneFound.text(lang))] };
    }
    let rows = numbered
        .into_iter()
        .map(|(number, node)| {
            let step = process.node(node);
            let entry =
                report.and_then(|report| report.key_nodes.iter().find(|entry| entry.number == number));
            let must_pass = entry.map_or_else(|| missing(lang), |entry| yes_no(entry.must_pass, lang));
            let bypass = entry.and_then(|entry| entry.bypass.as_ref()).map(|path| {
                let labels: Vec<&str> = path
                    .iter()
                    .filter_map(|id| process.find(id))
                    .map(|node| process.node(node).display_name())
                    .collect();
                labels.join(" → ")
            });
            vec![
                vec![Inline::Anchor(key_anchor(number)), text(number.to_string())],
                vec![step_link(model, id, node)],
                step.role.map_or_else(Vec::new, |role| vec![role_link(model, role)]),
                declared(step.key.as_ref().and_then(|key| key.reason.as_deref()), lang),
                vec![must_pass],
                vec![text(bypass.unwrap_or_default())],
            ]
        })
        .collect();
    let header = [Msg::Number, Msg::Step, Msg::Role, Msg::Reason, Msg::MustPass, Msg::Bypass];
    Block::Table {
        table: Table {
            header: header.iter().map(|msg| msg.text(lang).to_string()).collect(),
            align: vec![Align::Right, Align::Left, Align::Left, Align::Left, Align::Center, Align::Left],
            rows,
        },
    }
}

fn raci_blocks(model: &Model, id: ProcessId, lang: Lang) -> Vec<Block> {
    let matrix = raci(model, id);
    if matrix.rows.is_empty() {
        return vec![Block::Paragraph { content: vec![text(Msg::NoneFound.text(lang))] }];
    }
    let mut header = vec![Msg::Task.text(lang).to_string()];
    header.extend(matrix.roles.iter().map(|&role| model.role(role).display_name().to_string()));
    let mut align = vec![Align::Left];
    align.extend(matrix.roles.iter().map(|_| Align::Center));
    let rows = matrix
        .rows
        .iter()
        .map(|(node, cells)| {
            let mut row = vec![vec![step_link(model, id, *node)]];
            row.extend(cells.iter().map(|cell| vec![text(cell)]));
            row
        })
        .collect();
    vec![
        Block::Table { table: Table { header, align, rows } },
        Block::Paragraph { content: vec![text(Msg::RaciLegend.text(lang))] },
    ]
}

/// Lists the expected time, work and hand-offs per case. The times are
/// marked missing when no step declares a duration, because they would
/// read 0.
fn numbers(process: &Process, report: Option<&Report>, lang: Lang) -> Block {
    let Some(report) = report else {
        return Block::Paragraph { content: vec![text(Msg::NoStart.text(lang))] };
    };
    let timed = process.nodes.iter().any(|node| node.duration.is_some() || node.calls.is_some());
    let time = |value: f64| if timed { vec![text(minutes(value, lang))] } else { vec![missing(lang)] };
    let field = |name: Msg, value: Vec<Inline>| (name.text(lang).to_string(), value);
    Block::Fields {
        fields: vec![
            field(Msg::TimePerCase, time(report.critical_path.minutes)),
            field(Msg::WorkPerCase, time(report.work_minutes)),
            field(Msg::HandoffsTotal, vec![text(count(report.handoffs.per_case))]),
        ],
    }
}
