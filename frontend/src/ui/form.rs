//! Form fields with their labels and errors. A form checks itself with the same `parse` the
//! functions run (`market_domain::api` forms): as a field is typed, its own errors are shown;
//! on submit, every bad field at once; and what the server refuses lands next to its field.

use crate::api::ApiError;
use crate::i18n::text::Common;
use crate::i18n::{use_i18n, Tr};
use leptos::prelude::*;
use market_domain::api::{FieldErrors, Message};
use std::collections::BTreeMap;

/// The errors shown on a form, by field name (`price`, `requirements[1]`, …).
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<BTreeMap<String, Vec<Message>>>);

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    pub fn new() -> Self {
        Self(RwSignal::new(BTreeMap::new()))
    }

    /// Shows every error of a parse (on submit).
    pub fn show(self, errors: &FieldErrors) {
        let map = errors.fields().map(|f| (f.to_owned(), errors.get(f).to_vec())).collect();
        self.0.set(map);
    }

    /// Shows only the errors of the field `name` (and its sub-fields, `name[0].x`) from a parse,
    /// clearing that field's earlier ones: checking as the person types.
    pub fn check(self, name: &str, errors: &FieldErrors) {
        self.0.update(|map| {
            map.retain(|field, _| !belongs(field, name));
            for field in errors.fields().filter(|f| belongs(f, name)) {
                map.insert(field.to_owned(), errors.get(field).to_vec());
            }
        });
    }

    /// Shows what the server refused, by field; `true` if any field was named.
    pub fn show_server(self, error: &ApiError) -> bool {
        let fields = error.fields();
        let named = !fields.is_empty();
        if named {
            let map = fields
                .into_iter()
                .map(|(field, messages)| {
                    let messages = messages.into_iter().map(|m| Message { zh: m.clone(), en: m }).collect();
                    (field, messages)
                })
                .collect();
            self.0.set(map);
        }
        named
    }

    pub fn clear(self) {
        self.0.set(BTreeMap::new());
    }

    /// The messages of one field (tracked).
    pub fn of(self, name: &str) -> Vec<Message> {
        self.0.with(|map| map.get(name).cloned().unwrap_or_default())
    }

    /// Whether any field is in error (tracked).
    pub fn any(self) -> bool {
        self.0.with(|map| !map.is_empty())
    }
}

fn belongs(field: &str, name: &str) -> bool {
    field == name
        || field.strip_prefix(name).is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
}

/// The error list under a field, and whether there is one.
fn field_errors(errors: FormErrors, name: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let messages = errors.of(&name);
        (!messages.is_empty()).then(|| {
            view! {
                <ul class="field-errors" id=id.clone()>
                    {messages.into_iter().map(|m| view! { <li>{move || i18n.message(&m)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// A labelled text input bound to `value`, with its errors. `on_input` runs after each change
/// (to check the field as it is typed).
#[component]
pub fn Field(
    #[prop(into)] id: String,
    /// The field's name in the form's errors.
    #[prop(into)]
    name: String,
    #[prop(into)] label: Tr,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] on_input: Option<Callback<()>>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-errors");
    let hint_id = format!("{id}-hint");
    let invalid = {
        let name = name.clone();
        Memo::new(move |_| !errors.of(&name).is_empty())
    };
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid.get() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>
                {i18n.t(label)}
                {required.then(|| view! { <span class="required">{i18n.t(Common::RequiredMark)}</span> })}
            </label>
            <input
                id=id.clone()
                name=name.clone()
                type=kind
                autocomplete=autocomplete
                required=required
                prop:value=move || value.get()
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=described
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(on_input) = on_input {
                        on_input.run(());
                    }
                }
            />
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            {field_errors(errors, name, error_id)}
        </div>
    }
}

/// A labelled multi-line input bound to `value`, with its errors.
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: Tr,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] on_input: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-errors");
    let invalid = {
        let name = name.clone();
        Memo::new(move |_| !errors.of(&name).is_empty())
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>
                {i18n.t(label)}
                {required.then(|| view! { <span class="required">{i18n.t(Common::RequiredMark)}</span> })}
            </label>
            <textarea
                id=id.clone()
                name=name.clone()
                rows="4"
                required=required
                prop:value=move || value.get()
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(on_input) = on_input {
                        on_input.run(());
                    }
                }
            ></textarea>
            {field_errors(errors, name, error_id)}
        </div>
    }
}

/// A labelled select bound to `value`; `options` are (value, label) pairs, re-read on a
/// language switch.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: Tr,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] on_input: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-errors");
    let invalid = {
        let name = name.clone();
        Memo::new(move |_| !errors.of(&name).is_empty())
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>
                {i18n.t(label)}
                {required.then(|| view! { <span class="required">{i18n.t(Common::RequiredMark)}</span> })}
            </label>
            <select
                id=id.clone()
                name=name.clone()
                required=required
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=error_id.clone()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(on_input) = on_input {
                        on_input.run(());
                    }
                }
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = value.get_untracked() == option;
                            view! { <option value=option selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {field_errors(errors, name, error_id)}
        </div>
    }
}
