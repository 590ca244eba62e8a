//! Open needs for a provider: each need open for quotes, marked with whether this provider may
//! quote for it, and for the others every reason why not — or, when it may quote on none (its
//! registration awaits review, it is blacklisted), why, once above the list. One eligibility
//! request per listed need (a page holds 20); none when it may quote on none. The list can
//! show only the needs it may quote on.

use crate::api::use_api;
use crate::components::eligibility::EligibilityNote;
use crate::components::links::buyer_line;
use crate::i18n::text::{Common, Provider as Text};
use crate::i18n::use_i18n;
use crate::ui::{format, now, Cursors, Loaded, Pager, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{Message, Page, ProjectListing};
use market_domain::organisation::OrganisationKind;
use market_domain::project::{
    reasons_provider_may_not_quote_at_all, ProjectState, ProjectSummary, Role, RuleViolation,
};

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
    let only_eligible = RwSignal::new(false);
    let needs = LocalResource::new(move || {
        let listing = ProjectListing { state: Some(ProjectState::Published), ..Default::default() };
        let cursor = cursors.current();
        async move {
            // What keeps this provider from every need, by the domain's own rule.
            let me = api.me().await?;
            let standing = match me.organisation.map(|o| o.kind) {
                Some(OrganisationKind::Provider(profile)) => {
                    reasons_provider_may_not_quote_at_all(&profile, now())
                }
                _ => Vec::new(),
            };
            Ok((standing, api.projects(&listing, cursor, 20).await?))
        }
    });
    let list = move |(standing, page): (Vec<RuleViolation>, Page<ProjectSummary>)| {
        if page.items.is_empty() {
            return view! { <p>{i18n.t(Text::NoOpenNeeds)}</p> }.into_any();
        }
        let excluded = !standing.is_empty();
        let banner = excluded.then(|| {
            let reasons: Vec<Message> = standing.iter().map(Message::from).collect();
            view! {
                <div class="error provider-quote-on-none" role="status" data-testid="quote-on-none">
                    <p>{i18n.t(Text::QuoteOnNone)}</p>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{move || i18n.message(&r)}</li> }).collect_view()}</ul>
                </div>
            }
        });
        let filter = (!excluded).then(|| {
            view! {
                <p class="field sv-checkbox">
                    <input
                        type="checkbox"
                        id="only-eligible"
                        data-testid="only-eligible"
                        prop:checked=move || only_eligible.get()
                        on:change=move |ev| only_eligible.set(event_target_checked(&ev))
                    />
                    <label for="only-eligible">{i18n.t(Text::OnlyEligible)}</label>
                </p>
            }
        });
        view! {
            {banner}
            {filter}
            <ul class="provider-needs" data-testid="needs-for-me">
                {page.items.into_iter().map(|need| view! { <NeedRow need excluded only_eligible/> }).collect_view()}
            </ul>
            <Pager cursors next=page.next/>
        }
        .into_any()
    };
    view! { <Loaded resource=needs view=list/> }
}

/// One open need; its eligibility asked for unless the provider may quote on none (`excluded`),
/// hidden when only eligible needs are shown and it is not one.
#[component]
fn NeedRow(need: ProjectSummary, excluded: bool, only_eligible: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = need.id;
    let eligibility = (!excluded).then(|| LocalResource::new(move || api.eligibility(id)));
    let may_quote = move || eligibility.and_then(|e| e.get()).and_then(Result::ok).map(|e| e.may_quote);
    let testid = move || match may_quote() {
        Some(true) => "eligible-need",
        Some(false) => "ineligible-need",
        None => "need",
    };
    let hidden = move || only_eligible.get() && may_quote() != Some(true);
    let cap = need.budget_cap.to_string();
    let closes = need.closes_at.map(format::instant);
    view! {
        <li class="provider-need" data-testid=testid data-project=id.to_string() hidden=hidden>
            <h2>
                <A href=format!("/projects/{id}")>{need.title.to_string()}</A>
            </h2>
            <p class="code">{need.code.to_string()}</p>
            <p>{buyer_line(i18n, need.buyer_name.as_ref(), need.publicly_funded)}</p>
            <p>
                {move || i18n.fill(Text::BudgetCap, &[("amount", &cap)])}
                {closes.map(|at| view! { " · " {move || i18n.fill(Text::ClosesAt, &[("at", &at)])} })}
            </p>
            {eligibility.map(|resource| view! { <Loaded resource view=|eligibility| view! { <EligibilityNote eligibility/> }/> })}
        </li>
    }
}
