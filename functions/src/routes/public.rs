//! The public read-only function (`market-public`): the catalogue, everything published about
//! projects and providers, statistics, and the API's own description. Reading a project whose
//! bid window has ended closes it first (see [`crate::lifecycle::settle`]), so no page ever shows
//! a closed window as open, whether or not the scheduler has run. What of a project each reader
//! may see is decided in [`crate::access`] alone.

use crate::access::{self, Viewer};
use crate::app::AppState;
use crate::docs_page::Document;
use crate::error::ApiError;
use crate::extract::{Paging, Path, Query};
use crate::lifecycle;
use crate::repo::{self, accounts, projects, Paged};
use crate::store::{Cursor, Store};
use axum::extract::State;
use axum::response::Html;
use axum::{Extension, Json};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use market_domain::api::{
    CreditView, DimensionRatings, ErrorBody, MonthlyNeeds, Page, ProjectEvent, ProjectView,
    ProviderConcentration, ProviderSelections, ProviderSummary, ProviderView, QuotesView, Savings,
    SelectionView, Statistics,
};
use market_domain::credit::{CreditReason, CreditRecord};
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::organisation::{Organisation, OrganisationKind, ProviderStatus};
use market_domain::project::{Evaluation, Project, ProjectState, ProjectSummary};
use market_domain::statistics;
use market_domain::{shanghai_date, Catalogue, ServiceItemCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(catalog))
        .routes(routes!(openapi_json))
        .routes(routes!(docs))
        .routes(routes!(list_projects))
        .routes(routes!(project))
        .routes(routes!(project_events))
        .routes(routes!(project_quotes))
        .routes(routes!(project_selection))
        .routes(routes!(list_providers))
        .routes(routes!(provider))
        .routes(routes!(provider_credit))
        .routes(routes!(statistics))
        .merge(super::inspections::public_routes())
        .merge(super::ocds::routes())
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Health {
    status: &'static str,
}

/// Whether the function answers.
#[utoipa::path(get, path = "/api/v1/health", tag = "public", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The service catalogue, by code.
#[utoipa::path(get, path = "/api/v1/catalog", tag = "public", responses((status = 200, body = Catalogue)))]
async fn catalog(State(state): State<AppState>) -> Result<Json<Catalogue>, ApiError> {
    Ok(Json(repo::catalogue::catalogue(state.store.as_ref()).await?))
}

/// This API described in OpenAPI 3.1.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "public", responses((status = 200, description = "the OpenAPI document")))]
async fn openapi_json(Extension(document): Extension<Document>) -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
}

/// A page to browse the API's description: every route, who may call it, its parameters and
/// answers — rendered on the server from the same document, so it works without any script.
#[utoipa::path(get, path = "/api/v1/docs", tag = "public", responses((status = 200, description = "HTML")))]
async fn docs(Extension(document): Extension<Document>) -> Html<String> {
    Html(crate::docs_page::render(document()))
}

// --- lists filtered in memory ---------------------------------------------------------------------

/// The most store pages one request of a filtered list reads.
const MAX_STORE_PAGES: usize = 5;

/// Reading one store page of a list and keeping what the filter admits.
type PageRead<'a, T> = Pin<Box<dyn Future<Output = Result<Paged<T>, ApiError>> + Send + 'a>>;

/// Up to `limit` items of a list filtered in memory, from `cursor` on. `read` returns the kept
/// items of one store page of at most the given number of items: asking each time for no more
/// than are still wanted means the list never reads past what it returns, so the store's cursor
/// of the last page read is exactly where the next request goes on. Stops when `limit` items are
/// kept, the list ends, or after [`MAX_STORE_PAGES`] pages (then with fewer items and a cursor).
async fn collect<'a, T>(
    limit: usize,
    mut cursor: Option<Cursor>,
    mut read: impl FnMut(Option<Cursor>, usize) -> PageRead<'a, T>,
) -> Result<Paged<T>, ApiError> {
    let mut items = Vec::new();
    for _ in 0..MAX_STORE_PAGES {
        let page = read(cursor.take(), limit - items.len()).await?;
        items.extend(page.items);
        cursor = page.next;
        if cursor.is_none() || items.len() >= limit {
            break;
        }
    }
    Ok(Paged { items, next: cursor })
}

