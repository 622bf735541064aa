//! Reports of a run or a comparison: a table for the terminal, JSON, CSV
//! and a self-contained HTML page with SVG charts.
//!
//! Every report of the same results is byte for byte the same: numbers are
//! formatted with a fixed number of decimals, rows follow the order of the
//! KPIs, roles and steps in the model, and wall-clock times are left out.

mod csv;
mod html;
mod json;
mod svg;
mod table;

pub use csv::{comparison_csv, outcome_csv};
pub use html::{comparison_html, outcome_html};
pub use json::{comparison_json, outcome_json};
pub use table::{comparison_table, outcome_table};

use super::replications::Outcome;

/// The unit of a KPI, for labels and number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    PerHour,
    /// A count of cases.
    Cases,
    /// A fraction shown as a percentage.
    Ratio,
    /// An amount in the run's currency.
    Money,
    /// Executions per case.
    Visits,
    /// A time-average number of cases, such as work in progress.
    AverageCases,
    /// A time-average number of requests waiting for people.
    AverageRequests,
}

impl Unit {
    /// Returns the unit as written after a label, such as `min`.
    pub fn suffix(self, currency: Option<&str>) -> String {
        match self {
            Unit::Minutes => "min".to_string(),
            Unit::PerHour => "per hour".to_string(),
            Unit::Cases => "cases".to_string(),
            Unit::Ratio => "%".to_string(),
            Unit::Money => currency.unwrap_or("cost units").to_string(),
            Unit::Visits => "per case".to_string(),
            Unit::AverageCases => "cases".to_string(),
            Unit::AverageRequests => "requests".to_string(),
        }
    }

    /// Returns the unit's name in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::PerHour => "per_hour",
            Unit::Cases => "cases",
            Unit::Ratio => "ratio",
            Unit::Money => "money",
            Unit::Visits => "per_case",
            Unit::AverageCases => "average_cases",
            Unit::AverageRequests => "average_requests",
        }
    }
}

/// The section of a report a KPI belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Case,
    Role(String),
    Step(String),
}

/// A KPI key explained: its section, its label and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Description {
    pub scope: Scope,
    /// The measure within the section, such as `utilisation`.
    pub measure: String,
    pub label: String,
    pub unit: Unit,
}

/// Describes a KPI key of [`crate::sim::Kpis::metrics`], naming roles and
/// steps by the labels `outcome` gives them.
pub fn describe(key: &str, outcome: &Outcome) -> Description {
    if let Some(rest) = key.strip_prefix("role.") {
        let (id, measure) = rest.rsplit_once('.').unwrap_or((rest, ""));
        let name = display_name(&outcome.roles, id);
        let (label, unit) = match measure {
            "utilisation" => (format!("utilisation of {name}"), Unit::Ratio),
            _ => (format!("queue length of {name}"), Unit::AverageRequests),
        };
        return Description { scope: Scope::Role(id.to_string()), measure: measure.to_string(), label, unit };
    }
    if let Some(rest) = key.strip_prefix("step.") {
        let (id, measure) = rest.rsplit_once('.').unwrap_or((rest, ""));
        let name = display_name(&outcome.steps, id);
        let (label, unit) = match measure {
            "visits" => (format!("{name}: visits"), Unit::Visits),
            "wait" => (format!("{name}: wait"), Unit::Minutes),
            _ => (format!("{name}: processing"), Unit::Minutes),
        };
        return Description { scope: Scope::Step(id.to_string()), measure: measure.to_string(), label, unit };
    }
    let (label, unit) = match key {
        "cycle_time.mean" => ("cycle time, mean", Unit::Minutes),
        "cycle_time.p50" => ("cycle time, p50", Unit::Minutes),
        "cycle_time.p90" => ("cycle time, p90", Unit::Minutes),
        "cycle_time.p95" => ("cycle time, p95", Unit::Minutes),
        "cycle_time.p99" => ("cycle time, p99", Unit::Minutes),
        "cycle_time.max" => ("cycle time, max", Unit::Minutes),
        "waiting_per_case" => ("waiting per case", Unit::Minutes),
        "processing_per_case" => ("processing per case", Unit::Minutes),
        "throughput_per_hour" => ("throughput", Unit::PerHour),
        "work_in_progress" => ("work in progress", Unit::AverageCases),
        "cost_per_case" => ("cost per case", Unit::Money),
        "value_added_ratio" => ("value-added ratio", Unit::Ratio),
        "cases_completed" => ("cases completed", Unit::Cases),
        other => (other, Unit::AverageCases),
    };
    Description { scope: Scope::Case, measure: key.to_string(), label: label.to_string(), unit }
}

fn display_name<'a>(names: &'a [(String, String)], id: &'a str) -> &'a str {
    names.iter().find(|(known, _)| known == id).map_or(id, |(_, name)| name.as_str())
}

