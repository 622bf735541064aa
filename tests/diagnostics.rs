//! The checker's findings, pinned by fixtures with the expected diagnostics
//! written inline.
//!
//! Every `.flow` file directly under `tests/invalid/` is one model, and so
//! is every folder there, whose root is its `main.flow`. The folder's other
//! files are reached through imports. Each model goes through the pipeline of
//! `reflow check` (`reflow::check::findings`), and every finding must match
//! an annotation: same code, same file, same start and end. The test reports
//! every mismatch of every fixture before it fails.
//!
//! An annotation is a line comment of its own:
//!
//! ```text
//!     task register "Register" { role: agnet }
//! //                                   ^^^^^ E203
//! //~ E005 @1:1
//! //~ W406 @7:9-8:27
//! ```
//!
//! - Carets: the finding starts at the column of the first caret and ends
//!   after the column of the last one, on the nearest line above that is not
//!   an annotation. Stack several caret lines for several findings there.
//! - `//~ CODE @LINE:COLUMN`: an empty span at that place, for findings
//!   that point between characters, such as an empty file.
//! - `//~ CODE @LINE:COLUMN-END_LINE:END_COLUMN`: any span, for spans over
//!   several lines or starting in the first two columns, which a caret below
//!   `//` cannot reach. The end is the position just after the span, as in
//!   the `end_line` and `end_column` of `--format json`.
//!
//! Lines and columns are 1-based, and columns count characters, so a tab or
//! a Chinese character is one column.
//!
//! Either form may end with a word that marks the annotation as differing
//! from what the checker should do:
//!
//! - `unwanted`: the checker reports this today but should not, such as a
//!   follow-on finding of another error. The test requires it, so that the
//!   fix of the false finding shows up here and the annotation is removed.
//! - `pending`: the checker should report this but does not yet. The test
//!   requires it to be absent, and says so when it starts to appear.
//!
//! Files under `tests/valid/`, single files and folders alike, must produce
//! no finding at all, warnings included, as under `--deny warnings`.

use std::fmt;
use std::path::{Path, PathBuf};

use reflow::diagnostic::Code;
use reflow::model::{self, Input};

/// A 1-based line and column, with columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Position {
    line: usize,
    column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where a finding starts and the position just after it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    start: Position,
    end: Position,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// How an annotated diagnostic relates to what the checker reports today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    /// Reported, and rightly so.
    Expected,
    /// Reported, but it should not be.
    Unwanted,
    /// Not reported yet, but it should be.
    Pending,
}

/// One expected diagnostic, read from a fixture.
#[derive(Debug, Clone)]
struct Annotation {
    file: PathBuf,
    /// The line the annotation is written on, for messages.
    written_on: usize,
    code: String,
    place: Place,
    status: Status,
}

impl Annotation {
    /// True when the annotation describes this finding exactly.
    fn describes(&self, finding: &Finding) -> bool {
        self.file == finding.file && self.code == finding.code && self.place == finding.place
    }
}

/// One diagnostic the checker reported.
#[derive(Debug, Clone)]
struct Finding {
    file: PathBuf,
    code: &'static str,
    place: Place,
    message: String,
}

/// One model to check: its root file and the files whose annotations count.
#[derive(Debug)]
struct Fixture {
    root: PathBuf,
    files: Vec<PathBuf>,
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Shows a path relative to the crate, as a reader would open it.
fn shown(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    path.strip_prefix(&root).unwrap_or(path).display().to_string()
}

/// Lists the fixtures under `dir`: each `.flow` file, and each folder with a
/// `main.flow`, in name order.
fn fixtures(dir: &Path, problems: &mut Vec<String>) -> Vec<Fixture> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .collect();
    entries.sort();

    let mut fixtures = Vec::new();
    for path in entries {
        let path = path.canonicalize().expect("a fixture path resolves");
        if path.is_dir() {
            let root = path.join("main.flow");
            if !root.is_file() {
                problems.push(format!("{}: a fixture folder needs a main.flow", shown(&path)));
                continue;
            }
            let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
                .expect("a readable fixture folder")
                .map(|entry| entry.expect("a readable folder entry").path())
                .filter(|file| file.extension().is_some_and(|extension| extension == "flow"))
                .collect();
            files.sort();
            fixtures.push(Fixture { root, files });
        } else if path.extension().is_some_and(|extension| extension == "flow") {
            fixtures.push(Fixture { root: path.clone(), files: vec![path] });
        }
    }
    fixtures
}

