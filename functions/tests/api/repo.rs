//! The repositories over the embedded store: every access pattern of docs/data-model.md, the
//! one-transaction save of a project, uniqueness, idempotency and unreadable records.

use chrono::{DateTime, Duration, TimeZone, Utc};
use market_domain::calendar::WorkingCalendar;
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::{
    decide, verify_chain, Actor, ChainBreak, ChainLink, Command, Context, Event, Project, ProjectState,
    QuoteStanding, Role,
};
use market_domain::{Money, ProjectCode, WorkingDays};
use market_functions::catalogue::seed_catalogue;
use market_functions::repo::{accounts, catalogue, idempotency, keys, projects, stats, RepoError};
use market_functions::store::counting::CountingStore;
use market_functions::store::embedded::EmbeddedStore;
use market_functions::store::{Condition, Item, Key, Store, Write};
use serde_json::json;
use std::sync::Arc;
use uuid::Uuid;

const BUYER: u128 = 1;
const PROVIDERS: [u128; 3] = [11, 12, 13];

fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap()
}

fn org_id(n: u128) -> OrganisationId {
    OrganisationId(Uuid::from_u128(n))
}

fn organisation(n: u128, kind: serde_json::Value) -> Organisation {
    serde_json::from_value(json!({
        "id": org_id(n), "name": format!("机构{n}"), "credit_code": "91330100799655058B",
        "contact_email": format!("org{n}@example.com"), "contact_phone": "13800138000", "kind": kind
    }))
    .unwrap()
}

fn enterprise() -> Organisation {
    organisation(BUYER, json!({ "kind": "enterprise" }))
}

fn provider(n: u128, status: &str) -> Organisation {
    organisation(
        n,
        json!({
            "kind": "provider",
            "served_items": [{ "item": "HP-001", "published_fee": 5_000_000, "committed_days": 20 }],
            "qualifications": [{ "qualification_type": "EIA_ENGINEER", "level": "甲级", "certificate_number": "EIA-1",
                "issuer": "浙江省生态环境厅", "valid_from": "2020-01-01", "valid_until": "2030-12-31" }],
            "affiliations": [], "status": { "status": status }
        }),
    )
}

fn secret() -> Secret {
    Secret::from_bytes([7; 32])
}

fn actor(role: Role, org: u128) -> Actor {
    Actor { role, account: Some(AccountId(Uuid::from_u128(100 + org))), organisation: Some(org_id(org)) }
}

/// Decides a command, saves the result and returns the new project.
async fn act(
    store: &dyn Store,
    before: Option<&Project>,
    command: Command,
    actor: Actor,
    now: DateTime<Utc>,
) -> Project {
    let ctx = Context { now, calendar: WorkingCalendar::prc() };
    let events = decide(before, command, &actor, ctx).expect("the command is allowed");
    let after = match before {
        Some(p) => apply_all(p.clone(), &events),
        None => apply_all(Project::created(&events[0]).unwrap(), &events[1..]),
    };
    projects::save(store, before, &after, &events).await.expect("saved");
    after
}

fn apply_all(mut p: Project, events: &[Event]) -> Project {
    for e in events {
        p.apply(e);
    }
    p
}

fn item() -> market_domain::ServiceItem {
    seed_catalogue().items().iter().find(|i| i.code.as_str() == "HP-001").unwrap().clone()
}

async fn published(store: &dyn Store) -> Project {
    let terms = serde_json::from_value(json!({
        "item": "HP-001", "title": "化工项目环评", "description": "", "budget_cap": 10_000_000,
        "service_days": 30, "requirements": [{ "kind": "qualification", "value": "EIA_ENGINEER" }],
        "method": { "method": "lowest_price" }, "funding": { "funding": "enterprise" }, "bid_window": 3
    }))
    .unwrap();
    let create = Command::CreateDraft {
        id: ProjectId(Uuid::from_u128(500)),
        code: ProjectCode::new(2026, 1).unwrap(),
        terms,
        item: item(),
        buyer: enterprise(),
    };
    let p = act(store, None, create, actor(Role::Enterprise, BUYER), monday()).await;
    let publish = Command::Publish { commitment: Commitment::of(&secret()), item: item() };
    act(store, Some(&p), publish, actor(Role::Enterprise, BUYER), monday()).await
}

fn quote(n: u128, provider_n: u128, price: i64) -> Command {
    Command::SubmitQuote {
        quote: QuoteId(Uuid::from_u128(n)),
        price: Money::from_fen(price),
        promised_days: WorkingDays::new(20).unwrap(),
        provider: provider(provider_n, "approved"),
    }
}

