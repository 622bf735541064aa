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

    /// Returns the indexes in `comments` of the `///` lines that end right
    /// above `start`, separated from it and from each other only by
    /// white space with at most one line break.
    pub fn run_before(&self, start: usize) -> std::ops::Range<usize> {
        let end = self.comments.partition_point(|comment| comment.span.end <= start);
        let mut first = end;
        let mut next_start = start;
        while first > 0 {
            let comment = &self.comments[first - 1];
            let Some(gap) = self.text.get(comment.span.end..next_start) else { break };
            if comment.kind != CommentKind::Doc || !gap.trim().is_empty() || gap.matches('\n').count() > 1 {
                break;
            }
            first -= 1;
            next_start = comment.span.start;
        }
        first..end
    }

    /// Returns the text of the doc comment above `start`, markers and one
    /// space removed, or `None` when there is none.
    pub fn before(&self, start: usize) -> Option<String> {
        let run = self.run_before(start);
        if run.is_empty() {
            return None;
        }
        let lines: Vec<String> = self.comments[run]
            .iter()
            .map(|comment| {
                let line = comment.text.trim_start_matches("///");
                line.strip_prefix(' ').unwrap_or(line).trim_end().to_string()
            })
            .collect();
        Some(lines.join("\n"))
    }
}