/// Reads a file as the checker does: invalid UTF-8 becomes U+FFFD.
fn read_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Returns the text after the `//` of an annotation, or `None` for any other
/// line. A comment whose text starts with `^` or `~` is meant as one.
fn annotation_text(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("//")?;
    let body = rest.trim_start_matches(' ');
    (body.starts_with('^') || body.starts_with('~')).then_some(rest)
}

/// Reads `CODE [STATUS]`, the end of every annotation.
fn code_and_status(words: &[&str]) -> Result<(String, Status), String> {
    let (code, status) = match words {
        [code] => (*code, Status::Expected),
        [code, "unwanted"] => (*code, Status::Unwanted),
        [code, "pending"] => (*code, Status::Pending),
        _ => return Err("expected a code, optionally followed by `unwanted` or `pending`".to_string()),
    };
    if !Code::ALL.iter().any(|known| known.as_str() == code) {
        return Err(format!("`{code}` is not a diagnostic code"));
    }
    Ok((code.to_string(), status))
}

/// Reads `LINE:COLUMN`.
fn position(text: &str) -> Result<Position, String> {
    let invalid = || format!("`{text}` is not LINE:COLUMN");
    let (line, column) = text.split_once(':').ok_or_else(invalid)?;
    let line = line.parse().map_err(|_| invalid())?;
    let column = column.parse().map_err(|_| invalid())?;
    if line == 0 || column == 0 {
        return Err(format!("`{text}`: lines and columns start at 1"));
    }
    Ok(Position { line, column })
}

/// Reads `//~ CODE @LINE:COLUMN[-END_LINE:END_COLUMN] [STATUS]`.
fn parse_at_form(body: &str) -> Result<(String, Place, Status), String> {
    let words: Vec<&str> = body.split_whitespace().collect();
    let [code, at, status @ ..] = words.as_slice() else {
        return Err("expected `//~ CODE @LINE:COLUMN`".to_string());
    };
    let code_words: Vec<&str> = std::iter::once(*code).chain(status.iter().copied()).collect();
    let (code, status) = code_and_status(&code_words)?;
    let at = at.strip_prefix('@').ok_or("the place starts with `@`, as in `@3:5`")?;
    let place = match at.split_once('-') {
        Some((start, end)) => Place { start: position(start)?, end: position(end)? },
        None => {
            let start = position(at)?;
            Place { start, end: start }
        }
    };
    if place.end < place.start {
        return Err(format!("the span `{at}` ends before it starts"));
    }
    Ok((code, place, status))
}

/// Reads a caret annotation whose carets point into line `target`.
fn parse_caret_form(line: &str, target: usize) -> Result<(String, Place, Status), String> {
    let chars: Vec<char> = line.chars().collect();
    let first = chars.iter().position(|&c| c == '^').expect("a caret annotation has a caret");
    let carets = chars[first..].iter().take_while(|&&c| c == '^').count();
    let after: String = chars[first + carets..].iter().collect();
    if !after.starts_with(' ') {
        return Err("expected a space and a code after the carets".to_string());
    }
    let (code, status) = code_and_status(&after.split_whitespace().collect::<Vec<_>>())?;
    let start = Position { line: target, column: first + 1 };
    let end = Position { line: target, column: first + carets + 1 };
    Ok((code, Place { start, end }, status))
}

/// Reads every annotation of one file, reporting malformed ones to `problems`.
fn annotations(path: &Path, problems: &mut Vec<String>) -> Vec<Annotation> {
    let text = read_text(path);
    let mut found = Vec::new();
    let mut target = None;
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(body) = annotation_text(line) else {
            target = Some(number);
            continue;
        };

        let parsed = match body.trim_start().strip_prefix('~') {
            Some(at_form) => parse_at_form(at_form),
            None => match target {
                Some(target) => parse_caret_form(line, target),
                None => Err("carets need a line above them to point into".to_string()),
            },
        };
        match parsed {
            Ok((code, place, status)) => {
                found.push(Annotation { file: path.to_path_buf(), written_on: number, code, place, status })
            }
            Err(message) => {
                problems.push(format!("{}:{number}: malformed annotation: {message}", shown(path)))
            }
        }
    }
    found
}

