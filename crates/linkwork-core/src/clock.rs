//! Where "now" and "today" come from. The app and CLI use the system clock; tests use a fixed one,
//! so no test depends on the date it runs.

use chrono::{DateTime, NaiveDate, Utc};

pub trait Clock: Send + Sync {
    /// The moment, for audit rows and record timestamps.
    fn now(&self) -> DateTime<Utc>;
    /// Today's date where the link worker is (the laptop's local date).
    fn today(&self) -> NaiveDate;
}

/// The laptop's clock. Reading it is the one thing this crate asks of the outside world.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn today(&self) -> NaiveDate {
        chrono::Local::now().date_naive()
    }
}

/// A clock that stands still; "today" is the UTC date of "now".
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(DateTime<Utc>);

impl FixedClock {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self(now)
    }
    /// Noon (UTC) on `day`.
    pub fn on(day: NaiveDate) -> Self {
        Self::at(day.and_hms_opt(12, 0, 0).expect("noon exists").and_utc())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
    fn today(&self) -> NaiveDate {
        self.0.date_naive()
    }
}
