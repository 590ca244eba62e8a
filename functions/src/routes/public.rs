//! The public read-only function (`market-public`): the catalogue, everything published about
//! projects and providers, statistics, and the API's own description. Reading a project whose
//! bid window has ended closes it first (see [`crate::lifecycle::settle`]).

use crate::app::AppState;
use crate::error::ApiError;
use crate::repo;
use axum::extract::State;
use axum::response::Html;
use axum::Json;
use market_domain::Catalogue;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(catalog))
        .routes(routes!(openapi_json))
        .routes(routes!(docs))
        .merge(super::inspections::public_routes())
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
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(super::openapi())
}

/// A page to browse the API's description: every route, who may call it, its parameters and
/// answers — rendered on the server from the same document, so it works without any script.
#[utoipa::path(get, path = "/api/v1/docs", tag = "public", responses((status = 200, description = "HTML")))]
async fn docs() -> Html<String> {
    Html(crate::docs_page::render(super::openapi()))
}
