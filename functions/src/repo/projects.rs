//! Projects: each stored as a snapshot, its events, and the items derived from it that the
//! indexes need (quotes, live-quote markers, objections, the contract, the open-bidding entry).
//!
//! A save writes, in one transaction: the snapshot (conditional on the version it was read at),
//! the new events (each conditional on being new), every derived item that changed, and the
//! statistics counters the events move. Derived items are computed from the snapshot before and
//! after, so no code path can forget one.

use super::{get_record, keys, query_all, query_page, to_data, Paged, RepoError};
use crate::store::{Condition, Cursor, Index, Item, Key, SortKey, Store, StoreError, Write};
use chrono::{DateTime, Utc};
use market_domain::draw::Secret;
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::ocds;
use market_domain::project::{
    Event, EventHash, EventKind, ObjectionStatus, Project, ProjectState, ProjectSummary, QuoteStatus,
};
use market_domain::ServiceItemCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use market_domain::api::{ContractRecord, ObjectionRecord, QuoteRecord};

/// Stores the result of a decision: `after` with the `events` that made it from `before`
/// (`None` for a new project). Fails with `Conflict` if the project changed since `before` was
/// read, writing nothing.
pub async fn save(
    store: &dyn Store,
    before: Option<&Project>,
    after: &Project,
    events: &[Event],
) -> Result<(), RepoError> {
    save_with(store, before, after, events, Vec::new()).await
}

/// [`save`], with more writes that belong to the same change (the draw's secret on publishing,
/// credit contributions, notifications) in the same transaction, after the project's own.
pub async fn save_with(
    store: &dyn Store,
    before: Option<&Project>,
    after: &Project,
    events: &[Event],
    extra: Vec<Write>,
) -> Result<(), RepoError> {
    let mut writes = Vec::new();
    let condition = match before {
        Some(b) => Condition::VersionIs(b.version),
        None => Condition::NotExists,
    };
    writes.push(Write::Put { item: snapshot(after), condition });
    let first_seq = before.map_or(1, |b| b.version + 1);
    let previous = before.map_or(EventHash::GENESIS, |b| b.chain_head);
    let mut written = event_items(after, first_seq, previous, events);
    written.extend(release_entries(after.id, before, first_seq, events));
    writes.extend(written.into_iter().map(|item| Write::Put { item, condition: Condition::NotExists }));
    let old = before.map(derived).unwrap_or_default();
    let new = derived(after);
    for (key, item) in &new {
        match old.get(key) {
            Some(o) if o == item => {}
            // A new live-quote marker must be new: one live quote per provider per project.
            None if key.sk.starts_with("LIVEQUOTE#") => {
                writes.push(Write::Put { item: item.clone(), condition: Condition::NotExists })
            }
            _ => writes.push(Write::Put { item: item.clone(), condition: Condition::Always }),
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        writes.push(Write::Delete { key: key.clone(), condition: Condition::Always });
    }
    for (name, by) in counters(events) {
        writes.push(Write::Increment { key: keys::counter(name), by });
    }
    writes.extend(extra);
    match store.write(writes).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index: 0, .. }) => Err(RepoError::Conflict),
        Err(StoreError::ConditionFailed { key, .. }) if key.sk.starts_with("LIVEQUOTE#") => {
            Err(RepoError::Duplicate("live quote of this provider"))
        }
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Conflict),
        Err(e) => Err(e.into()),
    }
}

/// Every item a project is stored as — its snapshot, its events (numbered from 1) and its
/// derived items — for loading many projects at once (`EmbeddedStore::import`).
pub fn items_of(p: &Project, events: &[Event]) -> Vec<Item> {
    let mut items = vec![snapshot(p)];
    items.extend(event_items(p, 1, EventHash::GENESIS, events));
    items.extend(release_entries(p.id, None, 1, events));
    items.extend(derived(p).into_values());
    items
}

/// Where one OCDS release of a project is: its event's number in the project's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseEntry {
    pub project: ProjectId,
    pub seq: u64,
}

