//! The typed client of the marketplace's API: one function per endpoint, returning the shared
//! response types of the domain crate.

use gloo_net::http::Request;
use market_domain::Catalogue;
use serde::de::DeserializeOwned;

/// Why a call to the API failed, in terms the page can explain.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request did not reach the server or the answer was unreadable.
    Network(String),
    /// The server answered with an error status and its message.
    Status(u16, String),
}

async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path).send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let message = response.text().await.unwrap_or_default();
        return Err(ApiError::Status(response.status(), message));
    }
    response.json().await.map_err(|e| ApiError::Network(e.to_string()))
}

/// `GET /api/v1/catalog`: the service catalogue.
pub async fn catalogue() -> Result<Catalogue, ApiError> {
    get_json("/api/v1/catalog").await
}
