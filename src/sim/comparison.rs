//! As-is versus to-be: paired differences of KPIs over replications.
//!
//! Both runs use the same base seed, so replication r of each draws the
//! same arrivals and, for every step they share, the same durations and
//! branch choices (common random numbers). The difference of a KPI is
//! therefore taken replication by replication, and its confidence interval
//! comes from those paired differences: much narrower than two independent
//! intervals would give.

use super::kpis::{Better, Kpis};
use super::replications::Outcome;
use super::statistics::Estimate;

/// The meaning of a change in one KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Better,
    Worse,
    /// Significantly higher, for a KPI that is neither better high nor low.
    Higher,
    /// Significantly lower, for a KPI that is neither better high nor low.
    Lower,
    /// The 95% confidence interval of the difference contains zero.
    NoSignificantChange,
    /// One replication gives no confidence interval.
    Undetermined,
}

impl Verdict {
    /// Returns the verdict as shown in reports.
    pub fn text(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::Higher => "higher",
            Verdict::Lower => "lower",
            Verdict::NoSignificantChange => "no significant change",
            Verdict::Undetermined => "undetermined (one replication)",
        }
    }
}

/// One KPI of both runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    pub key: String,
    pub better: Better,
    pub as_is: Estimate,
    pub to_be: Estimate,
    /// To-be minus as-is, paired by replication.
    pub difference: Estimate,
    pub verdict: Verdict,
}

/// The comparison of two outcomes, KPI by KPI.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub as_is: Outcome,
    pub to_be: Outcome,
    /// The KPIs both runs have, in the as-is order. A role or step that
    /// only one process has is left out.
    pub deltas: Vec<Delta>,
}

/// Compares two outcomes. Replications are paired by index; when the runs
/// have different numbers, the extra replications of the longer one are
/// left out of the differences.
pub fn compare(as_is: Outcome, to_be: Outcome) -> Comparison {
    let pairs = as_is.replications.len().min(to_be.replications.len());
    let before = metric_table(&as_is.replications[..pairs]);
    let after = metric_table(&to_be.replications[..pairs]);

    let mut deltas = Vec::new();
    for (key, better, values) in &before {
        let Some((_, _, other)) = after.iter().find(|(other_key, _, _)| other_key == key) else { continue };
        let differences: Vec<f64> = other.iter().zip(values).map(|(b, a)| b - a).collect();
        let difference = Estimate::of(&differences);
        deltas.push(Delta {
            key: key.clone(),
            better: *better,
            as_is: Estimate::of(values),
            to_be: Estimate::of(other),
            difference,
            verdict: verdict(*better, &difference),
        });
    }
    Comparison { as_is, to_be, deltas }
}

/// Collects each KPI's key, direction and values over replications.
fn metric_table(replications: &[Kpis]) -> Vec<(String, Better, Vec<f64>)> {
    let per_replication: Vec<_> = replications.iter().map(Kpis::metrics).collect();
    let Some(first) = per_replication.first() else { return Vec::new() };
    first
        .iter()
        .enumerate()
        .map(|(position, metric)| {
            let values = per_replication.iter().map(|metrics| metrics[position].value).collect();
            (metric.key.clone(), metric.better, values)
        })
        .collect()
}

fn verdict(better: Better, difference: &Estimate) -> Verdict {
    let Some((low, high)) = difference.interval() else { return Verdict::Undetermined };
    if low.is_nan() || high.is_nan() || (low <= 0.0 && high >= 0.0) {
        return Verdict::NoSignificantChange;
    }
    let increased = low > 0.0;
    match (better, increased) {
        (Better::Lower, true) | (Better::Higher, false) => Verdict::Worse,
        (Better::Lower, false) | (Better::Higher, true) => Verdict::Better,
        (Better::Neither, true) => Verdict::Higher,
        (Better::Neither, false) => Verdict::Lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(values: &[f64]) -> Estimate {
        Estimate::of(values)
    }

    #[test]
    fn verdict_by_direction() {
        let lower = estimate(&[-2.0, -2.5, -1.5]);
        let higher = estimate(&[2.0, 2.5, 1.5]);
        assert_eq!(verdict(Better::Lower, &lower), Verdict::Better);
        assert_eq!(verdict(Better::Lower, &higher), Verdict::Worse);
        assert_eq!(verdict(Better::Higher, &higher), Verdict::Better);
        assert_eq!(verdict(Better::Higher, &lower), Verdict::Worse);
        assert_eq!(verdict(Better::Neither, &higher), Verdict::Higher);
        assert_eq!(verdict(Better::Neither, &lower), Verdict::Lower);
    }

    #[test]
    fn verdict_without_significance() {
        assert_eq!(verdict(Better::Lower, &estimate(&[-1.0, 1.2, 0.1])), Verdict::NoSignificantChange);
        assert_eq!(verdict(Better::Lower, &estimate(&[0.0, 0.0, 0.0])), Verdict::NoSignificantChange);
        assert_eq!(verdict(Better::Lower, &estimate(&[-3.0])), Verdict::Undetermined);
    }

    #[test]
    fn constant_difference_is_significant() {
        assert_eq!(verdict(Better::Lower, &estimate(&[-1.0, -1.0, -1.0])), Verdict::Better);
    }
}
