//! The job description (岗位说明书) of one role: its declared fields, and
//! what the processes show about its work.

use super::Context;
use super::authority;
use super::derive::{self, DerivedDuties, WeightBasis};
use super::format::{count, decimals, minutes, percent};
use super::inline::{declared, key_link, lines, missing, process_link, role_link, step_link, text, yes_no};
use super::{Align, Block, DocKind, Document, Inline, Lang, Msg, Section, Table};
use crate::model::{Calendar, Model, ProcessId, RoleId};
use crate::syntax::ast::Weekday;

/// Builds the job description of a role.
pub fn job_description(model: &Model, role: RoleId, lang: Lang, context: &Context) -> Document {
    let found = model.role(role);
    let department = found.department.map(|id| {
        let department = &model.departments[id.0];
        department.name.as_deref().unwrap_or(&department.id)
    });
    let subtitle = match department {
        Some(name) => format!("{} · {name}", Msg::JobDescription.text(lang)),
        None => Msg::JobDescription.text(lang).to_string(),
    };
    let duties = derive::derived_duties(model, &context.analyses, role);

    Document {
        kind: DocKind::Role(found.id.clone()),
        title: found.display_name().to_string(),
        subtitle: Some(subtitle),
        sections: vec![
            section(Msg::Basics, "basics", vec![basics(model, role, lang)], lang),
            section(Msg::Purpose, "purpose", vec![purpose(model, role, &duties, lang)], lang),
            section(Msg::Duties, "duties", duty_blocks(model, role, &duties, lang), lang),
            section(Msg::Authority, "authority", vec![authority::authority(model, role, lang)], lang),
            section(Msg::Relations, "relations", relations(model, context, role, lang), lang),
            section(Msg::KeyNodesOfRole, "key-nodes", vec![key_nodes(model, context, role, lang)], lang),
            section(Msg::Qualifications, "qualifications", vec![qualifications(model, role, lang)], lang),
            section(Msg::Tools, "tools", vec![listing(derive::tools(model, role), lang)], lang),
            section(Msg::Kpis, "kpis", vec![kpis(model, role, lang)], lang),
            section(Msg::Conditions, "conditions", vec![conditions(model, role, lang)], lang),
            section(Msg::Career, "career", vec![paragraph(declared(found.career.as_deref(), lang))], lang),
            section(Msg::Version, "version", vec![version(model, role, lang, &context.revisions)], lang),
        ],
    }
}

fn section(heading: Msg, anchor: &str, blocks: Vec<Block>, lang: Lang) -> Section {
    Section { heading: heading.text(lang).to_string(), anchor: anchor.to_string(), blocks }
}

fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

/// Lists texts, or marks the list missing when it is empty.
fn listing(items: Vec<String>, lang: Lang) -> Block {
    if items.is_empty() {
        return paragraph(vec![missing(lang)]);
    }
    Block::List { items: items.into_iter().map(|item| vec![text(item)]).collect() }
}

fn field(name: Msg, value: Vec<Inline>, lang: Lang) -> (String, Vec<Inline>) {
    (name.text(lang).to_string(), value)
}

fn basics(model: &Model, role: RoleId, lang: Lang) -> Block {
    let found = model.role(role);
    let department = found
        .department
        .map(|id| {
            let department = &model.departments[id.0];
            vec![text(department.name.clone().unwrap_or_else(|| department.id.clone()))]
        })
        .unwrap_or_else(|| vec![missing(lang)]);
    let reports_to =
        found.reports_to.map_or_else(|| vec![missing(lang)], |boss| vec![role_link(model, boss)]);
    let headcount =
        found.headcount.map_or_else(|| vec![missing(lang)], |count| vec![text(count.to_string())]);

    Block::Fields {
        fields: vec![
            field(Msg::JobTitle, vec![text(found.display_name())], lang),
            field(Msg::Department, department, lang),
            field(Msg::ReportsTo, reports_to, lang),
            field(Msg::DirectReports, direct_reports(model, role, lang), lang),
            field(Msg::Headcount, headcount, lang),
        ],
    }
}

