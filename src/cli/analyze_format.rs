//! The analysis as aligned text and as Markdown. Numbers have fixed
//! decimals so that output is stable: 3 for visits and minutes, 1 for
//! percentages.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use crate::analysis::Report;
use crate::analysis::report::{ScenarioEntry, StepEntry, WorkloadEntry};

/// Renders reports as text, one block per process.
pub fn text(reports: &[Report]) -> String {
    let blocks: Vec<String> = reports.iter().map(text_block).collect();
    blocks.join("\n")
}

/// Renders reports as Markdown, one section per process.
pub fn markdown(reports: &[Report]) -> String {
    let blocks: Vec<String> = reports.iter().map(markdown_block).collect();
    blocks.join("\n")
}

fn text_block(report: &Report) -> String {
    let mut out = String::new();
    let title = report.title.as_deref().map(|title| format!(" \"{title}\"")).unwrap_or_default();
    let _ = writeln!(out, "process `{}`{title}", report.process);

    let _ = writeln!(out, "\nmust-pass steps\n  {}", report.must_pass.join(" → "));
    if !report.must_pass_not_key.is_empty() {
        let _ = writeln!(out, "  not declared key: {}", report.must_pass_not_key.join(", "));
    }
    text_key_nodes(report, &mut out);

    let _ = writeln!(out, "\nexpected visits per case");
    out.push_str(&aligned(&step_rows(&report.steps), &[false, false, false, true, true, true], "  "));
    for assumption in &report.assumptions {
        let _ = writeln!(out, "  assumed: {assumption}");
    }

    text_time(report, &mut out);
    text_handoffs(report, &mut out);
    text_value(report, &mut out);
    if let Some(workload) = &report.workload {
        let _ = writeln!(out, "\nworkload (arrivals from the {})", workload.arrivals_from);
        out.push_str(&aligned(
            &workload_rows(workload),
            &[false, true, false, true, true, true, false],
            "  ",
        ));
    }
    out
}

fn text_key_nodes(report: &Report, out: &mut String) {
    let _ = writeln!(out, "\nkey nodes");
    if report.key_nodes.is_empty() {
        let _ = writeln!(out, "  none declared");
    }
    for key in &report.key_nodes {
        let status = match &key.bypass {
            None => "must-pass".to_string(),
            Some(path) => format!("bypassed by {}", path.join(" → ")),
        };
        let reason = key.reason.as_deref().map(|reason| format!(" ({reason})")).unwrap_or_default();
        let _ = writeln!(out, "  {}. {}{reason}: {status}", key.number, key.id);
    }
}

fn text_time(report: &Report, out: &mut String) {
    let path = &report.critical_path;
    let _ = writeln!(out, "\ntime per case");
    let _ =
        writeln!(out, "  work           {} min in tasks, every branch counted", number(report.work_minutes));
    let _ = writeln!(
        out,
        "  critical path  {} min without queueing, over the steps {}",
        number(path.minutes),
        path.steps.join(", ")
    );
    for fork in &path.forks {
        let branches: Vec<String> = fork
            .branches
            .iter()
            .map(|branch| format!("{} {} min", branch.first, number(branch.minutes)))
            .collect();
        let _ = writeln!(
            out,
            "  parallel split {}: {}; longest from {}",
            fork.split,
            branches.join(", "),
            fork.longest
        );
    }
}

fn text_handoffs(report: &Report, out: &mut String) {
    let _ = writeln!(out, "\nhand-offs per case  {}", number(report.handoffs.per_case));
    let rows: Vec<Vec<String>> = report
        .handoffs
        .between
        .iter()
        .map(|handoff| vec![format!("{} → {}", handoff.from, handoff.to), number(handoff.per_case)])
        .collect();
    out.push_str(&aligned(&rows, &[false, true], "  "));
}

