//! The `reflow` command line: arguments ([`args`]), one module per
//! subcommand, and the exit codes they share.

mod analyze;
mod analyze_format;
mod args;
mod build;
mod check;
mod completions;
mod docs;
mod fmt;
mod inputs;
mod output;
mod render;
mod sim;
mod site_folder;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{Color, Command};

/// Exit status: no findings.
pub const EXIT_OK: u8 = 0;
/// Exit status: findings in the model, or files that need formatting.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: invalid usage or an I/O error.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version on stdout with status 0, and
            // usage errors on stderr with status 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let color = use_color(cli.color);
    let status = match cli.command {
        Command::Check(args) => check::check(&args, color),
        Command::Analyze(args) => analyze::analyze(&args, color),
        Command::Fmt(args) => fmt::fmt(&args, color),
        Command::Sim(args) => sim::sim(&args, color),
        Command::Render(args) => render::render(&args, color),
        Command::Docs(args) => docs::docs(&args, color),
        Command::Build(args) => build::build(&args, color),
        Command::Completions { shell } => completions::completions(shell),
    };
    ExitCode::from(status)
}

/// Decides whether to colour diagnostics, which go to stderr.
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

/// Returns the width diagnostics wrap at: `COLUMNS` when set, else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|&width| width >= 40)
        .unwrap_or(100)
}
