//! The supervisor's actions on a need's page: a pending objection decided right there, with the
//! same forms as the objections queue; after a decision, what it led to; otherwise nothing.

use crate::components::objection::{just_decided, DecisionOutcome, ObjectionDecision, ObjectionFacts};
use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use market_domain::api::ProjectView;
use market_domain::project::ObjectionStatus;

#[component]
pub fn SupervisorPanel(view: ProjectView, on_change: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let pending = view.project.objections.iter().find(|o| o.status == ObjectionStatus::Pending).cloned();
    if let Some(objection) = pending {
        let id = objection.id;
        return view! {
            <section class="panel sv-panel" data-testid="supervisor-panel">
                <h2>{i18n.t(Text::PendingObjection)}</h2>
                <ObjectionFacts objection project=view.project.clone()/>
                <ObjectionDecision view objection=id on_decided=on_change/>
            </section>
        }
        .into_any();
    }
    match just_decided(&view.project) {
        Some(id) => view! {
            <section class="panel sv-panel" data-testid="supervisor-panel">
                <h2>{i18n.t(Text::ObjectionDecided)}</h2>
                <DecisionOutcome view objection=id/>
            </section>
        }
        .into_any(),
        None => ().into_any(),
    }
}
