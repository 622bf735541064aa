//! Command-line arguments, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  reflow check examples/complaint_handling.flow
  reflow check --deny warnings --format json examples/*.flow
  reflow fmt examples/short_form.flow
  reflow fmt --check examples/
  cat model.flow | reflow fmt -";

/// Check and format plain-text business process models.
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

    /// Format models in the canonical layout, keeping every comment.
    #[command(after_help = "\
Examples:
  reflow fmt model.flow                       rewrite in place
  reflow fmt --check examples/                list files that would change (exit 1)
  cat model.flow | reflow fmt -               read stdin, write stdout

A file that does not parse is never rewritten.")]
    Fmt(FmtArgs),

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
pub struct FmtArgs {
    /// Model files or folders of `.flow` files; `-` reads standard input and writes standard output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Change nothing; list the files that are not formatted and exit with 1 if any.
    #[arg(long)]
    pub check: bool,
}
