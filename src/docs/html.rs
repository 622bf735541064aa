//! The HTML writer: one [`Document`] as a complete HTML5 page of the
//! handbook site.
//!
//! Pages are also well-formed XML: every element is closed and all user
//! text is escaped, in text and in attributes alike. Charts are inlined as
//! SVG, so that a page needs only the site's stylesheet.

use super::{
    Align, Block, DocKind, Document, Inline, Lang, Msg, Section, Table, Target, key_anchor, step_anchor,
};

/// The name of the stylesheet at the root of the site.
pub const STYLESHEET: &str = "style.css";

/// A page listed in the navigation bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavEntry {
    pub id: String,
    pub title: String,
}

/// The processes and roles that have a page in the site, in the order the
/// navigation bar lists them. Links to anything else are written as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Navigation {
    pub processes: Vec<NavEntry>,
    pub roles: Vec<NavEntry>,
}

impl Navigation {
    fn has_process(&self, id: &str) -> bool {
        self.processes.iter().any(|entry| entry.id == id)
    }

    fn has_role(&self, id: &str) -> bool {
        self.roles.iter().any(|entry| entry.id == id)
    }
}

/// Returns the path of a document's page, relative to the site's root.
// NOTE: ids that differ only in case, such as `Agent` and `agent`, name the
// same file on case-insensitive file systems (macOS, Windows by default).
// `reflow build` warns of such pairs but still writes both pages.
pub fn page_path(kind: &DocKind) -> String {
    match kind {
        DocKind::Index => "index.html".to_string(),
        DocKind::Process(id) => format!("processes/{id}.html"),
        DocKind::Role(id) => format!("roles/{id}.html"),
    }
}

/// Writes a document as a complete HTML page.
pub fn html(document: &Document, navigation: &Navigation, lang: Lang) -> String {
    let page = Page { document, navigation, root: root_prefix(&document.kind) };
    let mut out = String::new();
    page.write_head(&mut out, lang);
    out.push_str("<body>\n");
    page.write_navigation(&mut out, lang);
    out.push_str("<main>\n");
    page.write_header(&mut out);
    let mut figures = 0;
    for section in &document.sections {
        page.write_section(&mut out, section, &mut figures);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Returns the relative path from a page's folder back to the site's root.
fn root_prefix(kind: &DocKind) -> &'static str {
    match kind {
        DocKind::Index => "",
        DocKind::Process(_) | DocKind::Role(_) => "../",
    }
}

/// One page being written: the document, what the site contains, and the
/// path from the page's folder to the site's root.
struct Page<'a> {
    document: &'a Document,
    navigation: &'a Navigation,
    root: &'static str,
}

