//! Working calendars: when the people of a role work.
//!
//! A calendar is a weekly pattern of open intervals. Minute 0 of every run
//! is a Monday at 00:00, so minute 540 is Monday 09:00.

use crate::model::Calendar;

/// Minutes in one week, the period of every calendar.
pub const WEEK: f64 = 7.0 * 24.0 * 60.0;

const DAY: f64 = 24.0 * 60.0;

/// A role's working hours, prepared for fast queries.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkCalendar {
    /// Open intervals `[start, end)` in minutes from Monday 00:00, sorted,
    /// merged where they touch and all within one week.
    intervals: Vec<(f64, f64)>,
    /// Open minutes per week.
    per_week: f64,
}

impl WorkCalendar {
    /// Prepares a declared calendar. Returns `None` when it contains no
    /// working time, because a role with such hours can never do any work.
    pub fn new(calendar: &Calendar) -> Option<WorkCalendar> {
        let mut intervals: Vec<(f64, f64)> = calendar
            .slots
            .iter()
            .filter(|(_, start, end)| end > start)
            .map(|&(day, start, end)| {
                let base = day as usize as f64 * DAY;
                (base + f64::from(start), base + f64::from(end))
            })
            .collect();
        intervals.sort_by(|a, b| a.0.total_cmp(&b.0));

        let mut merged: Vec<(f64, f64)> = Vec::with_capacity(intervals.len());
        for (start, end) in intervals {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }

        let per_week: f64 = merged.iter().map(|(start, end)| end - start).sum();
        (per_week > 0.0).then_some(WorkCalendar { intervals: merged, per_week })
    }

    /// Splits a time into the start of its week and the offset within it.
    fn locate(time: f64) -> (f64, f64) {
        let week = (time / WEEK).floor();
        (week * WEEK, time - week * WEEK)
    }

    /// True when `time` falls inside working hours.
    pub fn is_open(&self, time: f64) -> bool {
        let (_, offset) = Self::locate(time);
        self.intervals.iter().any(|&(start, end)| start <= offset && offset < end)
    }

    /// Returns the first moment at or after `time` inside working hours.
    pub fn next_open(&self, time: f64) -> f64 {
        let (week_start, offset) = Self::locate(time);
        for &(start, end) in &self.intervals {
            if offset < end {
                return week_start + start.max(offset);
            }
        }
        week_start + WEEK + self.intervals[0].0
    }

    /// Working minutes from the start of the run to `time`.
    fn cumulative(&self, time: f64) -> f64 {
        let (week_start, offset) = Self::locate(time);
        let within: f64 = self.intervals.iter().map(|&(start, end)| (offset.min(end) - start).max(0.0)).sum();
        (week_start / WEEK) * self.per_week + within
    }

    /// Working minutes between two times, `from <= to`.
    pub fn working_minutes(&self, from: f64, to: f64) -> f64 {
        if to <= from {
            return 0.0;
        }
        self.cumulative(to) - self.cumulative(from)
    }

    /// Computes the earliest time by which `minutes` of work, started at
    /// `from`, are done. Work pauses outside working hours, so a task that starts
    /// shortly before closing time finishes in the next open interval.
    pub fn add_working_minutes(&self, from: f64, minutes: f64) -> f64 {
        if minutes <= 0.0 {
            return from;
        }
        let target = self.cumulative(from) + minutes;
        let mut week = (target / self.per_week).floor();
        let mut remaining = target - week * self.per_week;

        // An exact multiple of a week's work ends in the previous week's
        // last interval, not at the next week's first opening.
        if remaining <= 0.0 && week > 0.0 {
            week -= 1.0;
            remaining = self.per_week;
        }
        for &(start, end) in &self.intervals {
            let length = end - start;
            if remaining <= length {
                return week * WEEK + start + remaining;
            }
            remaining -= length;
        }

        // Rounding left a sliver beyond the last interval of the week.
        let last = self.intervals[self.intervals.len() - 1];
        week * WEEK + last.1
    }

    /// Open minutes per week.
    pub fn minutes_per_week(&self) -> f64 {
        self.per_week
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::Weekday;

    fn office_hours() -> WorkCalendar {
        // Monday to Friday, 09:00-12:00 and 13:00-18:00.
        let mut slots = Vec::new();
        for day in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] {
            slots.push((day, 540, 720));
            slots.push((day, 780, 1080));
        }
        WorkCalendar::new(&Calendar { slots, span: 0..0 }).expect("office hours contain working time")
    }

    const MONDAY_9: f64 = 540.0;
    const FRIDAY: f64 = 4.0 * DAY;

    #[test]
    fn calendar_open_and_closed() {
        let calendar = office_hours();
        assert!(!calendar.is_open(0.0));
        assert!(calendar.is_open(MONDAY_9));
        assert!(!calendar.is_open(720.0));
        assert!(calendar.is_open(780.0));
        assert!(!calendar.is_open(1080.0));
        assert!(!calendar.is_open(5.0 * DAY + 600.0));
        assert!(calendar.is_open(WEEK + MONDAY_9 + 1.0));
    }

    #[test]
    fn calendar_next_open() {
        let calendar = office_hours();
        assert_eq!(calendar.next_open(0.0), MONDAY_9);
        assert_eq!(calendar.next_open(600.0), 600.0);
        assert_eq!(calendar.next_open(730.0), 780.0);
        assert_eq!(calendar.next_open(FRIDAY + 1080.0), WEEK + MONDAY_9);
    }

    #[test]
    fn calendar_minutes_per_week() {
        assert_eq!(office_hours().minutes_per_week(), 5.0 * 480.0);
    }

    #[test]
    fn calendar_working_minutes() {
        let calendar = office_hours();
        assert_eq!(calendar.working_minutes(0.0, DAY), 480.0);
        assert_eq!(calendar.working_minutes(600.0, 800.0), 140.0);
        assert_eq!(calendar.working_minutes(0.0, 2.0 * WEEK), 4800.0);
        assert_eq!(calendar.working_minutes(800.0, 600.0), 0.0);
    }

    #[test]
    fn task_near_closing_continues_next_day() {
        let calendar = office_hours();

        // 30 minutes of work started at 17:45 on Monday: 15 minutes that
        // day, the rest from 09:00 on Tuesday.
        let end = calendar.add_working_minutes(1065.0, 30.0);
        assert_eq!(end, DAY + MONDAY_9 + 15.0);
    }

    #[test]
    fn task_over_the_weekend() {
        let calendar = office_hours();
        let end = calendar.add_working_minutes(FRIDAY + 1020.0, 120.0);
        assert_eq!(end, WEEK + MONDAY_9 + 60.0);
    }

    #[test]
    fn task_ending_at_closing_time() {
        let calendar = office_hours();
        assert_eq!(calendar.add_working_minutes(1020.0, 60.0), 1080.0);
        assert_eq!(calendar.add_working_minutes(0.0, 2400.0), FRIDAY + 1080.0);
    }

    #[test]
    fn add_is_inverse_of_working_minutes() {
        let calendar = office_hours();
        for (from, minutes) in [(0.0, 1.0), (700.0, 500.0), (3000.0, 10_000.0), (12_345.0, 7.5)] {
            let end = calendar.add_working_minutes(from, minutes);
            assert!((calendar.working_minutes(from, end) - minutes).abs() < 1e-9, "from {from}");
        }
    }

    #[test]
    fn calendar_without_hours() {
        assert!(WorkCalendar::new(&Calendar { slots: vec![(Weekday::Mon, 600, 600)], span: 0..0 }).is_none());
    }
}
