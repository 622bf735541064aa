//! Documents the model implies: job descriptions, process descriptions
//! with their key nodes and RACI matrix, and the handbook that links them.
//!
//! Derivation and writing are separate steps. The derivation turns the
//! model and its analysis into [`Document`]s, a small tree of sections,
//! tables and lists whose fixed text is already in the chosen [`Lang`].
//! The writers turn that tree into Markdown or HTML; links in the tree
//! name roles, processes and steps, and each writer turns them into the
//! file paths and anchors of its own output.

pub mod document;
pub mod html;
pub mod messages;
pub mod site;

pub use document::{
    Align, Block, DocKind, Document, Inline, Lang, Section, Table, Target, key_anchor, step_anchor,
};
pub use html::{Navigation, html};
pub use messages::Msg;
pub use site::{SiteFile, build_site, handbook_index};
