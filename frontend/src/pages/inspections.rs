//! Random inspections (双随机、一公开): the public list and each draw, re-checkable.
//! (To be built: the page's heading only, for now.)

use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn Inspections() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavInspections)}</h1></section> }
}

#[component]
pub fn InspectionPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="panel"><h1>{i18n.t(Common::NavInspections)}</h1></section> }
}