async fn with_quotes(store: &dyn Store) -> Project {
    let mut p = published(store).await;
    for (i, n) in PROVIDERS.into_iter().enumerate() {
        let command = quote(200 + n, n, 8_000_000 - i as i64 * 1_000_000);
        p = act(store, Some(&p), command, actor(Role::Provider, n), monday() + Duration::hours(1)).await;
    }
    p
}

/// Expands into one module per engine, each with one `#[tokio::test]` per case, running the
/// repositories on the engine that its expression (a future of `Option<Arc<dyn Store>>`)
/// builds: the same code, both engines.
macro_rules! repo_tests {
    ($($engine:ident => $store:expr),+ ; $cases:tt) => {
        $( repo_tests!(@engine $engine, $store, $cases); )+
    };
    (@engine $engine:ident, $store:expr, [$($case:ident),+ $(,)?]) => {
        mod $engine {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(store) = $store.await else { return };
                    super::$case(store).await;
                }
            )+
        }
    };
}
// Other test modules run their repository tests on both engines too.
pub(crate) use repo_tests;

repo_tests!(
    redb => async { Some(Arc::new(EmbeddedStore::temporary().unwrap()) as Arc<dyn Store>) },
    dynamo => async { crate::dynamo::dynamo_store_if_available().await.map(|s| Arc::new(s) as Arc<dyn Store>) };
    [
        a_project_is_saved_with_its_events_and_indexes,
        a_stale_save_writes_nothing,
        a_replaced_quote_keeps_one_live_marker,
        accounts_are_unique_per_email,
        organisations_keep_their_indexes_in_step,
        the_seed_catalogue_loads_once,
        an_idempotency_key_answers_once_and_expires,
        an_unreadable_record_is_reported_by_key_and_skipped_in_lists,
        the_counting_store_counts_every_call,
        the_stored_events_form_a_chain_that_catches_an_altered_event,
    ]
);

async fn a_project_is_saved_with_its_events_and_indexes(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let p = with_quotes(s).await;

    assert_eq!(projects::get(s, p.id).await.unwrap().as_ref(), Some(&p));
    let events = projects::events(s, p.id, None, 100).await.unwrap();
    assert_eq!(events.items.len() as u64, p.version);
    assert_eq!(Project::from_events(&events.items).as_ref(), Some(&p), "the events rebuild the snapshot");

    let open = projects::open_by_item(s, &item().code, None, 10).await.unwrap();
    assert_eq!(open.items.iter().map(|p| p.id).collect::<Vec<_>>(), vec![p.id]);
    let closing = projects::open_closing_by(s, p.closes_at.unwrap(), None, 10).await.unwrap();
    assert_eq!(closing.items.len(), 1);
    let not_yet =
        projects::open_closing_by(s, p.closes_at.unwrap() - Duration::seconds(1), None, 10).await.unwrap();
    assert!(not_yet.items.is_empty());
    assert_eq!(projects::of_buyer(s, org_id(BUYER), None, 10).await.unwrap().items.len(), 1);
    assert_eq!(projects::quotes_of_project(s, p.id).await.unwrap().len(), 3);
    let mine = projects::quotes_of_provider(s, org_id(11), None, 10).await.unwrap();
    assert_eq!(mine.items.len(), 1);
    assert_eq!(mine.items[0].quote.price, Money::from_fen(8_000_000));

    let counters = stats::counters(s).await.unwrap();
    assert_eq!(counters.get("projects_created"), Some(&1));
    assert_eq!(counters.get("projects_published"), Some(&1));
    assert_eq!(counters.get("quotes_submitted"), Some(&3));

    // Closing takes the project out of the open indexes and selects.
    let standings = PROVIDERS
        .iter()
        .map(|&n| QuoteStanding {
            provider: org_id(n),
            in_good_standing: true,
            rating: None,
            credit_score: 100,
        })
        .collect();
    let close = Command::CloseBidding { secret: secret(), standings };
    let p = act(s, Some(&p), close, Actor::SYSTEM, p.closes_at.unwrap() + Duration::minutes(1)).await;
    assert_eq!(p.state, ProjectState::Selected);
    assert!(projects::open_by_item(s, &item().code, None, 10).await.unwrap().items.is_empty());
    assert!(projects::open_closing_by(s, p.closes_at.unwrap(), None, 10).await.unwrap().items.is_empty());
    assert_eq!(stats::counters(s).await.unwrap().get("selections"), Some(&1));
}

