//! The public statistics: computed from the counters and samples of the store, and remembered
//! by the process that computed them ([`StatisticsMemo`]) while the counters stand still. The
//! figures themselves are pure rules, in `market_domain::statistics`.

use crate::error::ApiError;
use crate::listing::collect;
use crate::market::Market;
use crate::repo::{self, accounts, projects, Paged};
use chrono::{DateTime, Utc};
use market_domain::api::{ProviderConcentration, ProviderSelections, Statistics};
use market_domain::organisation::{Organisation, OrganisationKind, ProviderStatus};
use market_domain::shanghai_date;
use market_domain::statistics;
use std::collections::BTreeMap;

/// How many of the newest published projects, and of the directory's providers, statistics read.
const STATISTICS_SAMPLE: usize = 1_000;

/// How long statistics computed by a process are reused while no counter has moved: what the
/// counters do not count (a cancellation, a provider approved) shows within this time.
const STATISTICS_REUSED_FOR: chrono::Duration = chrono::Duration::seconds(60);

/// The statistics this process computed last, with the counters and the time they were computed
/// at. Computing them reads a thousand projects (about 12 ms); reused, the public statistics
/// cost one read of the counters, like every other public read.
#[derive(Default)]
pub struct StatisticsMemo(std::sync::Mutex<Option<Computed>>);

struct Computed {
    counters: BTreeMap<String, i64>,
    at: DateTime<Utc>,
    statistics: Statistics,
}

impl StatisticsMemo {
    pub fn fresh(&self, counters: &BTreeMap<String, i64>, now: DateTime<Utc>) -> Option<Statistics> {
        let memo = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let kept = memo.as_ref()?;
        (&kept.counters == counters && kept.at <= now && now - kept.at < STATISTICS_REUSED_FOR)
            .then(|| kept.statistics.clone())
    }

    pub fn keep(&self, counters: BTreeMap<String, i64>, at: DateTime<Utc>, statistics: Statistics) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Some(Computed { counters, at, statistics });
    }
}

/// The statistics now: those this process computed last if the counters have not moved since
/// (for at most [`STATISTICS_REUSED_FOR`]), else computed afresh and remembered.
pub async fn current(market: &Market, memo: &StatisticsMemo) -> Result<Statistics, ApiError> {
    let counters = repo::stats::counters(market.store.as_ref()).await?;
    let now = market.clock.now();
    if let Some(kept) = memo.fresh(&counters, now) {
        return Ok(kept);
    }
    let computed = compute(market, counters.clone(), now).await?;
    memo.keep(counters, now, computed.clone());
    Ok(computed)
}

async fn compute(
    market: &Market,
    counters: BTreeMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<Statistics, ApiError> {
    let store = market.store.as_ref();
    let sample = collect(STATISTICS_SAMPLE, None, |cursor, limit| {
        Box::pin(async move { Ok(projects::listed(store, None, cursor, limit).await?) })
    })
    .await?;
    let providers = collect(STATISTICS_SAMPLE, None, |cursor, limit| {
        Box::pin(async move {
            let page = accounts::providers(store, cursor, limit).await?;
            let approved = page.items.into_iter().filter(is_approved).map(|_| ()).collect();
            Ok(Paged { items: approved, next: page.next })
        })
    })
    .await?;
    let count = |name: &str| counters.get(name).copied().unwrap_or(0);
    let concentration = statistics::provider_concentration(&sample.items);
    let mut top = Vec::with_capacity(concentration.top.len());
    for (provider, selections) in concentration.top {
        let name = accounts::organisation(store, provider).await?.map(|o| o.value.name.to_string());
        top.push(ProviderSelections { provider, name: name.unwrap_or_default(), selections });
    }
    let quotes_per_need_x100 = u32::try_from(count("quotes_submitted") * 100)
        .ok()
        .zip(u32::try_from(count("projects_published")).ok().filter(|n| *n > 0))
        .map(|(quotes, needs)| quotes / needs);
    Ok(Statistics {
        quotes_per_need_x100,
        sampled_projects: u32::try_from(sample.items.len()).unwrap_or(u32::MAX),
        sample_complete: sample.next.is_none(),
        needs_by_month: statistics::needs_by_month(shanghai_date(now), &sample.items),
        savings: statistics::savings(&sample.items),
        providers: u32::try_from(providers.items.len()).unwrap_or(u32::MAX),
        providers_complete: providers.next.is_none(),
        median_days_to_selection_x10: statistics::median_days_to_selection_x10(&sample.items),
        median_days_to_acceptance_x10: statistics::median_days_to_acceptance_x10(&sample.items),
        needs_by_quotes: statistics::needs_by_quotes(&sample.items).to_vec(),
        provider_concentration: ProviderConcentration {
            selections: concentration.selections,
            top,
            top_basis_points: concentration.top_basis_points,
        },
        satisfaction: statistics::satisfaction(&sample.items),
        counters,
    })
}

fn is_approved(org: &Organisation) -> bool {
    matches!(&org.kind, OrganisationKind::Provider(p) if p.status == ProviderStatus::Approved)
}
