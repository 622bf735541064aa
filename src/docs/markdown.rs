//! GitHub-flavoured Markdown: ATX headings, pipe tables and relative links.
//!
//! Every link target gets an explicit `<a id="..."></a>`, because GitHub
//! derives heading slugs from the heading text, and those of Chinese
//! headings are hard to predict. Documents live at the paths that
//! [`document_path`] gives, so that links between them are relative.

use super::format::{key_anchor, step_anchor};
use super::{Align, Block, DocKind, Document, Inline, Lang, Msg, Section, Table, Target};

/// Writes a document as Markdown. Figures are referred to by file name,
/// beside the document; [`figures`] lists what to write there.
pub fn markdown(doc: &Document, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", escape(&doc.title)));
    if let Some(subtitle) = &doc.subtitle {
        out.push_str(&format!("*{}*\n\n", escape(subtitle)));
    }
    for section in &doc.sections {
        write_section(&mut out, doc, section, lang);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Lists the figures of a document as `(file name, SVG)`, to be written
/// beside the document.
pub fn figures(doc: &Document) -> Vec<(&str, &str)> {
    let blocks = doc.sections.iter().flat_map(|section| &section.blocks);
    blocks
        .filter_map(|block| match block {
            Block::Figure { svg, file, .. } => Some((file.as_str(), svg.as_str())),
            _ => None,
        })
        .collect()
}

/// Returns the path of a document within the output folder:
/// `roles/<id>.md`, `processes/<id>.md`, or `README.md` for the index.
pub fn document_path(kind: &DocKind) -> String {
    match kind {
        DocKind::Role(id) => format!("roles/{id}.md"),
        DocKind::Process(id) => format!("processes/{id}.md"),
        DocKind::Index => "README.md".to_string(),
    }
}

fn write_section(out: &mut String, doc: &Document, section: &Section, lang: Lang) {
    out.push_str(&format!("<a id=\"{}\"></a>\n\n## {}\n\n", section.anchor, escape(&section.heading)));
    for block in &section.blocks {
        write_block(out, doc, block, lang);
    }
}

fn write_block(out: &mut String, doc: &Document, block: &Block, lang: Lang) {
    match block {
        Block::Paragraph { content } => {
            out.push_str(&line_start(&inlines(doc, content)));
            out.push_str("\n\n");
        }
        Block::List { items } => {
            for item in items {
                out.push_str(&format!("- {}\n", line_start(&inlines(doc, item))));
            }
            out.push('\n');
        }
        Block::Fields { fields } => {
            let table = Table {
                header: vec![Msg::Field.text(lang).to_string(), Msg::Value.text(lang).to_string()],
                align: vec![Align::Left, Align::Left],
                rows: fields
                    .iter()
                    .map(|(name, value)| vec![vec![Inline::Strong(name.clone())], value.clone()])
                    .collect(),
            };
            write_table(out, doc, &table);
        }
        Block::Table { table } => write_table(out, doc, table),
        Block::Figure { file, caption, .. } => {
            out.push_str(&format!(
                "![{}]({})\n\n*{}*\n\n",
                escape(caption),
                encode_path(file),
                escape(caption)
            ));
        }
        Block::Subheading { text, anchor } => {
            out.push_str(&format!("<a id=\"{anchor}\"></a>\n\n### {}\n\n", escape(text)));
        }
    }
}

fn write_table(out: &mut String, doc: &Document, table: &Table) {
    let header: Vec<String> = table.header.iter().map(|cell| escape(cell)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let rules: Vec<&str> = table
        .align
        .iter()
        .map(|align| match align {
            Align::Left => ":---",
            Align::Right => "---:",
            Align::Center => ":---:",
        })
        .collect();
    out.push_str(&format!("| {} |\n", rules.join(" | ")));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|cell| inlines(doc, cell)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

fn inlines(doc: &Document, content: &[Inline]) -> String {
    content.iter().map(|inline| inline_text(doc, inline)).collect()
}

fn inline_text(doc: &Document, inline: &Inline) -> String {
    match inline {
        Inline::Text(value) => escape(value),
        Inline::Strong(value) => format!("**{}**", escape(value)),
        Inline::Code(value) => code(value),
        Inline::Link { text, target } => format!("[{}]({})", escape(text), link(&doc.kind, target)),
        Inline::Missing(value) => format!("*⚠ {}*", escape(value)),
        Inline::LineBreak => "<br>".to_string(),
        Inline::Anchor(anchor) => format!("<a id=\"{anchor}\"></a>"),
    }
}

/// Writes inline code with a fence of backticks longer than any run in
/// the text. Pipes are escaped, because GitHub splits table cells at them
/// even inside code.
fn code(value: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for character in value.chars() {
        run = if character == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let padding = if value.starts_with('`') || value.ends_with('`') { " " } else { "" };
    let body = value.replace('|', "\\|").replace('\n', " ");
    format!("{fence}{padding}{body}{padding}{fence}")
}

/// Returns the relative link from a document to a target.
fn link(from: &DocKind, target: &Target) -> String {
    let (kind, anchor) = match target {
        Target::Role { id } => (DocKind::Role(id.clone()), None),
        Target::Process { id } => (DocKind::Process(id.clone()), None),
        Target::Step { process, step } => (DocKind::Process(process.clone()), Some(step_anchor(step))),
        Target::KeyNode { process, number } => (DocKind::Process(process.clone()), Some(key_anchor(*number))),
        Target::Index => (DocKind::Index, None),
    };
    let fragment = anchor.map(|anchor| format!("#{anchor}")).unwrap_or_default();
    if &kind == from && !fragment.is_empty() {
        return fragment;
    }
    let target_path = document_path(&kind);
    let from_path = document_path(from);
    let path = match (folder(&from_path), folder(&target_path)) {
        (from_folder, to_folder) if from_folder == to_folder => file_name(&target_path).to_string(),
        ("", _) => target_path.clone(),
        (_, _) => format!("../{target_path}"),
    };
    format!("{}{fragment}", encode_path(&path))
}

fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(folder, _)| folder)
}

fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// Percent-encodes every byte of a path except unreserved ASCII and `/`,
/// so that ids in Chinese make valid link destinations.
pub fn encode_path(path: &str) -> String {
    let mut encoded = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Escapes the characters that Markdown or GitHub's tables would read as
/// markup, and turns line breaks into `<br>`.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '!' => {
                escaped.push('\\');
                escaped.push(character);
            }
            '\n' => escaped.push_str("<br>"),
            '\r' => {}
            _ => escaped.push(character),
        }
    }
    escaped
}

/// Escapes what would start a list, quote or heading at the start of a
/// paragraph or list item: `-`, `+`, `=` and a number followed by `.` or `)`.
fn line_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let after = text[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    match text.chars().next() {
        Some('-' | '+' | '=') => format!("\\{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_table_and_markup() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("a\nb"), "a<br>b");
    }

    #[test]
    fn link_is_relative_to_document() {
        let role = DocKind::Role("agent".to_string());
        let step = Target::Step { process: "p".to_string(), step: "s".to_string() };
        assert_eq!(link(&role, &step), "../processes/p.md#step-s");
        assert_eq!(link(&DocKind::Process("p".to_string()), &step), "#step-s");
        assert_eq!(link(&DocKind::Process("q".to_string()), &step), "p.md#step-s");
        assert_eq!(
            link(&DocKind::Index, &Target::Role { id: "客服".to_string() }),
            "roles/%E5%AE%A2%E6%9C%8D.md"
        );
        assert_eq!(link(&role, &Target::Index), "../README.md");
    }

    #[test]
    fn line_start_escapes_list_markers() {
        assert_eq!(line_start("1. a"), "1\\. a");
        assert_eq!(line_start("- a"), "\\- a");
        assert_eq!(line_start("a - b"), "a - b");
    }
}
