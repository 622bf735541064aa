//! Layout and SVG writing of generated processes of 1,000 and 10,000
//! steps over 8 roles.

mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use reflow::model::{self, Input, Model};
use reflow::render::{LayoutOptions, Theme, layout, svg};

fn build(text: &str) -> Model {
    let loaded = model::load(&[Input::Stdin(text.as_bytes().to_vec())]).expect("stdin cannot fail");
    let (built, diagnostics) = model::build(&loaded);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "the generated model builds: {diagnostics:#?}");
    built
}

fn benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("render");
    group.sample_size(10);
    for steps in [1_000, 10_000] {
        let model = build(&support::process(steps, 8, 42));
        let process = &model.processes[0];
        let options = LayoutOptions::default();

        group.bench_with_input(BenchmarkId::new("layout", steps), process, |bench, process| {
            bench.iter(|| layout(&model, process, &options))
        });
        let diagram = layout(&model, process, &options);
        group.bench_with_input(BenchmarkId::new("svg", steps), &diagram, |bench, diagram| {
            bench.iter(|| svg(diagram, Theme::Light))
        });
    }
    group.finish();
}

criterion_group!(render, benchmarks);
criterion_main!(render);
