//! Documents the model implies: job descriptions, process descriptions
//! with their key nodes and RACI matrix, and the handbook that links them.
//!
//! Derivation and writing are separate steps. The derivation turns the
//! model and its analysis into [`Document`]s, a small tree of sections,
//! tables and lists whose fixed text is already in the chosen [`Lang`].
//! The writers turn that tree into Markdown or HTML; links in the tree
//! name roles, processes and steps, and each writer turns them into the
//! file paths and anchors of its own output.

mod authority;
pub mod derive;
pub mod document;
pub mod format;
pub mod html;
mod index;
mod inline;
mod job;
pub mod markdown;
pub mod messages;
mod process_doc;
pub mod raci;
mod revisions;
pub mod site;

pub use document::{Align, Block, DocKind, Document, Inline, Lang, Section, Table, Target};
pub use format::{key_anchor, step_anchor};
pub use html::{Navigation, html, page_path};
pub use index::index;
pub use markdown::{document_path, figures, markdown};
pub use messages::Msg;
pub use process_doc::ordered_steps;
pub use revisions::Revisions;
pub use site::{HandbookTitle, SiteFile, build_site, handbook_index};

use crate::model::{Model, ProcessId, RoleId};

/// The analysis of a model's processes and the last git commit of its
/// files, shared by all documents of that model.
#[derive(Debug, Clone)]
pub struct Context {
    pub analyses: derive::Analyses,
    pub revisions: Revisions,
}

impl Context {
    /// Analyses the model's processes, with no git commits.
    pub fn new(model: &Model) -> Self {
        Context { analyses: derive::Analyses::new(model), revisions: Revisions::default() }
    }

    /// Analyses the model's processes, with the given git commits.
    pub fn with_revisions(model: &Model, revisions: Revisions) -> Self {
        Context { analyses: derive::Analyses::new(model), revisions }
    }
}

/// Builds the job description (岗位说明书) of a role. It analyses every
/// process of the model; to write many, build one [`Context`] and call
/// [`job_description_with`].
pub fn job_description(model: &Model, role: RoleId, lang: Lang) -> Document {
    job::job_description(model, role, lang, &Context::new(model))
}

/// Builds the job description of a role with a shared context, whose git
/// commits appear in the version field.
pub fn job_description_with(model: &Model, role: RoleId, lang: Lang, context: &Context) -> Document {
    job::job_description(model, role, lang, context)
}

/// Builds the process description (流程说明书) of a process. Its version
/// field names no git commit; see [`process_description_with`].
pub fn process_description(model: &Model, process: ProcessId, lang: Lang) -> Document {
    process_doc::process_description(model, process, lang, &Context::new(model))
}

/// Builds the process description of a process with a shared context,
/// whose git commits appear in the version field.
pub fn process_description_with(
    model: &Model,
    process: ProcessId,
    lang: Lang,
    context: &Context,
) -> Document {
    process_doc::process_description(model, process, lang, context)
}
