//! Roles as resource pools: identical people, one FIFO queue per role
//! shared by all its tasks, and the time integrals behind utilisation and
//! queue length.

use std::collections::VecDeque;

use super::calendar::WorkCalendar;

/// A request for one person, waiting in a role's queue.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub case: u32,
    pub step: u32,
    /// When the request was made, in minutes.
    pub time: f64,
}

/// The people of one role during a run.
#[derive(Debug)]
pub struct Pool {
    pub capacity: u32,
    pub busy: u32,
    pub queue: VecDeque<Request>,
    pub calendar: Option<WorkCalendar>,
    /// True while an event for the next opening is scheduled.
    pub opening_scheduled: bool,
    /// Working minutes of the busy people since the warm-up.
    pub busy_area: f64,
    /// Integral of the queue length over time since the warm-up.
    pub queue_area: f64,
    last_change: f64,
    warmup: f64,
}

impl Pool {
    pub fn new(capacity: u32, calendar: Option<WorkCalendar>, warmup: f64) -> Self {
        Pool {
            capacity,
            busy: 0,
            queue: VecDeque::new(),
            calendar,
            opening_scheduled: false,
            busy_area: 0.0,
            queue_area: 0.0,
            last_change: 0.0,
            warmup,
        }
    }

    /// Adds the time since the last change to the integrals; call it before
    /// `busy` or the queue change. Busy people count only in working hours,
    /// because work pauses outside them.
    #[inline]
    pub fn record(&mut self, now: f64) {
        let from = self.last_change.max(self.warmup);
        if now > from {
            let working = match &self.calendar {
                Some(calendar) => calendar.working_minutes(from, now),
                None => now - from,
            };
            self.busy_area += f64::from(self.busy) * working;
            self.queue_area += self.queue.len() as f64 * (now - from);
        }
        self.last_change = now;
    }

    /// True when a request made now can start now.
    #[inline]
    pub fn can_start(&self, now: f64) -> bool {
        self.busy < self.capacity && self.calendar.as_ref().is_none_or(|calendar| calendar.is_open(now))
    }

    /// True when the role works at `now`.
    #[inline]
    pub fn is_open(&self, now: f64) -> bool {
        self.calendar.as_ref().is_none_or(|calendar| calendar.is_open(now))
    }

    /// When `minutes` of work started at `now` are done.
    #[inline]
    pub fn finish_time(&self, now: f64, minutes: f64) -> f64 {
        match &self.calendar {
            Some(calendar) => calendar.add_working_minutes(now, minutes),
            None => now + minutes,
        }
    }

    /// Minutes the pool could have worked between `from` and `to`.
    pub fn available(&self, from: f64, to: f64) -> f64 {
        let minutes = match &self.calendar {
            Some(calendar) => calendar.working_minutes(from, to),
            None => (to - from).max(0.0),
        };
        f64::from(self.capacity) * minutes
    }
}
