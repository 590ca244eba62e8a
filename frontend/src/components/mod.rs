//! Widgets of the marketplace that several pages show: a page imports these and `ui`, never
//! another page. Links to parties and needs, the bid window's countdown, a provider's
//! eligibility and ratings, a quote's status, publishing a draft, deciding an objection, a
//! decision's reason, and the notice of a need page's last action.

pub mod action_notice;
pub mod countdown;
pub mod eligibility;
pub mod links;
pub mod objection;
pub mod publish;
pub mod quotes;
pub mod ratings;
pub mod reason;
