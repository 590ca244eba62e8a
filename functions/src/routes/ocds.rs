//! The open-data feed in the Open Contracting Data Standard 1.1, part of the public function:
//! release packages since a date, the record of one process, and the marketplace's extension
//! (built in [`crate::ocds`]; docs/ocds.md describes the mapping).

use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Paging, Path, Query};
use crate::market::Market;
use crate::ocds::{self, Publication};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use market_domain::api::ErrorBody;
use market_domain::ocds::{RecordPackage, ReleasePackage};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    let (schemas, paths, extension_route) = routes!(extension);
    let mut router = OpenApiRouter::new()
        .routes(routes!(releases))
        .routes(routes!(record))
        .route(EXTENSION_ROUTE, extension_route);
    // The extension's route is a catch-all, which OpenAPI has no way to write: it is described
    // at `{file}` (see `access::route_pattern`).
    let doc = router.get_openapi_mut();
    doc.paths.paths.extend(paths.paths);
    doc.components.get_or_insert_with(Default::default).schemas.extend(schemas);
    router
}

/// Where the extension's files are routed: a catch-all, as its codelists sit in `codelists/`.
const EXTENSION_ROUTE: &str = "/api/v1/ocds/extension/{*file}";

/// The public origin of the request (`https://host`), which the packages' URLs start with: the
/// request's own when it is absolute (API Gateway's), else its `Host` with `X-Forwarded-Proto`
/// (`http` when not said).
pub struct Origin(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let (Some(scheme), Some(authority)) = (parts.uri.scheme_str(), parts.uri.authority()) {
            return Ok(Origin(format!("{scheme}://{authority}")));
        }
        let header = |name| parts.headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        let host = header(header::HOST.as_str()).unwrap_or("localhost");
        let scheme = header("x-forwarded-proto").unwrap_or("http");
        Ok(Origin(format!("{scheme}://{host}")))
    }
}

/// The feed's filter, as given (`since` is checked by [`Since::parse`]).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct Since {
    /// Only releases dated at or after this instant, in RFC 3339 (e.g.
    /// `2026-03-02T09:00:00+08:00`).
    since: Option<String>,
}

impl Since {
    fn parse(&self) -> Result<Option<DateTime<Utc>>, ApiError> {
        self.since
            .as_deref()
            .map(|s| {
                DateTime::parse_from_rfc3339(s.trim()).map(|t| t.with_timezone(&Utc)).map_err(|e| {
                    ApiError::Malformed(format!(
                        "since: {e}: expected an RFC 3339 instant such as 2026-03-02T09:00:00+08:00"
                    ))
                })
            })
            .transpose()
    }
}

/// Every OCDS release of the marketplace dated at or after `since` (all without it), oldest
/// first, as a release package: the tender of each published project, its updates on close,
/// failure and cancellation, each award with its selection record, the contract, and the
/// implementation (deliveries, acceptance, evaluation). Paged like every list (`cursor`,
/// `limit`), with the next page's URL in `links.next`; a page may hold fewer than `limit`
/// releases while `links.next` is set. A harvester resumes with `since` = the latest `date`
/// it has read.
#[utoipa::path(
    get,
    path = "/api/v1/ocds/releases",
    tag = "public",
    params(Since, Paging),
    responses(
        (status = 200, body = ReleasePackage),
    )
)]
async fn releases(
    State(market): State<Market>,
    Origin(origin): Origin,
    Query(since): Query<Since>,
    Query(paging): Query<Paging>,
) -> Result<Json<ReleasePackage>, ApiError> {
    let after = since.parse()?;
    let limit = paging.limit();
    let (releases, next) = ocds::release_page(market.store.as_ref(), after, paging.cursor(), limit).await?;
    let since = since.since.as_deref();
    let uri = ocds::feed_uri(since, paging.cursor.as_deref(), limit);
    let next = next.map(|c| ocds::feed_uri(since, Some(&c.0), limit));
    let publication = Publication { origin };
    Ok(Json(publication.release_package(&uri, releases, next, market.clock.now())))
}

/// The OCDS record of one contracting process — one published project — as a record package:
/// every release, oldest first, and the compiled release (the process as it is now).
#[utoipa::path(
    get,
    path = "/api/v1/ocds/records/{ocid}",
    tag = "public",
    params(("ocid" = String, Path, description = "the process's ocid: `ocds-zjzjcs-` and the project's id")),
    responses(
        (status = 200, body = RecordPackage),
        (status = 400, description = "not an ocid of this marketplace", body = ErrorBody),
        (status = 404, description = "no published project has this ocid", body = ErrorBody),
    )
)]
async fn record(
    State(market): State<Market>,
    Origin(origin): Origin,
    Path(ocid): Path<String>,
) -> Result<Json<RecordPackage>, ApiError> {
    let record = ocds::record(&market, &ocid).await?;
    let uri = format!("/api/v1/ocds/records/{}", record.ocid);
    Ok(Json(Publication { origin }.record_package(&uri, record)))
}

/// A file of the marketplace's OCDS extension, by its path under the extension:
/// `extension.json` (what packages name in `extensions`), `release-schema.json` (its JSON Merge
/// Patch of the release schema), `README.md`, and the codes it adds to open OCDS codelists,
/// `codelists/+awardCriteria.csv` and `codelists/+itemClassificationScheme.csv`. Nothing else:
/// the path is looked up among these, never in a file system.
#[utoipa::path(
    get,
    path = "/api/v1/ocds/extension/{file}",
    tag = "public",
    params(("file" = String, Path, description = "the file's path under the extension, which may hold a `/`: \
        `extension.json`, `release-schema.json`, `README.md`, `codelists/+awardCriteria.csv` or \
        `codelists/+itemClassificationScheme.csv`")),
    responses((status = 200, description = "the file"), (status = 404, body = ErrorBody))
)]
async fn extension(Path(file): Path<String>) -> Result<Response, ApiError> {
    let (media, text) = ocds::extension_file(&file).ok_or(ApiError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, media)], text).into_response())
}
