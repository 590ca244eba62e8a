//! Failed-login throttling: a subject (an account's email, a client's address) that failed
//! [`MAX_FAILURES`] times within [`WINDOW`] must wait until the oldest of those failures leaves the
//! window. One item per subject holds its recent failures and expires with the last of them.

use super::{keys, to_data, RepoError};
use crate::store::{Condition, Item, Key, Store, StoreError, Write};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Failures allowed within [`WINDOW`]; the next attempt waits.
pub const MAX_FAILURES: usize = 5;
/// How long a failure counts.
pub const WINDOW: Duration = Duration::minutes(15);

/// Reads and conditional writes tried per failure before giving up: concurrent failures of one
/// subject retry on each other's version conflicts, and every round one of them wins.
const ATTEMPTS: usize = 10;

/// A subject's failures within the window, oldest first; only the last [`MAX_FAILURES`] matter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Failures {
    failures: Vec<DateTime<Utc>>,
}

impl Failures {
    fn in_window(mut self, now: DateTime<Utc>) -> Self {
        self.failures.retain(|&at| at + WINDOW > now);
        self
    }

    /// How long until fewer than [`MAX_FAILURES`] are left in the window, if that is not yet so.
    fn wait(&self, now: DateTime<Utc>) -> Option<Duration> {
        let n = self.failures.len();
        (n >= MAX_FAILURES).then(|| self.failures[n - MAX_FAILURES] + WINDOW - now)
    }
}

/// The subject's failures in the window at `now`, and the condition that writes over exactly the
/// item read. An unreadable item counts as no failures (and is overwritten): it must not lock
/// the subject out for good.
async fn read(store: &dyn Store, key: &Key, now: DateTime<Utc>) -> Result<(Failures, Condition), RepoError> {
    let Some(item) = store.get(key).await? else { return Ok((Failures::default(), Condition::NotExists)) };
    let failures = super::from_item::<Failures>(&item).unwrap_or_else(|e| {
        tracing::warn!(key = %item.key, error = %e, "ignoring an unreadable throttling record");
        Failures::default()
    });
    Ok((failures.in_window(now), Condition::VersionIs(item.version)))
}

/// How long the subject must wait before trying again, or `None` when it may try now.
pub async fn retry_after(
    store: &dyn Store,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, RepoError> {
    let (failures, _) = read(store, &keys::throttle(subject), now).await?;
    Ok(failures.wait(now))
}

/// Counts a failed login of the subject at `now`. Concurrent failures all count: each write is
/// conditional on the version read and retried on conflict.
pub async fn record_failure(store: &dyn Store, subject: &str, now: DateTime<Utc>) -> Result<(), RepoError> {
    let key = keys::throttle(subject);
    for _ in 0..ATTEMPTS {
        let (mut record, condition) = read(store, &key, now).await?;
        record.failures.push(now);
        record.failures.sort();
        let keep = record.failures.len().saturating_sub(MAX_FAILURES);
        record.failures.drain(..keep);
        let last = *record.failures.last().expect("the failure just pushed");
        let mut item = Item::new(key.clone(), to_data(&record));
        item.version = match condition {
            Condition::VersionIs(v) => v + 1,
            _ => 1,
        };
        item.expires_at = Some(unix_seconds_rounded_up(last + WINDOW));
        match store.write(vec![Write::Put { item, condition }]).await {
            Ok(()) => return Ok(()),
            Err(StoreError::ConditionFailed { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(RepoError::Conflict)
}

/// Forgets the subject's failures (after a successful login).
pub async fn clear(store: &dyn Store, subject: &str) -> Result<(), RepoError> {
    store.write(vec![Write::Delete { key: keys::throttle(subject), condition: Condition::Always }]).await?;
    Ok(())
}

/// The item must not vanish before its last failure leaves the window.
fn unix_seconds_rounded_up(at: DateTime<Utc>) -> i64 {
    at.timestamp() + i64::from(at.timestamp_subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap()
    }

    #[test]
    fn with_more_than_enough_failures_the_wait_runs_until_one_too_few_remain() {
        let at = |s: i64| t0() + Duration::seconds(s);
        let record = Failures { failures: (0..7).map(at).collect() };
        let now = at(100);
        // Failures at 0..=6 s: fewer than five remain once the one at 2 s has left the window.
        assert_eq!(record.wait(now), Some(at(2) + WINDOW - now));
        assert_eq!(record.clone().in_window(at(2) + WINDOW).failures, (3..7).map(at).collect::<Vec<_>>());
    }

    #[test]
    fn expiry_rounds_up_to_the_second() {
        assert_eq!(unix_seconds_rounded_up(t0()), t0().timestamp());
        assert_eq!(unix_seconds_rounded_up(t0() + Duration::milliseconds(1)), t0().timestamp() + 1);
    }
}
