//! The content of job descriptions and process descriptions, checked
//! against the model and its analysis for every example.

mod support;

use reflow::analysis::{self, Options};
use reflow::docs::{
    self, Block, Document, Inline, Lang, Msg, Section, Table, Target, job_description, process_description,
};
use reflow::model::{self, Input, Model, NodeKind, ProcessId, RoleId};

/// Builds each example model, with the file name for messages.
fn examples() -> Vec<(String, Model)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("the examples folder")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "flow"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "expected the six CRM examples and the short form, found {paths:?}");
    paths
        .into_iter()
        .map(|path| {
            let loaded = model::load(&[Input::Path(path.clone())]).expect("the example loads");
            let (built, diagnostics) = model::build(&loaded);
            assert!(!diagnostics.iter().any(|d| d.is_error()), "{} does not build", path.display());
            (path.file_name().unwrap().to_string_lossy().into_owned(), built)
        })
        .collect()
}

fn section<'a>(document: &'a Document, anchor: &str) -> &'a Section {
    document
        .sections
        .iter()
        .find(|section| section.anchor == anchor)
        .unwrap_or_else(|| panic!("{}: no section `{anchor}`", document.title))
}

/// Finds the table that follows the subheading with this anchor, or the
/// first table of the section when `after` is `None`.
fn table<'a>(section: &'a Section, after: Option<&str>) -> Option<&'a Table> {
    let mut reached = after.is_none();
    for block in &section.blocks {
        match block {
            Block::Subheading { anchor, .. } if Some(anchor.as_str()) == after => reached = true,
            Block::Subheading { .. } if reached && after.is_some() => return None,
            Block::Table { table } if reached => return Some(table),
            _ => {}
        }
    }
    None
}

fn column(table: &Table, heading: Msg, lang: Lang) -> usize {
    table
        .header
        .iter()
        .position(|header| header == heading.text(lang))
        .unwrap_or_else(|| panic!("no column {:?} in {:?}", heading, table.header))
}

fn plain(cell: &[Inline]) -> String {
    cell.iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Strong(text) | Inline::Code(text) | Inline::Missing(text) => {
                text.clone()
            }
            Inline::Link { text, .. } => text.clone(),
            Inline::LineBreak => "\n".to_string(),
            Inline::Anchor(_) => String::new(),
        })
        .collect()
}

fn target(cell: &[Inline]) -> Option<&Target> {
    cell.iter().find_map(|inline| match inline {
        Inline::Link { target, .. } => Some(target),
        _ => None,
    })
}

fn percent(cell: &[Inline]) -> Option<f64> {
    plain(cell).strip_suffix('%').map(|number| number.parse().expect("a percentage"))
}

fn roles(model: &Model) -> impl Iterator<Item = RoleId> {
    (0..model.roles.len()).map(RoleId)
}

fn processes(model: &Model) -> impl Iterator<Item = ProcessId> {
    (0..model.processes.len()).map(ProcessId)
}

#[test]
fn every_performed_task_is_a_duty() {
    for (file, model) in examples() {
        for role in roles(&model) {
            let document = job_description(&model, role, Lang::En);
            let duties = table(section(&document, "duties"), Some("derived-duties"));
            let listed: Vec<&Target> = duties
                .map(|table| table.rows.iter().filter_map(|row| target(&row[1])).collect())
                .unwrap_or_default();
            for process in &model.processes {
                for node in process.flow_nodes() {
                    let step = process.node(node);
                    if step.kind != NodeKind::Task || step.role != Some(role) {
                        continue;
                    }
                    let expected = Target::Step { process: process.id.clone(), step: step.id.clone() };
                    assert!(
                        listed.contains(&&expected),
                        "{file}: task `{}` of `{}` is missing from the duties of `{}`",
                        step.id,
                        process.id,
                        model.role(role).id
                    );
                }
            }
        }
    }
}

