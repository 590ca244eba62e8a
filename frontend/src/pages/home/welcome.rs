//! The top of the home page, one screen for a first-time visitor: what the marketplace is, how
//! a need goes from posting to acceptance, what each kind of user does here, the latest
//! results, the guide, and whom to ask or complain to — the contacts the deployment sets in
//! `index.html` (`<script id="site-contacts" type="application/json">`), not built in.

use crate::api::use_api;
use crate::components::links::provider_link;
use crate::i18n::text::{Common, Home as Text};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::ProjectListing;
use market_domain::project::ProjectState;
use market_domain::LocalizedText;
use serde::Deserialize;

/// One help or complaint contact, as the deployment configures it.
#[derive(Clone, Debug, Deserialize)]
struct Contact {
    label: LocalizedText,
    value: String,
}

/// The contacts configured in the page, none if there are none or they do not read.
fn contacts() -> Vec<Contact> {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("site-contacts"))
        .and_then(|e| e.text_content());
    text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

#[component]
pub fn Welcome() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let latest = LocalResource::new(move || {
        let listing = ProjectListing { state: Some(ProjectState::Selected), ..Default::default() };
        async move { api.projects(&listing, None, 3).await }
    });
    let steps = [Text::StepPost, Text::StepQuote, Text::StepSelect, Text::StepContract, Text::StepAccept];
    let roles = [Text::ForBuyers, Text::ForProviders, Text::ForPublic];
    let results = move || {
        let page = latest.get().and_then(Result::ok)?;
        let rows = page
            .items
            .into_iter()
            .map(|p| {
                let winner = p.winner.map(|w| provider_link(w, p.winner_name.as_ref()));
                view! {
                    <li>
                        <A href=format!("/projects/{}", p.id)>{p.title.to_string()}</A>
                        " — " {winner}
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="plain">{rows}</ul> })
    };
    let contacts = contacts()
        .into_iter()
        .map(|c| view! { <dt>{move || i18n.localized(&c.label)}</dt><dd>{c.value.clone()}</dd> })
        .collect_view();
    view! {
        <section class="panel welcome" data-testid="welcome" aria-labelledby="welcome-heading">
            <h1 id="welcome-heading">{i18n.t(Common::AppName)} " · " {i18n.t(Common::Tagline)}</h1>
            <p class="intro">{i18n.t(Text::WhatItIs)}</p>
            <div class="welcome-grid">
                <div>
                    <h2>{i18n.t(Text::HowHeading)}</h2>
                    <ol class="welcome-steps" data-testid="how-it-works">
                        {steps.map(|s| view! { <li>{i18n.t(s)}</li> }).into_iter().collect_view()}
                    </ol>
                    <ul class="plain welcome-roles">
                        {roles.map(|r| view! { <li>{i18n.t(r)}</li> }).into_iter().collect_view()}
                    </ul>
                </div>
                <div>
                    <h2>{i18n.t(Text::LatestResults)}</h2>
                    <div data-testid="latest-results">{results}</div>
                    <p><A href="/results">{i18n.t(Text::AllResults)}</A></p>
                    <h2>{i18n.t(Text::GuideHeading)}</h2>
                    <ul class="plain" data-testid="guide">
                        <li><A href="/catalogue">{i18n.t(Text::GuideCatalogue)}</A></li>
                        <li><A href="/register">{i18n.t(Text::GuideRegister)}</A></li>
                        <li><A href="/statistics">{i18n.t(Text::GuideStatistics)}</A></li>
                        <li><a href="/api/v1/docs">{i18n.t(Text::GuideApi)}</a></li>
                    </ul>
                    <h2>{i18n.t(Text::ContactsHeading)}</h2>
                    <dl class="facts" data-testid="contacts">{contacts}</dl>
                </div>
            </div>
        </section>
    }
}
