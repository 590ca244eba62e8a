//! Idempotency records: the first answer to a POST, kept for a day under the caller's
//! `Idempotency-Key`, so a retried request gets the same answer instead of acting twice. A key
//! is reserved before the request runs, so two concurrent copies cannot both act.

use super::{get_record, keys, to_data, RepoError};
use crate::store::{Condition, Item, Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// A digest of the method, path and body: the same key with another request is refused.
    pub request_hash: String,
    /// `None` while the first request still runs.
    pub status: Option<u16>,
    pub body: serde_json::Value,
}

/// What reserving a key found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// The key is new: run the request, then `complete` or `release`.
    Reserved,
    /// The key was seen before: answer from this record.
    Seen(IdempotencyRecord),
}

pub async fn get(
    store: &dyn Store,
    subject: &str,
    key: &str,
) -> Result<Option<IdempotencyRecord>, RepoError> {
    get_record(store, &keys::idempotency(subject, key)).await
}

fn item(subject: &str, key: &str, record: &IdempotencyRecord, now: DateTime<Utc>) -> Item {
    let mut item = Item::new(keys::idempotency(subject, key), to_data(record));
    item.expires_at = Some((now + RETENTION).timestamp());
    item
}

/// Reserves `key` for the request with `request_hash`, or returns what was recorded under it.
pub async fn reserve(
    store: &dyn Store,
    subject: &str,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Reservation, RepoError> {
    let pending =
        IdempotencyRecord { request_hash: request_hash.into(), status: None, body: serde_json::Value::Null };
    let put = Write::Put { item: item(subject, key, &pending, now), condition: Condition::NotExists };
    match store.write(vec![put]).await {
        Ok(()) => Ok(Reservation::Reserved),
        Err(StoreError::ConditionFailed { .. }) => match get(store, subject, key).await? {
            Some(record) => Ok(Reservation::Seen(record)),
            // Expired between the two calls: the key is free again.
            None => Box::pin(reserve(store, subject, key, request_hash, now)).await,
        },
        Err(e) => Err(e.into()),
    }
}

/// Records the answer to a reserved key.
pub async fn complete(
    store: &dyn Store,
    subject: &str,
    key: &str,
    record: &IdempotencyRecord,
    now: DateTime<Utc>,
) -> Result<(), RepoError> {
    let put = Write::Put { item: item(subject, key, record, now), condition: Condition::Always };
    Ok(store.write(vec![put]).await?)
}

/// Frees a reserved key whose request failed, so the caller may retry it.
pub async fn release(store: &dyn Store, subject: &str, key: &str) -> Result<(), RepoError> {
    let delete = Write::Delete { key: keys::idempotency(subject, key), condition: Condition::Always };
    Ok(store.write(vec![delete]).await?)
}
