//! Text measurement, wrapping and XML escaping for diagrams.
//!
//! Widths are estimates, because the SVG viewer picks the font. A character
//! that a terminal shows two columns wide (CJK ideographs, kana, hangul,
//! full-width forms) takes about one em. Any other character takes about
//! 0.55 em, an estimate of the mean advance of Latin letters in common
//! sans-serif fonts.

use unicode_width::UnicodeWidthChar;

/// Width of one character in ems.
pub fn char_width(c: char) -> f64 {
    match c.width() {
        Some(2) => 1.0,
        Some(0) | None => 0.0,
        _ => 0.55,
    }
}

/// Estimated width of `text` in pixels at `font_size`.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * font_size
}

/// True for characters after or before which a line may break without a
/// space, as between two Chinese characters.
fn breaks_anywhere(c: char) -> bool {
    c.width() == Some(2)
}

/// Splits `text` into the pieces wrapping keeps together: runs of
/// characters without spaces, and each wide character on its own. A piece
/// keeps the spaces written before it, so that joining pieces restores the
/// text.
fn pieces(text: &str) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_has_glyph = false;
    for c in text.chars() {
        let whitespace = c.is_whitespace();
        let starts_piece = current_has_glyph
            && !whitespace
            && (breaks_anywhere(c)
                || current.ends_with(char::is_whitespace)
                || current.chars().last().is_some_and(breaks_anywhere));
        if starts_piece {
            pieces.push(std::mem::take(&mut current));
            current_has_glyph = false;
        }
        current.push(if whitespace { ' ' } else { c });
        current_has_glyph |= !whitespace;
    }
    if current_has_glyph {
        pieces.push(current);
    }
    pieces
}

/// Wraps `text` into lines no wider than `max_width` pixels at
/// `font_size`, breaking at spaces and between wide characters, and inside
/// a word only when the word alone is too wide.
pub fn wrap(text: &str, max_width: f64, font_size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if line.is_empty() || text_width(candidate.trim_end(), font_size) <= max_width {
            line = candidate;
        } else {
            lines.push(line.trim().to_string());
            line = piece.trim_start().to_string();
        }
        while text_width(&line, font_size) > max_width && line.chars().count() > 1 {
            let (head, tail) = split_at_width(&line, max_width, font_size);
            lines.push(head);
            line = tail;
        }
    }
    let last = line.trim();
    if !last.is_empty() || lines.is_empty() {
        lines.push(last.to_string());
    }
    lines
}

/// Splits a word that is too wide into the longest head that fits, of at
/// least one character, and the rest.
fn split_at_width(word: &str, max_width: f64, font_size: f64) -> (String, String) {
    let mut width = 0.0;
    let mut split = 0;
    for (index, c) in word.char_indices() {
        width += char_width(c) * font_size;
        if width > max_width && index > 0 {
            break;
        }
        split = index + c.len_utf8();
    }
    (word[..split].to_string(), word[split..].to_string())
}

/// Escapes text for XML character data and attribute values. Characters
/// that XML 1.0 forbids, such as most control characters, are dropped.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_one_em_and_latin_less() {
        assert_eq!(text_width("客户", 10.0), 20.0);
        assert!((text_width("ab", 10.0) - 11.0).abs() < 1e-9);
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        let lines = wrap("Register the complaint now", 80.0, 10.0);
        assert_eq!(lines, ["Register the", "complaint now"]);
    }

    #[test]
    fn wrap_breaks_between_cjk_characters() {
        let lines = wrap("登记投诉登记投诉", 45.0, 10.0);
        assert_eq!(lines, ["登记投诉", "登记投诉"]);
        assert!(lines.iter().all(|line| text_width(line, 10.0) <= 45.0));
    }

    #[test]
    fn wrap_mixed_text_fits() {
        let lines = wrap("登记投诉 Register complaint", 60.0, 12.0);
        assert!(lines.iter().all(|line| text_width(line, 12.0) <= 60.0), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "登记投诉Registercomplaint");
    }

    #[test]
    fn wrap_splits_long_word() {
        let lines = wrap("Supercalifragilistic", 40.0, 10.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|line| text_width(line, 10.0) <= 40.0), "{lines:?}");
    }

    #[test]
    fn wrap_empty_gives_one_line() {
        assert_eq!(wrap("", 40.0, 10.0), [""]);
    }

    #[test]
    fn escape_markup() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
        assert_eq!(escape("a\u{1}b"), "ab");
    }
}