/// One page of a filtered list as the API answers it.
async fn fill<'a, T>(
    paging: &Paging,
    read: impl FnMut(Option<Cursor>, usize) -> PageRead<'a, T>,
) -> Result<Page<T>, ApiError> {
    let page = collect(paging.limit(), paging.cursor(), read).await?;
    Ok(page.into())
}

/// A query parameter read as the JSON string it would be (`state=bidding_closed`), refused by
/// name when it is none of the values allowed.
fn parameter<T: DeserializeOwned>(name: &str, value: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_owned()))
        .map_err(|e| ApiError::Malformed(format!("{name}: {e}")))
}

fn item_parameter(value: &str) -> Result<ServiceItemCode, ApiError> {
    ServiceItemCode::parse(value.trim()).map_err(|e| ApiError::Malformed(format!("item: {e}")))
}

// --- projects ------------------------------------------------------------------------------------

/// Who pays for a project, as the listing filters it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum FundingKind {
    /// From the enterprise's own funds.
    Enterprise,
    /// From a department's budget line (publicly funded).
    Department,
}

/// The order of the project listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
enum ListingSort {
    /// The most recently published first.
    #[default]
    Newest,
    /// The soonest close of bidding first: open (published) projects only.
    Closing,
}

/// The filters of the project listing, as given (each is checked by [`ProjectFilters::parse`]).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ProjectFilters {
    /// Only projects in this state.
    #[param(value_type = Option<ProjectState>, inline)]
    state: Option<String>,
    /// Only projects for this service item (its code, e.g. `HP-001`).
    item: Option<String>,
    /// Only projects paid this way.
    #[param(value_type = Option<FundingKind>, inline)]
    funding: Option<String>,
    /// Only projects whose title or code contains this text, in any case.
    q: Option<String>,
    /// The order: `newest` (the default) or `closing`, which lists only projects open for
    /// quotes (`state` may then only be `published`).
    #[param(value_type = Option<ListingSort>, inline)]
    sort: Option<String>,
}

/// The listing's filters, parsed.
#[derive(Debug, Default)]
struct ListingFilter {
    sort: ListingSort,
    state: Option<ProjectState>,
    item: Option<ServiceItemCode>,
    publicly_funded: Option<bool>,
    /// Lower case.
    text: Option<String>,
}

impl ProjectFilters {
    fn parse(&self) -> Result<ListingFilter, ApiError> {
        let state = self.state.as_deref().map(|s| parameter("state", s)).transpose()?;
        let item = self.item.as_deref().map(item_parameter).transpose()?;
        let funding: Option<FundingKind> =
            self.funding.as_deref().map(|f| parameter("funding", f)).transpose()?;
        let text = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()).map(str::to_lowercase);
        let sort = self.sort.as_deref().map(|s| parameter("sort", s)).transpose()?.unwrap_or_default();
        let state = match (sort, state) {
            (ListingSort::Newest, state) => state,
            (ListingSort::Closing, None | Some(ProjectState::Published)) => Some(ProjectState::Published),
            (ListingSort::Closing, Some(_)) => {
                return Err(ApiError::Malformed(
                    "sort: `closing` lists only projects open for quotes (state `published`)".into(),
                ))
            }
        };
        Ok(ListingFilter {
            sort,
            state,
            item,
            publicly_funded: funding.map(|f| f == FundingKind::Department),
            text,
        })
    }
}

impl ListingFilter {
    fn admits(&self, p: &ProjectSummary) -> bool {
        self.state.is_none_or(|state| p.state == state)
            && self.item.as_ref().is_none_or(|item| &p.item == item)
            && self.publicly_funded.is_none_or(|public| p.publicly_funded == public)
            && self.text.as_ref().is_none_or(|text| {
                p.title.as_str().to_lowercase().contains(text)
                    || p.code.to_string().to_lowercase().contains(text)
            })
    }
}

/// A listed summary as it is now: a project whose bid window has ended is closed first.
async fn settled(
    state: &AppState,
    summary: ProjectSummary,
    now: DateTime<Utc>,
) -> Result<ProjectSummary, ApiError> {
    match (summary.state, summary.closes_at) {
        (ProjectState::Published, Some(closes_at)) if closes_at <= now => {
            Ok(lifecycle::settle(state, summary.id).await?.summary())
        }
        _ => Ok(summary),
    }
}

