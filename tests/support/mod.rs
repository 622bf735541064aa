//! Building models from text for the integration tests.

#![allow(dead_code)]

use petgraph::graph::NodeIndex;
use reflow::diagnostic::{Code, Diagnostic};
use reflow::model::{self, Input, Model, Process};

/// Builds a model from source text, failing the test on any error found
/// while parsing or building it.
pub fn model(text: &str) -> Model {
    let loaded = model::load(&[Input::Stdin(text.as_bytes().to_vec())]).expect("stdin input cannot fail");
    let (built, diagnostics) = model::build(&loaded);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .chain(&diagnostics)
        .filter(|d| d.is_error())
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "the test model does not build: {errors:#?}");
    built
}

/// Builds a model from text and returns its first process.
pub fn process(text: &str) -> Process {
    model(text).processes.into_iter().next().expect("the test model declares a process")
}

/// Runs `reflow::check::check` on a model built from text.
pub fn check(text: &str) -> Vec<Diagnostic> {
    reflow::check::check(&model(text))
}

/// Keeps the findings with one code.
pub fn with_code(diagnostics: &[Diagnostic], code: Code) -> Vec<Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).cloned().collect()
}

/// Finds the node with this id.
pub fn node(process: &Process, id: &str) -> NodeIndex {
    process.find(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

/// Ids of nodes, for readable assertions.
pub fn ids(process: &Process, nodes: &[NodeIndex]) -> Vec<String> {
    nodes.iter().map(|&node| process.node(node).id.clone()).collect()
}

/// Asserts that two numbers agree to 1e-9.
pub fn assert_close(found: f64, expected: f64, what: &str) {
    assert!((found - expected).abs() < 1e-9, "{what}: expected {expected}, found {found}");
}

/// A role `r` with one person, for processes that need a performer.
pub const ROLE: &str = "role r \"Clerk\" { headcount: 1 }\n";
