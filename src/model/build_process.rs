//! Building one process: its nodes, key nodes, flows and graph.

use petgraph::graph::DiGraph;

use super::build::ModelBuilder;
use super::{Flow, KeyNode, Node, NodeKind, Origin, ValueClass, short_form};
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Attr, ProcessStmt};

const PROCESS_ATTRS: &[&str] = &["owner", "purpose", "scope", "version", "description", "lanes"];
const COMMON_NODE_ATTRS: &[&str] = &["key", "when", "description", "phase"];
const TASK_ATTRS: &[&str] = &[
    "role",
    "duration",
    "cost",
    "value",
    "reads",
    "writes",
    "tools",
    "target",
    "accountable",
    "consulted",
    "informed",
];
const DECISION_ATTRS: &[&str] = &["role", "accountable", "consulted", "informed"];

/// Returns the attributes a node of this kind accepts besides the common ones.
fn kind_attrs(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Task => TASK_ATTRS,
        NodeKind::Decision | NodeKind::InclusiveSplit => DECISION_ATTRS,
        NodeKind::Wait => &["duration"],
        NodeKind::Call => &["process", "role"],
        NodeKind::Note => &["on"],
        _ => &[],
    }
}

/// Describes a kind for messages: "a task", "a start event".
pub fn kind_article(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Start => "a start event",
        NodeKind::End => "an end event",
        NodeKind::Task => "a task",
        NodeKind::Decision => "a decision",
        NodeKind::Merge => "a merge",
        NodeKind::Fork => "a fork",
        NodeKind::Join => "a join",
        NodeKind::InclusiveSplit => "an inclusive split",
        NodeKind::InclusiveJoin => "an inclusive join",
        NodeKind::Wait => "a wait",
        NodeKind::Call => "a call",
        NodeKind::Document => "a document",
        NodeKind::Store => "a data store",
        NodeKind::Note => "a note",
    }
}

/// Fills the registered process `id` from its statements.
pub(super) fn fill(builder: &mut ModelBuilder, file: FileId, id: &ast::Ident, body: &[ProcessStmt]) {
    let Some(index) = builder.model.find_process(&id.name) else { return };
    if builder.model.processes[index.0].origin.file != file
        || !builder.model.processes[index.0].nodes.is_empty()
    {
        // A duplicate declaration, already reported.
        return;
    }

    let attrs: Vec<Attr> = body
        .iter()
        .filter_map(|s| if let ProcessStmt::Attr(a) = s { Some(a.clone()) } else { None })
        .collect();
    read_process_attrs(builder, file, index, &attrs);

    let declares_nodes = body.iter().any(|s| matches!(s, ProcessStmt::Node(_)));
    if declares_nodes {
        long_form(builder, file, index, body);
    } else {
        short_form::build(builder, file, index, body);
    }

    let process = &mut builder.model.processes[index.0];
    process.graph = graph(&process.nodes, &process.flows);
}

/// Builds the petgraph graph: node `i` is `nodes[i]`, edge `j` is `flows[j]`.
fn graph(nodes: &[Node], flows: &[Flow]) -> DiGraph<usize, usize> {
    let mut graph = DiGraph::with_capacity(nodes.len(), flows.len());
    for index in 0..nodes.len() {
        graph.add_node(index);
    }
    for (index, flow) in flows.iter().enumerate() {
        graph.add_edge(
            petgraph::graph::NodeIndex::new(flow.from),
            petgraph::graph::NodeIndex::new(flow.to),
            index,
        );
    }
    graph
}

fn read_process_attrs(builder: &mut ModelBuilder, file: FileId, index: super::ProcessId, attrs: &[Attr]) {
    let valid: Vec<Attr> =
        builder.reader(file).check_keys(attrs, PROCESS_ATTRS, "a process").into_iter().cloned().collect();
    for attr in &valid {
        match attr.key.text().as_str() {
            "owner" => {
                let Some((name, span)) = builder.reader(file).name(attr) else { continue };
                builder.model.processes[index.0].owner = builder.resolve_role(file, &name, &span);
            }
            "lanes" => {
                let names = builder.reader(file).names(attr);
                let lanes: Vec<_> =
                    names.iter().filter_map(|(name, span)| builder.resolve_role(file, name, span)).collect();
                builder.model.processes[index.0].lanes = lanes;
            }
            key => {
                let value = builder.reader(file).text(attr);
                let process = &mut builder.model.processes[index.0];
                match key {
                    "purpose" => process.purpose = value,
                    "scope" => process.scope = value,
                    "version" => process.version = value,
                    _ => process.description = value,
                }
            }
        }
    }
}

