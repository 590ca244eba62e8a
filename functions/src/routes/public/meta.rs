//! What the API says about itself and the catalogue it serves: health, the catalogue of
//! service items, the OpenAPI document and its page.

use crate::app::AppState;
use crate::docs_page::Document;
use crate::error::ApiError;
use crate::market::Market;
use axum::extract::State;
use axum::response::Html;
use axum::{Extension, Json};
use market_domain::Catalogue;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(catalog))
        .routes(routes!(openapi_json))
        .routes(routes!(docs))
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
async fn catalog(State(market): State<Market>) -> Result<Json<Catalogue>, ApiError> {
    Ok(Json(crate::repo::catalogue::catalogue(market.store.as_ref()).await?))
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
