//! After the selection: the contract, the service, the delivery and its acceptance, the
//! evaluation.

use crate::access::Signed;
use crate::app::AppState;
use crate::extract::{Json, NoBody, Path};
use crate::market::Market;
use crate::routes::responses::{NoBodyAllowed, ProjectChange};
use axum::extract::State;
use market_domain::api::{ContractForm, ErrorBody, EvaluationForm, ProjectView, TextForm};
use market_domain::ids::ProjectId;
use market_domain::project::Command;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::acting::*;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(propose_contract))
        .routes(routes!(sign_contract))
        .routes(routes!(start_service))
        .routes(routes!(submit_delivery))
        .routes(routes!(accept_delivery))
        .routes(routes!(return_delivery))
        .routes(routes!(evaluate))
}

/// The buyer proposes the contract to the selected provider, at most at the winning price,
/// once publicity is over and no objection is pending.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/contract",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = ContractForm,
    responses(
        (status = 200, description = "the project with the proposed contract", body = ProjectView),
        (status = 422, description = "a price that does not parse or is above the winning quote, publicity running, an objection pending, or proposed already", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn propose_contract(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ContractForm>,
) -> Changed {
    let price = form.parse()?;
    act(&market, &signed, id, once(Command::ProposeContract { price })).await
}

/// The selected provider signs the proposed contract; the service deadline counts from now.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/contract/sign",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the contracted project", body = ProjectView),
        (status = 422, description = "not the selected provider, or no contract proposed", body = ErrorBody),
        ProjectChange,
        NoBodyAllowed,
    ),
)]
async fn sign_contract(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&market, &signed, id, once(Command::SignContract)).await
}

/// The selected provider starts the contracted service.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/service/start",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the project in service", body = ProjectView),
        (status = 422, description = "not the selected provider, or not contracted", body = ErrorBody),
        ProjectChange,
        NoBodyAllowed,
    ),
)]
async fn start_service(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&market, &signed, id, once(Command::StartService)).await
}

/// The selected provider hands over the result of the service, summarised; working days past
/// the contract's deadline are recorded (and cost credit).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/delivery",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 201, description = "the project with the delivery", body = ProjectView),
        (status = 422, description = "no summary given, not the selected provider, or not in service", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn submit_delivery(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let summary = form.parse()?;
    added(act(&market, &signed, id, once(Command::SubmitDelivery { summary })).await)
}

/// The buyer accepts the delivered result.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/delivery/accept",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the accepted project", body = ProjectView),
        (status = 422, description = "not the buyer, or nothing delivered", body = ErrorBody),
        ProjectChange,
        NoBodyAllowed,
    ),
)]
async fn accept_delivery(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&market, &signed, id, once(Command::AcceptDelivery)).await
}

/// The buyer returns the delivered result with the reason; the service resumes.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/delivery/return",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 200, description = "the project back in service", body = ProjectView),
        (status = 422, description = "no reason given, not the buyer, or nothing delivered", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn return_delivery(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Changed {
    let reason = form.parse()?;
    act(&market, &signed, id, once(Command::ReturnDelivery { reason })).await
}

/// The buyer rates the accepted service on the five published dimensions; the rating counts
/// towards the provider's credit.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/evaluation",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = EvaluationForm,
    responses(
        (status = 200, description = "the rated project", body = ProjectView),
        (status = 422, description = "a score out of 1–5, not the buyer, or not accepted", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn evaluate(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<EvaluationForm>,
) -> Changed {
    let evaluation = form.parse()?;
    act(&market, &signed, id, once(Command::Evaluate { evaluation })).await
}
