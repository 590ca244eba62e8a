//! `spawn_app`: the whole marketplace on a free loopback port, for tests that speak HTTP.

use market_functions::{routes, AppState};

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

pub async fn spawn_app() -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binding a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let app = routes::all(AppState::new());
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serving the app") });
    TestApp { address, client: reqwest::Client::new() }
}
