//! A decision that needs a stated reason (rejecting a registration, rejecting an objection):
//! one required text, checked by `TextForm::parse` as it is typed, refused fields from the
//! server shown next to it.

use crate::i18n::text::Supervision as Text;
use crate::i18n::use_i18n;
use crate::ui::{Act, ActStatus, FormErrors, TextAreaField};
use leptos::prelude::*;
use market_domain::api::TextForm;

/// The form; `on_submit` gets a form that parses and runs the request on `act`.
#[component]
pub fn ReasonForm(
    /// The text area's id (unique on the page).
    #[prop(into)]
    id: String,
    testid: &'static str,
    label: Text,
    submit: Text,
    act: Act,
    on_submit: Callback<TextForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let form = move || TextForm { text: text.get_untracked() };
    // What the server refused lands next to the field.
    Effect::new(move |_| {
        if let Some(error) = act.error() {
            errors.show_server(&error);
        }
    });
    let check = Callback::new(move |()| {
        act.reset();
        errors.check("text", &form().parse().err().unwrap_or_default());
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = form();
        if let Err(bad) = form.parse() {
            errors.show(&bad);
            return;
        }
        errors.clear();
        on_submit.run(form);
    };
    view! {
        <form class="sv-reason-form" on:submit=send novalidate data-testid=testid>
            <TextAreaField id name="text" label value=text errors required=true on_input=check/>
            <button type="submit" class="secondary" disabled=move || act.pending()>{i18n.t(submit)}</button>
            <ActStatus act/>
        </form>
    }
}
