//! Helpers shared by the formatter tests: comparing parsed files without
//! their byte spans, and listing their comments.

use reflow::source::FileId;
use reflow::syntax::{self, ast};
use regex::Regex;

/// Returns the `Debug` text of `file` with every byte span replaced by `_`,
/// so that two trees that differ only in layout compare equal.
pub fn without_spans(file: &ast::File) -> String {
    let span = Regex::new(r"\b(span|kind_span): \d+\.\.\d+").expect("valid regex");
    span.replace_all(&format!("{file:#?}"), "$1: _").into_owned()
}

/// Parses `text`, which must parse without errors.
pub fn parse_clean(text: &str) -> Result<syntax::Parsed, String> {
    let parsed = syntax::parse(FileId(0), text);
    let errors: Vec<&str> =
        parsed.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    match (&parsed.ast, errors.is_empty()) {
        (Some(_), true) => Ok(parsed),
        _ => Err(format!("does not parse: {errors:?}")),
    }
}

/// Returns the comments of a parse, each with the trailing whitespace of
/// its lines removed, which the formatter drops along with CR line ends.
pub fn comment_texts(parsed: &syntax::Parsed) -> Vec<String> {
    parsed
        .comments
        .iter()
        .map(|comment| comment.text.split('\n').map(str::trim_end).collect::<Vec<_>>().join("\n"))
        .collect()
}

/// Describes the first line where `actual` differs from `expected`.
pub fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.split('\n');
    let mut actual_lines = actual.split('\n');
    for number in 1.. {
        match (expected_lines.next(), actual_lines.next()) {
            (None, None) => break,
            (want, got) if want != got => {
                return format!("line {number}:\n  expected: {want:?}\n  actual:   {got:?}");
            }
            _ => {}
        }
    }
    "no difference".to_string()
}
