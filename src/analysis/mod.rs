//! Process analysis: what the structure and the numbers of a process show
//! before any simulation.
//!
//! - [`dominators`]: dominator and post-dominator trees;
//! - [`key_nodes`]: must-pass steps, key-node numbers and bypassing paths;
//! - [`visits`]: expected visits per case from the branch probabilities;
//! - [`soundness`]: whether every case can finish cleanly, from structural
//!   rules and the token game of the process's Petri net ([`petri`]);
//! - [`critical_path`]: expected time per case without queueing, and the
//!   longest branches of parallel splits, over [`durations`];
//! - [`handoffs`]: expected changes of performing role per case;
//! - [`value_added`]: task time by value class;
//! - [`workload`]: work per case and static utilisation of each role;
//! - [`report`]: all of the above for one process, keyed by the user's ids;
//! - [`diagnostics`]: the findings as diagnostics for `reflow check`.
//!
//! Every analysis takes a built [`crate::model::Process`] and returns plain
//! data indexed like the process's nodes and flows.

pub mod critical_path;
pub mod diagnostics;
pub mod dominators;
pub mod durations;
pub mod handoffs;
pub mod key_nodes;
mod linear;
pub(crate) mod order;
pub mod petri;
pub mod report;
pub mod semantics;
pub mod soundness;
pub mod value_added;
pub mod visits;
pub mod workload;

pub use critical_path::{CriticalPath, critical_path};
pub use dominators::Dominance;
pub use handoffs::{Handoffs, handoffs};
pub use key_nodes::{KeyNode, key_nodes, must_pass};
pub use petri::Limits;
pub use report::{Options, Report, report};
pub use soundness::{Effect, Finding, Soundness, soundness};
pub use value_added::{ValueAdded, value_added};
pub use visits::{Assumption, Visits, visits};
pub use workload::{RoleLoad, RoleWork, Workload, role_work, workload};
