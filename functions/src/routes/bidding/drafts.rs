//! Drafting, editing, publishing and cancelling a project (the buyer's).

use crate::access::Signed;
use crate::app::AppState;
use crate::extract::{Json, NoBody, Path};
use crate::lifecycle::{self};
use crate::market::Market;
use crate::routes::responses::{NoBodyAllowed, ProjectChange};
use axum::extract::State;
use axum::http::StatusCode;
use market_domain::api::{ErrorBody, ProjectForm, ProjectView, TextForm};
use market_domain::ids::ProjectId;
use market_domain::project::Command;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::acting::*;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_draft))
        .routes(routes!(edit_draft))
        .routes(routes!(publish))
        .routes(routes!(cancel))
}

/// Drafts a project: the terms are checked against the catalogue item and the buyer's own
/// registration (a department names one of its budget lines; an enterprise names none). The
/// project's code is the next of the year's sequence.
#[utoipa::path(
    post,
    path = "/api/v1/projects",
    tag = "bidding",
    request_body = ProjectForm,
    responses(
        (status = 201, description = "the draft", body = ProjectView),
        (status = 422, description = "every field that does not parse, or the rule the terms break", body = ErrorBody),
    ),
)]
async fn create_draft(State(market): State<Market>, signed: Signed, Json(form): Json<ProjectForm>) -> Added {
    let terms = form.parse()?;
    let item = catalogue_item(&market, &terms.item).await?;
    let buyer = own_organisation(&market, &signed).await?;
    let project = lifecycle::create(&market, &signed.actor, |id, code| {
        Ok(Command::CreateDraft { id, code, terms: terms.clone(), item: item.clone(), buyer: buyer.clone() })
    })
    .await?;
    Ok((StatusCode::CREATED, view(&signed, project)))
}

/// Rewrites a draft's terms, checked as when drafting. Another buyer's draft is not found.
#[utoipa::path(
    put,
    path = "/api/v1/projects/{id}",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = ProjectForm,
    responses(
        (status = 200, description = "the edited draft", body = ProjectView),
        (status = 422, description = "every field that does not parse, or the rule the edit breaks", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn edit_draft(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ProjectForm>,
) -> Changed {
    let current = visible(&market, &signed, id).await?;
    let terms = form.parse()?;
    let item = catalogue_item(&market, &terms.item).await?;
    let buyer = own_organisation(&market, &signed).await?;
    let command = Command::EditDraft { terms, item, buyer };
    act_from(&market, &signed, current, once(command)).await
}

/// Publishes a draft: bidding opens for the project's bid window, and the commitment to the
/// secret of its draw is published with it (the secret itself is revealed at selection).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/publish",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the published project", body = ProjectView),
        (status = 422, description = "the rule publishing breaks (not a draft, the item withdrawn …)", body = ErrorBody),
        ProjectChange,
        NoBodyAllowed,
    ),
)]
async fn publish(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    let current = visible(&market, &signed, id).await?;
    let item = catalogue_item(&market, &current.project.terms.item).await?;
    let (_secret, commitment, keep) = lifecycle::new_secret(id);
    act_from(&market, &signed, current, move |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
}

/// Cancels a draft or a project still open for bidding, with the reason (published with it).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/cancel",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 200, description = "the cancelled project", body = ProjectView),
        (status = 422, description = "no reason given, or bidding has closed", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn cancel(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Changed {
    let reason = form.parse()?;
    act(&market, &signed, id, once(Command::Cancel { reason })).await
}
