//! The demo data: loaded into a fresh store it makes exactly the market it promises — the
//! organisations, accounts and sixty projects in every state — through the real rules, once.

use crate::helpers::demo_state;
use chrono::Duration;
use market_domain::credit::CreditReason;
use market_domain::organisation::{OrganisationKind, ProviderStatus};
use market_domain::project::{Project, ProjectState, Role};
use market_domain::selection::verify_selection;
use market_functions::auth::password::verify_password;
use market_functions::demo::{self, DEMO_PASSWORD};
use market_functions::repo::{accounts, projects, stats};
use market_functions::AppState;
use std::collections::{BTreeMap, BTreeSet};

async fn all_projects(state: &AppState, loaded: &demo::Loaded) -> Vec<Project> {
    let store = state.store.as_ref();
    let mut all = Vec::new();
    for buyer in loaded.enterprises.iter().chain(&loaded.departments) {
        let page = projects::of_buyer(store, *buyer, None, 100).await.unwrap();
        assert_eq!(page.next, None);
        all.extend(page.items);
    }
    all
}

async fn provider_directory(state: &AppState) -> Vec<market_domain::organisation::Organisation> {
    let page = accounts::providers(state.store.as_ref(), None, 100).await.unwrap();
    assert_eq!(page.next, None);
    page.items
}

/// How many projects are in each state.
fn states_of(all: &[Project]) -> BTreeMap<String, usize> {
    let mut by_state = BTreeMap::new();
    for p in all {
        *by_state.entry(format!("{:?}", p.state)).or_insert(0) += 1;
    }
    by_state
}

/// Every state, in the numbers the demo promises.
fn expected_states() -> BTreeMap<String, usize> {
    [
        (ProjectState::Draft, 3),
        (ProjectState::Published, 7),
        (ProjectState::BiddingClosed, 2),
        (ProjectState::Selected, 4),
        (ProjectState::Failed, 3),
        (ProjectState::Cancelled, 3),
        (ProjectState::Contracted, 2),
        (ProjectState::InService, 4),
        (ProjectState::Delivered, 2),
        (ProjectState::Accepted, 2),
        (ProjectState::Rated, 28),
    ]
    .iter()
    .map(|(s, n)| (format!("{s:?}"), *n))
    .collect()
}

