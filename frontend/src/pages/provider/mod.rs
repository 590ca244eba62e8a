//! The pages of providers: the needs open to them, their quotes, their profile.

pub mod needs;
pub mod profile;
pub mod quotes;
