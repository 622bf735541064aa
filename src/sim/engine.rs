//! The discrete-event engine: one replication of a plan.
//!
//! Resource semantics, fixed so that results can be compared with other
//! engines number for number:
//! - a task seizes one person of its role for its whole duration, without
//!   pre-emption;
//! - each role has one FIFO queue shared by all its tasks, ordered by the
//!   time of the request;
//! - a duration is sampled when its task starts, not when it is requested;
//! - when a task completes, the person is first handed to the head of the
//!   role's queue, and only then does the finished case move on and make
//!   its next requests;
//! - gateways take no time, and a decision is drawn when the token reaches it;
//! - a role with working hours starts tasks only while open, and work in
//!   progress at closing time pauses until the next opening.

use rand::RngExt;

use super::cases::{Case, CaseTable};
use super::kpis::{Kpis, Tally, is_value_added};
use super::plan::{NONE, Plan, StepKind};
use super::queue::{EventKind, EventQueue};
use super::resources::{Pool, Request};
use super::settings::Settings;
use super::streams::{self, Stream};

/// Finished cases between two progress reports.
const PROGRESS_EVERY: u64 = 1024;

/// The reason a replication could not finish.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// A case entered more steps than `max_events` allows.
    Runaway { case: u64, step: u32, limit: u64 },
    /// No event is left, yet cases are unfinished: tokens wait at a join
    /// for a branch that was never taken.
    Stuck { unfinished: usize, step: Option<u32> },
}

/// The result of one replication.
#[derive(Debug, Clone)]
pub struct Replication {
    pub kpis: Kpis,
    /// Cycle times of the measured finished cases, sorted.
    pub cycle_times: Vec<f64>,
    /// Wall-clock seconds of the event loop alone, without setting up and
    /// without computing the KPIs.
    pub loop_seconds: f64,
}

/// Runs replication `index` of a plan. `progress` receives increments in
/// finished cases, or in simulated minutes when the run has a horizon.
pub fn run(
    plan: &Plan,
    settings: &Settings,
    index: u32,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Replication, RunError> {
    let mut engine = Engine::new(plan, settings, index);
    let started = std::time::Instant::now();
    engine.run(progress)?;
    let loop_seconds = started.elapsed().as_secs_f64();
    Ok(engine.finish(loop_seconds))
}

struct Engine<'p> {
    plan: &'p Plan,
    cases_limit: u64,
    horizon: f64,
    warmup: f64,
    max_events: u64,
    now: f64,
    events: EventQueue,
    pools: Vec<Pool>,
    cases: CaseTable,
    arrival_stream: Stream,
    duration_streams: Vec<Stream>,
    routing_streams: Vec<Stream>,
    /// Tokens about to enter a step: `(case slot, step)`, last first.
    pending: Vec<(u32, u32)>,
    /// Chosen branches of an inclusive split, reused between splits.
    chosen: Vec<u32>,
    tally: Tally,
    arrived: u64,
    /// Time the last case finished.
    last_finish: f64,
}

impl<'p> Engine<'p> {
    fn new(plan: &'p Plan, settings: &Settings, index: u32) -> Self {
        let seed = streams::replication_seed(settings.seed, index);
        let pools = plan
            .roles
            .iter()
            .map(|role| Pool::new(role.headcount, role.calendar.clone(), settings.warmup))
            .collect();
        let expected = settings.cases.unwrap_or(1024).min(1 << 24) as usize;
        Engine {
            plan,
            cases_limit: settings.cases.unwrap_or(u64::MAX),
            horizon: settings.horizon.unwrap_or(f64::INFINITY),
            warmup: settings.warmup,
            max_events: settings.max_events,
            now: 0.0,
            events: EventQueue::with_capacity(1024),
            pools,
            cases: CaseTable::new(plan.counters),
            arrival_stream: streams::stream(seed, streams::ARRIVALS),
            duration_streams: plan
                .activities
                .iter()
                .map(|activity| streams::stream(seed, &activity.path))
                .collect(),
            routing_streams: plan.routers.iter().map(|router| streams::stream(seed, router)).collect(),
            pending: Vec::with_capacity(16),
            chosen: Vec::new(),
            tally: Tally::new(plan.activities.len(), expected, settings.warmup),
            arrived: 0,
            last_finish: 0.0,
        }
    }

