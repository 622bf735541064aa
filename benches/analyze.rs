//! Analysis of generated processes of 1,000 and 10,000 steps: the full
//! report (visits, critical path, hand-offs, workload), the soundness
//! check with its token-game exploration, and every check together.

mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use reflow::analysis::{self, Limits, Options};
use reflow::model::{self, Input, Model, ProcessId};

fn build(text: &str) -> Model {
    let loaded = model::load(&[Input::Stdin(text.as_bytes().to_vec())]).expect("stdin cannot fail");
    let (built, diagnostics) = model::build(&loaded);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "the generated model builds: {diagnostics:#?}");
    built
}

fn benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("analyze");
    group.sample_size(10);
    for steps in [1_000, 10_000] {
        let model = build(&support::process(steps, 8, 42));
        let process = &model.processes[0];

        group.bench_with_input(BenchmarkId::new("report", steps), &model, |bench, model| {
            bench.iter(|| analysis::report(model, ProcessId(0), Options::default()).expect("a start"))
        });
        group.bench_with_input(BenchmarkId::new("soundness", steps), process, |bench, process| {
            bench.iter(|| {
                let mut found = Vec::new();
                analysis::diagnostics::check_process(process, Limits::default(), &mut found);
                found
            })
        });
        group.bench_with_input(BenchmarkId::new("check", steps), &model, |bench, model| {
            bench.iter(|| reflow::check::check(model))
        });
    }
    group.finish();
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