/// Published projects, newest first — or, with `sort=closing`, those open for quotes, soonest
/// close first — with filters. A page may hold fewer than `limit` projects while `next` is set:
/// one request reads at most five store pages. A project whose bid window has ended is closed as
/// it is listed (and then left out of `state=published` and `sort=closing`).
#[utoipa::path(
    get,
    path = "/api/v1/projects",
    tag = "public",
    params(Paging, ProjectFilters),
    responses(
        (status = 200, body = Page<ProjectSummary>),
        (status = 400, description = "a filter or the cursor is malformed (the message names it)", body = ErrorBody),
    )
)]
async fn list_projects(
    State(state): State<AppState>,
    Query(paging): Query<Paging>,
    Query(filters): Query<ProjectFilters>,
) -> Result<Json<Page<ProjectSummary>>, ApiError> {
    let filter = filters.parse()?;
    let now = state.clock.now();
    let (state, filter) = (&state, &filter);
    let page = fill(&paging, |cursor, limit| {
        Box::pin(async move {
            let store = state.store.as_ref();
            let page = match (filter.sort, &filter.item) {
                (ListingSort::Newest, _) => projects::listed(store, filter.state, cursor, limit).await?,
                // One item's open projects have an index of their own: whole pages, not a
                // filtered sample of every item's.
                (ListingSort::Closing, Some(item)) => {
                    let page = projects::open_by_item(store, item, cursor, limit).await?;
                    Paged { items: page.items.iter().map(Project::summary).collect(), next: page.next }
                }
                (ListingSort::Closing, None) => projects::open_soonest_first(store, cursor, limit).await?,
            };
            let mut kept = Vec::with_capacity(page.items.len());
            for summary in page.items {
                let summary = settled(state, summary, now).await?;
                if filter.admits(&summary) {
                    kept.push(summary);
                }
            }
            Ok(Paged { items: kept, next: page.next })
        })
    })
    .await?;
    Ok(Json(page))
}

/// The project as it is now, if `viewer` may see it: a draft it may not see does not exist.
async fn visible_project(state: &AppState, viewer: &Viewer, id: ProjectId) -> Result<Project, ApiError> {
    let project = lifecycle::settle(state, id).await?;
    if access::may_see_project(viewer, &project) {
        Ok(project)
    } else {
        Err(ApiError::NotFound)
    }
}

/// A project as its reader may see it: sealed quotes are left out until the reader may read
/// them. A draft is its buyer's alone (404 to everyone else).
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}",
    tag = "public",
    params(("id" = ProjectId, Path, description = "the project's id")),
    responses((status = 200, body = ProjectView), (status = 404, body = ErrorBody))
)]
async fn project(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<ProjectView>, ApiError> {
    let project = visible_project(&state, &viewer, id).await?;
    let (project, quotes_sealed) = access::redact(&viewer, project);
    Ok(Json(ProjectView { project, quotes_sealed }))
}

/// A project's event log, oldest first, each event with its sequence number and its hash in the
/// project's chain. Events about quotes (submitted, withdrawn, the close's eligibility list) are
/// sealed like the quotes: until the selection the public gets their number and hash only, enough
/// to verify the chain, not what they say.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/events",
    tag = "public",
    params(("id" = ProjectId, Path, description = "the project's id"), Paging),
    responses(
        (status = 200, body = Page<ProjectEvent>),
        (status = 400, description = "the cursor or the limit is malformed", body = ErrorBody),
        (status = 404, body = ErrorBody)
    )
)]
async fn project_events(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<ProjectEvent>>, ApiError> {
    let project = visible_project(&state, &viewer, id).await?;
    let page = projects::numbered_events(state.store.as_ref(), id, paging.cursor(), paging.limit()).await?;
    let items = page
        .items
        .into_iter()
        .map(|stored| ProjectEvent {
            seq: stored.seq,
            event: access::may_see_event(&viewer, &project, &stored.event).then_some(stored.event),
            hash: stored.hash,
        })
        .collect();
    Ok(Json(Page { items, next: page.next.map(|c| c.0) }))
}

/// The quotes of a project its reader may see: a provider its own while bidding is open, the
/// buyer all once bidding has closed, everyone all once a selection is made.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/quotes",
    tag = "public",
    params(("id" = ProjectId, Path, description = "the project's id")),
    responses((status = 200, body = QuotesView), (status = 404, body = ErrorBody))
)]
async fn project_quotes(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<QuotesView>, ApiError> {
    let project = visible_project(&state, &viewer, id).await?;
    let (project, quotes_sealed) = access::redact(&viewer, project);
    Ok(Json(QuotesView { quotes: project.quotes, quotes_sealed }))
}

/// The published draw record: the selection in force and those voided by upheld objections,
/// each with the revealed secret and every input, so that anyone can recompute the winner.
/// 404 until a selection has been made.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/selection",
    tag = "public",
    params(("id" = ProjectId, Path, description = "the project's id")),
    responses((status = 200, body = SelectionView), (status = 404, body = ErrorBody))
)]
async fn project_selection(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<SelectionView>, ApiError> {
    let project = visible_project(&state, &viewer, id).await?;
    if project.selection.is_none() && project.voided_selections.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(Json(SelectionView { selection: project.selection, voided: project.voided_selections }))
}

// --- providers -----------------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ProviderFilters {
    /// Only providers serving this service item (its code, e.g. `HP-001`).
    item: Option<String>,
}

