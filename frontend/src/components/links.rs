//! Links to the marketplace's parties and needs: a provider by name (loaded) or by its short id,
//! a need by its code and title.

use crate::api::use_api;
use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::project::Project;

/// A provider's name linking to its public profile (or `plain`, inside a label); its id until
/// (or unless) the name loads.
#[component]
pub fn ProviderLink(id: OrganisationId, #[prop(optional)] plain: bool) -> impl IntoView {
    let api = use_api();
    let profile = LocalResource::new(move || api.provider(id));
    let name = move || match profile.get() {
        Some(Ok(view)) => view.organisation.name.to_string(),
        _ => id.to_string(),
    };
    if plain {
        view! { <span class="provider-name">{name}</span> }.into_any()
    } else {
        view! { <A href=format!("/providers/{id}") attr:class="provider-link">{name}</A> }.into_any()
    }
}

/// A need's code and title linking to its page.
pub fn project_link(project: &Project) -> impl IntoView + use<> {
    let label = format!("{} {}", project.code, project.terms.title);
    view! { <A href=format!("/projects/{}", project.id)>{label}</A> }
}

/// A need's code and title by its id, loaded; the id until (or unless) it loads.
#[component]
pub fn ProjectLink(id: ProjectId) -> impl IntoView {
    let api = use_api();
    let i18n = use_i18n();
    let project = LocalResource::new(move || api.project(id));
    move || match project.get() {
        Some(Ok(view)) => project_link(&view.project).into_any(),
        Some(Err(_)) => view! { <A href=format!("/projects/{id}")>{id.to_string()}</A> }.into_any(),
        None => view! { <span class="progress">{i18n.t(Text::LoadingProject)}</span> }.into_any(),
    }
}

/// A link to a provider's public profile (by id: names would cost a request each).
pub fn provider_id_link(id: OrganisationId) -> impl IntoView {
    let text = id.to_string();
    let short = text.get(..8).unwrap_or(&text).to_owned();
    view! { <A href=format!("/providers/{id}") attr:title=text>{short}</A> }
}
