//! `reflow completions SHELL`.

use clap::CommandFactory;

use super::{Cli, EXIT_OK, output};

pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    // Generate into memory first: clap_complete panics if its writer fails.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "reflow", &mut script);
    output::stdout(&String::from_utf8_lossy(&script));
    EXIT_OK
}
