//! A decision that needs a stated reason (rejecting a registration, rejecting an objection):
//! one required text, checked by `TextForm::parse` as it is typed, refused fields from the
//! server shown next to it; asked before it is sent.

use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use crate::ui::{Act, ActStatus, FormCheck, TextAreaField};
use leptos::prelude::*;
use market_domain::api::TextForm;

/// The form; a form that parses runs `act`.
#[component]
pub fn ReasonForm(
    /// The text area's id (unique on the page).
    #[prop(into)]
    id: String,
    testid: &'static str,
    label: Text,
    submit: Text,
    act: Act<TextForm>,
    /// What the decision will do, asked before it is sent.
    #[prop(into)]
    consequence: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let check = FormCheck::new(act, move || {
        let form = TextForm { text: text.get_untracked() };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.ask(form, submit, move || consequence.get());
    };
    view! {
        <form class="sv-reason-form" on:submit=send novalidate data-testid=testid>
            <TextAreaField id name="text" label value=text errors required=true on_input=check.on_input("text")/>
            <button type="submit" class="secondary" disabled=move || act.pending()>{i18n.t(submit)}</button>
            <ActStatus act/>
        </form>
    }
}