    fn run(&mut self, progress: &(dyn Fn(u64) + Sync)) -> Result<(), RunError> {
        let first = self.plan.arrivals.sample(&mut self.arrival_stream);
        self.events.schedule(first, EventKind::Arrival);
        let mut reported = 0u64;

        while let Some((time, kind)) = self.events.pop() {
            if time > self.horizon {
                self.now = self.horizon;
                break;
            }
            self.now = time;
            match kind {
                EventKind::Arrival => self.arrive(),
                EventKind::TaskDone { case, step } => self.complete_task(case, step),
                EventKind::TimerDone { case, step } => self.leave(case, step),
                EventKind::RoleOpens { role } => {
                    self.pools[role as usize].opening_scheduled = false;
                    self.start_queued(role);
                }
            }
            self.drain()?;
            reported = self.report_progress(progress, reported);
        }

        if self.horizon.is_infinite() && self.cases.live() > 0 {
            return Err(RunError::Stuck { unfinished: self.cases.live(), step: self.waiting_step() });
        }
        Ok(())
    }

    fn report_progress(&self, progress: &(dyn Fn(u64) + Sync), reported: u64) -> u64 {
        let done =
            if self.horizon.is_finite() { self.now as u64 } else { self.tally.cycle_times.len() as u64 };
        if done >= reported + PROGRESS_EVERY {
            progress(done - reported);
            return done;
        }
        reported
    }

    fn finish(mut self, loop_seconds: f64) -> Replication {
        // A run with a horizon is measured up to it; a run of a number of
        // cases up to the moment the last case finished.
        let end = if self.horizon.is_finite() { self.horizon } else { self.last_finish };
        for pool in &mut self.pools {
            pool.record(end);
        }
        self.tally.record_wip(end);
        let kpis = Kpis::compute(self.plan, &mut self.tally, &self.pools, self.warmup, end);
        Replication { kpis, cycle_times: std::mem::take(&mut self.tally.cycle_times), loop_seconds }
    }

    fn arrive(&mut self) {
        self.arrived += 1;
        self.tally.events += 1;
        if self.arrived < self.cases_limit {
            let next = self.now + self.plan.arrivals.sample(&mut self.arrival_stream);
            self.events.schedule(next, EventKind::Arrival);
        }

        let measured = self.now >= self.warmup;
        if measured {
            self.tally.arrived += 1;
        }
        self.tally.record_wip(self.now);
        self.tally.in_system += 1;
        let case = Case { arrival: self.now, tokens: 1, number: self.arrived, measured, ..Case::default() };
        let slot = self.cases.open(case);
        self.pending.push((slot, self.plan.start));
    }

    /// Enters every pending token into its step, in order.
    fn drain(&mut self) -> Result<(), RunError> {
        while let Some((case, step)) = self.pending.pop() {
            self.enter(case, step)?;
        }
        Ok(())
    }

    fn enter(&mut self, case: u32, step_index: u32) -> Result<(), RunError> {
        let record = self.cases.get(case);
        record.steps_entered += 1;
        if record.steps_entered > self.max_events {
            return Err(RunError::Runaway { case: record.number, step: step_index, limit: self.max_events });
        }

        let step = self.plan.steps[step_index as usize];
        match step.kind {
            StepKind::Pass | StepKind::Fork => self.leave(case, step_index),
            StepKind::Task { activity, role } => self.request(case, step_index, activity, role),
            StepKind::Wait { activity } => self.wait(case, step_index, activity),
            StepKind::Decision { router } => self.decide(case, step_index, router),
            StepKind::Join { counter, needed } => self.join(case, step_index, counter, needed),
            StepKind::InclusiveSplit { router, join } => self.split_inclusive(case, step_index, router, join),
            StepKind::InclusiveJoin { counter } => {
                let expected = *self.cases.counter(case, counter + 1);
                self.join(case, step_index, counter, expected.max(1));
            }
            StepKind::End => self.consume(case),
        }
        Ok(())
    }