/// A process with node declarations: every flow must name declared nodes.
fn long_form(builder: &mut ModelBuilder, file: FileId, index: super::ProcessId, body: &[ProcessStmt]) {
    // Declare every node first, so flows may refer to nodes declared later.
    let mut declared: Vec<&ast::Node> = Vec::new();
    for stmt in body {
        let ProcessStmt::Node(node) = stmt else { continue };
        let process = &builder.model.processes[index.0];
        if let Some(existing) = process.find(&node.header.id.name) {
            let first = process.node(existing).origin.id_span.clone();
            builder.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    file,
                    node.header.id.span.clone(),
                    format!(
                        "the step `{}` is declared twice in process `{}`",
                        node.header.id.name, process.id
                    ),
                )
                .with_label("declared again here")
                .with_related(file, first, "first declared here")
                .with_help("try giving the second step its own id"),
            );
            continue;
        }
        let origin = Origin { file, span: node.span.clone(), id_span: node.header.id.span.clone() };
        let label = node.header.label.as_ref().map(|label| label.value.clone());
        let mut model_node = Node::new(node.header.id.name.clone(), label, node.kind, origin);
        model_node.doc = node.doc.clone();
        builder.model.processes[index.0].push_node(model_node);
        declared.push(node);
    }

    for (node_index, node) in declared.iter().enumerate() {
        read_node_attrs(builder, file, index, node_index, node);
    }

    for stmt in body {
        match stmt {
            ProcessStmt::Key(key) => apply_key(builder, file, index, key),
            ProcessStmt::Flow(flow) => add_long_form_flow(builder, file, index, flow),
            _ => {}
        }
    }
}

fn read_node_attrs(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    node_index: usize,
    node: &ast::Node,
) {
    let attrs = node.block.as_ref().map(|block| block.attrs.as_slice()).unwrap_or(&[]);
    let allowed: Vec<&str> = COMMON_NODE_ATTRS.iter().chain(kind_attrs(node.kind)).copied().collect();
    let what = kind_article(node.kind);
    let valid: Vec<Attr> =
        builder.reader(file).check_keys(attrs, &allowed, what).into_iter().cloned().collect();
    for attr in &valid {
        read_node_attr(builder, file, process, node_index, attr);
    }
}

fn read_node_attr(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    node_index: usize,
    attr: &Attr,
) {
    let key = attr.key.text();
    match key.as_str() {
        "role" | "accountable" => {
            let Some((name, span)) = builder.reader(file).name(attr) else { return };
            let role = builder.resolve_role(file, &name, &span);
            let node = &mut builder.model.processes[process.0].nodes[node_index];
            if key == "role" {
                node.role = role;
                node.role_span = Some(span);
            } else {
                node.accountable = role;
            }
        }
        "consulted" | "informed" => {
            let names = builder.reader(file).names(attr);
            let roles: Vec<_> =
                names.iter().filter_map(|(name, span)| builder.resolve_role(file, name, span)).collect();
            let node = &mut builder.model.processes[process.0].nodes[node_index];
            if key == "consulted" { node.consulted = roles } else { node.informed = roles }
        }
        "reads" | "writes" => {
            let names = builder.reader(file).names(attr);
            let targets: Vec<usize> = names
                .iter()
                .filter_map(|(name, span)| resolve_artifact(builder, file, process, name, span))
                .collect();
            let node = &mut builder.model.processes[process.0].nodes[node_index];
            if key == "reads" { node.reads = targets } else { node.writes = targets }
        }
        "process" => {
            let Some((name, span)) = builder.reader(file).name(attr) else { return };
            let called = builder.resolve_process(file, &name, &span);
            builder.model.processes[process.0].nodes[node_index].calls = called;
        }
        "on" => {
            let Some((name, span)) = builder.reader(file).name(attr) else { return };
            let target = resolve_node(builder, file, process, &name, &span);
            builder.model.processes[process.0].nodes[node_index].note_on = target;
        }
        "key" => {
            let reason = builder.reader(file).text(attr);
            builder.model.processes[process.0].nodes[node_index].key =
                Some(KeyNode { reason, file, span: attr.span.clone() });
        }
        "duration" => {
            let value = builder.reader(file).distribution(attr);
            builder.model.processes[process.0].nodes[node_index].duration = value;
        }
        "cost" => {
            let value = builder.reader(file).money(attr, false);
            builder.model.processes[process.0].nodes[node_index].cost = value;
        }
        "target" => {
            let value = builder.reader(file).duration(attr);
            builder.model.processes[process.0].nodes[node_index].target = value;
        }
        "value" => {
            let value = read_value_class(builder, file, attr);
            builder.model.processes[process.0].nodes[node_index].value = value;
        }
        "tools" => {
            let value = builder.reader(file).texts(attr);
            builder.model.processes[process.0].nodes[node_index].tools = value;
        }
        _ => {
            let value = builder.reader(file).text(attr);
            let node = &mut builder.model.processes[process.0].nodes[node_index];
            match key.as_str() {
                "phase" => node.phase = value,
                "when" => node.condition = value,
                _ => node.description = value,
            }
        }
    }
}

