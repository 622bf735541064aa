//! String escapes: `\"`, `\\`, `\n`, `\t` and `\u{XXXX}`.

/// Resolves the escapes in the text between a string's quotes. On failure
/// returns the byte offset of the bad escape and a message.
pub fn unescape(raw: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut offset = 0;
    while let Some(position) = rest.find('\\') {
        out.push_str(&rest[..position]);
        let at = offset + position;
        let tail = &rest[position..];
        let (length, c) = match tail[1..].chars().next() {
            Some('"') => (2, '"'),
            Some('\\') => (2, '\\'),
            Some('n') => (2, '\n'),
            Some('t') => (2, '\t'),
            Some('u') => unicode_escape(tail).map_err(|message| (at, message))?,
            Some(other) => return Err((at, format!("unknown escape `\\{other}`"))),
            None => return Err((at, "a string cannot end with `\\`".into())),
        };
        out.push(c);
        rest = &tail[length..];
        offset = at + length;
    }
    out.push_str(rest);
    Ok(out)
}

/// Reads `\u{XXXX}` at the start of `text`; returns its length in bytes and the character.
fn unicode_escape(text: &str) -> Result<(usize, char), String> {
    let invalid = || "invalid unicode escape; write it as `\\u{4E2D}`".to_string();
    let rest = text.strip_prefix("\\u{").ok_or_else(invalid)?;
    let close = rest.find('}').ok_or_else(invalid)?;
    let digits = &rest[..close];
    if digits.is_empty() || digits.len() > 6 {
        return Err(invalid());
    }
    let code = u32::from_str_radix(digits, 16).map_err(|_| invalid())?;
    let c = char::from_u32(code).ok_or_else(|| format!("`\\u{{{digits}}}` is not a Unicode scalar value"))?;
    Ok((3 + close + 1, c))
}

/// Escapes text for printing between quotes.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\u{D}"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_resolve() {
        assert_eq!(unescape(r#"a\"b\\c\nd\u{4E2D}e"#).unwrap(), "a\"b\\c\nd中e");
    }

    #[test]
    fn unknown_escape_is_reported() {
        assert_eq!(unescape(r"ab\q").unwrap_err().0, 2);
    }

    #[test]
    fn escape_round_trips() {
        let text = "say \"hi\"\\\n\t中";
        assert_eq!(unescape(&escape(text)).unwrap(), text);
    }
}