async fn a_stale_save_writes_nothing(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let p = published(s).await;
    let now = monday() + Duration::hours(1);
    let ctx = Context { now, calendar: WorkingCalendar::prc() };
    // Two providers decide against the same version; the second save must lose.
    let first = decide(Some(&p), quote(201, 11, 5_000_000), &actor(Role::Provider, 11), ctx).unwrap();
    let second = decide(Some(&p), quote(202, 12, 6_000_000), &actor(Role::Provider, 12), ctx).unwrap();
    projects::save(s, Some(&p), &apply_all(p.clone(), &first), &first).await.unwrap();
    let lost = projects::save(s, Some(&p), &apply_all(p.clone(), &second), &second).await;
    assert!(matches!(lost, Err(RepoError::Conflict)), "{lost:?}");
    let stored = projects::get(s, p.id).await.unwrap().unwrap();
    assert_eq!(stored.quotes.len(), 1);
    assert_eq!(projects::events(s, p.id, None, 100).await.unwrap().items.len() as u64, stored.version);
    assert_eq!(projects::quotes_of_provider(s, org_id(12), None, 10).await.unwrap().items.len(), 0);
    assert_eq!(stats::counters(s).await.unwrap().get("quotes_submitted"), Some(&1));
}

async fn a_replaced_quote_keeps_one_live_marker(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let p = published(s).await;
    let t = monday() + Duration::hours(1);
    let p = act(s, Some(&p), quote(201, 11, 5_000_000), actor(Role::Provider, 11), t).await;
    let p = act(s, Some(&p), quote(202, 11, 4_000_000), actor(Role::Provider, 11), t).await;
    let marker =
        s.get(&Key::new(format!("PROJECT#{}", p.id), format!("LIVEQUOTE#{}", org_id(11)))).await.unwrap();
    assert_eq!(marker.unwrap().data["quote"], json!(QuoteId(Uuid::from_u128(202))));
    let mine = projects::quotes_of_provider(s, org_id(11), None, 10).await.unwrap();
    assert_eq!(mine.items.len(), 2, "both quotes stay listed for their provider, with their status");
}

async fn accounts_are_unique_per_email(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let account = |n: u128, email: &str| accounts::Account {
        id: AccountId(Uuid::from_u128(n)),
        email: email.parse().unwrap(),
        role: Role::Enterprise,
        organisation: Some(org_id(BUYER)),
        password_hash: "$argon2id$…".into(),
        created_at: monday(),
    };
    accounts::create_account(s, &account(1, "buyer@example.com")).await.unwrap();
    let again = accounts::create_account(s, &account(2, "buyer@example.com")).await;
    assert!(matches!(again, Err(RepoError::Duplicate("email"))), "{again:?}");
    assert!(
        accounts::account(s, AccountId(Uuid::from_u128(2))).await.unwrap().is_none(),
        "nothing half-written"
    );
    let found = accounts::account_by_email(s, "Buyer@Example.com").await.unwrap().unwrap();
    assert_eq!(found.id, AccountId(Uuid::from_u128(1)));
}

async fn organisations_keep_their_indexes_in_step(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let pending = provider(11, "pending");
    let v1 = accounts::save_organisation(s, None, &pending, monday()).await.unwrap();
    accounts::save_organisation(s, None, &provider(12, "approved"), monday()).await.unwrap();
    let code = item().code;
    assert_eq!(
        accounts::providers_serving(s, &code, None, 10).await.unwrap().items,
        vec![org_id(11), org_id(12)]
    );
    assert_eq!(accounts::pending_providers(s, None, 10).await.unwrap().items, vec![pending.clone()]);
    assert_eq!(accounts::providers(s, None, 10).await.unwrap().items.len(), 2);

    // Approve it, and stop serving the item: it leaves the queue and the item's list.
    let stored = accounts::organisation(s, org_id(11)).await.unwrap().unwrap();
    assert_eq!(stored.version, v1);
    let mut approved = provider(11, "approved");
    if let market_domain::organisation::OrganisationKind::Provider(p) = &mut approved.kind {
        p.served_items.clear();
    }
    accounts::save_organisation(s, Some(&stored), &approved, monday()).await.unwrap();
    assert!(accounts::pending_providers(s, None, 10).await.unwrap().items.is_empty());
    assert_eq!(accounts::providers_serving(s, &code, None, 10).await.unwrap().items, vec![org_id(12)]);
    let stale = accounts::save_organisation(s, Some(&stored), &approved, monday()).await;
    assert!(matches!(stale, Err(RepoError::Conflict)), "{stale:?}");
}

async fn the_seed_catalogue_loads_once(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let seed = seed_catalogue();
    assert!(catalogue::load_seed_if_empty(s, &seed).await.unwrap());
    assert!(!catalogue::load_seed_if_empty(s, &seed).await.unwrap());
    // Listed by code.
    let mut by_code = seed.items().to_vec();
    by_code.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(catalogue::catalogue(s).await.unwrap().items(), by_code.as_slice());
    assert_eq!(catalogue::item(s, &item().code).await.unwrap(), Some(item()));
}

