//! The time as the marketplace sees it. Every handler, the scheduler and the demo data read the
//! clock from the application state, never `Utc::now()` directly, so tests can move time forward
//! (bid windows are working days long) instead of waiting.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// The clock as a test clock, if it is one (only the test clock's route asks).
    fn as_test_clock(&self) -> Option<&TestClock> {
        None
    }
}

/// The operating system's clock: production, and the local server unless told otherwise.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock tests can move. Either frozen at an instant (deterministic unit and API tests) or
/// running with the system clock plus an offset (the local server under browser tests, where
/// time should pass normally between steps).
#[derive(Debug)]
pub struct TestClock {
    state: Mutex<TestTime>,
}

#[derive(Debug, Clone, Copy)]
enum TestTime {
    Frozen(DateTime<Utc>),
    Offset(Duration),
}

impl TestClock {
    pub fn frozen_at(at: DateTime<Utc>) -> Self {
        Self { state: Mutex::new(TestTime::Frozen(at)) }
    }

    /// The system clock, until advanced.
    pub fn running() -> Self {
        Self { state: Mutex::new(TestTime::Offset(Duration::zero())) }
    }

    /// Moves the clock forward (never back: the past of a marketplace is settled).
    pub fn advance(&self, by: Duration) {
        let by = by.max(Duration::zero());
        let mut state = self.state.lock().expect("the test clock's lock");
        *state = match *state {
            TestTime::Frozen(at) => TestTime::Frozen(at + by),
            TestTime::Offset(offset) => TestTime::Offset(offset + by),
        };
    }

    /// Moves the clock to `at` if that is later than now.
    pub fn advance_to(&self, at: DateTime<Utc>) {
        self.advance(at - self.now());
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        match *self.state.lock().expect("the test clock's lock") {
            TestTime::Frozen(at) => at,
            TestTime::Offset(offset) => Utc::now() + offset,
        }
    }

    fn as_test_clock(&self) -> Option<&TestClock> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_forward_and_only_when_told() {
        let start = DateTime::parse_from_rfc3339("2026-03-02T01:00:00Z").unwrap().with_timezone(&Utc);
        let clock = TestClock::frozen_at(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::hours(5));
        assert_eq!(clock.now(), start + Duration::hours(5));
        clock.advance(Duration::hours(-3));
        assert_eq!(clock.now(), start + Duration::hours(5));
        clock.advance_to(start + Duration::days(2));
        assert_eq!(clock.now(), start + Duration::days(2));
    }

    #[test]
    fn a_running_clock_is_ahead_by_what_it_was_advanced() {
        let clock = TestClock::running();
        clock.advance(Duration::days(3));
        let ahead = clock.now() - Utc::now();
        assert!(ahead > Duration::days(3) - Duration::seconds(5) && ahead <= Duration::days(3), "{ahead}");
    }
}
