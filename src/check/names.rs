//! Names of steps: missing labels, repeated labels, and short-form steps
//! whose one-off name looks like a typo of another.

use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

use crate::model::{Node, NodeKind, Process};

pub(super) fn check(process: &Process, out: &mut Vec<Diagnostic>) {
    if process.short_form {
        check_similar_names(process, out);
    } else {
        check_unnamed(process, out);
    }
    check_repeated_labels(process, out);
}

/// Steps a reader sees in the chart need a label; gateways and events may
/// go without.
fn check_unnamed(process: &Process, out: &mut Vec<Diagnostic>) {
    for node in &process.nodes {
        let needs_label =
            matches!(node.kind, NodeKind::Task | NodeKind::Decision | NodeKind::Call | NodeKind::Wait);
        if !needs_label || node.label.as_deref().is_some_and(|label| !label.trim().is_empty()) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::UnnamedStep,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("the step `{}` has no label", node.id),
            )
            .with_label("no label")
            .with_help(format!(
                "try `{} {} \"What happens here\"`; charts and documents show the label",
                node.kind.keyword(),
                node.id
            )),
        );
    }
}

fn check_repeated_labels(process: &Process, out: &mut Vec<Diagnostic>) {
    let mut first_with_label: HashMap<&str, &Node> = HashMap::new();
    for node in process.nodes.iter().filter(|node| node.kind == NodeKind::Task) {
        let Some(label) = node.label.as_deref() else { continue };
        let Some(first) = first_with_label.get(label) else {
            first_with_label.insert(label, node);
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::DuplicateStepName,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("`{}` and `{}` have the same label `{label}`", first.id, node.id),
            )
            .with_label("same label")
            .with_related(first.origin.file, first.origin.id_span.clone(), "first use of the label")
            .with_help("readers of the chart cannot tell them apart; try distinct labels, or reuse one step with a loop"),
        );
    }
}

/// Warns about likely typos in the short form, where a misspelt name
/// silently creates a new step. Named once, such a step has no way in or no
/// way out, so it is a start or an end. When its name is a near miss of
/// another step's, it is most likely a typo.
fn check_similar_names(process: &Process, out: &mut Vec<Diagnostic>) {
    let mut has_incoming = vec![false; process.nodes.len()];
    let mut has_outgoing = vec![false; process.nodes.len()];
    for flow in &process.flows {
        has_outgoing[flow.from] = true;
        has_incoming[flow.to] = true;
    }

    for (index, node) in process.nodes.iter().enumerate() {
        let loose_end = !has_incoming[index] || !has_outgoing[index];
        // Names of one or two characters are too short to tell a typo from
        // a deliberate name: `a -> b` is not a misspelling.
        if node.mentions != 1 || !loose_end || node.id.chars().count() < 3 {
            continue;
        }
        let others = process.nodes.iter().enumerate().filter(|&(other, _)| other != index);
        let Some((_, similar)) = others.into_iter().find(|(_, other)| looks_like_typo(&node.id, &other.id))
        else {
            continue;
        };
        let similar = &similar.id;
        out.push(
            Diagnostic::new(
                Code::SimilarStepNames,
                node.origin.file,
                node.origin.id_span.clone(),
                format!("`{}` is named only once and looks like `{similar}`", node.id),
            )
            .with_label("a new step is created here")
            .with_help(format!(
                "if this is the same step, write `{similar}`; if not, try a more distinct name"
            )),
        );
    }
}

/// True when `name` is probably a misspelling of `other`: one edit apart
/// (two for names of eight characters or more), counting a swap of
/// neighbours as one edit. Distinct words such as `receive` and `archive`
/// are further apart, and names that differ only in digits, such as
/// `step_1` and `step_10`, are numbered on purpose.
fn looks_like_typo(name: &str, other: &str) -> bool {
    let limit = if name.chars().count() >= 8 { 2 } else { 1 };
    let letters = |text: &str| text.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    name != other && letters(name) != letters(other) && strsim::damerau_levenshtein(name, other) <= limit
}
