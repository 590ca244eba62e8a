//! The marketplace under concurrent load, over loopback on the embedded store, bounded in count:
//! a thousand quotes racing the close of bidding — every accepted quote kept, none accepted
//! late — and fifty choices racing on one project — exactly one wins. The counts are printed
//! (`--nocapture`) for the performance report; nothing here measures time.

use crate::helpers::{json_of, spawn_app, Party, TestApp};
use crate::lifecycle::{hp001_form, live_quote_of, path, published, quote, CLOSES_AT};
use chrono::{DateTime, Duration, Utc};
use market_domain::ids::ProjectId;
use market_functions::repo::projects;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use uuid::Uuid;

const PROJECTS: usize = 10;
const SUBMISSIONS: u32 = 1_000;
/// How often a client retries a request that lost every race (`409 conflict`), with its key.
const CLIENT_RETRIES: usize = 5;

/// Posts `body` as `party` with one Idempotency-Key, retrying on `409 conflict` as a client
/// would; answers the last status and body.
async fn post_retrying(app: &TestApp, path: &str, party: &Party, body: &Value) -> (u16, Value) {
    let key = Uuid::new_v4().to_string();
    let mut answer = (0, Value::Null);
    for _ in 0..=CLIENT_RETRIES {
        let response =
            app.post(path, Some(party), body).header("idempotency-key", &key).send().await.unwrap();
        answer = (response.status().as_u16(), response.json().await.unwrap_or(Value::Null));
        if answer.0 != 409 || answer.1["code"] != "conflict" {
            break;
        }
    }
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_quotes_racing_the_close_are_all_kept_and_none_is_late() {
    let app = Arc::new(spawn_app().await);
    let buyer = app.enterprise(1).await;
    let mut ids = Vec::new();
    for _ in 0..PROJECTS {
        ids.push(published(&app, &buyer, &hp001_form("direct_choice")).await);
    }
    let closes_at: DateTime<Utc> = CLOSES_AT.parse().unwrap();
    let providers = app.providers(1_000, SUBMISSIONS, &["HP-001"]).await;
    app.clock.advance_to(closes_at - Duration::seconds(1));

    // Every submission at once; when half have been answered, the close instant passes.
    let answered = Arc::new(AtomicUsize::new(0));
    let submissions: Vec<_> = providers
        .into_iter()
        .enumerate()
        .map(|(i, provider)| {
            let (app, answered, id) = (app.clone(), answered.clone(), ids[i % PROJECTS].clone());
            tokio::spawn(async move {
                let form = json!({ "price": format!("{}.00", 50_000 + i), "promised_days": 20 });
                let (status, view) = post_retrying(&app, &path(&id, "/quotes"), &provider, &form).await;
                if answered.fetch_add(1, Ordering::SeqCst) + 1 == SUBMISSIONS as usize / 2 {
                    app.clock.advance_to(closes_at);
                }
                let accepted = (status == 201).then(|| live_quote_of(&view, &provider));
                (status, view, accepted)
            })
        })
        .collect();
    let answers = join_all(submissions).await;

    let accepted: BTreeSet<String> = answers.iter().filter_map(|(_, _, q)| q.clone()).collect();
    let mut refused_closed = 0;
    for (status, body, quote) in &answers {
        if quote.is_none() {
            // Refused only because bidding had closed: a clean answer, nothing else.
            assert_eq!(*status, 422, "{body}");
            assert_eq!(body["code"], "rule_violation", "{body}");
            refused_closed += 1;
        }
    }

    app.clock.advance_to(closes_at + Duration::minutes(1));
    let store = app.state.store.as_ref();
    let mut stored = BTreeSet::new();
    for id in &ids {
        let id = ProjectId(id.parse().unwrap());
        // Read the way every read does, so whatever the close decided is saved.
        market_functions::lifecycle::settle(&app.state, id).await.unwrap();
        for record in projects::quotes_of_project(store, id).await.unwrap() {
            assert!(record.quote.submitted_at < closes_at, "a quote accepted late: {:?}", record.quote);
            stored.insert(record.quote.id.0.to_string());
        }
    }
    let lost: Vec<_> = accepted.difference(&stored).collect();
    let unanswered: Vec<_> = stored.difference(&accepted).collect();
    eprintln!(
        "load: {SUBMISSIONS} quote submissions on {PROJECTS} projects around the close: {} accepted, \
         {refused_closed} refused as late, {} lost, {} stored without an answer",
        accepted.len(),
        lost.len(),
        unanswered.len()
    );
    assert!(lost.is_empty(), "accepted but not kept: {lost:?}");
    assert!(unanswered.is_empty(), "kept but never accepted: {unanswered:?}");
    assert!(!accepted.is_empty() && refused_closed > 0, "the close fell within the run");
    assert_eq!(accepted.len() + refused_closed, SUBMISSIONS as usize);
}

/// Every task's answer, in order.
async fn join_all<T>(tasks: impl IntoIterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("a request task"));
    }
    answers
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_choices_racing_on_one_project_select_exactly_once() {
    let app = Arc::new(spawn_app().await);
    let buyer = app.enterprise(1).await;
    let id = published(&app, &buyer, &hp001_form("direct_choice")).await;
    let mut quotes = Vec::new();
    for (n, price) in [(2, "80,000.00"), (3, "85,000.00"), (4, "90,000.00")] {
        let provider = app.provider(n, &["HP-001"]).await;
        quotes.push(live_quote_of(&quote(&app, &provider, &id, price, 20).await, &provider));
    }
    app.clock.advance_to(CLOSES_AT.parse::<DateTime<Utc>>().unwrap() + Duration::minutes(1));

    let choices = (0..50).map(|i| {
        let (app, buyer, id, quote) = (app.clone(), buyer.clone(), id.clone(), quotes[i % 3].clone());
        tokio::spawn(async move {
            let response = app
                .post(&path(&id, "/choice"), Some(&buyer), &json!({ "quote": quote }))
                .header("idempotency-key", Uuid::new_v4().to_string())
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.json::<Value>().await.unwrap(), quote)
        })
    });
    let answers = join_all(choices).await;
    let won: Vec<_> = answers.iter().filter(|(status, _, _)| *status == 200).collect();
    let refused = answers.iter().filter(|(status, _, _)| matches!(status, 409 | 422)).count();
    eprintln!("load: 50 concurrent choices on one project: {} selected, {refused} refused", won.len());
    assert_eq!(won.len(), 1, "exactly one choice wins");
    assert_eq!(refused, 49, "every other one is refused cleanly");
    let (_, view, chosen) = won[0];
    assert_eq!(view["project"]["selection"]["outcome"]["winner"], chosen.as_str());

    let project = json_of(app.get(&path(&id, ""), None).send().await.unwrap(), 200).await;
    assert_eq!(project["project"]["selection"]["outcome"]["winner"], chosen.as_str());
    let log = json_of(app.get(&path(&id, "/events"), None).send().await.unwrap(), 200).await;
    let selections =
        log["items"].as_array().unwrap().iter().filter(|e| e["event"]["event"] == "selected").count();
    assert_eq!(selections, 1, "one selection in the log");
}