/// True for a KPI that means nothing for this model and is left out of
/// the table and HTML reports: costs when no cost is declared, the
/// value-added ratio when no task has a value class.
pub fn is_irrelevant(key: &str, outcome: &Outcome) -> bool {
    match key {
        "cost_per_case" => outcome.currency.is_none(),
        "value_added_ratio" => !outcome.has_value_classes,
        _ => false,
    }
}

/// Formats a value in its unit with a fixed number of decimals.
pub fn format_value(value: f64, unit: Unit) -> String {
    if !value.is_finite() {
        return "-".to_string();
    }
    match unit {
        Unit::Ratio => format!("{:.1}%", value * 100.0),
        Unit::Money => group_thousands(&format!("{value:.2}")),
        Unit::PerHour => format!("{value:.3}"),
        Unit::Cases => group_thousands(&format!("{value:.0}")),
        Unit::Visits => format!("{value:.4}"),
        Unit::Minutes | Unit::AverageCases | Unit::AverageRequests => format_magnitude(value),
    }
}

/// Formats a difference like [`format_value`], with more decimals when
/// those would show a nonzero difference as zero: a change that the
/// verdict calls significant must not read 0.000.
pub fn format_change(value: f64, unit: Unit) -> String {
    let text = format_value(value, unit);
    if value == 0.0 || !value.is_finite() || text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        return text;
    }
    let percent = matches!(unit, Unit::Ratio);
    let scaled = if percent { value * 100.0 } else { value };
    let decimals = (1 - scaled.abs().log10().floor() as i64).max(1) as usize;
    // Below a billionth the difference is rounding noise in sums that both
    // runs share, so it reads as zero, without a minus sign.
    if decimals > 9 {
        return format_value(0.0, unit);
    }
    let number = format!("{scaled:.decimals$}");
    if percent { format!("{number}%") } else { number }
}

/// Formats a number with fewer decimals the larger it is: 37,473 and 51.06.
pub fn format_magnitude(value: f64) -> String {
    if !value.is_finite() {
        return "-".to_string();
    }
    let magnitude = value.abs();
    let text = if magnitude == 0.0 {
        "0".to_string()
    } else if magnitude >= 1000.0 {
        format!("{value:.0}")
    } else if magnitude >= 100.0 {
        format!("{value:.1}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    };
    group_thousands(&text)
}

/// Inserts commas between groups of three digits of the integer part.
fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let (integer, fraction) = unsigned.split_once('.').map_or((unsigned, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (position, digit) in integer.chars().enumerate() {
        if position > 0 && (integer.len() - position) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Describes the run conditions in one line, such as
/// `10 replications of 100,000 cases, seed 1000, no warm-up`.
pub fn conditions(outcome: &Outcome) -> String {
    let settings = &outcome.settings;
    let plural = if settings.replications == 1 { "" } else { "s" };
    let length = match (settings.cases, settings.horizon) {
        (Some(cases), None) => format!("{} cases", group_thousands(&cases.to_string())),
        (None, Some(horizon)) => format!("{} min", format_magnitude(horizon)),
        (Some(cases), Some(horizon)) => {
            format!(
                "at most {} cases in {} min",
                group_thousands(&cases.to_string()),
                format_magnitude(horizon)
            )
        }
        (None, None) => "no stop rule".to_string(),
    };
    let warmup = if settings.warmup > 0.0 {
        format!("warm-up {} min", format_magnitude(settings.warmup))
    } else {
        "no warm-up".to_string()
    };
    format!("{} replication{plural} of {length}, seed {}, {warmup}", settings.replications, settings.seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands("37473"), "37,473");
        assert_eq!(group_thousands("-1234567.50"), "-1,234,567.50");
        assert_eq!(group_thousands("999"), "999");
    }

    #[test]
    fn values_by_unit() {
        assert_eq!(format_value(0.8272, Unit::Ratio), "82.7%");
        assert_eq!(format_value(51.0624, Unit::Minutes), "51.06");
        assert_eq!(format_value(37_472.96, Unit::Minutes), "37,473");
        assert_eq!(format_value(0.1559, Unit::AverageRequests), "0.156");
        assert_eq!(format_value(f64::NAN, Unit::Minutes), "-");
        assert_eq!(format_value(100_000.0, Unit::Cases), "100,000");
        assert_eq!(format_magnitude(0.0), "0");
    }
}

#[cfg(test)]
mod change_tests {
    use super::*;

    #[test]
    fn small_change_keeps_its_digits() {
        assert_eq!(format_change(0.000097, Unit::PerHour), "0.000097");
        assert_eq!(format_change(0.0000047, Unit::Ratio), "0.00047%");
    }

    #[test]
    fn ordinary_change_formats_as_value() {
        assert_eq!(format_change(1.25, Unit::PerHour), "1.250");
        assert_eq!(format_change(0.0, Unit::Money), "0.00");
    }

    #[test]
    fn rounding_noise_reads_zero() {
        assert_eq!(format_change(-1e-13, Unit::Money), "0.00");
    }
}
