//! The typed client of the marketplace's API: one function per endpoint, taking and returning
//! the request and response types the functions use (`market_domain::api`). It adds the
//! language (`Accept-Language`), the access token, and an `Idempotency-Key` to every POST; a POST
//! that fails on the network is tried once more with the same key, so it cannot happen twice.
//! An expired access token is refreshed once and the request repeated.

use crate::session::Session;
use gloo_net::http::{Request, RequestBuilder};
use market_domain::api::*;
use market_domain::credit::CreditRecord;
use market_domain::ids::{OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::ProjectSummary;
use market_domain::{Catalogue, Locale, ServiceItem};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

const BASE: &str = "/api/v1";

/// Why a call failed, in terms a page can explain.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request did not reach the server, or its answer was unreadable.
    Network,
    /// The page's address names no record (an id that is not one): nothing was asked.
    NoSuchAddress,
    /// The server refused, with its error body (its messages in both languages).
    Refused { status: u16, body: Box<ErrorBody> },
}

/// A listing the URL asked for that the API would refuse, refused before it is sent, in the
/// API's words.
impl From<listing::ListingError> for ApiError {
    fn from(error: listing::ListingError) -> Self {
        // The listing's words are the API's, for whoever wrote the URL: the same in both languages.
        let message = Message { zh: error.0.clone(), en: error.0.clone() };
        let bilingual = BilingualError { message, fields: FieldErrors::new() };
        let body =
            ErrorBody { code: "malformed".into(), message: error.0, bilingual, ..ErrorBody::default() };
        ApiError::Refused { status: 400, body: Box::new(body) }
    }
}

impl ApiError {
    /// The messages of each bad field (`422`), by field name as in the forms.
    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::Refused { body, .. } => Some(&body.bilingual.fields),
            ApiError::Network | ApiError::NoSuchAddress => None,
        }
    }

    /// The server's message in both languages; `None` for a network failure (the page says
    /// that in its own words).
    pub fn server_message(&self) -> Option<&Message> {
        match self {
            ApiError::Refused { body, .. } => Some(&body.bilingual.message),
            ApiError::Network | ApiError::NoSuchAddress => None,
        }
    }
}

/// The API as the signed-in person (if any) calls it. Copy it into async blocks freely.
#[derive(Clone, Copy)]
pub struct Api {
    session: Session,
    locale: fn() -> Locale,
}

pub fn use_api() -> Api {
    Api { session: crate::session::use_session(), locale: current_locale }
}

fn current_locale() -> Locale {
    use leptos::prelude::*;
    use_context::<crate::i18n::I18n>().map(|i| i.locale_untracked()).unwrap_or_default()
}

enum Method {
    Get,
    Post,
    Put,
}

impl Api {
    /// The one place a request is made: not generic, and boxed so that no endpoint inlines it
    /// (it is compiled once; only the JSON conversions are per type).
    fn call(
        self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<String>,
    ) -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>> {
        let path = path.to_owned();
        let query: Vec<(String, String)> = query.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        Box::pin(self.request(method, path, query, body))
    }

