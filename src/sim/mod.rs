//! Discrete-event simulation of a process, and the comparison of an as-is
//! process with a to-be one.

mod calendar;
mod sampling;
mod statistics;
mod streams;

pub use calendar::WorkCalendar;
pub use sampling::Sampler;
pub use statistics::{Estimate, quantile, t_975};