/// The release index's entries of the `events` that make an OCDS release (numbered from
/// `first_seq`, following `before`), written once with their events like the events themselves.
fn release_entries(id: ProjectId, before: Option<&Project>, first_seq: u64, events: &[Event]) -> Vec<Item> {
    ocds::releasing(before, events)
        .into_iter()
        .map(|i| {
            let seq = first_seq + i as u64;
            let mut item = Item::new(keys::release(id, seq), to_data(&ReleaseEntry { project: id, seq }));
            item.gsi1 = Some(Key::new(keys::RELEASES, keys::release_at(events[i].at, id, seq)));
            item
        })
        .collect()
}

/// Where the OCDS releases dated at or after `since` (every release without it) are, oldest
/// first, a page at a time. The index orders by the millisecond, so a page may begin with an
/// entry a little before `since`: the caller compares the exact dates.
pub async fn releases_since(
    store: &dyn Store,
    since: Option<DateTime<Utc>>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ReleaseEntry>, RepoError> {
    let sk = since.map_or(SortKey::All, |t| SortKey::Between(keys::instant(t), keys::LATEST.into()));
    query_page(store, Index::Gsi1, keys::RELEASES, sk, true, cursor, limit).await
}

/// The items of `events`, numbered from `first_seq`, each with its hash in the project's chain
/// after `previous` (stored beside the event as `hash`). They end where `after` says its chain
/// does.
fn event_items(after: &Project, first_seq: u64, previous: EventHash, events: &[Event]) -> Vec<Item> {
    let mut head = previous;
    let items = events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            head = EventHash::link(&head, event);
            let mut data = to_data(event);
            data["hash"] = serde_json::Value::String(head.to_hex());
            Item::new(keys::event(after.id, first_seq + i as u64), data)
        })
        .collect();
    debug_assert_eq!(head, after.chain_head, "the saved events lead to the project's chain head");
    items
}

/// The snapshot item: in the open-projects-by-item index while bidding is open, and always in
/// its buyer's list.
fn snapshot(p: &Project) -> Item {
    let mut item = Item::new(keys::project(p.id), to_data(p));
    item.version = p.version;
    if let (ProjectState::Published, Some(closes_at)) = (p.state, p.closes_at) {
        item.gsi1 = Some(Key::new(keys::open_by_item(&p.terms.item), keys::at_then(closes_at, p.id)));
    }
    item.gsi2 = Some(Key::new(keys::buyer(p.buyer), keys::at_then(p.created_at, p.id)));
    item
}

/// Every item derived from a project's snapshot, by key.
fn derived(p: &Project) -> BTreeMap<Key, Item> {
    let mut items = Vec::new();
    for q in &p.quotes {
        let mut item =
            Item::new(keys::quote(p.id, q.id), to_data(&QuoteRecord { project: p.id, quote: q.clone() }));
        item.gsi1 = Some(Key::new(keys::provider_quotes(q.provider), keys::at_then(q.submitted_at, q.id)));
        items.push(item);
        if q.status == QuoteStatus::Live {
            items.push(Item::new(keys::live_quote(p.id, q.provider), serde_json::json!({ "quote": q.id })));
        }
    }
    for o in &p.objections {
        let record = ObjectionRecord { project: p.id, objection: o.clone() };
        let mut item = Item::new(keys::objection(p.id, o.id), to_data(&record));
        if o.status == ObjectionStatus::Pending {
            item.gsi1 = Some(Key::new(keys::OBJECTIONS_PENDING, keys::at_then(o.filed_at, o.id)));
        }
        items.push(item);
    }
    if let Some(c) = &p.contract {
        let record = ContractRecord { project: p.id, state: p.state, contract: c.clone() };
        let mut item = Item::new(keys::contract(p.id), to_data(&record));
        let active = matches!(p.state, ProjectState::Contracted | ProjectState::InService);
        if let (true, Some(deadline)) = (active, c.deadline) {
            item.gsi1 = Some(Key::new(keys::CONTRACTS_ACTIVE, keys::at_then(deadline, p.id)));
        }
        items.push(item);
    }
    if let Some(published_at) = p.published_at {
        let mut item = Item::new(keys::listing(p.id), to_data(&p.summary()));
        let sk = keys::at_then(published_at, p.id);
        item.gsi1 = Some(Key::new(keys::LISTED, sk.clone()));
        item.gsi2 = Some(Key::new(keys::listed_in(p.state), sk));
        items.push(item);
    }
    // While bidding is open, the project's summary listed by its close instant: what the
    // scheduler closes and what the listing sorted by close time shows, from one query.
    if let (ProjectState::Published, Some(closes_at)) = (p.state, p.closes_at) {
        let mut item = Item::new(keys::open_entry(p.id), to_data(&p.summary()));
        item.gsi1 = Some(Key::new(keys::OPEN, keys::at_then(closes_at, p.id)));
        items.push(item);
    }
    items.into_iter().map(|i| (i.key.clone(), i)).collect()
}