/// One store page of the provider directory, or of the providers serving one item.
async fn directory_page(
    store: &dyn Store,
    item: Option<&ServiceItemCode>,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Organisation>, ApiError> {
    let Some(item) = item else {
        return Ok(accounts::providers(store, cursor, limit).await?);
    };
    let ids = accounts::providers_serving(store, item, cursor, limit).await?;
    let mut organisations = Vec::with_capacity(ids.items.len());
    for id in ids.items {
        organisations.extend(accounts::organisation(store, id).await?.map(|o| o.value));
    }
    Ok(Paged { items: organisations, next: ids.next })
}

fn provider_summary(
    org: &Organisation,
    credit: &CreditRecord,
    now: DateTime<Utc>,
) -> Option<ProviderSummary> {
    let OrganisationKind::Provider(profile) = &org.kind else { return None };
    Some(ProviderSummary {
        id: org.id,
        name: org.name.clone(),
        served_items: profile.served_items.clone(),
        credit_score: credit.score(),
        rating: credit.rating(),
        blacklisted_until: profile.blacklisted_at(now).map(|b| b.until),
    })
}

/// The provider directory, by id: approved providers (a provider also sees itself, a supervisor
/// every provider), each with its credit score and rating. A page may hold fewer than `limit`
/// providers while `next` is set: one request reads at most five store pages.
#[utoipa::path(
    get,
    path = "/api/v1/providers",
    tag = "public",
    params(Paging, ProviderFilters),
    responses(
        (status = 200, body = Page<ProviderSummary>),
        (status = 400, description = "the item code or the cursor is malformed", body = ErrorBody),
    )
)]
async fn list_providers(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(paging): Query<Paging>,
    Query(filters): Query<ProviderFilters>,
) -> Result<Json<Page<ProviderSummary>>, ApiError> {
    let item = filters.item.as_deref().map(item_parameter).transpose()?;
    let now = state.clock.now();
    let (store, viewer, item) = (state.store.as_ref(), &viewer, item.as_ref());
    let page = fill(&paging, |cursor, limit| {
        Box::pin(async move {
            let page = directory_page(store, item, cursor, limit).await?;
            let mut kept = Vec::with_capacity(page.items.len());
            for org in page.items.into_iter().filter(|o| access::may_see_provider(viewer, o)) {
                let credit = accounts::credit_record(store, org.id).await?;
                kept.extend(provider_summary(&org, &credit, now));
            }
            Ok(Paged { items: kept, next: page.next })
        })
    })
    .await?;
    Ok(Json(page))
}

/// A provider its reader may see; any other organisation is not in the directory.
async fn visible_provider(
    store: &dyn Store,
    viewer: &Viewer,
    id: OrganisationId,
) -> Result<Organisation, ApiError> {
    let org = accounts::organisation(store, id).await?.map(|stored| stored.value);
    org.filter(|o| access::may_see_provider(viewer, o)).ok_or(ApiError::NotFound)
}

/// The most evaluations the ratings by dimension read.
const RATED_PROJECTS: usize = 50;

