//! The provider directory and each provider's public profile and credit record.
//! (To be built: the page's heading only, for now.)

use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Directory() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavProviders)}</h1></section> }
}

#[component]
pub fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavProviders)}</h1></section> }
}
