//! reflow: business processes and the job roles that run them, in one
//! plain-text language.
//!
//! The pipeline, one module per stage:
//!
//! - [`syntax`]: text to an AST with byte spans, and the comments in it;
//! - [`model`]: ASTs of all imported files to one resolved model, with a
//!   petgraph graph per process;
//! - [`check`]: rules over the model, each finding a [`diagnostic::Diagnostic`]
//!   with a stable code;
//! - [`analysis`]: key nodes, soundness, expected visits, critical path,
//!   hand-offs and workload of a process;
//! - [`fmt`]: an AST and its comments back to canonical text;
//! - [`sim`]: a process and its arrivals to KPIs by discrete-event
//!   simulation, and as-is versus to-be comparisons;
//! - [`render`]: a process to a swimlane diagram, as SVG or PNG, and the
//!   organisation chart of the roles;
//! - [`docs`]: job descriptions, process descriptions and the handbook,
//!   as Markdown or HTML;
//! - [`cli`]: the `reflow` command line over the stages.

pub mod analysis;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod docs;
pub mod fmt;
pub mod model;
pub mod render;
pub mod sim;
pub mod source;
pub mod syntax;
