//! A lexical pass over the raw text that runs before the grammar: it finds
//! comments (which the grammar skips but the formatter keeps), checks that
//! brackets balance and are not nested too deep, and catches unterminated
//! strings and block comments, each with a precise span.
//!
//! Checking depth here, in a loop, is what keeps a file nested 10,000 deep
//! from overflowing the stack of the recursive-descent parser.

use crate::source::Span;

/// The deepest bracket nesting the parser accepts. Real models nest
/// departments a few levels deep; the parser recurses a few frames per level.
pub const MAX_DEPTH: usize = 64;

/// A comment found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub kind: CommentKind,
    /// The comment's whole text, markers included, without the newline.
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentKind {
    /// `// ...`
    Line,
    /// `/// ...`, attached to the declaration that follows.
    Doc,
    /// `/* ... */`
    Block,
}

/// A problem the lexical pass found; the grammar is not run when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    pub message: String,
    pub span: Span,
    pub label: String,
    pub help: String,
    pub too_deep: bool,
}

/// The comments and first error the lexical pass found.
#[derive(Debug, Default)]
pub struct Scan {
    pub comments: Vec<Comment>,
    pub error: Option<ScanError>,
}

/// Scans `text` for comments and bracket, string and comment errors.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut result = Scan::default();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;

    while i < bytes.len() {
        match bytes[i] {
            b'"' => match string_end(bytes, i) {
                Ok(end) => i = end,
                Err(end) => {
                    result.error = Some(ScanError {
                        message: "unterminated string".into(),
                        span: i..end,
                        label: "this string has no closing quote".into(),
                        help: "try adding a closing `\"` before the end of the line".into(),
                        too_deep: false,
                    });
                    return result;
                }
            },
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                let end = if end > i && bytes[end - 1] == b'\r' { end - 1 } else { end };
                let is_doc = bytes.get(i + 2) == Some(&b'/') && bytes.get(i + 3) != Some(&b'/');
                let kind = if is_doc { CommentKind::Doc } else { CommentKind::Line };
                result.comments.push(Comment { kind, text: text[i..end].to_string(), span: i..end });
                i = end;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let Some(close) = text[i + 2..].find("*/") else {
                    result.error = Some(ScanError {
                        message: "unterminated block comment".into(),
                        span: i..i + 2,
                        label: "this comment is never closed".into(),
                        help: "try adding `*/` where the comment should end".into(),
                        too_deep: false,
                    });
                    return result;
                };
                let end = i + 2 + close + 2;
                result.comments.push(Comment {
                    kind: CommentKind::Block,
                    text: text[i..end].to_string(),
                    span: i..end,
                });
                i = end;
            }
            open_bracket @ (b'{' | b'[' | b'(') => {
                open.push((open_bracket, i));
                if open.len() > MAX_DEPTH {
                    result.error = Some(ScanError {
                        message: format!("brackets are nested more than {MAX_DEPTH} levels deep"),
                        span: i..i + 1,
                        label: "too deep".into(),
                        help: "try flattening the structure, for example by declaring nested departments at the top level with `parent:`".into(),
                        too_deep: true,
                    });
                    return result;
                }
                i += 1;
            }
            close @ (b'}' | b']' | b')') => {
                if let Some(error) = check_close(&mut open, close, i) {
                    result.error = Some(error);
                    return result;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }

    if let Some(&(bracket, at)) = open.last() {
        let closing = matching(bracket) as char;
        result.error = Some(ScanError {
            message: format!("unclosed `{}`", bracket as char),
            span: at..at + 1,
            label: "opened here and never closed".into(),
            help: format!("try adding `{closing}` at the end of this block"),
            too_deep: false,
        });
    }
    result
}

/// Returns the offset just past the closing quote, or `Err(end of line)`.
fn string_end(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() && bytes[i + 1] != b'\n' => i += 2,
            b'"' => return Ok(i + 1),
            b'\n' | b'\r' => return Err(i),
            _ => i += 1,
        }
    }
    Err(bytes.len())
}

fn matching(open: u8) -> u8 {
    match open {
        b'{' => b'}',
        b'[' => b']',
        _ => b')',
    }
}

fn check_close(open: &mut Vec<(u8, usize)>, close: u8, at: usize) -> Option<ScanError> {
    match open.pop() {
        Some((bracket, _)) if matching(bracket) == close => None,
        Some((bracket, opened)) => Some(ScanError {
            message: format!("`{}` does not match the `{}` opened before it", close as char, bracket as char),
            span: at..at + 1,
            label: format!("expected `{}` here", matching(bracket) as char),
            help: format!("the `{}` at byte {opened} is still open; try closing it first", bracket as char),
            too_deep: false,
        }),
        None => Some(ScanError {
            message: format!("unexpected `{}`", close as char),
            span: at..at + 1,
            label: "nothing is open here".into(),
            help: "try removing it, or add the opening bracket it belongs to".into(),
            too_deep: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_outside_strings() {
        let scan = scan("a -> b // one\n/// doc\n\"// not\" /* two */");
        let texts: Vec<&str> = scan.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["// one", "/// doc", "/* two */"]);
        assert_eq!(scan.comments[1].kind, CommentKind::Doc);
        assert!(scan.error.is_none());
    }

    #[test]
    fn deep_nesting_stops_early() {
        let text = "[".repeat(10_000);
        let error = scan(&text).error.expect("too deep");
        assert!(error.too_deep);
        assert_eq!(error.span, MAX_DEPTH..MAX_DEPTH + 1);
    }

    #[test]
    fn unclosed_brace_points_at_opening() {
        let error = scan("process p {\n a -> b\n").error.expect("unclosed");
        assert_eq!(error.span, 10..11);
    }

    #[test]
    fn unterminated_string_on_its_line() {
        let error = scan("task a \"oops\ntask b").error.expect("unterminated");
        assert_eq!(error.span, 7..12);
    }
}
