//! The analysis findings as diagnostics, so that `reflow check` reports
//! them with every other problem.

use petgraph::graph::NodeIndex;

use super::dominators::Dominance;
use super::key_nodes;
use super::petri::Limits;
use super::semantics::{self, Family, Input};
use super::soundness::{self, Effect, Finding};
use super::visits;
use super::workload::{self, Workload};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Model, Node, Process, ProcessId};

/// Adds the key-node, soundness and static-load findings of every process.
pub fn check(model: &Model, out: &mut Vec<Diagnostic>) {
    for (index, process) in model.processes.iter().enumerate() {
        check_process(process, Limits::default(), out);

        // Only the model as declared: a scenario is often an as-is state
        // that is overloaded on purpose, and `reflow analyze` shows the
        // load of every scenario.
        let loads = workload::scenarios(model, ProcessId(index), None);
        if let Some(declared) = loads.first() {
            report_overloads(model, ProcessId(index), declared, out);
        }
    }
}

/// Adds a warning for each role loaded at 100% or more, for the model as
/// declared and for each scenario that changes the load. `interarrival`
/// overrides the simulation's mean minutes between arrivals.
pub fn check_load(model: &Model, process: ProcessId, interarrival: Option<f64>, out: &mut Vec<Diagnostic>) {
    let loads = workload::scenarios(model, process, interarrival);
    let Some((declared, scenarios)) = loads.split_first() else { return };
    report_overloads(model, process, declared, out);
    for load in scenarios {
        if load.roles != declared.roles || load.interarrival != declared.interarrival {
            report_overloads(model, process, load, out);
        }
    }
}

fn report_overloads(model: &Model, process: ProcessId, load: &Workload, out: &mut Vec<Diagnostic>) {
    let simulation = workload::simulation_of(model, process);
    let scenario = simulation.and_then(|simulation| {
        simulation.scenarios.iter().find(|scenario| Some(&scenario.id) == load.scenario.as_ref())
    });
    // An infinite load comes from a loop that never exits (E706) or from a
    // role without people (W404), which are reported on their own.
    for role in load.roles.iter().filter(|role| role.utilisation >= 1.0 && role.utilisation.is_finite()) {
        let declared = &model.role(role.role);
        let (file, span) = match (scenario.and_then(|s| s.origin.as_ref()), &declared.origin) {
            (Some(origin), _) | (None, Some(origin)) => (origin.file, origin.id_span.clone()),
            (None, None) => {
                let origin = &model.processes[process.0].origin;
                (origin.file, origin.id_span.clone())
            }
        };
        let context = match &load.scenario {
            Some(id) => format!(" in scenario `{id}`"),
            None => String::new(),
        };
        let needed = (role.minutes / load.interarrival).floor() as u64 + 1;
        out.push(
            Diagnostic::new(
                Code::RoleOverloaded,
                file,
                span,
                format!("`{}` is loaded at {:.1}%{context}", declared.id, role.utilisation * 100.0),
            )
            .with_label(format!(
                "{} min of work per case, a case every {} min, {} {}",
                number(role.minutes),
                number(load.interarrival),
                role.headcount,
                if role.headcount == 1 { "person" } else { "people" }
            ))
            .with_help(format!(
                "at 100% or more its queue grows without bound; try a headcount of at least {needed}, or less work per case"
            )),
        );
    }
}

/// Adds the key-node and soundness findings of one process.
pub fn check_process(process: &Process, limits: Limits, out: &mut Vec<Diagnostic>) {
    let Some(dominance) = Dominance::compute(process) else { return };
    for key in key_nodes::key_nodes(process, &dominance) {
        // A key node with a `when` condition is a checkpoint for some cases
        // only, so a path around it is expected.
        let conditional = process.node(key.node).condition.is_some();
        if let Some(path) = key.bypass.as_ref().filter(|_| !conditional) {
            out.push(bypassed(process, &dominance, key.node, path));
        }
    }

    let (weights, _) = visits::branch_weights(process);
    let found = soundness::soundness(process, &dominance, &weights, limits);
    for finding in &found.findings {
        out.push(describe(process, finding));
    }
}

