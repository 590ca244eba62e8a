//! A need's page: its terms, bid window (with a live countdown), questions, quotes, selection
//! (with "verify this draw", recomputed in the browser), contract, deliveries, evaluation and the
//! event timeline — and under them the actions the signed-in role may take.

pub mod actions;
pub mod buyer;
pub mod provider;
mod selection;
pub mod supervisor;
mod timeline;

use crate::api::use_api;
use crate::components::action_notice::provide_action_notice;
use crate::components::countdown::Countdown;
use crate::components::links::{buyer_line, ProviderLink};
use crate::i18n::text::Project as Text;
use crate::i18n::{use_i18n, I18n, Tr, Translate};
use crate::ui::{format, DataTable, Loaded};
use actions::ProjectActions;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use market_domain::api::ProjectView;
use market_domain::ids::ProjectId;
use market_domain::project::{
    DeliveryStatus, Evaluation, Funding, ObjectionStatus, Project, ProjectState, Quote, QuoteStatus,
    Requirement, Role,
};
use market_domain::selection::SelectionMethod;
use market_domain::Catalogue;

#[component]
pub fn ProjectPage() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<ProjectId>().ok()));
    // The project as last answered: loaded, or as an action changed it.
    let changed = RwSignal::new(None::<ProjectView>);
    let project = LocalResource::new(move || {
        let id = id();
        changed.set(None);
        async move {
            match id {
                Some(id) => api.project(id).await,
                None => Err(crate::api::ApiError::NoSuchAddress),
            }
        }
    });
    let on_change = Callback::new(move |view: ProjectView| changed.set(Some(view)));
    provide_action_notice();
    let catalogue = LocalResource::new(move || api.catalogue());
    view! {
        <Loaded
            resource=project
            view=move |loaded: ProjectView| {
                let loaded_again = loaded.clone();
                let current = move || changed.get().unwrap_or_else(|| loaded.clone());
                let current_again = move || changed.get().unwrap_or_else(|| loaded_again.clone());
                view! {
                    {move || {
                        let view = current();
                        let top = view! { <ProjectActions view=view.clone() on_change top=true/> };
                        view! { <NeedDetails view catalogue>{top}</NeedDetails> }
                    }}
                    {move || view! { <ProjectActions view=current_again() on_change top=false/> }}
                }
            }
        />
    }
}

/// Everything public about the need, as `view` shows it to its reader.
#[component]
fn NeedDetails(
    view: ProjectView,
    catalogue: LocalResource<Result<Catalogue, crate::api::ApiError>>,
    /// What follows the need's title (the panel of whoever acts on it).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let ProjectView { project: p, quotes_sealed } = view;
    let state = p.state;
    let winner = p.selection.as_ref().map(|s| s.outcome.winner);
    // The timeline reloads when the project changes (an action answered a newer version).
    let version = p.version;
    view! {
        <section class="panel need-head">
            <p class="need-code">{p.code.to_string()}</p>
            <h1>{p.terms.title.to_string()}</h1>
            <p class="need-buyer">{buyer_line(i18n, p.buyer_name.as_ref(), p.terms.funding.is_public())}</p>
            <p>
                <span class=format!("state state-{}", format::state_code(state)) data-testid="need-state">
                    {i18n.t(format::state(state))}
                </span>
            </p>
        </section>
        {children()}
        <Terms p=p.clone() catalogue/>
        <Questions p=p.clone()/>
        <Quotes quotes=p.quotes.clone() sealed=quotes_sealed winner/>
        {(p.selection.is_some() || !p.voided_selections.is_empty()).then(|| view! { <selection::Selection p=p.clone()/> })}
        {after_selection(i18n, &p)}
        <timeline::Timeline id=p.id version head=p.chain_head/>
    }
}

/// A `<dt>`/`<dd>` pair.
fn pair(i18n: I18n, term: impl Into<Tr>, value: impl IntoView + 'static) -> impl IntoView {
    view! { <dt>{i18n.t(term)}</dt><dd>{value}</dd> }
}

