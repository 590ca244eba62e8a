//! The test clock's route, for browser tests that must let bid windows (working days long) and
//! publicity periods pass: `POST /api/v1/test/clock {"advance_seconds": n}` moves the clock
//! forward and answers the new time. Compiled only with the `test-clock` feature and mounted
//! only when [`super::test_clock_enabled`].

use crate::app::AppState;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::extract::Json;
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    advance_seconds: i64,
}

#[derive(Serialize)]
struct Now {
    now: DateTime<Utc>,
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/test/clock", post(advance))
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
