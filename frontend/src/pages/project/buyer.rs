//! The buyer's actions on a need's page, shown only to the organisation that posted it: by the
//! project's state, publish or edit a draft, answer questions or cancel while open, choose a
//! quote (direct choice) and see the quotes after the close, propose the contract after
//! publicity, accept or return a delivery, and rate the service.

use crate::api::use_api;
use crate::components::action_notice::changed;
use crate::components::links::ProviderLink;
use crate::components::publish::Publish;
use crate::i18n::text::Buyer;
use crate::i18n::{use_i18n, Translate};
use crate::session::use_session;
use crate::ui::amount_hint;
use crate::ui::form::{checked, error_list};
use crate::ui::{
    format, whole_number, Act, ActStatus, DataTable, Field, FormCheck, Loaded, SelectField, TextAreaField,
};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{
    ChoiceForm, ContractForm, EvaluationForm, FieldErrors, FormError, ProjectView, TextForm,
};
use market_domain::ids::{ProjectId, QuoteId};
use market_domain::project::{DeliveryStatus, Evaluation, ProjectState, Quote, QuoteStatus, Role};
use market_domain::selection::SelectionMethod;
use market_domain::Term;
use uuid::Uuid;

#[component]
pub fn BuyerPanel(view: ProjectView, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let project = &view.project;
    let mine = session.account().and_then(|a| a.organisation) == Some(project.buyer);
    if !mine {
        return ().into_any();
    }
    let id = project.id;
    let state = project.state;
    let body = match state {
        ProjectState::Draft => view! {
            <p><A href=format!("/buyer/needs/{id}/edit")>{i18n.t(Buyer::EditDraft)}</A></p>
            <Publish id bid_window=project.terms.bid_window on_done=on_change/>
            <TextAction id action=TextKind::Cancel on_change/>
        }
        .into_any(),
        ProjectState::Published => {
            let open: Vec<_> = project
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.answer.is_none())
                .map(|(n, q)| {
                    let question = q.question.to_string();
                    view! {
                        <div class="buyer-question">
                            <blockquote>{question}</blockquote>
                            <TextAction id action=TextKind::Answer(q.id, n) on_change/>
                        </div>
                    }
                })
                .collect();
            let none = open.is_empty();
            view! {
                <h3>{i18n.t(Buyer::QuestionsHeading)}</h3>
                {none.then(|| view! { <p>{i18n.t(Buyer::NoOpenQuestions)}</p> })}
                {open}
                <TextAction id action=TextKind::Cancel on_change/>
            }
            .into_any()
        }
        ProjectState::BiddingClosed => {
            let choose = matches!(project.terms.method, SelectionMethod::DirectChoice);
            let eligible: Vec<QuoteId> = project.eligible.iter().map(|q| q.quote_id).collect();
            view! {
                {(!choose).then(|| view! { <p>{i18n.t(Buyer::AwaitingSelection)}</p> })}
                <Quotes id choose=choose.then_some(eligible) on_change/>
            }
            .into_any()
        }
        ProjectState::Selected => {
            let contract = project.contract.as_ref().map(|c| c.price.to_string());
            let winning = project.winner().map(|q| q.price.to_string()).unwrap_or_default();
            view! {
                {match contract {
                    Some(price) => view! {
                        <p>{move || i18n.fill(Buyer::AwaitingSignature, &[("price", &price)])}</p>
                    }
                    .into_any(),
                    None => view! { <ProposeContract id winning on_change/> }.into_any(),
                }}
                <Quotes id choose=None on_change/>
            }
            .into_any()
        }
        ProjectState::Contracted | ProjectState::InService => {
            let price = project.contract.as_ref().map(|c| c.price.to_string()).unwrap_or_default();
            view! {
                <p>{move || i18n.fill(Buyer::UnderContract, &[("price", &price)])}</p>
                <Quotes id choose=None on_change/>
            }
            .into_any()
        }
        ProjectState::Delivered => {
            let summary = project
                .deliveries
                .iter()
                .rev()
                .find(|d| matches!(d.status, DeliveryStatus::Submitted))
                .map(|d| d.summary.to_string())
                .unwrap_or_default();
            view! {
                <h3>{i18n.t(Buyer::DeliveryHeading)}</h3>
                <p>{i18n.t(Buyer::DeliverySummary)} {summary}</p>
                <AcceptDelivery id on_change/>
                <TextAction id action=TextKind::Return on_change/>
            }
            .into_any()
        }
        ProjectState::Accepted => view! { <Rate id on_change/> }.into_any(),
        ProjectState::Rated => view! { <p>{i18n.t(Buyer::RatedDone)}</p> }.into_any(),
        ProjectState::Cancelled | ProjectState::Failed => view! { <p>{i18n.t(Buyer::Ended)}</p> }.into_any(),
    };
    view! {
        <section class="panel buyer-panel" data-testid="buyer-panel">
            <h2>{i18n.t(Buyer::PanelHeading)}</h2>
            <p class="buyer-state">
                {i18n.t(Buyer::StateNow)}
                <strong data-testid="buyer-state">{i18n.t(format::state(state))}</strong>
            </p>
            {body}
        </section>
    }
    .into_any()
}