#[test]
fn derived_weights_sum_to_one_hundred() {
    let mut weighed = 0;
    for (file, model) in examples() {
        for role in roles(&model) {
            let document = job_description(&model, role, Lang::En);
            let Some(duties) = table(section(&document, "duties"), Some("derived-duties")) else { continue };
            let weight = column(duties, Msg::Weight, Lang::En);
            let weights: Vec<Option<f64>> = duties.rows.iter().map(|row| percent(&row[weight])).collect();
            if weights.iter().all(Option::is_none) {
                continue;
            }
            assert!(
                weights.iter().all(Option::is_some),
                "{file}: `{}` has rows without a weight",
                model.role(role).id
            );
            let total: f64 = weights.iter().flatten().sum();
            assert!(
                (total - 100.0).abs() <= 0.1,
                "{file}: weights of `{}` sum to {total}%",
                model.role(role).id
            );
            weighed += 1;
        }
    }
    assert!(weighed > 5, "only {weighed} roles had derived weights");
}

#[test]
fn weights_unknown_without_durations() {
    let model = support::model(
        "role a \"A\"\nrole b \"B\"\nprocess p \"P\" {\n start s \"S\"\n task t \"T\" { role: a }\n task u \"U\" { role: b }\n end e \"E\"\n s -> t -> u -> e\n}\n",
    );
    let role = model.find_role("a").unwrap();
    let document = job_description(&model, role, Lang::En);
    let duties = section(&document, "duties");
    let explained = duties.blocks.iter().any(|block| {
        matches!(block, Block::Paragraph { content } if plain(content) == Msg::WeightsUnknown.text(Lang::En))
    });
    assert!(explained, "the duties do not say that weights cannot be derived");
}

#[test]
fn internal_relations_match_handoffs() {
    let mut compared = 0;
    for (file, model) in examples() {
        for role in roles(&model) {
            let id = &model.role(role).id;
            let mut expected: Vec<(String, String, String, f64)> = Vec::new();
            for process in processes(&model) {
                let Some(report) = analysis::report(&model, process, Options::default()) else { continue };
                for handoff in report.handoffs.between.iter().filter(|handoff| &handoff.to == id) {
                    expected.push((
                        report.process.clone(),
                        "in".into(),
                        handoff.from.clone(),
                        handoff.per_case,
                    ));
                }
                for handoff in report.handoffs.between.iter().filter(|handoff| &handoff.from == id) {
                    expected.push((
                        report.process.clone(),
                        "out".into(),
                        handoff.to.clone(),
                        handoff.per_case,
                    ));
                }
            }

            let document = job_description(&model, role, Lang::En);
            let found: Vec<(String, String, String, f64)> =
                match table(section(&document, "relations"), Some("internal-relations")) {
                    None => Vec::new(),
                    Some(relations) => relations
                        .rows
                        .iter()
                        .map(|row| {
                            let Some(Target::Process { id: process }) = target(&row[0]) else {
                                panic!("{file}: no process link in {row:?}")
                            };
                            let direction =
                                if plain(&row[1]) == Msg::HandsTo.text(Lang::En) { "out" } else { "in" };
                            let other = match target(&row[2]) {
                                Some(Target::Role { id }) => id.clone(),
                                _ => plain(&row[2]),
                            };
                            (process.clone(), direction.to_string(), other, plain(&row[3]).parse().unwrap())
                        })
                        .collect(),
                };

            expected.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
            let mut found = found;
            found.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
            let keys = |rows: &[(String, String, String, f64)]| {
                rows.iter().map(|(p, d, r, _)| (p.clone(), d.clone(), r.clone())).collect::<Vec<_>>()
            };
            assert_eq!(keys(&found), keys(&expected), "{file}: hand-off partners of `{id}`");
            for (displayed, analysed) in found.iter().zip(&expected) {
                assert!(
                    (displayed.3 - analysed.3).abs() < 0.006,
                    "{file}: `{id}` shows {displayed:?}, analysis {analysed:?}"
                );
            }
            compared += expected.len();
        }
    }
    assert!(compared > 10, "only {compared} hand-offs compared");
}

