//! `reflow check` on input no model should contain: empty, binary, huge,
//! deeply nested or malformed files. Whatever the input, the binary must
//! exit with a status of its own (0, 1 or 2), never panic and never be
//! killed by a signal such as the abort that follows a stack overflow.

use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What one run of `reflow check --format json` produced.
struct Run {
    status: ExitStatus,
    /// The codes of the findings, in the order reported.
    codes: Vec<String>,
    /// The messages of the findings, in the same order.
    messages: Vec<String>,
    stderr: String,
    elapsed: Duration,
}

/// Writes `bytes` to a model file in a fresh folder and checks it.
fn check_bytes(bytes: &[u8]) -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("model.flow");
    std::fs::write(&path, bytes).expect("a writable temporary folder");
    check_file(&path)
}

fn check_file(path: &Path) -> Run {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("the reflow binary runs");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let (codes, messages) = match serde_json::from_slice::<serde_json::Value>(&output.stdout) {
        Ok(report) => report["diagnostics"]
            .as_array()
            .expect("the report lists its diagnostics")
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or("").to_string(),
                    d["message"].as_str().unwrap_or("").to_string(),
                )
            })
            .unzip(),
        Err(_) => (Vec::new(), Vec::new()),
    };
    Run { status: output.status, codes, messages, stderr, elapsed }
}

/// Asserts that the process ended by itself with one of reflow's statuses.
fn assert_exited_cleanly(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "reflow panicked:\n{}", run.stderr);
    assert!(!run.stderr.contains("overflowed its stack"), "stack overflow:\n{}", run.stderr);
    let code = run.status.code();
    assert!(code.is_some(), "reflow was killed by a signal: {}\n{}", run.status, run.stderr);
    assert!(matches!(code, Some(0..=2)), "unexpected exit status {:?}\n{}", code, run.stderr);
}

/// Bytes from a fixed seed (xorshift64), so a failure can be reproduced.
fn pseudo_random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect()
}

#[test]
fn empty_file_is_empty_model() {
    let run = check_bytes(b"");
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E005"]);
}

#[test]
fn invalid_utf8_names_byte_offset() {
    // 0xC3 starts a two-byte character, but `(` cannot continue it.
    let text = b"receive -> register\narchive \xC3( -> done\n";
    let run = check_bytes(text);
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E003"]);
    assert!(run.messages[0].contains("invalid byte at offset 28"), "{}", run.messages[0]);
}

#[test]
fn control_character_is_not_text() {
    let run = check_bytes(b"receive -> register\x00 -> archive\n");
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E003"]);
}

/// Writes a chain `step_0 -> step_1 -> ...` of at least `size` bytes on one
/// line, ending in `done`.
fn long_chain(size: usize) -> Vec<u8> {
    let mut text = String::with_capacity(size + 16);
    let mut index = 0;
    while text.len() < size {
        text.push_str(&format!("step_{index} -> "));
        index += 1;
    }
    text.push_str("done\n");
    text.into_bytes()
}

// NOTE: this chain has some 800,000 steps. A debug build took about 11 s
// and 1 GB of memory for it on a 2-core machine, well above the few
// seconds of the other tests.
#[test]
fn ten_megabyte_chain_finishes() {
    let run = check_bytes(&long_chain(10 * 1024 * 1024));
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(0), "{:?}", run.codes);
    eprintln!("10 MiB short-form chain checked in {:.1?}", run.elapsed);
}

#[test]
fn long_chain_does_not_overflow_stack() {
    // A path of 30,000 steps, one flow per line. A recursive graph search
    // needs a stack frame per step and overflowed the 8 MiB main stack.
    let text: String = (0..30_000).map(|index| format!("step_{index} -> step_{}\n", index + 1)).collect();
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
}

#[test]
fn call_cycle_through_many_processes() {
    let count = 3_000;
    let text: String = (0..count)
        .map(|index| {
            let next = (index + 1) % count;
            format!("process p{index} \"P\" {{ start s \"S\"  call c \"C\" {{ process: p{next} }}  end e \"E\"  s -> c -> e }}\n")
        })
        .collect();
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.codes, ["E601"]);
}

#[test]
fn ten_megabytes_of_roles_finish() {
    let mut text = String::new();
    let mut index = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!("role r{index} \"Role {index}\" {{ headcount: 1 }}\n"));
        index += 1;
    }
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(0), "{:?}", run.codes);
}

#[test]
fn file_over_size_limit_is_too_large() {
    let mut text = long_chain(1024);
    text.resize(reflow::syntax::MAX_FILE_SIZE + 1, b' ');
    let run = check_bytes(&text);
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E004"]);
}

