//! The value-added ratio: the share of expected task time spent in steps
//! that add value for the customer, a classic measure of business process
//! reengineering, with the business value-added and non-value-added shares.

use super::visits::Visits;
use crate::model::{NodeKind, Process, ValueClass};

/// Expected task minutes per case, by value class.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ValueAdded {
    pub customer: f64,
    pub business: f64,
    pub none: f64,
    /// Tasks without a value class.
    pub unclassified: f64,
}

impl ValueAdded {
    pub fn total(&self) -> f64 {
        self.customer + self.business + self.none + self.unclassified
    }

    /// Customer value-added minutes over all task minutes; `None` when no
    /// task has a duration.
    pub fn ratio(&self) -> Option<f64> {
        self.share(self.customer)
    }

    /// Returns a part of the total as a fraction; `None` when the total is 0.
    pub fn share(&self, minutes: f64) -> Option<f64> {
        let total = self.total();
        (total > 0.0).then(|| minutes / total)
    }
}

/// Sums visits times mean duration over the tasks, by value class.
pub fn value_added(process: &Process, visits: &Visits) -> ValueAdded {
    let mut sums = ValueAdded::default();
    for node in process.flow_nodes() {
        let step = process.node(node);
        let Some(duration) = &step.duration else { continue };
        if step.kind != NodeKind::Task || visits.of(node) == 0.0 {
            continue;
        }
        let minutes = visits.of(node) * duration.mean();
        match step.value {
            Some(ValueClass::Cva) => sums.customer += minutes,
            Some(ValueClass::Bva) => sums.business += minutes,
            Some(ValueClass::Nva) => sums.none += minutes,
            None => sums.unclassified += minutes,
        }
    }
    sums
}
