//! Repositories: the marketplace's records read and written through the [`Store`], written
//! once for both engines. Each function answers one access pattern of `docs/data-model.md`
//! with GetItem or Query — never a scan.

use crate::store::{Cursor, Index, Item, Key, Page, Query, SortKey, Store, StoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub mod accounts;
pub mod catalogue;
pub mod idempotency;
pub mod inspections;
pub mod keys;
pub mod notifications;
pub mod projects;
pub mod sessions;
pub mod stats;
pub mod throttle;

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// Someone else changed the record first; reload and decide again.
    #[error("the record changed meanwhile (version conflict)")]
    Conflict,
    /// A uniqueness rule refused the write (one account per email, one live quote …).
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    #[error("stored record {key} is unreadable: {reason}")]
    Corrupt { key: Key, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One page of records and where the next starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

pub(crate) fn to_data<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("records serialize to JSON")
}

/// Reads an item's record; unreadable data is an error naming the key.
pub(crate) fn from_item<T: DeserializeOwned>(item: &Item) -> Result<T, RepoError> {
    // Straight from the stored value: `from_value` would need a copy of it.
    T::deserialize(&item.data)
        .map_err(|e| RepoError::Corrupt { key: item.key.clone(), reason: e.to_string() })
}

/// Reads a page of records, skipping (and logging, with its key) any that cannot be read, so one
/// bad item never hides the others.
pub(crate) fn from_page<T: DeserializeOwned>(page: Page) -> Paged<T> {
    let items = page
        .items
        .iter()
        .filter_map(|item| match from_item(item) {
            Ok(record) => Some(record),
            Err(e) => {
                tracing::warn!(key = %item.key, error = %e, "skipping an unreadable record");
                None
            }
        })
        .collect();
    Paged { items, next: page.next }
}

pub(crate) async fn get_record<T: DeserializeOwned>(
    store: &dyn Store,
    key: &Key,
) -> Result<Option<T>, RepoError> {
    match store.get(key).await? {
        Some(item) => from_item(&item).map(Some),
        None => Ok(None),
    }
}

/// One page of the records in a partition of the table or an index.
pub(crate) async fn query_page<T: DeserializeOwned>(
    store: &dyn Store,
    index: Index,
    pk: impl Into<String>,
    sk: SortKey,
    forward: bool,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<T>, RepoError> {
    let query = Query { index, pk: pk.into(), sk, forward, limit, cursor };
    Ok(from_page(store.query(&query).await?))
}

/// Every record in a partition, page after page, in sort-key order (small partitions only: a
/// project's quotes, a provider's credit record, the catalogue).
pub(crate) async fn query_all<T: DeserializeOwned>(
    store: &dyn Store,
    index: Index,
    pk: impl Into<String>,
    sk: SortKey,
) -> Result<Vec<T>, RepoError> {
    let pk = pk.into();
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page: Paged<T> = query_page(store, index, pk.clone(), sk.clone(), true, cursor, 1000).await?;
        all.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(all),
        }
    }
}

/// A page of records as the API answers it.
impl<T> From<Paged<T>> for market_domain::api::Page<T> {
    fn from(paged: Paged<T>) -> Self {
        Self { items: paged.items, next: paged.next.map(|c| c.0) }
    }
}
