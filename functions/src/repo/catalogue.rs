//! The service catalogue: one item per entry, listed by code.

use super::{get_record, keys, query_all, to_data, RepoError};
use crate::store::{Condition, Index, Item, Key, Query, SortKey, Store, Write};
use market_domain::{Catalogue, ServiceItem, ServiceItemCode};

pub async fn put_item(store: &dyn Store, item: &ServiceItem) -> Result<(), RepoError> {
    let mut stored = Item::new(keys::item(&item.code), to_data(item));
    stored.gsi1 = Some(Key::new(keys::CATALOGUE, item.code.to_string()));
    Ok(store.write(vec![Write::Put { item: stored, condition: Condition::Always }]).await?)
}

pub async fn item(store: &dyn Store, code: &ServiceItemCode) -> Result<Option<ServiceItem>, RepoError> {
    get_record(store, &keys::item(code)).await
}

/// The whole catalogue, by code.
pub async fn catalogue(store: &dyn Store) -> Result<Catalogue, RepoError> {
    let items: Vec<ServiceItem> = query_all(store, Index::Gsi1, keys::CATALOGUE, SortKey::All).await?;
    // Codes are unique keys, so this cannot fail for stored items.
    Catalogue::new(items)
        .map_err(|e| RepoError::Corrupt { key: Key::new(keys::CATALOGUE, ""), reason: e.to_string() })
}

/// Loads `seed` into an empty catalogue; leaves a non-empty one alone (data survives restarts).
pub async fn load_seed_if_empty(store: &dyn Store, seed: &Catalogue) -> Result<bool, RepoError> {
    let mut q = Query::new(Index::Gsi1, keys::CATALOGUE);
    q.limit = 1;
    if !store.query(&q).await?.items.is_empty() {
        return Ok(false);
    }
    for item in seed.items() {
        put_item(store, item).await?;
    }
    Ok(true)
}
