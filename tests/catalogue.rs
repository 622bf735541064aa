//! The catalogue checks made by the process analysis, each on its tiny
//! trigger: S start, E end, X exclusive split, P parallel split.

mod support;

use reflow::diagnostic::Code;
use support::{check, with_code};

/// Wraps flows and steps in a process with a role `r`.
fn process(body: &str) -> String {
    format!("role r \"Clerk\" {{ headcount: 1 }}\nprocess p \"Trigger\" {{\n{body}\n}}\n")
}

/// Asserts that `code` fires once on the model, and returns its message.
fn fires_once(text: &str, code: Code) -> String {
    let found = check(text);
    let matching = with_code(&found, code);
    assert_eq!(matching.len(), 1, "expected one {} in {found:#?}", code.as_str());
    matching[0].message.clone()
}

#[test]
fn row_12_rework_certain() {
    // X2(yes 0% -> E, no 100% -> A)
    let text = process(
        r#"start s "S"  task a "A" { role: r }  decision x2 "Done?"  end e "E"
        s -> a -> x2  x2 -> [yes 0%] e  x2 -> [no 100%] a"#,
    );
    assert!(fires_once(&text, Code::CertainRework).contains("never exits"));
}

#[test]
fn row_13_deadlock() {
    // S -> X(A, B); A,B -> P-join -> E
    let text = process(
        r#"start s "S"  decision x "X?"  task a "A" { role: r }  task b "B" { role: r }  join j  end e "E"
        s -> x  x -> [a] a -> j  x -> [b] b -> j  j -> e"#,
    );
    assert!(fires_once(&text, Code::Deadlock).contains("closed by the parallel join `j`"));
}

#[test]
fn row_14_lack_of_synchronisation() {
    // S -> P(A, B); A,B -> X-merge -> C (C runs twice)
    let text = process(
        r#"start s "S"  fork p  task a "A" { role: r }  task b "B" { role: r }  merge m  task c "C" { role: r }  end e "E"
        s -> p  p -> a -> m  p -> b -> m  m -> c -> e"#,
    );
    assert!(
        fires_once(&text, Code::LackOfSynchronisation).contains("the steps after `m` run once per branch")
    );
}

#[test]
fn row_15_dead_step_after_the_join() {
    let text = process(
        r#"start s "S"  decision x "X?"  task a "A" { role: r }  task b "B" { role: r }  join j  task c "C" { role: r }  end e "E"
        s -> x  x -> [a] a -> j  x -> [b] b -> j  j -> c -> e"#,
    );
    assert!(fires_once(&text, Code::DeadStep).contains("`c`"));
}

#[test]
fn row_16_unbounded_token_generation() {
    // S -> A -> P(B -> E, A)
    let text = process(
        r#"start s "S"  task a "A" { role: r }  fork p  task b "B" { role: r }  end e "E"
        s -> a -> p  p -> b -> e  p -> a"#,
    );
    assert!(fires_once(&text, Code::UnboundedTokens).contains("without bound"));
}

#[test]
fn row_17_end_while_branches_run() {
    // S -> P(A -> E, B -> C -> E)
    let text = process(
        r#"start s "S"  fork p  task a "A" { role: r }  task b "B" { role: r }  task c "C" { role: r }  end e "E"
        s -> p  p -> a -> e  p -> b -> c -> e"#,
    );
    assert!(fires_once(&text, Code::ImproperCompletion).contains("while other branches still run"));
}

#[test]
fn row_18_inclusive_join_over_exclusive_paths() {
    // X(A, B) -> OR-join
    let text = process(
        r#"start s "S"  decision x "X?"  task a "A" { role: r }  task b "B" { role: r }  inclusive_join k  end e "E"
        s -> x  x -> [a] a -> k  x -> [b] b -> k  k -> e"#,
    );
    assert!(fires_once(&text, Code::InclusiveJoinOverExclusive).contains("inclusive join `k`"));
}

#[test]
fn row_19_unpaired_split_and_join() {
    // P-split … X-join: the kinds do not pair, and the merge lets both
    // branches through.
    let text = process(
        r#"start s "S"  fork p  task a "A" { role: r }  task b "B" { role: r }  merge x  end e "E"
        s -> p  p -> a -> x  p -> b -> x  x -> e"#,
    );
    let message = fires_once(&text, Code::LackOfSynchronisation);
    assert!(message.starts_with("the parallel split `p` is closed by the exclusive merge `x`"), "{message}");

    // A kind mismatch that changes nothing at run time has its own warning.
    let harmless = text.replace("merge x", "inclusive_join x");
    assert!(fires_once(&harmless, Code::UnpairedGateways).contains("closed by the inclusive join `x`"));
}

#[test]
fn row_23_role_load_over_100_percent() {
    // 3 agents doing 19.8 min of work per case, a case every 6 min: 110%.
    let text = r#"
role agent "Agent" { headcount: 3 }
process p "Load" {
  start s "S"
  task a "Handle" { role: agent duration: 19.8m }
  end e "E"
  s -> a -> e
}
simulation {
  process: p
  arrivals: exponential(6m)
}
"#;
    assert_eq!(fires_once(text, Code::RoleOverloaded), "`agent` is loaded at 110.0%");
    let staffed = text.replace("headcount: 3", "headcount: 4");
    assert!(with_code(&check(&staffed), Code::RoleOverloaded).is_empty());
}

#[test]
fn row_25_key_node_bypassed() {
    // key `credit_check` with S -> X(credit_check, E)
    let text = process(
        r#"start s "S"  decision x "X?"  task credit_check "Check credit" { role: r key: "why" }  end e "E"
        s -> x  x -> [check] credit_check -> e  x -> [skip] e"#,
    );
    let found = check(&text);
    let bypassed = with_code(&found, Code::KeyNodeBypassed);
    assert_eq!(bypassed.len(), 1);
    assert_eq!(bypassed[0].message, "the key node `credit_check` can be bypassed");
    let help = bypassed[0].help.as_deref().unwrap();
    assert!(help.contains("`s` → `x` → `e`"), "{help}");
}

#[test]
fn certain_rework_is_not_also_an_overload() {
    let text = r#"
role agent "Agent" { headcount: 3 }
process p "Load" {
  start s "S"
  task a "Handle" { role: agent duration: 5m }
  decision x2 "Done?"
  end e "E"
  s -> a -> x2
  x2 -> [yes 0%] e
  x2 -> [no 100%] a
}
simulation {
  process: p
  arrivals: exponential(6m)
}
"#;
    let found = check(text);
    assert_eq!(with_code(&found, Code::CertainRework).len(), 1);
    assert!(with_code(&found, Code::RoleOverloaded).is_empty(), "{found:#?}");
}