fn read_value_class(builder: &mut ModelBuilder, file: FileId, attr: &Attr) -> Option<ValueClass> {
    let (name, span) = builder.reader(file).name(attr)?;
    match name.as_str() {
        "cva" => Some(ValueClass::Cva),
        "bva" => Some(ValueClass::Bva),
        "nva" => Some(ValueClass::Nva),
        _ => {
            let help = match did_you_mean(&name, ["cva", "bva", "nva"]) {
                Some(class) => format!("did you mean `{class}`?"),
                None => "write `cva` (customer value-added), `bva` (business value-added) or `nva` (non-value-added)".to_string(),
            };
            builder.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, file, span, format!("unknown value class `{name}`"))
                    .with_label("not a value class")
                    .with_help(help),
            );
            None
        }
    }
}

/// Resolves a node id, or in the short form a label, within one process.
pub(super) fn resolve_node(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    name: &str,
    span: &Span,
) -> Option<usize> {
    if let Some(found) = builder.model.processes[process.0].find(name) {
        return Some(found.index());
    }
    let nodes = &builder.model.processes[process.0].nodes;
    if let Some(found) = nodes.iter().position(|node| node.label.as_deref() == Some(name)) {
        return Some(found);
    }
    let suggestion = did_you_mean(name, nodes.iter().map(|node| node.id.as_str()));
    let process_id = builder.model.processes[process.0].id.clone();
    let help = match suggestion {
        Some(id) => format!("did you mean `{id}`?"),
        None => format!("try declaring it, such as `task {name} \"Name\" {{ role: ... }}`"),
    };
    builder.diagnostics.push(
        Diagnostic::new(
            Code::UndeclaredStep,
            file,
            span.clone(),
            format!("`{name}` is not a step of process `{process_id}`"),
        )
        .with_label("not declared")
        .with_help(help),
    );
    None
}

fn resolve_artifact(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    name: &str,
    span: &Span,
) -> Option<usize> {
    let nodes = &builder.model.processes[process.0].nodes;
    let artifacts = || nodes.iter().filter(|node| matches!(node.kind, NodeKind::Document | NodeKind::Store));
    let found = builder.model.processes[process.0].find(name).map(|index| index.index());
    if let Some(found) = found.filter(|&i| matches!(nodes[i].kind, NodeKind::Document | NodeKind::Store)) {
        return Some(found);
    }
    let help = match did_you_mean(name, artifacts().map(|node| node.id.as_str())) {
        Some(id) => format!("did you mean `{id}`?"),
        None => {
            format!("try declaring it in this process: `document {name} \"Name\"` or `store {name} \"Name\"`")
        }
    };
    builder.diagnostics.push(
        Diagnostic::new(
            Code::UnknownDocument,
            file,
            span.clone(),
            format!("`{name}` is not a document or data store of this process"),
        )
        .with_label("not declared")
        .with_help(help),
    );
    None
}

pub(super) fn apply_key(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    key: &ast::KeyStmt,
) {
    let Some(node) = resolve_node(builder, file, process, key.node.name(), key.node.span()) else { return };
    let reason = key.reason.as_ref().map(|reason| reason.value.clone());
    let slot = &mut builder.model.processes[process.0].nodes[node].key;
    match slot {
        Some(existing) if existing.reason.is_none() => existing.reason = reason,
        Some(_) => {}
        None => *slot = Some(KeyNode { reason, file, span: key.span.clone() }),
    }
}

fn add_long_form_flow(builder: &mut ModelBuilder, file: FileId, process: super::ProcessId, flow: &ast::Flow) {
    for endpoint in &flow.endpoints {
        if endpoint.label.is_some() || endpoint.lane.is_some() {
            builder.diagnostics.push(
                Diagnostic::new(Code::InvalidValue, file, endpoint.span.clone(), "inline labels and lanes belong to the short form")
                    .with_label("this process declares its steps")
                    .with_help("try giving the label and role in the step's declaration: `task a \"Label\" { role: agent }`"),
            );
        }
    }
    let resolved: Vec<Option<usize>> = flow
        .endpoints
        .iter()
        .map(|endpoint| resolve_node(builder, file, process, endpoint.node.name(), endpoint.node.span()))
        .collect();
    push_flows(builder, file, process, flow, &resolved);
}

/// Adds the flows of a chain whose endpoints are resolved; an arrow with an
/// unresolved end is skipped, its error already reported.
pub(super) fn push_flows(
    builder: &mut ModelBuilder,
    file: FileId,
    process: super::ProcessId,
    flow: &ast::Flow,
    resolved: &[Option<usize>],
) {
    for (position, arrow) in flow.arrows.iter().enumerate() {
        let (Some(from), Some(to)) = (resolved[position], resolved[position + 1]) else {
            builder.model.processes[process.0].incomplete = true;
            continue;
        };
        // A percentage above 100% is reported and kept, so the branch does
        // not also count as one without a probability.
        let probability = arrow.probability.as_ref().map(|p| {
            builder.reader(file).percentage(p);
            p.fraction()
        });
        let full_span = flow.endpoints[position].span.start..flow.endpoints[position + 1].span.end;
        builder.model.processes[process.0].flows.push(Flow {
            from,
            to,
            label: arrow.label.as_ref().map(|label| label.text().to_string()),
            probability,
            file,
            span: arrow.span.clone(),
            full_span,
        });
    }
}
