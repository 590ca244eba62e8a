//! Links to the marketplace's parties and needs: a provider by the name the record gives it (or
//! loaded, where a page has only its id), the buyer as the record names it, a need by its code and
//! title.

use crate::api::use_api;
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::project::{PartyName, Project, Role};

/// A provider's name linking to its public profile (or `plain`, inside a label): the `name` the
/// record gives it, else loaded — its id until (or unless) the name loads.
#[component]
pub fn ProviderLink(
    id: OrganisationId,
    #[prop(optional_no_strip)] name: Option<PartyName>,
    #[prop(optional)] plain: bool,
) -> impl IntoView {
    let name = match name {
        Some(name) => Signal::stored(name.to_string()),
        None => {
            let api = use_api();
            let profile = LocalResource::new(move || api.provider(id));
            Signal::derive(move || match profile.get() {
                Some(Ok(view)) => view.organisation.name.to_string(),
                _ => id.to_string(),
            })
        }
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

/// A provider's name as the record gives it, linking to its public profile; for a record made
/// before names were kept, its short id (the whole id in the title). For the home page, whose
/// first download this keeps small; other pages take [`ProviderLink`], which loads the name.
pub fn provider_link(id: OrganisationId, name: Option<&PartyName>) -> impl IntoView + use<> {
    let whole = id.to_string();
    let shown = match name {
        Some(name) => name.to_string(),
        None => whole.get(..8).unwrap_or(&whole).to_owned(),
    };
    view! { <A href=format!("/providers/{id}") attr:class="provider-link" attr:title=whole>{shown}</A> }
}

/// The buyer as the record names it, with what it is (项目业主 or 审批部门); `None` for a record
/// made before names were kept (buyers have no public profile to load a name from).
pub fn buyer_line(
    i18n: I18n,
    name: Option<&PartyName>,
    publicly_funded: bool,
) -> Option<impl IntoView + use<>> {
    let role = if publicly_funded { Role::Department } else { Role::Enterprise }.term();
    name.map(|name| {
        let name = name.to_string();
        let label = move || i18n.fill(Common::PartyLabel, &[("role", role.get(i18n.locale()))]);
        view! { <span class="buyer" data-testid="buyer"><span class="meta">{label}</span>{name}</span> }
    })
}