#[tokio::test]
async fn the_demo_market_is_exactly_what_it_promises_and_loads_only_once() {
    let (state, loaded) = demo_state().await;
    let store = state.store.as_ref();
    let now = state.clock.now();

    // Organisations by kind, and one account each plus two supervisors.
    assert_eq!((loaded.enterprises.len(), loaded.departments.len(), loaded.providers.len()), (10, 3, 33));
    assert_eq!(loaded.accounts.len(), 48);
    for id in &loaded.enterprises {
        let org = accounts::organisation(store, *id).await.unwrap().unwrap().value;
        assert_eq!(org.kind, OrganisationKind::Enterprise, "{}", org.name);
    }
    for id in &loaded.departments {
        let org = accounts::organisation(store, *id).await.unwrap().unwrap().value;
        let OrganisationKind::Department { budget_lines } = org.kind else {
            panic!("{} is a department", org.name)
        };
        assert_eq!(budget_lines.len(), 2);
    }

    // Providers: approved, pending, blacklisted (in force), affiliated.
    let directory = provider_directory(&state).await;
    let listed: BTreeSet<_> = directory.iter().map(|o| o.id).collect();
    assert_eq!(listed, loaded.providers.iter().copied().collect());
    let profiles: Vec<_> = directory
        .iter()
        .map(|o| match &o.kind {
            OrganisationKind::Provider(p) => (o, p),
            _ => panic!("{} in the provider directory", o.name),
        })
        .collect();
    let count = |f: &dyn Fn(&market_domain::organisation::ProviderProfile) -> bool| {
        profiles.iter().filter(|(_, p)| f(p)).count()
    };
    assert_eq!(count(&|p| p.status == ProviderStatus::Approved), 30);
    assert_eq!(count(&|p| p.status == ProviderStatus::Pending), 3);
    assert_eq!(count(&|p| p.in_good_standing(now)), 29);
    assert_eq!(accounts::pending_providers(store, None, 100).await.unwrap().items.len(), 3);
    let blacklisted: Vec<_> = profiles.iter().filter(|(_, p)| p.blacklisted_at(now).is_some()).collect();
    assert_eq!(blacklisted.len(), 1);
    let (org, profile) = blacklisted[0];
    assert_eq!(org.name.as_str(), "温州中正工程造价咨询有限公司");
    assert!(!profile.blacklistings[0].reason.is_empty());
    let affiliated: Vec<_> = profiles.iter().filter(|(_, p)| !p.affiliations.is_empty()).collect();
    assert_eq!(affiliated.len(), 1);
    assert_eq!(affiliated[0].1.affiliations, vec![loaded.departments[1]]);
    for (org, profile) in &profiles {
        assert!((1..=4).contains(&profile.served_items.len()), "{}", org.name);
        assert!(!profile.qualifications.is_empty(), "{}", org.name);
        assert_eq!(org.credit_code.as_str().len(), 18);
    }

    // Projects: sixty, every state present, in the promised numbers.
    let all = all_projects(&state, &loaded).await;
    assert_eq!(all.len(), 60);
    assert_eq!(all.iter().map(|p| p.id).collect::<BTreeSet<_>>(), loaded.projects.iter().copied().collect());
    assert_eq!(states_of(&all), expected_states());
    let methods: BTreeSet<_> =
        all.iter().map(|p| format!("{:?}", p.terms.method).chars().take(8).collect::<String>()).collect();
    assert_eq!(methods.len(), 5, "{methods:?}");
    assert_eq!(all.iter().filter(|p| p.terms.funding.is_public()).count(), 16);

    for p in &all {
        // Every project is what its stored events make of it, and every event is in the past.
        let events = projects::events(store, p.id, None, 1000).await.unwrap();
        assert_eq!(events.next, None);
        assert_eq!(Project::from_events(&events.items).as_ref(), Some(p), "{}", p.terms.title);
        assert!(
            events.items.iter().all(|e| e.at < now && e.at > now - Duration::days(250)),
            "{}",
            p.terms.title
        );
        // Every draw verifies from its published record alone.
        for record in p.selection.iter().chain(&p.voided_selections) {
            let outcome = verify_selection(record).unwrap();
            assert_eq!(outcome.winner, record.outcome.winner);
        }
        // Open bidding closes in the future; quotes stay under the cap.
        if p.state == ProjectState::Published {
            assert!(p.closes_at.unwrap() > now, "{} closed at {:?}", p.terms.title, p.closes_at);
        }
        assert!(p.quotes.iter().all(|q| q.price <= p.terms.budget_cap));
        if !matches!(p.state, ProjectState::Draft | ProjectState::Published | ProjectState::Cancelled) {
            assert!((2..=7).contains(&p.quotes.len()), "{}: {} quotes", p.terms.title, p.quotes.len());
        }
    }
    let selected: Vec<_> = all.iter().filter(|p| p.state == ProjectState::Selected).collect();
    assert_eq!(selected.iter().filter(|p| p.has_pending_objection()).count(), 1);
    assert!(selected.iter().all(|p| p.has_pending_objection() || p.publicity_ends_at.unwrap() > now));
    let in_service: Vec<_> = all.iter().filter(|p| p.state == ProjectState::InService).collect();
    let overdue = |p: &&&Project| p.contract.as_ref().unwrap().deadline.unwrap() < now;
    assert_eq!(in_service.iter().filter(overdue).count(), 1);
    assert_eq!(all.iter().filter(|p| p.voided_selections.len() == 1).count(), 1, "one upheld objection");
    assert_eq!(all.iter().filter(|p| p.deliveries.len() == 2).count(), 1, "one returned delivery");
    assert_eq!(all.iter().filter(|p| !p.questions.is_empty()).count(), 10);

    // The counters are those of the events.
    let counters = stats::counters(store).await.unwrap();
    let counter = |name: &str| counters.get(name).copied().unwrap_or(0);
    assert_eq!(counter("projects_created"), 60);
    assert_eq!(counter("projects_published"), 56);
    assert_eq!(counter("projects_failed"), 3);
    assert_eq!(counter("selections"), 43);
    assert_eq!(counter("contracts_signed"), 38);
    assert_eq!(counter("deliveries_accepted"), 30);
    assert_eq!(counter("evaluations"), 28);
    let quotes: usize = all.iter().map(|p| p.quotes.len()).sum();
    // The table's 186 quotes, less one that a cancellation forestalled, plus one replacement.
    assert_eq!(quotes, 186);
    assert_eq!(counter("quotes_submitted"), 186);

    // Credit records differ: evaluations, a late delivery, the upheld objection, a violation.
    let mut ratings = BTreeSet::new();
    let mut reasons = BTreeMap::new();
    for id in &loaded.providers {
        let record = accounts::credit_record(store, *id).await.unwrap();
        ratings.extend(record.rating());
        for c in &record.contributions {
            let kind = serde_json::to_value(&c.reason).unwrap()["kind"].as_str().unwrap().to_owned();
            *reasons.entry(kind).or_insert(0) += 1;
            if let CreditReason::Violation { .. } = c.reason {
                assert_eq!(record.provider, org.id, "the blacklisted provider's violation");
            }
        }
    }
    assert!(ratings.len() >= 6, "{ratings:?}");
    assert_eq!(reasons.get("evaluation"), Some(&28));
    assert_eq!(reasons.get("overdue_delivery"), Some(&1));
    assert_eq!(reasons.get("upheld_objection"), Some(&1));
    assert_eq!(reasons.get("violation"), Some(&1));

    // The demo accounts sign in with the documented password.
    for (email, role) in [
        ("qiantang-jianshe@demo.example", Role::Enterprise),
        ("hz-sthjj@demo.example", Role::Department),
        ("zj-huanke@demo.example", Role::Provider),
        ("ls-lvgu@demo.example", Role::Provider),
        ("supervisor1@demo.example", Role::Supervisor),
    ] {
        let account = accounts::account_by_email(store, email).await.unwrap().expect(email);
        assert_eq!(account.role, role, "{email}");
        assert!(verify_password(DEMO_PASSWORD, &account.password_hash), "{email}");
        assert!(!verify_password("zhongjie-demo-2025", &account.password_hash), "{email}");
    }
    for id in &loaded.accounts {
        assert!(accounts::account(store, *id).await.unwrap().is_some());
    }

    // Loading again adds nothing.
    assert_eq!(demo::load_if_empty(&state).await.unwrap(), None);
    assert_eq!(stats::counters(store).await.unwrap(), counters);
    assert_eq!(all_projects(&state, &loaded).await.len(), 60);
    assert_eq!(provider_directory(&state).await.len(), 33);
}

