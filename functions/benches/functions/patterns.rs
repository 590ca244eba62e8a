//! The store's access patterns on their own, below the endpoints: what each costs the store,
//! so the endpoints' figures can be read as store time plus the rest.

use crate::market::{Market, QUOTES_PER_PROJECT};
use chrono::Duration;
use market_functions::repo::{catalogue, projects, stats};
use market_functions::store::Store;
use std::future::Future;
use std::time::Instant;

const SAMPLES: usize = 2_000;

pub struct Timing {
    pub name: &'static str,
    pub p50: f64,
    pub p99: f64,
}

async fn time<F, Fut>(name: &'static str, mut op: F) -> Timing
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut took = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let start = Instant::now();
        op(i).await;
        took.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let (p50, p99) = crate::percentiles(&mut took);
    Timing { name, p50, p99 }
}

pub async fn measure(m: &Market) -> Vec<Timing> {
    let s: &dyn Store = m.store.as_ref();
    let items = &m.items;
    let now = m.now;
    vec![
        time("a project by id (GetItem)", |i| async move {
            projects::get(s, m.need(i)).await.expect("get").expect("present");
        })
        .await,
        time("the events of a project", |i| async move {
            assert!(!projects::events(s, m.need(i), None, 100).await.expect("events").items.is_empty());
        })
        .await,
        time("the quotes of a project", |i| async move {
            assert_eq!(
                projects::quotes_of_project(s, m.need(i)).await.expect("quotes").len(),
                QUOTES_PER_PROJECT
            );
        })
        .await,
        time("open projects of an item, first page of 20", |i| async move {
            let item = &items[i % items.len()].code;
            assert!(!projects::open_by_item(s, item, None, 20).await.expect("open").items.is_empty());
        })
        .await,
        time("open projects closing within a day, page of 100", |i| async move {
            let until = now + Duration::minutes((i % 1000) as i64 * 40);
            projects::open_closing_by(s, until, None, 100).await.expect("closing");
        })
        .await,
        time("a buyer's projects, page of 20", |_| async move {
            projects::of_buyer(s, m.enterprise.organisation, None, 20).await.expect("buyer");
        })
        .await,
        time("a provider's quotes, page of 20", |i| async move {
            let provider = m.providers[i % m.providers.len()];
            projects::quotes_of_provider(s, provider, None, 20).await.expect("quotes");
        })
        .await,
        time("the service catalogue", |_| async move {
            assert_eq!(catalogue::catalogue(s).await.expect("catalogue").items().len(), items.len());
        })
        .await,
        time("statistics counters", |_| async move {
            stats::counters(s).await.expect("counters");
        })
        .await,
    ]
}