#[test]
fn missing_education_is_to_be_completed() {
    let model = support::model(
        "role a \"A\" { headcount: 1 }\nprocess p \"P\" {\n start s \"S\"\n task t \"T\" { role: a  duration: 5m }\n end e \"E\"\n s -> t -> e\n}\n",
    );
    for lang in [Lang::Zh, Lang::En] {
        let document = job_description(&model, RoleId(0), lang);
        let Block::Fields { fields } = &section(&document, "qualifications").blocks[0] else {
            panic!("qualifications are not fields")
        };
        let education =
            fields.iter().find(|(name, _)| name == Msg::Education.text(lang)).expect("an education field");
        assert_eq!(education.1, vec![Inline::Missing(Msg::ToBeCompleted.text(lang).to_string())]);
    }
}

#[test]
fn undeclared_education_in_examples_is_missing() {
    for (file, model) in examples() {
        for role in roles(&model).filter(|&role| model.role(role).education.is_none()) {
            let document = job_description(&model, role, Lang::Zh);
            let Block::Fields { fields } = &section(&document, "qualifications").blocks[0] else {
                panic!("qualifications are not fields")
            };
            let education = &fields[0].1;
            assert_eq!(
                education,
                &vec![Inline::Missing(Msg::ToBeCompleted.text(Lang::Zh).to_string())],
                "{file}: `{}`",
                model.role(role).id
            );
        }
    }
}

#[test]
fn purpose_draft_names_processes() {
    let model = support::model(
        "role a \"A\"\nprocess p \"P\" {\n start s \"S\"\n task t \"Take call\" { role: a  duration: 5m }\n end e \"E\"\n s -> t -> e\n}\n",
    );
    let document = job_description(&model, RoleId(0), Lang::En);
    let Block::Paragraph { content } = &section(&document, "purpose").blocks[0] else {
        panic!("no paragraph")
    };
    assert_eq!(plain(content), "[draft, to be reviewed] Takes part in 1 process, performing Take call.");
}

#[test]
fn key_node_numbers_match_analysis() {
    for (file, model) in examples() {
        for process in processes(&model) {
            let found = &model.processes[process.0];
            let numbered = analysis::key_nodes::numbered(found);
            let document = process_description(&model, process, Lang::En);
            let keys = section(&document, "key-nodes");
            let Some(table) = table(keys, None) else {
                assert!(numbered.is_empty(), "{file}: `{}` has key nodes but no table", found.id);
                continue;
            };
            let displayed: Vec<(usize, String)> = table
                .rows
                .iter()
                .map(|row| {
                    let number = plain(&row[0]).parse().unwrap();
                    let Some(Target::Step { step, .. }) = target(&row[1]) else {
                        panic!("no step link in {row:?}")
                    };
                    (number, step.clone())
                })
                .collect();
            let expected: Vec<(usize, String)> =
                numbered.iter().map(|&(number, node)| (number, found.node(node).id.clone())).collect();
            assert_eq!(displayed, expected, "{file}: key nodes of `{}`", found.id);
        }
    }
}

#[test]
fn raci_has_one_responsible_and_an_accountable() {
    for (file, model) in examples() {
        for process in processes(&model) {
            let found = &model.processes[process.0];
            let document = process_description(&model, process, Lang::En);
            let Some(matrix) = table(section(&document, "raci"), None) else { continue };
            let tasks = found.flow_nodes().filter(|&node| found.node(node).kind == NodeKind::Task).count();
            assert_eq!(matrix.rows.len(), tasks, "{file}: RACI rows of `{}`", found.id);
            for row in &matrix.rows {
                let letters: Vec<String> = row[1..].iter().map(|cell| plain(cell)).collect();
                let count = |letter: &str| {
                    letters.iter().filter(|cell| cell.split('/').any(|part| part == letter)).count()
                };
                assert_eq!(count("R"), 1, "{file}: `{}` row {:?}", found.id, plain(&row[0]));
                assert!(count("A") >= 1, "{file}: `{}` row {:?} has no A", found.id, plain(&row[0]));
            }
        }
    }
}