/// What a reader sees of the market, without ids: names, states, prices, winners and scores.
async fn market_as_read(state: &AppState, loaded: &demo::Loaded) -> Vec<String> {
    let store = state.store.as_ref();
    let mut names = BTreeMap::new();
    for id in loaded.enterprises.iter().chain(&loaded.departments).chain(&loaded.providers) {
        let org = accounts::organisation(store, *id).await.unwrap().unwrap().value;
        names.insert(*id, org.name.to_string());
    }
    let mut lines: Vec<String> = Vec::new();
    for id in &loaded.providers {
        let record = accounts::credit_record(store, *id).await.unwrap();
        lines.push(format!("{} credit {} rating {:?}", names[id], record.score(), record.rating()));
    }
    let mut all = all_projects(state, loaded).await;
    all.sort_by_key(|p| p.code);
    for p in &all {
        let quotes: Vec<String> =
            p.quotes.iter().map(|q| format!("{} {} {:?}", names[&q.provider], q.price, q.status)).collect();
        lines.push(format!(
            "{} {} {} {:?} cap {} closes {:?} quotes [{}] winner {:?} evaluation {:?}",
            p.code,
            names[&p.buyer],
            p.terms.title,
            p.state,
            p.terms.budget_cap,
            p.closes_at.map(market_domain::calendar::shanghai_minute),
            quotes.join("; "),
            p.winner().map(|w| &names[&w.provider]),
            p.evaluation.as_ref().map(|e| e.scores().map(|s| s.get())),
        ));
    }
    lines
}