/// The evaluations of the provider's most recently rated projects, newest first. Its credit
/// record names them: an evaluation's contribution is written for the winner in the same
/// transaction as the evaluation.
async fn recent_evaluations(store: &dyn Store, credit: &CreditRecord) -> Result<Vec<Evaluation>, ApiError> {
    let rated = credit.contributions.iter().rev().filter_map(|c| match c.reason {
        CreditReason::Evaluation { project, .. } => Some(project),
        _ => None,
    });
    let mut evaluations = Vec::new();
    for id in rated.take(RATED_PROJECTS) {
        evaluations.extend(projects::get(store, id).await?.and_then(|p| p.evaluation));
    }
    Ok(evaluations)
}

/// A provider's public profile: the organisation, its whole credit record with score and
/// rating, and its ratings on each evaluation dimension over its latest 50 evaluations. A
/// provider awaiting review or refused is 404 to the public.
#[utoipa::path(
    get,
    path = "/api/v1/providers/{id}",
    tag = "public",
    params(("id" = OrganisationId, Path, description = "the provider's organisation id")),
    responses((status = 200, body = ProviderView), (status = 404, body = ErrorBody))
)]
async fn provider(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<OrganisationId>,
) -> Result<Json<ProviderView>, ApiError> {
    let store = state.store.as_ref();
    let organisation = visible_provider(store, &viewer, id).await?;
    let credit = accounts::credit_record(store, id).await?;
    let evaluations = recent_evaluations(store, &credit).await?;
    Ok(Json(ProviderView {
        organisation,
        score: credit.score(),
        rating: credit.rating(),
        ratings_by_dimension: DimensionRatings::of(&evaluations),
        credit,
    }))
}

/// A provider's credit record explained: the base score, and each contribution with its points
/// and why, in Chinese and English.
#[utoipa::path(
    get,
    path = "/api/v1/providers/{id}/credit",
    tag = "public",
    params(("id" = OrganisationId, Path, description = "the provider's organisation id")),
    responses((status = 200, body = CreditView), (status = 404, body = ErrorBody))
)]
async fn provider_credit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<OrganisationId>,
) -> Result<Json<CreditView>, ApiError> {
    let store = state.store.as_ref();
    visible_provider(store, &viewer, id).await?;
    Ok(Json(CreditView::of(&accounts::credit_record(store, id).await?)))
}

// --- statistics ----------------------------------------------------------------------------------

/// How many of the newest published projects, and of the directory's providers, statistics read.
const STATISTICS_SAMPLE: usize = 1_000;

/// How long statistics computed by a process are reused while no counter has moved: what the
/// counters do not count (a cancellation, a provider approved) shows within this time.
const STATISTICS_REUSED_FOR: chrono::Duration = chrono::Duration::seconds(60);

/// The statistics this process computed last, with the counters and the time they were computed
/// at. Computing them reads a thousand projects (about 12 ms); reused, the public statistics
/// cost one read of the counters, like every other public read.
#[derive(Default)]
pub struct StatisticsMemo(std::sync::Mutex<Option<Computed>>);

struct Computed {
    counters: BTreeMap<String, i64>,
    at: DateTime<Utc>,
    statistics: Statistics,
}

impl StatisticsMemo {
    fn fresh(&self, counters: &BTreeMap<String, i64>, now: DateTime<Utc>) -> Option<Statistics> {
        let memo = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let kept = memo.as_ref()?;
        (&kept.counters == counters && kept.at <= now && now - kept.at < STATISTICS_REUSED_FOR)
            .then(|| kept.statistics.clone())
    }

    fn keep(&self, counters: BTreeMap<String, i64>, at: DateTime<Utc>, statistics: Statistics) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) =
            Some(Computed { counters, at, statistics });
    }
}

/// The marketplace's public statistics. The counters are exact, and so is the average of quotes
/// per need drawn from them; needs per month, savings, the median days to selection and to
/// acceptance, needs by quotes received, provider concentration and satisfaction come from the
/// newest 1,000 published projects (`market_domain::statistics`; the top providers' names are
/// read one by one, at most five), the number of approved providers from the first 1,000 directory entries — the
/// `*_complete` flags say whether that was all of them. A process reuses what it computed while
/// the counters stand still, for at most a minute.
#[utoipa::path(get, path = "/api/v1/statistics", tag = "public", responses((status = 200, body = Statistics)))]
async fn statistics(State(state): State<AppState>) -> Result<Json<Statistics>, ApiError> {
    let counters = repo::stats::counters(state.store.as_ref()).await?;
    let now = state.clock.now();
    if let Some(kept) = state.statistics.fresh(&counters, now) {
        return Ok(Json(kept));
    }
    let computed = compute_statistics(&state, counters.clone(), now).await?;
    state.statistics.keep(counters, now, computed.clone());
    Ok(Json(computed))
}

