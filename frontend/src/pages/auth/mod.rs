//! Signing in and registering.

pub mod register;
pub mod sign_in;
