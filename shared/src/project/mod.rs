//! A project (采购项目): one posted need for one catalogue item, from draft to rating.
//!
//! The life of a project is a state machine with one entry point for change: [`decide`] checks
//! every rule against the current project and answers with the events that follow, or with the
//! [`RuleViolation`] that forbids the command; [`Project::apply`] folds an event into the project.
//! Nothing else changes a project, so the functions and the browser enforce the very same rules
//! and every change is an event with its actor and time.
//!
//! ```text
//! draft → published → bidding closed → selected (publicity) → contracted → in service
//!       → delivered → accepted → rated
//! side exits: cancelled (before close) · failed (流标: too few eligible quotes)
//!             · an upheld objection voids the selection, which re-runs without the
//!               disqualified quote (selected again, or failed)
//! ```

mod chain;
mod decide;
mod event_hash;
mod model;
mod state;
mod violation;

pub use chain::{canonical_json, verify_chain, verify_log, ChainBreak, ChainLink, VerifiedLog};
pub use decide::{
    decide, reasons_provider_may_not_quote, reasons_provider_may_not_quote_at_all, require_bidding_open,
    Command, Context, QuoteStanding,
};
pub use event_hash::EventHash;
pub use model::*;
pub use state::{ProjectState, Role};
pub use violation::RuleViolation;

#[cfg(test)]
pub(crate) mod tests;
