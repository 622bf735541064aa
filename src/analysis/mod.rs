//! Process analysis: what the structure and the numbers of a process say
//! before any simulation.
//!
//! - [`dominators`]: dominator and post-dominator trees;
//! - [`key_nodes`]: must-pass steps, key-node numbers and bypassing paths;
//! - [`visits`]: expected visits per case from the branch probabilities;
//! - [`soundness`]: whether every case can finish cleanly, from structural
//!   rules and the token game of the process's Petri net ([`petri`]);
//!
//! Every analysis takes a built [`crate::model::Process`] and returns plain
//! data indexed like the process's nodes and flows.

pub mod diagnostics;
pub mod dominators;
pub mod key_nodes;
mod linear;
pub mod petri;
pub mod semantics;
pub mod soundness;
pub mod visits;

pub use dominators::Dominance;
pub use key_nodes::{KeyNode, key_nodes, must_pass};
pub use petri::Limits;
pub use soundness::{Effect, Finding, Soundness, soundness};
pub use visits::{Assumption, Visits, visits};
