//! Deciding one objection (异议), wherever it is shown — the objections queue and the need's own
//! page use these same pieces: the objection's facts, the two decisions (uphold, optionally
//! disqualifying the winning quote; or reject, with a reason) and what the decision led to.

use super::action_notice::{changed_about, last_about};
use super::links::ProviderLink;
use super::reason::ReasonForm;
use crate::api::use_api;
use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use crate::ui::format::instant;
use crate::ui::{Act, ActStatus, FormCheck, TextAreaField};
use leptos::prelude::*;
use market_domain::api::{ProjectView, TextForm, UpholdForm};
use market_domain::ids::{OrganisationId, QuoteId};
use market_domain::money::Money;
use market_domain::project::{Objection, ObjectionStatus, PartyName, Project, ProjectState};
use uuid::Uuid;

/// The objection of `project` this page's last action decided, if any: the need's page is drawn
/// afresh with the changed project, and shows that decision's outcome rather than nothing.
pub fn just_decided(project: &Project) -> Option<Uuid> {
    let id = last_about()?;
    project.objections.iter().any(|o| o.id == id && o.status != ObjectionStatus::Pending).then_some(id)
}

/// The winning quote of the selection in force: its id, provider (and its name in the record)
/// and price.
fn winning(project: &Project) -> Option<(QuoteId, OrganisationId, Option<PartyName>, Money)> {
    let selection = project.selection.as_ref()?;
    let winner = selection.outcome.winner;
    let quote = selection.quotes.iter().find(|q| q.quote_id == winner)?;
    Some((winner, quote.provider_id, project.name_of(quote.provider_id).cloned(), quote.price))
}

/// Who objected (`filer`: its name in `project`'s record), when, and why.
#[component]
pub fn ObjectionFacts(objection: Objection, project: Project) -> impl IntoView {
    let i18n = use_i18n();
    let filer = project.name_of(objection.filed_by).cloned();
    view! {
        <dl class="sv-facts">
            <dt>{i18n.t(Text::FiledBy)}</dt>
            <dd><ProviderLink id=objection.filed_by name=filer/></dd>
            <dt>{i18n.t(Text::FiledAt)}</dt>
            <dd>{instant(objection.filed_at)}</dd>
            <dt>{i18n.t(Text::ObjectionReason)}</dt>
            <dd class="sv-reason">{objection.reason.to_string()}</dd>
        </dl>
    }
}

/// The two decisions on a pending objection; `on_decided` gets the project as decided.
#[component]
pub fn ObjectionDecision(
    view: ProjectView,
    objection: Uuid,
    on_decided: Callback<ProjectView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let project = view.project.id;
    let winner = winning(&view.project);
    let winning_quote = winner.as_ref().map(|(quote, ..)| *quote);
    // The winner's name, as the confirmation of its disqualification names it.
    let disqualified = winner.as_ref().map(|(_, provider, name, _)| {
        name.as_ref().map_or_else(|| provider.to_string(), ToString::to_string)
    });
    let reason = RwSignal::new(String::new());
    let disqualify = RwSignal::new(false);
    let uphold = Act::new(
        Text::ObjectionUpheld,
        move |form: UpholdForm| async move { api.uphold_objection(project, objection, &form).await },
        changed_about(on_decided, Text::ObjectionUpheld, Some(objection)),
    );
    let reject = Act::new(
        Text::ObjectionRejected,
        move |form: TextForm| async move { api.reject_objection(project, objection, &form).await },
        changed_about(on_decided, Text::ObjectionRejected, Some(objection)),
    );
    let check = FormCheck::new(uphold, move || {
        let form = UpholdForm {
            reason: reason.get_untracked(),
            disqualify: winning_quote.filter(|_| disqualify.get_untracked()),
        };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let send_uphold = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        let firm = form.disqualify.and(disqualified.clone());
        uphold.ask(form, Text::Uphold, move || match &firm {
            Some(firm) => i18n.fill(Text::UpholdDisqualifyConsequence, &[("firm", firm)]),
            None => i18n.t(Text::UpholdConsequence)().to_owned(),
        });
    };
    let checkbox_id = format!("disqualify-{objection}");
    view! {
        <div class="sv-decisions">
            <form class="sv-uphold-form" on:submit=send_uphold novalidate data-testid="uphold-form">
                <h3>{i18n.t(Text::UpholdHeading)}</h3>
                <TextAreaField
                    id=format!("uphold-{objection}")
                    name="reason"
                    label=Text::UpholdReason
                    value=reason
                    errors
                    required=true
                    on_input=check.on_input("reason")
                />
                {winner.map(|(_, provider, name, price)| {
                    view! {
                        <div class="field sv-checkbox">
                            <input
                                type="checkbox"
                                id=checkbox_id.clone()
                                data-testid="disqualify"
                                prop:checked=move || disqualify.get()
                                on:change=move |ev| disqualify.set(event_target_checked(&ev))
                            />
                            <label for=checkbox_id.clone()>
                                {i18n.t(Text::DisqualifyWinner)} " " <ProviderLink id=provider name plain=true/> " "
                                {price.to_string()}
                            </label>
                        </div>
                    }
                })}
                <button type="submit" class="primary" disabled=move || uphold.pending()>{i18n.t(Text::Uphold)}</button>
                <ActStatus act=uphold/>
            </form>
            <div>
                <h3>{i18n.t(Text::RejectObjectionHeading)}</h3>
                <ReasonForm
                    id=format!("reject-objection-{objection}")
                    testid="reject-objection-form"
                    label=Text::RejectObjectionReason
                    submit=Text::RejectObjection
                    act=reject
                    consequence=Signal::derive(move || i18n.t(Text::RejectObjectionConsequence)().to_owned())
                />
            </div>
        </div>
    }
}

/// What a decided objection led to: the decision and its reason, then the selection now in
/// force, or that the need failed for want of quotes.
#[component]
pub fn DecisionOutcome(view: ProjectView, objection: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let project = view.project;
    let status = project.objections.iter().find(|o| o.id == objection).map(|o| o.status.clone());
    let decision = match status {
        Some(ObjectionStatus::Upheld { reason, .. }) => Some((Text::OutcomeUpheld, reason.to_string())),
        Some(ObjectionStatus::Rejected { reason }) => Some((Text::OutcomeRejected, reason.to_string())),
        Some(ObjectionStatus::Pending) | None => None,
    };
    let result = if project.state == ProjectState::Failed {
        view! { <p>{i18n.t(Text::OutcomeFailed)}</p> }.into_any()
    } else if let Some((_, provider, name, price)) = winning(&project) {
        view! {
            <p>{i18n.t(Text::OutcomeSelection)} " " <ProviderLink id=provider name/> " " {price.to_string()}</p>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <div class="sv-outcome" role="status" data-testid="objection-outcome">
            {decision.map(|(key, reason)| view! { <p class="success">{i18n.t(key)} " " {reason}</p> })}
            {result}
        </div>
    }
}
