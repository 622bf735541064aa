//! Property tests for the formatter. Random syntax trees covering every
//! construct of the AST are printed, parsed back and formatted again. Then
//! random comments are inserted into the printed text at every kind of place
//! where the grammar allows one, and must survive formatting in order.

#[path = "fmt/support.rs"]
mod support;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use reflow::fmt::{format_source, print};
use reflow::source::{FileId, Span};
use reflow::syntax::ast::*;
use reflow::syntax::{KEYWORDS, unescape};
use support::{comment_texts, first_difference, parse_clean, without_spans};

const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Generated trees have no source, so every span is empty.
fn no_span() -> Span {
    0..0
}

// ------------------------------------------------------------- tokens ---

/// Generates identifier text: ASCII, `_` and Chinese, sometimes a keyword
/// or a weekday name, which the grammar reads as identifiers in some places.
fn ident_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-z_一-丯][a-zA-Z0-9_一-丯]{0,6}",
        1 => select(KEYWORDS).prop_map(String::from),
        1 => select(WEEKDAYS).prop_map(String::from),
    ]
}

fn ident_from(text: impl Strategy<Value = String>) -> impl Strategy<Value = Ident> {
    text.prop_map(|name| Ident { name, span: no_span() })
}

fn any_ident() -> impl Strategy<Value = Ident> {
    ident_from(ident_text())
}

/// Generates an identifier that names a node in a flow or key statement,
/// where a keyword could start another statement (`key "x"`, `import "x"`).
fn node_ident() -> impl Strategy<Value = Ident> {
    ident_from(
        ident_text().prop_filter("a keyword starts a statement", |name| !KEYWORDS.contains(&name.as_str())),
    )
}

/// Generates an identifier that is not a weekday name, for the first
/// segment of a reference and for the name of a call: the grammar reads
/// `mon` there as a day range, and so `mon(x)` fails to parse.
fn non_weekday_ident() -> impl Strategy<Value = Ident> {
    ident_from(
        ident_text().prop_filter("a weekday is a day range", |name| !WEEKDAYS.contains(&name.as_str())),
    )
}

/// Generates a string with plain text, escapes and text that looks like comments.
fn string_lit() -> impl Strategy<Value = StringLit> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ,.:;!?@#%{}()\\[\\]\t\u{3000}中文字符投诉客户-]{1,12}",
        1 => select(vec![r#"\""#, r"\\", r"\n", r"\t", r"\u{4E2D}", r"\u{4e2d}", r"\u{41}", "//", "/*", "*/"])
            .prop_map(String::from),
    ];
    vec(piece, 0..5).prop_map(|pieces| {
        let raw = pieces.concat();
        let value = unescape(&raw).expect("generated escapes are valid");
        StringLit { value, raw, span: no_span() }
    })
}

/// Generates a number as the grammar spells it: digits with an optional fraction.
fn number() -> impl Strategy<Value = Number> {
    "[0-9]{1,4}(\\.[0-9]{1,3})?".prop_map(|text| {
        let value = text.parse().expect("digits parse as f64");
        Number { text, value, span: no_span() }
    })
}

fn percent() -> impl Strategy<Value = Percent> {
    number().prop_map(|number| Percent { number, span: no_span() })
}

fn time_unit() -> impl Strategy<Value = TimeUnit> {
    select(vec![TimeUnit::Second, TimeUnit::Minute, TimeUnit::Hour, TimeUnit::Day, TimeUnit::Week])
}

fn weekday() -> impl Strategy<Value = Weekday> {
    select(Weekday::ALL.to_vec())
}

/// Generates doc text: lines of comment-safe text, none ending in
/// whitespace, which the parser trims.
fn doc() -> impl Strategy<Value = Option<String>> {
    let line = "([a-zA-Z0-9 一-丯/*\"\\\\@{}-]{0,15}[a-zA-Z0-9一-丯/*\"\\\\@{}-])?";
    option::of(vec(line, 1..3).prop_map(|lines| lines.join("\n")))
}

// -------------------------------------------------------------- values ---

