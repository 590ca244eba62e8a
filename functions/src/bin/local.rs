//! The whole marketplace on one machine: every function's routes plus the built front-end,
//! served on 127.0.0.1 (`PORT`, default 8080) from `MARKET_STATIC_DIR` (default `frontend/dist`),
//! on the store `MARKET_STORE` names (the embedded one by default), with the demo data loaded
//! into an empty store (with `MARKET_DEMO_OPEN_NEEDS` more open projects, default none: a market
//! under load for measuring the front-end) and the scheduler running every
//! `MARKET_SCHEDULER_SECONDS` (default 60).
//! Built with the `test-hooks` feature and run with `MARKET_TEST_HOOKS=1`, time can be moved
//! forward over HTTP (browser tests).

use market_functions::clock::TestClock;
use market_functions::{routes, scheduler, serve, AppState};
use std::sync::Arc;
use std::time::Duration;
use tower_http::services::{ServeDir, ServeFile};

#[tokio::main]
async fn main() -> Result<(), serve::Error> {
    serve::init_tracing();
    let dist = std::env::var("MARKET_STATIC_DIR").unwrap_or_else(|_| "frontend/dist".into());
    // Unknown paths get index.html so the front-end's router can show them.
    let site = ServeDir::new(&dist).fallback(ServeFile::new(format!("{dist}/index.html")));
    let mut state = AppState::from_env().await?;
    if routes::test_hooks_enabled() {
        tracing::warn!("the test clock is on: time can be moved forward over HTTP");
        state = state.with_clock(Arc::new(TestClock::running()));
    }
    state.load_demo_data(number("MARKET_DEMO_OPEN_NEEDS", 0)?).await?;
    let period = number("MARKET_SCHEDULER_SECONDS", 60)?;
    scheduler::spawn_background(state.market.clone(), Duration::from_secs(period.max(1)));
    let app = routes::all(state).fallback_service(site);
    serve::local(app).await
}

/// A whole number from the environment, `default` when unset.
fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, serve::Error>
where
    T::Err: std::fmt::Display,
{
    match std::env::var(name) {
        Ok(s) => s.parse::<T>().map_err(|e| format!("{name}={s:?}: {e}").into()),
        Err(_) => Ok(default),
    }
}
