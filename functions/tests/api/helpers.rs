//! `spawn_app`: the whole marketplace on a free loopback port, for tests that speak HTTP.

use market_functions::store::counting::CountingStore;
use market_functions::store::embedded::EmbeddedStore;
use market_functions::{routes, AppState};
use std::sync::Arc;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// Every store call the app makes, for holding requests to their budgets.
    pub store_calls: Arc<CountingStore>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

/// A fresh embedded store in a temporary file, with the demo data.
pub async fn test_state() -> AppState {
    let state = AppState::new(Arc::new(EmbeddedStore::temporary().expect("a temporary store")));
    state.load_demo_data().await.expect("loading the demo data");
    state
}

pub async fn spawn_app() -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let store_calls = Arc::new(CountingStore::new(test_state().await.store));
    let app = routes::all(AppState::new(store_calls.clone()));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serving the app") });
    TestApp { address, client: reqwest::Client::new(), store_calls }
}