fn bypassed(process: &Process, dominance: &Dominance, key: NodeIndex, path: &[NodeIndex]) -> Diagnostic {
    // Show where the path turns away: the last step that every path to
    // the key node passes.
    let mut before_key = vec![false; process.nodes.len()];
    let mut current = Some(key);
    while let Some(node) = current {
        before_key[node.index()] = true;
        current = dominance.immediate_dominator(node);
    }
    let turn = path.iter().rposition(|node| before_key[node.index()]).unwrap_or(0);
    let node = process.node(key);
    let key = node.key.as_ref().expect("only key nodes are checked");
    Diagnostic::new(Code::KeyNodeBypassed, key.file, key.span.clone(), format!("the key node `{}` can be bypassed", node.id))
        .with_label("not every case passes here")
        .with_related(node.origin.file, node.origin.id_span.clone(), "the step")
        .with_help(format!(
            "this path from start to end skips it: {}; try routing every branch through `{}`, or drop `key` if the step is optional",
            steps_around(process, path, turn),
            node.id
        ))
}

fn describe(process: &Process, finding: &Finding) -> Diagnostic {
    match finding {
        Finding::Unpaired { split, join, effect, path } => unpaired(process, *split, *join, *effect, path),
        Finding::Deadlock { at, path, waiting, missing } => deadlock(process, *at, path, waiting, missing),
        Finding::Livelock { path, waiting } => livelock(process, path, waiting),
        Finding::LackOfSynchronisation { node, flow, path } => unsynchronised(process, *node, *flow, path),
        Finding::ImproperCompletion { end, path, running } => improper(process, *end, path, running),
        Finding::DeadSteps { entry, nodes } => dead_steps(process, *entry, nodes),
        Finding::Unbounded { path, round, grown } => unbounded(process, path, round, grown),
        Finding::CertainRework { cycle, exits } => certain_rework(process, cycle, exits),
        Finding::LimitReached { markings, limits, crowded } => {
            limit_reached(process, *markings, *limits, *crowded)
        }
    }
}

fn unpaired(
    process: &Process,
    split: NodeIndex,
    join: NodeIndex,
    effect: Effect,
    path: &[NodeIndex],
) -> Diagnostic {
    let split_family = semantics::split_family(process, split).expect("a paired split splits");
    let join_family = semantics::join_family(process, join).expect("a paired join joins");
    let (split_node, join_node) = (process.node(split), process.node(join));
    let pair = format!(
        "the {} split `{}` is closed by the {} `{}`",
        split_family.adjective(),
        split_node.id,
        join_noun(join_family),
        join_node.id
    );
    let names =
        PairNames { split: &split_node.id, join: &join_node.id, path: steps(process, path), split_family };
    let (code, message, label, help) = match effect {
        Effect::Deadlock => (
            Code::Deadlock,
            format!("{pair}, which waits for branches that never all run"),
            "waits forever when only some branches run",
            names.deadlock_help(),
        ),
        Effect::LackOfSynchronisation => (
            Code::LackOfSynchronisation,
            format!("{pair}, so the steps after `{}` run once per branch", join_node.id),
            "lets each branch through on its own",
            names.unsynchronised_help(),
        ),
        Effect::InclusiveOverExclusive => (
            Code::InclusiveJoinOverExclusive,
            format!("{pair}, but only one branch of `{}` ever runs", split_node.id),
            "inclusive join over exclusive branches",
            names.over_exclusive_help(),
        ),
        Effect::Mismatch => {
            (Code::UnpairedGateways, pair, "the join does not match its split", names.mismatch_help())
        }
    };
    at_node(code, join_node, message)
        .with_label(label)
        .with_related(split_node.origin.file, split_node.origin.id_span.clone(), "the split it closes")
        .with_help(help)
}

/// The names that the help lines of a mismatched split and join show.
struct PairNames<'a> {
    split: &'a str,
    join: &'a str,
    /// The witness path, already written out.
    path: String,
    split_family: Family,
}

impl PairNames<'_> {
    fn deadlock_help(&self) -> String {
        let (join, path, keyword) = (self.join, &self.path, join_keyword(self.split_family));
        format!(
            "a case can take {path} and then wait at `{join}` forever; try {keyword} in place of `{join}`"
        )
    }

    fn unsynchronised_help(&self) -> String {
        let (split, join, path, keyword) =
            (self.split, self.join, &self.path, join_keyword(self.split_family));
        format!(
            "each branch of `{split}`, such as {path}, reaches `{join}` separately; try {keyword} in place of `{join}`"
        )
    }

    fn over_exclusive_help(&self) -> String {
        let (split, join, path) = (self.split, self.join, &self.path);
        format!(
            "a case such as {path} runs one branch only; try a `merge` in place of `{join}`, or an `inclusive_split` in place of `{split}` if several branches may run"
        )
    }

    fn mismatch_help(&self) -> String {
        let (join, path, keyword) = (self.join, &self.path, join_keyword(self.split_family));
        format!(
            "cases such as {path} still run as drawn, but readers expect the split's own kind of join; try {keyword} in place of `{join}`"
        )
    }
}

