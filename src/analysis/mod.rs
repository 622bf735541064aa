//! Process analysis: what the structure and the numbers of a process say
//! before any simulation.
//!
//! - [`dominators`]: dominator and post-dominator trees;
//! - [`key_nodes`]: must-pass steps, key-node numbers and bypassing paths;
//! - [`visits`]: expected visits per case from the branch probabilities;
//!
//! Every analysis takes a built [`crate::model::Process`] and returns plain
//! data indexed like the process's nodes and flows.

pub mod dominators;
pub mod key_nodes;
mod linear;
pub mod semantics;
pub mod visits;

pub use dominators::Dominance;
pub use key_nodes::{KeyNode, key_nodes, must_pass};
pub use visits::{Assumption, Visits, visits};
