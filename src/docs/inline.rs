//! Building blocks of document text: plain text, missing fields and links
//! to roles, processes and steps.

use petgraph::graph::NodeIndex;

use super::{Inline, Lang, Msg, Target};
use crate::model::{Model, ProcessId, RoleId};

pub fn text(value: impl Into<String>) -> Inline {
    Inline::Text(value.into())
}

/// Marks a field that is neither declared nor derivable.
pub fn missing(lang: Lang) -> Inline {
    Inline::Missing(Msg::ToBeCompleted.text(lang).to_string())
}

/// Returns a declared text, or the missing marker.
pub fn declared(value: Option<&str>, lang: Lang) -> Vec<Inline> {
    match value {
        Some(value) => vec![text(value)],
        None => vec![missing(lang)],
    }
}

/// True when a role gets a job description of its own: every role except
/// those only named as short-form lanes.
pub fn has_document(model: &Model, role: RoleId) -> bool {
    !model.role(role).implicit
}

/// Links to a role's job description, or names it when it has none.
pub fn role_link(model: &Model, role: RoleId) -> Inline {
    let found = model.role(role);
    let name = found.display_name().to_string();
    if has_document(model, role) {
        Inline::Link { text: name, target: Target::Role { id: found.id.clone() } }
    } else {
        text(name)
    }
}

pub fn process_link(model: &Model, process: ProcessId) -> Inline {
    let found = &model.processes[process.0];
    Inline::Link { text: found.display_name().to_string(), target: Target::Process { id: found.id.clone() } }
}

/// Links to a step's row in its process description.
pub fn step_link(model: &Model, process: ProcessId, step: NodeIndex) -> Inline {
    let found = &model.processes[process.0];
    let node = found.node(step);
    Inline::Link {
        text: node.display_name().to_string(),
        target: Target::Step { process: found.id.clone(), step: node.id.clone() },
    }
}

/// Links to a key node's row in its process description, shown as its number.
pub fn key_link(model: &Model, process: ProcessId, number: usize) -> Inline {
    Inline::Link {
        text: number.to_string(),
        target: Target::KeyNode { process: model.processes[process.0].id.clone(), number },
    }
}

/// Joins several pieces of text with line breaks.
pub fn lines(items: Vec<Vec<Inline>>) -> Vec<Inline> {
    let mut joined = Vec::new();
    for (position, item) in items.into_iter().enumerate() {
        if position > 0 {
            joined.push(Inline::LineBreak);
        }
        joined.extend(item);
    }
    joined
}

pub fn yes_no(value: bool, lang: Lang) -> Inline {
    text(if value { Msg::Yes.text(lang) } else { Msg::No.text(lang) })
}
