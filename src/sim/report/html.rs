//! A self-contained HTML report: inline CSS and SVG, no scripts and no
//! external resources, so it opens offline and can be mailed as one file.

use std::fmt::Write;

use super::svg::{self, Series, escape};
use super::{Scope, Unit, conditions, describe, format_change, format_value, is_irrelevant};
use crate::sim::comparison::{Comparison, Verdict};
use crate::sim::replications::{Outcome, Summary};
use crate::sim::statistics::Estimate;

const STYLE: &str = "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\
table{border-collapse:collapse;margin:1em 0}th,td{padding:.25em .7em;border-bottom:1px solid #ddd}\
th{text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.better{color:#1a7f37}.worse{color:#c62828}.note{color:#555;font-size:.9em}";

/// Writes the report of one run.
pub fn outcome_html(outcome: &Outcome) -> String {
    let summaries = outcome.summaries();
    let title = format!("Simulation of {}", outcome.label);
    let mut body = heading(&title, outcome);

    body.push_str("<h2>Cases</h2>");
    body.push_str(&case_table(outcome, &summaries));
    if let Some((role, utilisation)) = outcome.bottleneck() {
        let _ = write!(
            body,
            "<p>Bottleneck: <strong>{}</strong>, the most utilised role at {:.1}%.</p>",
            escape(&role),
            utilisation * 100.0
        );
    }

    body.push_str("<h2>Cycle time</h2><p class=\"note\">First replication; shares of finished cases. The last bar also counts the cases beyond the 99th percentile.</p>");
    body.push_str(&svg::histogram(
        &[Series { name: &outcome.label, values: &outcome.cycle_times }],
        "cycle time (min)",
    ));

    body.push_str("<h2>Roles</h2>");
    body.push_str(&scoped_table(outcome, &summaries, |scope| matches!(scope, Scope::Role(_))));
    let names: Vec<String> = outcome.roles.iter().map(|(_, name)| name.clone()).collect();
    let values = role_values(outcome, &summaries);
    body.push_str(&svg::bars(
        &names,
        &[("utilisation", values)],
        &|v| format_value(v, Unit::Ratio),
        "utilisation by role",
    ));

    body.push_str("<h2>Steps</h2>");
    body.push_str(&scoped_table(outcome, &summaries, |scope| matches!(scope, Scope::Step(_))));
    let labels: Vec<String> = outcome.steps.iter().map(|(_, label)| label.clone()).collect();
    let wait = step_values(outcome, &summaries, "wait");
    let processing = step_values(outcome, &summaries, "processing");
    body.push_str(&svg::bars(
        &labels,
        &[("wait", wait), ("processing", processing)],
        &|v| format_value(v, Unit::Minutes),
        "wait and processing minutes by step",
    ));
    page(&title, &body)
}

