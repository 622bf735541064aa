//! Showing diagnostics: rustc-like text through miette, and JSON for tools.

use std::fmt;

use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap, Span};

/// Options for drawing text diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    pub color: bool,
    /// Terminal width used to wrap messages.
    pub width: usize,
}

/// Renders findings as rustc-like text with source excerpts.
pub fn render_text(diagnostics: &[Diagnostic], sources: &SourceMap, options: TextOptions) -> String {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false);

    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = MietteReport::new(diagnostic, sources);
        // `fmt::Write` for `String` never returns an error.
        let _ = handler.render_report(&mut out, &report);
    }
    out
}

/// A miette view of one [`Diagnostic`] and its related places.
#[derive(Debug)]
struct MietteReport {
    message: String,
    code: &'static str,
    severity: Severity,
    help: Option<String>,
    source: WindowedSource,
    labels: Vec<LabeledSpan>,
    related: Vec<MietteReport>,
}

impl MietteReport {
    fn new(diagnostic: &Diagnostic, sources: &SourceMap) -> Self {
        let file = sources.get(diagnostic.file);
        let mut labels = vec![labeled(file, &diagnostic.span, &diagnostic.label, true)];
        let mut related = Vec::new();

        // Places in the same file become extra labels; places in other files
        // become related notes with their own excerpt.
        for place in &diagnostic.related {
            if place.file == diagnostic.file {
                labels.push(labeled(file, &place.span, &place.label, false));
            } else {
                let other = sources.get(place.file);
                related.push(MietteReport {
                    message: place.label.clone(),
                    code: "",
                    severity: Severity::Warning,
                    help: None,
                    source: named_source(other),
                    labels: vec![labeled(other, &place.span, "", true)],
                    related: Vec::new(),
                });
            }
        }

        MietteReport {
            message: diagnostic.message.clone(),
            code: diagnostic.code.as_str(),
            severity: diagnostic.severity,
            help: diagnostic.help.clone(),
            source: named_source(file),
            labels,
            related,
        }
    }
}

fn named_source(file: &SourceFile) -> WindowedSource {
    WindowedSource { name: file.name.clone(), text: file.text.clone(), line_starts: file.line_starts.clone() }
}

/// A file as miette reads it for an excerpt. miette finds the lines around
/// a span by scanning the source from its first byte. This type hands it
/// only the lines near the span and shifts the result back, so showing many
/// findings of a large file takes time in the number of findings, not in
/// findings times file size.
#[derive(Debug)]
struct WindowedSource {
    name: String,
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl WindowedSource {
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }
}

impl SourceCode for WindowedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Whole lines from a little before the span's first context line to
        // a little after its last, so miette finds the same surroundings.
        let first = self.line_of(span.offset()).saturating_sub(context_lines_before + 1);
        let last = self.line_of(span.offset() + span.len()) + context_lines_after + 2;
        let window_start = self.line_starts[first];
        let window_end = self.line_starts.get(last).copied().unwrap_or(self.text.len());
        let window = &self.text[window_start..window_end];

        let inner_span = SourceSpan::new((span.offset() - window_start).into(), span.len());
        let inner = window.read_span(&inner_span, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len());

        // miette counts columns in bytes; reflow counts characters, so that
        // a Chinese character is one column as in the JSON output.
        let offset = span.offset().min(self.text.len());
        let line_start = self.line_starts[self.line_of(offset)];
        let column = match self.text.get(line_start..offset) {
            Some(before) => before.chars().count(),
            None => inner.column(),
        };
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                shifted,
                inner.line() + first,
                column,
                inner.line_count(),
            )
            .with_language("reflow"),
        ))
    }
}

/// Clamps a span to the file and to char boundaries so miette never slices
/// inside a character.
fn labeled(file: &SourceFile, span: &Span, label: &str, primary: bool) -> LabeledSpan {
    let start = crate::source::floor_char_boundary(&file.text, span.start.min(file.text.len()));
    let end = crate::source::floor_char_boundary(&file.text, span.end.clamp(start, file.text.len()));
    let text = (!label.is_empty()).then(|| label.to_string());
    let span = SourceSpan::from(start..end);
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

impl fmt::Display for MietteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteReport {}

impl miette::Diagnostic for MietteReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning if self.code.is_empty() => miette::Severity::Advice,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|report| report as &dyn miette::Diagnostic)))
    }
}

/// The JSON document printed by `reflow check --format json`. Its shape is
/// documented in docs/json.md; fields are only ever added.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    pub version: u32,
    pub diagnostics: Vec<JsonDiagnostic>,
    pub summary: JsonSummary,
}

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub span: JsonSpan,
    pub label: String,
    pub help: Option<String>,
    pub related: Vec<JsonRelated>,
}

#[derive(Debug, Serialize)]
pub struct JsonRelated {
    pub file: String,
    pub span: JsonSpan,
    pub label: String,
}

/// A byte range with its 1-based line and column (columns count characters).
#[derive(Debug, Serialize)]
pub struct JsonSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonSummary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl JsonReport {
    /// Creates an empty report.
    pub fn new() -> Self {
        JsonReport {
            version: 1,
            diagnostics: Vec::new(),
            summary: JsonSummary { files: 0, errors: 0, warnings: 0 },
        }
    }

    /// Adds the findings of one model, whose files are in `sources`.
    pub fn add(&mut self, diagnostics: &[Diagnostic], sources: &SourceMap) {
        self.summary.files += sources.len();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
            }
            self.diagnostics.push(json_diagnostic(diagnostic, sources));
        }
    }

    /// Returns the report as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).expect("the JSON report has only serialisable fields");
        text.push('\n');
        text
    }
}

impl Default for JsonReport {
    fn default() -> Self {
        Self::new()
    }
}

/// Renders the findings of one model as the JSON document of `--format json`.
pub fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut report = JsonReport::new();
    report.add(diagnostics, sources);
    report.to_json()
}

fn json_diagnostic(diagnostic: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
    let file = sources.get(diagnostic.file);
    JsonDiagnostic {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity,
        message: diagnostic.message.clone(),
        file: file.name.clone(),
        span: json_span(file, &diagnostic.span),
        label: diagnostic.label.clone(),
        help: diagnostic.help.clone(),
        related: diagnostic
            .related
            .iter()
            .map(|place| {
                let other = sources.get(place.file);
                JsonRelated {
                    file: other.name.clone(),
                    span: json_span(other, &place.span),
                    label: place.label.clone(),
                }
            })
            .collect(),
    }
}

fn json_span(file: &SourceFile, span: &Span) -> JsonSpan {
    let (line, column) = file.line_column(span.start);
    let (end_line, end_column) = file.line_column(span.end);
    JsonSpan { start: span.start, end: span.end, line, column, end_line, end_column }
}
