//! The supervision function (`market-supervision`): what only supervisors (监管部门) do — review
//! providers' registrations, decide objections, watch overdue contracts, keep the catalogue,
//! record violations and blacklistings, and draw random inspections (see [`super::inspections`]).
//! A decision about a provider is saved with the notification that tells it, in one
//! transaction, and only on the version the supervisor saw (a race is 409).

use super::responses::{ProjectChange, ProviderChange, ProviderRead};
use crate::access::{self, Signed, Viewer};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Json, Paging, Path, Query};
use crate::lifecycle;
use crate::market::Market;
use crate::repo::accounts::{self, Stored};
use crate::repo::catalogue;
use crate::repo::notifications::{self, Inbox, NotificationKind};
use crate::repo::projects::{self, ContractRecord, ObjectionRecord};
use axum::extract::State;
use axum::http::StatusCode;
use market_domain::api::{
    BlacklistForm, ErrorBody, FieldErrors, Page, ProjectView, TextForm, UpholdForm, ViolationForm,
};
use market_domain::credit::CreditRecord;
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::organisation::{Organisation, OrganisationKind, ProviderProfile};
use market_domain::project::{Command, Project};
use market_domain::{Explain, Locale, ServiceItem, ServiceItemCode};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(pending_providers))
        .routes(routes!(approve_provider))
        .routes(routes!(reject_provider))
        .routes(routes!(pending_objections))
        .routes(routes!(uphold_objection))
        .routes(routes!(reject_objection))
        .routes(routes!(overdue_contracts))
        .routes(routes!(put_catalogue_item))
        .routes(routes!(record_violation))
        .routes(routes!(blacklist_provider))
        .merge(super::inspections::supervision_routes())
}

// --- onboarding ---------------------------------------------------------------------------------

/// The onboarding queue: providers whose registration awaits review, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/supervision/providers/pending",
    tag = "supervision",
    params(Paging),
    responses(
        (status = 200, body = Page<Organisation>),
    ),
)]
async fn pending_providers(
    State(market): State<Market>,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<Organisation>>, ApiError> {
    let page = accounts::pending_providers(market.store.as_ref(), paging.cursor(), paging.limit()).await?;
    Ok(axum::Json(page.into()))
}

/// Approves a pending provider's registration: it may quote from now on, and is told so.
#[utoipa::path(
    post,
    path = "/api/v1/supervision/providers/{id}/approve",
    tag = "supervision",
    params(("id" = OrganisationId, Path, description = "the provider's id")),
    responses(
        (status = 200, body = Organisation, description = "the provider, approved"),
        (status = 422, body = ErrorBody, description = "the provider is not pending (field `status`)"),
        ProviderChange,
    ),
)]
async fn approve_provider(
    State(market): State<Market>,
    Path(id): Path<OrganisationId>,
) -> Result<axum::Json<Organisation>, ApiError> {
    let after =
        change_provider(&market, id, NotificationKind::ProviderApproved, |p| Ok(p.approve()?)).await?;
    Ok(axum::Json(after))
}

/// Rejects a pending provider's registration, saying why; the provider is told.
#[utoipa::path(
    post,
    path = "/api/v1/supervision/providers/{id}/reject",
    tag = "supervision",
    params(("id" = OrganisationId, Path, description = "the provider's id")),
    request_body(content = TextForm, description = "the reason"),
    responses(
        (status = 200, body = Organisation, description = "the provider, rejected"),
        (status = 422, body = ErrorBody, description = "no reason (`text`), or not pending (`status`)"),
        ProviderChange,
    ),
)]
async fn reject_provider(
    State(market): State<Market>,
    Path(id): Path<OrganisationId>,
    Json(form): Json<TextForm>,
) -> Result<axum::Json<Organisation>, ApiError> {
    let reason = String::from(form.parse()?);
    let after =
        change_provider(&market, id, NotificationKind::ProviderRejected, |p| Ok(p.reject(reason)?)).await?;
    Ok(axum::Json(after))
}

/// A provider by id; any other organisation, or none, is not found.
async fn provider(market: &Market, id: OrganisationId) -> Result<Stored<Organisation>, ApiError> {
    match accounts::organisation(market.store.as_ref(), id).await? {
        Some(stored) if matches!(stored.value.kind, OrganisationKind::Provider(_)) => Ok(stored),
        _ => Err(ApiError::NotFound),
    }
}

