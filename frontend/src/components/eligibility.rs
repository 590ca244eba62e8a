//! Whether the signed-in provider may quote for a need, and every reason why not — as the server
//! decided it (`GET /projects/{id}/eligibility`), in the current language.

use crate::i18n::text::Provider as Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use market_domain::api::Eligibility;

#[component]
pub fn EligibilityNote(eligibility: Eligibility) -> impl IntoView {
    let i18n = use_i18n();
    if eligibility.may_quote {
        return view! { <p class="provider-eligible">{i18n.t(Text::Eligible)}</p> }.into_any();
    }
    view! {
        <div class="provider-ineligible">
            <p>{i18n.t(Text::Ineligible)}</p>
            <ul data-testid="ineligibility-reasons">
                {eligibility
                    .reasons
                    .into_iter()
                    .map(|reason| view! { <li>{move || i18n.message(&reason)}</li> })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
