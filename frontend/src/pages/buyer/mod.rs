//! The pages of enterprises and departments (the buyers).

pub mod my_needs;
pub mod post_need;
