//! What every bidding handler shares: finding the project the one acting may see, acting on it
//! through the lifecycle, and answering with what it may see of the result.

use crate::access::{self, Signed, Viewer};
use crate::error::ApiError;
use crate::lifecycle::{self, Current};
use crate::market::Market;
use crate::repo::{accounts, catalogue};
use crate::store::Write;
use axum::http::StatusCode;
use market_domain::api::{FieldErrors, ProjectView};
use market_domain::ids::ProjectId;
use market_domain::organisation::Organisation;
use market_domain::project::{Command, Project};
use market_domain::{Explain, Locale, ServiceItem, ServiceItemCode};

/// What a change answers: the project as the one acting may see it.
pub(super) type Changed = Result<axum::Json<ProjectView>, ApiError>;
/// What a creation answers: 201 and the project as the one acting may see it.
pub(super) type Added = Result<(StatusCode, axum::Json<ProjectView>), ApiError>;

/// The project as it is now, if the one acting may see it: another buyer's draft is not found,
/// since its existence is not public.
pub(super) async fn visible(market: &Market, signed: &Signed, id: ProjectId) -> Result<Current, ApiError> {
    let current = lifecycle::current(market, id).await?;
    if !access::may_see_project(&Viewer::Signed(signed.claims), &current.project) {
        return Err(ApiError::NotFound);
    }
    Ok(current)
}

/// Acts on a project the one acting may see, answering with what it may see of the result.
pub(super) async fn act(
    market: &Market,
    signed: &Signed,
    id: ProjectId,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Changed {
    let current = visible(market, signed, id).await?;
    act_from(market, signed, current, build).await
}

pub(super) async fn act_from(
    market: &Market,
    signed: &Signed,
    current: Current,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Changed {
    let project = lifecycle::act_from(market, current, &signed.actor, build).await?;
    Ok(view(signed, project))
}

/// A command that does not depend on the project it meets, with no writes besides its own
/// (decided again unchanged after a lost race).
pub(super) fn once(command: Command) -> impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError> {
    move |_| Ok((command.clone(), Vec::new()))
}

pub(super) fn view(signed: &Signed, project: Project) -> axum::Json<ProjectView> {
    let (project, quotes_sealed) = access::redact(&Viewer::Signed(signed.claims), project);
    axum::Json(ProjectView { project, quotes_sealed })
}

pub(super) fn added(changed: Changed) -> Added {
    changed.map(|view| (StatusCode::CREATED, view))
}

/// The organisation the signed-in account acts for, as registered.
pub(super) async fn own_organisation(market: &Market, signed: &Signed) -> Result<Organisation, ApiError> {
    let id = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    match accounts::organisation(market.store.as_ref(), id).await? {
        Some(stored) => Ok(stored.value),
        None => {
            tracing::error!(organisation = %id, "an account acts for an organisation that is not stored");
            Err(ApiError::Internal)
        }
    }
}

/// The catalogue item of `code`; one the catalogue lacks is a bad `item` field.
pub(super) async fn catalogue_item(market: &Market, code: &ServiceItemCode) -> Result<ServiceItem, ApiError> {
    match catalogue::item(market.store.as_ref(), code).await? {
        Some(item) => Ok(item),
        None => Err(FieldErrors::single("item", &NotInCatalogue(code.clone())).into()),
    }
}

/// A well-formed item code that names no catalogue item.
pub(super) struct NotInCatalogue(ServiceItemCode);

impl Explain for NotInCatalogue {
    fn explain(&self, locale: Locale) -> String {
        match locale {
            Locale::Zh => format!("事项清单中没有服务事项 {}", self.0),
            Locale::En => format!("the catalogue has no service item {}", self.0),
        }
    }
}