fn path(head: impl Strategy<Value = Ident>) -> impl Strategy<Value = Path> {
    (head, vec(any_ident(), 0..3)).prop_map(|(head, rest)| {
        let segments = std::iter::once(head).chain(rest).collect();
        Path { segments, span: no_span() }
    })
}

fn leaf_scalar() -> BoxedStrategy<Scalar> {
    prop_oneof![
        string_lit().prop_map(Scalar::String),
        (0u8..100, 0u8..100, 0u8..100, 0u8..100).prop_map(|(h1, m1, h2, m2)| {
            let from = Clock { hour: h1, minute: m1 };
            let to = Clock { hour: h2, minute: m2 };
            Scalar::TimeRange(TimeRange { from, to, span: no_span() })
        }),
        (number(), "[A-Z]{3}", option::of(time_unit())).prop_map(|(amount, currency, per)| {
            Scalar::Money(Money { amount, currency, per, span: no_span() })
        }),
        (number(), time_unit()).prop_map(|(number, unit)| Scalar::Duration(Duration {
            number,
            unit,
            span: no_span()
        })),
        percent().prop_map(Scalar::Percent),
        number().prop_map(Scalar::Number),
        (weekday(), option::of(weekday())).prop_map(|(from, to)| Scalar::DayRange(DayRange {
            from,
            to,
            span: no_span()
        })),
        path(non_weekday_ident()).prop_map(Scalar::Reference),
    ]
    .boxed()
}

fn scalar(depth: u32) -> BoxedStrategy<Scalar> {
    if depth == 0 {
        return leaf_scalar();
    }
    let call = (non_weekday_ident(), vec(value(depth - 1), 0..4))
        .prop_map(|(name, args)| Scalar::Call(Call { name, args, span: no_span() }));
    prop_oneof![4 => leaf_scalar(), 1 => call].boxed()
}

fn phrase(depth: u32) -> impl Strategy<Value = Phrase> {
    vec(scalar(depth), 1..4).prop_map(|scalars| Phrase { scalars, span: no_span() })
}

fn value(depth: u32) -> BoxedStrategy<Value> {
    if depth == 0 {
        return phrase(0).prop_map(Value::Phrase).boxed();
    }
    let list = vec(value(depth - 1), 0..5).prop_map(|items| Value::List(List { items, span: no_span() }));
    prop_oneof![3 => phrase(depth).prop_map(Value::Phrase), 2 => list].boxed()
}

fn attr() -> impl Strategy<Value = Attr> {
    (path(any_ident()), value(3)).prop_map(|(key, value)| Attr { key, value, span: no_span() })
}

fn block() -> impl Strategy<Value = Block> {
    vec(attr(), 0..4).prop_map(|attrs| Block { attrs, span: no_span() })
}

// --------------------------------------------------------- statements ---

fn header() -> impl Strategy<Value = Header> {
    (any_ident(), option::of(string_lit())).prop_map(|(id, label)| Header { id, label })
}

fn role() -> impl Strategy<Value = Role> {
    (doc(), header(), option::of(block())).prop_map(|(doc, header, block)| Role {
        doc,
        header,
        block,
        span: no_span(),
    })
}

fn department(depth: u32) -> BoxedStrategy<Department> {
    let member = if depth == 0 {
        prop_oneof![role().prop_map(DepartmentMember::Role), attr().prop_map(DepartmentMember::Attr)].boxed()
    } else {
        prop_oneof![
            department(depth - 1).prop_map(DepartmentMember::Department),
            role().prop_map(DepartmentMember::Role),
            attr().prop_map(DepartmentMember::Attr),
        ]
        .boxed()
    };
    (doc(), header(), option::of(vec(member, 0..4)))
        .prop_map(|(doc, header, members)| Department { doc, header, members, span: no_span() })
        .boxed()
}

fn node() -> impl Strategy<Value = Node> {
    (doc(), select(NodeKind::ALL), header(), option::of(block())).prop_map(|(doc, kind, header, block)| {
        Node { doc, kind, kind_span: no_span(), header, block, span: no_span() }
    })
}

fn node_ref() -> impl Strategy<Value = NodeRef> {
    prop_oneof![node_ident().prop_map(NodeRef::Id), string_lit().prop_map(NodeRef::Label)]
}

