//! `reflow completions SHELL`.

use clap::CommandFactory;

use super::{Cli, EXIT_OK};

pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "reflow", &mut std::io::stdout());
    EXIT_OK
}
