//! Open needs for a provider: each need open for quotes, marked with whether this provider may
//! quote for it, and for the others every reason why not. One eligibility request per listed
//! need (a page holds 20).

use crate::api::use_api;
use crate::components::eligibility::EligibilityNote;
use crate::components::links::buyer_line;
use crate::i18n::text::{Common, Provider as Text};
use crate::i18n::use_i18n;
use crate::ui::{format, Cursors, Loaded, Pager, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{Page, ProjectListing};
use market_domain::project::{ProjectState, ProjectSummary, Role};

#[component]
pub fn NeedsForMe() -> impl IntoView {
    view! {
        <RolePage roles=&[Role::Provider] heading=Common::NavEligibleNeeds intro=Text::NeedsIntro>
            <OpenNeeds/>
        </RolePage>
    }
}

#[component]
fn OpenNeeds() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let needs = LocalResource::new(move || {
        let listing = ProjectListing { state: Some(ProjectState::Published), ..Default::default() };
        let cursor = cursors.current();
        async move { api.projects(&listing, cursor, 20).await }
    });
    let list = move |page: Page<ProjectSummary>| {
        if page.items.is_empty() {
            return view! { <p>{i18n.t(Text::NoOpenNeeds)}</p> }.into_any();
        }
        view! {
            <ul class="provider-needs" data-testid="needs-for-me">
                {page.items.into_iter().map(|need| view! { <NeedRow need/> }).collect_view()}
            </ul>
            <Pager cursors next=page.next/>
        }
        .into_any()
    };
    view! { <Loaded resource=needs view=list/> }
}

#[component]
fn NeedRow(need: ProjectSummary) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = need.id;
    let eligibility = LocalResource::new(move || api.eligibility(id));
    let testid = move || match eligibility.get() {
        Some(Ok(e)) if e.may_quote => "eligible-need",
        Some(Ok(_)) => "ineligible-need",
        _ => "need",
    };
    let cap = need.budget_cap.to_string();
    let closes = need.closes_at.map(format::instant);
    view! {
        <li class="provider-need" data-testid=testid data-project=id.to_string()>
            <h2>
                <A href=format!("/projects/{id}")>{need.title.to_string()}</A>
            </h2>
            <p class="code">{need.code.to_string()}</p>
            <p>{buyer_line(i18n, need.buyer_name.as_ref(), need.publicly_funded)}</p>
            <p>
                {move || i18n.fill(Text::BudgetCap, &[("amount", &cap)])}
                {closes.map(|at| view! { " · " {move || i18n.fill(Text::ClosesAt, &[("at", &at)])} })}
            </p>
            <Loaded resource=eligibility view=|eligibility| view! { <EligibilityNote eligibility/> }/>
        </li>
    }
}
