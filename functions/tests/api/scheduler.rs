//! The scheduler: it closes ended bid windows, stamping the close at the close instant, so a
//! late run decides exactly what a punctual one would have.

use crate::helpers::{spawn_app, Party, TestApp};
use chrono::Duration;
use market_domain::fixtures;
use market_domain::organisation::Organisation;
use market_domain::project::{Actor, Command, EventKind, ProjectState, ProjectTerms};
use market_domain::Money;
use market_domain::ServiceItem;
use market_functions::{lifecycle, repo, scheduler};
use serde_json::json;

pub fn actor(p: &Party) -> Actor {
    Actor { role: p.role, account: Some(p.account), organisation: p.organisation }
}

/// An enterprise's project, awarded at the lowest price.
fn terms() -> ProjectTerms {
    fixtures::terms(json!({ "method": "lowest_price" }), json!({ "funding": "enterprise" }))
}

/// What drafting needs: the buyer's organisation and the catalogue item, from the store.
async fn buyer_and_item(app: &TestApp, buyer: &Party) -> (Organisation, ServiceItem) {
    let store = app.state.store.as_ref();
    let org = repo::accounts::organisation(store, buyer.organisation.unwrap()).await.unwrap().unwrap().value;
    (org, repo::catalogue::item(store, &terms().item).await.unwrap().unwrap())
}

#[tokio::test]
async fn a_late_scheduler_run_closes_at_the_close_instant_and_a_second_run_does_nothing() {
    let app = spawn_app().await;
    let state = &app.state;
    let store = state.store.as_ref();
    let buyer = app.enterprise(1).await;
    let (buyer_org, item) = buyer_and_item(&app, &buyer).await;
    let draft = lifecycle::create(state, &actor(&buyer), |id, code| {
        Ok(Command::CreateDraft { id, code, terms: terms(), item: item.clone(), buyer: buyer_org.clone() })
    })
    .await
    .unwrap();
    assert_eq!(draft.code.to_string(), "ZJ-2026-000001");
    let (_, commitment, keep) = lifecycle::new_secret(draft.id);
    let published = lifecycle::act(state, draft.id, &actor(&buyer), |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
    .unwrap();
    let closes_at = published.closes_at.unwrap();
    for n in 2..=3 {
        let provider = app.provider(n, &["HP-001"]).await;
        let org =
            repo::accounts::organisation(store, provider.organisation.unwrap()).await.unwrap().unwrap().value;
        let price = Money::parse(&format!("{}0,000.00", 9 - n)).unwrap();
        lifecycle::act(state, draft.id, &actor(&provider), |_| {
            Ok((
                Command::SubmitQuote {
                    quote: market_domain::ids::QuoteId(uuid::Uuid::new_v4()),
                    price,
                    promised_days: market_domain::WorkingDays::new(20).unwrap(),
                    provider: org.clone(),
                },
                vec![],
            ))
        })
        .await
        .unwrap();
    }
    assert_eq!(scheduler::run_once(state).await.unwrap().closed, 0, "nothing is due before the close");
    // The scheduler runs two days late.
    app.clock.advance_to(closes_at + Duration::days(2));
    assert_eq!(scheduler::run_once(state).await.unwrap().closed, 1);
    let stored = repo::projects::get(store, draft.id).await.unwrap().unwrap();
    assert_eq!(stored.state, ProjectState::Selected);
    let events = repo::projects::events(store, draft.id, None, 100).await.unwrap().items;
    let closed = events.iter().find(|e| matches!(e.kind, EventKind::BiddingClosed { .. })).unwrap();
    assert_eq!(closed.at, closes_at);
    let selected = events.iter().find(|e| matches!(e.kind, EventKind::Selected { .. })).unwrap();
    assert_eq!(selected.at, closes_at);
    // The publicity period counts from the close, not from the late run.
    let expected_end = state.calendar.add_working_days(closes_at, 3).unwrap();
    assert_eq!(stored.publicity_ends_at, Some(expected_end));
    assert_eq!(stored.winner().unwrap().price, Money::parse("60,000.00").unwrap());
    assert_eq!(scheduler::run_once(state).await.unwrap().closed, 0);
}

#[tokio::test]
async fn drafts_created_at_once_get_consecutive_codes() {
    let app = spawn_app().await;
    let state = &app.state;
    let buyer = app.enterprise(1).await;
    let (buyer_org, item) = buyer_and_item(&app, &buyer).await;
    let acting = actor(&buyer);
    let create = || {
        lifecycle::create(state, &acting, |id, code| {
            Ok(Command::CreateDraft {
                id,
                code,
                terms: terms(),
                item: item.clone(),
                buyer: buyer_org.clone(),
            })
        })
    };
    let (a, b, c) = tokio::join!(create(), create(), create());
    let mut codes: Vec<String> = [a, b, c].into_iter().map(|p| p.unwrap().code.to_string()).collect();
    codes.sort();
    assert_eq!(codes, ["ZJ-2026-000001", "ZJ-2026-000002", "ZJ-2026-000003"]);
}

#[tokio::test]
async fn a_close_that_tells_more_providers_than_one_transaction_holds_still_closes() {
    let app = spawn_app().await;
    let state = &app.state;
    let store = state.store.as_ref();
    let buyer = app.enterprise(1).await;
    let (buyer_org, item) = buyer_and_item(&app, &buyer).await;
    let draft = lifecycle::create(state, &actor(&buyer), |id, code| {
        Ok(Command::CreateDraft { id, code, terms: terms(), item: item.clone(), buyer: buyer_org.clone() })
    })
    .await
    .unwrap();
    let (_, commitment, keep) = lifecycle::new_secret(draft.id);
    let published = lifecycle::act(state, draft.id, &actor(&buyer), |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
    .unwrap();
    // 95 quoting providers: with the buyer's two notifications and the change itself, the close
    // needs more writes than one transaction holds.
    let mut providers = Vec::new();
    for n in 0..95u32 {
        let provider = app.provider(100 + n, &["HP-001"]).await;
        let org =
            repo::accounts::organisation(store, provider.organisation.unwrap()).await.unwrap().unwrap().value;
        let price = Money::parse(&format!("{}.00", 50_000 + n)).unwrap();
        lifecycle::act(state, draft.id, &actor(&provider), |_| {
            Ok((
                Command::SubmitQuote {
                    quote: market_domain::ids::QuoteId(uuid::Uuid::new_v4()),
                    price,
                    promised_days: market_domain::WorkingDays::new(20).unwrap(),
                    provider: org.clone(),
                },
                vec![],
            ))
        })
        .await
        .unwrap();
        providers.push(provider);
    }
    app.clock.advance_to(published.closes_at.unwrap());
    assert_eq!(scheduler::run_once(state).await.unwrap().closed, 1);
    let stored = repo::projects::get(store, draft.id).await.unwrap().unwrap();
    assert_eq!(stored.state, ProjectState::Selected);
    assert_eq!(stored.winner().unwrap().provider, providers[0].organisation.unwrap());
    // Every quoting provider was told, the winner that it won.
    for (i, p) in providers.iter().enumerate() {
        let inbox = repo::notifications::Inbox::Organisation(p.organisation.unwrap());
        let notes = repo::notifications::inbox(store, inbox, None, 10).await.unwrap().items;
        let won = i == 0;
        assert_eq!(
            notes.iter().map(|n| n.kind.clone()).collect::<Vec<_>>(),
            [repo::notifications::NotificationKind::Selected { won }],
            "provider {i}"
        );
    }
}
