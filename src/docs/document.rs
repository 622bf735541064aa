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
    /// The BCP 47 tag, for `<html lang>`.
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
    /// A field that is neither declared nor derivable. The text says so in
    /// the document's language; writers mark it so that it stands out.
    Missing(String),
    LineBreak,
}

/// What a link points at. Writers map each target to a relative path and
/// anchor in their output.
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

/// Returns the anchor of a step's row in its process description.
///
/// Anchors may contain only ASCII letters, digits and hyphens, but step
/// ids may be Chinese. Lower-case letters and digits are kept, and every
/// other character becomes `-HEX-`, its code point in lower-case
/// hexadecimal between hyphens. A hyphen so always opens or closes a code
/// point, which keeps two different ids from sharing an anchor.
pub fn step_anchor(step: &str) -> String {
    let mut anchor = String::from("step-");
    for character in step.chars() {
        if character.is_ascii_lowercase() || character.is_ascii_digit() {
            anchor.push(character);
        } else {
            anchor.push_str(&format!("-{:x}-", u32::from(character)));
        }
    }
    anchor
}

/// Returns the anchor of a key node's row in its process description.
pub fn key_anchor(number: usize) -> String {
    format!("key-{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_anchor_keeps_lower_case_ascii() {
        assert_eq!(step_anchor("register2"), "step-register2");
    }

    #[test]
    fn step_anchor_encodes_other_characters() {
        assert_eq!(step_anchor("登记"), "step--767b--8bb0-");
        assert_eq!(step_anchor("check_in"), "step-check-5f-in");
        assert_eq!(step_anchor("A"), "step--41-");
    }

    #[test]
    fn step_anchor_keeps_ids_apart() {
        assert_ne!(step_anchor("a_b"), step_anchor("a-5f-b"));
        assert_ne!(step_anchor("Ab"), step_anchor("ab"));
    }

    #[test]
    fn key_anchor_numbers() {
        assert_eq!(key_anchor(3), "key-3");
    }
}
