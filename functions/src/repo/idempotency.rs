//! Idempotency records: the first answer to a POST, kept for a day under the client's
//! `Idempotency-Key`, so a retried request gets the same answer instead of acting twice.

use super::{get_record, keys, to_data, RepoError};
use crate::store::{Condition, Item, Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use market_domain::ids::AccountId;
use serde::{Deserialize, Serialize};

/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// A digest of the method, path and body: the same key with another request is refused.
    pub request_hash: String,
    pub status: u16,
    pub body: serde_json::Value,
}

pub async fn get(
    store: &dyn Store,
    account: AccountId,
    key: &str,
) -> Result<Option<IdempotencyRecord>, RepoError> {
    get_record(store, &keys::idempotency(account, key)).await
}

/// Remembers the first answer; `Duplicate` if one is already remembered.
pub async fn put(
    store: &dyn Store,
    account: AccountId,
    key: &str,
    record: &IdempotencyRecord,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let mut item = Item::new(keys::idempotency(account, key), to_data(record));
    item.expires_at = Some((now + RETENTION).timestamp());
    match store.write(vec![Write::Put { item, condition: Condition::NotExists }]).await {
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Duplicate("idempotency key")),
        other => Ok(other?),
    }
}
