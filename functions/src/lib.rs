//! The marketplace's functions: application logic and adapters around the domain crate.
//! Every HTTP route lives in one axum [`Router`](axum::Router) ([`routes`]); each Lambda binary
//! serves its part of it, and the local server serves all of it plus the built front-end.

pub mod app;
pub mod auth;
pub mod catalogue;
pub mod error;
pub mod repo;
pub mod routes;
pub mod serve;
pub mod store;

pub use app::AppState;