/// Applies a supervisor's decision to a provider's profile and saves it, on the version read,
/// with the notification `told` in the same transaction. (A provider still pending keeps its
/// place in the queue only by its registration time, which the profile does not record: one
/// decided on while pending — blacklisted — queues again from now.)
async fn change_provider(
    market: &Market,
    id: OrganisationId,
    told: NotificationKind,
    change: impl FnOnce(&mut ProviderProfile) -> Result<(), ApiError>,
) -> Result<Organisation, ApiError> {
    let stored = provider(market, id).await?;
    let mut after = stored.value.clone();
    let OrganisationKind::Provider(profile) = &mut after.kind else { return Err(ApiError::NotFound) };
    change(profile)?;
    let now = market.clock.now();
    let note = notifications::about_organisation(Inbox::Organisation(id), now, told);
    accounts::save_organisation_with(market.store.as_ref(), Some(&stored), &after, now, vec![note]).await?;
    Ok(after)
}

// --- objections ----------------------------------------------------------------------------------

/// Objections awaiting a supervisor's decision, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/supervision/objections",
    tag = "supervision",
    params(Paging),
    responses(
        (status = 200, body = Page<ObjectionRecord>),
    ),
)]
async fn pending_objections(
    State(market): State<Market>,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<ObjectionRecord>>, ApiError> {
    let page = projects::pending_objections(market.store.as_ref(), paging.cursor(), paging.limit()).await?;
    Ok(axum::Json(page.into()))
}

/// Upholds an objection: the selection is voided and made again without the quote
/// disqualified, if one is named (its provider's credit record loses 10 points); with too few
/// quotes left, the project fails.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/objections/{objection}/uphold",
    tag = "supervision",
    params(
        ("id" = ProjectId, Path, description = "the project's id"),
        ("objection" = Uuid, Path, description = "the objection's id"),
    ),
    request_body = UpholdForm,
    responses(
        (status = 200, body = ProjectView, description = "the project with its new selection"),
        (status = 422, body = ErrorBody, description = "no reason, or no such pending objection"),
        ProjectChange,
    ),
)]
async fn uphold_objection(
    State(market): State<Market>,
    signed: Signed,
    Path((id, objection)): Path<(ProjectId, Uuid)>,
    Json(form): Json<UpholdForm>,
) -> Result<axum::Json<ProjectView>, ApiError> {
    let (reason, disqualify) = form.parse()?;
    decide_objection(&market, signed, id, || Command::UpholdObjection {
        objection,
        reason: reason.clone(),
        disqualify,
    })
    .await
}

/// Rejects an objection, saying why: the selection stands.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/objections/{objection}/reject",
    tag = "supervision",
    params(
        ("id" = ProjectId, Path, description = "the project's id"),
        ("objection" = Uuid, Path, description = "the objection's id"),
    ),
    request_body(content = TextForm, description = "the reason"),
    responses(
        (status = 200, body = ProjectView, description = "the project, its objection rejected"),
        (status = 422, body = ErrorBody, description = "no reason (`text`), or no such pending objection"),
        ProjectChange,
    ),
)]
async fn reject_objection(
    State(market): State<Market>,
    signed: Signed,
    Path((id, objection)): Path<(ProjectId, Uuid)>,
    Json(form): Json<TextForm>,
) -> Result<axum::Json<ProjectView>, ApiError> {
    let reason = form.parse()?;
    decide_objection(&market, signed, id, || Command::RejectObjection { objection, reason: reason.clone() })
        .await
}

/// Decides an objection on a project the supervisor may see (a draft it may not is not found),
/// and answers the project as the supervisor sees it.
async fn decide_objection(
    market: &Market,
    signed: Signed,
    id: ProjectId,
    command: impl Fn() -> Command,
) -> Result<axum::Json<ProjectView>, ApiError> {
    let viewer = Viewer::Signed(signed.claims);
    let current = lifecycle::current(market, id).await?;
    if !access::may_see_project(&viewer, &current.project) {
        return Err(ApiError::NotFound);
    }
    let after: Project =
        lifecycle::act_from(market, current, &signed.actor, |_| Ok((command(), Vec::new()))).await?;
    let (project, quotes_sealed) = access::redact(&viewer, after);
    Ok(axum::Json(ProjectView { project, quotes_sealed }))
}

// --- contracts -----------------------------------------------------------------------------------

