//! The settings of one simulation run: the model's `simulation` block, a
//! chosen scenario, and command-line overrides on top.

use crate::diagnostic::{Code, Diagnostic, did_you_mean};
use crate::model::{Distribution, Model, NodeKind, ProcessId, Scenario, Simulation};
use crate::source::{FileId, Span};

/// Cases per replication when the model gives neither `cases` nor `horizon`.
pub const DEFAULT_CASES: u64 = 1_000;
/// Replications when the model gives none: enough for a confidence interval.
pub const DEFAULT_REPLICATIONS: u32 = 10;
/// The base seed when the model gives none.
pub const DEFAULT_SEED: u64 = 1;
/// Steps one case may pass through before the run stops with an error,
/// when the model does not set `max_events`. A case of a sound process
/// visits a few dozen steps; only a loop whose exit is (almost) never taken
/// gets near this.
pub const DEFAULT_MAX_EVENTS: u64 = 10_000;

/// Command-line values that replace those of the `simulation` block.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub process: Option<String>,
    pub scenario: Option<String>,
    pub cases: Option<u64>,
    /// Minutes.
    pub horizon: Option<f64>,
    pub replications: Option<u32>,
    pub seed: Option<u64>,
    /// Minutes.
    pub warmup: Option<f64>,
}

/// Resolved settings of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    pub process: ProcessId,
    /// The scenario applied on top of the model, if any.
    pub scenario: Option<Scenario>,
    /// Time between arrivals, in minutes.
    pub arrivals: Distribution,
    /// Cases that arrive per replication; with no horizon the run goes on
    /// until all of them have finished.
    pub cases: Option<u64>,
    /// Minutes after which a replication stops, finished or not.
    pub horizon: Option<f64>,
    pub replications: u32,
    pub seed: u64,
    /// Minutes at the start of a replication that the KPIs leave out.
    pub warmup: f64,
    pub max_events: u64,
}

/// The place diagnostics about the settings point at: the simulation
/// block, or the start of the root file when there is none.
struct Anchor {
    file: FileId,
    span: Span,
}

impl Anchor {
    fn error(&self, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Code::SimulationSettings, self.file, self.span.clone(), message)
            .with_label("in this simulation")
            .with_help(help)
    }
}

/// Resolves the settings of a run from the model and the overrides.
/// `root` is the file the user named, whose simulation block is preferred.
pub fn resolve(model: &Model, root: FileId, overrides: &Overrides) -> Result<Settings, Vec<Diagnostic>> {
    let block = choose_block(model, root, overrides);
    let anchor = anchor(block, root);
    let empty = Simulation::default();
    let block = block.unwrap_or(&empty);

    let mut errors = Vec::new();
    let process = resolve_process(model, block, overrides, &anchor).map_err(|e| errors.push(e)).ok();
    let scenario = resolve_scenario(block, overrides, &anchor).map_err(|e| errors.push(e)).ok().flatten();
    let arrivals = scenario.as_ref().and_then(|s| s.arrivals.clone()).or_else(|| block.arrivals.clone());
    let has_arrivals = arrivals.is_some();
    if !has_arrivals {
        errors.push(anchor.error(
            "the simulation has no arrivals",
            "try giving the time between arrivals: `simulation { arrivals: exponential(6m) }`",
        ));
    }

    let (cases, horizon) = stop_rule(block, overrides);
    let settings = Settings {
        process: process.unwrap_or(ProcessId(0)),
        scenario,
        arrivals: arrivals.unwrap_or(Distribution::Fixed(0.0)),
        cases,
        horizon,
        replications: overrides.replications.or(block.replications).unwrap_or(DEFAULT_REPLICATIONS),
        seed: overrides.seed.or(block.seed).unwrap_or(DEFAULT_SEED),
        warmup: overrides.warmup.or(block.warmup).unwrap_or(0.0),
        max_events: block.max_events.unwrap_or(DEFAULT_MAX_EVENTS),
    };
    validate(&settings, has_arrivals, &anchor, &mut errors);
    if errors.is_empty() { Ok(settings) } else { Err(errors) }
}

/// Resolves the to-be side of a comparison: its own process, roles and
/// scenario-free model, with the as-is run's arrivals, stop rule,
/// replications, seed, warm-up and limit, so that both processes face the
/// same demand drawn from the same random numbers.
pub fn resolve_to_be(
    model: &Model,
    root: FileId,
    process: Option<&str>,
    as_is: &Settings,
) -> Result<Settings, Vec<Diagnostic>> {
    let overrides = Overrides { process: process.map(str::to_string), ..Overrides::default() };
    let block = choose_block(model, root, &overrides);
    let anchor = anchor(block, root);
    let empty = Simulation::default();
    let process =
        resolve_process(model, block.unwrap_or(&empty), &overrides, &anchor).map_err(|error| vec![error])?;
    Ok(Settings { process, scenario: None, ..as_is.clone() })
}

