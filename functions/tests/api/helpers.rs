//! `spawn_app`: the whole marketplace on a free loopback port, on a fresh embedded store with the
//! seed catalogue and a frozen clock the test moves, and the parties of a market made directly in
//! the store (signed in with a token), so tests of one flow need not go through another.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::organisation::{
    Organisation, OrganisationKind, ProviderProfile, ProviderStatus, ServedItem,
};
use market_domain::project::Role;
use market_domain::{
    CertificateNumber, Email, Issuer, Money, Phone, Qualification, QualificationLevel, ServiceItemCode,
    Title, UnifiedSocialCreditCode, WorkingDays,
};
use market_functions::auth::token::Claims;
use market_functions::clock::TestClock;
use market_functions::market::Market;
use market_functions::repo::accounts::{self, Account};
use market_functions::store::counting::CountingStore;
use market_functions::store::embedded::EmbeddedStore;
use market_functions::store::faults::FaultyStore;
use market_functions::{repo, routes, AppState};
use reqwest::RequestBuilder;
use serde_json::Value;
use std::sync::Arc;
use uuid::Uuid;

/// Monday 2 March 2026, 09:00 in Shanghai: a working day well inside the calendar's years.
pub fn start_of_tests() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T01:00:00Z").unwrap().with_timezone(&Utc)
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Every store call the app makes, for holding requests to their budgets.
    pub store_calls: Arc<CountingStore>,
    /// Faults to inject into the store's calls (none until a test asks).
    pub faults: Arc<FaultyStore>,
    pub clock: Arc<TestClock>,
    pub state: AppState,
}

/// Someone signed in: an account, its organisation (none for supervisors) and a token valid for
/// a year of test time.
#[derive(Clone, Debug)]
pub struct Party {
    pub role: Role,
    pub account: AccountId,
    pub organisation: Option<OrganisationId>,
    pub email: String,
    pub token: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn get(&self, path: &str, party: Option<&Party>) -> RequestBuilder {
        with_token(self.client.get(self.url(path)), party)
    }

    pub fn post(&self, path: &str, party: Option<&Party>, body: &Value) -> RequestBuilder {
        with_token(self.client.post(self.url(path)), party).json(body)
    }

    pub fn put(&self, path: &str, party: Option<&Party>, body: &Value) -> RequestBuilder {
        with_token(self.client.put(self.url(path)), party).json(body)
    }

    /// Moves the app's clock forward.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    pub async fn enterprise(&self, n: u32) -> Party {
        self.party(Role::Enterprise, n, OrganisationKind::Enterprise).await
    }

    pub async fn department(&self, n: u32) -> Party {
        let budget_lines = vec![Title::parse("2026年度技术审查专项").unwrap()];
        self.party(Role::Department, n, OrganisationKind::Department { budget_lines }).await
    }

    /// An approved provider serving `items`, holding every qualification those items allow,
    /// valid from 2020 to 2030.
    pub async fn provider(&self, n: u32, items: &[&str]) -> Party {
        let profile = self.provider_profile(items, ProviderStatus::Approved).await;
        self.party(Role::Provider, n, OrganisationKind::Provider(profile)).await
    }

    /// `count` approved providers serving `items`, numbered from `first`.
    pub async fn providers(&self, first: u32, count: u32, items: &[&str]) -> Vec<Party> {
        let profile = self.provider_profile(items, ProviderStatus::Approved).await;
        let mut providers = Vec::new();
        for n in first..first + count {
            let kind = OrganisationKind::Provider(profile.clone());
            providers.push(self.party(Role::Provider, n, kind).await);
        }
        providers
    }

    pub async fn provider_profile(&self, items: &[&str], status: ProviderStatus) -> ProviderProfile {
        let catalogue = repo::catalogue::catalogue(self.state.store.as_ref()).await.unwrap();
        let mut qualifications: Vec<Qualification> = Vec::new();
        let mut served_items = Vec::new();
        for code in items {
            let code = ServiceItemCode::parse(code).unwrap();
            let item =
                catalogue.items().iter().find(|i| i.code == code).expect("an item of the seed catalogue");
            served_items.push(ServedItem {
                item: code.clone(),
                published_fee: Money::parse("50,000.00").unwrap(),
                committed_days: WorkingDays::new(item.time_limit.get().min(10)).unwrap(),
            });
            for t in &item.allowed_qualifications {
                if qualifications.iter().all(|q| q.qualification_type() != t) {
                    qualifications.push(
                        Qualification::new(
                            t.clone(),
                            QualificationLevel::parse("甲级").unwrap(),
                            // Certificate numbers have no underscores; qualification types do.
                            CertificateNumber::parse(&format!(
                                "CERT-{}-{}",
                                t.as_str().replace('_', "-"),
                                qualifications.len()
                            ))
                            .unwrap(),
                            Issuer::parse("浙江省住房和城乡建设厅").unwrap(),
                            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                            NaiveDate::from_ymd_opt(2030, 12, 31).unwrap(),
                        )
                        .unwrap(),
                    );
                }
            }
        }
        ProviderProfile { served_items, qualifications, affiliations: vec![], status, blacklistings: vec![] }
    }

    pub async fn supervisor(&self, n: u32) -> Party {
        let account = AccountId(Uuid::new_v4());
        let email = format!("supervisor{n}@example.gov.cn");
        self.account(account, Role::Supervisor, None, &email).await
    }

    /// An organisation of `kind` and its account, signed in.
    pub async fn party(&self, role: Role, n: u32, kind: OrganisationKind) -> Party {
        let id = OrganisationId(Uuid::new_v4());
        let organisation = organisation(id, n, kind);
        let store = self.state.store.as_ref();
        accounts::save_organisation(store, None, &organisation, self.clock_now()).await.unwrap();
        let email = format!("{}{n}@example.com", format!("{role:?}").to_lowercase());
        self.account(AccountId(Uuid::new_v4()), role, Some(id), &email).await
    }

    async fn account(
        &self,
        id: AccountId,
        role: Role,
        organisation: Option<OrganisationId>,
        email: &str,
    ) -> Party {
        let account = Account {
            id,
            email: Email::parse(email).unwrap(),
            role,
            organisation,
            password_hash: password_hash().to_owned(),
            created_at: self.clock_now(),
        };
        accounts::create_account(self.state.store.as_ref(), &account).await.unwrap();
        let claims = Claims {
            account: id,
            role,
            organisation,
            expires_at: (self.clock_now() + Duration::days(366)).timestamp(),
        };
        Party {
            role,
            account: id,
            organisation,
            email: email.to_owned(),
            token: self.state.tokens.sign(&claims),
        }
    }

    pub fn clock_now(&self) -> DateTime<Utc> {
        use market_functions::clock::Clock;
        self.clock.now()
    }
}

