//! The provider's actions on a need's page: while bidding is open, whether it may quote (and why
//! not), its sealed quote (submit, replace, withdraw) and clarification questions; during
//! publicity, an objection; as the selected provider, signing the contract, starting the service
//! and handing over the result.

use crate::api::{use_api, Api, ApiError};
use crate::components::action_notice::changed;
use crate::components::eligibility::EligibilityNote;
use crate::i18n::text::Provider as Text;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::ui::amount_hint;
use crate::ui::form::checked;
use crate::ui::{format, now, whole_number, Act, ActStatus, Field, FormCheck, Loaded, TextAreaField};
use leptos::prelude::*;
use market_domain::api::{Eligibility, FieldErrors, ProjectView, QuoteForm, TextForm};
use market_domain::ids::{OrganisationId, ProjectId, QuoteId};
use market_domain::project::{DeliveryStatus, Project, ProjectState, Quote};

#[component]
pub fn ProviderPanel(view: ProjectView, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(me) = use_session().account().and_then(|a| a.organisation) else { return ().into_any() };
    let project = view.project;
    let quoted = project.quotes.iter().any(|q| q.provider == me);
    let in_publicity = project.state == ProjectState::Selected
        && project.contract.is_none()
        && project.publicity_ends_at.is_some_and(|end| now() < end);
    let winner = project.winner().is_some_and(|q| q.provider == me);
    let bidding = (project.state == ProjectState::Published)
        .then(|| view! { <Bidding project=project.clone() me on_change/> });
    let objection = (in_publicity && quoted).then(|| {
        let ends = project.publicity_ends_at.map(format::instant).unwrap_or_default();
        view! {
            <section class="panel" aria-labelledby="objection-heading">
                <h2 id="objection-heading">{i18n.t(Text::ObjectionHeading)}</h2>
                <p>{move || i18n.fill(Text::ObjectionIntro, &[("at", &ends)])}</p>
                <TextAction id=project.id action=TextKind::Object on_change/>
            </section>
        }
    });
    let service = winner.then(|| view! { <Service project=project.clone() on_change/> });
    view! {
        <div class="provider-panel" data-testid="provider-panel">
            {bidding}
            {objection}
            {service}
        </div>
    }
    .into_any()
}

/// While bidding is open: eligibility, then the quote form (if eligible) and questions.
#[component]
fn Bidding(project: Project, me: OrganisationId, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = project.id;
    let eligibility = LocalResource::new(move || api.eligibility(id));
    let live = project.live_quote_of(me).cloned();
    let cap = project.terms.budget_cap.to_string();
    let closes = project.closes_at.map(format::instant).unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="eligibility-heading" data-testid="eligibility">
            <h2 id="eligibility-heading">{i18n.t(Text::EligibilityHeading)}</h2>
            <Loaded
                resource=eligibility
                view=move |eligibility: Eligibility| {
                    let may_quote = eligibility.may_quote;
                    view! {
                        <EligibilityNote eligibility/>
                        {may_quote.then(|| view! { <QuoteSection id live=live.clone() cap=cap.clone() closes=closes.clone() on_change/> })}
                    }
                }
            />
        </section>
        <section class="panel" aria-labelledby="ask-heading">
            <h2 id="ask-heading">{i18n.t(Text::AskHeading)}</h2>
            <TextAction id action=TextKind::Ask on_change/>
        </section>
    }
}