fn anchor(block: Option<&Simulation>, root: FileId) -> Anchor {
    match block.and_then(|block| block.origin.as_ref()) {
        Some(origin) => Anchor { file: origin.file, span: origin.id_span.clone() },
        None => Anchor { file: root, span: 0..0 },
    }
}

/// Chooses the block for the requested process, else the root file's
/// first block, else the model's first.
fn choose_block<'m>(model: &'m Model, root: FileId, overrides: &Overrides) -> Option<&'m Simulation> {
    if let Some(name) = &overrides.process {
        let requested = model.find_process(name);
        if let Some(block) =
            model.simulations.iter().find(|block| requested.is_some() && block.process == requested)
        {
            return Some(block);
        }
    }
    let in_root =
        model.simulations.iter().find(|block| block.origin.as_ref().is_some_and(|o| o.file == root));
    in_root.or_else(|| model.simulations.first())
}

fn resolve_process(
    model: &Model,
    block: &Simulation,
    overrides: &Overrides,
    anchor: &Anchor,
) -> Result<ProcessId, Diagnostic> {
    if let Some(name) = &overrides.process {
        return model.find_process(name).ok_or_else(|| {
            let ids = model.processes.iter().map(|process| process.id.as_str());
            let help = match did_you_mean(name, ids) {
                Some(id) => format!("did you mean `{id}`?"),
                None => {
                    format!("the processes are {}", list_ids(model.processes.iter().map(|p| p.id.as_str())))
                }
            };
            anchor.error(format!("unknown process `{name}`"), help)
        });
    }
    if let Some(process) = block.process {
        return Ok(process);
    }

    let runnable: Vec<ProcessId> = (0..model.processes.len())
        .map(ProcessId)
        .filter(|&id| model.processes[id.0].nodes.iter().any(|node| node.kind == NodeKind::Start))
        .collect();
    match runnable.as_slice() {
        [only] => Ok(*only),
        [] => Err(anchor.error(
            "the model has no process with a start event to simulate",
            "try adding `start s` and a flow from it",
        )),
        several => Err(anchor.error(
            "the model has several processes and the simulation does not name one",
            format!(
                "try `process: {}` in the simulation block or `--process`; the processes are {}",
                model.processes[several[0].0].id,
                list_ids(several.iter().map(|id| model.processes[id.0].id.as_str()))
            ),
        )),
    }
}

fn resolve_scenario(
    block: &Simulation,
    overrides: &Overrides,
    anchor: &Anchor,
) -> Result<Option<Scenario>, Diagnostic> {
    let Some(name) = &overrides.scenario else { return Ok(None) };
    if let Some(scenario) = block.scenarios.iter().find(|scenario| &scenario.id == name) {
        return Ok(Some(scenario.clone()));
    }
    let ids = block.scenarios.iter().map(|scenario| scenario.id.as_str());
    let help = match did_you_mean(name, ids.clone()) {
        Some(id) => format!("did you mean `{id}`?"),
        None if block.scenarios.is_empty() => {
            "try declaring it in the simulation block: `scenario staffed { agent.headcount: 4 }`".to_string()
        }
        None => format!("the scenarios are {}", list_ids(ids)),
    };
    Err(anchor.error(format!("unknown scenario `{name}`"), help))
}

/// Cases and horizon: a command-line value replaces the block's stop rule
/// as a whole, and with neither, [`DEFAULT_CASES`] cases arrive.
fn stop_rule(block: &Simulation, overrides: &Overrides) -> (Option<u64>, Option<f64>) {
    match (overrides.cases, overrides.horizon) {
        (None, None) => match (block.cases, block.horizon) {
            (None, None) => (Some(DEFAULT_CASES), None),
            given => given,
        },
        given => given,
    }
}

/// Checks the values of resolved settings. `has_arrivals` is false when the
/// model gave no arrivals, which is reported already.
fn validate(settings: &Settings, has_arrivals: bool, anchor: &Anchor, errors: &mut Vec<Diagnostic>) {
    if settings.cases == Some(0) {
        errors.push(anchor.error("`cases` is 0, so no case would arrive", "try `cases: 1000`"));
    }
    if settings.replications == 0 {
        errors.push(anchor.error("`replications` is 0, so nothing would run", "try `replications: 10`"));
    }
    if has_arrivals && settings.arrivals.mean() <= 0.0 {
        errors.push(anchor.error(
            "the time between arrivals has a mean of 0, so the clock would never advance",
            "try a positive time between arrivals, such as `arrivals: exponential(6m)`",
        ));
    }
    if settings.max_events == 0 {
        errors.push(anchor.error("`max_events` is 0, so no case could take a step", "try leaving it out"));
    }
    if let Some(horizon) = settings.horizon {
        if horizon <= 0.0 {
            errors.push(anchor.error("the horizon is zero", "try `horizon: 30d`"));
        } else if settings.warmup >= horizon {
            errors.push(anchor.error(
                "the warm-up is not shorter than the horizon, so nothing would be measured",
                "try a shorter warm-up or a longer horizon",
            ));
        }
    }
}

fn list_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ")
}
