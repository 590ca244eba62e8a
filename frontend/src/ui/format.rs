//! The marketplace's values as people read them: states, methods, funding, roles, days and
//! instants (Shanghai time), in the current language.

use crate::i18n::text::Common;
use crate::i18n::{I18n, Translate};
use chrono::{DateTime, Utc};
use market_domain::project::{Funding, ProjectState, Role};
use market_domain::selection::SelectionMethod;

pub fn state(state: ProjectState) -> Common {
    match state {
        ProjectState::Draft => Common::StateDraft,
        ProjectState::Published => Common::StatePublished,
        ProjectState::BiddingClosed => Common::StateBiddingClosed,
        ProjectState::Selected => Common::StateSelected,
        ProjectState::Contracted => Common::StateContracted,
        ProjectState::InService => Common::StateInService,
        ProjectState::Delivered => Common::StateDelivered,
        ProjectState::Accepted => Common::StateAccepted,
        ProjectState::Rated => Common::StateRated,
        ProjectState::Cancelled => Common::StateCancelled,
        ProjectState::Failed => Common::StateFailed,
    }
}

/// The state's name in the API (`bidding_closed`), for filters and CSS classes.
pub fn state_code(state: ProjectState) -> String {
    serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn method(method: &SelectionMethod) -> Common {
    match method {
        SelectionMethod::DirectChoice => Common::MethodDirectChoice,
        SelectionMethod::RandomDraw => Common::MethodRandomDraw,
        SelectionMethod::LowestPrice => Common::MethodLowestPrice,
        SelectionMethod::BestValue(_) => Common::MethodBestValue,
        SelectionMethod::ReasonablePrice => Common::MethodReasonablePrice,
    }
}

pub fn funding(funding: &Funding) -> Common {
    match funding {
        Funding::Enterprise => Common::FundingEnterprise,
        Funding::Department { .. } => Common::FundingDepartment,
    }
}

pub fn role(role: Role) -> Common {
    match role {
        Role::Enterprise => Common::RoleEnterprise,
        Role::Department => Common::RoleDepartment,
        Role::Provider => Common::RoleProvider,
        Role::Supervisor => Common::RoleSupervisor,
        Role::System => Common::RoleSystem,
    }
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
