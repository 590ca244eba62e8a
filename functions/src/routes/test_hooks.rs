//! The routes only browser tests use, under `/api/v1/test/`. Compiled only with the `test-hooks`
//! feature and mounted only when [`super::test_hooks_enabled`]:
//! - `POST /api/v1/test/clock {"advance_seconds": n}` moves the clock forward (bid windows and
//!   publicity periods are working days long) and answers the new time;
//! - `POST /api/v1/test/tamper {"project", "seq", "pointer", "value"}` rewrites one field of one
//!   stored event, behind the application's back, as someone with access to the table could: the
//!   browser's check of the event log must catch it.

use crate::app::AppState;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::extract::Json;
use crate::repo::{keys, RepoError};
use crate::store::{Condition, Write};
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use market_domain::ids::ProjectId;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Every test route, for the list of what the local server serves.
pub const ROUTES: [(Method, &str); 2] =
    [(Method::POST, "/api/v1/test/clock"), (Method::POST, "/api/v1/test/tamper")];

pub fn routes() -> Router<AppState> {
    Router::new().route(ROUTES[0].1, post(advance)).route(ROUTES[1].1, post(tamper))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_seconds: i64,
}

#[derive(Serialize)]
struct Now {
    now: DateTime<Utc>,
}

async fn advance(
    State(state): State<AppState>,
    Json(body): Json<Advance>,
) -> Result<axum::Json<Now>, ApiError> {
    let clock = state.clock.as_test_clock().ok_or(ApiError::NotFound)?;
    if !(0..=366 * 24 * 3600).contains(&body.advance_seconds) {
        return Err(ApiError::Malformed("advance_seconds: 0 to one year".into()));
    }
    clock.advance(Duration::seconds(body.advance_seconds));
    Ok(axum::Json(Now { now: clock.now() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tamper {
    project: ProjectId,
    seq: u64,
    /// A JSON pointer into the stored event (`/reason`, `/quote/price` …) to a field it has.
    pointer: String,
    value: Value,
}

async fn tamper(State(state): State<AppState>, Json(body): Json<Tamper>) -> Result<StatusCode, ApiError> {
    let store = state.store.as_ref();
    let mut item = store
        .get(&keys::event(body.project, body.seq))
        .await
        .map_err(RepoError::from)?
        .ok_or(ApiError::NotFound)?;
    let field = item
        .data
        .pointer_mut(&body.pointer)
        .ok_or_else(|| ApiError::Malformed(format!("pointer: the event has no {}", body.pointer)))?;
    *field = body.value;
    store.write(vec![Write::Put { item, condition: Condition::Always }]).await.map_err(RepoError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
