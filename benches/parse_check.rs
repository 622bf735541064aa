//! Parse, build and check generated models of 100, 1,000 and 10,000 steps,
//! from text in memory to the list of findings.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use reflow::model::{Input, build, load};

#[path = "support/generate.rs"]
mod generate;

fn parse_and_check(text: &str) -> usize {
    let loaded = load(&[Input::Stdin(text.as_bytes().to_vec())]).expect("in-memory input");
    let (model, mut diagnostics) = build(&loaded);
    diagnostics.extend(reflow::check::check(&model));
    diagnostics.len()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_check");
    group.sample_size(20);
    for steps in [100, 1_000, 10_000] {
        let text = generate::model(steps, 8, 7);
        assert_eq!(parse_and_check(&text), 0, "the generated model must be clean");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(steps), &text, |b, text| {
            b.iter(|| parse_and_check(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
