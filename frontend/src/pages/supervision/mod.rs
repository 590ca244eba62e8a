//! The supervisors' (监管部门) pages — onboarding, objections, blacklist and violations,
//! inspection draws, the catalogue, overdue contracts — and the pieces they share: links to a
//! provider or a need by id, and the clock the forms' rules are checked against.

pub mod blacklist;
pub mod catalogue;
pub mod inspection_draw;
pub mod objection;
pub mod objections;
pub mod onboarding;
pub mod overdue;
pub mod reason;

use crate::api::use_api;
use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{FieldErrors, FormError};
use market_domain::ids::{OrganisationId, ProjectId};
use market_domain::project::Project;

/// The browser's clock, for checking a form's time rules as it is typed (the server checks
/// again against its own).
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A whole number as typed into a form: `None`, with the field's error recorded, when it is
/// empty or not a number (the form's own `parse` then judges its range).
pub fn whole_number<T: std::str::FromStr>(errors: &mut FieldErrors, name: &str, text: &str) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(name, &FormError::Required);
        return None;
    }
    errors.field(name, text.parse::<T>().map_err(|_| FormError::NotANumber(text.to_owned())))
}

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
