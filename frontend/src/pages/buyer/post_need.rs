//! Posting a need and editing its draft: the pages around the shared [`NeedForm`], which load
//! what it offers (the catalogue, the department's budget lines, the draft).

use super::need_form::{budget_lines, NeedForm};
use crate::api::use_api;
use crate::i18n::text::Buyer;
use crate::i18n::use_i18n;
use crate::ui::{Loaded, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use market_domain::ids::ProjectId;
use market_domain::project::{ProjectState, Role};

const BUYERS: &[Role] = &[Role::Enterprise, Role::Department];

#[component]
pub fn PostNeed() -> impl IntoView {
    view! {
        <RolePage roles=BUYERS heading=Buyer::PostHeading intro=Buyer::PostIntro>
            <NewNeed/>
        </RolePage>
    }
}

#[component]
fn NewNeed() -> impl IntoView {
    let api = use_api();
    let loaded = LocalResource::new(move || async move { Ok((api.catalogue().await?, api.me().await?)) });
    view! {
        <Loaded
            resource=loaded
            view=|(catalogue, me)| view! { <NeedForm catalogue budget_lines=budget_lines(&me)/> }
        />
    }
}

#[component]
pub fn EditNeed() -> impl IntoView {
    view! {
        <RolePage roles=BUYERS heading=Buyer::EditHeading>
            <DraftEditor/>
        </RolePage>
    }
}

#[component]
fn DraftEditor() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let loaded = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<ProjectId>().ok()));
        async move {
            let Some(id) = id else {
                return Err(crate::api::ApiError::NoSuchAddress);
            };
            Ok((api.catalogue().await?, api.me().await?, api.project(id).await?))
        }
    });
    view! {
        <Loaded
            resource=loaded
            view=move |(catalogue, me, draft)| {
                if draft.project.state == ProjectState::Draft {
                    view! { <NeedForm catalogue budget_lines=budget_lines(&me) draft/> }.into_any()
                } else {
                    let id = draft.project.id;
                    view! {
                        <p class="error" role="alert">{i18n.t(Buyer::NotADraft)}</p>
                        <A href=format!("/projects/{id}")>{i18n.t(Buyer::ViewNeed)}</A>
                    }
                    .into_any()
                }
            }
        />
    }
}
