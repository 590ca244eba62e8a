//! Time-driven changes: every minute (an EventBridge rule on AWS, a background task in the local
//! server) close the bid windows that have ended. Reads and writes apply the same changes
//! lazily ([`crate::lifecycle::current`]), stamped at the close instant, so a late or missed
//! run changes when a close is stored, never what it decides. The end of publicity and overdue
//! contracts need no stored change: the rules compare the time when asked.

use crate::error::ApiError;
use crate::lifecycle;
use crate::market::Market;
use serde::Serialize;
use std::time::Duration;

/// What one run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Report {
    pub closed: usize,
}

pub async fn run_once(market: &Market) -> Result<Report, ApiError> {
    let closed = lifecycle::close_due(market).await?;
    if closed > 0 {
        tracing::info!(closed, "closed ended bid windows");
    }
    Ok(Report { closed })
}

/// Runs the scheduler every `period` for as long as the process lives (the local server).
pub fn spawn_background(market: Market, period: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(e) = run_once(&market).await {
                tracing::error!(error = %e, "scheduler run failed");
            }
        }
    })
}
