//! The demo data `npm start` loads into an empty store: the seed catalogue, a Zhejiang market of
//! enterprises, departments, providers and supervisors ([`parties`]), and sixty projects in every
//! market ([`stories`]), each played through [`lifecycle`](crate::lifecycle) step by step at
//! plausible past times ([`play`]) — so every event, quote, draw, notification, credit
//! contribution and counter is what the live system would have made of the same actions.
//!
//! Deterministic: every choice comes from a fixed seed, so each load gives the same names,
//! prices, states and counts (ids are fresh UUIDs, and times are placed relative to the moment
//! of loading: open projects close in the future, finished ones ended in the past).

use crate::catalogue::seed_catalogue;
use crate::market::Market;
use crate::repo;
use market_domain::ids::{AccountId, OrganisationId, ProjectId};

mod error;
mod parties;
mod play;
mod rng;
mod stories;
mod texts;
mod timeline;

pub use error::DemoError;
pub use parties::DEMO_PASSWORD;

/// What a load made, for the log and for tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub enterprises: Vec<OrganisationId>,
    pub departments: Vec<OrganisationId>,
    pub providers: Vec<OrganisationId>,
    /// Every account: one per organisation, then the supervisors'.
    pub accounts: Vec<AccountId>,
    /// The sixty stories' projects, then the extra open needs asked for.
    pub projects: Vec<ProjectId>,
}

/// Loads the demo data into an empty store (one without a catalogue) and says what it made;
/// a store with data is left as it is (`None`), so what users did survives a restart.
pub async fn load_if_empty(market: &Market) -> Result<Option<Loaded>, DemoError> {
    load_if_empty_with_open_needs(market, 0).await
}

/// The demo data plus `open_needs` more projects open for quotes (published by the demo's
/// buyers in the last three days, closing in the coming weeks), played through the same
/// lifecycle as the rest — a market under load for measuring the front-end
/// (`MARKET_DEMO_OPEN_NEEDS`). Their ids follow the sixty stories' in [`Loaded::projects`].
pub async fn load_if_empty_with_open_needs(
    market: &Market,
    open_needs: usize,
) -> Result<Option<Loaded>, DemoError> {
    if !repo::catalogue::load_seed_if_empty(market.store.as_ref(), &seed_catalogue()).await? {
        return Ok(None);
    }
    let now = market.clock.now();
    let catalogue = repo::catalogue::catalogue(market.store.as_ref()).await?;
    let plans = stories::plan(market.calendar, &catalogue, now, open_needs)?;
    let parties = parties::create(market, &catalogue, plans.earliest(), now).await?;
    let projects = play::play(market, &parties, &plans).await?;
    Ok(Some(Loaded {
        enterprises: parties.enterprises.iter().map(|p| p.org.id).collect(),
        departments: parties.departments.iter().map(|p| p.org.id).collect(),
        providers: parties.providers.iter().map(|p| p.party.org.id).collect(),
        accounts: parties.accounts(),
        projects,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};
    use market_domain::WorkingCalendar;

    /// The plan holds whenever the demo is loaded: every few days through the calendar's
    /// covered time (holidays included), by day and late at night.
    #[test]
    fn the_plan_fits_at_any_time_of_the_calendar() {
        let catalogue = seed_catalogue();
        let first = DateTime::parse_from_rfc3339("2026-01-01T02:00:00Z").unwrap().with_timezone(&Utc);
        for k in 0..90 {
            let now = first + Duration::days(6 * k) + Duration::minutes(if k % 2 == 0 { 0 } else { 810 });
            let plans = stories::plan(WorkingCalendar::prc(), &catalogue, now, 0)
                .unwrap_or_else(|e| panic!("at {now}: {e}"));
            assert_eq!(plans.plans.len(), 60);
            let steps = plans.steps();
            assert!(steps.iter().all(|(at, _, _)| *at < now), "at {now}");
            assert!(plans.earliest() > now - Duration::days(250), "at {now}");
        }
    }
}
