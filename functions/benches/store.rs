//! The store under data: loads projects (ten quotes each) into a fresh embedded store file, then
//! times every read access pattern and a quote submission (decide + save), and writes p50/p99 of
//! each into docs/performance.md — once at a tenth of the size and once at full size, to show
//! that the cost stays flat as data grows.
//!
//! `cargo bench -p market-functions --bench store` (or `npm run bench`); `MARKET_BENCH_PROJECTS`
//! sets the full size (default 100,000 projects, so 1,000,000 quotes).

use chrono::{DateTime, Duration, TimeZone, Utc};
use market_domain::calendar::WorkingCalendar;
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::{decide, Actor, Command, Context, Event, Project, Quote, QuoteStatus, Role};
use market_domain::{Money, ProjectCode, ServiceItem, WorkingDays};
use market_functions::catalogue::seed_catalogue;
use market_functions::repo::{catalogue, projects, stats};
use market_functions::store::embedded::EmbeddedStore;
use market_functions::store::Store;
use serde_json::json;
use std::time::Instant;
use uuid::Uuid;

const QUOTES_PER_PROJECT: usize = 10;
const BUYERS: u128 = 1_000;
const PROVIDERS: u128 = 2_000;
const SAMPLES: usize = 2_000;
const PROJECTS_PER_IMPORT: usize = 2_000;

/// A small deterministic generator, so every run loads the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn org(n: u128, kind: serde_json::Value) -> Organisation {
    serde_json::from_value(json!({
        "id": OrganisationId(Uuid::from_u128(n)), "name": format!("机构{n}"),
        "credit_code": "91330100799655058B", "contact_email": format!("org{n}@example.com"),
        "contact_phone": "13800138000", "kind": kind
    }))
    .expect("a valid organisation")
}

fn provider(n: u128, items: &[ServiceItem]) -> Organisation {
    let served: Vec<_> = items
        .iter()
        .map(|i| json!({ "item": i.code, "published_fee": 5_000_000, "committed_days": 10 }))
        .collect();
    let qualifications: Vec<_> = items
        .iter()
        .flat_map(|i| i.allowed_qualifications.iter())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|q| {
            json!({ "qualification_type": q, "level": "甲级", "certificate_number": format!("C-{n}"),
                "issuer": "浙江省", "valid_from": "2020-01-01", "valid_until": "2030-12-31" })
        })
        .collect();
    org(
        n,
        json!({ "kind": "provider", "served_items": served, "qualifications": qualifications,
            "affiliations": [], "status": { "status": "approved" } }),
    )
}

