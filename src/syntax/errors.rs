//! Turning pest's parse errors into diagnostics in the user's words: what
//! was expected, named as a user would name it, what was found instead, and
//! a "did you mean" when the line starts with a misspelt keyword.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::parser::Rule;
use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::source::FileId;

/// Every keyword that can start a statement.
pub const KEYWORDS: &[&str] = &[
    "import",
    "department",
    "role",
    "process",
    "simulation",
    "scenario",
    "key",
    "start",
    "end",
    "task",
    "decision",
    "merge",
    "fork",
    "join",
    "inclusive_split",
    "inclusive_join",
    "wait",
    "call",
    "document",
    "store",
    "note",
];

/// Returns the byte offset a pest error points at.
pub fn position(error: &Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(at) => at,
        InputLocation::Span((start, _)) => start,
    }
}

/// Converts a pest error into a diagnostic.
pub fn from_pest(file: FileId, text: &str, error: &Error<Rule>) -> Diagnostic {
    let at = position(error);

    if let Some(diagnostic) = misspelt_keyword(file, text, at) {
        return diagnostic;
    }

    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_expected(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let (found, length) = describe_found(text, at);
    Diagnostic::new(Code::Syntax, file, at..at + length, format!("expected {expected}, found {found}"))
        .with_label(format!("expected {expected}"))
        .with_help(help_for(text, at))
}

/// Names the rules pest expected in words, deduplicated and in a stable order.
fn describe_expected(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for rule in rules {
        let word = rule_words(*rule);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words.sort_unstable();
    match words.as_slice() {
        [] => "something else".to_string(),
        [only] => only.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Returns a user's name for a grammar rule.
fn rule_words(rule: Rule) -> &'static str {
    use Rule::*;
    match rule {
        EOI => "the end of the file",
        item | department | role | process | simulation | import | kw_import | kw_department | kw_role
        | kw_process | kw_simulation => "a declaration such as `role` or `process`",
        department_head => "`department`",
        role_head => "`role`",
        process_head => "`process`",
        simulation_head => "`simulation`",
        scenario | scenario_head | kw_scenario => "`scenario`",
        node | node_head | node_kind | kw_start | kw_end | kw_task | kw_decision | kw_merge | kw_fork
        | kw_join | kw_inclusive_split | kw_inclusive_join | kw_wait | kw_call | kw_document | kw_store
        | kw_note => "a step such as `task`",
        key_stmt | kw_key => "`key`",
        flow | endpoint | node_ref => "a step name",
        arrow => "`->`",
        lane => "a lane such as `@agent`",
        flow_label => "a branch label",
        attr | path => "an attribute such as `role: agent`",
        value | phrase | list | reference => "a value",
        string | string_inner => "a quoted text",
        ident => "a name",
        number => "a number",
        percent => "a percentage such as `80%`",
        duration | time_unit => "a duration such as `30m`",
        money | currency => "an amount such as `80 CNY`",
        time_range | clock => "a time range such as `09:00-18:00`",
        day_range | weekday => "weekdays such as `mon-fri`",
        call => "a call such as `uniform(5m, 15m)`",
        block | department_body | process_body | simulation_body => "`{`",
        _ => "a value",
    }
}

/// Describes the text at `at` and returns the length of the token found.
fn describe_found(text: &str, at: usize) -> (String, usize) {
    let rest = &text[at.min(text.len())..];
    let Some(first) = rest.chars().next() else {
        return ("the end of the file".to_string(), 0);
    };
    if first == '\n' || first == '\r' {
        return ("the end of the line".to_string(), 0);
    }
    if is_word_char(first) {
        let word: String = rest.chars().take_while(|&c| is_word_char(c)).collect();
        let length = word.len();
        return (format!("`{word}`"), length);
    }
    if rest.starts_with("->") {
        return ("`->`".to_string(), 2);
    }
    (format!("`{first}`"), first.len_utf8())
}

fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Reports a statement whose first word is a near miss of a keyword, such as
/// `tsak register`, which the grammar can only see as a flow gone wrong.
fn misspelt_keyword(file: FileId, text: &str, at: usize) -> Option<Diagnostic> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let indent = line.len() - line.trim_start().len();
    let word: String = line.trim_start().chars().take_while(|&c| is_word_char(c)).collect();
    let after = line.trim_start()[word.len()..].chars().next();

    // Only a word followed by a space and another name reads as a misspelt
    // keyword; `word:` is an attribute and `word ->` a flow.
    if word.is_empty() || KEYWORDS.contains(&word.as_str()) || after != Some(' ') {
        return None;
    }
    let next = line.trim_start()[word.len()..].trim_start();
    if next.starts_with("->") || next.starts_with(':') || next.starts_with('"') && !next.contains('{') {
        return None;
    }
    let keyword = did_you_mean(&word, KEYWORDS.iter().copied())?;

    let start = line_start + indent;
    Some(
        Diagnostic::new(Code::Syntax, file, start..start + word.len(), format!("unknown keyword `{word}`"))
            .with_label("not a keyword")
            .with_help(format!("did you mean `{keyword}`?")),
    )
}

/// Returns a help line for the most common mistakes at this position.
fn help_for(text: &str, at: usize) -> String {
    let rest = &text[at.min(text.len())..];
    // Inside a block pest points at the start of `key = value`, not at the
    // `=`, so look past the key as well.
    let after_key =
        rest.trim_start_matches(|c: char| is_word_char(c) || c == '.').trim_start_matches([' ', '\t']);
    if rest.starts_with("-->") || rest.starts_with("=>") {
        return "flows are written with `->`".to_string();
    }
    if rest.starts_with('=') || after_key.starts_with('=') && !after_key.starts_with("=>") {
        return "attributes are written `key: value`; try `:` in place of `=`".to_string();
    }
    if let Some(ascii) = rest.chars().next().and_then(ascii_for_full_width) {
        return format!("this is a full-width character; reflow's punctuation is ASCII: try `{ascii}`");
    }
    if rest.starts_with('\'') {
        return "texts are quoted with `\"`, not `'`".to_string();
    }
    "see docs/language.md for the forms a statement can take".to_string()
}

/// The ASCII punctuation a full-width or typographic character stands for,
/// as typed with a Chinese input method.
fn ascii_for_full_width(c: char) -> Option<char> {
    Some(match c {
        '：' => ':',
        '，' => ',',
        '；' => ';',
        '（' => '(',
        '）' => ')',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '｛' => '{',
        '｝' => '}',
        '“' | '”' | '＂' => '"',
        '％' => '%',
        '＠' => '@',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pest::Parser;

    fn first_error(text: &str) -> Diagnostic {
        let error = super::super::parser::ReflowParser::parse(Rule::file, text).expect_err("invalid input");
        from_pest(FileId(0), text, &error)
    }

    #[test]
    fn misspelt_task_keyword() {
        let diagnostic = first_error("process p {\n    tsak register \"Register\"\n}\n");
        assert_eq!(diagnostic.message, "unknown keyword `tsak`");
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `task`?"));
        assert_eq!(diagnostic.span, 16..20);
    }

    #[test]
    fn equals_in_block_suggests_colon() {
        let diagnostic = first_error("role agent \"Agent\" {\n    headcount = 2\n}\n");
        assert_eq!(
            diagnostic.help.as_deref(),
            Some("attributes are written `key: value`; try `:` in place of `=`")
        );
    }

    #[test]
    fn fat_arrow_suggests_flow_arrow() {
        let diagnostic = first_error("receive => register\n");
        assert_eq!(diagnostic.help.as_deref(), Some("flows are written with `->`"));
    }

    #[test]
    fn no_rule_names_in_messages() {
        let diagnostic = first_error("process p {\n  a -> \n}\n");
        assert!(!diagnostic.message.contains("node_ref"), "{}", diagnostic.message);
        assert!(diagnostic.message.starts_with("expected"), "{}", diagnostic.message);
    }
}
