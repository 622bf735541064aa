//! Writes the inputs of the render benchmark against Graphviz: the
//! generated 1,000- and 10,000-step models, and the same graphs in DOT.
//! Ignored by default; run with
//! `REFLOW_BENCH_DIR=/tmp/bench cargo test --test render_peer_inputs -- --ignored`.

#[path = "../benches/support/mod.rs"]
mod generator;

use std::fmt::Write;
use std::path::PathBuf;

use reflow::model::{self, Input};

/// Writes a process's nodes as boxes and its flows as labelled edges,
/// laid out left to right like reflow's default.
fn dot(process: &reflow::model::Process) -> String {
    let mut out = String::from("digraph g {\n  rankdir=LR;\n");
    for node in &process.nodes {
        let _ = writeln!(out, "  \"{}\" [label=\"{}\", shape=box];", node.id, node.display_name());
    }
    for flow in &process.flows {
        let label = flow.label.as_deref().unwrap_or("");
        let (from, to) = (&process.nodes[flow.from].id, &process.nodes[flow.to].id);
        let _ = writeln!(out, "  \"{from}\" -> \"{to}\" [label=\"{label}\"];");
    }
    out.push_str("}\n");
    out
}

#[test]
#[ignore = "writes benchmark inputs; run by hand"]
fn write_peer_inputs() {
    let folder = PathBuf::from(std::env::var("REFLOW_BENCH_DIR").expect("set REFLOW_BENCH_DIR"));
    std::fs::create_dir_all(&folder).unwrap();
    for steps in [1_000, 10_000] {
        let text = generator::process(steps, 8, 42);
        let loaded = model::load(&[Input::Stdin(text.clone().into_bytes())]).unwrap();
        let (built, _) = model::build(&loaded);
        std::fs::write(folder.join(format!("gen{steps}.flow")), text).unwrap();
        std::fs::write(folder.join(format!("gen{steps}.dot")), dot(&built.processes[0])).unwrap();
    }
}
