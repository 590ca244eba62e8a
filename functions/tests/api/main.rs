//! API tests: the router served over real HTTP on loopback, the same router fed API Gateway
//! events as Lambda would, the repositories, and the store conformance suite run against every
//! engine. One test binary for all of it keeps link time down.

mod auth;
mod bidding;
mod catalogue;
mod dynamo;
mod helpers;
mod lambda;
mod lifecycle;
mod repo;
mod store;