/// Converts a byte offset to a line and column, or returns `None` when the
/// offset is not on a character boundary of the text.
fn offset_position(text: &str, offset: usize) -> Option<Position> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Some(Position { line, column: before[line_start..].chars().count() + 1 })
}

/// Runs the checker on a model as `reflow check` does.
fn check(root: &Path, problems: &mut Vec<String>) -> Vec<Finding> {
    let loaded = match model::load(&[Input::Path(root.to_path_buf())]) {
        Ok(loaded) => loaded,
        Err(error) => {
            problems.push(format!("{}: {error}", shown(root)));
            return Vec::new();
        }
    };

    let mut findings = Vec::new();
    for diagnostic in reflow::check::findings(&loaded) {
        let source = loaded.sources.get(diagnostic.file);
        let file = source.path.clone().unwrap_or_else(|| PathBuf::from(&source.name));
        let start = offset_position(&source.text, diagnostic.span.start);
        let end = offset_position(&source.text, diagnostic.span.end);
        let (Some(start), Some(end)) = (start, end) else {
            problems.push(format!(
                "{}: {} has the span {:?}, which is not on character boundaries of the file",
                shown(&file),
                diagnostic.code.as_str(),
                diagnostic.span
            ));
            continue;
        };
        findings.push(Finding {
            file,
            code: diagnostic.code.as_str(),
            place: Place { start, end },
            message: diagnostic.message,
        });
    }
    findings
}

/// Compares the findings of one model with its annotations and describes
/// every difference.
fn compare(annotations: &[Annotation], findings: &[Finding]) -> Vec<String> {
    let mut required: Vec<&Annotation> =
        annotations.iter().filter(|annotation| annotation.status != Status::Pending).collect();
    let pending: Vec<&Annotation> =
        annotations.iter().filter(|annotation| annotation.status == Status::Pending).collect();
    let mut unmatched: Vec<&Finding> = Vec::new();

    // Exact matches first.
    for finding in findings {
        match required.iter().position(|annotation| annotation.describes(finding)) {
            Some(index) => {
                required.remove(index);
            }
            None => unmatched.push(finding),
        }
    }

    let mut problems = Vec::new();

    // A finding whose code is annotated elsewhere in the same file is shown
    // as at the wrong position, which is clearer than missing plus unexpected.
    unmatched.retain(|finding| {
        let same_code =
            |annotation: &&Annotation| annotation.file == finding.file && annotation.code == finding.code;
        let Some(index) = required.iter().position(same_code) else { return true };
        let annotation = required.remove(index);
        problems.push(format!(
            "{}:{}: wrong position: {} expected at {}, reported at {}: {}",
            shown(&annotation.file),
            annotation.written_on,
            annotation.code,
            annotation.place,
            finding.place,
            finding.message
        ));
        false
    });

    for annotation in required {
        let hint = match annotation.status {
            Status::Unwanted => " (marked `unwanted`: the false finding is gone, so remove the annotation)",
            _ => "",
        };
        problems.push(format!(
            "{}:{}: missing: {} at {}{hint}",
            shown(&annotation.file),
            annotation.written_on,
            annotation.code,
            annotation.place
        ));
    }
    for finding in unmatched {
        let is_pending = pending.iter().any(|annotation| annotation.describes(finding));
        let hint =
            if is_pending { " (annotated `pending`: it is reported now, so drop `pending`)" } else { "" };
        problems.push(format!(
            "{}:{}: unexpected: {} at {}: {}{hint}",
            shown(&finding.file),
            finding.place.start,
            finding.code,
            finding.place,
            finding.message
        ));
    }
    problems
}

/// Checks every fixture under `dir` and returns every problem found, with
/// the codes annotated there.
fn walk(dir: &Path) -> (Vec<String>, Vec<Annotation>) {
    let mut problems = Vec::new();
    let mut all_annotations = Vec::new();
    for fixture in fixtures(dir, &mut problems) {
        let annotations: Vec<Annotation> =
            fixture.files.iter().flat_map(|file| annotations(file, &mut problems)).collect();
        if annotations.iter().all(|annotation| annotation.status == Status::Pending) {
            problems.push(format!(
                "{}: no expected diagnostic; a model with no finding belongs in tests/valid",
                shown(&fixture.root)
            ));
        }
        let findings = check(&fixture.root, &mut problems);
        problems.extend(compare(&annotations, &findings));
        all_annotations.extend(annotations);
    }
    (problems, all_annotations)
}

