//! Plain-text tables for the terminal.

use unicode_width::UnicodeWidthStr;

use super::{Scope, conditions, describe, format_change, format_value, is_irrelevant};
use crate::sim::comparison::Comparison;
use crate::sim::replications::{Outcome, Summary};
use crate::sim::statistics::Estimate;

/// Formats the KPIs of one run.
pub fn outcome_table(outcome: &Outcome) -> String {
    let summaries = outcome.summaries();
    let mut text = format!("Simulation of {}\n{}\n", outcome.label, conditions(outcome));
    text.push_str("Means over replications, ± the half-width of the 95% confidence interval.\n\n");

    let case_rows: Vec<Vec<String>> = summaries
        .iter()
        .filter(|summary| describe(&summary.key, outcome).scope == Scope::Case)
        .filter(|summary| !is_irrelevant(&summary.key, outcome))
        .map(|summary| {
            let description = describe(&summary.key, outcome);
            let label =
                format!("{} ({})", description.label, description.unit.suffix(outcome.currency.as_deref()));
            vec![label, estimate_text(&summary.estimate, description.unit)]
        })
        .collect();
    text.push_str(&render(&["case KPI", "value"], &case_rows));

    text.push('\n');
    text.push_str(&render(&["role", "people", "utilisation", "mean queue"], &role_rows(outcome, &summaries)));
    text.push('\n');
    text.push_str(&render(
        &["step", "visits", "wait (min)", "processing (min)"],
        &step_rows(outcome, &summaries),
    ));

    if let Some((role, utilisation)) = outcome.bottleneck() {
        text.push_str(&format!(
            "\nbottleneck: `{role}`, the most utilised role at {:.1}%\n",
            utilisation * 100.0
        ));
    }
    text
}

fn role_rows(outcome: &Outcome, summaries: &[Summary]) -> Vec<Vec<String>> {
    let people = outcome.replications.first().map(|kpis| kpis.roles.as_slice()).unwrap_or(&[]);
    outcome
        .roles
        .iter()
        .map(|(id, name)| {
            let headcount = people.iter().find(|role| &role.id == id).map_or(0, |role| role.headcount);
            vec![
                format!("{id} {name}"),
                headcount.to_string(),
                find(summaries, &format!("role.{id}.utilisation"), outcome),
                find(summaries, &format!("role.{id}.queue_length"), outcome),
            ]
        })
        .collect()
}

fn step_rows(outcome: &Outcome, summaries: &[Summary]) -> Vec<Vec<String>> {
    outcome
        .steps
        .iter()
        .map(|(id, label)| {
            let name = if id == label { id.clone() } else { format!("{id} {label}") };
            vec![
                name,
                find(summaries, &format!("step.{id}.visits"), outcome),
                find(summaries, &format!("step.{id}.wait"), outcome),
                find(summaries, &format!("step.{id}.processing"), outcome),
            ]
        })
        .collect()
}

fn find(summaries: &[Summary], key: &str, outcome: &Outcome) -> String {
    match summaries.iter().find(|summary| summary.key == key) {
        Some(summary) => estimate_text(&summary.estimate, describe(key, outcome).unit),
        None => "-".to_string(),
    }
}

/// `51.06 ± 0.56`, or the mean alone for one replication.
fn estimate_text(estimate: &Estimate, unit: super::Unit) -> String {
    let mean = format_value(estimate.mean, unit);
    match estimate.half_width {
        Some(half) if estimate.mean.is_finite() => format!("{mean} ± {}", format_value(half, unit)),
        _ => mean,
    }
}

/// Formats an as-is versus to-be comparison.
pub fn comparison_table(comparison: &Comparison) -> String {
    let as_is = &comparison.as_is;
    let mut text =
        format!("As-is {} versus to-be {}\n{}\n", as_is.label, comparison.to_be.label, conditions(as_is));
    text.push_str(
        "Change = to-be minus as-is, paired by replication on common random numbers, \
        with its 95% confidence interval.\n\n",
    );

    let rows: Vec<Vec<String>> = comparison
        .deltas
        .iter()
        .filter(|delta| !is_irrelevant(&delta.key, as_is) || !is_irrelevant(&delta.key, &comparison.to_be))
        .map(|delta| {
            let description = describe(&delta.key, as_is);
            let unit = description.unit;
            let interval = match delta.difference.interval() {
                Some((low, high)) => format!("[{}, {}]", format_change(low, unit), format_change(high, unit)),
                None => "-".to_string(),
            };
            vec![
                format!("{} ({})", description.label, unit.suffix(as_is.currency.as_deref())),
                format_value(delta.as_is.mean, unit),
                format_value(delta.to_be.mean, unit),
                format_change(delta.difference.mean, unit),
                interval,
                delta.verdict.text().to_string(),
            ]
        })
        .collect();
    text.push_str(&render(&["KPI", "as-is", "to-be", "change", "95% CI of change", "verdict"], &rows));
    text
}

/// Lays out rows under headers: the first column left-aligned, the others
/// right-aligned, columns two spaces apart, widths in terminal cells.
fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|header| header.width()).collect();
    for row in rows {
        for (column, cell) in row.iter().enumerate() {
            widths[column] = widths[column].max(cell.width());
        }
    }

    let mut text = String::new();
    let header_cells: Vec<String> = headers.iter().map(|header| header.to_string()).collect();
    for row in std::iter::once(&header_cells).chain(rows) {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            let padding = " ".repeat(widths[column] - cell.width());
            if column == 0 {
                line.push_str(cell);
                line.push_str(&padding);
            } else {
                line.push_str("  ");
                line.push_str(&padding);
                line.push_str(cell);
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_in_terminal_cells() {
        let rows = vec![
            vec!["登记 register".to_string(), "1.5".to_string()],
            vec!["x".to_string(), "10.25".to_string()],
        ];
        let text = render(&["step", "wait"], &rows);
        let lines: Vec<&str> = text.lines().collect();
        // "登记 register" is 13 cells wide: two double-width characters.
        assert_eq!(lines[0], "step            wait");
        assert_eq!(lines[1], "登记 register    1.5");
        assert_eq!(lines[2], "x              10.25");
    }
}
