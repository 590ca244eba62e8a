//! API tests: the router served over real HTTP on loopback, the same router fed API Gateway
//! events as Lambda would, the repositories, and the store conformance suite run against every
//! engine. One test binary for all of it keeps link time down.

mod accounts;
mod auth;
mod authorization;
mod bidding;
mod catalogue;
mod demo;
mod dynamo;
mod errors;
mod faults;
mod helpers;
mod infra;
mod lambda;
mod lifecycle;
mod load;
mod ocds;
mod public;
mod repo;
mod scheduler;
mod store;
mod supervision;