fn key_stmt() -> impl Strategy<Value = KeyStmt> {
    (node_ref(), option::of(string_lit())).prop_map(|(node, reason)| KeyStmt {
        node,
        reason,
        span: no_span(),
    })
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    (node_ref(), option::of(string_lit()), option::of(any_ident())).prop_map(|(node, label, lane)| Endpoint {
        node,
        label,
        lane,
        span: no_span(),
    })
}

fn arrow() -> impl Strategy<Value = Arrow> {
    let label = prop_oneof![any_ident().prop_map(FlowLabel::Ident), string_lit().prop_map(FlowLabel::String)];
    (option::of(label), option::of(percent())).prop_map(|(label, probability)| Arrow {
        label,
        probability,
        span: no_span(),
    })
}

fn flow() -> impl Strategy<Value = Flow> {
    (endpoint(), vec((arrow(), endpoint()), 1..4)).prop_map(|(first, rest)| {
        let (arrows, more): (Vec<Arrow>, Vec<Endpoint>) = rest.into_iter().unzip();
        let endpoints = std::iter::once(first).chain(more).collect();
        Flow { endpoints, arrows, span: no_span() }
    })
}

fn process() -> impl Strategy<Value = Process> {
    let stmt = prop_oneof![
        3 => node().prop_map(ProcessStmt::Node),
        1 => attr().prop_map(ProcessStmt::Attr),
        1 => key_stmt().prop_map(ProcessStmt::Key),
        2 => flow().prop_map(ProcessStmt::Flow),
    ];
    (doc(), header(), vec(stmt, 0..6)).prop_map(|(doc, header, body)| Process {
        doc,
        header,
        body,
        span: no_span(),
    })
}

fn simulation() -> impl Strategy<Value = Simulation> {
    let scenario = (doc(), header(), option::of(block())).prop_map(|(doc, header, block)| Scenario {
        doc,
        header,
        block,
        span: no_span(),
    });
    let member =
        prop_oneof![scenario.prop_map(SimulationMember::Scenario), attr().prop_map(SimulationMember::Attr)];
    (doc(), option::of(any_ident()), option::of(string_lit()), vec(member, 0..4))
        .prop_map(|(doc, id, label, members)| Simulation { doc, id, label, members, span: no_span() })
}

fn item() -> impl Strategy<Value = Item> {
    prop_oneof![
        string_lit().prop_map(|path| Item::Import(Import { path, span: no_span() })),
        department(2).prop_map(Item::Department),
        role().prop_map(Item::Role),
        process().prop_map(Item::Process),
        simulation().prop_map(Item::Simulation),
        attr().prop_map(Item::Attr),
        key_stmt().prop_map(Item::Key),
        flow().prop_map(Item::Flow),
    ]
}

fn file() -> impl Strategy<Value = File> {
    vec(item(), 0..6).prop_map(|items| File { items, span: no_span() })
}

// ------------------------------------------------------------ comments ---

/// A place in printed text where the grammar allows a comment.
#[derive(Debug, Clone, Copy)]
enum Site {
    /// The start of a line: the comment goes on a line of its own.
    LineStart(usize),
    /// The end of a line that is not a comment.
    LineEnd(usize),
    /// Between two tokens inside a line: after `: `, `[`, `(` or `, `, or
    /// before ` ->` or before the ` {` that opens a block.
    Inline(usize),
}

/// Finds every comment site of `text`, which must hold no comments other
/// than `///` lines.
fn comment_sites(text: &str) -> Vec<Site> {
    let mut sites = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        sites.push(Site::LineStart(line_start));
        let content = line.trim_end_matches('\n');
        if !content.trim_start().starts_with("//") {
            sites.push(Site::LineEnd(line_start + content.len()));
            sites.extend(inline_sites(content).into_iter().map(|at| Site::Inline(line_start + at)));
        }
        line_start += line.len();
    }
    sites.push(Site::LineStart(text.len()));
    sites
}

