//! The pages of providers, and the pieces they share with the provider's panel on a need's page.

pub mod eligibility;
pub mod needs;
pub mod profile;
pub mod quotes;

use crate::i18n::text::Provider as Text;
use crate::i18n::I18n;
use chrono::{DateTime, Utc};
use market_domain::project::QuoteStatus;

/// A quote's status as a provider reads it (tracked).
pub fn quote_status(i18n: I18n, status: &QuoteStatus) -> String {
    let key = match status {
        QuoteStatus::Live => Text::StatusLive,
        QuoteStatus::Withdrawn => Text::StatusWithdrawn,
        QuoteStatus::Replaced => Text::StatusReplaced,
        QuoteStatus::Disqualified => Text::StatusDisqualified,
        QuoteStatus::Excluded { reason } => return i18n.fill(Text::StatusExcluded, &[("reason", reason)]),
    };
    i18n.fill(key, &[])
}

/// The browser's clock (chrono's own `now` is not available in the browser build).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
