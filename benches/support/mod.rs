//! A seeded generator of large CRM-like processes in reflow's language,
//! for benchmarks: sequences of tasks over several roles, exclusive
//! choices, rework loops, and parallel blocks, one of them inside a loop.

use std::fmt::Write;

/// SplitMix64: a small, fast generator whose output depends only on the
/// seed, so a benchmark model is the same on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Draws a number in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// Writes a process of about `steps` steps (tasks and gateways) performed
/// by `roles` roles, in the long form. A case arrives every `3 × steps`
/// minutes, which keeps every role below 100% load.
pub fn process(steps: usize, roles: usize, seed: u64) -> String {
    let mut generator =
        Generator { random: SplitMix64(seed), body: String::new(), flows: String::new(), count: 0, roles };
    let mut out = String::new();
    for role in 0..roles {
        let _ = writeln!(out, "role r{role} \"Role {role}\" {{ headcount: {} }}", 2 + role % 3);
    }
    let _ = writeln!(out, "process generated \"Generated {steps} steps\" {{");

    generator.body.push_str("  start s \"Start\"\n");
    let mut last = "s".to_string();
    while generator.count < steps {
        last = generator.block(&last);
    }
    generator.body.push_str("  end e \"Done\"\n");
    let _ = writeln!(generator.flows, "  {last} -> e");

    out.push_str(&generator.body);
    out.push_str(&generator.flows);
    let _ = write!(
        out,
        "}}\n\nsimulation {{\n  process: generated\n  arrivals: exponential({}m)\n}}\n",
        3 * steps
    );
    out
}

struct Generator {
    random: SplitMix64,
    body: String,
    flows: String,
    /// Steps declared so far.
    count: usize,
    roles: usize,
}

impl Generator {
    /// Adds one block after `previous` and returns the id its flow leaves from.
    fn block(&mut self, previous: &str) -> String {
        match self.random.below(10) {
            0..=3 => self.sequence(previous, 3),
            4..=5 => self.choice(previous),
            6..=7 => self.parallel(previous),
            8 => self.rework(previous, false),
            _ => self.rework(previous, true),
        }
    }

    fn id(&mut self, prefix: &str) -> String {
        self.count += 1;
        format!("{prefix}{}", self.count)
    }

    fn task(&mut self) -> String {
        let id = self.id("t");
        let role = self.random.below(self.roles as u64);
        let mode = 2 + self.random.below(20);
        let key = if self.random.below(50) == 0 { " key: \"checkpoint\"" } else { "" };
        let _ = writeln!(
            self.body,
            "  task {id} \"处理 step {id}\" {{ role: r{role} duration: triangular({}m, {mode}m, {}m){key} }}",
            mode / 2,
            mode * 2
        );
        id
    }

    fn flow(&mut self, from: &str, to: &str) {
        let _ = writeln!(self.flows, "  {from} -> {to}");
    }

    fn sequence(&mut self, previous: &str, length: u64) -> String {
        let mut last = previous.to_string();
        for _ in 0..1 + self.random.below(length) {
            let task = self.task();
            self.flow(&last, &task);
            last = task;
        }
        last
    }

    /// Adds an exclusive choice of two or three branches, merged again.
    fn choice(&mut self, previous: &str) -> String {
        let decision = self.id("x");
        let merge = self.id("m");
        let _ = writeln!(self.body, "  decision {decision} \"Choose {decision}\"\n  merge {merge}");
        self.flow(previous, &decision);
        let shares: &[u32] = if self.random.below(2) == 0 { &[60, 40] } else { &[50, 30, 20] };
        for (branch, share) in shares.iter().enumerate() {
            let first = self.task();
            let _ = writeln!(self.flows, "  {decision} -> [b{branch} {share}%] {first}");
            let last = self.sequence(&first, 2);
            self.flow(&last, &merge);
        }
        merge
    }

    /// Two or three branches in parallel, joined again.
    fn parallel(&mut self, previous: &str) -> String {
        let fork = self.id("f");
        let join = self.id("j");
        let _ = writeln!(self.body, "  fork {fork}\n  join {join}");
        self.flow(previous, &fork);
        for _ in 0..2 + self.random.below(2) {
            let first = self.task();
            self.flow(&fork, &first);
            let last = self.sequence(&first, 2);
            self.flow(&last, &join);
        }
        join
    }

    /// Adds a loop that returns 20% of the time. With `parallel`, its body
    /// is a parallel block, as in a rework loop whose steps run side by side.
    fn rework(&mut self, previous: &str, parallel: bool) -> String {
        let merge = self.id("m");
        let decision = self.id("x");
        let _ = writeln!(self.body, "  merge {merge}\n  decision {decision} \"Redo {decision}?\"");
        self.flow(previous, &merge);
        let last = if parallel { self.parallel(&merge) } else { self.sequence(&merge, 3) };
        self.flow(&last, &decision);
        let _ = writeln!(self.flows, "  {decision} -> [redo 20%] {merge}");
        let next = self.task();
        let _ = writeln!(self.flows, "  {decision} -> [done 80%] {next}");
        next
    }
}
