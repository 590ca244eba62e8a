//! A quote as its provider reads it: on the provider's quotes page and on a need's page.

use crate::i18n::text::Provider as Text;
use crate::i18n::I18n;
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
