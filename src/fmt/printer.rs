//! The frame of the printer: statements in sequence with the comments and
//! blank lines around them, and the braces of the blocks that hold them.

use super::comments::Comments;
use super::writer::Writer;
use crate::source::Span;
use crate::syntax::Comment;
use crate::syntax::ast::{File, Item};

/// Prints one file. The `items` and `values` modules add the printing of
/// each kind of statement and value.
pub(super) struct Printer<'a> {
    pub comments: Comments<'a>,
    pub writer: Writer,
}

/// A statement in a sequence: a top-level item or a member of a block.
pub(super) trait Statement {
    fn span(&self) -> &Span;

    /// Returns the doc text of a declaration, or `None` for other statements.
    fn doc(&self) -> Option<&Option<String>>;

    /// Prints the statement from the start of its first line, leaving its
    /// last line open for trailing comments.
    fn print(&self, printer: &mut Printer<'_>, indent: usize);
}

impl<'a> Printer<'a> {
    pub fn new(file: &File, comments: &'a [Comment], source: &'a str) -> Self {
        Printer { comments: Comments::new(file, comments, source), writer: Writer::default() }
    }

    pub fn file(mut self, file: &File) -> String {
        let end = self.statements(&file.items, 0, usize::MAX, separated_at_top_level);
        self.closing_comments(0, usize::MAX, end);
        self.writer.into_text()
    }

    /// Prints ` {`, the statements of a block at `indent + 1` and the `}`,
    /// or ` {}` for a block with neither statements nor comments. The header
    /// line is open on entry, and the `}` line is left open.
    ///
    /// `header_end` is where the declaration's header ends, `open` the `{`
    /// if the source has it, and `close` the offset of the `}`.
    pub fn block<S: Statement>(
        &mut self,
        header_end: usize,
        open: Option<usize>,
        close: usize,
        statements: &[S],
        indent: usize,
    ) {
        let first = statements.first().map_or(close, |statement| statement.span().start);
        let trailing = self.comments.take_trailing_across(header_end, open, first);
        if statements.is_empty() && trailing.is_empty() && !self.comments.any_before(close) {
            self.writer.push(" {}");
            return;
        }

        self.writer.push(" {");
        for comment in trailing {
            self.writer.trail(comment);
        }
        self.writer.finish_line();
        let end = self.statements(statements, indent + 1, close, |_, _| false);
        self.closing_comments(indent + 1, close, end);
        self.writer.start_line(indent);
        self.writer.push("}");
    }

    /// Moves every comment that starts before `offset` above the current line.
    pub fn hoist_until(&mut self, offset: usize) {
        while let Some(comment) = self.comments.next_before(offset) {
            self.writer.hoist(comment);
        }
    }

    /// Appends the comments that continue the source line ending at `from`,
    /// up to `bound`, to the current line. Returns where the last ends.
    pub fn trail(&mut self, from: usize, bound: usize) -> usize {
        let mut end = from;
        for comment in self.comments.take_trailing(from, bound) {
            self.writer.trail(comment);
            end = comment.span.end;
        }
        end
    }

    /// Prints `statements` at `indent`, each with the comments before it and
    /// after it on its line. `close` bounds the comments of the last one, and
    /// `separated` returns true for neighbours that always get a blank line
    /// between them. Returns where the last statement and its comments end.
    fn statements<S: Statement>(
        &mut self,
        statements: &[S],
        indent: usize,
        close: usize,
        separated: fn(&S, &S) -> bool,
    ) -> Option<usize> {
        let mut previous_end = None;
        for (index, statement) in statements.iter().enumerate() {
            let separate = index > 0 && separated(&statements[index - 1], statement);
            self.leading(statement, indent, previous_end, separate);
            statement.print(self, indent);

            let span = statement.span();
            self.hoist_until(span.end);
            let bound = statements.get(index + 1).map_or(close, |next| next.span().start);
            previous_end = Some(self.trail(span.end, bound));
            self.writer.finish_line();
        }
        previous_end
    }

    /// Prints the comments on the lines above a statement and the blank
    /// lines among them, then the statement's doc comment when the source
    /// has none for it. With `separate`, a blank line goes before all of them.
    fn leading<S: Statement>(
        &mut self,
        statement: &S,
        indent: usize,
        mut previous_end: Option<usize>,
        mut separate: bool,
    ) {
        let start = statement.span().start;
        let mut doc_printed = false;
        loop {
            let attached = self.comments.next_is_attached();
            let Some(comment) = self.comments.next_before(start) else { break };
            let keeps_blank = self.blank_line_after(previous_end, comment.span.start);
            let detaches_orphan = attached && !doc_printed && self.writer.last_ends_with_doc();
            if separate || keeps_blank || detaches_orphan {
                self.writer.blank_line();
            }
            self.writer.comment_line(indent, comment);
            doc_printed |= attached;
            separate = false;
            previous_end = Some(comment.span.end);
        }

        let doc = statement.doc();
        let keeps_blank = self.blank_line_after(previous_end, start);
        let detaches_orphan = doc.is_some() && !doc_printed && self.writer.last_ends_with_doc();
        if separate || keeps_blank || detaches_orphan {
            self.writer.blank_line();
        }
        if let (Some(Some(text)), false) = (doc, doc_printed) {
            for line in text.split('\n') {
                self.writer.doc_line(indent, line);
            }
        }
    }

    /// Prints the comments left before `close` on their own lines, keeping
    /// one blank line where the source has any between them.
    fn closing_comments(&mut self, indent: usize, close: usize, mut previous_end: Option<usize>) {
        while let Some(comment) = self.comments.next_before(close) {
            if self.blank_line_after(previous_end, comment.span.start) {
                self.writer.blank_line();
            }
            self.writer.comment_line(indent, comment);
            previous_end = Some(comment.span.end);
        }
    }

    /// Returns whether the source has a blank line between `previous_end`
    /// and `start`. The first line of a block or file has none before it.
    fn blank_line_after(&self, previous_end: Option<usize>, start: usize) -> bool {
        previous_end.is_some_and(|end| self.comments.blank_line_between(end, start))
    }
}

/// The top-level statements that form runs, which keep the blank lines of
/// the source between their members.
#[derive(PartialEq)]
enum Run {
    Imports,
    Attributes,
    Flows,
}

fn run(item: &Item) -> Option<Run> {
    match item {
        Item::Import(_) => Some(Run::Imports),
        Item::Attr(_) => Some(Run::Attributes),
        Item::Key(_) | Item::Flow(_) => Some(Run::Flows),
        Item::Department(_) | Item::Role(_) | Item::Process(_) | Item::Simulation(_) => None,
    }
}

/// Returns whether two consecutive top-level items always get a blank line
/// between them, which all do except two members of one run.
fn separated_at_top_level(previous: &Item, next: &Item) -> bool {
    match (run(previous), run(next)) {
        (Some(previous), Some(next)) => previous != next,
        _ => true,
    }
}
