//! Writing to standard output and standard error without panicking.
//!
//! `print!` panics when the reader has gone away, as in `reflow ... | head`.
//! These functions end the process quietly instead, as other command-line
//! tools do: the reader asked for no more output, which is not an error.

use std::io::{self, Write};

/// Writes `text` to standard output.
pub fn stdout(text: &str) {
    let mut out = io::stdout().lock();
    finish_on_error(out.write_all(text.as_bytes()).and_then(|()| out.flush()));
}

/// Writes `text` to standard error.
pub fn stderr(text: &str) {
    let mut err = io::stderr().lock();
    finish_on_error(err.write_all(text.as_bytes()).and_then(|()| err.flush()));
}

/// Ends the process when a write failed. A closed pipe ends it with status
/// 0; any other failure (a full disk, say) with the usage and I/O status 2.
fn finish_on_error(result: io::Result<()>) {
    let Err(error) = result else { return };
    if error.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(i32::from(super::EXIT_OK));
    }
    let _ = writeln!(io::stderr(), "error: cannot write the output: {error}");
    std::process::exit(i32::from(super::EXIT_USAGE));
}