    async fn request(
        self,
        method: Method,
        path: String,
        query: Vec<(String, String)>,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        if matches!(method, Method::Get) {
            if let Some(text) = prefetched(&path, &query).await {
                return Ok(text);
            }
        }
        let key = matches!(method, Method::Post).then(|| Uuid::from_u128(random_u128()).to_string());
        let mut refreshed = false;
        let mut tries = 0;
        loop {
            tries += 1;
            let url = format!("{BASE}{path}");
            let mut request = match method {
                Method::Get => Request::get(&url),
                Method::Post => Request::post(&url),
                Method::Put => Request::put(&url),
            };
            if !query.is_empty() {
                request = request.query(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            }
            request = request.header("Accept-Language", (self.locale)().tag());
            if let Some(token) = self.session.access_token() {
                request = request.header("Authorization", &format!("Bearer {token}"));
            }
            if let Some(key) = &key {
                request = request.header("Idempotency-Key", key);
            }
            let response = match send(request, body.clone()).await {
                Ok(response) => response,
                // Retried with the same key: the server runs it at most once.
                Err(()) if tries < 2 => continue,
                Err(()) => return Err(ApiError::Network),
            };
            let status = response.status();
            if status == 401 && !refreshed && self.session.refresh_token().is_some() {
                refreshed = true;
                // Refreshed: again with the new token. The session lapsed: again without one, as
                // anyone (signing in, or a public read, must not fail for an old token).
                if self.refresh().await || self.session.access_token().is_none() {
                    continue;
                }
            }
            let text = response.text().await.map_err(|_| ApiError::Network)?;
            if (200..300).contains(&status) {
                return Ok(if text.is_empty() { "null".to_owned() } else { text });
            }
            let body = serde_json::from_str::<ErrorBody>(&text).map_err(|_| ApiError::Network)?;
            if status == 401 {
                self.session.end();
            }
            return Err(ApiError::Refused { status, body: Box::new(body) });
        }
    }

    /// Trades the refresh token for a new pair; ends the session if that fails.
    async fn refresh(self) -> bool {
        let Some(refresh_token) = self.session.refresh_token() else { return false };
        let form = RefreshForm { refresh_token: SecretText::new(refresh_token) };
        let request = Request::post(&format!("{BASE}/sessions/refresh"));
        match send(request, serde_json::to_string(&form).ok()).await {
            Ok(response) if response.ok() => match response.json::<TokenResponse>().await {
                Ok(tokens) => {
                    self.session.begin(tokens);
                    true
                }
                Err(_) => false,
            },
            Ok(_) => {
                self.session.end();
                false
            }
            Err(()) => false,
        }
    }

    async fn get<T: DeserializeOwned>(self, path: &str, query: &[(&str, String)]) -> Result<T, ApiError> {
        read(self.call(Method::Get, path, query, None).await?)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        read(self.call(Method::Post, path, &[], Some(write(body)?)).await?)
    }

    /// A POST without a body.
    async fn act<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        read(self.call(Method::Post, path, &[], None).await?)
    }

    async fn put<B: Serialize, T: DeserializeOwned>(self, path: &str, body: &B) -> Result<T, ApiError> {
        read(self.call(Method::Put, path, &[], Some(write(body)?)).await?)
    }

    // Public reads.

    pub async fn catalogue(self) -> Result<Catalogue, ApiError> {
        self.get("/catalog", &[]).await
    }

    /// The projects `listing` admits, a page of `limit` from `cursor` (the query as the functions parse it back).
    pub async fn projects(
        self,
        listing: &ProjectListing,
        cursor: Option<String>,
        limit: usize,
    ) -> Result<Page<ProjectSummary>, ApiError> {
        let mut query = listing.query_pairs();
        query.extend(paging(cursor, limit));
        self.get("/projects", &query).await
    }

    pub async fn project(self, id: ProjectId) -> Result<ProjectView, ApiError> {
        self.get(&format!("/projects/{id}"), &[]).await
    }

    pub async fn project_events(
        self,
        id: ProjectId,
        cursor: Option<String>,
    ) -> Result<Page<ProjectEvent>, ApiError> {
        self.get(&format!("/projects/{id}/events"), &paging(cursor, 100)).await
    }

    pub async fn project_quotes(self, id: ProjectId) -> Result<QuotesView, ApiError> {
        self.get(&format!("/projects/{id}/quotes"), &[]).await
    }

    pub async fn project_selection(self, id: ProjectId) -> Result<SelectionView, ApiError> {
        self.get(&format!("/projects/{id}/selection"), &[]).await
    }

    pub async fn providers(
        self,
        item: Option<String>,
        cursor: Option<String>,
    ) -> Result<Page<ProviderSummary>, ApiError> {
        let mut query = paging(cursor, 20);
        if let Some(item) = item.filter(|i| !i.is_empty()) {
            query.push(("item", item));
        }
        self.get("/providers", &query).await
    }

    pub async fn provider(self, id: OrganisationId) -> Result<ProviderView, ApiError> {
        self.get(&format!("/providers/{id}"), &[]).await
    }

    pub async fn provider_credit(self, id: OrganisationId) -> Result<CreditView, ApiError> {
        self.get(&format!("/providers/{id}/credit"), &[]).await
    }

    pub async fn statistics(self) -> Result<Statistics, ApiError> {
        self.get("/statistics", &[]).await
    }

    pub async fn inspections(self, cursor: Option<String>) -> Result<Page<Inspection>, ApiError> {
        self.get("/inspections", &paging(cursor, 20)).await
    }

    pub async fn inspection(self, id: Uuid) -> Result<Inspection, ApiError> {
        self.get(&format!("/inspections/{id}"), &[]).await
    }

    // Accounts.

    pub async fn register(self, form: &RegistrationForm) -> Result<AccountView, ApiError> {
        self.post("/accounts", form).await
    }

