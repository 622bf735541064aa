//! Must-pass steps, key-node numbering and bypassing paths.

mod support;

use reflow::analysis::{Dominance, key_nodes, must_pass};
use support::{ids, node, process};

fn must_pass_ids(text: &str) -> Vec<String> {
    let process = process(text);
    let dominance = Dominance::compute(&process).expect("a start");
    let must = must_pass(&process, &dominance);
    let nodes: Vec<_> = process.flow_nodes().filter(|n| must[n.index()]).collect();
    ids(&process, &nodes)
}

const CREDIT: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Loan" {
  start s "Start"
  task intake "Intake" { role: r }
  decision x "Known customer?"
  task credit_check "Check credit" { role: r key: "no loan without a credit check" }
  task pay "Pay out" { role: r key: "money leaves the bank" }
  end e "Done"
  s -> intake -> x
  x -> [no] credit_check -> pay
  x -> [yes] pay
  pay -> e
}
"#;

#[test]
fn dominators_of_the_end_are_must_pass() {
    assert_eq!(must_pass_ids(CREDIT), ["s", "intake", "x", "pay", "e"]);
}

#[test]
fn key_nodes_numbered_in_declaration_order() {
    let process = process(CREDIT);
    let dominance = Dominance::compute(&process).unwrap();
    let keys = key_nodes(&process, &dominance);
    let numbers: Vec<(usize, String)> =
        keys.iter().map(|key| (key.number, process.node(key.node).id.clone())).collect();
    assert_eq!(numbers, [(1, "credit_check".to_string()), (2, "pay".to_string())]);
}

#[test]
fn bypassed_key_node_has_a_path() {
    let process = process(CREDIT);
    let dominance = Dominance::compute(&process).unwrap();
    let keys = key_nodes(&process, &dominance);
    assert!(!keys[0].must_pass);
    assert_eq!(ids(&process, keys[0].bypass.as_ref().unwrap()), ["s", "intake", "x", "pay", "e"]);
    assert!(keys[1].must_pass);
    assert_eq!(keys[1].bypass, None);
}

const PARALLEL: &str = r#"
role r "Clerk" { headcount: 1 }
process p "Parallel" {
  start s "Start"
  fork f
  task a "A" { role: r }
  task b "B" { role: r }
  task c "C" { role: r }
  decision d "Urgent?"
  task u "Urgent" { role: r }
  join j
  end e "Done"
  s -> f
  f -> a -> j
  f -> b -> d
  d -> [yes] u -> c
  d -> [no] c
  c -> j
  j -> e
}
"#;

#[test]
fn must_pass_inside_fork_branches() {
    // `a` and `b` are on different paths, but every case runs both; `u`
    // is skipped when `d` chooses no.
    assert_eq!(must_pass_ids(PARALLEL), ["s", "f", "a", "b", "c", "d", "j", "e"]);
}

#[test]
fn key_node_in_parallel_branch() {
    let text = PARALLEL.replace("task a \"A\" { role: r }", "task a \"A\" { role: r key: \"always\" }");
    let process = process(&text);
    let dominance = Dominance::compute(&process).unwrap();
    let keys = key_nodes(&process, &dominance);
    assert_eq!(keys.len(), 1);
    assert!(keys[0].must_pass);
}

#[test]
fn bypass_avoids_forks_reaching_key() {
    // The shortest path avoiding `k` runs through `f`, but every case that
    // takes `f` also runs `k`; the witness must go through `other`.
    let text = r#"
role r "Clerk" { headcount: 1 }
process p "Witness" {
  start s "Start"
  decision x "Which?"
  fork f
  task k "Key" { role: r key: "checked" }
  task other "Other" { role: r }
  task more "More" { role: r }
  join j
  end e "Done"
  s -> x
  x -> [parallel] f
  x -> [single] other -> more -> e
  f -> k -> j
  f -> j
  j -> e
}
"#;
    let process = process(text);
    let dominance = Dominance::compute(&process).unwrap();
    let keys = key_nodes(&process, &dominance);
    assert!(!keys[0].must_pass);
    assert_eq!(ids(&process, keys[0].bypass.as_ref().unwrap()), ["s", "x", "other", "more", "e"]);
    assert_eq!(node(&process, "k"), keys[0].node);
}

#[test]
fn short_form_chain_is_all_must_pass() {
    assert_eq!(must_pass_ids("receive -> register -> archive\n"), ["receive", "register", "archive"]);
}

#[test]
fn long_bypass_path_is_shortened_around_the_turn() {
    // Twenty steps, a decision that may skip `k`, and twenty more steps.
    let mut text =
        String::from("role r \"Clerk\" { headcount: 1 }\nprocess p \"Long\" {\n  start s \"Start\"\n");
    let mut flows = String::from("  s -> a0\n");
    for step in 0..40 {
        text.push_str(&format!("  task a{step} \"Step {step}\" {{ role: r }}\n"));
        if step > 0 && step != 20 {
            flows.push_str(&format!("  a{} -> a{step}\n", step - 1));
        }
    }
    text.push_str(
        "  decision x \"Skip?\"\n  task k \"Key\" { role: r key: \"checked\" }\n  end e \"Done\"\n",
    );
    flows.push_str("  a19 -> x\n  x -> [no] k -> a20\n  x -> [yes] a20\n  a39 -> e\n");
    text.push_str(&flows);
    text.push_str("}\n");

    let found = support::check(&text);
    let bypassed = support::with_code(&found, reflow::diagnostic::Code::KeyNodeBypassed);
    assert_eq!(bypassed.len(), 1);
    let help = bypassed[0].help.as_deref().unwrap();
    assert!(
        help.contains(
            "`s` → … → `a16` → `a17` → `a18` → `a19` → `x` → `a20` → `a21` → `a22` → `a23` → … → `e`"
        ),
        "{help}"
    );
}
