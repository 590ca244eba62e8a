//! The provider directory and each provider's public profile and credit record.

use crate::access::{self, Viewer};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Paging, Path, Query};
use crate::listing::fill;
use crate::market::Market;
use crate::repo::{accounts, projects, Paged};
use crate::routes::responses::ProviderRead;
use crate::store::{Cursor, Store};
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use market_domain::api::{listing, CreditView, DimensionRatings, Page, ProviderSummary, ProviderView};
use market_domain::credit::{CreditReason, CreditRecord};
use market_domain::ids::OrganisationId;
use market_domain::organisation::{Organisation, OrganisationKind};
use market_domain::project::Evaluation;
use market_domain::ServiceItemCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_providers))
        .routes(routes!(provider))
        .routes(routes!(provider_credit))
}

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
    )
)]
async fn list_providers(
    State(market): State<Market>,
    viewer: Viewer,
    Query(paging): Query<Paging>,
    Query(filters): Query<ProviderFilters>,
) -> Result<Json<Page<ProviderSummary>>, ApiError> {
    let item =
        filters.item.as_deref().map(listing::item).transpose().map_err(|e| ApiError::Malformed(e.0))?;
    let now = market.clock.now();
    let (store, viewer, item) = (market.store.as_ref(), &viewer, item.as_ref());
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
    responses((status = 200, body = ProviderView), ProviderRead)
)]
async fn provider(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<OrganisationId>,
) -> Result<Json<ProviderView>, ApiError> {
    let store = market.store.as_ref();
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
    responses((status = 200, body = CreditView), ProviderRead)
)]
async fn provider_credit(
    State(market): State<Market>,
    viewer: Viewer,
    Path(id): Path<OrganisationId>,
) -> Result<Json<CreditView>, ApiError> {
    let store = market.store.as_ref();
    visible_provider(store, &viewer, id).await?;
    Ok(Json(CreditView::of(&accounts::credit_record(store, id).await?)))
}
