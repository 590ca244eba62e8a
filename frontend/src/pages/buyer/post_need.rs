//! Posting a need: the guided form, checked as it is typed; also editing a draft.
//! (To be built: the page's heading only, for now.)

use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn PostNeed() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavPostNeed)}</h1></section> }
}

#[component]
pub fn EditNeed() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavPostNeed)}</h1></section> }
}
