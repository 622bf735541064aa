//! CSV reports: one row per KPI, RFC 4180 quoting, numbers with full
//! precision in Rust's shortest round-trip form.

use super::describe;
use crate::sim::comparison::Comparison;
use crate::sim::replications::Outcome;

/// Writes one row per KPI of a run.
pub fn outcome_csv(outcome: &Outcome) -> String {
    let mut text = String::from("key,label,unit,mean,sd,ci95_low,ci95_high,replications\n");
    for summary in outcome.summaries() {
        let description = describe(&summary.key, outcome);
        let estimate = summary.estimate;
        let (low, high) = bounds(estimate.interval());
        let row = [
            quote(&summary.key),
            quote(&description.label),
            description.unit.name().to_string(),
            number(estimate.mean),
            number(estimate.sd),
            low,
            high,
            estimate.replications.to_string(),
        ];
        text.push_str(&row.join(","));
        text.push('\n');
    }
    text
}

/// Writes one row per KPI that both runs of a comparison have.
pub fn comparison_csv(comparison: &Comparison) -> String {
    let mut text =
        String::from("key,label,unit,as_is,to_be,change,change_ci95_low,change_ci95_high,verdict\n");
    for delta in &comparison.deltas {
        let description = describe(&delta.key, &comparison.as_is);
        let (low, high) = bounds(delta.difference.interval());
        let row = [
            quote(&delta.key),
            quote(&description.label),
            description.unit.name().to_string(),
            number(delta.as_is.mean),
            number(delta.to_be.mean),
            number(delta.difference.mean),
            low,
            high,
            quote(delta.verdict.text()),
        ];
        text.push_str(&row.join(","));
        text.push('\n');
    }
    text
}

fn bounds(interval: Option<(f64, f64)>) -> (String, String) {
    interval.map_or((String::new(), String::new()), |(low, high)| (number(low), number(high)))
}

/// Formats a number, or an empty field where it is undefined.
fn number(value: f64) -> String {
    if value.is_finite() { value.to_string() } else { String::new() }
}

/// Quotes a field that contains a comma, a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn undefined_numbers_are_empty() {
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(1.5), "1.5");
    }
}
