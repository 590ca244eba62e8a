//! Which panel of actions a need's page shows: the buyer's, a provider's or a supervisor's,
//! by the signed-in role (each reports through `components::action_notice`).

use super::{buyer::BuyerPanel, provider::ProviderPanel, supervisor::SupervisorPanel};
use crate::session::use_session;
use leptos::prelude::*;
use market_domain::api::ProjectView;
use market_domain::project::Role;

#[component]
pub fn ProjectActions(view: ProjectView, on_change: Callback<ProjectView>) -> impl IntoView {
    let session = use_session();
    move || match session.role() {
        Some(Role::Enterprise | Role::Department) => {
            view! { <BuyerPanel view=view.clone() on_change/> }.into_any()
        }
        Some(Role::Provider) => view! { <ProviderPanel view=view.clone() on_change/> }.into_any(),
        Some(Role::Supervisor) => view! { <SupervisorPanel view=view.clone() on_change/> }.into_any(),
        Some(Role::System) | None => ().into_any(),
    }
}
