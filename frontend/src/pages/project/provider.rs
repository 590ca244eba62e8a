//! The provider's actions on a need's page.
//! (To be built.)

use crate::api::ApiError;
use leptos::prelude::*;
use market_domain::api::ProjectView;

#[component]
pub fn ProviderPanel(view: ProjectView, on_change: Callback<ProjectView>) -> impl IntoView {
    let _ = (view, on_change, None::<ApiError>);
}