/// Signed contracts past their deadline and not yet delivered, the longest overdue first.
#[utoipa::path(
    get,
    path = "/api/v1/supervision/overdue",
    tag = "supervision",
    params(Paging),
    responses(
        (status = 200, body = Page<ContractRecord>),
    ),
)]
async fn overdue_contracts(
    State(market): State<Market>,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<ContractRecord>>, ApiError> {
    let now = market.clock.now();
    let page =
        projects::contracts_due_by(market.store.as_ref(), now, paging.cursor(), paging.limit()).await?;
    Ok(axum::Json(page.into()))
}

// --- the catalogue -------------------------------------------------------------------------------

/// The item of a path and the item of the body must be the same one.
#[derive(Debug)]
struct CodeMismatch {
    path: ServiceItemCode,
    body: ServiceItemCode,
}

impl Explain for CodeMismatch {
    fn explain(&self, locale: Locale) -> String {
        match locale {
            Locale::Zh => format!("服务事项编码 {} 与地址中的 {} 不一致", self.body, self.path),
            Locale::En => format!("the item's code {} differs from {} in the path", self.body, self.path),
        }
    }
}

/// Creates or replaces a catalogue item (a withdrawn item is kept with `active: false`). The
/// body is the item itself, checked by the catalogue's own rules as it is read.
#[utoipa::path(
    put,
    path = "/api/v1/catalog/{code}",
    tag = "supervision",
    params(("code" = String, Path, description = "the item's code, e.g. HP-001")),
    request_body = ServiceItem,
    responses(
        (status = 200, body = ServiceItem, description = "the item as stored"),
        (status = 404, body = ErrorBody, description = "not an item code"),
        (status = 422, body = ErrorBody, description = "the body's `code` is not the path's"),
    ),
)]
async fn put_catalogue_item(
    State(market): State<Market>,
    Path(code): Path<ServiceItemCode>,
    Json(item): Json<ServiceItem>,
) -> Result<axum::Json<ServiceItem>, ApiError> {
    if item.code != code {
        let mismatch = CodeMismatch { path: code, body: item.code };
        return Err(FieldErrors::single("code", &mismatch).into());
    }
    catalogue::put_item(market.store.as_ref(), &item).await?;
    Ok(axum::Json(item))
}

// --- credit --------------------------------------------------------------------------------------

/// Records a violation against a provider: the points deducted (`deducted`, 1 … 50, typed as a
/// positive number) become a negative contribution to its credit record, with the description.
#[utoipa::path(
    post,
    path = "/api/v1/providers/{id}/violations",
    tag = "supervision",
    params(("id" = OrganisationId, Path, description = "the provider's id")),
    request_body = ViolationForm,
    responses(
        (status = 201, body = CreditRecord, description = "the provider's credit record with the violation"),
        (status = 422, body = ErrorBody, description = "no description, or `deducted` outside 1 … 50"),
        ProviderRead,
    ),
)]
async fn record_violation(
    State(market): State<Market>,
    Path(id): Path<OrganisationId>,
    Json(form): Json<ViolationForm>,
) -> Result<(StatusCode, axum::Json<CreditRecord>), ApiError> {
    provider(&market, id).await?;
    let contribution = form.parse(market.clock.now())?;
    let store = market.store.as_ref();
    accounts::add_credit_contribution(store, id, &contribution).await?;
    Ok((StatusCode::CREATED, axum::Json(accounts::credit_record(store, id).await?)))
}

/// Blacklists a provider until the date given: from now it may not quote. The provider is told.
#[utoipa::path(
    post,
    path = "/api/v1/providers/{id}/blacklistings",
    tag = "supervision",
    params(("id" = OrganisationId, Path, description = "the provider's id")),
    request_body = BlacklistForm,
    responses(
        (status = 201, body = Organisation, description = "the provider with the blacklisting"),
        (status = 422, body = ErrorBody, description = "no reason, or an end that is not after now"),
        ProviderChange,
    ),
)]
async fn blacklist_provider(
    State(market): State<Market>,
    Path(id): Path<OrganisationId>,
    Json(form): Json<BlacklistForm>,
) -> Result<(StatusCode, axum::Json<Organisation>), ApiError> {
    let blacklisting = form.parse(market.clock.now())?;
    let after = change_provider(&market, id, NotificationKind::Blacklisted, |p| {
        p.blacklistings.push(blacklisting);
        Ok(())
    })
    .await?;
    Ok((StatusCode::CREATED, axum::Json(after)))
}