#[test]
fn raci_accountable_is_step_then_owner() {
    for (file, model) in examples() {
        for process in processes(&model) {
            let found = &model.processes[process.0];
            let matrix = docs::raci::raci(&model, process);
            for (node, cells) in &matrix.rows {
                let step = found.node(*node);
                let expected = step.accountable.or(found.owner).or(step.role).unwrap();
                let column = matrix.roles.iter().position(|&role| role == expected).unwrap();
                assert!(
                    cells[column].contains('A'),
                    "{file}: `{}` has no A for its accountable role",
                    step.id
                );
            }
        }
    }
}

#[test]
fn steps_table_lists_flow_steps_once() {
    for (file, model) in examples() {
        for process in processes(&model) {
            let found = &model.processes[process.0];
            let document = process_description(&model, process, Lang::En);
            let steps = table(section(&document, "steps"), None).expect("a steps table");
            assert_eq!(steps.rows.len(), found.flow_nodes().count(), "{file}: rows of `{}`", found.id);
            for (position, row) in steps.rows.iter().enumerate() {
                assert_eq!(plain(&row[0]), (position + 1).to_string(), "{file}: numbering of `{}`", found.id);
            }
        }
    }
}

fn list_items(section: &Section) -> Vec<&Vec<Inline>> {
    section
        .blocks
        .iter()
        .flat_map(|block| match block {
            Block::List { items } => items.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn tools_include_step_tools_and_documents() {
    for (file, model) in examples() {
        for role in roles(&model) {
            let document = job_description(&model, role, Lang::En);
            let listed: Vec<String> =
                list_items(section(&document, "tools")).into_iter().map(|item| plain(item)).collect();
            let mut expected: Vec<String> = model.role(role).tools.clone();
            for process in &model.processes {
                for node in process.flow_nodes().filter(|&node| process.node(node).role == Some(role)) {
                    let step = process.node(node);
                    expected.extend(step.tools.iter().cloned());
                    for &artifact in step.reads.iter().chain(&step.writes) {
                        expected.push(process.nodes[artifact].display_name().to_string());
                    }
                }
            }
            for tool in expected {
                assert!(listed.contains(&tool), "{file}: `{}` lacks the tool {tool:?}", model.role(role).id);
            }
        }
    }
}

#[test]
fn time_targets_become_kpis() {
    let mut found = 0;
    for (file, model) in examples() {
        for role in roles(&model) {
            let document = job_description(&model, role, Lang::En);
            let items = list_items(section(&document, "kpis"));
            for process in &model.processes {
                for node in process.flow_nodes().filter(|&node| process.node(node).role == Some(role)) {
                    let step = process.node(node);
                    let Some(target_minutes) = step.target else { continue };
                    let link = Target::Step { process: process.id.clone(), step: step.id.clone() };
                    let expected = format!(
                        "{} within {}",
                        step.display_name(),
                        docs::format::minutes(target_minutes, Lang::En)
                    );
                    let displayed =
                        items.iter().any(|item| target(item) == Some(&link) && plain(item) == expected);
                    assert!(displayed, "{file}: `{}` lacks the KPI {expected:?}", model.role(role).id);
                    found += 1;
                }
            }
        }
    }
    assert!(found >= 5, "only {found} time targets checked");
}

/// Builds one model from two files: `first.flow`, version 1.2, whose
/// process has no version of its own, then `second.flow`, version 2.1,
/// which declares the roles and a process without a version.
fn two_file_model() -> Model {
    let folder = tempfile::tempdir().unwrap();
    let first = folder.path().join("first.flow");
    let second = folder.path().join("second.flow");
    std::fs::write(
        &first,
        "title: \"First\"\nversion: \"1.2\"\nprocess visits \"Visits\" {\n start s \"S\"\n task call \"Call\" { role: agent }\n end e \"E\"\n s -> call -> e\n}\n",
    )
    .unwrap();
    std::fs::write(
        &second,
        "title: \"Second\"\nversion: \"2.1\"\nrole agent \"Agent\"\nrole vp \"VP\"\nprocess withdraw \"Withdraw\" {\n start s \"S\"\n task approve \"Approve\" { role: vp }\n end e \"E\"\n s -> approve -> e\n}\n",
    )
    .unwrap();
    let loaded = model::load(&[Input::Path(first), Input::Path(second)]).expect("both files load");
    let (built, diagnostics) = model::build(&loaded);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "the two files do not build: {diagnostics:?}");
    built
}

/// Returns the value of a field in the first field list of a section.
fn field_value(section: &Section, name: &str) -> Option<String> {
    section.blocks.iter().find_map(|block| match block {
        Block::Fields { fields } => {
            fields.iter().find(|(field, _)| field == name).map(|(_, value)| plain(value))
        }
        _ => None,
    })
}

#[test]
fn role_version_is_its_file_version() {
    let model = two_file_model();
    assert_eq!(model.version.as_deref(), Some("1.2"), "the model's version is the first file's");
    for (role, expected) in [("vp", "2.1"), ("agent", "2.1")] {
        let document = job_description(&model, model.find_role(role).unwrap(), Lang::En);
        let displayed = field_value(section(&document, "version"), Msg::ModelVersion.text(Lang::En));
        assert_eq!(displayed.as_deref(), Some(expected), "version of role `{role}`");
    }
}

#[test]
fn process_version_is_its_file_version() {
    let model = two_file_model();
    for (process, expected) in [("visits", "1.2"), ("withdraw", "2.1")] {
        let document = process_description(&model, model.find_process(process).unwrap(), Lang::En);
        let displayed = field_value(section(&document, "overview"), Msg::Version.text(Lang::En));
        assert_eq!(displayed.as_deref(), Some(expected), "version of process `{process}`");
    }
}

#[test]
fn process_own_version_wins() {
    let model = support::model(
        "version: \"1.0\"\nprocess p \"P\" {\n version: \"4.2\"\n start s \"S\"\n end e \"E\"\n s -> e\n}\n",
    );
    let document = process_description(&model, ProcessId(0), Lang::En);
    let displayed = field_value(section(&document, "overview"), Msg::Version.text(Lang::En));
    assert_eq!(displayed.as_deref(), Some("4.2"));
}

#[test]
fn handbook_org_chart_has_no_legend() {
    let model = two_file_model();
    let heading = docs::HandbookTitle::default();
    let index = docs::handbook_index(&heading, &[&model], &[], Lang::Zh);
    let charts: Vec<&String> = section(&index, "organisation")
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Figure { svg, .. } => Some(svg),
            _ => None,
        })
        .collect();
    assert_eq!(charts.len(), 1, "one organisation chart");
    assert!(charts[0].contains("<svg"), "the chart is SVG");
    assert!(!charts[0].contains("class=\"legend\""), "the organisation chart draws a legend");
}

