//! Compiling a process into a [`Plan`], reporting every property the
//! simulator needs and the model lacks: durations, branch probabilities,
//! people, working time, a single currency.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::calendar::WorkCalendar;
use super::plan::{Activity, NONE, Plan, RolePlan, Step, StepKind, StepOrigin};
use super::sampling::Sampler;
use super::settings::Settings;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Model, Node, NodeKind, Process, ProcessId};

/// Most steps a plan may have once calls are expanded. Each call site
/// copies the called process, so nested calls multiply; this stops a model
/// of a few hundred lines from asking for gigabytes.
pub const MAX_STEPS: usize = 1_000_000;

/// Compiles the process of `settings` with its scenario applied.
pub fn compile(model: &Model, settings: &Settings) -> Result<Plan, Vec<Diagnostic>> {
    let arrivals = Sampler::new(&settings.arrivals);
    let mut compiler = Compiler {
        model,
        plan: Plan {
            process: settings.process,
            process_id: model.processes[settings.process.0].id.clone(),
            steps: Vec::new(),
            successors: Vec::new(),
            weights: Vec::new(),
            start: 0,
            roles: roles(model, settings),
            activities: Vec::new(),
            routers: Vec::new(),
            counters: 0,
            origins: Vec::new(),
            arrivals: arrivals.clone().unwrap_or(Sampler::Fixed(1.0)),
            currency: None,
        },
        diagnostics: Vec::new(),
        calls: Vec::new(),
        currencies: Vec::new(),
    };
    if let Err(message) = arrivals {
        compiler.error_at_process(
            settings.process,
            Code::SimulationSettings,
            format!("the arrivals cannot be sampled: {message}"),
        );
    }

    match compiler.instance(settings.process, "", None) {
        Some(start) => compiler.plan.start = start,
        None if compiler.diagnostics.is_empty() => {
            compiler.error_at_process(
                settings.process,
                Code::SimulationSettings,
                "the process has no start event to simulate".to_string(),
            );
        }
        None => {}
    }
    compiler.plan.start = compiler.skip_passes(compiler.plan.start);
    compiler.shortcut_passes();
    compiler.check_roles(settings);
    compiler.check_currency(settings);
    if compiler.diagnostics.is_empty() { Ok(compiler.plan) } else { Err(compiler.diagnostics) }
}

/// Builds a pool for every role of the model, with the scenario's
/// overrides. A role without a headcount has one person.
fn roles(model: &Model, settings: &Settings) -> Vec<RolePlan> {
    let mut roles: Vec<RolePlan> = model
        .roles
        .iter()
        .map(|role| RolePlan {
            id: role.id.clone(),
            name: role.display_name().to_string(),
            headcount: role.headcount.unwrap_or(1),
            cost_per_minute: role.cost_per_hour.as_ref().map_or(0.0, |money| money.amount / 60.0),
            calendar: role.hours.as_ref().and_then(WorkCalendar::new),
            used: false,
        })
        .collect();
    if let Some(scenario) = &settings.scenario {
        for &(role, headcount) in &scenario.headcount {
            roles[role.0].headcount = headcount;
        }
        for (role, money) in &scenario.cost_per_hour {
            roles[role.0].cost_per_minute = money.amount / 60.0;
        }
    }
    roles
}

struct Compiler<'m> {
    model: &'m Model,
    plan: Plan,
    diagnostics: Vec<Diagnostic>,
    /// The processes being expanded, outermost first, to stop recursion.
    calls: Vec<ProcessId>,
    /// Currencies seen, with the node or role that gave each.
    currencies: Vec<(String, String)>,
}

