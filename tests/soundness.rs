//! One minimal model per soundness rule, as unsound and sound twins: the
//! unsound one fires with a witness in node ids, the sound one is silent.

mod support;

use reflow::analysis::Limits;
use reflow::analysis::diagnostics::check_process;
use reflow::diagnostic::{Code, Diagnostic};
use support::{check, process};

/// Lists the codes of the analysis findings, in report order.
fn analysis_codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code.as_str()).filter(|code| code[1..].starts_with('7')).collect()
}

/// Returns the one finding with `code`, failing if there is not exactly one.
fn only(diagnostics: &[Diagnostic], code: Code) -> Diagnostic {
    let found: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {}: {diagnostics:#?}", code.as_str());
    found[0].clone()
}

fn help(diagnostic: &Diagnostic) -> &str {
    diagnostic.help.as_deref().unwrap_or_default()
}

/// Writes a model where `split` x over `a` and `b` is closed by `closing` j, then `c`.
fn split_and_join(split: &str, closing: &str) -> String {
    format!(
        r#"
role r "Clerk" {{ headcount: 1 }}
process p "Pair" {{
  start s "Start"
  {split} x "Split"
  task a "A" {{ role: r }}
  task b "B" {{ role: r }}
  {closing} j
  task c "C" {{ role: r }}
  end e "Done"
  s -> x
  x -> [a] a -> j
  x -> [b] b -> j
  j -> c -> e
}}
"#
    )
}

#[test]
fn deadlock_exclusive_split_parallel_join() {
    let found = check(&split_and_join("decision", "join"));
    let deadlock = only(&found, Code::Deadlock);
    assert_eq!(
        deadlock.message,
        "the exclusive split `x` is closed by the parallel join `j`, which waits for branches that never all run"
    );
    assert!(help(&deadlock).contains("`s` → `x` → `a` → `j`"), "{}", help(&deadlock));
}

#[test]
fn deadlock_twin_with_merge_is_sound() {
    assert_eq!(analysis_codes(&check(&split_and_join("decision", "merge"))), Vec::<&str>::new());
}

#[test]
fn dead_steps_after_the_stuck_join() {
    let found = check(&split_and_join("decision", "join"));
    let dead = only(&found, Code::DeadStep);
    assert_eq!(dead.message, "`j`, `c` and `e` can never run in any case");
}

#[test]
fn lack_of_synchronisation_fork_and_merge() {
    let found = check(&split_and_join("fork", "merge"));
    let unsynchronised = only(&found, Code::LackOfSynchronisation);
    assert_eq!(
        unsynchronised.message,
        "the parallel split `x` is closed by the exclusive merge `j`, so the steps after `j` run once per branch"
    );
    assert!(help(&unsynchronised).contains("`s` → `x` → `a` → `j`"));
    assert_eq!(analysis_codes(&found), ["E703"], "improper completion is a consequence, not reported");
}

#[test]
fn lack_of_synchronisation_twin_with_join_is_sound() {
    assert_eq!(analysis_codes(&check(&split_and_join("fork", "join"))), Vec::<&str>::new());
}

#[test]
fn inclusive_split_closed_by_parallel_join_deadlocks() {
    let found = check(&split_and_join("inclusive_split", "join"));
    assert_eq!(
        only(&found, Code::Deadlock).message,
        "the inclusive split `x` is closed by the parallel join `j`, which waits for branches that never all run"
    );
}

#[test]
fn inclusive_split_and_join_are_sound() {
    assert_eq!(
        analysis_codes(&check(&split_and_join("inclusive_split", "inclusive_join"))),
        Vec::<&str>::new()
    );
}

#[test]
fn inclusive_join_over_exclusive_branches() {
    let found = check(&split_and_join("decision", "inclusive_join"));
    let warning = only(&found, Code::InclusiveJoinOverExclusive);
    assert!(warning.message.contains("only one branch of `x` ever runs"));
    assert_eq!(analysis_codes(&found), ["W705"]);
}

#[test]
fn fork_closed_by_inclusive_join_does_not_pair() {
    let found = check(&split_and_join("fork", "inclusive_join"));
    let warning = only(&found, Code::UnpairedGateways);
    assert_eq!(warning.message, "the parallel split `x` is closed by the inclusive join `j`");
    assert!(help(&warning).contains("try a `join` in place of `j`"));
    assert_eq!(
        analysis_codes(&found),
        ["W704"],
        "the inclusive join waits for both branches, so nothing else fails"
    );
}

#[test]
fn inclusive_join_waits_for_a_longer_branch() {
    // When both branches run, `k` must wait for `c` after `b`; firing on
    // `a` alone would run `d` twice.
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Inclusive" {
  start s "Start"
  inclusive_split o "Which?"
  task a "A" { role: r }
  task b "B" { role: r }
  task c "C" { role: r }
  inclusive_join k
  task d "D" { role: r }
  end e "Done"
  s -> o
  o -> [a] a -> k
  o -> [b] b -> c -> k
  k -> d -> e
}
"#;
    assert_eq!(analysis_codes(&check(text)), Vec::<&str>::new());
    let merged = text.replace("inclusive_join k", "merge k");
    assert_eq!(analysis_codes(&check(&merged)), ["E703"]);
}