/// Names a join by its family: "exclusive merge", "parallel join".
fn join_noun(join: Family) -> &'static str {
    match join {
        Family::Exclusive => "exclusive merge",
        Family::Parallel => "parallel join",
        Family::Inclusive => "inclusive join",
    }
}

fn join_keyword(split: Family) -> &'static str {
    match split {
        Family::Exclusive => "a `merge`",
        Family::Parallel => "a `join`",
        Family::Inclusive => "an `inclusive_join`",
    }
}

fn deadlock(
    process: &Process,
    at: NodeIndex,
    path: &[NodeIndex],
    waiting: &[usize],
    missing: &[usize],
) -> Diagnostic {
    let node = process.node(at);
    let label = if missing.is_empty() {
        "waits here".to_string()
    } else {
        format!("waits for {}", flows(process, missing))
    };
    let advice = match semantics::input(node.kind) {
        Input::All => "try closing each `fork` with a `join` and each `decision` with a `merge`",
        _ => "try giving the case a way on from here",
    };
    at_node(Code::Deadlock, node, format!("the case can get stuck at `{}`", node.id))
        .with_label(label)
        .with_help(format!(
            "after {}, tokens wait on {} and nothing can run; {advice}",
            steps(process, path),
            flows(process, waiting)
        ))
}

fn livelock(process: &Process, path: &[NodeIndex], waiting: &[usize]) -> Diagnostic {
    let first = waiting.first().map(|&flow| &process.nodes[process.flows[flow].to]);
    let message = "the case can reach a state from which no end can be reached";
    let diagnostic = match first {
        Some(node) => at_node(Code::Deadlock, node, message),
        None => at_process(Code::Deadlock, process, message),
    };
    diagnostic.with_label("no end is reachable from here").with_help(format!(
        "after {}, the tokens on {} can keep running but never reach an end; try a branch that leads out to an end",
        steps(process, path),
        flows(process, waiting)
    ))
}

fn unsynchronised(process: &Process, node: NodeIndex, flow: usize, path: &[NodeIndex]) -> Diagnostic {
    let node = process.node(node);
    at_node(
        Code::LackOfSynchronisation,
        node,
        format!("`{}` lets tokens of parallel branches through one at a time, so the steps after it run more than once", node.id),
    )
    .with_label("no synchronisation")
    .with_help(format!(
        "after {}, two tokens wait on {}; try a `join` in place of `{}` where parallel branches meet",
        steps(process, path),
        flows(process, &[flow]),
        node.id
    ))
}

fn improper(process: &Process, end: NodeIndex, path: &[NodeIndex], running: &[usize]) -> Diagnostic {
    let node = process.node(end);
    let (message, remains) = if running.is_empty() {
        (
            format!("the case reaches the end `{}` after another branch has already ended", node.id),
            "an end was reached before".to_string(),
        )
    } else {
        (
            format!("the case reaches the end `{}` while other branches still run", node.id),
            format!("tokens remain on {}", flows(process, running)),
        )
    };
    at_node(Code::ImproperCompletion, node, message).with_label("other work still running").with_help(
        format!(
            "after {}, {remains}; try joining the parallel branches with a `join` before a single end",
            steps(process, path)
        ),
    )
}

fn dead_steps(process: &Process, entry: NodeIndex, nodes: &[NodeIndex]) -> Diagnostic {
    let entry_node = process.node(entry);
    let names = listing(nodes.iter().map(|&node| process.node(node).id.as_str()));
    let help = match semantics::input(entry_node.kind) {
        Input::All => format!(
            "`{}` waits for a token on every incoming flow, which no case delivers; try a `merge` in place of `{}` if its branches are alternatives",
            entry_node.id, entry_node.id
        ),
        _ => format!("no case ever reaches `{}`; try checking the joins before it", entry_node.id),
    };
    at_node(Code::DeadStep, entry_node, format!("{names} can never run in any case"))
        .with_label("dead step")
        .with_help(help)
}

