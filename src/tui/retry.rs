//! Looking for the database again after it could not be reached: soon at first, then less
//! often, so a server that is down costs one connection attempt every few seconds, not one
//! every tick, and the screen stays responsive while it waits.

use std::time::{Duration, Instant};

/// The first wait after the database was found unreachable.
pub const FIRST_WAIT: Duration = Duration::from_millis(500);
/// The longest wait between two attempts.
pub const LONGEST_WAIT: Duration = Duration::from_secs(4);

/// When the database may next be asked, while it is unreachable.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Backoff {
    /// (the next attempt, the wait that led to it); None while the database is reachable.
    waiting: Option<(Instant, Duration)>,
}

impl Backoff {
    /// True when the database may be asked now: it was reachable, or the wait is over.
    pub fn due(&self, now: Instant) -> bool {
        self.waiting.is_none_or(|(next, _)| now >= next)
    }

    /// The database could not be reached at `now`: wait before the next attempt, twice as
    /// long each time up to [`LONGEST_WAIT`].
    pub fn failed(&mut self, now: Instant) {
        let wait = match self.waiting {
            None => FIRST_WAIT,
            Some((_, wait)) => (wait * 2).min(LONGEST_WAIT),
        };
        self.waiting = Some((now + wait, wait));
    }

    /// The database answered: back to asking every tick.
    pub fn recovered(&mut self) {
        self.waiting = None;
    }

    /// True while the database is unreachable.
    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_longer_after_each_failure_then_resets() {
        let t0 = Instant::now();
        let mut b = Backoff::default();
        assert!(b.due(t0) && !b.is_waiting());
        b.failed(t0);
        assert!(b.is_waiting());
        assert!(!b.due(t0 + FIRST_WAIT / 2));
        assert!(b.due(t0 + FIRST_WAIT));
        let t1 = t0 + FIRST_WAIT;
        b.failed(t1);
        assert!(!b.due(t1 + FIRST_WAIT));
        assert!(b.due(t1 + FIRST_WAIT * 2));
        let mut t = t1;
        for _ in 0..10 {
            b.failed(t);
            t += LONGEST_WAIT;
        }
        assert!(b.due(t), "never more than the longest wait");
        b.recovered();
        assert!(b.due(t0) && !b.is_waiting());
    }
}