fn text_value(report: &Report, out: &mut String) {
    let value = &report.value_added;
    let _ = writeln!(out, "\nvalue added, of {} task min per case", number(value.task_minutes));
    let rows = vec![
        vec!["customer value-added (the ratio)".to_string(), percent(value.ratio)],
        vec!["business value-added".to_string(), percent(value.business_share)],
        vec!["non-value-added".to_string(), percent(value.non_value_added_share)],
        vec!["unclassified".to_string(), percent(value.unclassified_share)],
    ];
    out.push_str(&aligned(&rows, &[false, true], "  "));
}

fn step_rows(steps: &[StepEntry]) -> Vec<Vec<String>> {
    let header = ["step", "kind", "role", "visits", "mean min", "min/case"].map(str::to_string).to_vec();
    let rows = steps.iter().map(|step| {
        vec![
            step.id.clone(),
            step.kind.to_string(),
            step.role.clone().unwrap_or_default(),
            number(step.visits),
            step.mean_minutes.map(number).unwrap_or_default(),
            step.minutes_per_case.map(number).unwrap_or_default(),
        ]
    });
    std::iter::once(header).chain(rows).collect()
}

fn workload_rows(workload: &WorkloadEntry) -> Vec<Vec<String>> {
    let header = ["scenario", "every min", "role", "min/case", "headcount", "utilisation", ""]
        .map(str::to_string)
        .to_vec();
    let mut rows = vec![header];
    for scenario in &workload.scenarios {
        for role in &scenario.roles {
            let assumed = if role.headcount_assumed { " (assumed)" } else { "" };
            rows.push(vec![
                scenario_name(scenario),
                number(scenario.interarrival_minutes),
                role.role.clone(),
                number(role.work_minutes),
                format!("{}{assumed}", role.headcount),
                percent(Some(role.utilisation)),
                flags(scenario, &role.role, role.utilisation),
            ]);
        }
    }
    rows
}

fn scenario_name(scenario: &ScenarioEntry) -> String {
    scenario.scenario.clone().unwrap_or_else(|| "declared".to_string())
}

/// Marks the bottleneck and roles at 100% or more.
fn flags(scenario: &ScenarioEntry, role: &str, utilisation: f64) -> String {
    let mut marks = Vec::new();
    if scenario.bottleneck.as_deref() == Some(role) {
        marks.push("bottleneck");
    }
    if utilisation >= 1.0 {
        marks.push("overloaded");
    }
    marks.join(", ")
}

fn markdown_block(report: &Report) -> String {
    let mut out = String::new();
    let title = report.title.as_deref().map(|title| format!(": {}", cell(title))).unwrap_or_default();
    let _ = writeln!(out, "## Process `{}`{title}\n", report.process);

    let _ = writeln!(out, "### Must-pass steps\n\n{}\n", backticked(&report.must_pass).join(" → "));
    if !report.must_pass_not_key.is_empty() {
        let _ = writeln!(out, "Not declared key: {}.\n", backticked(&report.must_pass_not_key).join(", "));
    }
    markdown_key_nodes(report, &mut out);

    let _ = writeln!(out, "### Expected visits per case\n");
    out.push_str(&table(&step_rows(&report.steps), &[false, false, false, true, true, true]));
    for assumption in &report.assumptions {
        let _ = writeln!(out, "- Assumed: {assumption}.");
    }

    markdown_time(report, &mut out);
    let _ = writeln!(out, "### Hand-offs per case: {}\n", number(report.handoffs.per_case));
    let mut handoffs = vec![vec!["from → to".to_string(), "per case".to_string()]];
    handoffs.extend(
        report.handoffs.between.iter().map(|h| vec![format!("{} → {}", h.from, h.to), number(h.per_case)]),
    );
    out.push_str(&table(&handoffs, &[false, true]));

    let value = &report.value_added;
    let _ = writeln!(out, "### Value added, of {} task min per case\n", number(value.task_minutes));
    let rows = vec![
        vec!["class".to_string(), "share".to_string()],
        vec!["customer value-added (the ratio)".to_string(), percent(value.ratio)],
        vec!["business value-added".to_string(), percent(value.business_share)],
        vec!["non-value-added".to_string(), percent(value.non_value_added_share)],
        vec!["unclassified".to_string(), percent(value.unclassified_share)],
    ];
    out.push_str(&table(&rows, &[false, true]));

    if let Some(workload) = &report.workload {
        let _ = writeln!(out, "### Workload, arrivals from the {}\n", workload.arrivals_from);
        out.push_str(&table(&workload_rows(workload), &[false, true, false, true, true, true, false]));
    }
    out
}

