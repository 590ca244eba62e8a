//! The public statistics' route; what they are and how they are kept is [`crate::statistics`].

use crate::app::AppState;
use crate::error::ApiError;
use crate::market::Market;
use crate::statistics::StatisticsMemo;
use axum::extract::State;
use axum::Json;
use market_domain::api::Statistics;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(statistics))
}

/// The marketplace's public statistics. The counters are exact, and so is the average of quotes
/// per need drawn from them; needs per month, savings, the median days to selection and to
/// acceptance, needs by quotes received, provider concentration and satisfaction come from the
/// newest 1,000 published projects (`market_domain::statistics`; the top providers' names are
/// read one by one, at most five), the number of approved providers from the first 1,000 directory entries — the
/// `*_complete` flags say whether that was all of them. A process reuses what it computed while
/// the counters stand still, for at most a minute.
#[utoipa::path(get, path = "/api/v1/statistics", tag = "public", responses((status = 200, body = Statistics)))]
async fn statistics(
    State(market): State<Market>,
    State(memo): State<Arc<StatisticsMemo>>,
) -> Result<Json<Statistics>, ApiError> {
    Ok(Json(crate::statistics::current(&market, &memo).await?))
}
