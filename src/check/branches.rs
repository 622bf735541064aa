//! Decisions and gateways: enough branches, labels, probabilities, and
//! the shapes that mean something other than what the modeller meant.

use petgraph::Direction;
use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use super::format_percent;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{NodeKind, Process};

pub(super) fn check(process: &Process, out: &mut Vec<Diagnostic>) {
    for index in process.flow_nodes() {
        let node = process.node(index);
        let outgoing: Vec<EdgeIndex> =
            process.graph.edges_directed(index, Direction::Outgoing).map(|e| e.id()).collect();
        let incoming = process.graph.edges_directed(index, Direction::Incoming).count();

        match node.kind {
            NodeKind::Decision | NodeKind::InclusiveSplit => {
                check_branch_count(process, index.index(), &outgoing, out);
                if outgoing.len() >= 2 {
                    check_labels(process, &outgoing, out);
                }
                if node.kind == NodeKind::Decision && outgoing.len() >= 2 {
                    check_probability_sum(process, index.index(), &outgoing, out);
                }
            }
            _ => check_stray_probabilities(process, &outgoing, out),
        }

        if node.kind.is_gateway() && !process.short_form {
            check_gateway_shape(process, index.index(), incoming, outgoing.len(), out);
        }
        if matches!(node.kind, NodeKind::Task | NodeKind::Wait | NodeKind::Call)
            && outgoing.len() >= 2
            && !process.short_form
        {
            out.push(
                Diagnostic::new(Code::ImplicitSplit, node.origin.file, node.origin.id_span.clone(), format!("`{}` has {} outgoing flows, which all run in parallel", node.id, outgoing.len()))
                    .with_label("implicit parallel split")
                    .with_help("to choose one branch, add a `decision` after it; to run them in parallel, make it explicit with a `fork`"),
            );
        }
    }
}

fn check_branch_count(process: &Process, node: usize, outgoing: &[EdgeIndex], out: &mut Vec<Diagnostic>) {
    if outgoing.len() >= 2 || outgoing.is_empty() {
        // No outgoing flow at all is a dead end, reported by the structure check.
        return;
    }
    let node = &process.nodes[node];
    let kind = if node.kind == NodeKind::InclusiveSplit { "inclusive split" } else { "decision" };
    out.push(
        Diagnostic::new(Code::TooFewBranches, node.origin.file, node.origin.id_span.clone(), format!("the {kind} `{}` has only one outgoing flow", node.id))
            .with_label("one branch")
            .with_help("a decision chooses between two or more branches; try adding the other branch, or replace the decision with a task"),
    );
}

fn check_labels(process: &Process, outgoing: &[EdgeIndex], out: &mut Vec<Diagnostic>) {
    for &edge in outgoing {
        let flow = process.flow(edge);
        if flow.label.is_some() {
            continue;
        }
        let from = &process.nodes[flow.from];
        let to = &process.nodes[flow.to];
        out.push(
            Diagnostic::new(
                Code::UnlabelledBranch,
                flow.file,
                flow.full_span.clone(),
                format!("the branch from `{}` to `{}` has no label", from.id, to.id),
            )
            .with_label("unlabelled branch")
            .with_help(format!("try naming the condition: `{} -> [yes] {}`", from.id, to.id)),
        );
    }
}

fn check_probability_sum(process: &Process, node: usize, outgoing: &[EdgeIndex], out: &mut Vec<Diagnostic>) {
    let given: Vec<f64> = outgoing.iter().filter_map(|&edge| process.flow(edge).probability).collect();
    if given.is_empty() {
        return;
    }
    let node = &process.nodes[node];
    if given.len() < outgoing.len() {
        for &edge in outgoing.iter().filter(|&&edge| process.flow(edge).probability.is_none()) {
            let flow = process.flow(edge);
            out.push(
                Diagnostic::new(
                    Code::ProbabilitySum,
                    flow.file,
                    flow.full_span.clone(),
                    format!("this branch of `{}` has no probability while others do", node.id),
                )
                .with_label("no probability")
                .with_help(
                    "give every branch of the decision a probability, such as `[no 20%]`, or none of them",
                ),
            );
        }
        return;
    }
    // A branch above 100% is reported where it is written.
    if given.iter().any(|&probability| probability > 1.0) {
        return;
    }
    let total: f64 = given.iter().sum();
    if (total - 1.0).abs() > 1e-9 {
        let remaining = if total < 1.0 {
            format!("; {}% is unassigned", format_percent(1.0 - total))
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                Code::ProbabilitySum,
                node.origin.file,
                node.origin.id_span.clone(),
                format!(
                    "the branch probabilities of `{}` sum to {}%, not 100%",
                    node.id,
                    format_percent(total)
                ),
            )
            .with_label(format!("branches sum to {}%{remaining}", format_percent(total)))
            .with_help(
                "try adjusting the percentages on the flows leaving this decision so they add up to 100%",
            ),
        );
    }
}

fn check_stray_probabilities(process: &Process, outgoing: &[EdgeIndex], out: &mut Vec<Diagnostic>) {
    for &edge in outgoing {
        let flow = process.flow(edge);
        if flow.probability.is_none() || process.short_form && outgoing.len() >= 2 {
            continue;
        }
        let from = &process.nodes[flow.from];
        out.push(
            Diagnostic::new(
                Code::StrayProbability,
                flow.file,
                flow.span.clone(),
                format!("a probability is given on a flow from `{}`, which is not a decision", from.id),
            )
            .with_label("ignored probability")
            .with_help(
                "probabilities belong on the branches of a decision or inclusive split; try removing it",
            ),
        );
    }
}

fn check_gateway_shape(
    process: &Process,
    node: usize,
    incoming: usize,
    outgoing: usize,
    out: &mut Vec<Diagnostic>,
) {
    let node = &process.nodes[node];
    let message = if incoming >= 2 && outgoing >= 2 {
        format!("the gateway `{}` both joins and splits", node.id)
    } else if incoming == 1 && outgoing == 1 {
        format!("the gateway `{}` has one way in and one way out", node.id)
    } else {
        return;
    };
    // A decision with one way out is already reported as too few branches.
    if matches!(node.kind, NodeKind::Decision | NodeKind::InclusiveSplit) && outgoing == 1 {
        return;
    }
    out.push(
        Diagnostic::new(Code::GatewayShape, node.origin.file, node.origin.id_span.clone(), message)
            .with_label("ambiguous gateway")
            .with_help("try one gateway that joins followed by another that splits, or remove a gateway that does nothing"),
    );
}