    /// Sends the token on to every successor, pushed in reverse so they
    /// are entered in flow order. A step with none consumes the token.
    fn leave(&mut self, case: u32, step_index: u32) {
        let step = self.plan.steps[step_index as usize];
        if step.count == 0 {
            self.consume(case);
            return;
        }
        self.cases.get(case).tokens += step.count - 1;
        for &next in self.plan.successors_of(&step).iter().rev() {
            self.pending.push((case, next));
        }
    }

    fn consume(&mut self, case: u32) {
        let record = self.cases.get(case);
        record.tokens -= 1;
        if record.tokens > 0 {
            return;
        }
        let record = *record;
        self.cases.close(case);
        self.tally.record_wip(self.now);
        self.tally.in_system -= 1;
        self.last_finish = self.now;
        if record.measured {
            self.tally.cycle_times.push(self.now - record.arrival);
            self.tally.cost += record.cost;
            self.tally.value_added += record.value_added;
        }
    }

    fn decide(&mut self, case: u32, step_index: u32, router: u32) {
        let step = self.plan.steps[step_index as usize];
        let draw: f64 = self.routing_streams[router as usize].random();
        let weights = self.plan.weights_of(&step);
        let branch = weights.iter().position(|&cumulative| draw < cumulative).unwrap_or(weights.len() - 1);
        self.pending.push((case, self.plan.successors_of(&step)[branch]));
    }

    fn join(&mut self, case: u32, step_index: u32, counter: u32, needed: u32) {
        let arrived = self.cases.counter(case, counter);
        *arrived += 1;
        if *arrived < needed {
            return;
        }
        *arrived = 0;
        self.cases.get(case).tokens -= needed - 1;
        self.leave(case, step_index);
    }

    /// Takes each branch with its own probability, conditioned on taking at
    /// least one: the first branch taken is drawn from its exact conditional
    /// distribution, and the branches after it independently.
    fn split_inclusive(&mut self, case: u32, step_index: u32, router: u32, join: u32) {
        let step = self.plan.steps[step_index as usize];
        let weights = self.plan.weights_of(&step);
        let stream = &mut self.routing_streams[router as usize];
        self.chosen.clear();

        let none_taken: f64 = weights.iter().map(|p| 1.0 - p).product();
        let mut draw = stream.random::<f64>() * (1.0 - none_taken);
        let mut skipped = 1.0;
        let mut first = weights.len() - 1;
        for (branch, &p) in weights.iter().enumerate() {
            let mass = skipped * p;
            if draw < mass {
                first = branch;
                break;
            }
            draw -= mass;
            skipped *= 1.0 - p;
        }
        self.chosen.push(first as u32);
        for (branch, &p) in weights.iter().enumerate().skip(first + 1) {
            if stream.random::<f64>() < p {
                self.chosen.push(branch as u32);
            }
        }

        let taken = self.chosen.len() as u32;
        if join != NONE {
            *self.cases.counter(case, join + 1) = taken;
        }
        self.cases.get(case).tokens += taken - 1;
        let successors = self.plan.successors_of(&step);
        for &branch in self.chosen.iter().rev() {
            self.pending.push((case, successors[branch as usize]));
        }
    }

    fn wait(&mut self, case: u32, step_index: u32, activity: u32) {
        let minutes = self.plan.activities[activity as usize]
            .sampler
            .sample(&mut self.duration_streams[activity as usize]);
        if self.cases.get(case).measured {
            let tally = &mut self.tally.activities[activity as usize];
            tally.count += 1;
            tally.work += minutes;
        }
        self.events.schedule(self.now + minutes, EventKind::TimerDone { case, step: step_index });
    }