#[component]
fn Terms(p: Project, catalogue: LocalResource<Result<Catalogue, crate::api::ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let terms = p.terms;
    let code = terms.item.clone();
    let item_name = move || {
        let name = catalogue
            .get()
            .and_then(Result::ok)
            .and_then(|c| c.items().iter().find(|i| i.code == code).map(|i| i18n.localized(&i.name)));
        format!("{code} {}", name.unwrap_or_default())
    };
    let requirements: Vec<String> = terms
        .requirements
        .iter()
        .map(|r| match r {
            Requirement::Qualification(q) => format::qualification(i18n, q.as_str()),
            Requirement::Region(s) | Requirement::LocalOffice(s) | Requirement::Other(s) => s.clone(),
            Requirement::ProviderCap(n) => n.to_string(),
        })
        .collect();
    let requirements = move || {
        if requirements.is_empty() {
            Text::NoRequirements.get(i18n.locale()).to_owned()
        } else {
            requirements
                .iter()
                .map(|k| i18n.fill(Text::Qualification, &[("kind", k)]))
                .collect::<Vec<_>>()
                .join("；")
        }
    };
    let method = terms.method;
    let weights = move || match method {
        SelectionMethod::BestValue(w) => {
            let [price, time, rating, credit] =
                [w.price(), w.time(), w.rating(), w.credit()].map(|n| n.to_string());
            let text = i18n.fill(
                Text::Weights,
                &[("price", &price), ("time", &time), ("rating", &rating), ("credit", &credit)],
            );
            Some(view! { <p class="weights" data-testid="weights">{text}</p> })
        }
        _ => None,
    };
    let funding = terms.funding.clone();
    let budget_line = match &funding {
        Funding::Department { budget_line } => Some(budget_line.to_string()),
        Funding::Enterprise => None,
    };
    let budget_line =
        move || budget_line.as_ref().map(|l| format!(" · {}", i18n.fill(Text::BudgetLine, &[("line", l)])));
    let service_days = terms.service_days.get();
    let bid_window = terms.bid_window.get();
    let open = p.state == ProjectState::Published;
    view! {
        <section class="panel need-terms" data-testid="terms">
            <h2>{i18n.t(Text::Terms)}</h2>
            <dl class="facts">
                {pair(i18n, Text::Item, item_name)}
                {pair(i18n, Text::BudgetCap, terms.budget_cap.to_string())}
                {pair(i18n, Text::ServiceDays, move || format::working_days(i18n, service_days))}
                {pair(i18n, Text::Requirements, requirements)}
                {pair(i18n, Text::Method, view! { {i18n.t(format::method(&method))} {weights} })}
                {pair(i18n, Text::Funding, view! { {i18n.t(format::funding(&funding))} {budget_line} })}
                {pair(i18n, Text::BidWindow, move || format::working_days(i18n, bid_window))}
                {p.published_at.map(|at| pair(i18n, Text::PublishedAt, format::instant(at)))}
                {p.closes_at.map(|at| pair(i18n, Text::ClosesAt, format::instant(at)))}
                {p.closes_at.filter(|_| open).map(|at| pair(i18n, Text::TimeLeft, view! { <Countdown closes_at=at/> }))}
                {p.commitment.map(|c| pair(i18n, Text::Commitment, view! { <code class="hex">{c.to_string()}</code> }))}
            </dl>
            <h3>{i18n.t(Text::Description)}</h3>
            <p class="need-description">{terms.description.to_string()}</p>
            {p.cancel_reason.map(|r| view! {
                <h3>{i18n.t(Text::Cancelled)}</h3>
                <p class="cancel-reason" data-testid="cancel-reason">{r.to_string()}</p>
            })}
        </section>
    }
}

