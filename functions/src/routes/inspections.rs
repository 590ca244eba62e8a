//! Random inspections (双随机、一公开): a supervisor draws which providers are inspected — among
//! the approved providers in good standing — and which supervisor inspects them, with a fresh
//! secret whose commitment the record carries; everyone may read every draw and recompute it
//! (`market_domain::inspection::verify_inspection`). Drawing belongs to the supervision function,
//! reading to the public one.

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Paging, Path, Query};
use crate::market::Market;
use crate::repo::accounts;
use crate::repo::inspections::{self, Inspection};
use axum::extract::State;
use axum::http::StatusCode;
use market_domain::api::{ErrorBody, FieldErrors, InspectionForm, Page};
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::inspection::{InspectionError, InspectionList, InspectionRecord};
use market_domain::organisation::OrganisationKind;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

/// How many supervisors each inspection sends.
const INSPECTORS: usize = 1;

/// The reads, served by the public function.
pub fn public_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_inspections)).routes(routes!(show_inspection))
}

/// The draw, served by the supervision function.
pub fn supervision_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(draw_inspection))
}

/// Draws a random inspection: `providers` of the approved providers in good standing now, and
/// one inspector among the supervisors, with a fresh secret. The record published holds both
/// lists, the secret and its commitment, so anyone can recompute the draw.
#[utoipa::path(
    post,
    path = "/api/v1/inspections",
    tag = "supervision",
    request_body = InspectionForm,
    responses(
        (status = 201, body = Inspection, description = "the inspection as drawn and published"),
        (status = 422, body = ErrorBody, description = "no label, or too many providers"),
    ),
)]
async fn draw_inspection(
    State(market): State<Market>,
    Json(form): Json<InspectionForm>,
) -> Result<(StatusCode, axum::Json<Inspection>), ApiError> {
    let (label, wanted) = form.parse()?;
    let store = market.store.as_ref();
    let drawn_at = market.clock.now();
    let mut providers: Vec<OrganisationId> = accounts::every_provider(store)
        .await?
        .into_iter()
        .filter(|o| matches!(&o.kind, OrganisationKind::Provider(p) if p.in_good_standing(drawn_at)))
        .map(|o| o.id)
        .collect();
    providers.sort();
    let inspectors: Vec<AccountId> = accounts::supervisors(store).await?.into_iter().map(|a| a.id).collect();
    let secret = Secret::from_bytes(crate::auth::random_bytes());
    let commitment = Commitment::of(&secret);
    let record =
        InspectionRecord::new(label.as_str(), commitment, secret, providers, wanted, inspectors, INSPECTORS)
            .map_err(refused)?;
    let inspection = Inspection { id: Uuid::new_v4(), drawn_at, record };
    inspections::create(store, &inspection).await?;
    Ok((StatusCode::CREATED, axum::Json(inspection)))
}

/// Too few providers to draw from is the form's `providers`; anything else about the lists is
/// the store's fault (every supervisor is listed, so there is always an inspector).
fn refused(e: InspectionError) -> ApiError {
    match e {
        InspectionError::TooFew { list: InspectionList::Providers, .. }
        | InspectionError::NothingToDraw(InspectionList::Providers) => {
            ApiError::Invalid(FieldErrors::single("providers", &e))
        }
        other => {
            tracing::error!(error = %other, "an inspection could not be drawn");
            ApiError::Internal
        }
    }
}

/// Every random inspection drawn, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/inspections",
    tag = "public",
    params(Paging),
    responses(
        (status = 200, body = Page<Inspection>),
    )
)]
async fn list_inspections(
    State(market): State<Market>,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<Inspection>>, ApiError> {
    let page = inspections::listed(market.store.as_ref(), paging.cursor(), paging.limit()).await?;
    Ok(axum::Json(page.into()))
}

/// One random inspection, with everything needed to recompute its draw.
#[utoipa::path(
    get,
    path = "/api/v1/inspections/{id}",
    tag = "public",
    params(("id" = Uuid, Path, description = "the inspection's id")),
    responses((status = 200, body = Inspection), (status = 404, body = ErrorBody))
)]
async fn show_inspection(
    State(market): State<Market>,
    Path(id): Path<Uuid>,
) -> Result<axum::Json<Inspection>, ApiError> {
    let inspection = inspections::get(market.store.as_ref(), id).await?.ok_or(ApiError::NotFound)?;
    Ok(axum::Json(inspection))
}
