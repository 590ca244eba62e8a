//! One module per page of the site.

pub mod catalogue;
pub mod not_found;
