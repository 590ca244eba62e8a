//! Publishing a draft at once: from the need form once it is saved, and from the draft's own page.

use crate::api::use_api;
use crate::i18n::text::Buyer;
use crate::i18n::use_i18n;
use crate::ui::{format, now, Act, ActStatus};
use leptos::prelude::*;
use market_domain::api::ProjectView;
use market_domain::calendar::WorkingCalendar;
use market_domain::ids::ProjectId;
use market_domain::WorkingDays;

/// Publishing a draft, with its progress and outcome; hidden once published. Asks first,
/// saying when quotes would close (`bid_window` working days from now, by the calendar the
/// functions use).
#[component]
pub fn Publish(id: ProjectId, bid_window: WorkingDays, on_done: Callback<ProjectView>) -> impl IntoView {
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
                        act.ask((), Buyer::PublishNow, move || {
                            let close = WorkingCalendar::prc().add_working_days(now(), bid_window.get());
                            let close = close.map(format::instant).unwrap_or_default();
                            i18n.fill(Buyer::PublishConsequence, &[("close", &close)])
                        })
                    }
                >
                    {i18n.t(Buyer::PublishNow)}
                </button>
            </Show>
            <ActStatus act/>
        </div>
    }
}
