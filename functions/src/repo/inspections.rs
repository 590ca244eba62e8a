//! Random inspections (双随机、一公开): each drawn inspection kept for good under its id, and
//! listed by the time it was drawn, for anyone to recompute.

use super::{get_record, keys, query_page, to_data, Paged, RepoError};
use crate::store::{Condition, Cursor, Index, Item, Key, SortKey, Store, StoreError, Write};
use uuid::Uuid;

pub use market_domain::api::Inspection;

/// Stores a new inspection; never overwrites one (a draw, once published, stands).
pub async fn create(store: &dyn Store, inspection: &Inspection) -> Result<(), RepoError> {
    let mut item = Item::new(keys::inspection(inspection.id), to_data(inspection));
    item.gsi1 = Some(Key::new(keys::INSPECTIONS, keys::at_then(inspection.drawn_at, inspection.id)));
    match store.write(vec![Write::Put { item, condition: Condition::NotExists }]).await {
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Duplicate("inspection id")),
        other => Ok(other?),
    }
}

pub async fn get(store: &dyn Store, id: Uuid) -> Result<Option<Inspection>, RepoError> {
    get_record(store, &keys::inspection(id)).await
}

/// Every inspection, newest first.
pub async fn listed(
    store: &dyn Store,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Inspection>, RepoError> {
    query_page(store, Index::Gsi1, keys::INSPECTIONS, SortKey::All, false, cursor, limit).await
}