    /// Signs in and begins the session.
    pub async fn sign_in(self, form: &LoginForm) -> Result<AccountView, ApiError> {
        let tokens: TokenResponse = self.post("/sessions", form).await?;
        let account = tokens.account.clone();
        self.session.begin(tokens);
        Ok(account)
    }

    /// Ends the session here and on the server (a failure there changes nothing here).
    pub async fn sign_out(self) {
        if let Some(refresh_token) = self.session.refresh_token() {
            let form = RefreshForm { refresh_token: SecretText::new(refresh_token) };
            let _ =
                send(Request::post(&format!("{BASE}/sessions/logout")), serde_json::to_string(&form).ok())
                    .await;
        }
        self.session.end();
    }

    pub async fn me(self) -> Result<MeView, ApiError> {
        self.get("/me", &[]).await
    }

    /// The signed-in organisation's name (`None` for a supervisor), for the header: read from
    /// `/me` without the whole organisation, whose parsers would otherwise join the first download.
    pub async fn my_organisation_name(self) -> Result<Option<String>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Named {
            name: String,
        }
        #[derive(serde::Deserialize)]
        struct Me {
            organisation: Option<Named>,
        }
        let me: Me = self.get("/me", &[]).await?;
        Ok(me.organisation.map(|o| o.name))
    }

    pub async fn notifications(self, cursor: Option<String>) -> Result<Page<NotificationView>, ApiError> {
        self.get("/me/notifications", &paging(cursor, 20)).await
    }

    pub async fn mark_notifications_read(self) -> Result<(), ApiError> {
        self.act("/me/notifications/read").await
    }

    // Buying and quoting.

    pub async fn my_projects(self, cursor: Option<String>) -> Result<Page<ProjectSummary>, ApiError> {
        self.get("/me/projects", &paging(cursor, 20)).await
    }

    pub async fn my_quotes(self, cursor: Option<String>) -> Result<Page<QuoteRecord>, ApiError> {
        self.get("/me/quotes", &paging(cursor, 20)).await
    }

    pub async fn create_project(self, form: &ProjectForm) -> Result<ProjectView, ApiError> {
        self.post("/projects", form).await
    }

    pub async fn edit_project(self, id: ProjectId, form: &ProjectForm) -> Result<ProjectView, ApiError> {
        self.put(&format!("/projects/{id}"), form).await
    }

    pub async fn publish(self, id: ProjectId) -> Result<ProjectView, ApiError> {
        self.act(&format!("/projects/{id}/publish")).await
    }

    pub async fn cancel(self, id: ProjectId, form: &TextForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/cancel"), form).await
    }

    pub async fn ask(self, id: ProjectId, form: &TextForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/questions"), form).await
    }

    pub async fn answer(
        self,
        id: ProjectId,
        question: Uuid,
        form: &TextForm,
    ) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/questions/{question}/answer"), form).await
    }

    pub async fn eligibility(self, id: ProjectId) -> Result<Eligibility, ApiError> {
        self.get(&format!("/projects/{id}/eligibility"), &[]).await
    }

    pub async fn submit_quote(self, id: ProjectId, form: &QuoteForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/quotes"), form).await
    }

    pub async fn withdraw_quote(self, id: ProjectId, quote: QuoteId) -> Result<ProjectView, ApiError> {
        self.act(&format!("/projects/{id}/quotes/{quote}/withdraw")).await
    }

    pub async fn choose(self, id: ProjectId, form: &ChoiceForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/choice"), form).await
    }

    pub async fn object(self, id: ProjectId, form: &TextForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/objections"), form).await
    }

    pub async fn propose_contract(self, id: ProjectId, form: &ContractForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/contract"), form).await
    }

    pub async fn sign_contract(self, id: ProjectId) -> Result<ProjectView, ApiError> {
        self.act(&format!("/projects/{id}/contract/sign")).await
    }

    pub async fn start_service(self, id: ProjectId) -> Result<ProjectView, ApiError> {
        self.act(&format!("/projects/{id}/service/start")).await
    }

    pub async fn deliver(self, id: ProjectId, form: &TextForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/delivery"), form).await
    }

    pub async fn accept_delivery(self, id: ProjectId) -> Result<ProjectView, ApiError> {
        self.act(&format!("/projects/{id}/delivery/accept")).await
    }

    pub async fn return_delivery(self, id: ProjectId, form: &TextForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/delivery/return"), form).await
    }

    pub async fn evaluate(self, id: ProjectId, form: &EvaluationForm) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/evaluation"), form).await
    }

    // Supervision.

    pub async fn pending_providers(self, cursor: Option<String>) -> Result<Page<Organisation>, ApiError> {
        self.get("/supervision/providers/pending", &paging(cursor, 20)).await
    }

    pub async fn approve_provider(self, id: OrganisationId) -> Result<Organisation, ApiError> {
        self.act(&format!("/supervision/providers/{id}/approve")).await
    }

    pub async fn reject_provider(
        self,
        id: OrganisationId,
        form: &TextForm,
    ) -> Result<Organisation, ApiError> {
        self.post(&format!("/supervision/providers/{id}/reject"), form).await
    }

    pub async fn objections(self, cursor: Option<String>) -> Result<Page<ObjectionRecord>, ApiError> {
        self.get("/supervision/objections", &paging(cursor, 20)).await
    }

    pub async fn uphold_objection(
        self,
        id: ProjectId,
        objection: Uuid,
        form: &UpholdForm,
    ) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/objections/{objection}/uphold"), form).await
    }

    pub async fn reject_objection(
        self,
        id: ProjectId,
        objection: Uuid,
        form: &TextForm,
    ) -> Result<ProjectView, ApiError> {
        self.post(&format!("/projects/{id}/objections/{objection}/reject"), form).await
    }

    pub async fn overdue(self, cursor: Option<String>) -> Result<Page<ContractRecord>, ApiError> {
        self.get("/supervision/overdue", &paging(cursor, 20)).await
    }

    pub async fn save_catalogue_item(self, item: &ServiceItem) -> Result<ServiceItem, ApiError> {
        self.put(&format!("/catalog/{}", item.code), item).await
    }

    pub async fn record_violation(
        self,
        id: OrganisationId,
        form: &ViolationForm,
    ) -> Result<CreditRecord, ApiError> {
        self.post(&format!("/providers/{id}/violations"), form).await
    }

    pub async fn blacklist(self, id: OrganisationId, form: &BlacklistForm) -> Result<Organisation, ApiError> {
        self.post(&format!("/providers/{id}/blacklistings"), form).await
    }

    pub async fn draw_inspection(self, form: &InspectionForm) -> Result<Inspection, ApiError> {
        self.post("/inspections", form).await
    }
}

