//! The buyer's and the provider's own lists: a buyer's projects (drafts included), a provider's
//! quotes.

use crate::access::Signed;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Paging, Query};
use crate::lifecycle::{self};
use crate::market::Market;
use crate::repo::projects::{self, QuoteRecord};
use axum::extract::State;
use market_domain::api::Page;
use market_domain::project::ProjectSummary;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(my_projects)).routes(routes!(my_quotes))
}

/// The signed-in buyer's projects, drafts included, newest first. A project whose bid window
/// has ended is closed before it is listed, so the list never shows bidding open past its close.
#[utoipa::path(
    get,
    path = "/api/v1/me/projects",
    tag = "bidding",
    params(Paging),
    responses(
        (status = 200, body = Page<ProjectSummary>),
    ),
)]
async fn my_projects(
    State(market): State<Market>,
    signed: Signed,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<ProjectSummary>>, ApiError> {
    let buyer = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    let page = projects::of_buyer(market.store.as_ref(), buyer, paging.cursor(), paging.limit()).await?;
    let now = market.clock.now();
    let mut items = Vec::with_capacity(page.items.len());
    for project in page.items {
        let project = match lifecycle::due_to_close(&project, now) {
            Some(_) => lifecycle::settle(&market, project.id).await?,
            None => project,
        };
        items.push(project.summary());
    }
    Ok(axum::Json(Page { items, next: page.next.map(|c| c.0) }))
}

/// The signed-in provider's quotes on every project (replaced and withdrawn ones too), newest
/// first.
#[utoipa::path(
    get,
    path = "/api/v1/me/quotes",
    tag = "bidding",
    params(Paging),
    responses(
        (status = 200, body = Page<QuoteRecord>),
    ),
)]
async fn my_quotes(
    State(market): State<Market>,
    signed: Signed,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<QuoteRecord>>, ApiError> {
    let provider = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    let page = projects::quotes_of_provider(market.store.as_ref(), provider, paging.cursor(), paging.limit())
        .await?;
    Ok(axum::Json(page.into()))
}
