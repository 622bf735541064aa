//! The progress bar of long runs, on standard error.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Creates a progress bar over `total` units: cases, or simulated minutes
/// for a run with a horizon. It draws nothing when standard error is not a
/// terminal, so logs and pipes stay clean.
pub fn progress_bar(total: u64, message: &str) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total), target);
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {percent:>3}% {elapsed_precise} (eta {eta})")
        .expect("the template is valid")
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(message.to_string());
    bar
}