async fn an_idempotency_key_answers_once_and_expires(store: Arc<dyn Store>) {
    use idempotency::{IdempotencyRecord, Reservation};
    let s = store.as_ref();
    let subject = AccountId(Uuid::from_u128(1)).to_string();
    let now = Utc::now();
    assert_eq!(idempotency::reserve(s, &subject, "k1", "abc", now).await.unwrap(), Reservation::Reserved);
    let pending = IdempotencyRecord::pending("abc", now);
    assert_eq!(
        idempotency::reserve(s, &subject, "k1", "abc", now).await.unwrap(),
        Reservation::Seen(pending.clone())
    );
    let done =
        IdempotencyRecord { status: Some(201), body: json!({ "id": 1 }), applied: true, ..pending.clone() };
    idempotency::complete(s, &subject, "k1", &done, now).await.unwrap();
    assert_eq!(idempotency::get(s, &subject, "k1").await.unwrap(), Some(done.clone()));
    assert_eq!(
        idempotency::reserve(s, &subject, "k1", "other", now).await.unwrap(),
        Reservation::Seen(done.clone())
    );
    // Another subject's key of the same name is another key.
    assert_eq!(idempotency::reserve(s, "anonymous", "k1", "abc", now).await.unwrap(), Reservation::Reserved);
    // A released key is free again.
    idempotency::release(s, "anonymous", "k1").await.unwrap();
    assert_eq!(idempotency::get(s, "anonymous", "k1").await.unwrap(), None);
    // A record written more than a day ago has expired: gone, and the key is free again.
    idempotency::complete(s, &subject, "old", &done, now - Duration::hours(25)).await.unwrap();
    assert_eq!(idempotency::get(s, &subject, "old").await.unwrap(), None);
    assert_eq!(idempotency::reserve(s, &subject, "old", "abc", now).await.unwrap(), Reservation::Reserved);
}

async fn an_unreadable_record_is_reported_by_key_and_skipped_in_lists(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let p = with_quotes(s).await;
    // A quote whose data is not a quote record.
    let bad_key = Key::new(format!("PROJECT#{}", p.id), "QUOTE#zzz");
    let bad = Item::new(bad_key.clone(), json!({ "not": "a quote" }));
    s.write(vec![Write::Put { item: bad, condition: Condition::Always }]).await.unwrap();
    assert_eq!(projects::quotes_of_project(s, p.id).await.unwrap().len(), 3, "the bad one is skipped");
    let mut snapshot = s.get(&Key::new(format!("PROJECT#{}", p.id), "PROJECT")).await.unwrap().unwrap();
    snapshot.data = json!("garbage");
    s.write(vec![Write::Put { item: snapshot, condition: Condition::Always }]).await.unwrap();
    match projects::get(s, p.id).await {
        Err(RepoError::Corrupt { key, .. }) => assert_eq!(key.pk, format!("PROJECT#{}", p.id)),
        other => panic!("expected Corrupt, got {other:?}"),
    }
}

async fn the_counting_store_counts_every_call(store: Arc<dyn Store>) {
    let counting = CountingStore::new(store);
    let p = published(&counting).await;
    let calls = counting.take();
    assert_eq!((calls.gets, calls.queries, calls.writes), (0, 0, 2), "two saves, no reads");
    projects::get(&counting, p.id).await.unwrap();
    projects::events(&counting, p.id, None, 10).await.unwrap();
    assert_eq!(counting.calls().total(), 2);
}

/// The chain over the stored events, with the hashes stored beside them.
async fn stored_chain(s: &dyn Store, id: ProjectId) -> Result<market_domain::project::EventHash, ChainBreak> {
    let stored = projects::numbered_events(s, id, None, 100).await.unwrap().items;
    let links: Vec<ChainLink> = stored
        .iter()
        .map(|e| ChainLink { seq: e.seq, event: Some(&e.event), hash: e.hash.expect("stored with its hash") })
        .collect();
    verify_chain(links)
}

async fn the_stored_events_form_a_chain_that_catches_an_altered_event(store: Arc<dyn Store>) {
    let s = store.as_ref();
    let p = with_quotes(s).await;
    assert_eq!(p.version, 5, "created, published, three quotes");
    assert_eq!(stored_chain(s, p.id).await, Ok(p.chain_head), "the chain ends at the snapshot's head");

    // Someone with access to the table lowers the first quote's price in its stored event.
    let key = keys::event(p.id, 3);
    let mut item = s.get(&key).await.unwrap().expect("the third event");
    assert_eq!(item.data["event"], "quote_submitted");
    item.data["quote"]["price"] = json!(1_000_000);
    s.write(vec![Write::Put { item, condition: Condition::Always }]).await.unwrap();
    match stored_chain(s, p.id).await {
        Err(ChainBreak::Altered { seq: 3, .. }) => {}
        other => panic!("expected the altered event 3 to be caught, got {other:?}"),
    }
}
