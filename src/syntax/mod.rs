//! Syntax: source text to an [`ast::File`] with byte spans, plus the
//! comments the formatter keeps.
//!
//! Every failure becomes a [`Diagnostic`], and recursion is bounded: a
//! lexical pass ([`scan`]) rejects unbalanced or too deeply nested brackets
//! before the pest grammar runs. The robustness tests feed hostile input to
//! check that no panic escapes.

pub mod ast;
mod docs;
mod errors;
mod escape;
mod parser;
mod recovery;
mod scan;

use pest::Parser;

pub use docs::DocComments;
pub use errors::KEYWORDS;
pub use escape::{escape, unescape};
pub use scan::{Comment, CommentKind, MAX_DEPTH};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// The largest file the parser accepts, in bytes.
pub const MAX_FILE_SIZE: usize = 32 * 1024 * 1024;

/// The result of parsing one file.
#[derive(Debug)]
pub struct Parsed {
    /// The tree, or `None` when the text does not parse.
    pub ast: Option<ast::File>,
    /// Every comment in the file, in order.
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
    /// Lines left out to recover from syntax errors. When there are any,
    /// `ast` contains the rest of the file, good for reporting more problems
    /// but not for formatting.
    pub skipped: Vec<Span>,
}

/// Decodes file bytes as UTF-8. Invalid bytes become U+FFFD in the returned
/// text, so the error can still be shown with its line, and a diagnostic
/// points at the first of them.
pub fn decode(file: FileId, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let shown_at = String::from_utf8_lossy(&error.as_bytes()[..at]).len();
            let diagnostic = Diagnostic::new(
                Code::NotText,
                file,
                shown_at..shown_at + '\u{FFFD}'.len_utf8(),
                format!("the file is not valid UTF-8: invalid byte at offset {at}"),
            )
            .with_label("invalid UTF-8")
            .with_help("reflow reads UTF-8 text; try saving the file as UTF-8");
            (lossy, Some(diagnostic))
        }
    }
}

/// Parses one file.
pub fn parse(file: FileId, text: &str) -> Parsed {
    if let Some(diagnostic) = reject_input(file, text) {
        return Parsed {
            ast: None,
            comments: Vec::new(),
            diagnostics: vec![diagnostic],
            skipped: Vec::new(),
        };
    }

    // A byte-order mark becomes spaces of the same length, so offsets stay.
    let without_bom;
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => {
            without_bom = format!("   {rest}");
            without_bom.as_str()
        }
        None => text,
    };

    let scanned = scan::scan(text);
    if let Some(error) = scanned.error {
        let code = if error.too_deep { Code::TooDeep } else { Code::Syntax };
        let diagnostic = Diagnostic::new(code, file, error.span, error.message)
            .with_label(error.label)
            .with_help(error.help);
        return Parsed {
            ast: None,
            comments: scanned.comments,
            diagnostics: vec![diagnostic],
            skipped: Vec::new(),
        };
    }

    // On a syntax error, blank the offending line and parse again, so that
    // one run reports the errors of several statements. Only a line whose
    // brackets balance is blanked: removing half a block would make the rest
    // of the file mean something else.
    let mut diagnostics = Vec::new();
    let mut skipped = Vec::new();
    let mut repaired: Option<String> = None;
    let pairs = loop {
        let current = repaired.as_deref().unwrap_or(text);
        let error = match parser::ReflowParser::parse(parser::Rule::file, current) {
            Ok(pairs) => break pairs,
            Err(error) => error,
        };
        diagnostics.push(errors::from_pest(file, current, &error));
        let line = recovery::line_to_skip(current, errors::position(&error));
        match line {
            Some(line) if skipped.len() < recovery::MAX_SKIPPED_LINES => {
                repaired = Some(recovery::blank(current, &line));
                skipped.push(line);
            }
            _ => return Parsed { ast: None, comments: scanned.comments, diagnostics, skipped },
        }
    };
    let text = repaired.as_deref().unwrap_or(text);

    let mut builder =
        parser::Builder { docs: docs::DocComments::new(text, &scanned.comments), escape_errors: Vec::new() };
    let root = pairs.into_iter().next().expect("the file rule always yields one pair");
    let ast = builder.file(root);
    diagnostics.extend(builder.escape_errors.into_iter().map(|error| {
        Diagnostic::new(Code::InvalidEscape, file, error.span, error.message)
            .with_label("invalid escape")
            .with_help("the escapes are \\\" \\\\ \\n \\t and \\u{XXXX}")
    }));
    Parsed { ast: Some(ast), comments: scanned.comments, diagnostics, skipped }
}

/// Rejects input that is too large or binary before any parsing.
fn reject_input(file: FileId, text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_SIZE {
        let message =
            format!("the file is {} bytes; reflow reads files up to {MAX_FILE_SIZE} bytes", text.len());
        return Some(
            Diagnostic::new(Code::TooLarge, file, 0..0, message)
                .with_help("try splitting the model into several files joined with `import`"),
        );
    }

    let (at, c) = text.char_indices().find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    Some(
        Diagnostic::new(
            Code::NotText,
            file,
            at..at + c.len_utf8(),
            format!("the file contains the control character U+{:04X}; it looks like binary data", c as u32),
        )
        .with_label("control character")
        .with_help("reflow reads plain text; check that this is the model file you meant"),
    )
}
