//! The organisation: performers, unused roles, reporting lines, headcount,
//! working hours and duty weights.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Model, NodeKind, Process, RoleId};

use super::format_percent;

/// Reports tasks of a long-form process that name no performing role.
pub(super) fn check_performers(process: &Process, out: &mut Vec<Diagnostic>) {
    if process.short_form {
        return;
    }
    for node in &process.nodes {
        // A `role:` naming an unknown role is reported as such already.
        if node.kind != NodeKind::Task || node.role.is_some() || node.role_span.is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::TaskWithoutRole,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("the task `{}` has no role", node.id),
            )
            .with_label("who performs this?")
            .with_help(format!("try adding `role: some_role` to the block of `{}`", node.id)),
        );
    }
}

pub(super) fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    check_unused_roles(model, out);
    check_reporting_cycles(model, out);
    check_role_values(model, out);
}

/// Roles some process, department or reporting line refers to.
fn used_roles(model: &Model) -> Vec<bool> {
    let mut used = vec![false; model.roles.len()];
    let mut mark = |role: Option<RoleId>| {
        if let Some(role) = role {
            used[role.0] = true;
        }
    };
    for process in &model.processes {
        mark(process.owner);
        process.lanes.iter().for_each(|&role| mark(Some(role)));
        for node in &process.nodes {
            mark(node.role);
            mark(node.accountable);
            node.consulted.iter().chain(&node.informed).for_each(|&role| mark(Some(role)));
        }
    }
    for role in &model.roles {
        mark(role.reports_to);
    }
    for department in &model.departments {
        mark(department.head);
    }
    used
}

/// A role declared in a file with processes is expected to work in one of
/// them. Roles of an organisation-only file describe the organisation and
/// are never unused.
fn check_unused_roles(model: &Model, out: &mut Vec<Diagnostic>) {
    let used = used_roles(model);
    for (index, role) in model.roles.iter().enumerate() {
        let Some(origin) = &role.origin else { continue };
        if used[index] || !model.process_files.contains(&origin.file) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::UnusedRole,
                origin.file,
                origin.id_span.clone(),
                format!("the role `{}` is not used by any process", role.id),
            )
            .with_label("unused")
            .with_help(format!(
                "try assigning it to a task with `role: {}`, or move it to an organisation file",
                role.id
            )),
        );
    }
}

/// `reports_to` lines must form a tree.
fn check_reporting_cycles(model: &Model, out: &mut Vec<Diagnostic>) {
    let mut reported = vec![false; model.roles.len()];
    for start in 0..model.roles.len() {
        let mut chain = vec![start];
        let mut current = start;
        while let Some(next) = model.roles[current].reports_to.map(|role| role.0) {
            if let Some(position) = chain.iter().position(|&role| role == next) {
                let cycle = &chain[position..];
                if cycle.iter().any(|&role| reported[role]) {
                    break;
                }
                cycle.iter().for_each(|&role| reported[role] = true);
                report_cycle(model, cycle, out);
                break;
            }
            chain.push(next);
            current = next;
        }
    }
}

fn report_cycle(model: &Model, cycle: &[usize], out: &mut Vec<Diagnostic>) {
    let first = cycle.iter().copied().min().expect("a cycle has members");
    let role = &model.roles[first];
    let Some(origin) = &role.origin else { return };
    let start = cycle.iter().position(|&r| r == first).expect("first is in the cycle");
    let mut names: Vec<&str> =
        cycle[start..].iter().chain(&cycle[..start]).map(|&r| model.roles[r].id.as_str()).collect();
    names.push(&role.id);
    let message = if cycle.len() == 1 {
        format!("the role `{}` reports to itself", role.id)
    } else {
        format!("roles report to each other in a cycle: {}", super::path_text(names.iter().copied()))
    };
    out.push(
        Diagnostic::new(Code::ReportsToCycle, origin.file, origin.id_span.clone(), message)
            .with_label("part of the cycle")
            .with_help("reporting lines form a tree; try removing `reports_to` from the role at the top"),
    );
}

fn check_role_values(model: &Model, out: &mut Vec<Diagnostic>) {
    for role in &model.roles {
        let Some(origin) = &role.origin else { continue };
        if role.headcount == Some(0) {
            out.push(
                Diagnostic::new(
                    Code::NoPeople,
                    origin.file,
                    origin.id_span.clone(),
                    format!("the role `{}` has a headcount of zero", role.id),
                )
                .with_label("nobody fills this role")
                .with_help("its tasks can never be done; try a headcount of at least 1"),
            );
        }
        if let Some(hours) = &role.hours {
            if hours.minutes_per_week() == 0 {
                out.push(
                    Diagnostic::new(Code::NoWorkingHours, origin.file, hours.span.clone(), format!("the working hours of `{}` contain no time", role.id))
                        .with_label("no working time")
                        .with_help("try `hours: mon-fri 09:00-18:00`, or remove `hours` for a role that is always available"),
                );
            }
        }
        check_duty_weights(role, origin.file, out);
    }
}

fn check_duty_weights(role: &crate::model::Role, file: crate::source::FileId, out: &mut Vec<Diagnostic>) {
    let weights: Vec<f64> = role.duties.iter().filter_map(|duty| duty.weight).collect();
    if weights.is_empty() {
        return;
    }
    let total: f64 = weights.iter().sum();
    let all_weighted = weights.len() == role.duties.len();
    if all_weighted && (total - 1.0).abs() <= 1e-9 {
        return;
    }
    let first = role.duties[0].span.start;
    let last = role.duties[role.duties.len() - 1].span.end;
    let message = if all_weighted {
        format!("the duty weights of `{}` sum to {}%, not 100%", role.id, format_percent(total))
    } else {
        format!("some duties of `{}` have a weight and others do not", role.id)
    };
    out.push(
        Diagnostic::new(Code::DutyWeights, file, first..last, message)
            .with_label("duty weights")
            .with_help("give every duty a weight, summing to 100%, or give none"),
    );
}
