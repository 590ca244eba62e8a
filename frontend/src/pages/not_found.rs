//! What an unknown address shows.

use crate::i18n::text::Common as Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h1>{i18n.t(Text::NotFoundHeading)}</h1>
            <p>{i18n.t(Text::NotFoundBody)}</p>
            <A href="/">{i18n.t(Text::BackHome)}</A>
        </section>
    }
}
