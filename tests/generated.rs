//! The benchmark's generated processes, at a size small enough for a test:
//! they build, every check passes except key nodes on optional branches,
//! and the analysis finds every step visited.

#[path = "../benches/support/mod.rs"]
mod support;

use reflow::analysis::{Options, report};
use reflow::diagnostic::Code;
use reflow::model::{self, Input, ProcessId};

#[test]
fn generated_process_is_sound() {
    let text = support::process(300, 5, 7);
    let loaded = model::load(&[Input::Stdin(text.into_bytes())]).unwrap();
    let (built, diagnostics) = model::build(&loaded);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");

    let found = reflow::check::check(&built);
    let unexpected: Vec<_> = found.iter().filter(|d| d.code != Code::KeyNodeBypassed).collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");

    let analysis = report(&built, ProcessId(0), Options::default()).unwrap();
    assert!(analysis.steps.iter().all(|step| step.visits > 0.0 && step.visits.is_finite()));
    let load = &analysis.workload.as_ref().unwrap().scenarios[0];
    assert!(load.roles.iter().all(|role| role.utilisation < 1.0), "{load:#?}");
}
