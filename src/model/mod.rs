//! The model: every imported file's declarations resolved into one
//! organisation and its processes, with a petgraph graph per process.
//!
//! Building the model reports what makes names or values unusable (unknown
//! or duplicate ids, unknown attributes, values of the wrong form); the
//! rules about a model that is well formed live in [`crate::check`].

mod build;
mod build_process;
mod distribution;
mod load;
mod organisation;
mod process;
mod short_form;
mod simulation;
mod values;

pub use build::build;
pub use distribution::Distribution;
pub use load::{Input, InputError, Loaded, LoadedFile, load};
pub use organisation::{Calendar, Department, DepartmentId, Duty, Money, Origin, Role, RoleId};
pub use process::{Flow, KeyNode, Node, NodeKind, Process, ProcessId, ValueClass};
pub use simulation::{Scenario, Simulation};

use crate::source::FileId;

/// A resolved model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub title: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    pub departments: Vec<Department>,
    pub roles: Vec<Role>,
    pub processes: Vec<Process>,
    pub simulations: Vec<Simulation>,
    /// Files that declare at least one process; roles declared in such a
    /// file are expected to be used there.
    pub process_files: Vec<FileId>,
}

impl Model {
    pub fn role(&self, id: RoleId) -> &Role {
        &self.roles[id.0]
    }

    pub fn find_role(&self, id: &str) -> Option<RoleId> {
        self.roles.iter().position(|role| role.id == id).map(RoleId)
    }

    pub fn find_process(&self, id: &str) -> Option<ProcessId> {
        self.processes.iter().position(|process| process.id == id).map(ProcessId)
    }

    pub fn find_department(&self, id: &str) -> Option<DepartmentId> {
        self.departments.iter().position(|department| department.id == id).map(DepartmentId)
    }

    /// True when nothing at all is declared.
    pub fn is_empty(&self) -> bool {
        self.departments.is_empty() && self.roles.is_empty() && self.processes.is_empty()
    }
}
