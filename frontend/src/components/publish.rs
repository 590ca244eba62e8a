//! Publishing a draft at once: from the need form once it is saved, and from the draft's own page.

use crate::api::use_api;
use crate::i18n::text::Buyer;
use crate::i18n::use_i18n;
use crate::ui::{Act, ActStatus};
use leptos::prelude::*;
use market_domain::api::ProjectView;
use market_domain::ids::ProjectId;

/// Publishing a draft, with its progress and outcome; hidden once published.
#[component]
pub fn Publish(id: ProjectId, on_done: Callback<ProjectView>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let done = RwSignal::new(false);
    let act = Act::new(
        Buyer::Published,
        move |()| api.publish(id),
        move |view| {
            done.set(true);
            on_done.run(view);
        },
    );
    view! {
        <div class="need-publish">
            <Show when=move || !done.get()>
                <button
                    type="button"
                    class="primary"
                    data-testid="publish"
                    disabled=move || act.pending()
                    on:click=move |_| {
                        act.run(())
                    }
                >
                    {i18n.t(Buyer::PublishNow)}
                </button>
            </Show>
            <ActStatus act/>
        </div>
    }
}
