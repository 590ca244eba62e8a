//! Selection and publicity: the buyer's direct choice, a provider's objection.

use crate::access::Signed;
use crate::app::AppState;
use crate::extract::{Json, Path};
use crate::market::Market;
use crate::repo::projects::{self};
use crate::routes::responses::ProjectChange;
use axum::extract::State;
use market_domain::api::{ChoiceForm, ErrorBody, ProjectView, TextForm};
use market_domain::ids::ProjectId;
use market_domain::project::{Command, RuleViolation};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::acting::*;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(choose)).routes(routes!(file_objection))
}

/// The buyer chooses one of the eligible quotes, on an enterprise project whose method is
/// direct choice, after bidding has closed. The draw's secret is revealed with the record.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/choice",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = ChoiceForm,
    responses(
        (status = 200, description = "the project with its selection", body = ProjectView),
        (status = 422, description = "not direct choice, bidding not closed, or not an eligible quote", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn choose(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ChoiceForm>,
) -> Changed {
    let current = visible(&market, &signed, id).await?;
    // Only publishing keeps a secret: without one the project was never open for quotes.
    let secret = projects::secret(market.store.as_ref(), id)
        .await?
        .ok_or(RuleViolation::WrongState { state: current.project.state })?;
    act_from(&market, &signed, current, once(Command::ChooseDirectly { quote: form.quote, secret })).await
}

/// A provider that quoted objects to the selection during its publicity period; the contract
/// waits until a supervisor has decided.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/objections",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 201, description = "the project with the objection", body = ProjectView),
        (status = 422, description = "no reason given, not a quoting provider, or publicity is over", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn file_objection(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let reason = form.parse()?;
    let command = Command::FileObjection { objection: Uuid::new_v4(), reason };
    added(act(&market, &signed, id, once(command)).await)
}