/// The hash of every test account's password, "correct horse battery": hashed once, since
/// argon2 is slow by design and load tests make a thousand accounts.
fn password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| market_functions::auth::password::hash_password("correct horse battery"))
}

fn with_token(builder: RequestBuilder, party: Option<&Party>) -> RequestBuilder {
    match party {
        Some(p) => builder.bearer_auth(&p.token),
        None => builder,
    }
}

/// An organisation with a valid, distinct unified social credit code.
pub fn organisation(id: OrganisationId, n: u32, kind: OrganisationKind) -> Organisation {
    Organisation {
        id,
        name: Title::parse(&format!("测试机构{n}有限公司")).unwrap(),
        credit_code: UnifiedSocialCreditCode::complete(&format!("91330100{n:09}")).unwrap(),
        contact_email: Email::parse(&format!("contact{n}@example.com")).unwrap(),
        contact_phone: Phone::parse("13800138000").unwrap(),
        kind,
    }
}

/// A fresh embedded store in a temporary file with the seed catalogue, on a frozen clock.
pub async fn test_state() -> AppState {
    test_state_with(Arc::new(TestClock::frozen_at(start_of_tests()))).await
}

async fn test_state_with(clock: Arc<TestClock>) -> AppState {
    test_state_over(clock).await.0
}

/// The state, and the fault injector right above its embedded store (below the idempotency
/// claim, as a failing engine would be).
async fn test_state_over(clock: Arc<TestClock>) -> (AppState, Arc<FaultyStore>) {
    // The store expires items (sessions, throttling, idempotency records) by the test clock too.
    let store_clock = clock.clone();
    let store = EmbeddedStore::temporary()
        .expect("a temporary store")
        .with_clock(move || market_functions::clock::Clock::now(store_clock.as_ref()).timestamp());
    let faults = Arc::new(FaultyStore::new(Arc::new(store)));
    let state = AppState::new(faults.clone()).with_clock(clock);
    repo::catalogue::load_seed_if_empty(state.store.as_ref(), &market_functions::catalogue::seed_catalogue())
        .await
        .expect("loading the catalogue");
    (state, faults)
}

pub async fn spawn_app() -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let clock = Arc::new(TestClock::frozen_at(start_of_tests()));
    let (base, faults) = test_state_over(clock.clone()).await;
    let store_calls = Arc::new(CountingStore::new(base.store.clone()));
    let market = Market { store: store_calls.clone(), ..base.market.clone() };
    let state = AppState { market, ..base };
    serve_on(listener, state.clone());
    TestApp { address, client: reqwest::Client::new(), store_calls, faults, clock, state }
}

/// Serves every route on `state` (e.g. the demo's, [`demo_state`]) on a free loopback port;
/// returns its address.
pub async fn serve(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    serve_on(listener, state);
    address
}

fn serve_on(listener: tokio::net::TcpListener, state: AppState) {
    let app = routes::all(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serving the app") });
}

/// The JSON body of a response, after checking its status.
pub async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "unexpected status; body: {body}");
    body
}

/// A fresh store in a temporary redb file, on the system clock (the demo places its open
/// projects relative to the real now), with the demo data loaded; and what the load made.
pub async fn demo_state() -> (AppState, market_functions::demo::Loaded) {
    let path = std::env::temp_dir().join(format!("market-demo-{}.redb", Uuid::new_v4()));
    let store = EmbeddedStore::open(&path).expect("a store in a temporary file");
    // The open database keeps working after its file is unlinked; nothing is left behind.
    let _ = std::fs::remove_file(&path);
    let state = AppState::new(Arc::new(store));
    let started = std::time::Instant::now();
    let loaded = market_functions::demo::load_if_empty(&state).await.unwrap().expect("an empty store loads");
    eprintln!("demo data loaded in {} ms", started.elapsed().as_millis());
    (state, loaded)
}
