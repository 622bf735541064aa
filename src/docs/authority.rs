//! The authority (工作权限) of a job description: the declared items, then
//! what the processes give the role.

use super::derive;
use super::inline::{key_link, missing, process_link, step_link, text};
use super::{Block, Inline, Lang, Msg};
use crate::model::{Model, Process, ProcessId, RoleId};

/// Lists the declared authority, then what the processes give the role:
/// the decisions it makes, the steps it is accountable for, the key nodes
/// it performs and the conditions under which its steps apply.
pub fn authority(model: &Model, role: RoleId, lang: Lang) -> Block {
    let mut items: Vec<Vec<Inline>> =
        model.role(role).authority.iter().map(|item| vec![text(item)]).collect();
    for (index, process) in model.processes.iter().enumerate() {
        let id = ProcessId(index);
        items.extend(decisions(model, id, process, role, lang));
        items.extend(accountable(model, id, process, role, lang));
        items.extend(key_nodes(model, id, process, role, lang));
        items.extend(thresholds(model, id, process, role, lang));
    }

    if items.is_empty() {
        return Block::Paragraph { content: vec![missing(lang)] };
    }
    Block::List { items }
}

fn decisions(model: &Model, id: ProcessId, process: &Process, role: RoleId, lang: Lang) -> Vec<Vec<Inline>> {
    derive::decisions(process, role)
        .map(|node| {
            let mut item = vec![text(labelled(Msg::Decides, lang)), step_link(model, id, node)];
            item.extend(in_process(model, id, lang));
            item
        })
        .collect()
}

fn accountable(
    model: &Model,
    id: ProcessId,
    process: &Process,
    role: RoleId,
    lang: Lang,
) -> Vec<Vec<Inline>> {
    process
        .flow_nodes()
        .filter(|&node| process.node(node).accountable == Some(role))
        .map(|node| {
            let mut item = vec![text(labelled(Msg::AccountableFor, lang)), step_link(model, id, node)];
            item.extend(in_process(model, id, lang));
            item
        })
        .collect()
}

fn key_nodes(model: &Model, id: ProcessId, process: &Process, role: RoleId, lang: Lang) -> Vec<Vec<Inline>> {
    crate::analysis::key_nodes::numbered(process)
        .into_iter()
        .filter(|&(_, node)| process.node(node).role == Some(role))
        .map(|(number, node)| {
            let mut item = vec![
                text(format!("{} ", Msg::KeyNode.text(lang))),
                key_link(model, id, number),
                text(colon(lang)),
                step_link(model, id, node),
            ];
            item.extend(in_process(model, id, lang));
            item
        })
        .collect()
}

/// Lists the `when` conditions of the role's steps, the thresholds at
/// which they apply.
fn thresholds(model: &Model, id: ProcessId, process: &Process, role: RoleId, lang: Lang) -> Vec<Vec<Inline>> {
    derive::performed_steps(process, role)
        .filter_map(|node| {
            let condition = process.node(node).condition.as_ref()?;
            let threshold = match lang {
                Lang::Zh => format!("（{}：{condition}）", Msg::Threshold.text(lang)),
                Lang::En => format!(" ({}: {condition})", Msg::Threshold.text(lang)),
            };
            Some(vec![step_link(model, id, node), text(threshold)])
        })
        .collect()
}

/// Returns the separator between a name and its value: a full-width
/// colon in Chinese.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

fn labelled(label: Msg, lang: Lang) -> String {
    format!("{}{}", label.text(lang), colon(lang))
}

/// Names the process a derived item comes from, in brackets.
fn in_process(model: &Model, process: ProcessId, lang: Lang) -> Vec<Inline> {
    match lang {
        Lang::Zh => vec![text("（"), process_link(model, process), text("）")],
        Lang::En => vec![text(" (in "), process_link(model, process), text(")")],
    }
}
