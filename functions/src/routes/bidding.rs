//! The bidding function (`market-bidding`): what buyers and providers do to a project — drafting,
//! publishing and cancelling; quoting, questions and answers while bidding is open; the buyer's
//! direct choice; objections during publicity; the contract, the service, the delivery and the
//! evaluation. Every change goes through [`lifecycle`] (the domain decides, the change is saved
//! with its consequences) and answers with the project as the one acting may see it.

use crate::access::{self, Signed, Viewer};
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::{Json, NoBody, Paging, Path, Query};
use crate::lifecycle::{self, Current};
use crate::repo::projects::{self, QuoteRecord};
use crate::repo::{accounts, catalogue};
use crate::store::Write;
use axum::extract::State;
use axum::http::StatusCode;
use market_domain::api::{
    ChoiceForm, ContractForm, Eligibility, ErrorBody, EvaluationForm, FieldErrors, Page, ProjectForm,
    ProjectView, QuoteForm, TextForm,
};
use market_domain::ids::{ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::{
    reasons_provider_may_not_quote, require_bidding_open, Command, Context, Project, ProjectSummary,
    RuleViolation,
};
use market_domain::{Explain, Locale, ServiceItem, ServiceItemCode};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_projects))
        .routes(routes!(my_quotes))
        .routes(routes!(create_draft))
        .routes(routes!(edit_draft))
        .routes(routes!(publish))
        .routes(routes!(cancel))
        .routes(routes!(ask_question))
        .routes(routes!(answer_question))
        .routes(routes!(eligibility))
        .routes(routes!(submit_quote))
        .routes(routes!(withdraw_quote))
        .routes(routes!(choose))
        .routes(routes!(file_objection))
        .routes(routes!(propose_contract))
        .routes(routes!(sign_contract))
        .routes(routes!(start_service))
        .routes(routes!(submit_delivery))
        .routes(routes!(accept_delivery))
        .routes(routes!(return_delivery))
        .routes(routes!(evaluate))
}

/// What a change answers: the project as the one acting may see it.
type Changed = Result<axum::Json<ProjectView>, ApiError>;
/// What a creation answers: 201 and the project as the one acting may see it.
type Added = Result<(StatusCode, axum::Json<ProjectView>), ApiError>;

// --- the buyer's and the provider's own lists ---------------------------------------------------

