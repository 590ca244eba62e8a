//! The marketplace's functions: application logic and adapters around the domain crate.
//! Every HTTP route lives in one axum [`Router`](axum::Router) ([`routes`]); each Lambda binary
//! serves its part of it, and the local server serves all of it plus the built front-end.

// mimalloc for every binary that links this crate: a request allocates many small values (JSON
// documents, keys), where glibc's allocator took about a fifth of a public read's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod access;
pub mod app;
pub mod auth;
pub mod catalogue;
pub mod clock;
pub mod demo;
pub mod docs_page;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod lifecycle;
pub mod listing;
pub mod market;
pub mod ocds;
pub mod repo;
pub mod routes;
pub mod scheduler;
pub mod serve;
pub mod statistics;
pub mod store;

pub use app::AppState;