/// Lists the roles that report to this one, each with its headcount.
fn direct_reports(model: &Model, role: RoleId, lang: Lang) -> Vec<Inline> {
    let reports: Vec<Vec<Inline>> = (0..model.roles.len())
        .map(RoleId)
        .filter(|&other| model.role(other).reports_to == Some(role))
        .map(|other| {
            let mut item = vec![role_link(model, other)];
            if let Some(count) = model.role(other).headcount {
                item.push(text(format!(" ×{count}")));
            }
            item
        })
        .collect();
    if reports.is_empty() {
        return vec![text(Msg::NoneFound.text(lang))];
    }
    join(reports, ", ")
}

fn join(items: Vec<Vec<Inline>>, separator: &str) -> Vec<Inline> {
    let mut joined = Vec::new();
    for (position, item) in items.into_iter().enumerate() {
        if position > 0 {
            joined.push(text(separator));
        }
        joined.extend(item);
    }
    joined
}

/// Returns the declared purpose, or else a draft sentence naming the
/// processes and steps of the role, marked as a draft.
fn purpose(model: &Model, role: RoleId, duties: &DerivedDuties, lang: Lang) -> Block {
    if let Some(purpose) = &model.role(role).purpose {
        return paragraph(vec![text(purpose)]);
    }
    if duties.duties.is_empty() {
        return paragraph(vec![missing(lang)]);
    }

    let mut processes: Vec<ProcessId> = duties.duties.iter().map(|duty| duty.process).collect();
    processes.dedup();
    let mut steps: Vec<&str> = Vec::new();
    for duty in &duties.duties {
        let label = model.processes[duty.process.0].node(duty.step).display_name();
        if !steps.contains(&label) {
            steps.push(label);
        }
    }
    let sentence = Msg::PurposeDraft
        .text(lang)
        .replace("{n}", &processes.len().to_string())
        .replace("{processes}", if processes.len() == 1 { "process" } else { "processes" })
        .replace("{steps}", &enumerate(&steps, lang));
    paragraph(vec![Inline::Strong(format!("[{}]", Msg::Draft.text(lang))), text(format!(" {sentence}"))])
}

/// Joins names as a sentence lists them: `a、b、c` or `a, b and c`.
fn enumerate(names: &[&str], lang: Lang) -> String {
    match (lang, names) {
        (Lang::Zh, _) => names.join("、"),
        (Lang::En, [only]) => only.to_string(),
        (Lang::En, [init @ .., last]) => format!("{} and {last}", init.join(", ")),
        (Lang::En, []) => String::new(),
    }
}

fn duty_blocks(model: &Model, role: RoleId, duties: &DerivedDuties, lang: Lang) -> Vec<Block> {
    let found = model.role(role);
    let mut blocks = Vec::new();
    if !found.duties.is_empty() {
        blocks.push(Block::Subheading {
            text: Msg::DeclaredDuties.text(lang).to_string(),
            anchor: "declared-duties".to_string(),
        });
        let rows = found
            .duties
            .iter()
            .map(|duty| {
                vec![vec![text(&duty.text)], vec![text(duty.weight.map(percent).unwrap_or_default())]]
            })
            .collect();
        blocks.push(Block::Table {
            table: Table {
                header: vec![Msg::Duty.text(lang).to_string(), Msg::Weight.text(lang).to_string()],
                align: vec![Align::Left, Align::Right],
                rows,
            },
        });
    }

    blocks.push(Block::Subheading {
        text: Msg::DerivedDuties.text(lang).to_string(),
        anchor: "derived-duties".to_string(),
    });
    if duties.duties.is_empty() {
        if found.duties.is_empty() {
            blocks.push(paragraph(vec![missing(lang)]));
        } else {
            blocks.push(paragraph(vec![text(Msg::NoSteps.text(lang))]));
        }
        return blocks;
    }
    blocks.push(Block::Table { table: derived_table(model, duties, lang) });
    let basis = match duties.basis {
        WeightBasis::ArrivalRate => Msg::WeightsByRate,
        WeightBasis::PerCase => Msg::WeightsPerCase,
        WeightBasis::Unknown => Msg::WeightsUnknown,
        WeightBasis::Unbounded => Msg::WeightsUnbounded,
    };
    blocks.push(paragraph(vec![text(basis.text(lang))]));
    blocks
}