/// A published project made by the domain itself, to be copied with other ids.
fn template(item: &ServiceItem, now: DateTime<Utc>) -> (Project, Vec<Event>) {
    let terms = serde_json::from_value(json!({
        "item": item.code, "title": "某建设项目中介服务采购", "description": "项目概况、服务范围与成果要求。",
        "budget_cap": 20_000_000, "service_days": item.time_limit.get().min(10),
        "requirements": [], "method": { "method": "lowest_price" }, "funding": { "funding": "enterprise" },
        "bid_window": 5
    }))
    .expect("valid terms");
    let buyer = org(1, json!({ "kind": "enterprise" }));
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
        buyer,
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

/// Project number `n`: the template of its item with its own ids, buyer, close instant and quotes.
fn project(
    n: usize,
    templates: &[(Project, Vec<Event>)],
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> (Project, Vec<Event>) {
    let (base, events) = &templates[n % templates.len()];
    let mut p = base.clone();
    p.id = ProjectId(Uuid::from_u128(1_000_000 + n as u128));
    p.code = ProjectCode::new(2026, n as u32 + 1).expect("a code");
    p.buyer = OrganisationId(Uuid::from_u128(10 + u128::from(rng.below(BUYERS as u64))));
    p.created_at = now - Duration::minutes(rng.below(60 * 24 * 30) as i64);
    p.closes_at = Some(now + Duration::hours(1) + Duration::minutes(rng.below(60 * 24 * 30) as i64));
    p.quotes = (0..QUOTES_PER_PROJECT)
        .map(|q| Quote {
            id: QuoteId(Uuid::from_u128((n as u128) << 32 | q as u128)),
            provider: OrganisationId(Uuid::from_u128(100_000 + u128::from(rng.below(PROVIDERS as u64)))),
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

struct Figures {
    name: &'static str,
    p50: f64,
    p99: f64,
}

/// Runs `op` SAMPLES times and returns p50 and p99 in milliseconds.
async fn time<F, Fut>(name: &'static str, mut op: F) -> Figures
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut took = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let start = Instant::now();
        op(i).await;
        took.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    took.sort_by(|a, b| a.total_cmp(b));
    Figures { name, p50: took[SAMPLES / 2], p99: took[SAMPLES * 99 / 100] }
}

struct Run {
    projects: usize,
    load_seconds: f64,
    file_bytes: u64,
    figures: Vec<Figures>,
}

async fn run(size: usize) -> Run {
    let dir = std::env::temp_dir().join(format!("market-bench-{}-{size}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("market.redb");
    let store = EmbeddedStore::open(&path).expect("a store");
    let s: &dyn Store = &store;
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap();
    let seed = seed_catalogue();
    catalogue::load_seed_if_empty(s, &seed).await.expect("catalogue");
    let items = seed.items();
    let templates: Vec<_> = items.iter().map(|i| template(i, now)).collect();

    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for chunk in (0..size).collect::<Vec<_>>().chunks(PROJECTS_PER_IMPORT) {
        let mut batch = Vec::new();
        for &n in chunk {
            let (p, events) = project(n, &templates, &mut rng, now);
            batch.extend(projects::items_of(&p, &events));
        }
        store.import(batch).await.expect("imported");
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let id = |i: usize| ProjectId(Uuid::from_u128(1_000_000 + (i * 7_919 % size) as u128));
    let mut figures = Vec::new();
    figures.push(
        time("a project by id (GetItem)", |i| async move {
            projects::get(s, id(i)).await.expect("get").expect("present");
        })
        .await,
    );
    figures.push(
        time("the events of a project", |i| async move {
            assert!(!projects::events(s, id(i), None, 100).await.expect("events").items.is_empty());
        })
        .await,
    );
    figures.push(
        time("the quotes of a project", |i| async move {
            assert_eq!(
                projects::quotes_of_project(s, id(i)).await.expect("quotes").len(),
                QUOTES_PER_PROJECT
            );
        })
        .await,
    );
    figures.push(
        time("open projects of an item, first page of 20", |i| async move {
            let item = &items[i % items.len()].code;
            assert!(!projects::open_by_item(s, item, None, 20).await.expect("open").items.is_empty());
        })
        .await,
    );
    figures.push(
        time("open projects closing within a day, page of 100", |i| async move {
            let until = now + Duration::minutes((i % 1000) as i64 * 40);
            projects::open_closing_by(s, until, None, 100).await.expect("closing");
        })
        .await,
    );
    figures.push(
        time("a buyer's projects, page of 20", |i| async move {
            let buyer = OrganisationId(Uuid::from_u128(10 + (i as u128 % BUYERS)));
            projects::of_buyer(s, buyer, None, 20).await.expect("buyer");
        })
        .await,
    );
    figures.push(
        time("a provider's quotes, page of 20", |i| async move {
            let provider = OrganisationId(Uuid::from_u128(100_000 + (i as u128 % PROVIDERS)));
            projects::quotes_of_provider(s, provider, None, 20).await.expect("quotes");
        })
        .await,
    );
    figures.push(
        time("the service catalogue", |_| async move {
            assert_eq!(catalogue::catalogue(s).await.expect("catalogue").items().len(), items.len());
        })
        .await,
    );
    figures.push(
        time("statistics counters", |_| async move {
            stats::counters(s).await.expect("counters");
        })
        .await,
    );
    let providers: Vec<Organisation> = (0..50).map(|n| provider(500_000 + n, items)).collect();
    let providers = &providers;
    figures.push(
        time("submit a quote: read, decide, save (one transaction)", |i| async move {
            let p = projects::get(s, id(i)).await.expect("get").expect("present");
            let provider = &providers[i % providers.len()];
            let actor = Actor {
                role: Role::Provider,
                account: Some(AccountId(Uuid::from_u128(9))),
                organisation: Some(provider.id),
            };
            let command = Command::SubmitQuote {
                quote: QuoteId(Uuid::new_v4()),
                price: Money::from_fen(1_000_000),
                promised_days: WorkingDays::new(5).expect("days"),
                provider: provider.clone(),
            };
            let ctx = Context { now, calendar: WorkingCalendar::prc() };
            let events = decide(Some(&p), command, &actor, ctx).expect("allowed");
            let mut after = p.clone();
            for e in &events {
                after.apply(e);
            }
            projects::save(s, Some(&p), &after, &events).await.expect("saved");
        })
        .await,
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Run { projects: size, load_seconds, file_bytes, figures }
}

fn report(runs: &[Run]) -> String {
    let mut out = String::from(
        "## The store under data\n\n\
         `npm run bench` (`cargo bench -p market-functions --bench store`): the embedded store in a file on\n\
         disk, loaded with projects of ten quotes each (two events each; quotes spread over 2,000 providers,\n\
         projects over 1,000 buyers and the 24 catalogue items), then 2,000 timed calls of each access\n\
         pattern, one at a time. Milliseconds, p50 / p99.\n\n",
    );
    out.push_str("| access pattern |");
    for r in runs {
        out.push_str(&format!(
            " {} projects, {} quotes |",
            thousands(r.projects),
            thousands(r.projects * QUOTES_PER_PROJECT)
        ));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(runs.len()));
    out.push('\n');
    for (i, f) in runs[0].figures.iter().enumerate() {
        out.push_str(&format!("| {} |", f.name));
        for r in runs {
            out.push_str(&format!(" {:.3} / {:.3} |", r.figures[i].p50, r.figures[i].p99));
        }
        out.push('\n');
    }
    out.push_str("| loading time, file size |");
    for r in runs {
        out.push_str(&format!(" {:.0} s, {} MB |", r.load_seconds, r.file_bytes / 1_000_000));
    }
    out.push('\n');
    out
}

/// 100000 → "100,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Replaces the section between the markers in docs/performance.md (or appends it).
fn write_report(section: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/performance.md");
    let (start, end) = ("<!-- store-bench:start -->", "<!-- store-bench:end -->");
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let block = format!("{start}\n{section}{end}");
    let doc = match (doc.find(start), doc.find(end)) {
        (Some(a), Some(b)) => format!("{}{block}{}", &doc[..a], &doc[b + end.len()..]),
        _ => format!("{}\n{block}\n", doc.trim_end()),
    };
    std::fs::write(&path, doc).expect("writing docs/performance.md");
}

fn main() {
    let full: usize =
        std::env::var("MARKET_BENCH_PROJECTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let runs: Vec<Run> = [full / 10, full].into_iter().map(|size| runtime.block_on(run(size))).collect();
    let section = report(&runs);
    print!("{section}");
    write_report(&section);
}
