//! The future-event list: a binary heap ordered by time, ties broken by
//! the order the events were scheduled, so runs are reproducible.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The kind of an event, with the case and step it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The next case arrives.
    Arrival,
    /// A task of `case` at plan step `step` completes.
    TaskDone { case: u32, step: u32 },
    /// A wait of `case` at plan step `step` is over.
    TimerDone { case: u32, step: u32 },
    /// The working hours of a role begin.
    RoleOpens { role: u32 },
}

/// An event with its ordering key. Times are never negative, and the bits
/// of non-negative floats order like the floats, so the heap compares
/// integers.
#[derive(Debug, Clone, Copy)]
struct Entry {
    time_bits: u64,
    sequence: u64,
    kind: EventKind,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed, because `BinaryHeap` pops the greatest entry and the
    /// earliest event must come first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time_bits, other.sequence).cmp(&(self.time_bits, self.sequence))
    }
}

/// Events waiting to happen.
#[derive(Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    sequence: u64,
}

impl EventQueue {
    pub fn with_capacity(capacity: usize) -> Self {
        EventQueue { heap: BinaryHeap::with_capacity(capacity), sequence: 0 }
    }

    /// Schedules an event at `time` minutes, which must not be negative.
    #[inline]
    pub fn schedule(&mut self, time: f64, kind: EventKind) {
        debug_assert!(time >= 0.0, "event time {time} is negative");
        // Adding 0.0 turns a negative zero into a positive one.
        let time_bits = (time + 0.0).to_bits();
        self.heap.push(Entry { time_bits, sequence: self.sequence, kind });
        self.sequence += 1;
    }

    /// Removes and returns the earliest event.
    #[inline]
    pub fn pop(&mut self) -> Option<(f64, EventKind)> {
        self.heap.pop().map(|entry| (f64::from_bits(entry.time_bits), entry.kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_pops_in_time_order() {
        let mut queue = EventQueue::default();
        queue.schedule(5.0, EventKind::Arrival);
        queue.schedule(1.0, EventKind::RoleOpens { role: 0 });
        queue.schedule(3.0, EventKind::TimerDone { case: 0, step: 0 });
        let times: Vec<f64> = std::iter::from_fn(|| queue.pop()).map(|(time, _)| time).collect();
        assert_eq!(times, [1.0, 3.0, 5.0]);
    }

    #[test]
    fn queue_breaks_ties_in_schedule_order() {
        let mut queue = EventQueue::default();
        for role in 0..4 {
            queue.schedule(2.0, EventKind::RoleOpens { role });
        }
        let order: Vec<EventKind> = std::iter::from_fn(|| queue.pop()).map(|(_, kind)| kind).collect();
        let expected: Vec<EventKind> = (0..4).map(|role| EventKind::RoleOpens { role }).collect();
        assert_eq!(order, expected);
    }
}