/// The signed-in buyer's projects, drafts included, newest first. A project whose bid window
/// has ended is closed before it is listed, so the list never shows bidding open past its close.
#[utoipa::path(
    get,
    path = "/api/v1/me/projects",
    tag = "bidding",
    params(Paging),
    responses(
        (status = 200, body = Page<ProjectSummary>),
        (status = 400, description = "a malformed query", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn my_projects(
    State(state): State<AppState>,
    signed: Signed,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<ProjectSummary>>, ApiError> {
    let buyer = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    let page = projects::of_buyer(state.store.as_ref(), buyer, paging.cursor(), paging.limit()).await?;
    let now = state.clock.now();
    let mut items = Vec::with_capacity(page.items.len());
    for project in page.items {
        let project = match lifecycle::due_to_close(&project, now) {
            Some(_) => lifecycle::settle(&state, project.id).await?,
            None => project,
        };
        items.push(project.summary());
    }
    Ok(axum::Json(Page { items, next: page.next.map(|c| c.0) }))
}

/// The signed-in provider's quotes on every project (replaced and withdrawn ones too), newest
/// first.
#[utoipa::path(
    get,
    path = "/api/v1/me/quotes",
    tag = "bidding",
    params(Paging),
    responses(
        (status = 200, body = Page<QuoteRecord>),
        (status = 400, description = "a malformed query", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn my_quotes(
    State(state): State<AppState>,
    signed: Signed,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<QuoteRecord>>, ApiError> {
    let provider = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    let page =
        projects::quotes_of_provider(state.store.as_ref(), provider, paging.cursor(), paging.limit()).await?;
    Ok(axum::Json(page.into()))
}

// --- drafting and publishing --------------------------------------------------------------------

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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 409, description = "the Idempotency-Key was used for another request", body = ErrorBody),
        (status = 422, description = "every field that does not parse, or the rule the terms break", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn create_draft(State(state): State<AppState>, signed: Signed, Json(form): Json<ProjectForm>) -> Added {
    let terms = form.parse()?;
    let item = catalogue_item(&state, &terms.item).await?;
    let buyer = own_organisation(&state, &signed).await?;
    let project = lifecycle::create(&state, &signed.actor, |id, code| {
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "every field that does not parse, or the rule the edit breaks", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn edit_draft(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ProjectForm>,
) -> Changed {
    let current = visible(&state, &signed, id).await?;
    let terms = form.parse()?;
    let item = catalogue_item(&state, &terms.item).await?;
    let buyer = own_organisation(&state, &signed).await?;
    let command = Command::EditDraft { terms, item, buyer };
    act_from(&state, &signed, current, once(command)).await
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
        (status = 400, description = "a body other than nothing or {}", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "the rule publishing breaks (not a draft, the item withdrawn …)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn publish(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    let current = visible(&state, &signed, id).await?;
    let item = catalogue_item(&state, &current.project.terms.item).await?;
    let (_secret, commitment, keep) = lifecycle::new_secret(id);
    act_from(&state, &signed, current, move |_| {
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no reason given, or bidding has closed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn cancel(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Changed {
    let reason = form.parse()?;
    act(&state, &signed, id, once(Command::Cancel { reason })).await
}

// --- while bidding is open ----------------------------------------------------------------------

/// A provider asks the buyer a clarification question (public, with its answer).
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/questions",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    request_body = TextForm,
    responses(
        (status = 201, description = "the project with the question", body = ProjectView),
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no question given, or bidding is not open", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn ask_question(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let text = form.parse()?;
    let command = Command::AskQuestion { question: Uuid::new_v4(), text };
    added(act(&state, &signed, id, once(command)).await)
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no answer given, no such question, answered already, or bidding is not open", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn answer_question(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, question)): Path<(ProjectId, Uuid)>,
    Json(form): Json<TextForm>,
) -> Changed {
    let answer = form.parse()?;
    act(&state, &signed, id, once(Command::AnswerQuestion { question, answer })).await
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
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn eligibility(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
) -> Result<axum::Json<Eligibility>, ApiError> {
    let current = visible(&state, &signed, id).await?;
    let provider = own_organisation(&state, &signed).await?;
    let ctx = Context { now: state.clock.now(), calendar: state.calendar };
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "a field that does not parse, or the rule the quote breaks", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn submit_quote(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<QuoteForm>,
) -> Added {
    let (price, promised_days) = form.parse()?;
    let current = visible(&state, &signed, id).await?;
    let provider = own_organisation(&state, &signed).await?;
    let command = Command::SubmitQuote { quote: QuoteId(Uuid::new_v4()), price, promised_days, provider };
    added(act_from(&state, &signed, current, once(command)).await)
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
        (status = 400, description = "a body other than nothing or {}", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no such live quote of the provider, or bidding is not open", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn withdraw_quote(
    State(state): State<AppState>,
    signed: Signed,
    Path((id, quote)): Path<(ProjectId, QuoteId)>,
    _: NoBody,
) -> Changed {
    act(&state, &signed, id, once(Command::WithdrawQuote { quote })).await
}

// --- selection and publicity --------------------------------------------------------------------

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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "not direct choice, bidding not closed, or not an eligible quote", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn choose(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ChoiceForm>,
) -> Changed {
    let current = visible(&state, &signed, id).await?;
    // Only publishing keeps a secret: without one the project was never open for quotes.
    let secret = projects::secret(state.store.as_ref(), id)
        .await?
        .ok_or(RuleViolation::WrongState { state: current.project.state })?;
    act_from(&state, &signed, current, once(Command::ChooseDirectly { quote: form.quote, secret })).await
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no reason given, not a quoting provider, or publicity is over", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn file_objection(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let reason = form.parse()?;
    let command = Command::FileObjection { objection: Uuid::new_v4(), reason };
    added(act(&state, &signed, id, once(command)).await)
}

// --- contract, service, delivery, evaluation -----------------------------------------------------

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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "a price that does not parse or is above the winning quote, publicity running, an objection pending, or proposed already", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn propose_contract(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<ContractForm>,
) -> Changed {
    let price = form.parse()?;
    act(&state, &signed, id, once(Command::ProposeContract { price })).await
}

/// The selected provider signs the proposed contract; the service deadline counts from now.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/contract/sign",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the contracted project", body = ProjectView),
        (status = 400, description = "a body other than nothing or {}", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "not the selected provider, or no contract proposed", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn sign_contract(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&state, &signed, id, once(Command::SignContract)).await
}

/// The selected provider starts the contracted service.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/service/start",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the project in service", body = ProjectView),
        (status = 400, description = "a body other than nothing or {}", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "not the selected provider, or not contracted", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn start_service(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&state, &signed, id, once(Command::StartService)).await
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a provider", body = ErrorBody),
        (status = 404, description = "no such project", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no summary given, not the selected provider, or not in service", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn submit_delivery(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Added {
    let summary = form.parse()?;
    added(act(&state, &signed, id, once(Command::SubmitDelivery { summary })).await)
}

/// The buyer accepts the delivered result.
#[utoipa::path(
    post,
    path = "/api/v1/projects/{id}/delivery/accept",
    tag = "bidding",
    params(("id" = ProjectId, Path, description = "the project")),
    responses(
        (status = 200, description = "the accepted project", body = ProjectView),
        (status = 400, description = "a body other than nothing or {}", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "not the buyer, or nothing delivered", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn accept_delivery(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    _: NoBody,
) -> Changed {
    act(&state, &signed, id, once(Command::AcceptDelivery)).await
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "no reason given, not the buyer, or nothing delivered", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn return_delivery(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<TextForm>,
) -> Changed {
    let reason = form.parse()?;
    act(&state, &signed, id, once(Command::ReturnDelivery { reason })).await
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
        (status = 400, description = "not JSON, or an unknown field", body = ErrorBody),
        (status = 401, description = "not signed in", body = ErrorBody),
        (status = 403, description = "not a buyer", body = ErrorBody),
        (status = 404, description = "no such project, or another buyer's draft", body = ErrorBody),
        (status = 409, description = "changed by someone else meanwhile", body = ErrorBody),
        (status = 422, description = "a score out of 1–5, not the buyer, or not accepted", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
async fn evaluate(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<ProjectId>,
    Json(form): Json<EvaluationForm>,
) -> Changed {
    let evaluation = form.parse()?;
    act(&state, &signed, id, once(Command::Evaluate { evaluation })).await
}

// --- the parts every handler shares ---------------------------------------------------------------

/// The project as it is now, if the one acting may see it: another buyer's draft is not found,
/// since its existence is not public.
async fn visible(state: &AppState, signed: &Signed, id: ProjectId) -> Result<Current, ApiError> {
    let current = lifecycle::current(state, id).await?;
    if !access::may_see_project(&Viewer::Signed(signed.claims), &current.project) {
        return Err(ApiError::NotFound);
    }
    Ok(current)
}

/// Acts on a project the one acting may see, answering with what it may see of the result.
async fn act(
    state: &AppState,
    signed: &Signed,
    id: ProjectId,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Changed {
    let current = visible(state, signed, id).await?;
    act_from(state, signed, current, build).await
}

async fn act_from(
    state: &AppState,
    signed: &Signed,
    current: Current,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Changed {
    let project = lifecycle::act_from(state, current, &signed.actor, build).await?;
    Ok(view(signed, project))
}

/// A command that does not depend on the project it meets, with no writes besides its own
/// (decided again unchanged after a lost race).
fn once(command: Command) -> impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError> {
    move |_| Ok((command.clone(), Vec::new()))
}

fn view(signed: &Signed, project: Project) -> axum::Json<ProjectView> {
    let (project, quotes_sealed) = access::redact(&Viewer::Signed(signed.claims), project);
    axum::Json(ProjectView { project, quotes_sealed })
}

fn added(changed: Changed) -> Added {
    changed.map(|view| (StatusCode::CREATED, view))
}

/// The organisation the signed-in account acts for, as registered.
async fn own_organisation(state: &AppState, signed: &Signed) -> Result<Organisation, ApiError> {
    let id = signed.claims.organisation.ok_or(ApiError::Forbidden)?;
    match accounts::organisation(state.store.as_ref(), id).await? {
        Some(stored) => Ok(stored.value),
        None => {
            tracing::error!(organisation = %id, "an account acts for an organisation that is not stored");
            Err(ApiError::Internal)
        }
    }
}

/// The catalogue item of `code`; one the catalogue lacks is a bad `item` field.
async fn catalogue_item(state: &AppState, code: &ServiceItemCode) -> Result<ServiceItem, ApiError> {
    match catalogue::item(state.store.as_ref(), code).await? {
        Some(item) => Ok(item),
        None => Err(FieldErrors::single("item", &NotInCatalogue(code.clone())).into()),
    }
}

/// A well-formed item code that names no catalogue item.
struct NotInCatalogue(ServiceItemCode);

impl Explain for NotInCatalogue {
    fn explain(&self, locale: Locale) -> String {
        match locale {
            Locale::Zh => format!("事项清单中没有服务事项 {}", self.0),
            Locale::En => format!("the catalogue has no service item {}", self.0),
        }
    }
}
