//! A store wrapper that injects faults, so tests can drive the API through a store that fails:
//! from a chosen call on, calls fail at once (the engine unavailable), hang and then time out,
//! apply a write but lose its answer (the one case where the caller cannot know what happened),
//! or report a conflict as if another writer got there first.

use super::{Item, Key, Page, Query, Store, StoreError, Write};
use async_trait::async_trait;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a failing call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Fails at once; nothing happened.
    Unavailable,
    /// Hangs this long, then fails as timed out; nothing happened.
    TimeOut(Duration),
    /// A write is applied, but the caller is told it timed out (the network lost DynamoDB's
    /// answer). A read just times out.
    LostAnswer,
    /// A write is refused as if its first condition failed: someone else wrote first. A read
    /// fails as unavailable.
    Conflict,
}

/// Which calls fail: `times` calls in a row, from call number `from` (counted from 1 when the
/// plan is set), each with `fault`.
#[derive(Clone, Copy, Debug)]
struct Plan {
    from: usize,
    times: usize,
    fault: Fault,
}

pub struct FaultyStore {
    inner: Arc<dyn Store>,
    calls: AtomicUsize,
    plan: Mutex<Option<Plan>>,
    fired: AtomicUsize,
}

impl FaultyStore {
    /// A wrapper that injects nothing until told to.
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self { inner, calls: AtomicUsize::new(0), plan: Mutex::new(None), fired: AtomicUsize::new(0) }
    }

    /// From now on, the `nth` call (1 = the next one) and the `times - 1` after it fail with
    /// `fault`; the calls are counted again from zero.
    pub fn fail(&self, nth: usize, times: usize, fault: Fault) {
        assert!(nth >= 1 && times >= 1, "calls are counted from 1; at least one fails");
        *self.plan.lock().expect("the fault plan's lock") = Some(Plan { from: nth, times, fault });
        self.calls.store(0, Ordering::SeqCst);
        self.fired.store(0, Ordering::SeqCst);
    }

    /// No more faults.
    pub fn heal(&self) {
        *self.plan.lock().expect("the fault plan's lock") = None;
    }

    /// How many calls have failed since the plan was set.
    pub fn fired(&self) -> usize {
        self.fired.load(Ordering::SeqCst)
    }

    /// The fault for this call, if it is one of the planned ones.
    fn fault(&self) -> Option<Fault> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        let plan = (*self.plan.lock().expect("the fault plan's lock"))?;
        (plan.from..plan.from + plan.times).contains(&call).then(|| {
            self.fired.fetch_add(1, Ordering::SeqCst);
            plan.fault
        })
    }
}

fn unavailable() -> StoreError {
    StoreError::Unavailable("injected fault: the store is unavailable".into())
}

fn timed_out() -> StoreError {
    StoreError::Unavailable("injected fault: the call timed out".into())
}

#[async_trait]
impl Store for FaultyStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        match self.fault() {
            None => self.inner.get(key).await,
            Some(fault) => Err(read_failure(fault).await),
        }
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        match self.fault() {
            None => self.inner.query(query).await,
            Some(fault) => Err(read_failure(fault).await),
        }
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        match self.fault() {
            None => self.inner.write(writes).await,
            Some(Fault::Unavailable) => Err(unavailable()),
            Some(Fault::TimeOut(after)) => {
                tokio::time::sleep(after).await;
                Err(timed_out())
            }
            Some(Fault::LostAnswer) => {
                self.inner.write(writes).await?;
                Err(timed_out())
            }
            Some(Fault::Conflict) => {
                let key = writes.first().map(|w| w.key().clone()).unwrap_or_else(|| Key::new("", ""));
                Err(StoreError::ConditionFailed { index: 0, key })
            }
        }
    }
}

async fn read_failure(fault: Fault) -> StoreError {
    match fault {
        Fault::Unavailable | Fault::Conflict => unavailable(),
        Fault::TimeOut(after) => {
            tokio::time::sleep(after).await;
            timed_out()
        }
        Fault::LostAnswer => timed_out(),
    }
}
