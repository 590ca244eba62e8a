//! A store wrapper that counts calls, so tests can hold each request to its declared budget of
//! store calls (the store has no scan, so a budget is the remaining way to catch a request that
//! reads far more than it should).

use super::{Item, Key, Page, Query, Store, StoreError, Write};
use async_trait::async_trait;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Calls made through a [`CountingStore`], by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Calls {
    pub gets: usize,
    pub queries: usize,
    pub writes: usize,
}

impl Calls {
    pub fn total(&self) -> usize {
        self.gets + self.queries + self.writes
    }
}

pub struct CountingStore {
    inner: Arc<dyn Store>,
    gets: AtomicUsize,
    queries: AtomicUsize,
    writes: AtomicUsize,
}

impl CountingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self { inner, gets: AtomicUsize::new(0), queries: AtomicUsize::new(0), writes: AtomicUsize::new(0) }
    }

    pub fn calls(&self) -> Calls {
        Calls {
            gets: self.gets.load(Ordering::SeqCst),
            queries: self.queries.load(Ordering::SeqCst),
            writes: self.writes.load(Ordering::SeqCst),
        }
    }

    /// Returns the calls so far and starts counting again from zero.
    pub fn take(&self) -> Calls {
        Calls {
            gets: self.gets.swap(0, Ordering::SeqCst),
            queries: self.queries.swap(0, Ordering::SeqCst),
            writes: self.writes.swap(0, Ordering::SeqCst),
        }
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.gets.fetch_add(1, Ordering::SeqCst);
        self.inner.get(key).await
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.query(query).await
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.inner.write(writes).await
    }
}
