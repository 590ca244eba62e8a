//! Every HTTP route of the marketplace, grouped by the Lambda function that serves it — each
//! group a file: [`public`] reads, [`accounts`], [`bidding`] (buyers' and providers' changes),
//! [`supervision`]; the public function also serves the OCDS feed ([`ocds`]). Routes are declared with their OpenAPI description (utoipa), so the
//! document at `/api/v1/openapi.json` is generated from the very routes served. Who may call
//! each route is decided in [`crate::access`].

use crate::access;
use crate::app::AppState;
use crate::docs_page::Document;
use crate::error::{render_errors, ApiError};
use crate::idempotency;
use axum::http::{HeaderName, Method};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::any;
use axum::{Extension, Router};
use std::sync::{Arc, OnceLock};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::openapi::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub mod accounts;
pub mod bidding;
pub mod doc;
pub mod inspections;
pub mod ocds;
pub mod public;
mod responses;
pub mod supervision;
#[cfg(feature = "test-hooks")]
pub mod test_hooks;

/// The Lambda functions that serve HTTP, each with the routes of its concern (and only the
/// permissions those need, see `infra/template.yaml`). The scheduler serves no routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Public,
    Accounts,
    Bidding,
    Supervision,
}

impl Function {
    pub const ALL: [Function; 4] =
        [Function::Public, Function::Accounts, Function::Bidding, Function::Supervision];

    fn routes(self) -> OpenApiRouter<AppState> {
        match self {
            Function::Public => public::routes(),
            Function::Accounts => accounts::routes(),
            Function::Bidding => bidding::routes(),
            Function::Supervision => supervision::routes(),
        }
    }
}

/// The router of one Lambda function.
pub fn function(function: Function, state: AppState) -> Router {
    let (routes, doc) = function.routes().split_for_parts();
    finish(routes, operations(&doc), state)
}

/// Every route of every function, as the local server mounts them.
pub fn all(state: AppState) -> Router {
    let (mut routes, doc) = every_route().split_for_parts();
    let mut served = operations(&doc);
    if test_hooks_enabled() {
        routes = routes.merge(test_hooks_routes());
        served.extend(test_hook_paths());
    }
    finish(routes, served, state)
}

/// Every method and path an OpenAPI document describes.
fn operations(doc: &OpenApi) -> Vec<(Method, String)> {
    doc.paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ]
            .into_iter()
            .filter(|(_, present)| *present)
            .map(move |(method, _)| (method, path.clone()))
        })
        .collect()
}

fn every_route() -> OpenApiRouter<AppState> {
    Function::ALL.into_iter().fold(OpenApiRouter::new(), |all, f| all.merge(f.routes()))
}

/// The OpenAPI document of every route, generated once.
pub fn openapi() -> &'static OpenApi {
    static DOCUMENT: OnceLock<OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut doc = doc::complete(every_route().into_openapi());
        doc.info = utoipa::openapi::InfoBuilder::new()
            .title("中介超市 API — the intermediary-services marketplace")
            .version(env!("CARGO_PKG_VERSION"))
            .description(Some(include_str!("../../../docs/api-intro.md")))
            .build();
        doc.components.get_or_insert_with(Default::default).add_security_scheme(
            "bearer",
            utoipa::openapi::security::SecurityScheme::Http(
                utoipa::openapi::security::HttpBuilder::new()
                    .scheme(utoipa::openapi::security::HttpAuthScheme::Bearer)
                    .bearer_format("signed access token")
                    .build(),
            ),
        );
        doc
    })
}

/// Whether this process serves the test routes: only a build with the `test-hooks` feature, only
/// when `MARKET_TEST_HOOKS=1`, and never on Lambda.
pub fn test_hooks_enabled() -> bool {
    cfg!(feature = "test-hooks")
        && std::env::var("MARKET_TEST_HOOKS").as_deref() == Ok("1")
        && !crate::serve::on_lambda()
}

#[cfg(feature = "test-hooks")]
fn test_hooks_routes() -> Router<AppState> {
    test_hooks::routes()
}

#[cfg(feature = "test-hooks")]
fn test_hook_paths() -> impl Iterator<Item = (Method, String)> {
    test_hooks::ROUTES.into_iter().map(|(method, path)| (method, path.to_owned()))
}

#[cfg(not(feature = "test-hooks"))]
fn test_hooks_routes() -> Router<AppState> {
    Router::new()
}

#[cfg(not(feature = "test-hooks"))]
fn test_hook_paths() -> impl Iterator<Item = (Method, String)> {
    std::iter::empty()
}

/// Where the test routes live; never deployed.
pub const TEST_HOOKS_PREFIX: &str = "/api/v1/test/";

/// What every function's router shares: the access guard and idempotency on every route, a JSON
/// 404 for unknown API paths, errors rendered in the reader's language, a request id on every
/// request, response and log line.
fn finish(routes: Router<AppState>, served: Vec<(Method, String)>, state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let guard =
        access::Guard { tokens: state.tokens.clone(), clock: state.clock.clone(), served: Arc::new(served) };
    routes
        // route_layer: the innermost first — the guard runs before idempotency.
        .route_layer(from_fn_with_state(state.market.clone(), idempotency::honour))
        .route_layer(from_fn_with_state(guard, access::guard))
        .route("/api/{*rest}", any(no_such_route))
        .with_state(state)
        .layer(Extension::<Document>(openapi))
        .layer(from_fn(render_errors))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &axum::http::Request<_>| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
                    tracing::info_span!("request", method = %req.method(), path = req.uri().path(), request_id = id)
                })
                // One line per request, with its status and latency (and the span's request id).
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

async fn no_such_route() -> ApiError {
    ApiError::NotFound
}

impl Function {
    /// Every method and path this function serves, as `infra/template.yaml` must route them to it.
    pub fn operations(self) -> Vec<(Method, String)> {
        operations(&self.routes().into_openapi())
    }
}
