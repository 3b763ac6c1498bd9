//! The time, passed in. The library never reads the wall clock itself: the binary hands it
//! the system's clock, and tests a [`FakeClock`] they can set and step, so terms, "time in
//! category", timestamps and backup names are reproducible without sleeping.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::sync::{Arc, Mutex};

/// Where the library reads "now".
pub trait Clock: Send + Sync {
    /// The current local time, with its offset.
    fn now(&self) -> DateTime<FixedOffset>;

    /// Today's date, locally.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// The local wall-clock time (for file names).
    fn local(&self) -> NaiveDateTime {
        self.now().naive_local()
    }
}

/// A clock shared by the screen, the meeting service and the commands.
pub type SharedClock = Arc<dyn Clock>;

/// A clock for tests: it reads a set time, and moves on by `step` after every reading (zero
/// by default), so successive readings can be told apart without waiting.
#[derive(Debug)]
pub struct FakeClock {
    next: Mutex<DateTime<FixedOffset>>,
    step: Duration,
}

impl FakeClock {
    /// A clock standing still at `at`.
    pub fn at(at: DateTime<FixedOffset>) -> FakeClock {
        FakeClock::stepping(at, Duration::zero())
    }

    /// A clock standing still at noon UTC on `date`.
    pub fn on(date: NaiveDate) -> FakeClock {
        let noon = date.and_hms_opt(12, 0, 0).expect("noon exists");
        FakeClock::at(Utc.from_utc_datetime(&noon).fixed_offset())
    }

    /// A clock that reads `at` first, then `at + step`, `at + 2·step`…
    pub fn stepping(at: DateTime<FixedOffset>, step: Duration) -> FakeClock {
        FakeClock {
            next: Mutex::new(at),
            step,
        }
    }

    /// Move the clock on without reading it.
    pub fn advance(&self, by: Duration) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        *next += by;
    }

    /// As a [`SharedClock`].
    pub fn shared(self) -> SharedClock {
        Arc::new(self)
    }
}

/// A clock standing still at noon UTC on 23 November 2026: for tests that need a time but
/// do not care which.
impl Default for FakeClock {
    fn default() -> FakeClock {
        FakeClock::on(NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"))
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<FixedOffset> {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let now = *next;
        *next += self.step;
        now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stepping_clock_moves_on_after_each_reading() {
        let start = DateTime::parse_from_rfc3339("2026-11-20T09:00:00+00:00").unwrap();
        let clock = FakeClock::stepping(start, Duration::seconds(1));
        assert_eq!(clock.now(), start);
        assert_eq!(clock.now(), start + Duration::seconds(1));
        clock.advance(Duration::minutes(1));
        assert_eq!(clock.now(), start + Duration::seconds(62));
        assert_eq!(clock.today(), start.date_naive());
    }

    #[test]
    fn a_clock_on_a_date_reads_that_date() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let clock = FakeClock::on(date);
        assert_eq!(clock.today(), date);
        assert_eq!(clock.now(), clock.now(), "it stands still");
    }
}
