//! The market under measurement: the demo data (its parties, their accounts and sixty projects
//! in every state) plus `size` more published needs of ten quotes each, imported in bulk into an
//! embedded store in a file on disk — and a signed-in party of each role to ask with.

use chrono::{DateTime, Duration, Utc};
use market_domain::calendar::WorkingCalendar;
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::{decide, Actor, Command, Context, Event, Project, Quote, QuoteStatus, Role};
use market_domain::{Money, ProjectCode, ServiceItem, WorkingDays};
use market_functions::auth::token::Claims;
use market_functions::repo::{accounts, catalogue, projects};
use market_functions::store::embedded::EmbeddedStore;
use market_functions::{demo, AppState};
use serde_json::json;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

pub const QUOTES_PER_PROJECT: usize = 10;
const PROJECTS_PER_IMPORT: usize = 2_000;
/// The generated needs' ids start here, clear of anything else.
const FIRST_ID: u128 = 1_000_000;

/// A small deterministic generator, so every run loads the same data.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A signed-in party: its organisation and a bearer token for it.
pub struct Party {
    pub organisation: OrganisationId,
    pub token: String,
}

pub struct Market {
    pub state: AppState,
    pub store: Arc<EmbeddedStore>,
    dir: PathBuf,
    /// How many needs were generated (on top of the demo's).
    pub size: usize,
    pub load_seconds: f64,
    pub file_bytes: u64,
    pub now: DateTime<Utc>,
    pub items: Vec<ServiceItem>,
    pub enterprise: Party,
    /// The provider that submits quotes in the write measurements: it has none on the
    /// generated needs, so every submission is its first on that need.
    pub writer: Party,
    /// A provider with quotes on the generated needs.
    pub provider: Party,
    pub supervisor: Party,
    /// Generated needs open for quotes whose service item the writer serves.
    pub writable: Vec<ProjectId>,
    /// Every provider of the demo data.
    pub providers: Vec<OrganisationId>,
    /// The approved ones: those the public sees.
    pub approved: Vec<OrganisationId>,
}

impl Market {
    /// The id of generated need number `n` (wrapping).
    pub fn need(&self, n: usize) -> ProjectId {
        ProjectId(Uuid::from_u128(FIRST_ID + (n * 7_919 % self.size) as u128))
    }

