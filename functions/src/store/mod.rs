//! The store: the whole marketplace in one table of items, behind one narrow interface with two
//! engines — [`redb`](crate::store::embedded) embedded in the process (local runs and fast
//! tests) and [DynamoDB](crate::store::dynamo) in production. Repository code
//! ([`crate::repo`]) is written once on top of [`Store`]; the engines stay thin.
//!
//! The item model is DynamoDB's single-table design: every item has a partition key `pk` and a
//! sort key `sk`, may appear in two overloaded sparse secondary indexes (`gsi1`, `gsi2`), carries
//! a `version` for optimistic concurrency and holds its record as JSON in `data`.
//! `docs/data-model.md` lists every access pattern and the keys that answer it.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::fmt;

pub mod claiming;
pub mod counting;
pub mod dynamo;
pub mod embedded;
pub mod faults;

/// The primary key of an item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self { pk: pk.into(), sk: sk.into() }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.pk, self.sk)
    }
}

/// An item's key in a secondary index. An item without one is not in that index.
pub type IndexKey = Key;

/// One item of the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub key: Key,
    pub gsi1: Option<IndexKey>,
    pub gsi2: Option<IndexKey>,
    /// Incremented by every update; conditions compare it (optimistic concurrency).
    pub version: u64,
    /// Unix seconds after which the item is gone: from then on it counts as absent everywhere —
    /// reads, queries and conditions — and DynamoDB's TTL deletes it eventually (idempotency
    /// records, throttling windows).
    pub expires_at: Option<i64>,
    /// The record, as JSON. For counters ([`Write::Increment`]) `{"count": n}`.
    pub data: serde_json::Value,
}

impl Item {
    pub fn new(key: Key, data: serde_json::Value) -> Self {
        Self { key, gsi1: None, gsi2: None, version: 1, expires_at: None, data }
    }
}

/// Which ordering of the items a query reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Index {
    Table,
    Gsi1,
    Gsi2,
}

/// Which sort keys of the partition a query reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    All,
    BeginsWith(String),
    /// Inclusive at both ends.
    Between(String, String),
}

/// A query of one partition of the table or an index: the only way to read many items (there is
/// no scan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub index: Index,
    pub pk: String,
    pub sk: SortKey,
    /// Ascending sort keys when true.
    pub forward: bool,
    /// At most this many items per page (1–1,000).
    pub limit: usize,
    /// Where the previous page stopped.
    pub cursor: Option<Cursor>,
}

impl Query {
    pub fn new(index: Index, pk: impl Into<String>) -> Self {
        Self { index, pk: pk.into(), sk: SortKey::All, forward: true, limit: 100, cursor: None }
    }
}

/// An opaque position in a query's results: the key of the last item returned. Engines encode
/// their own form; callers only pass it back.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(pub String);

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Present when more items may follow.
    pub next: Option<Cursor>,
}

/// What must be true of the stored item for a write to happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    Always,
    /// No item with this key exists (uniqueness, creation).
    NotExists,
    /// The item exists.
    Exists,
    /// The item exists at exactly this version (optimistic concurrency).
    VersionIs(u64),
}

/// One write of an atomic batch.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    Put {
        item: Item,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Condition,
    },
    /// Writes nothing; fails the batch unless the condition holds.
    Check {
        key: Key,
        condition: Condition,
    },
    /// Adds `by` to the counter at `key`, creating it at 0 first (statistics). Counters never
    /// expire: what an engine does with an expired one is left open (DynamoDB's update
    /// expressions cannot test expiry), so none is ever given an `expires_at`.
    Increment {
        key: Key,
        by: i64,
    },
}

impl Write {
    /// The item this write touches.
    pub fn key(&self) -> &Key {
        match self {
            Write::Put { item, .. } => &item.key,
            Write::Delete { key, .. } | Write::Check { key, .. } | Write::Increment { key, .. } => key,
        }
    }
}

/// The most writes one atomic batch may hold (DynamoDB's transaction limit).
pub const MAX_WRITES: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The condition of the write at this position in the batch did not hold; nothing was written.
    #[error("condition failed on write {index} of the batch ({key})")]
    ConditionFailed { index: usize, key: Key },
    /// Two writes of one batch touch the same item, or the batch is empty or too large.
    #[error("invalid batch: {0}")]
    InvalidBatch(String),
    /// A stored item could not be read as an item; reported with its key.
    #[error("item {key} is unreadable: {reason}")]
    Corrupt { key: Key, reason: String },
    #[error("invalid cursor")]
    InvalidCursor,
    /// The engine failed (I/O, network, throttling after retries).
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

/// The store. Every engine passes the same conformance suite (`functions/tests/api/store.rs`).
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The item at `key`, unless absent or expired.
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError>;

    /// One page of a query, in sort-key order (ties in an index broken by the table key).
    /// Expired items are left out.
    async fn query(&self, query: &Query) -> Result<Page, StoreError>;

    /// Applies every write or none: if any condition fails, nothing is written and the error
    /// names the first failing write. At most [`MAX_WRITES`], each item at most once.
    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError>;
}

/// Checks what every engine must refuse before it touches storage.
pub fn check_batch(writes: &[Write]) -> Result<(), StoreError> {
    if writes.is_empty() || writes.len() > MAX_WRITES {
        return Err(StoreError::InvalidBatch(format!("{} writes (1–{MAX_WRITES} allowed)", writes.len())));
    }
    let mut keys = std::collections::HashSet::new();
    for w in writes {
        let key = w.key();
        if !keys.insert(key) {
            return Err(StoreError::InvalidBatch(format!("{key} written twice")));
        }
    }
    Ok(())
}

/// Whether an item's condition holds against what is stored now.
pub fn condition_holds(condition: Condition, stored: Option<&Item>) -> bool {
    match condition {
        Condition::Always => true,
        Condition::NotExists => stored.is_none(),
        Condition::Exists => stored.is_some(),
        Condition::VersionIs(v) => stored.is_some_and(|i| i.version == v),
    }
}
