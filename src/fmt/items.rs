//! Printing statements: imports, declarations with their blocks, attributes,
//! key statements and flows.

use super::printer::{Printer, Statement};
use super::values::quoted;
use crate::source::Span;
use crate::syntax::ast::{
    Arrow, Attr, Block, Department, DepartmentMember, Endpoint, Flow, FlowLabel, Header, Import, Item,
    KeyStmt, Node, NodeRef, Process, ProcessStmt, Role, Scenario, Simulation, SimulationMember,
};

impl Statement for Item {
    fn span(&self) -> &Span {
        Item::span(self)
    }

    fn doc(&self) -> Option<&Option<String>> {
        match self {
            Item::Department(department) => Some(&department.doc),
            Item::Role(role) => Some(&role.doc),
            Item::Process(process) => Some(&process.doc),
            Item::Simulation(simulation) => Some(&simulation.doc),
            Item::Import(_) | Item::Attr(_) | Item::Key(_) | Item::Flow(_) => None,
        }
    }

    fn print(&self, printer: &mut Printer<'_>, indent: usize) {
        match self {
            Item::Import(import) => printer.import(import, indent),
            Item::Department(department) => printer.department(department, indent),
            Item::Role(role) => printer.role(role, indent),
            Item::Process(process) => printer.process(process, indent),
            Item::Simulation(simulation) => printer.simulation(simulation, indent),
            Item::Attr(attr) => printer.attr(attr, indent),
            Item::Key(key) => printer.key(key, indent),
            Item::Flow(flow) => printer.flow(flow, indent),
        }
    }
}

impl Statement for DepartmentMember {
    fn span(&self) -> &Span {
        match self {
            DepartmentMember::Department(department) => &department.span,
            DepartmentMember::Role(role) => &role.span,
            DepartmentMember::Attr(attr) => &attr.span,
        }
    }

    fn doc(&self) -> Option<&Option<String>> {
        match self {
            DepartmentMember::Department(department) => Some(&department.doc),
            DepartmentMember::Role(role) => Some(&role.doc),
            DepartmentMember::Attr(_) => None,
        }
    }

    fn print(&self, printer: &mut Printer<'_>, indent: usize) {
        match self {
            DepartmentMember::Department(department) => printer.department(department, indent),
            DepartmentMember::Role(role) => printer.role(role, indent),
            DepartmentMember::Attr(attr) => printer.attr(attr, indent),
        }
    }
}

impl Statement for ProcessStmt {
    fn span(&self) -> &Span {
        ProcessStmt::span(self)
    }

    fn doc(&self) -> Option<&Option<String>> {
        match self {
            ProcessStmt::Node(node) => Some(&node.doc),
            ProcessStmt::Attr(_) | ProcessStmt::Key(_) | ProcessStmt::Flow(_) => None,
        }
    }

    fn print(&self, printer: &mut Printer<'_>, indent: usize) {
        match self {
            ProcessStmt::Node(node) => printer.node(node, indent),
            ProcessStmt::Attr(attr) => printer.attr(attr, indent),
            ProcessStmt::Key(key) => printer.key(key, indent),
            ProcessStmt::Flow(flow) => printer.flow(flow, indent),
        }
    }
}

impl Statement for SimulationMember {
    fn span(&self) -> &Span {
        match self {
            SimulationMember::Scenario(scenario) => &scenario.span,
            SimulationMember::Attr(attr) => &attr.span,
        }
    }

    fn doc(&self) -> Option<&Option<String>> {
        match self {
            SimulationMember::Scenario(scenario) => Some(&scenario.doc),
            SimulationMember::Attr(_) => None,
        }
    }

    fn print(&self, printer: &mut Printer<'_>, indent: usize) {
        match self {
            SimulationMember::Scenario(scenario) => printer.scenario(scenario, indent),
            SimulationMember::Attr(attr) => printer.attr(attr, indent),
        }
    }
}

impl Statement for Attr {
    fn span(&self) -> &Span {
        &self.span
    }

    fn doc(&self) -> Option<&Option<String>> {
        None
    }

    fn print(&self, printer: &mut Printer<'_>, indent: usize) {
        printer.attr(self, indent);
    }
}