    pub async fn load(size: usize) -> Market {
        let dir = std::env::temp_dir().join(format!("market-bench-{}-{size}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("market.redb");
        let store = Arc::new(EmbeddedStore::open(&path).expect("a store"));
        let state = AppState::new(store.clone());
        let started = Instant::now();
        let loaded = demo::load_if_empty(&state).await.expect("demo data").expect("an empty store");
        let s = state.store.as_ref();
        let now = Utc::now();
        let items = catalogue::catalogue(s).await.expect("catalogue").items().to_vec();

        let mut providers = Vec::new();
        for id in &loaded.providers {
            providers.push(accounts::organisation(s, *id).await.expect("read").expect("present").value);
        }
        let approved = |o: &Organisation| json_of(o)["kind"]["status"]["status"] == "approved";
        let served = |o: &Organisation| -> BTreeSet<String> {
            json_of(o)["kind"]["served_items"]
                .as_array()
                .map(|a| a.iter().filter_map(|s| s["item"].as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        // The approved provider serving the most items: the most needs to quote on.
        let writer = providers
            .iter()
            .filter(|o| approved(o))
            .max_by_key(|o| served(o).len())
            .expect("an approved demo provider")
            .clone();
        let others: Vec<OrganisationId> =
            providers.iter().filter(|o| o.id != writer.id).map(|o| o.id).collect();
        let buyers = loaded.enterprises.clone();
        let buyer = accounts::organisation(s, buyers[0]).await.expect("read").expect("present").value;

        let templates: Vec<_> = items.iter().map(|i| template(i, &buyer, now)).collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for chunk in (0..size).collect::<Vec<_>>().chunks(PROJECTS_PER_IMPORT) {
            let mut batch = Vec::new();
            for &n in chunk {
                let (p, events) = generated(n, &templates, &buyers, &others, &mut rng, now);
                batch.extend(projects::items_of(&p, &events));
            }
            store.import(batch).await.expect("imported");
        }
        let load_seconds = started.elapsed().as_secs_f64();
        let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

        let writer_items = served(&writer);
        let writable = (0..size)
            .filter(|n| writer_items.contains(items[n % items.len()].code.as_str()))
            .map(|n| ProjectId(Uuid::from_u128(FIRST_ID + n as u128)))
            .collect();
        let party = |account: u128, role, organisation: Option<OrganisationId>| Party {
            organisation: organisation.unwrap_or(OrganisationId(Uuid::nil())),
            token: state.tokens.sign(&Claims {
                account: AccountId(Uuid::from_u128(account)),
                role,
                organisation,
                expires_at: (now + Duration::days(1)).timestamp(),
            }),
        };
        Market {
            enterprise: party(1, Role::Enterprise, Some(buyers[0])),
            writer: party(2, Role::Provider, Some(writer.id)),
            provider: party(3, Role::Provider, Some(others[0])),
            supervisor: party(4, Role::Supervisor, None),
            approved: providers.iter().filter(|o| approved(o)).map(|o| o.id).collect(),
            providers: loaded.providers,
            state,
            store,
            dir,
            size,
            load_seconds,
            file_bytes,
            now,
            items,
            writable,
        }
    }
}

impl Drop for Market {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The form of a need an enterprise posts (`POST /api/v1/projects`).
pub fn need_form() -> serde_json::Value {
    json!({
        "item": "HP-001", "title": "年产十万吨再生纸项目环境影响报告书编制",
        "description": "编制环境影响报告书并配合审批部门技术审查。", "budget_cap": "100,000.00",
        "service_days": 30, "requirements": [], "method": { "method": "lowest_price" }, "bid_window": 3
    })
}

fn json_of(o: &Organisation) -> serde_json::Value {
    serde_json::to_value(o).expect("an organisation serialises")
}

/// A need published by the domain itself, to be copied with other ids.
fn template(item: &ServiceItem, buyer: &Organisation, now: DateTime<Utc>) -> (Project, Vec<Event>) {
    let terms = serde_json::from_value(json!({
        "item": item.code, "title": "某建设项目中介服务采购", "description": "项目概况、服务范围与成果要求。",
        "budget_cap": 20_000_000, "service_days": item.time_limit.get().min(10),
        "requirements": [], "method": { "method": "lowest_price" }, "funding": { "funding": "enterprise" },
        "bid_window": 5
    }))
    .expect("valid terms");
    let actor = Actor {
        role: Role::Enterprise,
        account: Some(AccountId(Uuid::from_u128(1))),
        organisation: Some(buyer.id),
    };
    let ctx = Context { now, calendar: WorkingCalendar::prc() };
    let create = Command::CreateDraft {
        id: ProjectId(Uuid::from_u128(1)),
        code: ProjectCode::new(2026, 1).expect("a code"),
        terms,
        item: item.clone(),
        buyer: buyer.clone(),
    };
    let mut events = decide(None, create, &actor, ctx).expect("created");
    let mut p = Project::created(&events[0]).expect("a project");
    let publish =
        Command::Publish { commitment: Commitment::of(&Secret::from_bytes([7; 32])), item: item.clone() };
    let published = decide(Some(&p), publish, &actor, ctx).expect("published");
    for e in &published {
        p.apply(e);
    }
    events.extend(published);
    (p, events)
}

/// Need number `n`: the template of its item with its own ids, buyer, dates and quotes.
fn generated(
    n: usize,
    templates: &[(Project, Vec<Event>)],
    buyers: &[OrganisationId],
    providers: &[OrganisationId],
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> (Project, Vec<Event>) {
    let (base, events) = &templates[n % templates.len()];
    let mut p = base.clone();
    p.id = ProjectId(Uuid::from_u128(FIRST_ID + n as u128));
    p.code = ProjectCode::new(2026, 100_000 + n as u32).expect("a code");
    p.buyer = buyers[rng.below(buyers.len() as u64) as usize];
    p.created_at = now - Duration::minutes(rng.below(60 * 24 * 30) as i64);
    p.published_at = Some(p.created_at);
    p.closes_at = Some(now + Duration::hours(2) + Duration::minutes(rng.below(60 * 24 * 30) as i64));
    p.quotes = (0..QUOTES_PER_PROJECT)
        .map(|q| Quote {
            id: QuoteId(Uuid::from_u128((n as u128) << 32 | q as u128)),
            provider: providers[rng.below(providers.len() as u64) as usize],
            provider_name: None,
            price: Money::from_fen(1_000_000 + rng.below(19_000_000) as i64),
            promised_days: WorkingDays::new(10).expect("ten days"),
            submitted_at: now - Duration::minutes(rng.below(60 * 24) as i64),
            status: QuoteStatus::Live,
        })
        .collect();
    let mut events = events.clone();
    for e in &mut events {
        if let market_domain::project::EventKind::DraftCreated { id, code, buyer, .. } = &mut e.kind {
            (*id, *code, *buyer) = (p.id, p.code, p.buyer);
        }
    }
    (p, events)
}
