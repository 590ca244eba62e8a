//! API tests: the router served over real HTTP on loopback, and the same router fed API Gateway
//! events as Lambda would. One test binary for the whole API keeps link time down.

mod catalogue;
mod dynamo;
mod helpers;
mod lambda;
