//! The store as requests see it ([`ClaimingStore`]): the first write of a request that carries
//! an `Idempotency-Key` also writes that key's claim, in the same transaction — so whether the
//! request changed anything is known even when the store's answer was lost
//! ([`crate::idempotency`] reads the outcome).

use super::{Item, Key, Page, Query, Store, StoreError, Write, MAX_WRITES};
use async_trait::async_trait;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// Runs `request` with `claim` (the write marking its key applied) carried by its first write,
/// and says what became of the claim.
pub async fn claiming<F: Future>(claim: Write, request: F) -> (F::Output, ClaimOutcome) {
    let claim = Claim::new(claim);
    let output = CLAIM.scope(claim.clone(), request).await;
    (output, claim.outcome())
}

tokio::task_local! {
    /// The claim of the key of the request running on this task.
    static CLAIM: Claim;
}

/// What became of a request's claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// No write carried it, or the write carrying it was refused: nothing was changed.
    NotWritten,
    Written,
    /// The write carrying it failed without saying whether it was applied.
    Unknown,
}

/// A request's claim: the write marking its key applied, and what became of it.
#[derive(Clone)]
struct Claim(Arc<Mutex<(Write, ClaimOutcome)>>);

impl Claim {
    fn new(write: Write) -> Self {
        Self(Arc::new(Mutex::new((write, ClaimOutcome::NotWritten))))
    }

    fn outcome(&self) -> ClaimOutcome {
        self.0.lock().expect("the claim's lock").1
    }

    /// The claim to add to `writes`, unless it went with an earlier write, or `writes` already
    /// touch the key (recording the answer, releasing the key) or have no room for it.
    fn to_add(&self, writes: &[Write]) -> Option<Write> {
        let guard = self.0.lock().expect("the claim's lock");
        let (claim, outcome) = &*guard;
        let free = *outcome == ClaimOutcome::NotWritten
            && writes.len() < MAX_WRITES
            && writes.iter().all(|w| w.key() != claim.key());
        free.then(|| claim.clone())
    }

    fn settle(&self, result: &Result<(), StoreError>) {
        self.0.lock().expect("the claim's lock").1 = match result {
            Ok(()) => ClaimOutcome::Written,
            Err(StoreError::Unavailable(_)) => ClaimOutcome::Unknown,
            Err(_) => ClaimOutcome::NotWritten,
        };
    }
}

/// The store as requests see it: a request's first write carries its key's claim. Outside a
/// request with a key (the scheduler, reads, the session routes) it adds nothing.
pub struct ClaimingStore {
    inner: Arc<dyn Store>,
}

impl ClaimingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self { inner }
    }
}

#[async_trait]
impl Store for ClaimingStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.inner.get(key).await
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        self.inner.query(query).await
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let Ok(Some(claim)) = CLAIM.try_with(|c| c.to_add(&writes).map(|w| (c.clone(), w))) else {
            return self.inner.write(writes).await;
        };
        let (claim, write) = claim;
        let mut with_claim = writes.clone();
        with_claim.push(write);
        let result = self.inner.write(with_claim).await;
        match &result {
            // The claim's own condition failed: the reservation expired under a very long
            // request. Its change goes ahead without it.
            Err(StoreError::ConditionFailed { index, .. }) if *index == writes.len() => {
                self.inner.write(writes).await
            }
            _ => {
                claim.settle(&result);
                result
            }
        }
    }
}
