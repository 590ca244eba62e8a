//! The onboarding review queue.
//! (To be built: the page's heading only, for now.)

use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Onboarding() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavOnboarding)}</h1></section> }
}