impl Compiler<'_> {
    fn error_at_node(&mut self, node: &Node, code: Code, message: String, help: &str) {
        self.diagnostics.push(
            Diagnostic::new(code, node.origin.file, node.origin.id_span.clone(), message)
                .with_label("cannot be simulated")
                .with_help(help.to_string()),
        );
    }

    fn error_at_process(&mut self, process: ProcessId, code: Code, message: String) {
        let origin = &self.model.processes[process.0].origin;
        self.diagnostics.push(
            Diagnostic::new(code, origin.file, origin.id_span.clone(), message)
                .with_label("simulated process"),
        );
    }

    /// Adds the steps of one instance of `process` and returns its start
    /// step. Called processes end by continuing at `continuation`; the
    /// simulated process itself has none.
    fn instance(&mut self, process_id: ProcessId, prefix: &str, continuation: Option<&[u32]>) -> Option<u32> {
        let model = self.model;
        let process = &model.processes[process_id.0];
        let start = process.flow_nodes().find(|&index| process.node(index).kind == NodeKind::Start)?;
        if self.plan.steps.len() + process.nodes.len() > MAX_STEPS {
            self.error_at_process(
                process_id,
                Code::TooManySteps,
                format!("expanding the calls of this process gives more than {MAX_STEPS} steps"),
            );
            return None;
        }
        self.calls.push(process_id);

        // Number every flow node first, so that flows may point forward.
        let mut steps = vec![NONE; process.nodes.len()];
        for index in process.flow_nodes() {
            steps[index.index()] = self.plan.steps.len() as u32;
            self.plan.steps.push(Step { kind: StepKind::Pass, first: 0, count: 0 });
            let path = format!("{prefix}{}", process.node(index).id);
            self.plan.origins.push(StepOrigin { process: process_id, node: index.index(), path });
        }

        let joins = self.join_counters(process, &steps);
        for index in process.flow_nodes() {
            let step = steps[index.index()] as usize;
            let kind = self.step_kind(process, index, prefix, &steps, &joins, continuation);
            self.plan.steps[step].kind = kind;
            if self.plan.steps[step].count == 0 && !matches!(process.node(index).kind, NodeKind::Call) {
                self.link(process, index, &steps, continuation);
            }
        }
        self.calls.pop();
        Some(steps[start.index()])
    }

    /// Stores a step's successors: its outgoing flows, or the caller's
    /// continuation for the end of a called process.
    fn link(&mut self, process: &Process, index: NodeIndex, steps: &[u32], continuation: Option<&[u32]>) {
        let step = steps[index.index()] as usize;
        let node = process.node(index);
        let first = self.plan.successors.len() as u32;
        match (node.kind, continuation) {
            // NOTE: every token that reaches an end of a called process
            // continues the caller, so a called process that ends in parallel
            // tokens (a fork without a join) continues the caller once per token.
            (NodeKind::End, Some(next)) => {
                self.plan.successors.extend_from_slice(next);
                self.plan.weights.extend(std::iter::repeat_n(1.0, next.len()));
            }
            _ => {
                for flow in outgoing(process, index) {
                    self.plan.successors.push(steps[flow.to]);
                    self.plan.weights.push(flow.probability.unwrap_or(f64::NAN));
                }
            }
        }
        let count = self.plan.successors.len() as u32 - first;
        self.plan.steps[step].first = first;
        self.plan.steps[step].count = count;
        if let StepKind::Decision { .. } = self.plan.steps[step].kind {
            cumulate(&mut self.plan.weights[first as usize..]);
        }
    }

    fn step_kind(
        &mut self,
        process: &Process,
        index: NodeIndex,
        prefix: &str,
        steps: &[u32],
        joins: &[u32],
        continuation: Option<&[u32]>,
    ) -> StepKind {
        let node = process.node(index);
        match node.kind {
            NodeKind::End if continuation.is_none() => StepKind::End,
            NodeKind::Task => {
                let activity = self.activity(node, prefix, true);
                let role = node.role.map_or(NONE, |role| role.0 as u32);
                if let Some(role) = node.role {
                    self.plan.roles[role.0].used = true;
                }
                StepKind::Task { activity, role }
            }
            NodeKind::Wait => StepKind::Wait { activity: self.activity(node, prefix, false) },
            NodeKind::Decision => self.decision(process, index, prefix),
            NodeKind::Fork => StepKind::Fork,
            NodeKind::Join => {
                let needed = process.graph.edges_directed(index, Direction::Incoming).count() as u32;
                StepKind::Join { counter: joins[index.index()], needed }
            }
            NodeKind::InclusiveSplit => self.inclusive_split(process, index, prefix, joins),
            NodeKind::InclusiveJoin => self.inclusive_join(process, index, joins),
            NodeKind::Call => self.call(process, index, prefix, steps, continuation),
            _ => StepKind::Pass,
        }
    }

    fn activity(&mut self, node: &Node, prefix: &str, is_task: bool) -> u32 {
        let sampler = match &node.duration {
            Some(distribution) => Sampler::new(distribution).unwrap_or_else(|message| {
                self.error_at_node(
                    node,
                    Code::MissingDuration,
                    format!("the duration of `{}` cannot be sampled: {message}", node.id),
                    "try another distribution",
                );
                Sampler::Fixed(0.0)
            }),
            None => {
                let what = if is_task { "task" } else { "wait" };
                let help = format!(
                    "try giving it a duration, such as `{what} {} {{ duration: triangular(2m, 4m, 8m) }}`",
                    node.id
                );
                self.error_at_node(
                    node,
                    Code::MissingDuration,
                    format!("the {what} `{}` has no duration", node.id),
                    &help,
                );
                Sampler::Fixed(0.0)
            }
        };
        if let Some(money) = &node.cost {
            self.currencies.push((money.currency.clone(), format!("step `{}`", node.id)));
        }
        self.plan.activities.push(Activity {
            path: format!("{prefix}{}", node.id),
            label: node.display_name().to_string(),
            is_task,
            role: node.role,
            sampler,
            cost: node.cost.as_ref().map_or(0.0, |money| money.amount),
            value: node.value,
        });
        self.plan.activities.len() as u32 - 1
    }

    fn router(&mut self, node: &Node, prefix: &str) -> u32 {
        self.plan.routers.push(format!("{prefix}{}", node.id));
        self.plan.routers.len() as u32 - 1
    }

    /// Compiles a decision. One with two or more branches needs a
    /// probability on each, and one with a single branch passes the token on.
    fn decision(&mut self, process: &Process, index: NodeIndex, prefix: &str) -> StepKind {
        let node = process.node(index);
        let flows: Vec<_> = outgoing(process, index).collect();
        if flows.len() < 2 {
            return StepKind::Pass;
        }
        if flows.iter().any(|flow| flow.probability.is_none()) {
            let help = format!(
                "try giving every branch a probability, such as `{} -> [yes 80%] ...` and `{} -> [no 20%] ...`",
                node.id, node.id
            );
            self.error_at_node(
                node,
                Code::MissingProbability,
                format!("the decision `{}` has a branch without a probability", node.id),
                &help,
            );
        } else if flows.iter().all(|flow| flow.probability == Some(0.0)) {
            self.error_at_node(
                node,
                Code::MissingProbability,
                format!("every branch of the decision `{}` has probability 0%", node.id),
                "try giving the branches probabilities that sum to 100%",
            );
        }
        StepKind::Decision { router: self.router(node, prefix) }
    }

    fn inclusive_split(
        &mut self,
        process: &Process,
        index: NodeIndex,
        prefix: &str,
        joins: &[u32],
    ) -> StepKind {
        let node = process.node(index);
        let flows: Vec<_> = outgoing(process, index).collect();
        if flows.iter().any(|flow| flow.probability.is_none()) {
            let help = format!(
                "each branch is taken on its own with its probability: try `{} -> [email 70%] ...`",
                node.id
            );
            self.error_at_node(
                node,
                Code::MissingProbability,
                format!("the inclusive split `{}` has a branch without a probability", node.id),
                &help,
            );
        } else if !flows.is_empty() && flows.iter().all(|flow| flow.probability == Some(0.0)) {
            self.error_at_node(
                node,
                Code::MissingProbability,
                format!("every branch of the inclusive split `{}` has probability 0%", node.id),
                "try giving at least one branch a probability above 0%",
            );
        }
        let join = paired_join(process, index).map_or(NONE, |join| joins[join.index()]);
        StepKind::InclusiveSplit { router: self.router(node, prefix), join }
    }

    fn inclusive_join(&mut self, process: &Process, index: NodeIndex, joins: &[u32]) -> StepKind {
        let paired = process
            .flow_nodes()
            .filter(|&split| process.node(split).kind == NodeKind::InclusiveSplit)
            .any(|split| paired_join(process, split) == Some(index));
        if !paired {
            let node = process.node(index);
            let message =
                format!("the inclusive join `{}` cannot tell how many branches to wait for", node.id);
            let help = "an inclusive join waits for the branches its inclusive split took: \
                try leading every branch of one `inclusive_split` into it";
            self.error_at_node(node, Code::UnpairedInclusiveJoin, message, help);
        }
        StepKind::InclusiveJoin { counter: joins[index.index()] }
    }

    /// Expands a call: the called process's steps are added with the call's
    /// id as prefix, and its ends continue at the call's successors.
    fn call(
        &mut self,
        process: &Process,
        index: NodeIndex,
        prefix: &str,
        steps: &[u32],
        continuation: Option<&[u32]>,
    ) -> StepKind {
        let node = process.node(index);
        let Some(callee) = node.calls else {
            self.link(process, index, steps, continuation);
            return StepKind::Pass;
        };
        if self.calls.contains(&callee) {
            let help = "a simulated call runs the called process inside the case, so a cycle of calls \
                never ends: try removing one call of the cycle";
            self.error_at_node(
                node,
                Code::RecursiveCall,
                format!(
                    "`{}` calls `{}`, which is already running in this case",
                    node.id, self.model.processes[callee.0].id
                ),
                help,
            );
            return StepKind::Pass;
        }

        let after: Vec<u32> = outgoing(process, index).map(|flow| steps[flow.to]).collect();
        let inner_prefix = format!("{prefix}{}/", node.id);
        let step = steps[index.index()] as usize;
        match self.instance(callee, &inner_prefix, Some(&after)) {
            Some(start) => {
                self.plan.steps[step].first = self.plan.successors.len() as u32;
                self.plan.steps[step].count = 1;
                self.plan.successors.push(start);
                self.plan.weights.push(1.0);
            }
            None => {
                let message = format!(
                    "`{}` calls `{}`, which has no start event",
                    node.id, self.model.processes[callee.0].id
                );
                self.error_at_node(
                    node,
                    Code::SimulationSettings,
                    message,
                    "try adding a start event to the called process",
                );
            }
        }
        StepKind::Pass
    }

    /// Points every successor that is a pass-through step with a single
    /// successor (a start, a merge, a call) at the step it passes to, so
    /// the engine does not visit it.
    fn shortcut_passes(&mut self) {
        for index in 0..self.plan.successors.len() {
            self.plan.successors[index] = self.skip_passes(self.plan.successors[index]);
        }
    }

    /// Follows single-successor passes from `step` to the first other step.
    /// It gives up after as many hops as there are steps, which only a cycle
    /// of merges reaches, and the engine's `max_events` guard then stops it.
    fn skip_passes(&self, mut step: u32) -> u32 {
        for _ in 0..self.plan.steps.len() {
            let next = self.plan.steps[step as usize];
            if next.kind != StepKind::Pass || next.count != 1 {
                break;
            }
            step = self.plan.successors[next.first as usize];
        }
        step
    }

    /// Allocates the per-case counters of the joins of one instance: one
    /// for a parallel join, two for an inclusive join.
    fn join_counters(&mut self, process: &Process, steps: &[u32]) -> Vec<u32> {
        let mut counters = vec![NONE; steps.len()];
        for index in process.flow_nodes() {
            let width = match process.node(index).kind {
                NodeKind::Join => 1,
                NodeKind::InclusiveJoin => 2,
                _ => continue,
            };
            counters[index.index()] = self.plan.counters;
            self.plan.counters += width;
        }
        counters
    }

    fn check_roles(&mut self, settings: &Settings) {
        let model = self.model;
        for (index, role) in self.plan.roles.iter().enumerate() {
            if !role.used {
                continue;
            }
            let declared = &model.roles[index];
            let Some(origin) = declared.origin.as_ref() else { continue };
            let scenario =
                settings.scenario.as_ref().map_or(String::new(), |s| format!(" in scenario `{}`", s.id));
            if role.headcount == 0 {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::NoCapacity,
                        origin.file,
                        origin.id_span.clone(),
                        format!(
                            "the role `{}` has no people{scenario}, so its tasks would wait forever",
                            role.id
                        ),
                    )
                    .with_label("headcount 0")
                    .with_help("try a headcount of at least 1"),
                );
            }
            if declared.hours.is_some() && role.calendar.is_none() {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::NoCapacity,
                        origin.file,
                        origin.id_span.clone(),
                        format!(
                            "the working hours of `{}` contain no time, so its tasks would wait forever",
                            role.id
                        ),
                    )
                    .with_label("no working time")
                    .with_help("try hours such as `mon-fri 09:00-18:00`"),
                );
            }
        }
    }

    fn check_currency(&mut self, settings: &Settings) {
        for (index, role) in self.model.roles.iter().enumerate() {
            if !self.plan.roles[index].used {
                continue;
            }
            let overridden =
                settings.scenario.as_ref().and_then(|s| s.cost_per_hour.iter().find(|(id, _)| id.0 == index));
            if let Some(money) = overridden.map(|(_, money)| money).or(role.cost_per_hour.as_ref()) {
                self.currencies.push((money.currency.clone(), format!("role `{}`", role.id)));
            }
        }
        let Some((first, first_source)) = self.currencies.first().cloned() else { return };
        if let Some((other, source)) = self.currencies.iter().find(|(currency, _)| *currency != first) {
            let message = format!(
                "costs are given in {first} ({first_source}) and in {other} ({source}), \
                which the simulator cannot add up"
            );
            self.error_at_process(settings.process, Code::MixedCurrencies, message);
            return;
        }
        self.plan.currency = Some(first);
    }
}