const REWORK: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Rework" {
  start s "Start"
  task a "Handle" { role: r }
  decision x2 "Satisfied?"
  end e "Done"
  s -> a -> x2
  x2 -> [yes 0%] e
  x2 -> [no 100%] a
}
"#;

#[test]
fn certain_rework_when_exit_is_zero() {
    let found = check(REWORK);
    let rework = only(&found, Code::CertainRework);
    assert_eq!(
        rework.message,
        "the loop `a` → `x2` → `a` never exits: every flow out of it has probability 0%"
    );
    assert!(help(&rework).contains("`x2 -> e`"));
}

#[test]
fn certain_rework_twin_with_exit_is_sound() {
    let text = REWORK.replace("[yes 0%]", "[yes 80%]").replace("[no 100%]", "[no 20%]");
    assert_eq!(analysis_codes(&check(&text)), Vec::<&str>::new());
}

#[test]
fn certain_rework_in_an_inner_loop() {
    // The outer loop can exit, but the inner one never leaves `a`.
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Inner" {
  start s "Start"
  task a "A" { role: r }
  decision inner "Again?"
  task b "B" { role: r }
  decision outer "Redo?"
  end e "Done"
  s -> a -> inner
  inner -> [again 100%] a
  inner -> [on 0%] b -> outer
  outer -> [redo 50%] a
  outer -> [done 50%] e
}
"#;
    let found = check(text);
    assert_eq!(
        only(&found, Code::CertainRework).message,
        "the loop `a` → `inner` → `a` never exits: every flow out of it has probability 0%"
    );
}

const UNBOUNDED: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Unbounded" {
  start s "Start"
  task a "A" { role: r }
  fork f
  task b "B" { role: r }
  end e "Done"
  s -> a -> f
  f -> b -> e
  f -> a
}
"#;

#[test]
fn unbounded_tokens_from_fork_in_loop() {
    let found = check(UNBOUNDED);
    let growth = only(&found, Code::UnboundedTokens);
    assert_eq!(growth.message, "each round of `f` → `a` leaves more work on `f -> b`, without bound");
    assert_eq!(analysis_codes(&found), ["E709"]);
}

#[test]
fn unbounded_twin_with_decision_is_sound() {
    let text = UNBOUNDED
        .replace("fork f", "decision f \"Again?\"")
        .replace("f -> b", "f -> [done] b")
        .replace("f -> a\n", "f -> [again] a\n");
    assert_eq!(analysis_codes(&check(&text)), Vec::<&str>::new());
}

const IMPROPER: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Improper" {
  start s "Start"
  fork f
  task a "A" { role: r }
  task b "B" { role: r }
  task c "C" { role: r }
  end e "Done"
  s -> f
  f -> a -> e
  f -> b -> c -> e
}
"#;

#[test]
fn improper_completion_when_branch_ends_early() {
    let found = check(IMPROPER);
    let improper = only(&found, Code::ImproperCompletion);
    assert_eq!(improper.message, "the case reaches the end `e` while other branches still run");
    assert!(
        help(&improper).contains("after `s` → `f` → `a` → `e`, tokens remain on `f -> b`"),
        "{}",
        help(&improper)
    );
}

