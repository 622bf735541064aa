//! Expected visits per case, against values computed by hand.

mod support;

use reflow::analysis::{Assumption, Dominance, visits};
use support::{assert_close, node, process};

fn visits_of(text: &str, ids: &[&str]) -> Vec<f64> {
    let process = process(text);
    let dominance = Dominance::compute(&process).unwrap();
    let visits = visits(&process, &dominance);
    ids.iter().map(|id| visits.of(node(&process, id))).collect()
}

const REWORK: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Rework" {
  start s "Start"
  task a "Do" { role: r duration: 10m }
  decision d "Good?"
  end e "Done"
  s -> a -> d
  d -> [yes 80%] e
  d -> [no 20%] a
}
"#;

#[test]
fn rework_loop_returning_a_fifth() {
    let found = visits_of(REWORK, &["s", "a", "d", "e"]);
    assert_close(found[0], 1.0, "start");
    assert_close(found[1], 1.25, "task in the loop");
    assert_close(found[2], 1.25, "decision in the loop");
    assert_close(found[3], 1.0, "end");
}

#[test]
fn parallel_branches_get_the_visits_of_their_fork() {
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Parallel" {
  start s "Start"
  decision x "Needed?"
  fork f
  task a "A" { role: r }
  task b "B" { role: r }
  join j
  task c "C" { role: r }
  end e "Done"
  s -> x
  x -> [yes 40%] f
  x -> [no 60%] c
  f -> a -> j
  f -> b -> j
  j -> c -> e
}
"#;
    let found = visits_of(text, &["f", "a", "b", "j", "c", "e"]);
    assert_close(found[0], 0.4, "fork");
    assert_close(found[1], 0.4, "first branch");
    assert_close(found[2], 0.4, "second branch");
    assert_close(found[3], 0.4, "join runs once per pair of tokens");
    assert_close(found[4], 1.0, "after the join");
    assert_close(found[5], 1.0, "end");
}

#[test]
fn decision_without_probabilities_splits_evenly() {
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Even" {
  start s "Start"
  decision x "Which?"
  task a "A" { role: r }
  task b "B" { role: r }
  task c "C" { role: r }
  end e "Done"
  s -> x
  x -> [a] a -> e
  x -> [b] b -> e
  x -> [c] c -> e
}
"#;
    let process = process(text);
    let dominance = Dominance::compute(&process).unwrap();
    let visits = visits(&process, &dominance);
    assert_close(visits.of(node(&process, "a")), 1.0 / 3.0, "first branch");
    assert_close(visits.of(node(&process, "c")), 1.0 / 3.0, "third branch");
    assert_eq!(visits.assumptions, [Assumption::EvenSplit { node: node(&process, "x") }]);
}

#[test]
fn nested_rework_loops_multiply() {
    // The inner loop returns 50%, so each entry gives 2 visits. The outer
    // loop returns 20% to the inner one, so it is entered 1.25 times, and
    // `a` has 2.5 visits.
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Nested" {
  start s "Start"
  merge m
  task a "A" { role: r }
  decision inner "Again?"
  decision outer "Redo?"
  end e "Done"
  s -> m -> a -> inner
  inner -> [again 50%] a
  inner -> [on 50%] outer
  outer -> [redo 20%] m
  outer -> [done 80%] e
}
"#;
    let found = visits_of(text, &["m", "a", "inner", "outer"]);
    assert_close(found[0], 1.25, "outer loop entry");
    assert_close(found[1], 2.5, "inner step");
    assert_close(found[2], 2.5, "inner decision");
    assert_close(found[3], 1.25, "outer decision");
}

#[test]
fn loop_that_never_exits_has_infinite_visits() {
    let text = REWORK.replace("[yes 80%]", "[yes 0%]").replace("[no 20%]", "[no 100%]");
    let found = visits_of(&text, &["a", "e"]);
    assert!(found[0].is_infinite());
    assert_eq!(found[1], 0.0);
}