async fn compute_statistics(
    state: &AppState,
    counters: BTreeMap<String, i64>,
    now: DateTime<Utc>,
) -> Result<Statistics, ApiError> {
    let store = state.store.as_ref();
    let sample = collect(STATISTICS_SAMPLE, None, |cursor, limit| {
        Box::pin(async move { Ok(projects::listed(store, None, cursor, limit).await?) })
    })
    .await?;
    let providers = collect(STATISTICS_SAMPLE, None, |cursor, limit| {
        Box::pin(async move {
            let page = accounts::providers(store, cursor, limit).await?;
            let approved = page.items.into_iter().filter(is_approved).map(|_| ()).collect();
            Ok(Paged { items: approved, next: page.next })
        })
    })
    .await?;
    let count = |name: &str| counters.get(name).copied().unwrap_or(0);
    let concentration = statistics::provider_concentration(&sample.items);
    let mut top = Vec::with_capacity(concentration.top.len());
    for (provider, selections) in concentration.top {
        let name = accounts::organisation(store, provider).await?.map(|o| o.value.name.to_string());
        top.push(ProviderSelections { provider, name: name.unwrap_or_default(), selections });
    }
    let quotes_per_need_x100 = u32::try_from(count("quotes_submitted") * 100)
        .ok()
        .zip(u32::try_from(count("projects_published")).ok().filter(|n| *n > 0))
        .map(|(quotes, needs)| quotes / needs);
    Ok(Statistics {
        quotes_per_need_x100,
        sampled_projects: u32::try_from(sample.items.len()).unwrap_or(u32::MAX),
        sample_complete: sample.next.is_none(),
        needs_by_month: needs_by_month(shanghai_date(now), &sample.items),
        savings: savings(&sample.items),
        providers: u32::try_from(providers.items.len()).unwrap_or(u32::MAX),
        providers_complete: providers.next.is_none(),
        median_days_to_selection_x10: statistics::median_days_to_selection_x10(&sample.items),
        median_days_to_acceptance_x10: statistics::median_days_to_acceptance_x10(&sample.items),
        needs_by_quotes: statistics::needs_by_quotes(&sample.items).to_vec(),
        provider_concentration: ProviderConcentration {
            selections: concentration.selections,
            top,
            top_basis_points: concentration.top_basis_points,
        },
        satisfaction: statistics::satisfaction(&sample.items),
        counters,
    })
}

fn is_approved(org: &Organisation) -> bool {
    matches!(&org.kind, OrganisationKind::Provider(p) if p.status == ProviderStatus::Approved)
}

/// Projects published in each of the twelve months up to `today`'s, oldest first.
fn needs_by_month(today: NaiveDate, sample: &[ProjectSummary]) -> Vec<MonthlyNeeds> {
    let this_month = today.with_day(1).unwrap_or(today);
    let published: Vec<NaiveDate> = sample.iter().filter_map(|p| p.published_at.map(shanghai_date)).collect();
    (0..12u32)
        .rev()
        .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
        .map(|month| {
            let needs =
                published.iter().filter(|d| (d.year(), d.month()) == (month.year(), month.month())).count();
            MonthlyNeeds {
                month: format!("{:04}-{:02}", month.year(), month.month()),
                needs: u32::try_from(needs).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// Budget caps against winning prices over the projects with a selection in force.
fn savings(sample: &[ProjectSummary]) -> Savings {
    let selected: Vec<(i64, i64)> =
        sample.iter().filter_map(|p| p.winning_price.map(|w| (p.budget_cap.fen(), w.fen()))).collect();
    let caps: i64 = selected.iter().map(|(cap, _)| cap).sum();
    let prices: i64 = selected.iter().map(|(_, price)| price).sum();
    let saved = caps - prices;
    Savings {
        selected_projects: u32::try_from(selected.len()).unwrap_or(u32::MAX),
        budget_caps: market_domain::Money::from_fen(caps),
        winning_prices: market_domain::Money::from_fen(prices),
        saved: market_domain::Money::from_fen(saved),
        saved_basis_points: (caps > 0).then(|| u32::try_from(saved * 10_000 / caps).ok()).flatten(),
    }
}
