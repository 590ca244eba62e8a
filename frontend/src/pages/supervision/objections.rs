//! Objections awaiting a decision, oldest first: each with its need, who objected and why, and
//! the decisions; a decided one stays in view with what the decision led to.

use crate::api::use_api;
use crate::components::links::project_link;
use crate::components::objection::{DecisionOutcome, ObjectionDecision, ObjectionFacts};
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::use_i18n;
use crate::ui::{Cursors, Loaded, Pager, RequireRole};
use leptos::prelude::*;
use market_domain::api::{ObjectionRecord, ProjectView};
use market_domain::project::Role;

#[component]
pub fn Objections() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <ObjectionsQueue/>
        </RequireRole>
    }
}

#[component]
fn ObjectionsQueue() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let queue = LocalResource::new(move || api.objections(cursors.current()));
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavObjections)}</h1>
            <p class="intro">{i18n.t(Text::ObjectionsIntro)}</p>
            <Loaded
                resource=queue
                view=move |page| {
                    let empty = page.items.is_empty();
                    view! {
                        <ul class="sv-queue" data-testid="objections-queue">
                            {empty.then(|| view! { <li class="sv-empty">{i18n.t(Text::ObjectionsEmpty)}</li> })}
                            {page.items.into_iter().map(|record| view! { <ObjectionRow record/> }).collect_view()}
                        </ul>
                        <Pager cursors next=page.next/>
                    }
                }
            />
        </section>
    }
}

/// One objection with its need (loaded for its title and selection).
#[component]
fn ObjectionRow(record: ObjectionRecord) -> impl IntoView {
    let api = use_api();
    let ObjectionRecord { project, objection } = record;
    let id = objection.id;
    let loaded = LocalResource::new(move || api.project(project));
    let decided = RwSignal::new(None::<ProjectView>);
    view! {
        <li class="sv-queue-item" data-testid="objection">
            <Loaded
                resource=loaded
                view=move |view: ProjectView| {
                    let facts = objection.clone();
                    view! {
                        <h2>{project_link(&view.project)}</h2>
                        <ObjectionFacts objection=facts project=view.project.clone()/>
                        {move || match decided.get() {
                            Some(after) => view! { <DecisionOutcome view=after objection=id/> }.into_any(),
                            None => {
                                let on_decided = Callback::new(move |after| decided.set(Some(after)));
                                view! { <ObjectionDecision view=view.clone() objection=id on_decided/> }.into_any()
                            }
                        }}
                    }
                }
            />
        </li>
    }
}
