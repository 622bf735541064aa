//! Formatting: an AST and the comments of its file back to canonical text.
//!
//! The layout:
//!
//! - Four spaces of indentation and one statement per line; `;` separators
//!   are dropped. Declarations print as `keyword id "label"`, and a block
//!   opens with ` {` on the header line and closes with `}` on its own line.
//!   A block that is present but holds nothing prints as `{}`, and a
//!   declaration without braces stays without, so the AST round-trips.
//! - Attributes print as `key: value`. Scalars print as written: numbers,
//!   durations and percentages keep their digits, strings keep their escapes,
//!   money prints as `80 CNY/h`, times as `09:00-18:00`, days as `mon-fri`.
//! - A list or call prints on one line when its line fits in [`MAX_WIDTH`]
//!   columns, counting wide (CJK) characters as two. Otherwise it prints one
//!   item per line, each with a trailing comma. Flows always print on one
//!   line, however long: `a "label" @lane -> [branch 80%] b`.
//! - At the top level, items are separated by one blank line, except that
//!   runs of imports, of attributes and of flows and key statements keep a
//!   blank line only where the source had one. Inside blocks a blank line is
//!   kept where the source had one or more, but not at the start or end of
//!   a block. A list or call broken over lines has no blank lines.
//! - Every comment is printed in source order, as written except for
//!   trailing whitespace at the ends of its lines. A comment on
//!   its own line goes above the statement that follows it, at that
//!   statement's indentation. A comment that starts on the line where a
//!   statement ends stays after it, one space away. A comment inside a part
//!   that prints on one line (a flow, a short list, between a key and its
//!   value) moves above that line. Comments between a declaration's header
//!   and its `{` move into the block, and comments before a `}` or at the end
//!   of the file stay there.
//! - Doc comments (`///`) stay directly above their declaration. An orphan
//!   doc comment is kept apart from a following declaration by a blank line,
//!   even at the start of a block, so that formatting never attaches it as
//!   documentation.
//! - The output ends with one newline, unless it is empty, has no trailing
//!   whitespace and uses LF line ends. Formatting is idempotent.

mod atomic_write;
mod comments;
mod items;
mod printer;
mod values;
mod writer;

pub use atomic_write::write_atomically;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::FileId;
use crate::syntax::{self, Comment, ast};

/// The line width that lists and calls are kept within when they can be,
/// in columns, with wide (CJK) characters counting as two.
pub const MAX_WIDTH: usize = 100;

/// Parses `text` and returns it in canonical layout.
///
/// A file that does not parse, or whose parse reported any error, is
/// returned as `Err` with the parser's diagnostics, so that it is never
/// rewritten. Warnings do not stop formatting.
pub fn format_source(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(file, text);
    let has_error = parsed.diagnostics.iter().any(Diagnostic::is_error);
    let ast = match parsed.ast {
        Some(ast) if !has_error => ast,
        _ => return Err(parsed.diagnostics),
    };
    let formatted = print(&ast, &parsed.comments, text);
    verify(file, &ast, &parsed.comments, &formatted)?;
    Ok(formatted)
}

/// Guards the user's file against a formatter bug: the output must parse to
/// the same tree with the same comments, or nothing is written.
fn verify(
    file: FileId,
    ast: &ast::File,
    comments: &[Comment],
    formatted: &str,
) -> Result<(), Vec<Diagnostic>> {
    let reparsed = syntax::parse(file, formatted);
    let same_tree = reparsed.ast.as_ref().is_some_and(|new| without_spans(new) == without_spans(ast));
    // The printer trims trailing white space on each line of a comment.
    let normalise =
        |comment: &Comment| comment.text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    let same_comments = reparsed.comments.iter().map(normalise).eq(comments.iter().map(normalise));
    if same_tree && same_comments && reparsed.diagnostics.is_empty() {
        return Ok(());
    }
    let diagnostic = Diagnostic::new(
        Code::FormatterBug,
        file,
        0..0,
        "the formatter produced text that does not match the file; nothing was written",
    )
    .with_help("this is a bug in reflow; please report it with the file");
    Err(vec![diagnostic])
}

/// Returns the tree's debug text with every `span: A..B` removed, to
/// compare trees by content.
fn without_spans(ast: &ast::File) -> String {
    let debug = format!("{ast:?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(at) = rest.find("span: ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "span: ".len()..];
        let length = after.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(after.len());
        rest = &after[length..];
    }
    out.push_str(rest);
    out
}

/// Prints `ast` in canonical layout with the `comments` of its `source`.
///
/// `comments` and the spans in `ast` must come from parsing `source`. With
/// no comments, a declaration's `doc` is printed as `///` lines, so an AST
/// built in code can be printed with `&[]` and `""`.
pub fn print(ast: &ast::File, comments: &[Comment], source: &str) -> String {
    printer::Printer::new(ast, comments, source).file(ast)
}
