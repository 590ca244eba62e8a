//! The market as the application's logic sees it: where its records are kept, what time it is
//! and which days are working days. Lifecycle, the repositories' callers, the demo loader, OCDS
//! and the scheduler take a [`Market`] and nothing more.

use crate::clock::{Clock, SystemClock};
use crate::store::Store;
use chrono::{DateTime, Utc};
use market_domain::project::Context;
use market_domain::WorkingCalendar;
use std::sync::Arc;

#[derive(Clone)]
pub struct Market {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub calendar: &'static WorkingCalendar,
}

impl Market {
    /// Over `store`, on the system clock and the PRC's working days.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store, clock: Arc::new(SystemClock), calendar: WorkingCalendar::prc() }
    }

    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { clock, ..self }
    }

    /// What the domain's rules need to decide at `now`.
    pub fn context(&self, now: DateTime<Utc>) -> Context<'_> {
        Context { now, calendar: self.calendar }
    }
}
