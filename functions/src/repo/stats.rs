//! Statistics counters, moved in the same transactions as the events they count.

use super::{keys, RepoError};
use crate::store::{Index, Query, Store};
use std::collections::BTreeMap;

/// Every counter by name.
pub async fn counters(store: &dyn Store) -> Result<BTreeMap<String, i64>, RepoError> {
    let pk = keys::counter("").pk;
    let mut q = Query::new(Index::Table, pk);
    q.limit = 1000;
    let page = store.query(&q).await?;
    Ok(page
        .items
        .into_iter()
        .map(|item| (item.key.sk.clone(), item.data.get("count").and_then(|c| c.as_i64()).unwrap_or(0)))
        .collect())
}