/// A role `agent` with one declared authority, deciding a key node that
/// applies only when the call reaches the customer, and accountable for
/// a step another role performs.
const AUTHORITY_MODEL: &str = "role agent \"Agent\" { authority: [\"Grants goodwill\"] }\nrole clerk \"Clerk\"\nprocess visit \"Visit\" {\n start s \"S\"\n task file \"File\" { role: clerk\n accountable: agent }\n decision outcome \"Outcome\" {\n role: agent\n when: \"the call reaches the customer\"\n key: \"a missed complaint is lost\"\n }\n end e \"E\"\n end f \"F\"\n s -> file -> outcome\n outcome -> [\"ok\" 90%] e\n outcome -> [\"complaint\" 10%] f\n}\n";

#[test]
fn authority_merges_parts_of_a_step() {
    let model = support::model(AUTHORITY_MODEL);
    let role = model.find_role("agent").unwrap();
    for (lang, expected) in [
        (
            Lang::En,
            [
                "Grants goodwill",
                "File (in Visit): accountable",
                "Outcome (in Visit): decides; key node 1; applies when: the call reaches the customer",
            ],
        ),
        (
            Lang::Zh,
            [
                "Grants goodwill",
                "File（Visit）：对结果负责",
                "Outcome（Visit）：决定；关键节点 1；适用条件：the call reaches the customer",
            ],
        ),
    ] {
        let document = job_description(&model, role, lang);
        let items: Vec<String> =
            list_items(section(&document, "authority")).into_iter().map(|item| plain(item)).collect();
        assert_eq!(items, expected, "authority in {lang:?}");
    }
}