impl Page<'_> {
    fn write_head(&self, out: &mut String, lang: Lang) {
        out.push_str("<!DOCTYPE html>\n");
        out.push_str(&format!("<html lang=\"{}\">\n<head>\n", lang.tag()));
        out.push_str("<meta charset=\"utf-8\"/>\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        let title = match self.document.kind {
            DocKind::Index => escape(&self.document.title),
            _ => format!("{} · {}", escape(&self.document.title), escape(Msg::Handbook.text(lang))),
        };
        out.push_str(&format!("<title>{title}</title>\n"));
        out.push_str(&format!("<link rel=\"stylesheet\" href=\"{}{STYLESHEET}\"/>\n", self.root));
        out.push_str("</head>\n");
    }

    /// Writes the navigation bar: the index, then every process and role.
    // NOTE: every page lists every other page, so the site's size grows with
    // the square of its page count. An entry takes about 100 bytes, so 1,000
    // pages would carry about 100 MB of navigation (an estimate).
    fn write_navigation(&self, out: &mut String, lang: Lang) {
        out.push_str(&format!(
            "<nav class=\"site-nav\" aria-label=\"{}\">\n",
            escape(Msg::Handbook.text(lang))
        ));
        let current = if self.document.kind == DocKind::Index { " aria-current=\"page\"" } else { "" };
        out.push_str(&format!(
            "<p class=\"nav-home\"><a href=\"{}index.html\"{current}>{}</a></p>\n",
            self.root,
            escape(Msg::Handbook.text(lang))
        ));
        let processes =
            self.navigation.processes.iter().map(|entry| (DocKind::Process(entry.id.clone()), entry));
        self.write_nav_list(out, Msg::Processes.text(lang), processes);
        let roles = self.navigation.roles.iter().map(|entry| (DocKind::Role(entry.id.clone()), entry));
        self.write_nav_list(out, Msg::Roles.text(lang), roles);
        out.push_str("</nav>\n");
    }

    fn write_nav_list<'e>(
        &self,
        out: &mut String,
        heading: &str,
        entries: impl Iterator<Item = (DocKind, &'e NavEntry)>,
    ) {
        let entries: Vec<(DocKind, &NavEntry)> = entries.collect();
        if entries.is_empty() {
            return;
        }
        out.push_str(&format!("<p class=\"nav-heading\">{}</p>\n<ul>\n", escape(heading)));
        for (kind, entry) in entries {
            let current = if kind == self.document.kind { " aria-current=\"page\"" } else { "" };
            out.push_str(&format!(
                "<li><a href=\"{}\"{current}>{}</a></li>\n",
                escape(&self.page_url(&kind)),
                escape(&entry.title)
            ));
        }
        out.push_str("</ul>\n");
    }

    fn write_header(&self, out: &mut String) {
        out.push_str("<header>\n");
        out.push_str(&format!("<h1>{}</h1>\n", escape(&self.document.title)));
        if let Some(subtitle) = &self.document.subtitle {
            out.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(subtitle)));
        }
        out.push_str("</header>\n");
    }

    /// Writes a section. `figures` counts the charts written so far, which
    /// keeps the ids inside each inlined SVG apart from the others.
    fn write_section(&self, out: &mut String, section: &Section, figures: &mut usize) {
        out.push_str("<section>\n");
        out.push_str(&format!("<h2 id=\"{}\">{}</h2>\n", escape(&section.anchor), escape(&section.heading)));
        for block in &section.blocks {
            self.write_block(out, block, figures);
        }
        out.push_str("</section>\n");
    }

    fn write_block(&self, out: &mut String, block: &Block, figures: &mut usize) {
        match block {
            Block::Paragraph { content } => {
                out.push_str(&format!("<p>{}</p>\n", self.inlines(content)));
            }
            Block::List { items } => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", self.inlines(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Fields { fields } => self.write_fields(out, fields),
            Block::Table { table } => self.write_table(out, table),
            Block::Figure { svg, file: _, caption } => {
                *figures += 1;
                let prefix = format!("figure-{figures}-");
                out.push_str("<figure class=\"chart\">\n");
                out.push_str(&prefix_svg_ids(strip_prolog(svg), &prefix));
                out.push_str(&format!("\n<figcaption>{}</figcaption>\n</figure>\n", escape(caption)));
            }
            Block::Subheading { text, anchor } => {
                out.push_str(&format!("<h3 id=\"{}\">{}</h3>\n", escape(anchor), escape(text)));
            }
        }
    }

    /// Writes name–value pairs as a two-column table, which keeps each
    /// pair on one row in print.
    fn write_fields(&self, out: &mut String, fields: &[(String, Vec<Inline>)]) {
        out.push_str("<table class=\"fields\">\n<tbody>\n");
        for (name, value) in fields {
            out.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                escape(name),
                self.inlines(value)
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn write_table(&self, out: &mut String, table: &Table) {
        out.push_str("<table>\n<thead>\n<tr>");
        for (column, header) in table.header.iter().enumerate() {
            out.push_str(&format!("<th{}>{}</th>", align_class(table, column), escape(header)));
        }
        out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            for (column, cell) in row.iter().enumerate() {
                out.push_str(&format!("<td{}>{}</td>", align_class(table, column), self.inlines(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn inlines(&self, content: &[Inline]) -> String {
        content.iter().map(|inline| self.inline(inline)).collect()
    }

    fn inline(&self, inline: &Inline) -> String {
        match inline {
            Inline::Text(text) => escape(text),
            Inline::Strong(text) => format!("<strong>{}</strong>", escape(text)),
            Inline::Code(text) => format!("<code>{}</code>", escape(text)),
            Inline::Link { text, target } => match self.target_url(target) {
                Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(text)),
                None => escape(text),
            },
            Inline::Missing(text) => format!("<span class=\"missing\">{}</span>", escape(text)),
            Inline::LineBreak => "<br/>".to_string(),
            Inline::Anchor(anchor) => format!("<span id=\"{}\"></span>", escape(anchor)),
        }
    }

    /// Returns the URL of a link target relative to this page, or `None`
    /// when the target's page is not part of the site.
    fn target_url(&self, target: &Target) -> Option<String> {
        match target {
            Target::Index => Some(self.page_url(&DocKind::Index)),
            Target::Role { id } => {
                self.navigation.has_role(id).then(|| self.page_url(&DocKind::Role(id.clone())))
            }
            Target::Process { id } => {
                self.navigation.has_process(id).then(|| self.page_url(&DocKind::Process(id.clone())))
            }
            Target::Step { process, step } => self.fragment_url(process, &step_anchor(step)),
            Target::KeyNode { process, number } => self.fragment_url(process, &key_anchor(*number)),
        }
    }

    /// Returns the URL of an anchor in a process's page: the fragment alone
    /// on that page itself.
    fn fragment_url(&self, process: &str, anchor: &str) -> Option<String> {
        if self.document.kind == DocKind::Process(process.to_string()) {
            return Some(format!("#{anchor}"));
        }
        if !self.navigation.has_process(process) {
            return None;
        }
        Some(format!("{}#{anchor}", self.page_url(&DocKind::Process(process.to_string()))))
    }

    /// Returns the URL of a page relative to this page, with the id
    /// percent-encoded.
    fn page_url(&self, kind: &DocKind) -> String {
        let path = match kind {
            DocKind::Index => "index.html".to_string(),
            DocKind::Process(id) => format!("processes/{}.html", percent_encode(id)),
            DocKind::Role(id) => format!("roles/{}.html", percent_encode(id)),
        };
        format!("{}{path}", self.root)
    }
}

fn align_class(table: &Table, column: usize) -> &'static str {
    match table.align.get(column) {
        Some(Align::Right) => " class=\"right\"",
        Some(Align::Center) => " class=\"center\"",
        Some(Align::Left) | None => "",
    }
}

/// Escapes text for HTML and XML, in element content and in attribute
/// values. Characters that XML 1.0 forbids, such as most C0 controls,
/// become U+FFFD so that the page still parses as XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(character),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            _ => out.push(character),
        }
    }
    out
}

/// Percent-encodes a path segment as UTF-8, keeping only the characters
/// that RFC 3986 leaves unreserved.
pub fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Removes an XML declaration and a doctype before the `<svg>` element,
/// which may not appear inside an HTML page.
fn strip_prolog(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(start) => svg[start..].trim_end(),
        None => svg.trim(),
    }
}

