//! `reflow analyze`: load, check, analyse each process, print the analysis.

use super::output;
use serde::Serialize;

use super::analyze_format;
use super::args::{AnalyzeArgs, AnalyzeFormat};
use super::check::usage_error;
use super::{EXIT_FINDINGS, EXIT_OK, inputs, terminal_width};
use crate::analysis::{self, Options, Report};
use crate::diagnostic::{
    Code, Diagnostic, JsonReport, TextOptions, did_you_mean, render_text, sort_and_dedup,
};
use crate::model::{self, Model, ProcessId};

/// The document printed by `reflow analyze --format json`: the analysis
/// of each process, and the findings in the shape of `reflow check`.
#[derive(Debug, Serialize)]
struct JsonAnalysis<'a> {
    version: u32,
    processes: &'a [Report],
    findings: JsonReport,
}

pub fn analyze(args: &AnalyzeArgs, color: bool) -> u8 {
    let inputs = match inputs::expand(std::slice::from_ref(&args.file)) {
        Ok(inputs) if inputs.len() == 1 => inputs,
        Ok(_) => {
            return usage_error(&format!(
                "`{}` is a folder; analyze takes one model file",
                args.file.display()
            ));
        }
        Err(message) => return usage_error(&message),
    };
    let loaded = match model::load(&inputs) {
        Ok(loaded) => loaded,
        Err(error) => return usage_error(&error.to_string()),
    };

    let (built, mut diagnostics) = build(&loaded);
    let usable = !diagnostics.iter().any(Diagnostic::is_error);
    if usable {
        diagnostics.extend(crate::check::check(&built));
    }
    let processes = match selected(&built, args.process.as_deref(), usable) {
        Ok(processes) => processes,
        Err(message) => return usage_error(&message),
    };
    if usable {
        relocate_load_warnings(&built, &processes, args.arrivals, &mut diagnostics);
    }
    sort_and_dedup(&mut diagnostics);

    let options = Options { interarrival: args.arrivals };
    let reports: Vec<Report> = if usable {
        processes.iter().filter_map(|&id| analysis::report(&built, id, options)).collect()
    } else {
        Vec::new()
    };
    print(args.format, &reports, &diagnostics, &loaded.sources, color);
    if diagnostics.iter().any(Diagnostic::is_error) { EXIT_FINDINGS } else { EXIT_OK }
}

/// Builds the model; its diagnostics are those of loading and building.
fn build(loaded: &model::Loaded) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = loaded.diagnostics.clone();
    let (built, found) = model::build(loaded);
    diagnostics.extend(found);
    (built, diagnostics)
}

/// Picks the processes to analyse: the one named, or all.
fn selected(model: &Model, name: Option<&str>, usable: bool) -> Result<Vec<ProcessId>, String> {
    let Some(name) = name else { return Ok((0..model.processes.len()).map(ProcessId).collect()) };
    if let Some(id) = model.find_process(name) {
        return Ok(vec![id]);
    }
    if !usable {
        // The model's own errors explain why the process is missing.
        return Ok(Vec::new());
    }
    let ids = model.processes.iter().map(|process| process.id.as_str());
    Err(match did_you_mean(name, ids.clone()) {
        Some(similar) => format!("no process `{name}` in the model; did you mean `{similar}`?"),
        None => format!(
            "no process `{name}` in the model; it has {}",
            ids.map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
        ),
    })
}

/// Replaces the static-load warnings, which `reflow check` gives for the
/// model as declared only, with those of every scenario, at the arrival
/// rate given on the command line for the analysed processes.
fn relocate_load_warnings(
    model: &Model,
    processes: &[ProcessId],
    interarrival: Option<f64>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    diagnostics.retain(|diagnostic| diagnostic.code != Code::RoleOverloaded);
    for (index, _) in model.processes.iter().enumerate() {
        let id = ProcessId(index);
        let overridden = interarrival.filter(|_| processes.contains(&id));
        analysis::diagnostics::check_load(model, id, overridden, diagnostics);
    }
}

fn print(
    format: AnalyzeFormat,
    reports: &[Report],
    diagnostics: &[Diagnostic],
    sources: &crate::source::SourceMap,
    color: bool,
) {
    match format {
        AnalyzeFormat::Json => {
            let mut findings = JsonReport::new();
            findings.add(diagnostics, sources);
            let document = JsonAnalysis { version: 1, processes: reports, findings };
            let text =
                serde_json::to_string_pretty(&document).expect("the analysis has only serialisable fields");
            output::stdout(&format!("{text}\n"));
        }
        AnalyzeFormat::Text | AnalyzeFormat::Md => {
            let body = if format == AnalyzeFormat::Md {
                analyze_format::markdown(reports)
            } else {
                analyze_format::text(reports)
            };
            output::stdout(&body);
            // The findings follow the analysis when both go to one terminal.
            let _ = std::io::Write::flush(&mut std::io::stdout());
            let options = TextOptions { color, width: terminal_width() };
            output::stderr(&render_text(diagnostics, sources, options));
        }
    }
}
