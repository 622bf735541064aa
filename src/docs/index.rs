//! The index of a folder of documents: links to every process description
//! and job description written.

use super::inline::{process_link, role_link, text};
use super::{Block, DocKind, Document, Inline, Lang, Msg, Section};
use crate::model::{Model, ProcessId, RoleId};

/// Builds the index of the given process descriptions and job descriptions.
pub fn index(model: &Model, processes: &[ProcessId], roles: &[RoleId], lang: Lang) -> Document {
    let process_items: Vec<Vec<Inline>> = processes.iter().map(|&id| vec![process_link(model, id)]).collect();
    let role_items: Vec<Vec<Inline>> = roles
        .iter()
        .map(|&id| {
            let mut item = vec![role_link(model, id)];
            if let Some(department) = model.role(id).department {
                let department = &model.departments[department.0];
                item.push(text(format!(" · {}", department.name.as_deref().unwrap_or(&department.id))));
            }
            item
        })
        .collect();

    Document {
        kind: DocKind::Index,
        title: model.title.clone().unwrap_or_else(|| Msg::Handbook.text(lang).to_string()),
        subtitle: Some(Msg::Handbook.text(lang).to_string()),
        sections: vec![
            Section {
                heading: Msg::Processes.text(lang).to_string(),
                anchor: "processes".to_string(),
                blocks: vec![list_or_none(process_items, lang)],
            },
            Section {
                heading: Msg::Roles.text(lang).to_string(),
                anchor: "roles".to_string(),
                blocks: vec![list_or_none(role_items, lang)],
            },
        ],
    }
}

/// Returns the items as a list, or the None text when there are none.
fn list_or_none(items: Vec<Vec<Inline>>, lang: Lang) -> Block {
    if items.is_empty() {
        return Block::Paragraph { content: vec![text(Msg::NoneFound.text(lang))] };
    }
    Block::List { items }
}
