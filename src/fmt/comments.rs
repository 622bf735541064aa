//! The file's comments as the printer takes them, in source order, and the
//! tests on the source text that decide where each one goes.

use crate::source::Span;
use crate::syntax::ast::{DepartmentMember, File, Item, ProcessStmt, SimulationMember};
use crate::syntax::{Comment, CommentKind};

/// A cursor over the comments of one file.
pub(super) struct Comments<'a> {
    source: &'a str,
    comments: &'a [Comment],
    /// The index of the first comment not printed yet.
    next: usize,
    /// For each comment, whether it belongs to the doc comment of a
    /// declaration; such a comment never trails the statement before it.
    attached: Vec<bool>,
}

impl<'a> Comments<'a> {
    pub fn new(file: &File, comments: &'a [Comment], source: &'a str) -> Self {
        let mut cursor = Comments { source, comments, next: 0, attached: vec![false; comments.len()] };
        for start in documented_declarations(file) {
            cursor.mark_doc_comment(start);
        }
        cursor
    }

    /// Takes the next comment if it starts before `offset`.
    pub fn next_before(&mut self, offset: usize) -> Option<&'a Comment> {
        let comment = self.comments.get(self.next).filter(|comment| comment.span.start < offset)?;
        self.next += 1;
        Some(comment)
    }

    /// Returns whether a comment not printed yet starts before `offset`.
    pub fn any_before(&self, offset: usize) -> bool {
        self.comments.get(self.next).is_some_and(|comment| comment.span.start < offset)
    }

    /// Returns whether the next comment to be taken belongs to a
    /// declaration's doc comment.
    pub fn next_is_attached(&self) -> bool {
        self.attached.get(self.next).copied().unwrap_or(false)
    }

    /// Takes the comments that continue the source line ending at `from`,
    /// up to `bound`: each starts on the line where the one before it ends.
    /// A line comment ends the run, because nothing can follow it on a line.
    pub fn take_trailing(&mut self, from: usize, bound: usize) -> Vec<&'a Comment> {
        self.take_trailing_across(from, None, bound)
    }

    /// Like [`Comments::take_trailing`] for a header line that is continued
    /// by a `{` at `open`: comments after the header and comments after the
    /// brace, each on its own source line, end up on the one printed line.
    pub fn take_trailing_across(
        &mut self,
        from: usize,
        open: Option<usize>,
        bound: usize,
    ) -> Vec<&'a Comment> {
        let mut trailing = Vec::new();
        let mut at = from;
        while let Some(comment) = self.comments.get(self.next) {
            if comment.span.start >= bound || self.next_is_attached() {
                break;
            }
            if let Some(open) = open.filter(|&open| at <= open && open < comment.span.start) {
                at = open;
            }
            if !self.same_line(at, comment.span.start) {
                break;
            }
            self.next += 1;
            trailing.push(comment);
            at = comment.span.end;
            if comment.kind != CommentKind::Block {
                break;
            }
        }
        trailing
    }

    /// Returns whether the source has no line break between `from` and `to`.
    pub fn same_line(&self, from: usize, to: usize) -> bool {
        from <= to && self.source.get(from..to).is_some_and(|gap| !gap.contains('\n'))
    }

    /// Returns whether the source has a blank line between `from` and `to`.
    pub fn blank_line_between(&self, from: usize, to: usize) -> bool {
        self.source.get(from..to).is_some_and(|gap| gap.matches('\n').nth(1).is_some())
    }

    /// Finds the `{` that opens a block, searching from `from` to `to` and
    /// skipping any inside comments.
    pub fn find_open_brace(&self, from: usize, to: usize) -> Option<usize> {
        let mut at = from;
        loop {
            let found = at + self.source.get(at..to)?.find('{')?;
            let index = self.comments.partition_point(|comment| comment.span.end <= found);
            match self.comments.get(index).filter(|comment| comment.span.start <= found) {
                Some(comment) => at = comment.span.end,
                None => return Some(found),
            }
        }
    }

    /// Marks the run of `///` comments that the parser read as the doc
    /// comment of the declaration at `start`.
    fn mark_doc_comment(&mut self, start: usize) {
        let run = crate::syntax::DocComments::new(self.source, self.comments).run_before(start);
        for index in run {
            self.attached[index] = true;
        }
    }
}

/// Returns the start of every declaration that has a doc comment.
fn documented_declarations(file: &File) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut add = |doc: &Option<String>, span: &Span| {
        if doc.is_some() {
            starts.push(span.start);
        }
    };
    let mut departments = Vec::new();
    for item in &file.items {
        match item {
            Item::Department(department) => departments.push(department),
            Item::Role(role) => add(&role.doc, &role.span),
            Item::Process(process) => {
                add(&process.doc, &process.span);
                for stmt in &process.body {
                    if let ProcessStmt::Node(node) = stmt {
                        add(&node.doc, &node.span);
                    }
                }
            }
            Item::Simulation(simulation) => {
                add(&simulation.doc, &simulation.span);
                for member in &simulation.members {
                    if let SimulationMember::Scenario(scenario) = member {
                        add(&scenario.doc, &scenario.span);
                    }
                }
            }
            Item::Import(_) | Item::Attr(_) | Item::Key(_) | Item::Flow(_) => {}
        }
    }
    while let Some(department) = departments.pop() {
        add(&department.doc, &department.span);
        for member in department.members.iter().flatten() {
            match member {
                DepartmentMember::Department(nested) => departments.push(nested),
                DepartmentMember::Role(role) => add(&role.doc, &role.span),
                DepartmentMember::Attr(_) => {}
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::parse;

    fn cursor(source: &str) -> (File, Vec<Comment>) {
        let parsed = parse(FileId(0), source);
        (parsed.ast.expect("test source parses"), parsed.comments)
    }

    #[test]
    fn doc_comment_marked_attached() {
        let source = "/// orphan\n\n/// one\n/// two\nrole a\n";
        let (file, comments) = cursor(source);
        let cursor = Comments::new(&file, &comments, source);
        assert_eq!(cursor.attached, [false, true, true]);
    }

    #[test]
    fn trailing_run_stops_after_line_comment() {
        let source = "a -> b /* one */ /* two */ // three\n// four\n";
        let (file, comments) = cursor(source);
        let mut cursor = Comments::new(&file, &comments, source);
        let trailing: Vec<&str> =
            cursor.take_trailing(6, usize::MAX).iter().map(|c| c.text.as_str()).collect();
        assert_eq!(trailing, ["/* one */", "/* two */", "// three"]);
        assert_eq!(cursor.next_before(usize::MAX).map(|c| c.text.as_str()), Some("// four"));
    }

    #[test]
    fn open_brace_skips_comments() {
        let source = "role a /* { */ {}";
        let (file, comments) = cursor(source);
        let cursor = Comments::new(&file, &comments, source);
        assert_eq!(cursor.find_open_brace(6, source.len()), Some(15));
    }
}
