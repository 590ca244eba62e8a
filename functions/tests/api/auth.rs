//! Sessions (refresh tokens) and failed-login throttling on both engines. Times are near the
//! wall clock: the stores expire items by it, the repositories by the `now` they are given.

use crate::repo::repo_tests;
use chrono::{DateTime, Duration, DurationRound, Utc};
use market_domain::ids::AccountId;
use market_functions::repo::sessions::{self, REFRESH_TTL};
use market_functions::repo::throttle::{self, MAX_FAILURES, WINDOW};
use market_functions::store::embedded::EmbeddedStore;
use market_functions::store::{Key, Store};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use uuid::Uuid;

fn account() -> AccountId {
    AccountId(Uuid::from_u128(42))
}

/// Half a second into the current second: a fraction whose rounding is known.
fn now() -> DateTime<Utc> {
    Utc::now().duration_trunc(Duration::seconds(1)).unwrap() + Duration::milliseconds(500)
}

repo_tests!(
    redb => async { Some(Arc::new(EmbeddedStore::temporary().unwrap()) as Arc<dyn Store>) },
    dynamo => async { crate::dynamo::dynamo_store_if_available().await.map(|s| Arc::new(s) as Arc<dyn Store>) };
    [
        a_session_keeps_only_the_hash_of_its_token,
        rotating_issues_a_new_token_and_ends_the_old,
        a_replayed_token_fails,
        of_concurrent_rotations_exactly_one_wins,
        logging_out_ends_the_session,
        a_refresh_token_expires_after_thirty_days,
        five_failures_in_the_window_make_the_subject_wait,
        clearing_forgets_the_failures,
        concurrent_failures_all_count,
    ]
);

async fn a_session_keeps_only_the_hash_of_its_token(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let now = now();
    let token = sessions::start(s, account(), now).await.unwrap();
    assert_eq!(token.len(), 43, "32 bytes, base64url without padding: {token}");
    assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{token}");
    let hash = hex::encode(Sha256::digest(&token));
    let item = s.get(&Key::new(format!("SESSION#{hash}"), "SESSION")).await.unwrap().expect("stored");
    assert_eq!(item.data, json!({ "account": account(), "created_at": now }));
    assert_eq!(item.expires_at, Some((now + REFRESH_TTL).timestamp()));
    assert!(!item.data.to_string().contains(&token));
    assert_eq!(REFRESH_TTL, Duration::days(30));
}

async fn rotating_issues_a_new_token_and_ends_the_old(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    let first = sessions::start(s, account(), t0).await.unwrap();
    let (who, second) =
        sessions::rotate(s, &first, t0 + Duration::minutes(20)).await.unwrap().expect("rotated");
    assert_eq!(who, account());
    assert_ne!(second, first);
    let (who, third) =
        sessions::rotate(s, &second, t0 + Duration::minutes(40)).await.unwrap().expect("rotated");
    assert_eq!(who, account());
    assert_ne!(third, second);
    assert_eq!(sessions::rotate(s, &first, t0 + Duration::minutes(41)).await.unwrap(), None);
    assert_eq!(sessions::rotate(s, &second, t0 + Duration::minutes(41)).await.unwrap(), None);
    assert_eq!(sessions::rotate(s, "made-up", t0).await.unwrap(), None);
    assert_eq!(sessions::rotate(s, "", t0).await.unwrap(), None);
}

async fn a_replayed_token_fails(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    let token = sessions::start(s, account(), t0).await.unwrap();
    let (_, next) = sessions::rotate(s, &token, t0).await.unwrap().expect("rotated");
    assert_eq!(sessions::rotate(s, &token, t0).await.unwrap(), None, "the replay fails");
    // The replay left the legitimate successor alone.
    assert!(sessions::rotate(s, &next, t0).await.unwrap().is_some());
}

async fn of_concurrent_rotations_exactly_one_wins(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    for _ in 0..5 {
        let token = sessions::start(s, account(), t0).await.unwrap();
        let (a, b, c) = tokio::join!(
            sessions::rotate(s, &token, t0),
            sessions::rotate(s, &token, t0),
            sessions::rotate(s, &token, t0)
        );
        let outcomes = [a.unwrap(), b.unwrap(), c.unwrap()];
        let winners: Vec<_> = outcomes.iter().flatten().collect();
        assert_eq!(winners.len(), 1, "{outcomes:?}");
        assert!(sessions::rotate(s, &winners[0].1, t0).await.unwrap().is_some(), "the winner's token works");
    }
}

async fn logging_out_ends_the_session(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    let token = sessions::start(s, account(), t0).await.unwrap();
    let other = sessions::start(s, account(), t0).await.unwrap();
    sessions::end(s, &token).await.unwrap();
    assert_eq!(sessions::rotate(s, &token, t0).await.unwrap(), None);
    sessions::end(s, &token).await.unwrap();
    sessions::end(s, "never issued").await.unwrap();
    assert!(sessions::rotate(s, &other, t0).await.unwrap().is_some(), "other sessions go on");
}