/// Returns the offsets in `line`, outside strings, between tokens of rules
/// that allow comments: attributes, flows, arrows, lists, calls, and a
/// declaration's header and block.
fn inline_sites(line: &str) -> Vec<usize> {
    let mut sites = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        let rest = &line[at..];
        match c {
            '"' => in_string = true,
            '[' | '(' => sites.push(at + 1),
            ':' | ',' if rest.starts_with(": ") || rest.starts_with(", ") => sites.push(at + 2),
            ' ' if rest.starts_with(" ->") => sites.push(at),
            _ => {}
        }
    }
    if let Some(header) = line.strip_suffix(" {") {
        sites.push(header.len());
    }
    sites
}

/// Returns the comment text for `number`, in one of four forms.
fn comment_text(kind: u8, number: usize) -> String {
    match kind % 4 {
        0 => format!("// c{number}"),
        1 => format!("/* c{number} */"),
        2 => format!("/* c{number}\n   continued */"),
        _ => format!("/// c{number}"),
    }
}

/// Inserts the chosen comments into `text`.
fn insert_comments(text: &str, choices: &[(Index, u8)]) -> String {
    let sites = comment_sites(text);
    let mut insertions: Vec<(usize, String)> = choices
        .iter()
        .enumerate()
        .map(|(number, (index, kind))| {
            let comment = comment_text(*kind, number);
            let is_line = comment.starts_with("//");
            match *index.get(&sites) {
                Site::LineStart(at) => (at, format!("{comment}\n")),
                // A line comment takes a line break with it, so that another
                // insertion at the same offset does not become part of it.
                Site::LineEnd(at) | Site::Inline(at) if is_line => (at, format!(" {comment}\n")),
                Site::LineEnd(at) => (at, format!(" {comment}")),
                Site::Inline(at) => (at, format!(" {comment} ")),
            }
        })
        .collect();
    // Inserting from the end keeps the earlier offsets valid; a stable sort
    // keeps the choice order for insertions at one offset.
    insertions.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut result = text.to_string();
    for (at, insertion) in insertions {
        result.insert_str(at, &insertion);
    }
    result
}

// --------------------------------------------------------------- tests ---

proptest! {
    #[test]
    fn printed_tree_parses_back(file in file()) {
        let printed = print(&file, &[], "");
        let parsed = parse_clean(&printed)
            .map_err(|message| TestCaseError::fail(format!("printed text {message}:\n{printed}")))?;
        let expected = without_spans(&file);
        let actual = without_spans(parsed.ast.as_ref().expect("parse_clean returns a tree"));
        prop_assert!(
            actual == expected,
            "the tree parsed from the printed text differs, {}\nprinted:\n{}",
            first_difference(&expected, &actual),
            printed
        );

        let again = format_source(FileId(0), &printed).expect("the printed text parses");
        prop_assert!(again == printed, "formatting the printed text changes it, {}", first_difference(&printed, &again));
    }

    #[test]
    fn comments_survive_formatting(file in file(), choices in vec((any::<Index>(), any::<u8>()), 1..8)) {
        let input = insert_comments(&print(&file, &[], ""), &choices);
        let before = parse_clean(&input)
            .map_err(|message| TestCaseError::fail(format!("input {message}:\n{input}")))?;
        let output = format_source(FileId(0), &input).expect("the input parses");
        let after = parse_clean(&output)
            .map_err(|message| TestCaseError::fail(format!("output {message}:\n{output}")))?;

        let tree_before = without_spans(before.ast.as_ref().expect("parsed"));
        let tree_after = without_spans(after.ast.as_ref().expect("parsed"));
        prop_assert!(
            tree_after == tree_before,
            "formatting changes the tree, {}\ninput:\n{}\noutput:\n{}",
            first_difference(&tree_before, &tree_after),
            input,
            output
        );
        prop_assert_eq!(comment_texts(&after), comment_texts(&before), "input:\n{}\noutput:\n{}", input, output);

        let again = format_source(FileId(0), &output).expect("the output parses");
        prop_assert!(
            again == output,
            "formatting is not idempotent, {}\ninput:\n{}\noutput:\n{}",
            first_difference(&output, &again),
            input,
            output
        );
    }
}
