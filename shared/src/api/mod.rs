//! The API's request and response bodies, shared by the functions and the browser: both read a
//! form with the very same `parse`, so the browser can point at a bad field as it is typed and
//! the functions can never accept what the browser would have refused. Errors travel in both
//! languages ([`Message`], [`FieldErrors`]).

pub mod errors;
pub mod forms;
pub mod listing;
pub mod password;
pub mod views;

pub use errors::{FieldErrors, FormError, Message};
pub use forms::*;
pub use listing::{FundingKind, ListingQuery, ListingSort, ProjectListing};
pub use password::{Password, PasswordError, SecretText};
pub use views::*;