#[tokio::test]
async fn two_loads_at_the_same_instant_make_the_same_market() {
    use market_functions::clock::TestClock;
    use market_functions::store::embedded::EmbeddedStore;
    use std::sync::Arc;
    let now = chrono::Utc::now();
    let mut markets = Vec::new();
    for _ in 0..2 {
        let store = Arc::new(EmbeddedStore::temporary().unwrap());
        let state = AppState::new(store).with_clock(Arc::new(TestClock::frozen_at(now)));
        let loaded = demo::load_if_empty(&state).await.unwrap().unwrap();
        markets.push(market_as_read(&state, &loaded).await);
    }
    // `SHOW_DEMO=1 cargo test … two_loads -- --nocapture` prints the market for a read.
    if std::env::var_os("SHOW_DEMO").is_some() {
        eprintln!("{}", markets[0].join("\n"));
    }
    assert_eq!(markets[0].len(), 33 + 60);
    assert_eq!(markets[0], markets[1]);
}

#[tokio::test]
async fn loaded_in_a_holiday_week_the_market_is_the_same() {
    use market_functions::clock::TestClock;
    use market_functions::store::embedded::EmbeddedStore;
    use std::sync::Arc;
    // In the Spring Festival holiday of 2026 late in the evening, in the National Day holiday
    // in the morning.
    for at in ["2026-02-20T14:30:00Z", "2026-10-05T02:00:00Z"] {
        let now = chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc);
        let state = AppState::new(Arc::new(EmbeddedStore::temporary().unwrap()))
            .with_clock(Arc::new(TestClock::frozen_at(now)));
        let loaded = demo::load_if_empty(&state).await.unwrap().unwrap();
        let all = all_projects(&state, &loaded).await;
        assert_eq!(states_of(&all), expected_states(), "loaded at {at}");
        for p in all.iter().filter(|p| p.state == ProjectState::Published) {
            assert!(p.closes_at.unwrap() > now, "loaded at {at}: {}", p.terms.title);
        }
    }
}

/// `MARKET_DEMO_OPEN_NEEDS`: the sixty stories as ever, and that many more needs open for
/// quotes — published by the demo's buyers, asking for varied items, closing in the future.
#[tokio::test]
async fn extra_open_needs_are_published_through_the_same_rules() {
    use market_functions::clock::TestClock;
    use market_functions::store::embedded::EmbeddedStore;
    use std::sync::Arc;
    let now = chrono::Utc::now();
    let state = AppState::new(Arc::new(EmbeddedStore::temporary().unwrap()))
        .with_clock(Arc::new(TestClock::frozen_at(now)));
    let started = std::time::Instant::now();
    let loaded = demo::load_if_empty_with_open_needs(&state, 45).await.unwrap().unwrap();
    eprintln!("demo data with 45 open needs loaded in {} ms", started.elapsed().as_millis());
    assert_eq!(loaded.projects.len(), 105);

    let all = all_projects(&state, &loaded).await;
    assert_eq!(all.len(), 105);
    let mut expected = expected_states();
    *expected.get_mut("Published").unwrap() += 45;
    assert_eq!(states_of(&all), expected);
    let extra: Vec<_> = all.iter().filter(|p| loaded.projects[60..].contains(&p.id)).collect();
    assert_eq!(extra.len(), 45);
    for p in &extra {
        assert_eq!(p.state, ProjectState::Published, "{}", p.terms.title);
        assert!(p.quotes.is_empty());
        assert!(p.closes_at.unwrap() > now + Duration::hours(1), "{}", p.terms.title);
    }
    let items: BTreeSet<_> = extra.iter().map(|p| p.terms.item.clone()).collect();
    assert_eq!(items.len(), 15);
    let titles: BTreeSet<_> = extra.iter().map(|p| p.terms.title.to_string()).collect();
    assert_eq!(titles.len(), 45);
    let buyers: BTreeSet<_> = extra.iter().map(|p| p.buyer).collect();
    assert_eq!(buyers.len(), 13);
    let closes: BTreeSet<_> = extra.iter().map(|p| p.closes_at.unwrap()).collect();
    assert!(closes.len() >= 3, "close times vary: {} distinct", closes.len());
}