#[test]
fn improper_completion_twin_with_join_is_sound() {
    let text = IMPROPER
        .replace("end e \"Done\"", "join j\n  end e \"Done\"")
        .replace("f -> a -> e", "f -> a -> j")
        .replace("f -> b -> c -> e", "f -> b -> c -> j\n  j -> e");
    assert_eq!(analysis_codes(&check(&text)), Vec::<&str>::new());
}

const JOIN_AS_LOOP_ENTRY: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Loop entry" {
  start s "Start"
  join m
  task a "A" { role: r }
  decision d "Done?"
  end e "Done"
  s -> m -> a -> d
  d -> [retry 10%] m
  d -> [ok 90%] e
}
"#;

#[test]
fn deadlock_found_by_the_token_game() {
    // No split pairs with `m`, so only the token game finds it waiting.
    let found = check(JOIN_AS_LOOP_ENTRY);
    let deadlock = only(&found, Code::Deadlock);
    assert_eq!(deadlock.message, "the case can get stuck at `m`");
    assert_eq!(deadlock.label, "waits for `d -> m`");
    assert!(help(&deadlock).contains("after `s`, tokens wait on `s -> m`"), "{}", help(&deadlock));
}

#[test]
fn token_game_deadlock_twin_is_sound() {
    assert_eq!(analysis_codes(&check(&JOIN_AS_LOOP_ENTRY.replace("join m", "merge m"))), Vec::<&str>::new());
}

const UNSTRUCTURED: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Unstructured" {
  start s "Start"
  fork f
  task a "A" { role: r }
  task b "B" { role: r }
  decision x "Escalate?"
  merge m
  task c "C" { role: r }
  end e "Done"
  end escalated "Escalated"
  s -> f
  f -> a -> m
  f -> b -> x
  x -> [no] m
  x -> [yes] escalated
  m -> c -> e
}
"#;

#[test]
fn lack_of_synchronisation_found_by_the_token_game() {
    let found = check(UNSTRUCTURED);
    let unsynchronised = only(&found, Code::LackOfSynchronisation);
    assert!(unsynchronised.message.starts_with("`m` lets tokens of parallel branches through one at a time"));
    assert!(help(&unsynchronised).contains("two tokens wait on `m -> c`"), "{}", help(&unsynchronised));
}

#[test]
fn unstructured_twin_with_decision_is_sound() {
    let text = UNSTRUCTURED
        .replace("fork f", "decision f \"Which?\"")
        .replace("f -> a", "f -> [a] a")
        .replace("f -> b", "f -> [b] b");
    assert_eq!(analysis_codes(&check(&text)), Vec::<&str>::new());
}

/// Writes a fork of `branches` single-task branches closed by a join.
fn wide_fork(branches: usize) -> String {
    let mut text = String::from(
        "role r \"Clerk\" { headcount: 1 }\nprocess p \"Wide\" {\n  start s \"Start\"\n  fork f\n  join j\n  end e \"Done\"\n  s -> f\n  j -> e\n",
    );
    for branch in 0..branches {
        text.push_str(&format!("  task t{branch} \"Step {branch}\" {{ role: r }}\n  f -> t{branch} -> j\n"));
    }
    text.push_str("}\n");
    text
}

#[test]
fn exploration_limit_is_stated() {
    // Eight parallel branches have 2^8 markings inside the fork, more
    // than the limit of 100.
    let process = process(&wide_fork(8));
    let mut found = Vec::new();
    check_process(&process, Limits { max_markings: 100, ..Limits::default() }, &mut found);
    let limit = only(&found, Code::ExplorationBound);
    assert_eq!(
        limit.message,
        "soundness was explored on 100 markings only (limits: 100 markings, 16 tokens per flow): the limit of 100 markings was reached"
    );
}

#[test]
fn exploration_within_limit_is_silent() {
    let process = process(&wide_fork(8));
    let mut found = Vec::new();
    check_process(&process, Limits { max_markings: 1_000, ..Limits::default() }, &mut found);
    assert_eq!(analysis_codes(&found), Vec::<&str>::new());
}