/// Writes the report of an as-is versus to-be comparison.
pub fn comparison_html(comparison: &Comparison) -> String {
    let (as_is, to_be) = (&comparison.as_is, &comparison.to_be);
    let title = format!("As-is {} versus to-be {}", as_is.label, to_be.label);
    let mut body = heading(&title, as_is);
    body.push_str(
        "<p class=\"note\">Change = to-be minus as-is, paired by replication on common random numbers, \
        with its 95% confidence interval.</p>",
    );

    body.push_str("<h2>Changes</h2>");
    body.push_str(&delta_table(comparison));

    body.push_str(
        "<h2>Cycle time</h2><p class=\"note\">First replication of each; shares of finished cases. The last bar also counts the cases beyond the highest 99th percentile.</p>",
    );
    let series = [
        Series { name: "as-is", values: &as_is.cycle_times },
        Series { name: "to-be", values: &to_be.cycle_times },
    ];
    body.push_str(&svg::histogram(&series, "cycle time (min)"));

    let keys =
        ["cycle_time.mean", "cycle_time.p90", "cycle_time.p95", "waiting_per_case", "processing_per_case"];
    body.push_str("<h2>As-is and to-be</h2>");
    body.push_str(&paired_bars(
        comparison,
        &keys.map(String::from),
        Unit::Minutes,
        "cycle and waiting times",
    ));

    let utilisation: Vec<String> = comparison
        .deltas
        .iter()
        .map(|delta| delta.key.clone())
        .filter(|key| key.ends_with(".utilisation"))
        .collect();
    body.push_str("<h2>Utilisation</h2>");
    body.push_str(&paired_bars(comparison, &utilisation, Unit::Ratio, "utilisation by role"));
    page(&title, &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
        <style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

fn heading(title: &str, outcome: &Outcome) -> String {
    format!(
        "<h1>{}</h1><p>{}. Means over replications with 95% confidence intervals.</p>",
        escape(title),
        escape(&conditions(outcome))
    )
}

fn case_table(outcome: &Outcome, summaries: &[Summary]) -> String {
    scoped_table(outcome, summaries, |scope| *scope == Scope::Case)
}

/// Writes a table of the KPIs in the scopes that `keep` selects.
fn scoped_table(outcome: &Outcome, summaries: &[Summary], keep: impl Fn(&Scope) -> bool) -> String {
    let mut table = String::from("<table><tr><th>KPI</th><th>mean</th><th>95% CI</th><th>unit</th></tr>");
    for summary in summaries {
        let description = describe(&summary.key, outcome);
        if !keep(&description.scope) || is_irrelevant(&summary.key, outcome) {
            continue;
        }
        let unit = description.unit;
        let _ = write!(
            table,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&description.label),
            format_value(summary.estimate.mean, unit),
            interval_text(&summary.estimate, unit),
            escape(&unit.suffix(outcome.currency.as_deref()))
        );
    }
    table.push_str("</table>");
    table
}

fn interval_text(estimate: &Estimate, unit: Unit) -> String {
    match estimate.interval() {
        Some((low, high)) => format!("{} – {}", format_value(low, unit), format_value(high, unit)),
        None => "-".to_string(),
    }
}

fn change_interval_text(estimate: &Estimate, unit: Unit) -> String {
    match estimate.interval() {
        Some((low, high)) => format!("{} – {}", format_change(low, unit), format_change(high, unit)),
        None => "-".to_string(),
    }
}

fn delta_table(comparison: &Comparison) -> String {
    let mut table = String::from(
        "<table><tr><th>KPI</th><th>as-is</th><th>to-be</th><th>change</th><th>95% CI of change</th><th>verdict</th></tr>",
    );
    let relevant =
        |key: &str| !is_irrelevant(key, &comparison.as_is) || !is_irrelevant(key, &comparison.to_be);
    for delta in comparison.deltas.iter().filter(|delta| relevant(&delta.key)) {
        let description = describe(&delta.key, &comparison.as_is);
        let unit = description.unit;
        let class = match delta.verdict {
            Verdict::Better => " class=\"better\"",
            Verdict::Worse => " class=\"worse\"",
            _ => "",
        };
        let _ = write!(
            table,
            "<tr><td>{} ({})</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td{class}>{}</td></tr>",
            escape(&description.label),
            escape(&unit.suffix(comparison.as_is.currency.as_deref())),
            format_value(delta.as_is.mean, unit),
            format_value(delta.to_be.mean, unit),
            format_change(delta.difference.mean, unit),
            change_interval_text(&delta.difference, unit),
            delta.verdict.text()
        );
    }
    table.push_str("</table>");
    table
}

fn paired_bars(comparison: &Comparison, keys: &[String], unit: Unit, title: &str) -> String {
    let deltas: Vec<_> =
        keys.iter().filter_map(|key| comparison.deltas.iter().find(|delta| &delta.key == key)).collect();
    let labels: Vec<String> =
        deltas.iter().map(|delta| describe(&delta.key, &comparison.as_is).label).collect();
    let before: Vec<f64> = deltas.iter().map(|delta| delta.as_is.mean).collect();
    let after: Vec<f64> = deltas.iter().map(|delta| delta.to_be.mean).collect();
    svg::bars(&labels, &[("as-is", before), ("to-be", after)], &|v| format_value(v, unit), title)
}

fn role_values(outcome: &Outcome, summaries: &[Summary]) -> Vec<f64> {
    outcome.roles.iter().map(|(id, _)| mean_of(summaries, &format!("role.{id}.utilisation"))).collect()
}

fn step_values(outcome: &Outcome, summaries: &[Summary], measure: &str) -> Vec<f64> {
    outcome.steps.iter().map(|(id, _)| mean_of(summaries, &format!("step.{id}.{measure}"))).collect()
}

fn mean_of(summaries: &[Summary], key: &str) -> f64 {
    summaries.iter().find(|summary| summary.key == key).map_or(f64::NAN, |summary| summary.estimate.mean)
}
