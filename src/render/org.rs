//! The organisation chart: roles as boxes under the roles they report to,
//! in one column per department.
//!
//! The chart reuses the swimlane layout. It builds a stand-in model whose
//! lanes are the departments, and a stand-in process whose steps are the
//! real roles, with a flow from each manager to each report. Lanes so
//! become department columns, and ranks become levels of the hierarchy.

use crate::model::{Flow, Model, Node, NodeKind, Origin, Process, Role, RoleId};
use crate::source::FileId;

/// Title of the column for roles without a department.
const NO_DEPARTMENT: &str = "未指定部门 No department";

/// Builds the stand-in model and process that draw the organisation of
/// `model`, or `None` when it declares no role.
pub fn org_chart(model: &Model) -> Option<(Model, Process)> {
    if model.roles.is_empty() {
        return None;
    }
    let origin = Origin { file: FileId(0), span: 0..0, id_span: 0..0 };

    // One stand-in role per department, plus one for roles without a department.
    let mut columns = Model::default();
    for department in &model.departments {
        let name = department.name.clone().unwrap_or_else(|| department.id.clone());
        columns.push_role(Role { id: department.id.clone(), name: Some(name), ..Role::default() });
    }
    let without = model.roles.iter().any(|role| role.department.is_none()).then(|| {
        columns.push_role(Role {
            id: String::new(),
            name: Some(NO_DEPARTMENT.to_string()),
            ..Role::default()
        })
    });

    let mut process = Process {
        id: "organisation".to_string(),
        title: Some(model.title.clone().unwrap_or_else(|| "组织架构 Organisation chart".to_string())),
        doc: None,
        origin: origin.clone(),
        short_form: false,
        incomplete: false,
        owner: None,
        purpose: None,
        scope: None,
        version: None,
        description: None,
        lanes: (0..columns.roles.len()).map(RoleId).collect(),
        nodes: Vec::new(),
        flows: Vec::new(),
        graph: Default::default(),
        node_ids: Default::default(),
    };
    for role in &model.roles {
        let mut node = Node::new(role.id.clone(), Some(role_label(role)), NodeKind::Task, origin.clone());
        node.role = role.department.map(|department| RoleId(department.0)).or(without);
        process.push_node(node);
    }
    for (index, role) in model.roles.iter().enumerate() {
        if let Some(manager) = role.reports_to {
            process.flows.push(Flow {
                from: manager.0,
                to: index,
                label: None,
                probability: None,
                file: FileId(0),
                span: 0..0,
                full_span: 0..0,
            });
        }
    }
    Some((columns, process))
}

/// Labels a role with its name and, when declared, its headcount.
fn role_label(role: &Role) -> String {
    match role.headcount {
        Some(count) => format!("{} ×{count}", role.display_name()),
        None => role.display_name().to_string(),
    }
}
