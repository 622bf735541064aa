//! The cases in the system: a slab of slots reused as cases finish, so a
//! long run allocates only for its peak of cases in progress.

/// One case in progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Case {
    /// Arrival time in minutes.
    pub arrival: f64,
    /// Tokens of the case that have not reached an end, including those
    /// waiting at a join.
    pub tokens: u32,
    /// Steps entered so far, checked against `max_events`.
    pub steps_entered: u64,
    /// The case's sequence number from 1, for messages.
    pub number: u64,
    /// False for a case that arrived during the warm-up.
    pub measured: bool,
    pub cost: f64,
    /// Processing minutes of customer value-added tasks.
    pub value_added: f64,
}

/// Cases in progress and their join counters.
#[derive(Debug, Default)]
pub struct CaseTable {
    cases: Vec<Case>,
    free: Vec<u32>,
    /// `width` counters per slot.
    counters: Vec<u32>,
    width: usize,
    live: usize,
}

impl CaseTable {
    pub fn new(counters_per_case: u32) -> Self {
        CaseTable { width: counters_per_case as usize, ..CaseTable::default() }
    }

    /// Adds a case with one token and returns its slot.
    pub fn open(&mut self, case: Case) -> u32 {
        self.live += 1;
        if let Some(slot) = self.free.pop() {
            self.cases[slot as usize] = case;
            let start = slot as usize * self.width;
            self.counters[start..start + self.width].fill(0);
            return slot;
        }
        self.cases.push(case);
        self.counters.resize(self.counters.len() + self.width, 0);
        self.cases.len() as u32 - 1
    }

    /// Frees the slot of a finished case.
    pub fn close(&mut self, slot: u32) {
        self.live -= 1;
        self.free.push(slot);
    }

    #[inline]
    pub fn get(&mut self, slot: u32) -> &mut Case {
        &mut self.cases[slot as usize]
    }

    #[inline]
    pub fn counter(&mut self, slot: u32, counter: u32) -> &mut u32 {
        &mut self.counters[slot as usize * self.width + counter as usize]
    }

    /// Counts the cases in progress.
    pub fn live(&self) -> usize {
        self.live
    }

    /// Returns the slots in use, for reporting cases that cannot finish.
    pub fn live_slots(&self) -> impl Iterator<Item = u32> + '_ {
        let mut free = self.free.clone();
        free.sort_unstable();
        (0..self.cases.len() as u32).filter(move |slot| free.binary_search(slot).is_err())
    }

    /// Returns the counters of a slot.
    pub fn counters_of(&self, slot: u32) -> &[u32] {
        let start = slot as usize * self.width;
        &self.counters[start..start + self.width]
    }
}