/// Prefixes every `id` in an SVG, and the `url(#…)` and `href="#…"`
/// references to them, and encodes each id as ASCII.
///
/// The renderer names its arrow markers `arrow` and `arrow-back` in every
/// chart, so two charts on one page would otherwise share ids. Only
/// attribute values that are ids or refer to ids are rewritten, so labels
/// that happen to contain `id="` or `url(#` are left alone.
fn prefix_svg_ids(svg: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag_end = tag_end(&rest[open..]).map_or(rest.len(), |end| open + end);
        out.push_str(&prefix_tag_ids(&rest[open..tag_end], prefix));
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

/// Returns the length of the tag at the start of `text`, up to and with its
/// `>`, skipping quoted attribute values.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, character) in text.char_indices() {
        match (quote, character) {
            (None, '"' | '\'') => quote = Some(character),
            (Some(open), _) if character == open => quote = None,
            (None, '>') => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// Rewrites the ids and id references in the attributes of one tag. Other
/// attributes, such as the renderer's `data-id` with a step's id, keep
/// their values even when those contain `url(#`.
fn prefix_tag_ids(tag: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(tag.len() + 16);
    let mut rest = tag;
    while let Some(equals) = rest.find('=') {
        let quote = rest[equals + 1..].chars().next().filter(|&quote| quote == '"' || quote == '\'');
        let Some(quote) = quote else {
            out.push_str(&rest[..=equals]);
            rest = &rest[equals + 1..];
            continue;
        };
        let value_start = equals + 2;
        let Some(length) = rest[value_start..].find(quote) else { break };
        let name = rest[..equals].rsplit(char::is_whitespace).next().unwrap_or_default();
        out.push_str(&rest[..value_start]);
        out.push_str(&prefix_attribute(name, &rest[value_start..value_start + length], prefix));
        rest = &rest[value_start + length..];
    }
    out.push_str(rest);
    out
}

/// Prefixes an attribute value that is an id or refers to one.
fn prefix_attribute(name: &str, value: &str, prefix: &str) -> String {
    match name {
        "id" => format!("{prefix}{}", ascii_id(value)),
        "href" | "xlink:href" if value.starts_with('#') => format!("#{prefix}{}", ascii_id(&value[1..])),
        "fill" | "stroke" | "marker-start" | "marker-mid" | "marker-end" | "clip-path" | "mask"
        | "filter" | "style" => prefix_urls(value, prefix),
        _ => value.to_string(),
    }
}

/// Prefixes the id in every `url(#…)` of a presentation attribute.
fn prefix_urls(value: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(value.len() + 16);
    let mut rest = value;
    while let Some(at) = rest.find("url(#") {
        let id_start = at + "url(#".len();
        let Some(length) = rest[id_start..].find(')') else { break };
        out.push_str(&rest[..id_start]);
        out.push_str(prefix);
        out.push_str(&ascii_id(&rest[id_start..id_start + length]));
        rest = &rest[id_start + length..];
    }
    out.push_str(rest);
    out
}

/// Encodes an SVG id, as written in the attribute, in ASCII letters,
/// digits and hyphens, keeping different ids apart as [`step_anchor`] does.
fn ascii_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for character in id.chars() {
        if character.is_ascii_lowercase() || character.is_ascii_digit() {
            out.push(character);
        } else {
            out.push_str(&format!("-{:x}-", u32::from(character)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn escape_replaces_control_characters() {
        assert_eq!(escape("a\u{1}b\tc"), "a\u{fffd}b\tc");
    }

    #[test]
    fn percent_encode_chinese_id() {
        assert_eq!(percent_encode("客服"), "%E5%AE%A2%E6%9C%8D");
        assert_eq!(percent_encode("service_agent"), "service_agent");
        assert_eq!(percent_encode("a b/c"), "a%20b%2Fc");
    }

    #[test]
    fn strip_prolog_removes_declaration() {
        let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg></svg>\n";
        assert_eq!(strip_prolog(svg), "<svg></svg>");
    }

    #[test]
    fn svg_ids_get_prefix() {
        let svg = "<svg><marker id=\"arrow\"/><path marker-end=\"url(#arrow)\"/><g id=\"登记\"/></svg>";
        let expected = "<svg><marker id=\"f-arrow\"/><path marker-end=\"url(#f-arrow)\"/>\
                        <g id=\"f--767b--8bb0-\"/></svg>";
        assert_eq!(prefix_svg_ids(svg, "f-"), expected);
    }

    #[test]
    fn svg_text_keeps_id_like_words() {
        let svg = "<svg><text x=\"1\">see id=\"a\" url(#b)</text></svg>";
        assert_eq!(prefix_svg_ids(svg, "f-"), svg);
    }

    #[test]
    fn svg_data_attribute_keeps_value() {
        let svg = "<svg><g class=\"node\" data-id=\"a url(#arrow) id=&quot;b&quot;\"/></svg>";
        assert_eq!(prefix_svg_ids(svg, "f-"), svg);
    }

    #[test]
    fn svg_single_quotes_get_prefix() {
        let svg = "<svg><marker id='arrow'/><path marker-end='url(#arrow)'/></svg>";
        let expected = "<svg><marker id='f-arrow'/><path marker-end='url(#f-arrow)'/></svg>";
        assert_eq!(prefix_svg_ids(svg, "f-"), expected);
    }

    #[test]
    fn svg_href_fragment_gets_prefix() {
        let svg = "<svg><use href=\"#shape\"/></svg>";
        assert_eq!(prefix_svg_ids(svg, "f-"), "<svg><use href=\"#f-shape\"/></svg>");
    }
}