fn unbounded(process: &Process, path: &[NodeIndex], round: &[NodeIndex], grown: &[usize]) -> Diagnostic {
    let split =
        round.iter().copied().find(|&node| semantics::multiplies(process, node)).or(round.first().copied());
    let message = format!(
        "each round of {} leaves more work on {}, without bound",
        steps(process, round),
        flows(process, grown)
    );
    let diagnostic = match split {
        Some(split) => at_node(Code::UnboundedTokens, process.node(split), message),
        None => at_process(Code::UnboundedTokens, process, message),
    };
    diagnostic.with_label("starts parallel work on every round").with_help(format!(
        "after {}, the loop can repeat for ever and every round adds a token; try a `decision` in place of the parallel split, or a `join` inside the loop",
        steps(process, path)
    ))
}

fn certain_rework(process: &Process, cycle: &[NodeIndex], exits: &[usize]) -> Diagnostic {
    let first = &process.flows[exits[0]];
    Diagnostic::new(
        Code::CertainRework,
        first.file,
        first.full_span.clone(),
        format!("the loop {} never exits: every flow out of it has probability 0%", steps(process, cycle)),
    )
    .with_label("0% exit")
    .with_help(format!(
        "rework is certain and the case never ends; try giving {} a probability above 0%",
        flows(process, exits)
    ))
}

fn limit_reached(process: &Process, markings: usize, limits: Limits, crowded: Option<usize>) -> Diagnostic {
    let reason = match crowded {
        Some(flow) => format!("{} held more than {} tokens", flows(process, &[flow]), limits.max_tokens),
        None if markings < limits.max_markings => {
            format!("the markings kept held more than {} marked flows in all", limits.max_stored_places)
        }
        None => format!("the limit of {} markings was reached", limits.max_markings),
    };
    at_process(
        Code::ExplorationBound,
        process,
        format!(
            "soundness was explored on {markings} markings only (limits: {} markings, {} tokens per flow): {reason}",
            limits.max_markings, limits.max_tokens
        ),
    )
    .with_label("not fully explored")
    .with_help("problems past the limit are not reported; try splitting the process into smaller ones joined by `call`")
}

fn at_node(code: Code, node: &Node, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, node.origin.file, node.origin.id_span.clone(), message)
}

fn at_process(code: Code, process: &Process, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, process.origin.file, process.origin.id_span.clone(), message)
}

/// Formats a number with at most 3 decimals and no trailing zeros.
fn number(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Names steps in order: `` `a` → `b` → `c` ``. A long path shows its
/// first step, the last steps and its end, where findings happen.
pub fn steps(process: &Process, path: &[NodeIndex]) -> String {
    steps_around(process, path, path.len().saturating_sub(1))
}

/// Paths longer than this are shortened around the step that matters.
const SHOWN_STEPS: usize = 12;

/// Names steps in order, and for a long path only the start, the steps
/// around `focus` and the end, with `…` for the steps left out.
pub fn steps_around(process: &Process, path: &[NodeIndex], focus: usize) -> String {
    let name = |node: &NodeIndex| format!("`{}`", process.node(*node).id);
    if path.len() <= SHOWN_STEPS {
        return path.iter().map(name).collect::<Vec<_>>().join(" → ");
    }
    let last = path.len() - 1;
    let (from, to) = (focus.saturating_sub(4), (focus + 4).min(last));
    let mut parts = Vec::new();
    if from > 0 {
        parts.push(name(&path[0]));
        if from > 1 {
            parts.push("…".to_string());
        }
    }
    parts.extend(path[from..=to].iter().map(name));
    if to < last {
        if to + 1 < last {
            parts.push("…".to_string());
        }
        parts.push(name(&path[last]));
    }
    parts.join(" → ")
}

/// Names flows as written: `` `a -> b` and `c -> d` ``.
pub fn flows(process: &Process, flows: &[usize]) -> String {
    listing(flows.iter().map(|&flow| {
        let flow = &process.flows[flow];
        format!("{} -> {}", process.nodes[flow.from].id, process.nodes[flow.to].id)
    }))
}

/// Lists names in backticks: "`a`", "`a` and `b`", "`a`, `b` and `c`",
/// cut after five with how many more.
fn listing<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    let names: Vec<String> = names.into_iter().map(|name| format!("`{}`", name.as_ref())).collect();
    let shown = names.len().min(5);
    let mut text = names[..shown.saturating_sub(1)].join(", ");
    if names.len() > shown {
        text.push_str(&format!(", {} and {} more", names[shown - 1], names.len() - shown));
    } else if shown > 1 {
        text.push_str(&format!(" and {}", names[shown - 1]));
    } else if shown == 1 {
        text = names[0].clone();
    }
    text
}