impl Printer<'_> {
    fn import(&mut self, import: &Import, indent: usize) {
        self.writer.start_line(indent);
        self.writer.push("import ");
        self.writer.push(&quoted(&import.path));
    }

    fn department(&mut self, department: &Department, indent: usize) {
        let header_end = self.header(indent, "department", &department.header);
        if let Some(members) = &department.members {
            let close = department.span.end.saturating_sub(1);
            let open = self.comments.find_open_brace(header_end, close);
            self.block(header_end, open, close, members, indent);
        }
    }

    fn role(&mut self, role: &Role, indent: usize) {
        let header_end = self.header(indent, "role", &role.header);
        self.optional_block(header_end, role.block.as_ref(), indent);
    }

    fn process(&mut self, process: &Process, indent: usize) {
        let header_end = self.header(indent, "process", &process.header);
        let close = process.span.end.saturating_sub(1);
        let open = self.comments.find_open_brace(header_end, close);
        self.block(header_end, open, close, &process.body, indent);
    }

    fn node(&mut self, node: &Node, indent: usize) {
        let header_end = self.header(indent, node.kind.keyword(), &node.header);
        self.optional_block(header_end, node.block.as_ref(), indent);
    }

    fn simulation(&mut self, simulation: &Simulation, indent: usize) {
        self.writer.start_line(indent);
        self.writer.push("simulation");
        let mut header_end = simulation.span.start + "simulation".len();
        if let Some(id) = &simulation.id {
            self.writer.push(" ");
            self.writer.push(&id.name);
            header_end = id.span.end;
        }
        if let Some(label) = &simulation.label {
            self.writer.push(" ");
            self.writer.push(&quoted(label));
            header_end = label.span.end;
        }
        let close = simulation.span.end.saturating_sub(1);
        let open = self.comments.find_open_brace(header_end, close);
        self.block(header_end, open, close, &simulation.members, indent);
    }

    fn scenario(&mut self, scenario: &Scenario, indent: usize) {
        let header_end = self.header(indent, "scenario", &scenario.header);
        self.optional_block(header_end, scenario.block.as_ref(), indent);
    }

    /// Starts a declaration's line with `keyword id "label"`; returns the
    /// offset where the header ends in the source.
    fn header(&mut self, indent: usize, keyword: &str, header: &Header) -> usize {
        self.writer.start_line(indent);
        self.writer.push(keyword);
        self.writer.push(" ");
        self.writer.push(&header.id.name);
        match &header.label {
            Some(label) => {
                self.writer.push(" ");
                self.writer.push(&quoted(label));
                label.span.end
            }
            None => header.id.span.end,
        }
    }

    fn optional_block(&mut self, header_end: usize, block: Option<&Block>, indent: usize) {
        if let Some(block) = block {
            let close = block.span.end.saturating_sub(1);
            self.block(header_end, Some(block.span.start), close, &block.attrs, indent);
        }
    }

    pub(super) fn attr(&mut self, attr: &Attr, indent: usize) {
        self.writer.start_line(indent);
        self.writer.push(&attr.key.text());
        self.writer.push(": ");
        self.value(&attr.value, indent, 0);
    }

    fn key(&mut self, key: &KeyStmt, indent: usize) {
        self.writer.start_line(indent);
        self.writer.push("key ");
        self.writer.push(&node_ref(&key.node));
        if let Some(reason) = &key.reason {
            self.writer.push(" ");
            self.writer.push(&quoted(reason));
        }
    }

    fn flow(&mut self, flow: &Flow, indent: usize) {
        self.writer.start_line(indent);
        let mut endpoints = flow.endpoints.iter();
        if let Some(first) = endpoints.next() {
            self.writer.push(&endpoint(first));
        }
        for (arrow, to) in flow.arrows.iter().zip(endpoints) {
            self.writer.push(" ");
            self.writer.push(&arrow_text(arrow));
            self.writer.push(" ");
            self.writer.push(&endpoint(to));
        }
    }
}

/// `register "登记" @agent`.
fn endpoint(endpoint: &Endpoint) -> String {
    let mut text = node_ref(&endpoint.node);
    if let Some(label) = &endpoint.label {
        text.push(' ');
        text.push_str(&quoted(label));
    }
    if let Some(lane) = &endpoint.lane {
        text.push_str(" @");
        text.push_str(&lane.name);
    }
    text
}

fn node_ref(node: &NodeRef) -> String {
    match node {
        NodeRef::Id(id) => id.name.clone(),
        NodeRef::Label(label) => quoted(label),
    }
}

/// `->`, `-> [label]`, `-> [80%]` or `-> [label 80%]`.
fn arrow_text(arrow: &Arrow) -> String {
    let label = arrow.label.as_ref().map(|label| match label {
        FlowLabel::Ident(ident) => ident.name.clone(),
        FlowLabel::String(string) => quoted(string),
    });
    let probability = arrow.probability.as_ref().map(|percent| format!("{}%", percent.number.text));
    let parts: Vec<String> = label.into_iter().chain(probability).collect();
    if parts.is_empty() { "->".to_string() } else { format!("-> [{}]", parts.join(" ")) }
}