    fn request(&mut self, case: u32, step: u32, activity: u32, role: u32) {
        if role == NONE {
            self.start_task(case, step, activity, NONE, self.now);
            return;
        }
        let now = self.now;
        let pool = &mut self.pools[role as usize];
        if pool.queue.is_empty() && pool.can_start(now) {
            self.start_task(case, step, activity, role, now);
            return;
        }
        pool.record(now);
        pool.queue.push_back(Request { case, step, time: now });
        self.schedule_opening(role);
    }

    /// Hands free people of a role to the head of its queue, while it works.
    fn start_queued(&mut self, role: u32) {
        let now = self.now;
        loop {
            let pool = &mut self.pools[role as usize];
            if pool.queue.is_empty() || pool.busy >= pool.capacity {
                return;
            }
            if !pool.is_open(now) {
                self.schedule_opening(role);
                return;
            }
            pool.record(now);
            let request = pool.queue.pop_front().expect("the queue is not empty");
            let StepKind::Task { activity, .. } = self.plan.steps[request.step as usize].kind else {
                unreachable!("only tasks queue for people")
            };
            self.start_task(request.case, request.step, activity, role, request.time);
        }
    }

    /// Makes sure a closed role with waiting requests opens again.
    fn schedule_opening(&mut self, role: u32) {
        let now = self.now;
        let pool = &mut self.pools[role as usize];
        if pool.opening_scheduled || pool.is_open(now) {
            return;
        }
        let Some(calendar) = &pool.calendar else { return };
        pool.opening_scheduled = true;
        let opens = calendar.next_open(now);
        self.events.schedule(opens, EventKind::RoleOpens { role });
    }

    fn start_task(&mut self, case: u32, step: u32, activity: u32, role: u32, requested: f64) {
        let spec = &self.plan.activities[activity as usize];
        let minutes = spec.sampler.sample(&mut self.duration_streams[activity as usize]);
        let now = self.now;
        let (finish, cost_per_minute) = if role == NONE {
            (now + minutes, 0.0)
        } else {
            let pool = &mut self.pools[role as usize];
            pool.record(now);
            pool.busy += 1;
            (pool.finish_time(now, minutes), self.plan.roles[role as usize].cost_per_minute)
        };

        let record = self.cases.get(case);
        record.cost += spec.cost + minutes * cost_per_minute;
        if is_value_added(spec.value) {
            record.value_added += minutes;
        }
        if record.measured {
            let tally = &mut self.tally.activities[activity as usize];
            tally.count += 1;
            tally.wait += now - requested;
            tally.work += minutes;
        }
        self.events.schedule(finish, EventKind::TaskDone { case, step });
    }

    fn complete_task(&mut self, case: u32, step: u32) {
        self.tally.events += 1;
        if let StepKind::Task { role, .. } = self.plan.steps[step as usize].kind {
            if role != NONE {
                let now = self.now;
                let pool = &mut self.pools[role as usize];
                pool.record(now);
                pool.busy -= 1;
                self.start_queued(role);
            }
        }
        self.leave(case, step);
    }

    /// Finds a step where tokens of an unfinished case wait: a join with a
    /// partial count, else a task queued for people.
    fn waiting_step(&self) -> Option<u32> {
        for slot in self.cases.live_slots() {
            let counters = self.cases.counters_of(slot);
            for (index, step) in self.plan.steps.iter().enumerate() {
                let counter = match step.kind {
                    StepKind::Join { counter, .. } | StepKind::InclusiveJoin { counter } => counter,
                    _ => continue,
                };
                if counters[counter as usize] > 0 {
                    return Some(index as u32);
                }
            }
        }
        self.pools.iter().find_map(|pool| pool.queue.front().map(|request| request.step))
    }
}
