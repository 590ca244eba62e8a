//! The pieces every page is built from: loading and action status, form fields with their
//! errors, paging, access guards, and the formatting of the marketplace's values.

pub mod chart;
pub mod form;
pub mod format;
pub mod guard;
pub mod paging;
pub mod status;

pub use form::{Field, FormErrors, SelectField, TextAreaField};
pub use guard::RequireRole;
pub use paging::{Cursors, Pager};
pub use status::{describe_error, Act, ActStatus, Loaded};
