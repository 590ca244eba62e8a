//! The pages of enterprises and departments (the buyers): posting and editing a need, and
//! their needs by state.

pub mod my_needs;
pub mod need_form;
pub mod post_need;

use crate::i18n::use_i18n;
use crate::ui::FormErrors;
use leptos::prelude::*;

/// The errors of one field that is not a single input (a group of radios, a list of rows).
pub fn errors_of(errors: FormErrors, name: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let messages = errors.of(name);
        (!messages.is_empty()).then(|| {
            view! {
                <ul class="field-errors" role="alert">
                    {messages.into_iter().map(|m| view! { <li>{move || i18n.message(&m)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
