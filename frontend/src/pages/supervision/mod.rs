//! The supervisors' pages.

pub mod blacklist;
pub mod catalogue;
pub mod inspection_draw;
pub mod objections;
pub mod onboarding;
pub mod overdue;