/// The actions that take one text: answering the n-th question, cancelling, returning a delivery.
#[derive(Clone, Copy)]
enum TextKind {
    Answer(Uuid, usize),
    Cancel,
    Return,
}

#[component]
fn TextAction(id: ProjectId, action: TextKind, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let text = RwSignal::new(String::new());
    let (label, submit_label, success, testid, field_id) = match action {
        TextKind::Answer(_, n) => (
            Buyer::Answer,
            Buyer::SendAnswer,
            Buyer::Answered,
            format!("answer-{n}"),
            format!("buyer-answer-{n}"),
        ),
        TextKind::Cancel => (
            Buyer::CancelReason,
            Buyer::CancelNeed,
            Buyer::Cancelled,
            "cancel-need".into(),
            "buyer-cancel".into(),
        ),
        TextKind::Return => (
            Buyer::ReturnReason,
            Buyer::ReturnDelivery,
            Buyer::Returned,
            "return-delivery".into(),
            "buyer-return".into(),
        ),
    };
    let act = Act::new(
        success,
        move |form: TextForm| async move {
            match action {
                TextKind::Answer(question, _) => api.answer(id, question, &form).await,
                TextKind::Cancel => api.cancel(id, &form).await,
                TextKind::Return => api.return_delivery(id, &form).await,
            }
        },
        changed(on_change, success),
    );
    let check = FormCheck::new(act, move || {
        let form = TextForm { text: text.get_untracked() };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        match action {
            // Cancelling ends the need for good.
            TextKind::Cancel => {
                act.ask(form, submit_label, move || i18n.t(Buyer::CancelConsequence)().to_owned())
            }
            TextKind::Answer(..) | TextKind::Return => act.run(form),
        }
    };
    view! {
        <form on:submit=submit novalidate data-testid=testid class="buyer-text-form">
            <TextAreaField
                id=field_id
                name="text"
                label
                value=text
                errors
                required=true
                on_input=check.on_input("text")
            />
            <button type="submit" class="secondary" disabled=move || act.pending()>{i18n.t(submit_label)}</button>
            <ActStatus act/>
        </form>
    }
}

/// The quote's status in words.
fn quote_status(i18n: crate::i18n::I18n, status: &QuoteStatus) -> String {
    let locale = i18n.locale();
    match status {
        QuoteStatus::Live => Buyer::QuoteLive.get(locale).to_owned(),
        QuoteStatus::Withdrawn => Buyer::QuoteWithdrawn.get(locale).to_owned(),
        QuoteStatus::Replaced => Buyer::QuoteReplaced.get(locale).to_owned(),
        QuoteStatus::Excluded { reason } => i18n.fill(Buyer::QuoteExcluded, &[("reason", reason)]),
        QuoteStatus::Disqualified => Buyer::QuoteDisqualified.get(locale).to_owned(),
    }
}

/// The project's quotes once bidding has closed; with `choose` (the eligible quotes' ids), the
/// direct choice of one of them.
#[component]
fn Quotes(id: ProjectId, choose: Option<Vec<QuoteId>>, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let quotes = LocalResource::new(move || async move { api.project_quotes(id).await });
    view! {
        <h3>{i18n.t(Buyer::QuotesHeading)}</h3>
        <Loaded
            resource=quotes
            view=move |loaded| {
                let choice = choose.clone().map(|eligible| {
                    let live: Vec<Quote> = loaded
                        .quotes
                        .iter()
                        .filter(|q| {
                            matches!(q.status, QuoteStatus::Live)
                                && (eligible.is_empty() || eligible.contains(&q.id))
                        })
                        .cloned()
                        .collect();
                    view! { <Choose id quotes=live on_change/> }
                });
                let rows = loaded
                    .quotes
                    .iter()
                    .map(|q| {
                        let firm = view! { <ProviderLink id=q.provider name=q.provider_name.clone()/> };
                        let (price, days, at, status) =
                            (q.price.to_string(), q.promised_days.get(), format::instant(q.submitted_at), q.status.clone());
                        view! {
                            <tr>
                                <td>{firm}</td>
                                <td>{price}</td>
                                <td>{move || format::working_days(i18n, days)}</td>
                                <td>{at}</td>
                                <td>{move || quote_status(i18n, &status)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    {loaded.quotes_sealed.then(|| view! { <p class="hint">{i18n.t(Buyer::QuotesSealed)}</p> })}
                    {loaded.quotes.is_empty().then(|| view! { <p>{i18n.t(Buyer::NoQuotes)}</p> })}
                    <DataTable
                        label=Buyer::QuotesHeading
                        class="buyer-quotes"
                        testid="buyer-quotes"
                        columns=vec![
                            Role::Provider.term().into(),
                            Buyer::ColPrice.into(),
                            Buyer::ColDays.into(),
                            Buyer::ColSubmitted.into(),
                            Buyer::ColStatus.into(),
                        ]
                    >
                        {rows}
                    </DataTable>
                    {choice}
                }
            }
        />
    }
}

/// The direct choice: one radio per eligible quote.
#[component]
fn Choose(id: ProjectId, quotes: Vec<Quote>, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let chosen = RwSignal::new(None::<QuoteId>);
    // What the confirmation names: each quote's firm (or its short id) and price.
    let offered = StoredValue::new(
        quotes
            .iter()
            .map(|q| {
                let firm =
                    q.provider_name.as_ref().map_or_else(|| q.provider.to_string(), ToString::to_string);
                (q.id, firm, q.price.to_string())
            })
            .collect::<Vec<_>>(),
    );
    let act = Act::new(
        Buyer::Chosen,
        move |quote: QuoteId| async move { api.choose(id, &ChoiceForm { quote }).await },
        changed(on_change, Buyer::Chosen),
    );
    let check = FormCheck::new(act, move || {
        chosen.get_untracked().ok_or_else(|| FieldErrors::single("quote", &FormError::Required))
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(quote) = check.submit(&ev) else { return };
        let Some((firm, price)) = offered
            .with_value(|o| o.iter().find(|(id, ..)| *id == quote).map(|(_, f, p)| (f.clone(), p.clone())))
        else {
            return;
        };
        act.ask(quote, Buyer::ChooseSubmit, move || {
            i18n.fill(Buyer::ChooseConsequence, &[("firm", &firm), ("price", &price)])
        });
    };
    let options = quotes
        .into_iter()
        .map(|q| {
            let quote = q.id;
            let field = format!("buyer-choice-{quote}");
            let (price, days) = (q.price.to_string(), q.promised_days.get());
            let firm = view! { <ProviderLink id=q.provider name=q.provider_name.clone() plain=true/> };
            view! {
                <div class="buyer-choice">
                    <input
                        type="radio"
                        id=field.clone()
                        name="quote"
                        prop:checked=move || chosen.get() == Some(quote)
                        on:change=move |_| {
                            chosen.set(Some(quote));
                            check.chose("quote");
                        }
                    />
                    <label for=field>
                        {firm}
                        {move || {
                            let days = format::working_days(i18n, days);
                            i18n.fill(Buyer::QuoteOption, &[("price", &price), ("days", &days)])
                        }}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form on:submit=submit novalidate class="buyer-choose">
            <fieldset>
                <legend>{i18n.t(SelectionMethod::DirectChoice.term())} " — " {i18n.t(Buyer::ChooseLabel)}</legend>
                {options}
                {error_list(errors, "quote", None)}
            </fieldset>
            <button type="submit" class="primary" data-testid="choose-quote" disabled=move || act.pending()>
                {i18n.t(Buyer::ChooseSubmit)}
            </button>
            <ActStatus act/>
        </form>
    }
}

/// Proposing the contract, at most at the winning price (prefilled).
#[component]
fn ProposeContract(id: ProjectId, winning: String, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let price = RwSignal::new(winning.clone());
    let act = Act::new(
        Buyer::ContractProposed,
        move |form: ContractForm| async move { api.propose_contract(id, &form).await },
        changed(on_change, Buyer::ContractProposed),
    );
    let check = FormCheck::new(act, move || {
        let form = ContractForm { price: price.get_untracked() };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.run(form);
    };
    view! {
        <form on:submit=submit novalidate class="buyer-contract" data-testid="contract-form">
            <h3>{i18n.t(Buyer::ContractHeading)}</h3>
            <Field
                id="buyer-contract-price"
                name="price"
                label=Buyer::ContractPrice
                value=price
                errors
                required=true
                hint=amount_hint(price, move || i18n.fill(Buyer::ContractPriceHint, &[("price", &winning)]))
                on_input=check.on_input("price")
            />
            <button type="submit" class="primary" data-testid="propose-contract" disabled=move || act.pending()>
                {i18n.t(Buyer::ProposeSubmit)}
            </button>
            <ActStatus act/>
        </form>
    }
}

#[component]
fn AcceptDelivery(id: ProjectId, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let act = Act::new(
        Buyer::Accepted,
        move |()| async move { api.accept_delivery(id).await },
        changed(on_change, Buyer::Accepted),
    );
    view! {
        <div class="buyer-accept">
            <button
                type="button"
                class="primary"
                data-testid="accept-delivery"
                disabled=move || act.pending()
                on:click=move |_| {
                    act.ask((), Buyer::AcceptDelivery, move || i18n.t(Buyer::AcceptConsequence)().to_owned())
                }
            >
                {i18n.t(Buyer::AcceptDelivery)}
            </button>
            <ActStatus act/>
        </div>
    }
}

/// The five scores (1–5, each a select) and a comment.
#[component]
fn Rate(id: ProjectId, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let fields = ["quality", "timeliness", "attitude", "fee_reasonableness", "compliance"];
    let dimensions: [(&str, Term); 5] = std::array::from_fn(|i| (fields[i], Evaluation::DIMENSIONS[i]));
    let scores = dimensions.map(|_| RwSignal::new(String::new()));
    let comment = RwSignal::new(String::new());
    let act = Act::new(
        Buyer::Rated,
        move |form: EvaluationForm| async move { api.evaluate(id, &form).await },
        changed(on_change, Buyer::Rated),
    );
    let check = FormCheck::new(act, move || {
        // An unchosen score is an error of its own (and a stand-in that is never sent).
        let mut unread = FieldErrors::new();
        let mut score =
            |i: usize| whole_number(&mut unread, dimensions[i].0, &scores[i].get_untracked()).unwrap_or(1);
        let form = EvaluationForm {
            quality: score(0),
            timeliness: score(1),
            attitude: score(2),
            fee_reasonableness: score(3),
            compliance: score(4),
            comment: comment.get_untracked(),
        };
        checked(form, unread, |f| f.parse().err())
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.run(form);
    };
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), Buyer::ChooseScore.get(i18n.locale()).to_owned())];
        options.extend((1..=5).map(|n: u8| (n.to_string(), n.to_string())));
        options
    });
    let selects = dimensions
        .into_iter()
        .zip(scores)
        .map(|((name, label), value)| {
            view! {
                <SelectField
                    id=format!("buyer-score-{name}")
                    name
                    label
                    value
                    errors
                    options
                    required=true
                    on_input=check.on_input(name)
                />
            }
        })
        .collect_view();
    view! {
        <form on:submit=submit novalidate class="buyer-rate" data-testid="rate-form">
            <h3>{i18n.t(Buyer::RateHeading)}</h3>
            {selects}
            <TextAreaField id="buyer-comment" name="comment" label=Buyer::Comment value=comment errors on_input=check.on_input("comment")/>
            {check.banner()}
            <button type="submit" class="primary" data-testid="rate-submit" disabled=move || act.pending()>
                {i18n.t(Buyer::RateSubmit)}
            </button>
            <ActStatus act/>
        </form>
    }
}