/// Tabulates the tasks the role performs, grouped by process.
fn derived_table(model: &Model, duties: &DerivedDuties, lang: Lang) -> Table {
    let rows = duties
        .duties
        .iter()
        .map(|duty| {
            vec![
                vec![process_link(model, duty.process)],
                vec![step_link(model, duty.process, duty.step)],
                vec![text(duty.runs.map(count).unwrap_or_default())],
                vec![text(duty.minutes.map(|minutes| decimals(minutes, 1)).unwrap_or_default())],
                vec![text(duty.weight.map(percent).unwrap_or_default())],
            ]
        })
        .collect();
    Table {
        header: [Msg::Process, Msg::Step, Msg::RunsPerCase, Msg::MinutesPerCase, Msg::Weight]
            .iter()
            .map(|msg| msg.text(lang).to_string())
            .collect(),
        align: vec![Align::Left, Align::Left, Align::Right, Align::Right, Align::Right],
        rows,
    }
}

/// Tabulates the hand-offs to and from the role per process, then lists the
/// declared internal and external relations.
fn relations(model: &Model, context: &Context, role: RoleId, lang: Lang) -> Vec<Block> {
    let found = model.role(role);
    let derived = derive::relations(model, &context.analyses, role);
    let mut blocks = vec![Block::Subheading {
        text: Msg::InternalRelations.text(lang).to_string(),
        anchor: "internal-relations".to_string(),
    }];
    if !derived.is_empty() {
        let rows = derived
            .iter()
            .map(|relation| {
                let direction = if relation.outgoing { Msg::HandsTo } else { Msg::ReceivesFrom };
                vec![
                    vec![process_link(model, relation.process)],
                    vec![text(direction.text(lang))],
                    vec![role_link(model, relation.other)],
                    vec![text(count(relation.per_case))],
                ]
            })
            .collect();
        let header = [Msg::Process, Msg::Direction, Msg::Counterpart, Msg::HandoffsPerCase];
        blocks.push(Block::Table {
            table: Table {
                header: header.iter().map(|msg| msg.text(lang).to_string()).collect(),
                align: vec![Align::Left, Align::Left, Align::Left, Align::Right],
                rows,
            },
        });
    }
    if !found.internal.is_empty() || derived.is_empty() {
        // Under the derived table, a declared list needs a caption saying
        // where it comes from, or it reads as part of the table's data.
        if !derived.is_empty() {
            blocks.push(paragraph(vec![Inline::Strong(Msg::DeclaredRelations.text(lang).to_string())]));
        }
        blocks.push(listing(found.internal.clone(), lang));
    }

    blocks.push(Block::Subheading {
        text: Msg::ExternalRelations.text(lang).to_string(),
        anchor: "external-relations".to_string(),
    });
    blocks.push(listing(found.external.clone(), lang));
    blocks
}

fn key_nodes(model: &Model, context: &Context, role: RoleId, lang: Lang) -> Block {
    let found = derive::role_key_nodes(model, &context.analyses, role);
    if found.is_empty() {
        return paragraph(vec![text(Msg::NoneFound.text(lang))]);
    }
    let rows = found
        .iter()
        .map(|key| {
            let process = &model.processes[key.process.0];
            let node = process.node(key.node);
            let reason = node.key.as_ref().and_then(|key| key.reason.as_deref());
            vec![
                vec![process_link(model, key.process)],
                vec![key_link(model, key.process, key.number)],
                vec![step_link(model, key.process, key.node)],
                declared(reason, lang),
                key.must_pass.map_or_else(|| vec![missing(lang)], |must| vec![yes_no(must, lang)]),
            ]
        })
        .collect();
    let header = [Msg::Process, Msg::Number, Msg::Step, Msg::Reason, Msg::MustPass];
    Block::Table {
        table: Table {
            header: header.iter().map(|msg| msg.text(lang).to_string()).collect(),
            align: vec![Align::Left, Align::Right, Align::Left, Align::Left, Align::Center],
            rows,
        },
    }
}

fn qualifications(model: &Model, role: RoleId, lang: Lang) -> Block {
    let found = model.role(role);
    let list = |items: &[String]| {
        if items.is_empty() {
            vec![missing(lang)]
        } else {
            lines(items.iter().map(|item| vec![text(item)]).collect())
        }
    };
    Block::Fields {
        fields: vec![
            field(Msg::Education, declared(found.education.as_deref(), lang), lang),
            field(Msg::Experience, declared(found.experience.as_deref(), lang), lang),
            field(Msg::Knowledge, list(&found.knowledge), lang),
            field(Msg::Skills, list(&found.skills), lang),
        ],
    }
}

