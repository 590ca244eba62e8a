//! Idempotency records: the first answer to a POST, kept for a day under the caller's
//! `Idempotency-Key`, so a retried request gets the same answer instead of acting twice. A key
//! is reserved before the request runs, so two concurrent copies cannot both act; the request's
//! change carries the key's claim ([`claim`]) in its own transaction, so the record tells whether
//! the request changed anything even when its answer was lost.

use super::{from_item, get_record, keys, to_data, RepoError};
use crate::store::{Condition, Item, Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);
/// A reservation this old, whose request changed nothing and never answered, was abandoned (its
/// process died, or its answer could not be recorded): longer than any function may run.
pub const ABANDONED_AFTER: Duration = Duration::seconds(60);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// A digest of the method, path and body: the same key with another request is refused.
    pub request_hash: String,
    /// `None` until the answer is recorded.
    pub status: Option<u16>,
    pub body: serde_json::Value,
    /// When the key was reserved.
    #[serde(default)]
    pub reserved_at: Option<DateTime<Utc>>,
    /// The request's change was written (the claim went with it); set before the answer is.
    #[serde(default)]
    pub applied: bool,
}

impl IdempotencyRecord {
    /// The record of a request that has just started.
    pub fn pending(request_hash: &str, now: DateTime<Utc>) -> Self {
        Self {
            request_hash: request_hash.into(),
            status: None,
            body: serde_json::Value::Null,
            reserved_at: Some(now),
            applied: false,
        }
    }

    /// Whether its request is over without having changed anything or answered.
    fn abandoned(&self, now: DateTime<Utc>) -> bool {
        self.status.is_none() && !self.applied && self.reserved_at.is_none_or(|at| now - at > ABANDONED_AFTER)
    }
}

/// What reserving a key found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// The key is new (or its first request was abandoned): run the request, then `complete`
    /// or `release`.
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
    let pending = item(subject, key, &IdempotencyRecord::pending(request_hash, now), now);
    let mut condition = Condition::NotExists;
    // At most three rounds: new, then taken over from an abandoned request, then as found.
    for _ in 0..3 {
        match store.write(vec![Write::Put { item: pending.clone(), condition }]).await {
            Ok(()) => return Ok(Reservation::Reserved),
            Err(StoreError::ConditionFailed { .. }) => {}
            Err(e) => return Err(e.into()),
        }
        let Some(found) = store.get(&pending.key).await? else {
            // Expired between the two calls: the key is free again.
            condition = Condition::NotExists;
            continue;
        };
        let record: IdempotencyRecord = from_item(&found)?;
        if record.request_hash != request_hash || !record.abandoned(now) {
            return Ok(Reservation::Seen(record));
        }
        condition = Condition::VersionIs(found.version);
    }
    Err(RepoError::Conflict)
}

/// The write that marks the reserved `key` as applied: it goes into the request's own change,
/// in the same transaction, so the two happen together or not at all.
pub fn claim(subject: &str, key: &str, request_hash: &str, reserved_at: DateTime<Utc>) -> Write {
    let record = IdempotencyRecord { applied: true, ..IdempotencyRecord::pending(request_hash, reserved_at) };
    Write::Put { item: item(subject, key, &record, reserved_at), condition: Condition::Exists }
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

/// Frees a reserved key whose request failed and changed nothing, so the caller may retry it.
pub async fn release(store: &dyn Store, subject: &str, key: &str) -> Result<(), RepoError> {
    let delete = Write::Delete { key: keys::idempotency(subject, key), condition: Condition::Always };
    Ok(store.write(vec![delete]).await?)
}