fn paging(cursor: Option<String>, limit: usize) -> Vec<(&'static str, String)> {
    let mut query = vec![("limit", limit.to_string())];
    if let Some(cursor) = cursor {
        query.push(("cursor", cursor));
    }
    query
}

fn read<T: DeserializeOwned>(text: String) -> Result<T, ApiError> {
    serde_json::from_str(&text).map_err(|_| ApiError::Network)
}

fn write<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| ApiError::Network)
}

/// The answer the boot script (static/index.html) asked for while the app was loading — the home
/// page's first list of open needs — taken once, when the app asks for that very URL, if it came
/// back 200. Anything else (another URL, an error, no prefetch) is asked of the API as usual.
async fn prefetched(path: &str, query: &[(String, String)]) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let slot = js_sys::Reflect::get(&window, &"marketPrefetch".into()).ok().filter(|s| s.is_object())?;
    let query: Vec<String> =
        query.iter().map(|(k, v)| format!("{k}={}", String::from(js_sys::encode_uri_component(v)))).collect();
    let url = format!("{BASE}{path}?{}", query.join("&"));
    if js_sys::Reflect::get(&slot, &"url".into()).ok()?.as_string()? != url {
        return None;
    }
    js_sys::Reflect::delete_property(&window, &"marketPrefetch".into()).ok()?;
    let answer = js_sys::Reflect::get(&slot, &"answer".into()).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(answer).await.ok()?.as_string()
}

async fn send(request: RequestBuilder, body: Option<String>) -> Result<gloo_net::http::Response, ()> {
    let request = match body {
        Some(body) => request.header("Content-Type", "application/json").body(body),
        None => request.build(),
    };
    request.map_err(|_| ())?.send().await.map_err(|_| ())
}

/// 128 random bits from the browser's `crypto.getRandomValues`.
fn random_u128() -> u128 {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No crypto (never in a supported browser): the time still makes the key unique enough.
        bytes[..8].copy_from_slice(&(js_sys::Date::now() as u64).to_le_bytes());
    }
    u128::from_le_bytes(bytes)
}
