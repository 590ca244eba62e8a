//! The pages of enterprises and departments (the buyers): posting and editing a need, and
//! their needs by state.

pub mod my_needs;
pub mod need_form;
pub mod post_need;
