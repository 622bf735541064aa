//! The output text, built one line at a time.

use unicode_width::UnicodeWidthStr;

use crate::syntax::{Comment, CommentKind};

/// One level of indentation.
const INDENT: &str = "    ";

/// Collects output lines. A line is started, filled and finished. Comments
/// found inside a part of a line are held until the line is finished, and
/// then print on their own lines just above it.
#[derive(Debug, Default)]
pub(super) struct Writer {
    text: String,
    /// The line being built, without its indentation.
    line: String,
    /// The display width of `line` without its trailing comments.
    line_width: usize,
    indent: usize,
    /// The indentation of the comments printed above the current line.
    hoist_indent: usize,
    /// Comments to print above the current line when it is finished.
    hoisted: Vec<String>,
    line_open: bool,
    line_ends_with_doc: bool,
    last_ends_with_doc: bool,
    last_blank: bool,
}

impl Writer {
    /// Starts a line at `indent` levels.
    pub fn start_line(&mut self, indent: usize) {
        self.start(indent, indent);
    }

    /// Starts a line that opens with a closing bracket; comments held for
    /// it print one level deeper, with the items the bracket closes.
    pub fn start_closing_line(&mut self, indent: usize) {
        self.start(indent, indent + 1);
    }

    fn start(&mut self, indent: usize, hoist_indent: usize) {
        debug_assert!(!self.line_open, "a line was started before the previous one was finished");
        self.line_open = true;
        self.indent = indent;
        self.hoist_indent = hoist_indent;
        self.line_ends_with_doc = false;
    }

    pub fn push(&mut self, text: &str) {
        self.line.push_str(text);
        self.line_width += text.width();
        self.line_ends_with_doc = false;
    }

    /// Returns the display width of the current line so far, indentation
    /// included and trailing comments left out.
    pub fn column(&self) -> usize {
        self.indent * INDENT.len() + self.line_width
    }

    /// Holds a comment to print on its own line above the current line.
    pub fn hoist(&mut self, comment: &Comment) {
        self.hoisted.push(comment.text.clone());
    }

    /// Appends a comment to the current line, one space after its text.
    pub fn trail(&mut self, comment: &Comment) {
        self.line.push(' ');
        self.line.push_str(&comment.text);
        self.line_ends_with_doc = comment.kind == CommentKind::Doc;
    }

    /// Writes the held comments and then the current line.
    pub fn finish_line(&mut self) {
        debug_assert!(self.line_open, "no line to finish");
        for comment in std::mem::take(&mut self.hoisted) {
            self.write(self.hoist_indent, &comment);
        }
        let line = std::mem::take(&mut self.line);
        self.write(self.indent, &line);
        self.line_width = 0;
        self.line_open = false;
        self.last_ends_with_doc = self.line_ends_with_doc;
    }

    /// Writes a comment on a line of its own.
    pub fn comment_line(&mut self, indent: usize, comment: &Comment) {
        debug_assert!(!self.line_open, "a comment line was written inside another line");
        self.write(indent, &comment.text);
        self.last_ends_with_doc = comment.kind == CommentKind::Doc;
    }

    /// Writes a `///` doc comment line for a declaration whose doc text has
    /// no comment in the source.
    pub fn doc_line(&mut self, indent: usize, text: &str) {
        let line = if text.is_empty() { "///".to_string() } else { format!("/// {text}") };
        self.write(indent, &line);
        self.last_ends_with_doc = true;
    }

    /// Writes an empty line, unless the output is empty or already ends
    /// with one.
    pub fn blank_line(&mut self) {
        if !self.text.is_empty() && !self.last_blank {
            self.text.push('\n');
            self.last_blank = true;
            self.last_ends_with_doc = false;
        }
    }

    /// Returns whether the last line written ends with a `///` comment,
    /// which the parser would attach to a declaration on the next line.
    pub fn last_ends_with_doc(&self) -> bool {
        self.last_ends_with_doc
    }

    pub fn into_text(self) -> String {
        debug_assert!(!self.line_open, "the last line was not finished");
        self.text
    }

    /// Writes `content` at `indent`. A block comment may span several lines:
    /// only its first line is indented, the others are kept as written. Each
    /// line loses its trailing whitespace, which also turns CRLF into LF.
    fn write(&mut self, indent: usize, content: &str) {
        for (index, part) in content.split('\n').enumerate() {
            let part = part.trim_end();
            if index == 0 && !part.is_empty() {
                self.text.push_str(&INDENT.repeat(indent));
            }
            self.text.push_str(part);
            self.text.push('\n');
        }
        self.last_blank = false;
    }
}
