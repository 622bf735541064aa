//! Simulation speed: reflow's engine on the reference complaint process
//! against an event loop written for that one process, the fastest a
//! general engine could hope to be. Both run 10,000 cases of the staffed
//! scenario per iteration, in the same process, one after the other.
//!
//! `cargo bench --bench sim`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reflow::model::{self, Input};
use reflow::sim::{self, Overrides};

const CASES: u64 = 10_000;

fn reference_plan() -> (sim::Plan, sim::Settings) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench/complaint_reference.flow");
    let loaded = model::load(&[Input::Path(path)]).expect("the reference model is readable");
    let (built, _) = model::build(&loaded);
    let overrides =
        Overrides { scenario: Some("staffed".into()), cases: Some(CASES), ..Overrides::default() };
    let settings = sim::resolve(&built, loaded.roots[0], &overrides).expect("valid settings");
    let plan = sim::compile(&built, &settings).expect("the reference model compiles");
    (plan, settings)
}

fn bench(c: &mut Criterion) {
    let (plan, settings) = reference_plan();
    let mut group = c.benchmark_group("complaint_staffed");
    group.sample_size(20);
    group.throughput(Throughput::Elements(CASES));

    let mut replication = 0;
    group.bench_function("reflow_engine", |b| {
        b.iter(|| {
            replication += 1;
            let result = sim::run(&plan, &settings, replication, &|_| {}).expect("the run finishes");
            black_box(result.kpis.cycle_time.mean)
        })
    });

    let mut seed = 0;
    group.bench_function("hand_written_loop", |b| {
        b.iter(|| {
            seed += 1;
            black_box(hand_loop::run(CASES as u32, seed, [4, 3, 2]))
        })
    });
    group.finish();
}

/// The complaint process as a dedicated event loop: a binary heap of
/// events, FIFO queues per role, the routing written out in code.
mod hand_loop {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, VecDeque};

    use rand::{RngExt, SeedableRng};
    use rand_distr::{Distribution, Exp, LogNormal, Normal, Triangular, Uniform};
    use rand_xoshiro::Xoshiro256PlusPlus;

    const REGISTER: u8 = 0;
    const INVESTIGATE: u8 = 1;
    const DRAFT: u8 = 2;
    const APPROVAL: u8 = 3;
    const CONTACT: u8 = 4;
    const ARRIVAL: u8 = 5;
    /// The role of each task: agents, engineers, managers.
    const ROLE: [usize; 5] = [0, 1, 0, 2, 0];

    struct Samplers {
        register: Triangular<f64>,
        investigate: Exp<f64>,
        draft: Normal<f64>,
        approval: Uniform<f64>,
        contact: LogNormal<f64>,
        arrival: Exp<f64>,
    }

    struct Loop {
        rng: Xoshiro256PlusPlus,
        samplers: Samplers,
        now: f64,
        sequence: u64,
        events: BinaryHeap<Reverse<(u64, u64, u8, u32)>>,
        free: [u32; 3],
        queues: [VecDeque<(u32, u8)>; 3],
        arrival: Vec<f64>,
        pending_branches: Vec<u8>,
        cycle_sum: f64,
    }

    impl Loop {
        fn schedule(&mut self, time: f64, kind: u8, case: u32) {
            self.events.push(Reverse((time.to_bits(), self.sequence, kind, case)));
            self.sequence += 1;
        }

        fn request(&mut self, case: u32, task: u8) {
            let role = ROLE[task as usize];
            if self.free[role] > 0 {
                self.free[role] -= 1;
                self.start(case, task);
            } else {
                self.queues[role].push_back((case, task));
            }
        }

        fn start(&mut self, case: u32, task: u8) {
            let samplers = &self.samplers;
            let rng = &mut self.rng;
            let minutes = match task {
                REGISTER => samplers.register.sample(rng),
                INVESTIGATE => samplers.investigate.sample(rng),
                DRAFT => samplers.draft.sample(rng).max(0.0),
                APPROVAL => samplers.approval.sample(rng),
                _ => samplers.contact.sample(rng),
            };
            self.schedule(self.now + minutes, task, case);
        }

        fn complete(&mut self, case: u32, task: u8) {
            let role = ROLE[task as usize];
            match self.queues[role].pop_front() {
                Some((next, next_task)) => self.start(next, next_task),
                None => self.free[role] += 1,
            }
            match task {
                REGISTER if self.rng.random::<f64>() < 0.4 => self.request(case, INVESTIGATE),
                REGISTER => self.request(case, CONTACT),
                INVESTIGATE => {
                    self.pending_branches[case as usize] = 2;
                    self.request(case, DRAFT);
                    self.request(case, APPROVAL);
                }
                DRAFT | APPROVAL => {
                    self.pending_branches[case as usize] -= 1;
                    if self.pending_branches[case as usize] == 0 {
                        self.request(case, CONTACT);
                    }
                }
                _ if self.rng.random::<f64>() < 0.85 => {
                    self.cycle_sum += self.now - self.arrival[case as usize]
                }
                _ => self.request(case, INVESTIGATE),
            }
        }
    }

    /// Runs `cases` cases and returns their mean cycle time.
    pub fn run(cases: u32, seed: u64, staff: [u32; 3]) -> f64 {
        let sigma = 1.25f64.ln().sqrt();
        let samplers = Samplers {
            register: Triangular::new(2.0, 8.0, 4.0).unwrap(),
            investigate: Exp::new(1.0 / 20.0).unwrap(),
            draft: Normal::new(10.0, 2.0).unwrap(),
            approval: Uniform::new(5.0, 15.0).unwrap(),
            contact: LogNormal::new(8f64.ln() - sigma * sigma / 2.0, sigma).unwrap(),
            arrival: Exp::new(1.0 / 6.0).unwrap(),
        };
        let mut state = Loop {
            rng: Xoshiro256PlusPlus::seed_from_u64(seed),
            samplers,
            now: 0.0,
            sequence: 0,
            events: BinaryHeap::with_capacity(1024),
            free: staff,
            queues: Default::default(),
            arrival: Vec::with_capacity(cases as usize),
            pending_branches: vec![0; cases as usize],
            cycle_sum: 0.0,
        };

        let first = state.samplers.arrival.sample(&mut state.rng);
        state.schedule(first, ARRIVAL, 0);
        while let Some(Reverse((time, _, kind, case))) = state.events.pop() {
            state.now = f64::from_bits(time);
            if kind == ARRIVAL {
                state.arrival.push(state.now);
                if case + 1 < cases {
                    let next = state.now + state.samplers.arrival.sample(&mut state.rng);
                    state.schedule(next, ARRIVAL, case + 1);
                }
                state.request(case, REGISTER);
            } else {
                state.complete(case, kind);
            }
        }
        state.cycle_sum / f64::from(cases)
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
