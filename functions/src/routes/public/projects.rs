//! Everything published about projects: the listing and one project — its view, events, quotes
//! and selection record — each as its reader may see it ([`crate::access`]).

use crate::access::{self, Viewer};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Paging, Path, Query};
use crate::lifecycle;
use crate::listing::fill;
use crate::market::Market;
use crate::repo::{projects, Paged};
use crate::routes::responses::ProjectRead;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use market_domain::api::listing::{FundingKind, ListingQuery, ListingSort, ProjectListing};
use market_domain::api::{ErrorBody, Page, ProjectEvent, ProjectView, QuotesView, SelectionView};
use market_domain::ids::ProjectId;
use market_domain::project::{Project, ProjectState, ProjectSummary};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects))
        .routes(routes!(project))
        .routes(routes!(project_events))
        .routes(routes!(project_quotes))
        .routes(routes!(project_selection))
}

/// The filters of the project listing, as given (read into a [`ProjectListing`]).
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
    /// Only projects whose title, code or buyer's name contains this text, in any case.
    q: Option<String>,
    /// The order: `newest` (the default) or `closing`, which lists only projects open for
    /// quotes (`state` may then only be `published`).
    #[param(value_type = Option<ListingSort>, inline)]
    sort: Option<String>,
}

impl ProjectFilters {
    fn parse(&self) -> Result<ProjectListing, ApiError> {
        ProjectListing::parse(ListingQuery {
            state: self.state.as_deref(),
            item: self.item.as_deref(),
            funding: self.funding.as_deref(),
            q: self.q.as_deref(),
            sort: self.sort.as_deref(),
        })
        .map_err(|e| ApiError::Malformed(e.0))
    }
}

/// A listed summary as it is now: a project whose bid window has ended is closed first.
async fn settled(
    market: &Market,
    summary: ProjectSummary,
    now: DateTime<Utc>,
) -> Result<ProjectSummary, ApiError> {
    match (summary.state, summary.closes_at) {
        (ProjectState::Published, Some(closes_at)) if closes_at <= now => {
            Ok(lifecycle::settle(market, summary.id).await?.summary())
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
    )
)]
async fn list_projects(
    State(market): State<Market>,
    Query(paging): Query<Paging>,
    Query(filters): Query<ProjectFilters>,
) -> Result<Json<Page<ProjectSummary>>, ApiError> {
    let filter = filters.parse()?;
    let now = market.clock.now();
    let (market, filter) = (&market, &filter);
    let page = fill(&paging, |cursor, limit| {
        Box::pin(async move {
            let store = market.store.as_ref();
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
                let summary = settled(market, summary, now).await?;
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
async fn visible_project(market: &Market, viewer: &Viewer, id: ProjectId) -> Result<Project, ApiError> {
    let project = lifecycle::settle(market, id).await?;
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
    responses((status = 200, body = ProjectView), ProjectRead)
)]
async fn project(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<ProjectView>, ApiError> {
    let project = visible_project(&market, &viewer, id).await?;
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
        ProjectRead
    )
)]
async fn project_events(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
    Query(paging): Query<Paging>,
) -> Result<Json<Page<ProjectEvent>>, ApiError> {
    let project = visible_project(&market, &viewer, id).await?;
    let page = projects::numbered_events(market.store.as_ref(), id, paging.cursor(), paging.limit()).await?;
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
    responses((status = 200, body = QuotesView), ProjectRead)
)]
async fn project_quotes(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<QuotesView>, ApiError> {
    let project = visible_project(&market, &viewer, id).await?;
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
    responses(
        (status = 200, body = SelectionView),
        (status = 404, description = "no such project, another buyer's draft, or no selection yet", body = ErrorBody),
    )
)]
async fn project_selection(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<ProjectId>,
) -> Result<Json<SelectionView>, ApiError> {
    let project = visible_project(&market, &viewer, id).await?;
    if project.selection.is_none() && project.voided_selections.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(Json(SelectionView { selection: project.selection, voided: project.voided_selections }))
}