fn markdown_key_nodes(report: &Report, out: &mut String) {
    let _ = writeln!(out, "### Key nodes\n");
    if report.key_nodes.is_empty() {
        let _ = writeln!(out, "None declared.\n");
        return;
    }
    for key in &report.key_nodes {
        let status = match &key.bypass {
            None => "must-pass".to_string(),
            Some(path) => format!("bypassed by {}", backticked(path).join(" → ")),
        };
        let reason = key.reason.as_deref().map(|reason| format!(" ({})", cell(reason))).unwrap_or_default();
        let _ = writeln!(out, "{}. `{}`{reason}: {status}", key.number, key.id);
    }
    out.push('\n');
}

fn markdown_time(report: &Report, out: &mut String) {
    let path = &report.critical_path;
    let _ = writeln!(out, "### Time per case\n");
    let _ = writeln!(out, "- Work: {} min in tasks, every branch counted.", number(report.work_minutes));
    let _ = writeln!(
        out,
        "- Critical path: {} min without queueing, over the steps {}.",
        number(path.minutes),
        backticked(&path.steps).join(", ")
    );
    for fork in &path.forks {
        let branches: Vec<String> = fork
            .branches
            .iter()
            .map(|branch| format!("`{}` {} min", branch.first, number(branch.minutes)))
            .collect();
        let _ = writeln!(
            out,
            "- Parallel split `{}`: {}; longest from `{}`.",
            fork.split,
            branches.join(", "),
            fork.longest
        );
    }
    out.push('\n');
}

/// Lays out rows in columns two spaces apart; `right` aligns numbers.
fn aligned(rows: &[Vec<String>], right: &[bool], indent: &str) -> String {
    let widths = column_widths(rows);
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> =
            row.iter().enumerate().map(|(column, text)| pad(text, widths[column], right[column])).collect();
        let _ = writeln!(out, "{indent}{}", cells.join("  ").trim_end());
    }
    out
}

/// Lays out rows as a Markdown table whose first row is the header.
fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let mut out = String::new();
    for (position, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|text| cell(text)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if position == 0 {
            let rules: Vec<&str> = right.iter().map(|&right| if right { "---:" } else { "---" }).collect();
            let _ = writeln!(out, "|{}|", rules.join("|"));
        }
    }
    out.push('\n');
    out
}

fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..columns)
        .map(|column| {
            rows.iter().filter_map(|row| row.get(column)).map(|text| text.width()).max().unwrap_or(0)
        })
        .collect()
}

/// Pads to a width in terminal columns, where a CJK character takes two.
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right { format!("{fill}{text}") } else { format!("{text}{fill}") }
}

/// Escapes a table cell's pipes and line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn backticked(ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| format!("`{id}`")).collect()
}

/// Formats a number with 3 decimals; an infinite one as `∞`.
fn number(value: f64) -> String {
    if value.is_finite() { format!("{value:.3}") } else { "∞".to_string() }
}

/// Formats a fraction as a percentage with 1 decimal; none as `-`.
fn percent(fraction: Option<f64>) -> String {
    match fraction {
        Some(fraction) if fraction.is_finite() => format!("{:.1}%", fraction * 100.0),
        Some(_) => "∞".to_string(),
        None => "-".to_string(),
    }
}
