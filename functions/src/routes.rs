//! Every HTTP route of the marketplace, grouped by the Lambda function that serves it.

use crate::app::AppState;
use crate::error::ApiError;
use crate::repo;
use axum::extract::State;
use axum::http::HeaderName;
use axum::routing::{any, get};
use axum::{Json, Router};
use market_domain::Catalogue;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The public, read-only routes: what anyone may read without logging in.
fn public() -> Router<AppState> {
    Router::new().route("/api/v1/health", get(health)).route("/api/v1/catalog", get(catalog))
}

/// The router of the public read-only Lambda function.
pub fn public_function(state: AppState) -> Router {
    finish(public(), state)
}

/// Every route of every function, as the local server mounts them.
pub fn all(state: AppState) -> Router {
    finish(Router::new().merge(public()), state)
}

/// What every function's router shares: a JSON 404 for unknown API paths, a request id on every
/// request, response and log line.
fn finish(routes: Router<AppState>, state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    routes
        .route("/api/{*rest}", any(no_such_route))
        .with_state(state)
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %req.method(), path = req.uri().path(), request_id = id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn catalog(State(state): State<AppState>) -> Result<Json<Catalogue>, ApiError> {
    Ok(Json(repo::catalogue::catalogue(state.store.as_ref()).await?))
}

async fn no_such_route() -> ApiError {
    ApiError::NotFound
}
