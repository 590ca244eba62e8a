//! While bidding is open: questions and answers, a provider's eligibility, quoting and
//! withdrawing.

use crate::access::Signed;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Json, NoBody, Path};
use crate::market::Market;
use crate::routes::responses::{NoBodyAllowed, ProjectChange, ProjectRead};
use axum::extract::State;
use market_domain::api::{Eligibility, ErrorBody, ProjectView, QuoteForm, TextForm};
use market_domain::ids::{ProjectId, QuoteId};
use market_domain::project::{
    reasons_provider_may_not_quote, require_bidding_open, Command, Context, RuleViolation,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::acting::*;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ask_question))
        .routes(routes!(answer_question))
        .routes(routes!(eligibility))
        .routes(routes!(submit_quote))
        .routes(routes!(withdraw_quote))
}

/// A provider asks the buyer a clarification question (public, with its answer).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/questions",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 201, description = "the project with the question", body = ProjectView),
        (status = 422, description = "no question given, or bidding is not open", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn ask_question(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let text = form.parse()?;
    let command = Command::AskQuestion { question: Uuid::new_v4(), text };
    added(act(&market, &signed, id, once(command)).await)
}

/// The buyer answers a clarification question, once.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/questions/{question}/answer",
    tag = "bidding",
    params(
        ("id" = ProjectId, Path, description = "the project"),
        ("question" = Uuid, Path, description = "the question"),
    ),
    request_body = TextForm,
    responses(
        (status = 200, description = "the project with the answer", body = ProjectView),
        (status = 422, description = "no answer given, no such question, answered already, or bidding is not open", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn answer_question(
    State(market): State<Market>,
    signed: Signed,
    Path((id, question)): Path<(ProjectId, Uuid)>,
    Json(form): Json<TextForm>,
) -> Changed {
    let answer = form.parse()?;
    act(&market, &signed, id, once(Command::AnswerQuestion { question, answer })).await
}

/// Whether the signed-in provider may quote on the project now, and if not every reason why:
/// bidding not open, the provider not approved or blacklisted, the item not served, a required
/// qualification missing or expiring too soon, an affiliation with the buyer.
#[utoipa::path(
    get,
    path = "/api/v1/projects/{id}/eligibility",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, body = Eligibility),
        ProjectRead,
    ),
)]
async fn eligibility(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
) -> Result<axum::Json<Eligibility>, ApiError> {
    let current = visible(&market, &signed, id).await?;
    let provider = own_organisation(&market, &signed).await?;
    let ctx = Context { now: market.clock.now(), calendar: market.calendar };
    let mut reasons: Vec<RuleViolation> =
        require_bidding_open(&current.project, ctx.now).err().into_iter().collect();
    reasons.extend(reasons_provider_may_not_quote(&current.project, &provider, ctx));
    Ok(axum::Json(Eligibility::new(&reasons)))
}

/// Submits a sealed quote. A provider has one live quote per project: a second submission
/// replaces the first. The answer shows the provider its own quotes only.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/quotes",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = QuoteForm,
    responses(
        (status = 201, description = "the project with the provider's quote", body = ProjectView),
        (status = 422, description = "a field that does not parse, or the rule the quote breaks", body = ErrorBody),
        ProjectChange,
    ),
)]
async fn submit_quote(
    State(market): State<Market>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<QuoteForm>,
) -> Added {
    let (price, promised_days) = form.parse()?;
    let current = visible(&market, &signed, id).await?;
    let provider = own_organisation(&market, &signed).await?;
    let command = Command::SubmitQuote { quote: QuoteId(Uuid::new_v4()), price, promised_days, provider };
    added(act_from(&market, &signed, current, once(command)).await)
}

/// Withdraws the provider's live quote while bidding is open.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/quotes/{quote}/withdraw",
    tag = "bidding",
    params(
        ("id" = ProjectId, Path, description = "the project"),
        ("quote" = QuoteId, Path, description = "the provider's live quote"),
    ),
    responses(
        (status = 200, description = "the project without the quote", body = ProjectView),
        (status = 422, description = "no such live quote of the provider, or bidding is not open", body = ErrorBody),
        ProjectChange,
        NoBodyAllowed,
    ),
)]
async fn withdraw_quote(
    State(market): State<Market>,
    signed: Signed,
    Path((id, quote)): Path<(ProjectId, QuoteId)>,
    _: NoBody,
) -> Changed {
    act(&market, &signed, id, once(Command::WithdrawQuote { quote })).await
}