/// The sealed quote: the live one (replace or withdraw it) and the form.
#[component]
fn QuoteSection(
    id: ProjectId,
    live: Option<Quote>,
    cap: String,
    /// When quotes close, as the page shows it.
    closes: String,
    on_change: Callback<ProjectView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let price = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let replacing = live.is_some();
    let success = if replacing { Text::QuoteReplaced } else { Text::QuoteSubmitted };
    let submit_label = if replacing { Text::ReplaceQuote } else { Text::SubmitQuote };
    let act = Act::new(
        success,
        move |form: QuoteForm| async move { api.submit_quote(id, &form).await },
        changed(on_change, success),
    );
    let withdraw = Act::new(
        Text::QuoteWithdrawn,
        move |quote: QuoteId| api.withdraw_quote(id, quote),
        changed(on_change, Text::QuoteWithdrawn),
    );
    let check = FormCheck::new(act, move || {
        let mut unread = FieldErrors::new();
        let promised_days = whole_number(&mut unread, "promised_days", &days.get_untracked()).unwrap_or(1);
        checked(QuoteForm { price: price.get_untracked(), promised_days }, unread, |f| f.parse().err())
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        let Ok((price, days)) = form.parse() else { return };
        let (price, closes) = (price.to_string(), closes.clone());
        act.ask(form, submit_label, move || {
            let days = format::working_days(i18n, days.get());
            i18n.fill(Text::QuoteConsequence, &[("price", &price), ("days", &days), ("close", &closes)])
        });
    };
    let live_note = live.map(|quote| {
        let (price, days, at) =
            (quote.price.to_string(), quote.promised_days.get().to_string(), format::instant(quote.submitted_at));
        let quote_id = quote.id;
        view! {
            <div class="provider-live-quote" data-testid="live-quote">
                <p>{move || i18n.fill(Text::LiveQuote, &[("price", &price), ("days", &days), ("at", &at)])}</p>
                <p class="hint">{i18n.t(Text::ReplacesNote)}</p>
                <button
                    type="button"
                    class="secondary"
                    data-testid="withdraw-quote"
                    disabled=move || withdraw.pending()
                    on:click=move |_| {
                        let consequence = move || i18n.t(Text::WithdrawConsequence)().to_owned();
                        withdraw.ask(quote_id, Text::WithdrawQuote, consequence)
                    }
                >
                    {i18n.t(Text::WithdrawQuote)}
                </button>
                <ActStatus act=withdraw/>
            </div>
        }
    });
    let price_hint = amount_hint(price, move || i18n.fill(Text::PriceHint, &[("amount", &cap)]));
    view! {
        <h3>{i18n.t(Text::QuoteHeading)}</h3>
        <p class="hint">{i18n.t(Text::QuoteIntro)}</p>
        {live_note}
        <form on:submit=submit novalidate data-testid="quote-form" class="provider-quote-form">
            <Field
                id="quote-price"
                name="price"
                label=Text::Price
                value=price
                errors
                required=true
                hint=price_hint
                on_input=check.on_input("price")
            />
            <Field
                id="quote-days"
                name="promised_days"
                label=Text::PromisedDays
                value=days
                errors
                kind="number"
                required=true
                on_input=check.on_input("promised_days")
            />
            {check.banner()}
            <button type="submit" class="primary" data-testid="quote-submit" disabled=move || act.pending()>
                {i18n.t(submit_label)}
            </button>
            <ActStatus act/>
        </form>
    }
}

/// The actions that take a text (`TextForm`).
#[derive(Clone, Copy, PartialEq)]
enum TextKind {
    Ask,
    Object,
    Deliver,
}

impl TextKind {
    /// (form testid, label, submit, success)
    fn texts(self) -> (&'static str, Text, Text, Text) {
        match self {
            TextKind::Ask => ("ask-form", Text::Question, Text::AskSubmit, Text::QuestionAsked),
            TextKind::Object => {
                ("objection-form", Text::ObjectionReason, Text::ObjectionSubmit, Text::ObjectionFiled)
            }
            TextKind::Deliver => {
                ("deliver-form", Text::DeliverySummary, Text::DeliverSubmit, Text::Delivered)
            }
        }
    }

    async fn send(self, api: Api, id: ProjectId, form: TextForm) -> Result<ProjectView, ApiError> {
        match self {
            TextKind::Ask => api.ask(id, &form).await,
            TextKind::Object => api.object(id, &form).await,
            TextKind::Deliver => api.deliver(id, &form).await,
        }
    }
}

/// A one-text form: a question, an objection, a delivery's summary.
#[component]
fn TextAction(id: ProjectId, action: TextKind, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let (testid, label, submit_label, success) = action.texts();
    let text = RwSignal::new(String::new());
    let act = Act::new(
        success,
        move |form: TextForm| async move { action.send(api, id, form).await },
        changed(on_change, success),
    );
    let check = FormCheck::new(act, move || {
        let form = TextForm { text: text.get_untracked() };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.run(form);
    };
    let submit_testid = (action == TextKind::Deliver).then_some("deliver-submit");
    view! {
        <form on:submit=submit novalidate data-testid=testid>
            <TextAreaField
                id=format!("{testid}-text")
                name="text"
                label
                value=text
                errors
                required=true
                on_input=check.on_input("text")
            />
            <button type="submit" class="primary" data-testid=submit_testid disabled=move || act.pending()>
                {i18n.t(submit_label)}
            </button>
            <ActStatus act/>
        </form>
    }
}

/// The selected provider's service: sign, start, deliver.
#[component]
fn Service(project: Project, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = project.id;
    let sign = Act::new(
        Text::ContractSigned,
        move |()| api.sign_contract(id),
        changed(on_change, Text::ContractSigned),
    );
    let start = Act::new(
        Text::ServiceStarted,
        move |()| api.start_service(id),
        changed(on_change, Text::ServiceStarted),
    );
    let contract = project.contract.clone();
    let body = match (project.state, contract) {
        (ProjectState::Selected, None) => view! { <p>{i18n.t(Text::AwaitingContract)}</p> }.into_any(),
        (ProjectState::Selected, Some(contract)) if contract.signed_at.is_none() => {
            let (price, days) = (contract.price.to_string(), contract.service_days.get().to_string());
            view! {
                <p>{move || i18n.fill(Text::ContractProposed, &[("price", &price), ("days", &days)])}</p>
                <button
                    type="button"
                    class="primary"
                    data-testid="sign-contract"
                    disabled=move || sign.pending()
                    on:click=move |_| sign.run(())
                >
                    {i18n.t(Text::SignContract)}
                </button>
                <ActStatus act=sign/>
            }
            .into_any()
        }
        (ProjectState::Contracted, _) => view! {
            <button
                type="button"
                class="primary"
                data-testid="start-service"
                disabled=move || start.pending()
                on:click=move |_| start.run(())
            >
                {i18n.t(Text::StartService)}
            </button>
            <ActStatus act=start/>
        }
        .into_any(),
        (ProjectState::InService, contract) => {
            let deadline = contract.and_then(|c| c.deadline).map(format::instant);
            let returned = project.deliveries.last().and_then(|d| match &d.status {
                DeliveryStatus::Returned { reason } => Some(reason.to_string()),
                _ => None,
            });
            view! {
                {deadline.map(|at| view! { <p>{move || i18n.fill(Text::Deadline, &[("at", &at)])}</p> })}
                {returned.map(|reason| view! {
                    <p class="error">{move || i18n.fill(Text::Returned, &[("reason", &reason)])}</p>
                })}
                <TextAction id action=TextKind::Deliver on_change/>
            }
            .into_any()
        }
        (ProjectState::Delivered, _) => view! { <p>{i18n.t(Text::AwaitingAcceptance)}</p> }.into_any(),
        _ => return ().into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="service-heading">
            <h2 id="service-heading">{i18n.t(Text::WinnerHeading)}</h2>
            {body}
        </section>
    }
    .into_any()
}
