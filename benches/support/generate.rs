//! Generates valid long-form models of a given size for benchmarks: a
//! process of roughly `steps` nodes over `lanes` roles, mixing plain tasks,
//! decisions with a merge, parallel blocks and rework loops, from a fixed
//! seed so every run measures the same text.

use std::fmt::Write;

/// A small linear congruential generator; the benchmark needs repeatable
/// structure, not statistical quality.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

/// Returns the text of a model with about `steps` nodes in one process.
pub fn model(steps: usize, lanes: usize, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut declarations = String::new();
    let mut flows = String::new();
    let mut count = 0;
    let mut id = 0;
    let mut fresh = |prefix: &str| {
        id += 1;
        format!("{prefix}{id}")
    };

    let mut text = String::new();
    for lane in 0..lanes {
        writeln!(
            text,
            "role r{lane} \"岗位 {lane} Role {lane}\" {{\n    headcount: 3\n    cost: 80 CNY/h\n}}\n"
        )
        .unwrap();
    }

    let mut previous = "s".to_string();
    let task = |declarations: &mut String, rng: &mut Lcg, name: &str| {
        let lane = rng.next(lanes as u64);
        writeln!(
            declarations,
            "    task {name} \"处理 {name} Handle {name}\" {{\n        role: r{lane}\n        duration: triangular(1m, 2m, 4m)\n    }}"
        )
        .unwrap();
    };

    while count < steps {
        match rng.next(10) {
            0..=4 => {
                let name = fresh("t");
                task(&mut declarations, &mut rng, &name);
                writeln!(flows, "    {previous} -> {name}").unwrap();
                previous = name;
                count += 1;
            }
            5 | 6 => {
                let (decision, merge, yes, no) = (fresh("d"), fresh("m"), fresh("t"), fresh("t"));
                writeln!(declarations, "    decision {decision} \"通过? Approved?\"\n    merge {merge}")
                    .unwrap();
                task(&mut declarations, &mut rng, &yes);
                task(&mut declarations, &mut rng, &no);
                writeln!(flows, "    {previous} -> {decision}\n    {decision} -> [yes 70%] {yes} -> {merge}\n    {decision} -> [no 30%] {no} -> {merge}").unwrap();
                previous = merge;
                count += 4;
            }
            7 | 8 => {
                let (fork, join, left, right) = (fresh("f"), fresh("j"), fresh("t"), fresh("t"));
                writeln!(declarations, "    fork {fork}\n    join {join}").unwrap();
                task(&mut declarations, &mut rng, &left);
                task(&mut declarations, &mut rng, &right);
                writeln!(flows, "    {previous} -> {fork}\n    {fork} -> {left} -> {join}\n    {fork} -> {right} -> {join}").unwrap();
                previous = join;
                count += 4;
            }
            _ => {
                let (work, check) = (fresh("t"), fresh("d"));
                task(&mut declarations, &mut rng, &work);
                writeln!(declarations, "    decision {check} \"合格? Passed?\"").unwrap();
                let after = fresh("t");
                task(&mut declarations, &mut rng, &after);
                writeln!(flows, "    {previous} -> {work} -> {check}\n    {check} -> [redo 20%] {work}\n    {check} -> [ok 80%] {after}").unwrap();
                previous = after;
                count += 3;
            }
        }
    }
    writeln!(flows, "    {previous} -> e").unwrap();

    writeln!(text, "process generated \"生成的流程 Generated process\" {{\n    owner: r0\n    start s \"开始 Start\"\n    end e \"结束 End\"").unwrap();
    text.push_str(&declarations);
    text.push('\n');
    text.push_str(&flows);
    text.push_str("}\n");
    text
}
