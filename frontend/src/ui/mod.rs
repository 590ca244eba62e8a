//! The pieces every page is built from: loading and action status, form fields with their
//! errors, tables, paging, access guards, and the formatting of the marketplace's values.

pub mod chart;
pub mod clock;
pub mod confirm;
pub mod form;
pub mod format;
pub mod guard;
pub mod paging;
pub mod status;
pub mod table;

pub use clock::now;
pub use confirm::ConfirmDialog;
pub use form::{amount_hint, whole_number, Field, FormCheck, FormErrors, SelectField, TextAreaField};
pub use guard::{RequireRole, RolePage};
pub use paging::{Cursors, Pager};
pub use status::{describe_error, Act, ActStatus, Loaded};
pub use table::DataTable;
