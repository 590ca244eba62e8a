//! The marketplace's values as people read them: states, methods, funding, roles (their names
//! defined once, in the domain), days and instants (Shanghai time), in the current language.

use crate::i18n::text::Common;
use crate::i18n::{I18n, Translate};
use chrono::{DateTime, Utc};
use market_domain::project::{Funding, ProjectState, Role};
use market_domain::selection::SelectionMethod;
use market_domain::{QualificationType, Term};

/// The state's name ([`ProjectState::term`], like every name below: defined once, in the domain).
pub fn state(state: ProjectState) -> Term {
    state.term()
}

/// The state's name in the API (`bidding_closed`), for filters and CSS classes.
pub fn state_code(state: ProjectState) -> String {
    serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn method(method: &SelectionMethod) -> Term {
    method.term()
}

pub fn funding(funding: &Funding) -> Term {
    funding.term()
}

pub fn role(role: Role) -> Term {
    role.term()
}

/// A qualification type by its name (tracked); the code, where the marketplace has no name for
/// it or it is no code at all.
pub fn qualification(i18n: I18n, code: &str) -> String {
    match code.parse::<QualificationType>() {
        Ok(kind) => kind.name(i18n.locale()),
        Err(_) => code.to_owned(),
    }
}

/// A best-value total on its 100-point scale: `79.66`.
pub fn points(total: u64) -> String {
    let hundredths = market_domain::selection::points_x100(total);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// "N working days" (tracked).
pub fn working_days(i18n: I18n, days: u16) -> String {
    if days == 1 {
        Common::OneWorkingDay.get(i18n.locale()).to_owned()
    } else {
        i18n.fill(Common::WorkingDays, &[("days", &days.to_string())])
    }
}

/// An instant in Shanghai time, to the minute.
pub fn instant(at: DateTime<Utc>) -> String {
    market_domain::calendar::shanghai_minute(at)
}

/// A date in Shanghai time.
pub fn date(at: DateTime<Utc>) -> String {
    market_domain::shanghai_date(at).to_string()
}

/// A rating the API gives as mean × 100, as people read it: `4.20`.
pub fn rating(x100: u16) -> String {
    format!("{}.{:02}", x100 / 100, x100 % 100)
}
