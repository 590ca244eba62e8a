//! The demo data `npm start` loads into an empty store: the seed catalogue, a Zhejiang market of
//! enterprises, departments, providers and supervisors ([`parties`]), and sixty projects in every
//! state ([`stories`]), each played through [`lifecycle`](crate::lifecycle) step by step at
//! plausible past times ([`play`]) — so every event, quote, draw, notification, credit
//! contribution and counter is what the live system would have made of the same actions.
//!
//! Deterministic: every choice comes from a fixed seed, so each load gives the same names,
//! prices, states and counts (ids are fresh UUIDs, and times are placed relative to the moment
//! of loading: open projects close in the future, finished ones ended in the past).

use crate::app::AppState;
use crate::catalogue::seed_catalogue;
use crate::error::ApiError;
use crate::repo::{self, RepoError};
use market_domain::ids::{AccountId, OrganisationId, ProjectId};

mod parties;
mod play;
mod stories;
mod texts;
mod timeline;

/// The one password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "zhongjie-demo-2026";

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

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The demo's own plan does not hold together (a defect of this module).
    #[error("demo data: {0}")]
    Plan(String),
    /// A step of a project's story was refused.
    #[error("demo data, project {story} «{title}», step {step}: {source}")]
    Step { story: usize, title: String, step: String, source: ApiError },
    #[error("demo data: {0}")]
    Repo(#[from] RepoError),
}

/// Loads the demo data into an empty store (one without a catalogue) and says what it made;
/// a store with data is left as it is (`None`), so what users did survives a restart.
pub async fn load_if_empty(state: &AppState) -> Result<Option<Loaded>, DemoError> {
    load_if_empty_with_open_needs(state, 0).await
}

/// The demo data plus `open_needs` more projects open for quotes (published by the demo's
/// buyers in the last three days, closing in the coming weeks), played through the same
/// lifecycle as the rest — a market under load for measuring the front-end
/// (`MARKET_DEMO_OPEN_NEEDS`). Their ids follow the sixty stories' in [`Loaded::projects`].
pub async fn load_if_empty_with_open_needs(
    state: &AppState,
    open_needs: usize,
) -> Result<Option<Loaded>, DemoError> {
    if !repo::catalogue::load_seed_if_empty(state.store.as_ref(), &seed_catalogue()).await? {
        return Ok(None);
    }
    let now = state.clock.now();
    let catalogue = repo::catalogue::catalogue(state.store.as_ref()).await?;
    let plans = stories::plan(state.calendar, &catalogue, now, open_needs)?;
    let parties = parties::create(state, &catalogue, plans.earliest(), now).await?;
    let projects = play::play(state, &parties, &plans).await?;
    Ok(Some(Loaded {
        enterprises: parties.enterprises.iter().map(|p| p.org.id).collect(),
        departments: parties.departments.iter().map(|p| p.org.id).collect(),
        providers: parties.providers.iter().map(|p| p.party.org.id).collect(),
        accounts: parties.accounts(),
        projects,
    }))
}

/// A tiny deterministic generator (xorshift64*): the demo's every choice, from fixed seeds.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A stream of its own for each `stream` number, so one story's choices never shift
    /// another's.
    pub(crate) fn new(stream: u64) -> Self {
        let mut rng =
            Self(0x9E37_79B9_7F4A_7C15 ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03).wrapping_add(1));
        for _ in 0..4 {
            rng.next();
        }
        rng
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi` (slightly biased, which is no matter here).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i64::try_from(self.next() % span).unwrap_or(0)
    }

    pub(crate) fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        for chunk in out.chunks_mut(8) {
            let word = self.next().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        out
    }

    /// A UUID of version 4 form made of this stream's bytes.
    pub(crate) fn uuid(&mut self) -> uuid::Uuid {
        uuid::Builder::from_random_bytes(self.bytes()).into_uuid()
    }

    /// `items` in an order drawn from this stream (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.next() % (i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
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

    #[test]
    fn the_generator_is_fixed_by_its_stream() {
        let draw = |stream| {
            let mut rng = Rng::new(stream);
            (rng.next(), rng.range(1, 6), rng.uuid())
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7).0, draw(8).0);
        let mut rng = Rng::new(1);
        assert!((0..1000).map(|_| rng.range(-1, 1)).all(|v| (-1..=1).contains(&v)));
        assert_eq!(draw(7).2.get_version_num(), 4);
    }
}