/// The statistics counters a batch of events moves.
fn counters(events: &[Event]) -> BTreeMap<&'static str, i64> {
    let mut counts = BTreeMap::new();
    for e in events {
        let name = match e.kind {
            EventKind::DraftCreated { .. } => "projects_created",
            EventKind::Published { .. } => "projects_published",
            EventKind::QuoteSubmitted { .. } => "quotes_submitted",
            EventKind::Selected { .. } => "selections",
            EventKind::Failed { .. } => "projects_failed",
            EventKind::ContractSigned { .. } => "contracts_signed",
            EventKind::DeliveryAccepted => "deliveries_accepted",
            EventKind::Evaluated { .. } => "evaluations",
            _ => continue,
        };
        *counts.entry(name).or_insert(0) += 1;
    }
    counts
}

pub async fn get(store: &dyn Store, id: ProjectId) -> Result<Option<Project>, RepoError> {
    get_record(store, &keys::project(id)).await
}

#[derive(Serialize, Deserialize)]
struct StoredSecret {
    secret: Secret,
}

/// The write that keeps a project's draw secret, made with the publishing that commits to it.
pub fn keep_secret(id: ProjectId, secret: &Secret) -> Write {
    let item = Item::new(keys::secret(id), to_data(&StoredSecret { secret: secret.clone() }));
    Write::Put { item, condition: Condition::NotExists }
}

/// A project's draw secret, if it has been published.
pub async fn secret(store: &dyn Store, id: ProjectId) -> Result<Option<Secret>, RepoError> {
    Ok(get_record::<StoredSecret>(store, &keys::secret(id)).await?.map(|s| s.secret))
}

