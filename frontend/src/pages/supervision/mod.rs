//! The supervisors' (监管部门) pages: onboarding, objections, blacklist and violations,
//! inspection draws, the catalogue, overdue contracts.

pub mod blacklist;
pub mod catalogue;
pub mod inspection_draw;
pub mod objections;
pub mod onboarding;
pub mod overdue;