async fn a_refresh_token_expires_after_thirty_days(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    let expiry = t0 + REFRESH_TTL;
    let token = sessions::start(s, account(), t0).await.unwrap();
    assert_eq!(sessions::rotate(s, &token, expiry).await.unwrap(), None);
    assert_eq!(sessions::rotate(s, &token, expiry + Duration::days(1)).await.unwrap(), None);
    let token = sessions::start(s, account(), t0).await.unwrap();
    let (_, next) =
        sessions::rotate(s, &token, expiry - Duration::seconds(1)).await.unwrap().expect("still good");
    // The next token's thirty days run from its own issue.
    assert!(sessions::rotate(s, &next, expiry + Duration::days(1)).await.unwrap().is_some());
}

async fn five_failures_in_the_window_make_the_subject_wait(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let subject = "account:张三@example.com";
    let other = "address:2001:db8::1";
    let t0 = now();
    let minute = |n: i32| t0 + Duration::minutes(n.into());
    assert_eq!(MAX_FAILURES, 5);
    assert_eq!(WINDOW, Duration::minutes(15));
    for n in 0..4 {
        throttle::record_failure(s, subject, minute(n)).await.unwrap();
        assert_eq!(
            throttle::retry_after(s, subject, minute(n)).await.unwrap(),
            None,
            "after {} failures",
            n + 1
        );
    }
    throttle::record_failure(s, subject, minute(4)).await.unwrap();
    // The oldest failure (at 0) leaves the window at 15: eleven minutes from the fifth.
    assert_eq!(throttle::retry_after(s, subject, minute(4)).await.unwrap(), Some(Duration::minutes(11)));
    let almost = minute(15) - Duration::milliseconds(1);
    assert_eq!(throttle::retry_after(s, subject, almost).await.unwrap(), Some(Duration::milliseconds(1)));
    assert_eq!(throttle::retry_after(s, subject, minute(15)).await.unwrap(), None);
    assert_eq!(throttle::retry_after(s, other, minute(4)).await.unwrap(), None, "subjects are apart");

    // More failures keep the subject waiting until one too few remain: after 12, the five latest
    // are 1, 2, 3, 4 and 12, and the one at 1 leaves at 16.
    throttle::record_failure(s, subject, minute(12)).await.unwrap();
    assert_eq!(throttle::retry_after(s, subject, minute(12)).await.unwrap(), Some(Duration::minutes(4)));
    assert_eq!(throttle::retry_after(s, subject, minute(16)).await.unwrap(), None);

    let item = s.get(&throttle_key(subject)).await.unwrap().expect("stored");
    let kept: Vec<DateTime<Utc>> = serde_json::from_value(item.data["failures"].clone()).unwrap();
    assert_eq!(kept, [1, 2, 3, 4, 12].map(minute));
    // Kept until the last failure leaves the window, rounded up to the second.
    assert_eq!(item.expires_at, Some((minute(12) + WINDOW).timestamp() + 1));
}

async fn clearing_forgets_the_failures(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let t0 = now();
    for _ in 0..MAX_FAILURES {
        throttle::record_failure(s, "address:192.0.2.1", t0).await.unwrap();
    }
    assert_eq!(throttle::retry_after(s, "address:192.0.2.1", t0).await.unwrap(), Some(WINDOW));
    throttle::clear(s, "address:192.0.2.1").await.unwrap();
    assert_eq!(throttle::retry_after(s, "address:192.0.2.1", t0).await.unwrap(), None);
    throttle::clear(s, "address:192.0.2.1").await.unwrap();
    throttle::record_failure(s, "address:192.0.2.1", t0).await.unwrap();
    assert_eq!(
        throttle::retry_after(s, "address:192.0.2.1", t0).await.unwrap(),
        None,
        "counting starts over"
    );
}

async fn concurrent_failures_all_count(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let subject = "account:racer@example.com";
    let t0 = now();
    let at = |ms: i64| t0 + Duration::milliseconds(ms);
    let (a, b, c, d, e) = tokio::join!(
        throttle::record_failure(s, subject, at(0)),
        throttle::record_failure(s, subject, at(1)),
        throttle::record_failure(s, subject, at(2)),
        throttle::record_failure(s, subject, at(3)),
        throttle::record_failure(s, subject, at(4)),
    );
    for outcome in [a, b, c, d, e] {
        outcome.unwrap();
    }
    assert_eq!(
        throttle::retry_after(s, subject, at(10)).await.unwrap(),
        Some(WINDOW - Duration::milliseconds(10))
    );
}

fn throttle_key(subject: &str) -> Key {
    Key::new(format!("THROTTLE#{}", hex::encode(Sha256::digest(subject))), "THROTTLE")
}