/// Returns the outgoing flows of a node, in the order they were written.
fn outgoing(process: &Process, index: NodeIndex) -> impl Iterator<Item = &crate::model::Flow> {
    let mut edges: Vec<usize> =
        process.graph.edges_directed(index, Direction::Outgoing).map(|edge| *edge.weight()).collect();
    edges.sort_unstable();
    edges.into_iter().map(move |edge| &process.flows[edge])
}

/// Turns branch probabilities into cumulative ones that end at exactly 1,
/// so that a draw in `[0, 1)` always selects a branch.
fn cumulate(weights: &mut [f64]) {
    let total: f64 = weights.iter().filter(|w| w.is_finite()).sum();
    let mut running = 0.0;
    for weight in weights.iter_mut() {
        running += if weight.is_finite() && total > 0.0 { *weight / total } else { 0.0 };
        *weight = running;
    }
    if let Some(last) = weights.last_mut() {
        *last = 1.0;
    }
}

/// Finds the inclusive join where the branches of an inclusive split meet.
/// Of the inclusive joins that every branch reaches, it picks the one with
/// the shortest longest path, and ties go to the one declared first.
fn paired_join(process: &Process, split: NodeIndex) -> Option<NodeIndex> {
    let branches: Vec<NodeIndex> = outgoing(process, split).map(|flow| NodeIndex::new(flow.to)).collect();
    if branches.is_empty() {
        return None;
    }
    let distances: Vec<Vec<usize>> =
        branches.iter().map(|&branch| distances_from(process, branch, split)).collect();
    process
        .flow_nodes()
        .filter(|&node| process.node(node).kind == NodeKind::InclusiveJoin)
        .filter_map(|join| {
            let longest = distances.iter().map(|d| d[join.index()]).max()?;
            (longest != usize::MAX).then_some((longest, join.index()))
        })
        .min()
        .map(|(_, join)| NodeIndex::new(join))
}

/// Breadth-first distances in flows from `from`, not passing through `split`.
fn distances_from(process: &Process, from: NodeIndex, split: NodeIndex) -> Vec<usize> {
    let mut distances = vec![usize::MAX; process.nodes.len()];
    distances[from.index()] = 0;
    let mut pending = VecDeque::from([from]);
    while let Some(node) = pending.pop_front() {
        for next in process.graph.neighbors_directed(node, Direction::Outgoing) {
            if next != split && distances[next.index()] == usize::MAX {
                distances[next.index()] = distances[node.index()] + 1;
                pending.push_back(next);
            }
        }
    }
    distances
}
