//! The whole marketplace on one machine: every function's routes plus the built front-end,
//! served on 127.0.0.1 (`PORT`, default 8080) from `MARKET_STATIC_DIR` (default `frontend/dist`),
//! on the store `MARKET_STORE` names (the embedded one by default), with the demo data loaded
//! into an empty store.

use tower_http::services::{ServeDir, ServeFile};

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let dist = std::env::var("MARKET_STATIC_DIR").unwrap_or_else(|_| "frontend/dist".into());
    // Unknown paths get index.html so the front-end's router can show them.
    let site = ServeDir::new(&dist).fallback(ServeFile::new(format!("{dist}/index.html")));
    let state = market_functions::AppState::from_env().await?;
    state.load_demo_data().await?;
    let app = market_functions::routes::all(state).fallback_service(site);
    market_functions::serve::local(app).await
}
