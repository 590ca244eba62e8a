//! The pages of providers.

pub mod needs;
pub mod profile;
pub mod quotes;