#[test]
fn deep_nesting_is_too_deep() {
    for (open, close) in [("[", "]"), ("{", "}"), ("(", ")")] {
        let text =
            format!("role agent \"Agent\" {{ tools: {}{} }}\n", open.repeat(10_000), close.repeat(10_000));
        let run = check_bytes(text.as_bytes());
        assert_exited_cleanly(&run);
        assert_eq!(run.status.code(), Some(1), "{open}");
        assert_eq!(run.codes, ["E002"], "{open}");
    }
}

#[test]
fn unclosed_deep_nesting_is_too_deep() {
    let run = check_bytes("{[(".repeat(10_000).as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.codes, ["E002"]);
}

#[test]
fn binary_garbage_is_rejected() {
    for seed in [1, 2, 3] {
        let run = check_bytes(&pseudo_random_bytes(seed, 64 * 1024));
        assert_exited_cleanly(&run);
        assert_eq!(run.status.code(), Some(1), "seed {seed}");
        assert!(
            run.codes.iter().all(|code| code == "E003" || code == "E001"),
            "seed {seed}: {:?}",
            run.codes
        );
        assert!(!run.codes.is_empty(), "seed {seed}: no finding");
    }
}

#[test]
fn printable_garbage_is_rejected() {
    // Random printable ASCII and newlines: text that parses as nothing.
    let bytes: Vec<u8> = pseudo_random_bytes(7, 64 * 1024)
        .into_iter()
        .map(|byte| if byte % 16 == 0 { b'\n' } else { b' ' + byte % 95 })
        .collect();
    let run = check_bytes(&bytes);
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn many_unterminated_strings() {
    let run = check_bytes("receive -> \"unterminated\n".repeat(100_000).as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E001"]);
}

#[test]
fn many_syntax_errors_stop_early() {
    // Each line is an error the parser can skip; it gives up after a
    // bounded number instead of parsing the file once per line.
    let run = check_bytes("title = \"x\"\n".repeat(100_000).as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert!(run.codes.iter().all(|code| code == "E001"), "{:?}", run.codes);
    assert!(run.codes.len() < 100, "{} findings", run.codes.len());
}

#[test]
fn unterminated_block_comment() {
    let mut text = b"receive -> register\n/*".to_vec();
    text.extend(b"/* -> { [ \" ".repeat(100_000));
    let run = check_bytes(&text);
    assert_exited_cleanly(&run);
    assert_eq!(run.codes, ["E001"]);
}

#[test]
fn huge_identifier_and_label() {
    let name = "x".repeat(1024 * 1024);
    let label = "长".repeat(1024 * 1024);
    let text = format!("receive -> {name} \"{label}\" -> archive\n");
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(0), "{:?}", run.codes);
}

#[test]
fn invalid_unicode_escapes() {
    let text = r#"process p "\u{D800} \u{110000} \u{} \u{FFFFFFF} \"" { }"#;
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.codes, ["E006"]);
}

#[test]
fn lone_arrows_and_brackets() {
    let text = "-> -> ->\n[] {} ()\n->\n@\n\"\"\n;;;\n".repeat(1_000);
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(1));
}

#[test]
fn nesting_at_depth_limit() {
    // Departments nested as deep as the parser accepts, each with a role.
    let depth = reflow::syntax::MAX_DEPTH;
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&format!("department d{level} \"D\" {{ role r{level} \"R\"\n"));
    }
    text.push_str(&"}\n".repeat(depth));
    let run = check_bytes(text.as_bytes());
    assert_exited_cleanly(&run);
    assert_eq!(run.status.code(), Some(0), "{:?}", run.codes);
}

/// Runs reflow with its standard output closed before it writes, as in
/// `reflow ... | head -0`, and returns its standard error.
fn run_with_closed_stdout(args: &[&str], dir: &Path) -> (ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reflow"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reflow binary runs");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().expect("a stderr pipe").read_to_string(&mut stderr).expect("readable stderr");
    (child.wait().expect("reflow finishes"), stderr)
}

#[test]
fn completions_into_closed_pipe() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (status, stderr) = run_with_closed_stdout(&["completions", "bash"], dir.path());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal: {status}");
}

#[test]
fn json_into_closed_pipe() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("model.flow"), "receive -> register -> archive\n").expect("writable");
    let (status, stderr) = run_with_closed_stdout(&["check", "--format", "json", "model.flow"], dir.path());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal: {status}");
}