#[component]
fn Questions(p: Project) -> impl IntoView {
    let i18n = use_i18n();
    let questions = p.questions;
    view! {
        <section class="panel" data-testid="questions">
            <h2>{i18n.t(Text::Questions)}</h2>
            {if questions.is_empty() {
                view! { <p>{i18n.t(Text::NoQuestions)}</p> }.into_any()
            } else {
                view! {
                    <ol class="qa">
                        {questions.into_iter().map(|q| {
                            let at = format::instant(q.asked_at);
                            view! {
                                <li class="question">
                                    <p class="asked">{q.question.to_string()}</p>
                                    <p class="meta">{move || i18n.fill(Text::AskedAt, &[("at", &at)])}</p>
                                    {match q.answer {
                                        Some(a) => view! { <p class="answer"><strong>{i18n.t(Text::Answer)}</strong>{a.to_string()}</p> }.into_any(),
                                        None => view! { <p class="meta">{i18n.t(Text::AwaitingAnswer)}</p> }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Quotes(quotes: Vec<Quote>, sealed: bool, winner: Option<market_domain::ids::QuoteId>) -> impl IntoView {
    let i18n = use_i18n();
    let status = move |s: &QuoteStatus| -> String {
        let t = |k: Text| k.get(i18n.locale()).to_owned();
        match s {
            QuoteStatus::Live => t(Text::QuoteLive),
            QuoteStatus::Withdrawn => t(Text::QuoteWithdrawn),
            QuoteStatus::Replaced => t(Text::QuoteReplaced),
            QuoteStatus::Excluded { reason } => i18n.fill(Text::QuoteExcluded, &[("reason", reason)]),
            QuoteStatus::Disqualified => t(Text::QuoteDisqualified),
        }
    };
    view! {
        <section class="panel" data-testid="quotes">
            <h2>{i18n.t(Text::Quotes)}</h2>
            {sealed.then(|| view! { <p class="hint">{i18n.t(Text::QuotesSealed)}</p> })}
            {if quotes.is_empty() {
                view! { <p>{i18n.t(Text::NoQuotes)}</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        label=Text::Quotes
                        class="need-table"
                        columns=vec![
                            Role::Provider.term().into(),
                            Text::Price.into(),
                            Text::PromisedDays.into(),
                            Text::SubmittedAt.into(),
                            Text::QuoteStatus.into(),
                        ]
                    >
                        {quotes.into_iter().map(|q| {
                                    let won = Some(q.id) == winner;
                                    let days = q.promised_days.get();
                                    let s = q.status.clone();
                                    view! {
                                        <tr class:winner=won>
                                            <td><ProviderLink id=q.provider name=q.provider_name.clone()/> {won.then(|| view! { <strong>{i18n.t(Text::WinnerMark)}</strong> })}</td>
                                            <td>{q.price.to_string()}</td>
                                            <td>{move || format::working_days(i18n, days)}</td>
                                            <td>{format::instant(q.submitted_at)}</td>
                                            <td>{move || status(&s)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
        </section>
    }
}

/// Objections, the contract, deliveries and the evaluation, where there are any.
fn after_selection(i18n: I18n, p: &Project) -> impl IntoView {
    let objections = (!p.objections.is_empty()).then(|| {
        let items = p.objections.clone();
        view! {
            <section class="panel" data-testid="objections">
                <h2>{i18n.t(Text::Objections)}</h2>
                <ul class="plain">
                    {items.into_iter().map(|o| {
                        let status = o.status.clone();
                        let outcome = move || match &status {
                            ObjectionStatus::Pending => Text::ObjectionPending.get(i18n.locale()).to_owned(),
                            ObjectionStatus::Upheld { reason, .. } => i18n.fill(Text::ObjectionUpheld, &[("reason", reason.as_str())]),
                            ObjectionStatus::Rejected { reason } => i18n.fill(Text::ObjectionRejected, &[("reason", reason.as_str())]),
                        };
                        view! { <li><span class="meta">{format::instant(o.filed_at)}</span> " " {o.reason.to_string()} " — " {outcome}</li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let contract = p.contract.clone().map(|c| {
        let days = c.service_days.get();
        view! {
            <section class="panel" data-testid="contract">
                <h2>{i18n.t(Text::Contract)}</h2>
                <dl class="facts">
                    {pair(i18n, Role::Provider.term(), view! { <ProviderLink id=c.provider name=c.provider_name.clone()/> })}
                    {pair(i18n, Text::ContractPrice, c.price.to_string())}
                    {pair(i18n, Text::ContractDays, move || format::working_days(i18n, days))}
                    {pair(i18n, Text::ProposedAt, format::instant(c.proposed_at))}
                    {match c.signed_at {
                        Some(at) => pair(i18n, Text::SignedAt, format::instant(at).into_any()).into_any(),
                        None => pair(i18n, Text::SignedAt, i18n.t(Text::NotSigned).into_any()).into_any(),
                    }}
                    {c.deadline.map(|at| pair(i18n, Text::Deadline, format::instant(at)))}
                </dl>
            </section>
        }
    });
    let deliveries = (!p.deliveries.is_empty()).then(|| {
        let items = p.deliveries.clone();
        view! {
            <section class="panel" data-testid="deliveries">
                <h2>{i18n.t(Text::Deliveries)}</h2>
                <ol class="plain">
                    {items.into_iter().map(|d| {
                        let status = d.status.clone();
                        let late = d.overdue_days;
                        let outcome = move || {
                            let mut text = match &status {
                                DeliveryStatus::Submitted => Text::DeliverySubmitted.get(i18n.locale()).to_owned(),
                                DeliveryStatus::Accepted => Text::DeliveryAccepted.get(i18n.locale()).to_owned(),
                                DeliveryStatus::Returned { reason } => i18n.fill(Text::DeliveryReturned, &[("reason", reason.as_str())]),
                            };
                            if late > 0 {
                                text = format!("{text} · {}", i18n.fill(Text::OverdueDays, &[("days", &late.to_string())]));
                            }
                            text
                        };
                        view! { <li><span class="meta">{format::instant(d.submitted_at)}</span> " " {d.summary.to_string()} " — " {outcome}</li> }
                    }).collect_view()}
                </ol>
            </section>
        }
    });
    let evaluation = p.evaluation.clone().map(|e| {
        let scores = Evaluation::DIMENSIONS.into_iter().zip(e.scores());
        view! {
            <section class="panel" data-testid="evaluation">
                <h2>{i18n.t(Text::Evaluation)}</h2>
                <dl class="facts">
                    {scores.into_iter().map(|(k, s)| pair(i18n, k, format!("{} / 5", s.get()))).collect_view()}
                </dl>
                <p>{e.comment.to_string()}</p>
            </section>
        }
    });
    view! { {objections} {contract} {deliveries} {evaluation} }
}