/// Lists the declared KPIs, then the time target of each step the role
/// performs.
fn kpis(model: &Model, role: RoleId, lang: Lang) -> Block {
    let mut items: Vec<Vec<Inline>> = model.role(role).kpis.iter().map(|kpi| vec![text(kpi)]).collect();
    for (index, process) in model.processes.iter().enumerate() {
        for node in derive::performed_steps(process, role) {
            if let Some(target) = process.node(node).target {
                let within = Msg::Within.text(lang).replace("{time}", &minutes(target, lang));
                items.push(vec![step_link(model, ProcessId(index), node), text(within)]);
            }
        }
    }
    if items.is_empty() {
        return paragraph(vec![missing(lang)]);
    }
    Block::List { items }
}

fn conditions(model: &Model, role: RoleId, lang: Lang) -> Block {
    let found = model.role(role);
    let hours = match &found.hours {
        Some(hours) => text(working_hours(hours)),
        None => missing(lang),
    };
    Block::Fields {
        fields: vec![
            field(Msg::Conditions, declared(found.conditions.as_deref(), lang), lang),
            field(Msg::WorkingHours, vec![hours], lang),
        ],
    }
}

/// Writes a calendar as the language writes working hours, with
/// consecutive days of equal hours joined: `mon-fri 09:00-18:00, sat 09:00-12:00`.
fn working_hours(calendar: &Calendar) -> String {
    let day_ranges: Vec<Vec<(u32, u32)>> = Weekday::ALL
        .iter()
        .map(|&day| {
            calendar.slots.iter().filter(|slot| slot.0 == day).map(|&(_, start, end)| (start, end)).collect()
        })
        .collect();

    let mut entries = Vec::new();
    let mut first = 0;
    while first < day_ranges.len() {
        let mut last = first;
        while last + 1 < day_ranges.len() && day_ranges[last + 1] == day_ranges[first] {
            last += 1;
        }
        if !day_ranges[first].is_empty() {
            let days = if first == last {
                Weekday::ALL[first].name().to_string()
            } else {
                format!("{}-{}", Weekday::ALL[first].name(), Weekday::ALL[last].name())
            };
            let times: Vec<String> = day_ranges[first]
                .iter()
                .map(|&(start, end)| format!("{}-{}", clock(start), clock(end)))
                .collect();
            entries.push(format!("{days} {}", times.join(" ")));
        }
        first = last + 1;
    }
    entries.join(", ")
}

fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Lists the `version:` of the file that declares the role, the version
/// of each process the role works in, and the last commit of the role's
/// file. A role without a declaring file, one only named as a short-form
/// lane, shows the model's version.
fn version(model: &Model, role: RoleId, lang: Lang, revisions: &super::Revisions) -> Block {
    let mut fields = Vec::new();
    let origin = model.role(role).origin.as_ref();
    let file_version = match origin {
        Some(origin) => model.file_version(origin.file),
        None => model.version.as_deref(),
    };
    if let Some(version) = file_version {
        fields.push(field(Msg::ModelVersion, vec![text(version)], lang));
    }
    for (index, process) in model.processes.iter().enumerate() {
        let works_there = derive::performed_steps(process, role).next().is_some();
        if let (true, Some(version)) = (works_there, &process.version) {
            let value = vec![process_link(model, ProcessId(index)), text(format!(" {version}"))];
            fields.push(field(Msg::ProcessVersion, value, lang));
        }
    }
    if let Some(revision) = origin.and_then(|origin| revisions.of(origin.file, lang)) {
        fields.push(field(Msg::SourceRevision, vec![text(revision)], lang));
    }
    if fields.is_empty() {
        return paragraph(vec![missing(lang)]);
    }
    Block::Fields { fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_hours_join_equal_days() {
        let day = |day, start, end| (day, start, end);
        let calendar = Calendar {
            slots: vec![
                day(Weekday::Mon, 540, 720),
                day(Weekday::Mon, 780, 1080),
                day(Weekday::Tue, 540, 720),
                day(Weekday::Tue, 780, 1080),
                day(Weekday::Sat, 540, 1080),
                day(Weekday::Sun, 540, 1080),
            ],
            span: 0..0,
        };
        assert_eq!(working_hours(&calendar), "mon-tue 09:00-12:00 13:00-18:00, sat-sun 09:00-18:00");
    }
}