fn fail_with(problems: &[String]) {
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn invalid_fixtures_match_annotations() {
    let (problems, _) = walk(&tests_dir().join("invalid"));
    fail_with(&problems);
}

#[test]
fn valid_fixtures_have_no_findings() {
    let mut problems = Vec::new();
    for fixture in fixtures(&tests_dir().join("valid"), &mut problems) {
        for file in &fixture.files {
            for annotation in annotations(file, &mut problems) {
                problems.push(format!(
                    "{}:{}: an annotation in a valid fixture; move the file to tests/invalid",
                    shown(file),
                    annotation.written_on
                ));
            }
        }
        for finding in check(&fixture.root, &mut problems) {
            problems.push(format!(
                "{}:{}: {} {}",
                shown(&finding.file),
                finding.place.start,
                finding.code,
                finding.message
            ));
        }
    }
    fail_with(&problems);
}

/// Codes that no fixture here expects, each with the reason. Either
/// `reflow check` does not report them, or no small, fast fixture triggers them.
const CODES_WITHOUT_FIXTURE: &[(&str, &str)] = &[
    ("E004", "a file over the size limit is 32 MiB, so tests/robustness.rs generates one"),
    ("E007", "only `reflow fmt` reports it, when the formatter itself is wrong"),
    ("W710", "100,000 markings take about a second in a debug build; tests/soundness.rs lowers the limits"),
    ("E801", "only `reflow sim` reports it; tests/cli_sim.rs and tests/sim_settings.rs test it"),
    ("E802", "only `reflow sim` reports it; tests/sim_validation.rs tests it"),
    ("E803", "only `reflow sim` reports it; tests/sim_validation.rs tests it"),
    // TODO: no test triggers E804, E805, E806 or E809 yet.
    ("E804", "only `reflow sim` reports it"),
    ("E805", "only `reflow sim` reports it"),
    ("E806", "only `reflow sim` reports it"),
    ("E807", "only `reflow sim` reports it; tests/sim_validation.rs tests it"),
    ("E808", "only `reflow sim` reports it; tests/sim_validation.rs tests it"),
    ("E809", "only `reflow sim` reports it"),
];

#[test]
fn every_code_has_a_fixture() {
    let (_, annotations) = walk(&tests_dir().join("invalid"));
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| !CODES_WITHOUT_FIXTURE.iter().any(|(exempt, _)| exempt == code))
        .filter(|code| {
            !annotations
                .iter()
                .any(|annotation| annotation.code == *code && annotation.status == Status::Expected)
        })
        .collect();
    assert!(missing.is_empty(), "no fixture in tests/invalid expects {}", missing.join(", "));
}

#[test]
fn wrong_annotation_is_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "role agent \"Agent\" { headcount: 0 }\n//    ^^^^^ W404\n";
    std::fs::write(dir.path().join("shifted.flow"), text).expect("a writable temporary folder");

    let (problems, _) = walk(dir.path());
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("wrong position: W404 expected at 1:7-1:12, reported at 1:6-1:11"),
        "{}",
        problems[0]
    );
}

#[test]
fn missing_and_unexpected_are_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "role agent \"Agent\" { headcount: 0 }\n//   ^^^^^ W405\n//~ E005 @1:1 pending\n";
    std::fs::write(dir.path().join("wrong_code.flow"), text).expect("a writable temporary folder");

    let (problems, _) = walk(dir.path());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("missing: W405 at 1:6-1:11"), "{}", problems[0]);
    assert!(problems[1].contains("unexpected: W404 at 1:6-1:11"), "{}", problems[1]);
}

#[test]
fn malformed_annotation_is_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "role agent \"Agent\" { headcount: 0 }\n//   ^^^^^ W404\n//   ^^^^^ X999\n//~ W404 1:6\n";
    std::fs::write(dir.path().join("malformed.flow"), text).expect("a writable temporary folder");

    let (problems, _) = walk(dir.path());
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains(":3: malformed annotation: `X999` is not a diagnostic code"),
        "{}",
        problems[0]
    );
    assert!(problems[1].contains(":4: malformed annotation: the place starts with `@`"), "{}", problems[1]);
}
