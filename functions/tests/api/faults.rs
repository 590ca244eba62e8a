//! The API through a failing store (`store::faults`): whichever call of a request fails — at
//! once, after hanging, with a conflict, or with its write applied but its answer lost — the
//! client gets a clean error (or the request succeeds after all), nothing half-done is left, and
//! the same request retried with the same Idempotency-Key acts exactly once.

use crate::helpers::{spawn_app, Party, TestApp};
use crate::lifecycle::{hp001_form, path, published};
use market_functions::repo::idempotency::ABANDONED_AFTER;
use market_functions::repo::{projects, stats};
use market_functions::store::faults::Fault;
use serde_json::{json, Value};
use std::time::Duration;
use uuid::Uuid;

const FAULTS: [Fault; 4] =
    [Fault::Unavailable, Fault::TimeOut(Duration::from_millis(20)), Fault::Conflict, Fault::LostAnswer];

/// Everything a request of these tests could change, read with no fault planned.
async fn footprint(app: &TestApp, buyer: &Party, providers: &[&Party]) -> Value {
    let store = app.state.store.as_ref();
    let drafts = projects::of_buyer(store, buyer.organisation.unwrap(), None, 100).await.unwrap().items;
    let mut quotes = Vec::new();
    for p in providers {
        quotes.push(
            projects::quotes_of_provider(store, p.organisation.unwrap(), None, 100).await.unwrap().items,
        );
    }
    let mut events = Vec::new();
    for p in &drafts {
        events.push(projects::events(store, p.id, None, 1000).await.unwrap().items);
    }
    json!({
        "projects": serde_json::to_value(&drafts).unwrap(),
        "events": serde_json::to_value(&events).unwrap(),
        "quotes": serde_json::to_value(&quotes).unwrap(),
        "counters": serde_json::to_value(stats::counters(store).await.unwrap()).unwrap(),
    })
}

/// Sends `body` to `path` as `party` with the Idempotency-Key `key`; answers the status and body.
async fn post(app: &TestApp, path: &str, party: &Party, body: &Value, key: &str) -> (u16, Value) {
    let response = app
        .post(path, Some(party), body)
        .header("idempotency-key", key)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Checks an answer is a clean error: a status a client knows to retry on or to reload after,
/// the error body with its code, message and request id — never a 500 or a half-written body.
fn assert_clean_error(status: u16, body: &Value, what: &str) {
    assert!(matches!(status, 409 | 503), "{what}: status {status} {body}");
    assert!(
        matches!(body["code"].as_str(), Some("unavailable" | "conflict" | "idempotency_key_reused")),
        "{what}: {body}"
    );
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {body}");
    assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{what}: {body}");
}

/// Retries the request with the same key, as a client would, until it answers for good: a
/// success (run now, or its first answer replayed) or "carried out, answer lost". A key whose
/// first request is still pending is waited out (moving the clock past `ABANDONED_AFTER`).
async fn retry(
    app: &TestApp,
    path: &str,
    party: &Party,
    body: &Value,
    key: &str,
    what: &str,
) -> (u16, Value) {
    for _ in 0..3 {
        let (status, answer) = post(app, path, party, body, key).await;
        let message = answer["message"].as_str().unwrap_or_default();
        if status == 409 && message.contains("still running") {
            app.advance(chrono::Duration::seconds(ABANDONED_AFTER.num_seconds() + 1));
            continue;
        }
        assert!(status < 300 || message.contains("answer was lost"), "{what}: retried: {status} {answer}");
        return (status, answer);
    }
    panic!("{what}: the key stayed pending");
}

/// Runs `request` once for every store call it makes, that call failing with each fault in
/// turn: `check` gets the first answer, whether the request's change is in the store, and
/// the answer of its retry.
#[tokio::test]
async fn a_quote_submitted_through_failing_store_calls_is_taken_exactly_once() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let id = published(&app, &buyer, &hp001_form("lowest_price")).await;
    let quotes = path(&id, "/quotes");
    let form = json!({ "price": "80,000.00", "promised_days": 20 });
    let mut provider_no = 100;
    let mut runs = 0;
    for fault in FAULTS {
        for times in [1, 2] {
            for nth in 1.. {
                provider_no += 1;
                let provider = app.provider(provider_no, &["HP-001"]).await;
                let what = format!("{fault:?} ×{times} from call {nth}");
                let before = footprint(&app, &buyer, &[&provider]).await;
                let key = Uuid::new_v4().to_string();
                app.faults.fail(nth, times, fault);
                let (status, answer) = post(&app, &quotes, &provider, &form, &key).await;
                let fired = app.faults.fired();
                app.faults.heal();
                if fired == 0 {
                    assert_eq!(status, 201, "{what}: {answer}");
                    break;
                }
                runs += 1;
                let after = footprint(&app, &buyer, &[&provider]).await;
                let taken = after["quotes"][0].as_array().unwrap().len();
                assert!(taken <= 1, "{what}: {taken} quotes");
                if status != 201 {
                    assert_clean_error(status, &answer, &what);
                    if taken == 0 {
                        assert_eq!(after, before, "{what}: a failed request left something behind");
                    }
                }
                retry(&app, &quotes, &provider, &form, &key, &what).await;
                let done = footprint(&app, &buyer, &[&provider]).await;
                assert_eq!(done["quotes"][0].as_array().unwrap().len(), 1, "{what}: one quote in the end");
                let submitted = done["events"][0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|e| {
                        e["event"] == "quote_submitted"
                            && e["actor"]["organisation"] == json!(provider.organisation)
                    })
                    .count();
                assert_eq!(submitted, 1, "{what}: submitted once");
            }
        }
    }
    assert!(runs >= 4 * 2 * 4, "every fault hit several calls ({runs} runs)");
}

#[tokio::test]
async fn a_draft_created_through_a_lost_answer_is_created_once() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let form = hp001_form("lowest_price");
    let mut drafts = 0;
    for nth in 1.. {
        let key = Uuid::new_v4().to_string();
        app.faults.fail(nth, 1, Fault::LostAnswer);
        let (status, answer) = post(&app, "/api/v1/projects", &buyer, &form, &key).await;
        let fired = app.faults.fired();
        app.faults.heal();
        drafts += 1;
        let what = format!("the answer of call {nth} lost");
        if status != 201 {
            assert_clean_error(status, &answer, &what);
        }
        retry(&app, "/api/v1/projects", &buyer, &form, &key, &what).await;
        let made = footprint(&app, &buyer, &[]).await["projects"].as_array().unwrap().len();
        assert_eq!(made, drafts, "{what}: one draft per key");
        if fired == 0 {
            break;
        }
    }
    assert!(drafts >= 4, "the request makes several store calls ({drafts})");
}