#[test]
fn authority_condition_is_no_threshold() {
    let model = support::model(AUTHORITY_MODEL);
    let role = model.find_role("agent").unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let document = job_description(&model, role, lang);
        for item in list_items(section(&document, "authority")) {
            let displayed = plain(item);
            assert!(!displayed.contains("审批界限"), "{lang:?}: {displayed}");
            assert!(!displayed.contains("threshold"), "{lang:?}: {displayed}");
        }
    }
}

#[test]
fn authority_lists_each_example_step_once() {
    for (file, model) in examples() {
        for role in roles(&model) {
            let document = job_description(&model, role, Lang::En);
            let mut linked: Vec<&Target> = list_items(section(&document, "authority"))
                .into_iter()
                .filter_map(|item| target(item))
                .collect();
            let count = linked.len();
            linked.sort_by_key(|target| format!("{target:?}"));
            linked.dedup();
            assert_eq!(
                linked.len(),
                count,
                "{file}: a step appears twice in the authority of `{}`",
                model.role(role).id
            );
        }
    }
}

/// Returns the text of a section that contains only one paragraph.
fn only_paragraph(section: &Section) -> Option<String> {
    match section.blocks.as_slice() {
        [Block::Paragraph { content }] => Some(plain(content)),
        _ => None,
    }
}

#[test]
fn roles_involved_empty_says_none() {
    let model = support::model("process p \"P\" {\n start s \"S\"\n end e \"E\"\n s -> e\n}\n");
    for lang in [Lang::Zh, Lang::En] {
        let document = process_description(&model, ProcessId(0), lang);
        let displayed = only_paragraph(section(&document, "roles"));
        assert_eq!(displayed.as_deref(), Some(Msg::NoneFound.text(lang)), "{lang:?}");
    }
}

#[test]
fn index_without_roles_says_none() {
    let model = support::model("process p \"P\" {\n start s \"S\"\n end e \"E\"\n s -> e\n}\n");
    for lang in [Lang::Zh, Lang::En] {
        let document = docs::index(&model, &[ProcessId(0)], &[], lang);
        let roles = only_paragraph(section(&document, "roles"));
        assert_eq!(roles.as_deref(), Some(Msg::NoneFound.text(lang)), "roles in {lang:?}");
        let processes = section(&document, "processes");
        assert!(
            matches!(processes.blocks.as_slice(), [Block::List { items }] if items.len() == 1),
            "processes in {lang:?}"
        );
    }
}

#[test]
fn index_without_processes_says_none() {
    let model = support::model("role a \"A\"\n");
    let document = docs::index(&model, &[], &[RoleId(0)], Lang::En);
    let processes = only_paragraph(section(&document, "processes"));
    assert_eq!(processes.as_deref(), Some(Msg::NoneFound.text(Lang::En)));
}

#[test]
fn no_section_has_an_empty_list() {
    let mut models: Vec<(String, Model)> = examples();
    models.push((
        "empty process".to_string(),
        support::model("process p \"P\" {\n start s \"S\"\n end e \"E\"\n s -> e\n}\n"),
    ));
    for (file, model) in models {
        let mut documents: Vec<Document> = Vec::new();
        for lang in [Lang::Zh, Lang::En] {
            documents.extend(roles(&model).map(|role| job_description(&model, role, lang)));
            documents.extend(processes(&model).map(|process| process_description(&model, process, lang)));
        }
        for document in &documents {
            for section in &document.sections {
                for block in &section.blocks {
                    if let Block::List { items } = block {
                        assert!(
                            !items.is_empty(),
                            "{file}: `{}` has an empty list in `{}`",
                            document.title,
                            section.anchor
                        );
                    }
                    if let Block::Table { table } = block {
                        assert!(
                            !table.rows.is_empty(),
                            "{file}: `{}` has an empty table in `{}`",
                            document.title,
                            section.anchor
                        );
                    }
                }
            }
        }
    }
}
