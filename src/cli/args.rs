//! Command-line arguments, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::syntax::ast::TimeUnit;

const EXAMPLES: &str = "\
Examples:
  reflow check examples/complaint_handling.flow
  reflow check --deny warnings --format json examples/*.flow
  reflow analyze bench/complaint_reference.flow
  reflow fmt examples/short_form.flow
  reflow fmt --check examples/
  cat model.flow | reflow fmt -
  reflow sim bench/complaint_reference.flow --scenario staffed
  reflow sim as_is.flow --compare to_be.flow --format html -o report.html
  reflow render examples/complaint_handling.flow --process complaint -o complaint.svg
  reflow docs examples/complaint_handling.flow -o handbook
  reflow build examples/ -o site --lang en";

/// Check, format and simulate plain-text business process models.
#[derive(Debug, Parser)]
#[command(name = "reflow", version, about, after_help = EXAMPLES, arg_required_else_help = true)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check models and report every problem found.
    #[command(after_help = "\
Examples:
  reflow check examples/complaint_handling.flow
  reflow check examples/                      every .flow file in a folder
  reflow check --deny warnings examples/*.flow
  reflow check --format json model.flow       for editors and CI

Exit status: 0 no findings, 1 findings (errors, or warnings with --deny warnings), 2 usage or I/O error.")]
    Check(CheckArgs),

    /// Analyse processes: must-pass steps, visits, time, hand-offs and load.
    #[command(after_help = "\
Examples:
  reflow analyze model.flow                     every process of the model
  reflow analyze model.flow --process complaint
  reflow analyze model.flow --arrivals 6m       a case every 6 minutes
  reflow analyze model.flow --format json       for tools
  reflow analyze model.flow --format md > analysis.md

Findings such as overloaded roles go to stderr; the analysis goes to stdout.
Exit status: 0 no errors in the model, 1 errors, 2 usage or I/O error.")]
    Analyze(AnalyzeArgs),

    /// Format models in the canonical layout, keeping every comment.
    #[command(after_help = "\
Examples:
  reflow fmt model.flow                       rewrite in place
  reflow fmt --check examples/                list files that would change (exit 1)
  cat model.flow | reflow fmt -               read stdin, write stdout

A file that does not parse is never rewritten.")]
    Fmt(FmtArgs),

    /// Simulate a process and report its KPIs, or compare an as-is process with a to-be one.
    #[command(after_help = "\
Examples:
  reflow sim model.flow                                 settings from the file's simulation block
  reflow sim model.flow --scenario staffed --cases 100000 --replications 20
  reflow sim model.flow --horizon 30d --warmup 2d       run for 30 days, measure after the first 2
  reflow sim as_is.flow --compare to_be.flow            same arrivals and seeds for both
  reflow sim model.flow --compare other.flow:claims     the process `claims` of other.flow
  reflow sim model.flow --scenario as_is --compare-scenario staffed --format html -o report.html

Durations take a unit: s, m, h, d or w (30m, 8h, 2d).
Exit status: 0 success, 1 errors in the model or a failed run, 2 usage or I/O error.")]
    Sim(SimArgs),

    /// Draw a process as a swimlane flowchart, or the organisation chart, in SVG or PNG.
    #[command(after_help = "\
Examples:
  reflow render examples/short_form.flow -o short_form.svg
  reflow render examples/complaint_handling.flow --process complaint -o complaint.svg
  reflow render model.flow --direction vertical --theme print -o chart.svg
  reflow render model.flow --no-legend -o chart.svg
  reflow render model.flow > chart.svg          SVG on standard output
  reflow render model.flow -o chart.png         PNG, drawn with the system's fonts
  reflow render --org examples/crm_organisation.flow -o org.svg

One lane per role, in the order of the process's `lanes`, else of first use.
Exit status: 0 success, 1 errors in the model, 2 usage or I/O error.")]
    Render(RenderArgs),

    /// Write job descriptions and process descriptions in Markdown.
    #[command(after_help = "\
Examples:
  reflow docs examples/complaint_handling.flow -o handbook
  reflow docs examples/complaint_handling.flow --role service_agent > service_agent.md
  reflow docs examples/complaint_handling.flow --process complaint --lang en -o docs

With -o DIR, reflow writes DIR/README.md (an index), DIR/roles/<id>.md,
DIR/processes/<id>.md and the flowchart DIR/processes/<id>.svg. Without -o,
one document goes to standard output, without its flowchart.
Exit status: 0 success, 1 errors in the model, 2 usage or I/O error.")]
    Docs(DocsArgs),

    /// Build the handbook as a website: an index, every process description and job description.
    #[command(after_help = "\
Examples:
  reflow build examples/ -o site                every .flow file of a folder
  reflow build examples/complaint_handling.flow -o site --lang en
  reflow build org.flow sales.flow service.flow -o handbook

DIR receives index.html, processes/<id>.html, roles/<id>.html and
style.css. The pages need no network and no JavaScript: open DIR/index.html
in a browser, or print a page to PDF on A4. An existing DIR is replaced
only when it is empty or holds an earlier site (it has an index.html).
Files that cannot be built as one model, such as a short-form file next to
files that declare roles, are built as separate models; each role and
process then appears once, from the first model that declares it.
Exit status: 0 success, 1 errors in the model, 2 usage or I/O error.")]
    Build(BuildArgs),

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  reflow completions bash > /etc/bash_completion.d/reflow
  reflow completions zsh > \"${fpath[1]}/_reflow\"
  reflow completions fish > ~/.config/fish/completions/reflow.fish")]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Model files or folders of `.flow` files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format: rustc-like text on stderr, or JSON on stdout.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Treat findings of this level as errors; `warnings` is the only level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,

    /// Print nothing when there are no findings.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The model file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Analyse only the process with this id; by default every process.
    #[arg(long, value_name = "ID")]
    pub process: Option<String>,

    /// Output format: aligned text, JSON, or Markdown tables.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Text)]
    pub format: AnalyzeFormat,

    /// Mean time between arrivals, such as `6m` or `1.5h`, in place of the
    /// simulation's `arrivals`; sets the arrival rate of the workload.
    #[arg(long, value_name = "DURATION", value_parser = parse_minutes)]
    pub arrivals: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Text,
    Json,
    Md,
}

/// Reads a duration with its unit (`30s`, `6m`, `1.5h`, `2d`, `1w`) as minutes.
fn parse_minutes(text: &str) -> Result<f64, String> {
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit = match unit {
        "s" => TimeUnit::Second,
        "m" => TimeUnit::Minute,
        "h" => TimeUnit::Hour,
        "d" => TimeUnit::Day,
        "w" => TimeUnit::Week,
        _ => return Err(format!("`{text}` needs a unit: s, m, h, d or w, such as `6m`")),
    };
    match number.parse::<f64>() {
        Ok(value) if value > 0.0 && value.is_finite() => Ok(value * unit.minutes()),
        _ => Err(format!("`{text}` is not a positive duration; try `6m`")),
    }
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Model files or folders of `.flow` files; `-` reads standard input and writes standard output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Change nothing; list the files that are not formatted and exit with 1 if any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// The model file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The process to simulate [default: the simulation block's, or the only process].
    #[arg(long, value_name = "ID")]
    pub process: Option<String>,

    /// A scenario of the simulation block to apply: headcounts, costs, arrivals.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,

    /// Cases that arrive per replication; the run ends when all have finished.
    #[arg(long, value_name = "N", conflicts_with = "horizon")]
    pub cases: Option<u64>,

    /// Simulated time per replication, such as `30d`; cases unfinished then are left out.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub horizon: Option<f64>,

    /// Independent replications, for confidence intervals.
    #[arg(short, long, value_name = "R")]
    pub replications: Option<u32>,

    /// The base seed; each replication's seed is derived from it.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Simulated time at the start of each replication left out of the KPIs, such as `2d`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub warmup: Option<f64>,

    /// Threads that run replications [default: one per core]; results do not depend on it.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,

    /// A to-be model to compare with, optionally naming its process after a colon.
    #[arg(long, value_name = "FILE[:PROCESS]", conflicts_with = "compare_scenario")]
    pub compare: Option<String>,

    /// A scenario of the same model to compare with, as the to-be.
    #[arg(long, value_name = "ID")]
    pub compare_scenario: Option<String>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = SimFormat::Table)]
    pub format: SimFormat,

    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also print the run time and speed on standard error.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimFormat {
    Table,
    Json,
    Csv,
    Html,
}

/// Parses a duration with its unit, such as `90m` or `2d`, into minutes.
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let minutes_per_unit = match unit {
        "s" => 1.0 / 60.0,
        "m" => 1.0,
        "h" => 60.0,
        "d" => 24.0 * 60.0,
        "w" => 7.0 * 24.0 * 60.0,
        "" => return Err(format!("`{text}` has no unit: try `{text}m` for minutes, or s, h, d, w")),
        _ => return Err(format!("`{unit}` is not a unit of time: use s, m, h, d or w, as in `30m`")),
    };
    let value: f64 =
        number.parse().map_err(|_| format!("`{text}` is not a duration such as `30m` or `2d`"))?;
    Ok(value * minutes_per_unit)
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The model file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The process to draw [default: the only process declared in FILE].
    #[arg(long, value_name = "ID")]
    pub process: Option<String>,

    /// Draw the organisation chart instead: roles under the roles they report to, one column per department.
    #[arg(long, conflicts_with = "process")]
    pub org: bool,

    /// Which way the flow runs: left to right with lanes as rows, or top to bottom with lanes as columns
    /// [default: horizontal; vertical with --org].
    #[arg(long, value_enum)]
    pub direction: Option<RenderDirection>,

    /// Colours: light for screens, dark for dark pages, print for black and white.
    #[arg(long, value_enum, default_value_t = RenderTheme::Light)]
    pub theme: RenderTheme,

    /// Leave out the legend of the symbols that the chart uses.
    #[arg(long)]
    pub no_legend: bool,

    /// Write the chart to this file instead of standard output: SVG, or PNG
    /// when the name ends in `.png`. `-` is standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderDirection {
    Horizontal,
    Vertical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderTheme {
    Light,
    Dark,
    Print,
}

#[derive(Debug, Args)]
pub struct DocsArgs {
    /// The model file; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write only the job description of the role with this id.
    #[arg(long, value_name = "ID", conflicts_with_all = ["process", "all"])]
    pub role: Option<String>,

    /// Write only the description of the process with this id.
    #[arg(long, value_name = "ID", conflicts_with = "all")]
    pub process: Option<String>,

    /// Write every declared role's job description and every process's
    /// description, with an index; the default.
    #[arg(long)]
    pub all: bool,

    /// Output format: GitHub-flavoured Markdown, or HTML pages with an index and a stylesheet (needs `-o DIR`).
    #[arg(long, value_enum, default_value_t = DocsFormat::Md)]
    pub format: DocsFormat,

    /// Language of headings and fixed text.
    #[arg(long, value_enum, default_value_t = DocsLang::Zh)]
    pub lang: DocsLang,

    /// The folder to write into, created when missing; without it, one
    /// document goes to standard output.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocsLang {
    Zh,
    En,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Model files or folders of `.flow` files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The folder to write the site into; created when missing.
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,

    /// Language of headings and fixed text.
    #[arg(long, value_enum, default_value_t = DocsLang::Zh)]
    pub lang: DocsLang,
}
