//! The model: every imported file's declarations resolved into one
//! organisation and its processes, with a petgraph graph per process.
//!
//! Building the model reports what makes names or values unusable: unknown
//! or duplicate ids, unknown attributes, values of the wrong form. The
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

use std::collections::{BTreeMap, HashMap};

use crate::source::FileId;

/// The model attributes written in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileAttributes {
    pub title: Option<String>,
    pub version: Option<String>,
}

/// A resolved model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The first `title:` of the files, in load order.
    pub title: Option<String>,
    /// The first `version:` of the files, in load order.
    pub version: Option<String>,
    pub description: Option<String>,
    /// The `title:` and `version:` each file declares, so that a role or
    /// process can show the version of its own file rather than the
    /// model's. Files that declare neither are left out.
    pub file_attributes: BTreeMap<FileId, FileAttributes>,
    pub departments: Vec<Department>,
    pub roles: Vec<Role>,
    pub processes: Vec<Process>,
    pub simulations: Vec<Simulation>,
    /// Files that declare at least one process; roles declared in such a
    /// file are expected to be used there.
    pub process_files: Vec<FileId>,
    /// Ids to indexes, so that resolving references in a model with
    /// thousands of roles stays linear.
    pub(crate) role_ids: HashMap<String, usize>,
    pub(crate) process_ids: HashMap<String, usize>,
    pub(crate) department_ids: HashMap<String, usize>,
}

impl Model {
    pub fn role(&self, id: RoleId) -> &Role {
        &self.roles[id.0]
    }

    pub fn find_role(&self, id: &str) -> Option<RoleId> {
        self.role_ids.get(id).copied().map(RoleId)
    }

    pub fn find_process(&self, id: &str) -> Option<ProcessId> {
        self.process_ids.get(id).copied().map(ProcessId)
    }

    pub fn find_department(&self, id: &str) -> Option<DepartmentId> {
        self.department_ids.get(id).copied().map(DepartmentId)
    }

    /// Returns the `version:` declared in a file, which need not be the
    /// model's version when the model has several files.
    pub fn file_version(&self, file: FileId) -> Option<&str> {
        self.file_attributes.get(&file)?.version.as_deref()
    }

    /// Adds a role whose id is not yet taken.
    pub(crate) fn push_role(&mut self, role: Role) -> RoleId {
        self.role_ids.insert(role.id.clone(), self.roles.len());
        self.roles.push(role);
        RoleId(self.roles.len() - 1)
    }

    /// Adds a process whose id is not yet taken.
    pub(crate) fn push_process(&mut self, process: Process) {
        self.process_ids.insert(process.id.clone(), self.processes.len());
        self.processes.push(process);
    }

    /// Adds a department whose id is not yet taken.
    pub(crate) fn push_department(&mut self, department: Department) {
        self.department_ids.insert(department.id.clone(), self.departments.len());
        self.departments.push(department);
    }

    /// True when nothing at all is declared.
    pub fn is_empty(&self) -> bool {
        self.departments.is_empty() && self.roles.is_empty() && self.processes.is_empty()
    }
}
