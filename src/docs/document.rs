//! The document tree between derivation and the Markdown and HTML writers.

use serde::Serialize;

/// The language of headings and fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Returns the BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// What a document describes, which decides where its file goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum DocKind {
    /// The job description of the role with this id.
    Role(String),
    /// The description of the process with this id.
    Process(String),
    /// The handbook's front page.
    Index,
}

/// One generated document: a job description, a process description or
/// the handbook's index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub kind: DocKind,
    pub title: String,
    /// A line under the title, such as the department or the version.
    pub subtitle: Option<String>,
    pub sections: Vec<Section>,
}

/// A headed part of a document. `anchor` is unique within the document
/// and made of ASCII letters, digits and hyphens, so that it is the same
/// in Markdown and HTML.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub heading: String,
    pub anchor: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        items: Vec<Vec<Inline>>,
    },
    /// Name–value pairs, such as a job description's header fields.
    Fields {
        fields: Vec<(String, Vec<Inline>)>,
    },
    Table {
        table: Table,
    },
    /// A chart drawn by [`crate::render`]; `file` is the name the writers
    /// store it under, next to the document.
    Figure {
        svg: String,
        file: String,
        caption: String,
    },
    /// A smaller heading inside a section, such as one process's duties.
    Subheading {
        text: String,
        anchor: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    /// One entry per column.
    pub align: Vec<Align>,
    /// Each row has one cell per column.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Right,
    Center,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Inline {
    Text(String),
    Strong(String),
    Code(String),
    Link {
        text: String,
        target: Target,
    },
    /// A field that is neither declared nor derivable. The text is the
    /// to-be-completed message in the document's language, and writers
    /// highlight it.
    Missing(String),
    LineBreak,
    /// An invisible link target with this anchor, such as the start of a
    /// step's row in a steps table. The anchor follows the rules of
    /// [`Section::anchor`].
    Anchor(String),
}

/// The destination of a link. Each writer maps a target to a relative path
/// and anchor in its own output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    Role {
        id: String,
    },
    Process {
        id: String,
    },
    /// A step's row in its process description's steps table.
    Step {
        process: String,
        step: String,
    },
    /// A key node's row in its process description's key-node table.
    KeyNode {
        process: String,
        number: usize,
    },
    Index,
}
