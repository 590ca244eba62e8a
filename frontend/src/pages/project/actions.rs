//! Which panel of actions a need's page shows, and where: the buyer's and a supervisor's
//! decisions right under the need's title (the page is theirs to act on), a provider's quote
//! after the terms it answers, and for a visitor on an open need how to take part. Each panel
//! reports through `components::action_notice`, whose line sits above it.

use super::{buyer::BuyerPanel, provider::ProviderPanel, supervisor::SupervisorPanel};
use crate::components::action_notice::ActionNoticeLine;
use crate::i18n::text::{Common, Project as Text};
use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::ProjectView;
use market_domain::project::{ProjectState, Role};

/// The signed-in role's panel if it belongs `top` (under the title) or not (after the terms).
#[component]
pub fn ProjectActions(view: ProjectView, on_change: Callback<ProjectView>, top: bool) -> impl IntoView {
    let session = use_session();
    move || match (session.role(), top) {
        (Some(Role::Enterprise | Role::Department), true) => {
            view! { <ActionNoticeLine/><BuyerPanel view=view.clone() on_change/> }.into_any()
        }
        (Some(Role::Supervisor), true) => {
            view! { <ActionNoticeLine/><SupervisorPanel view=view.clone() on_change/> }.into_any()
        }
        (Some(Role::Provider), false) => {
            view! { <ActionNoticeLine/><ProviderPanel view=view.clone() on_change/> }.into_any()
        }
        (None, true) if view.project.state == ProjectState::Published => view! { <TakePart/> }.into_any(),
        _ => ().into_any(),
    }
}

/// For a visitor on an open need: providers sign in to quote, or register first.
#[component]
fn TakePart() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="panel take-part" data-testid="take-part">
            {i18n.t(Text::TakePart)} " "
            <A href="/sign-in">{i18n.t(Common::NavSignIn)}</A>
            " · "
            <A href="/register">{i18n.t(Common::NavRegister)}</A>
        </p>
    }
}
