//! The authority (工作权限) of a job description: the declared items, then
//! what the processes give the role.

use petgraph::graph::NodeIndex;

use super::derive;
use super::inline::{key_link, missing, process_link, step_link, text};
use super::{Block, Inline, Lang, Msg};
use crate::model::{Model, Process, ProcessId, RoleId};

/// Lists the declared authority, then one item for each step through which
/// the processes give the role authority. The item names every part the
/// role plays there: it decides the step, is accountable for it, performs
/// it as a key node, or performs it under a `when` condition.
pub fn authority(model: &Model, role: RoleId, lang: Lang) -> Block {
    let mut items: Vec<Vec<Inline>> =
        model.role(role).authority.iter().map(|item| vec![text(item)]).collect();
    for (index, process) in model.processes.iter().enumerate() {
        items.extend(step_items(model, ProcessId(index), process, role, lang));
    }

    if items.is_empty() {
        return Block::Paragraph { content: vec![missing(lang)] };
    }
    Block::List { items }
}

/// Builds the items of one process, in the order its steps are declared,
/// which is also the order of the key node numbers.
fn step_items(model: &Model, id: ProcessId, process: &Process, role: RoleId, lang: Lang) -> Vec<Vec<Inline>> {
    let decisions: Vec<NodeIndex> = derive::decisions(process, role).collect();
    let key_numbers: Vec<(usize, NodeIndex)> = crate::analysis::key_nodes::numbered(process);

    let mut items = Vec::new();
    for node in process.flow_nodes() {
        let step = process.node(node);
        let performs = step.role == Some(role);
        let mut parts: Vec<Vec<Inline>> = Vec::new();
        if decisions.contains(&node) {
            parts.push(vec![text(Msg::PartDecides.text(lang))]);
        }
        if step.accountable == Some(role) {
            parts.push(vec![text(Msg::PartAccountable.text(lang))]);
        }
        let key_number = key_numbers.iter().find(|&&(_, key)| key == node).map(|&(number, _)| number);
        if let (true, Some(number)) = (performs, key_number) {
            parts.push(vec![text(format!("{} ", Msg::PartKeyNode.text(lang))), key_link(model, id, number)]);
        }
        if let (true, Some(condition)) = (performs, &step.condition) {
            parts.push(vec![text(format!("{}{}{condition}", Msg::PartAppliesWhen.text(lang), colon(lang)))]);
        }
        if parts.is_empty() {
            continue;
        }

        let mut item = vec![step_link(model, id, node)];
        item.extend(in_process(model, id, lang));
        item.push(text(colon(lang)));
        for (position, part) in parts.into_iter().enumerate() {
            if position > 0 {
                item.push(text(separator(lang)));
            }
            item.extend(part);
        }
        items.push(item);
    }
    items
}

/// Returns the separator between the parts of one item: a full-width
/// semicolon in Chinese.
fn separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// Returns the separator between a name and its value: a full-width
/// colon in Chinese.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// Names the process a derived item comes from, in brackets.
fn in_process(model: &Model, process: ProcessId, lang: Lang) -> Vec<Inline> {
    match lang {
        Lang::Zh => vec![text("（"), process_link(model, process), text("）")],
        Lang::En => vec![text(" (in "), process_link(model, process), text(")")],
    }
}