/// Published projects, newest first: all of them, or those in one state.
pub async fn listed(
    store: &dyn Store,
    state: Option<ProjectState>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ProjectSummary>, RepoError> {
    match state {
        None => query_page(store, Index::Gsi1, keys::LISTED, SortKey::All, false, cursor, limit).await,
        Some(state) => {
            query_page(store, Index::Gsi2, keys::listed_in(state), SortKey::All, false, cursor, limit).await
        }
    }
}

/// A project's events in order, a page at a time.
pub async fn events(
    store: &dyn Store,
    id: ProjectId,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Event>, RepoError> {
    let sk = SortKey::BeginsWith(keys::EVENT_PREFIX.into());
    query_page(store, Index::Table, keys::project_pk(id), sk, true, cursor, limit).await
}

/// Open projects for one service item, soonest close first.
pub async fn open_by_item(
    store: &dyn Store,
    item: &ServiceItemCode,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Project>, RepoError> {
    query_page(store, Index::Gsi1, keys::open_by_item(item), SortKey::All, true, cursor, limit).await
}

/// Sort keys of a time-ordered partition up to and including `until`.
fn up_to(until: DateTime<Utc>) -> SortKey {
    SortKey::Between(keys::EARLIEST.into(), format!("{}~", keys::instant(until)))
}

/// Open projects of every item whose bid window closes at or before `until`, soonest first —
/// what the scheduler closes.
pub async fn open_closing_by(
    store: &dyn Store,
    until: DateTime<Utc>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ProjectSummary>, RepoError> {
    query_page(store, Index::Gsi1, keys::OPEN, up_to(until), true, cursor, limit).await
}

/// Every open project, soonest close first (those whose window has ended but which are not yet
/// closed included) — the listing sorted by close time.
pub async fn open_soonest_first(
    store: &dyn Store,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ProjectSummary>, RepoError> {
    query_page(store, Index::Gsi1, keys::OPEN, SortKey::All, true, cursor, limit).await
}

/// A buyer's projects, newest first.
pub async fn of_buyer(
    store: &dyn Store,
    buyer: OrganisationId,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Project>, RepoError> {
    query_page(store, Index::Gsi2, keys::buyer(buyer), SortKey::All, false, cursor, limit).await
}

/// Every quote ever submitted to a project (live or not), by quote id.
pub async fn quotes_of_project(store: &dyn Store, id: ProjectId) -> Result<Vec<QuoteRecord>, RepoError> {
    let sk = SortKey::BeginsWith(keys::QUOTE_PREFIX.into());
    query_all(store, Index::Table, keys::project_pk(id), sk).await
}

/// A provider's quotes, newest first.
pub async fn quotes_of_provider(
    store: &dyn Store,
    provider: OrganisationId,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<QuoteRecord>, RepoError> {
    query_page(store, Index::Gsi1, keys::provider_quotes(provider), SortKey::All, false, cursor, limit).await
}

/// Objections awaiting a supervisor, oldest first.
pub async fn pending_objections(
    store: &dyn Store,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ObjectionRecord>, RepoError> {
    query_page(store, Index::Gsi1, keys::OBJECTIONS_PENDING, SortKey::All, true, cursor, limit).await
}

/// Signed contracts not yet delivered whose deadline is at or before `until`, earliest first:
/// with `until` = now, the overdue ones; later, the ones falling due.
pub async fn contracts_due_by(
    store: &dyn Store,
    until: DateTime<Utc>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<ContractRecord>, RepoError> {
    query_page(store, Index::Gsi1, keys::CONTRACTS_ACTIVE, up_to(until), true, cursor, limit).await
}

/// One stored event with its place in the project's log and chain.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    /// Its number in the project's log, from 1.
    pub seq: u64,
    pub event: Event,
    /// Its hash in the project's chain (`None` if it was stored before the chain was kept).
    pub hash: Option<EventHash>,
}

impl StoredEvent {
    fn read(item: &Item) -> Result<StoredEvent, RepoError> {
        let corrupt = |reason: String| RepoError::Corrupt { key: item.key.clone(), reason };
        let seq = keys::event_seq(&item.key.sk).ok_or_else(|| corrupt("no sequence number".into()))?;
        let hash = match item.data.get("hash") {
            None => None,
            Some(hash) => {
                let hash = hash.as_str().ok_or_else(|| corrupt("the hash is not a text".into()))?;
                Some(EventHash::parse(hash).map_err(|e| corrupt(e.to_string()))?)
            }
        };
        Ok(StoredEvent { seq, event: super::from_item(item)?, hash })
    }
}

/// Every event of a project with its number and hash, oldest first (a project's log is short).
pub async fn every_numbered_event(store: &dyn Store, id: ProjectId) -> Result<Vec<StoredEvent>, RepoError> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = numbered_events(store, id, cursor, 1000).await?;
        all.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
}

/// [`events`] with each event's sequence number (from 1) and hash, as the event log shows them.
/// An unreadable event is skipped with a warning, like any unreadable record of a list.
pub async fn numbered_events(
    store: &dyn Store,
    id: ProjectId,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<StoredEvent>, RepoError> {
    let sk = SortKey::BeginsWith(keys::EVENT_PREFIX.into());
    let query = crate::store::Query {
        index: Index::Table,
        pk: keys::project_pk(id),
        sk,
        forward: true,
        limit,
        cursor,
    };
    let page = store.query(&query).await?;
    let items = page
        .items
        .iter()
        .filter_map(|item| {
            let stored = StoredEvent::read(item);
            stored
                .map_err(|e| tracing::warn!(key = %item.key, error = %e, "skipping an unreadable event"))
                .ok()
        })
        .collect();
    Ok(Paged { items, next: page.next })
}
