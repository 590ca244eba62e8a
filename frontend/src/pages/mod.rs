//! One module per page of the site (a directory per role's pages).

pub mod auth;
pub mod buyer;
pub mod catalogue;
pub mod home;
pub mod inspections;
pub mod not_found;
pub mod notifications;
pub mod project;
pub mod provider;
pub mod providers;
pub mod results;
pub mod statistics;
pub mod supervision;
