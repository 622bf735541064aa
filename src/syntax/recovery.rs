//! Recovery from syntax errors: the line holding an error is replaced by
//! spaces, keeping every byte offset, and the file is parsed again.

use crate::source::Span;

/// After this many skipped lines the parser gives up on the file.
pub const MAX_SKIPPED_LINES: usize = 20;

/// Returns the line around `at` if blanking it leaves the rest of the file's
/// structure intact: the line is not empty and its brackets balance.
pub fn line_to_skip(text: &str, at: usize) -> Option<Span> {
    let at = crate::source::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    if line.trim().is_empty() || !brackets_balance(line) {
        return None;
    }
    Some(start..end)
}

/// Replaces the line by as many spaces as it has bytes.
pub fn blank(text: &str, line: &Span) -> String {
    let mut repaired = String::with_capacity(text.len());
    repaired.push_str(&text[..line.start]);
    repaired.extend(std::iter::repeat_n(' ', line.end - line.start));
    repaired.push_str(&text[line.end..]);
    repaired
}

/// True when every bracket outside strings and comments closes on the line.
fn brackets_balance(line: &str) -> bool {
    let mut depth: Vec<char> = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                // Skip the string, honouring escapes.
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            '/' if chars.peek() == Some(&'*') => return false,
            '{' | '[' | '(' => depth.push(c),
            '}' | ']' | ')' => {
                let expected = match c {
                    '}' => '{',
                    ']' => '[',
                    _ => '(',
                };
                if depth.pop() != Some(expected) {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_line_is_skipped() {
        let text = "a -> b\nx = 3\nb -> c\n";
        assert_eq!(line_to_skip(text, 9), Some(7..12));
        assert_eq!(blank(text, &(7..12)), "a -> b\n     \nb -> c\n");
    }

    #[test]
    fn unbalanced_line_is_kept() {
        let text = "process p {\n  tsak a \"x\" {\n  }\n}\n";
        assert_eq!(line_to_skip(text, 14), None);
    }
}
