//! A need's page: its terms, bid window, questions, event timeline and selection (with
//! "verify this draw"), and under them the actions the signed-in role may take.

mod actions;
pub mod buyer;
pub mod provider;
pub mod supervisor;

use crate::api::use_api;
use crate::ui::Loaded;
use actions::ProjectActions;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use market_domain::api::ProjectView;
use market_domain::ids::ProjectId;

#[component]
pub fn ProjectPage() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<ProjectId>().ok()));
    // The project as last answered: loaded, or as an action changed it.
    let changed = RwSignal::new(None::<ProjectView>);
    let project = LocalResource::new(move || {
        let id = id();
        changed.set(None);
        async move {
            match id {
                Some(id) => api.project(id).await,
                None => Err(crate::api::ApiError::Refused {
                    status: 404,
                    body: market_domain::api::ErrorBody { code: "not_found".into(), ..Default::default() },
                }),
            }
        }
    });
    let on_change = Callback::new(move |view: ProjectView| changed.set(Some(view)));
    view! {
        <Loaded
            resource=project
            view=move |loaded: ProjectView| {
                move || {
                    let view = changed.get().unwrap_or_else(|| loaded.clone());
                    view! {
                        <section class="panel">
                            <p class="code">{view.project.code.to_string()}</p>
                            <h1>{view.project.terms.title.to_string()}</h1>
                        </section>
                        <ProjectActions view on_change/>
                    }
                }
            }
        />
    }
}
