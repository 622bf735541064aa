//! Doc comments: a run of `///` lines directly above a declaration becomes
//! that declaration's documentation.

use super::scan::{Comment, CommentKind};

/// Finds the doc comments that precede a declaration.
pub struct DocComments<'a> {
    text: &'a str,
    comments: &'a [Comment],
}

impl<'a> DocComments<'a> {
    pub fn new(text: &'a str, comments: &'a [Comment]) -> Self {
        DocComments { text, comments }
    }

    /// Returns the comment that ends exactly at `end`, if any.
    pub fn comment_ending_at(&self, end: usize) -> Option<&'a Comment> {
        let index = self.comments.partition_point(|comment| comment.span.end < end);
        self.comments.get(index).filter(|comment| comment.span.end == end)
    }

    /// Returns the text of the `///` lines that end right above `start`,
    /// with only whitespace between them, markers and one space removed.
    pub fn before(&self, start: usize) -> Option<String> {
        let index = self.comments.partition_point(|comment| comment.span.end <= start);
        let mut lines = Vec::new();
        let mut next_start = start;
        for comment in self.comments[..index].iter().rev() {
            let gap = &self.text[comment.span.end..next_start];
            if comment.kind != CommentKind::Doc || !gap.trim().is_empty() || gap.matches('\n').count() > 1 {
                break;
            }
            let line = comment.text.trim_start_matches("///");
            lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_string());
            next_start = comment.span.start;
        }
        if lines.is_empty() {
            return None;
        }
        lines.reverse();
        Some(lines.join("\n"))
    }
}
