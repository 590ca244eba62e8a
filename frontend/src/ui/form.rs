//! Form fields with their labels and errors. A form checks itself with the same `parse` the
//! functions run (`market_domain::api` forms): as a field is typed, its own errors are shown;
//! on submit, every bad field at once; and what the server refuses lands next to its field.

use crate::api::ApiError;
use crate::i18n::text::Common;
use crate::i18n::{use_i18n, Tr};
use crate::ui::status::ActState;
use leptos::prelude::*;
use market_domain::api::{FieldErrors, FormError, Message};
use market_domain::Money;
use std::collections::BTreeMap;

/// An amount field's hint: `hint`, then — when the amount was typed in other words (`80万`,
/// full-width digits) — what it was understood as ("即 ¥800,000.00"), so nobody posts ten times
/// the budget they meant.
pub fn amount_hint(
    value: RwSignal<String>,
    hint: impl Fn() -> String + Send + Sync + 'static,
) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || {
        let typed = value.get();
        match Money::parse(&typed) {
            Ok(amount) if Money::reworded(&typed) => {
                let understood = i18n.fill(Common::AmountUnderstood, &[("amount", &amount.to_string())]);
                format!("{} {understood}", hint())
            }
            _ => hint(),
        }
    })
}

/// A whole number as typed into a field named `name`: `None`, with the field's error recorded,
/// when it is empty or not a number (the form's own `parse` then judges its range). The one way
/// the forms read a number, so bad text is never taken for some number.
pub fn whole_number<T: std::str::FromStr>(errors: &mut FieldErrors, name: &str, text: &str) -> Option<T> {
    let text = text.trim();
    if text.is_empty() {
        errors.add(name, &FormError::Required);
        return None;
    }
    errors.field(name, text.parse::<T>().map_err(|_| FormError::NotANumber(text.to_owned())))
}

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

/// One form's checking, copied freely into its callbacks: the parse of what is typed (the shared
/// rules, reading the inputs untracked), the errors it shows, and the action it submits. What the
/// server refuses in that action is shown next to its fields.
pub struct FormCheck<T: 'static> {
    pub errors: FormErrors,
    act: ActState,
    parse: Callback<(), Result<T, FieldErrors>>,
}

impl<T> Clone for FormCheck<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for FormCheck<T> {}

impl<T: 'static> FormCheck<T> {
    pub fn new(
        act: impl Into<ActState>,
        parse: impl Fn() -> Result<T, FieldErrors> + Send + Sync + 'static,
    ) -> Self {
        let (act, errors) = (act.into(), FormErrors::new());
        Effect::new(move |_| {
            if let Some(error) = act.error() {
                errors.show_server(&error);
            }
        });
        Self { errors, act, parse: Callback::new(move |()| parse()) }
    }

    /// As the field `name` is typed: the action's last outcome goes, the field's own errors show.
    pub fn field(self, name: &str) {
        self.act.reset();
        self.errors.check(name, &self.parse.run(()).err().unwrap_or_default());
    }

    /// The `on_input` of the field `name`.
    pub fn on_input(self, name: &'static str) -> Callback<()> {
        Callback::new(move |()| self.field(name))
    }

    /// On submit: what the form parses to, or `None` with every error shown.
    pub fn submit(self) -> Option<T> {
        match self.parse.run(()) {
            Ok(value) => {
                self.errors.clear();
                Some(value)
            }
            Err(bad) => {
                self.errors.show(&bad);
                None
            }
        }
    }
}

/// The errors of a form's own `parse` added to those found reading its inputs (a number that
/// is not one): the form, or every bad field.
pub fn checked<F>(
    form: F,
    mut errors: FieldErrors,
    parse: impl FnOnce(&F) -> Option<FieldErrors>,
) -> Result<F, FieldErrors> {
    if let Some(more) = parse(&form) {
        errors.merge(more);
    }
    if errors.is_empty() {
        Ok(form)
    } else {
        Err(errors)
    }
}

fn belongs(field: &str, name: &str) -> bool {
    field == name
        || field.strip_prefix(name).is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
}

/// What every field shares: the label with its required mark, the control, a hint, and the
/// field's errors under it. `control` gets whether the field is in error and the ids that
/// describe it (for `aria-invalid` and `aria-describedby`).
fn frame(
    errors: FormErrors,
    id: String,
    name: String,
    label: Tr,
    required: bool,
    hint: Option<Signal<String>>,
    control: impl FnOnce(Memo<bool>, Signal<String>) -> AnyView,
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
        Signal::derive(move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if invalid.get() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        })
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>
                {i18n.t(label)}
                {required.then(|| view! { <span class="required">{i18n.t(Common::RequiredMark)}</span> })}
            </label>
            {control(invalid, described)}
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            {error_list(errors, name, Some(error_id))}
        </div>
    }
}

/// The messages of the field `name` as a list: under an input, with the `id` its
/// `aria-describedby` names; for a group of controls or a list of rows (no one input to
/// describe), announced as an alert.
pub fn error_list(errors: FormErrors, name: impl Into<String>, id: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let name = name.into();
    move || {
        let messages = errors.of(&name);
        (!messages.is_empty()).then(|| {
            let role = id.is_none().then_some("alert");
            view! {
                <ul class="field-errors" id=id.clone() role=role>
                    {messages.into_iter().map(|m| view! { <li>{move || i18n.message(&m)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// Sets `value` from an input event and runs `on_input` (to check the field as it is typed).
fn typed(value: RwSignal<String>, on_input: Option<Callback<()>>) -> impl Fn(web_sys::Event) + 'static {
    move |ev| {
        value.set(event_target_value(&ev));
        if let Some(on_input) = on_input {
            on_input.run(());
        }
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
    let control = {
        let (id, name) = (id.clone(), name.clone());
        move |invalid: Memo<bool>, described: Signal<String>| {
            view! {
                <input
                    id=id
                    name=name
                    type=kind
                    autocomplete=autocomplete
                    required=required
                    prop:value=move || value.get()
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby=described
                    on:input=typed(value, on_input)
                />
            }
            .into_any()
        }
    };
    frame(errors, id, name, label, required, hint, control)
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
    let control = {
        let (id, name) = (id.clone(), name.clone());
        move |invalid: Memo<bool>, described: Signal<String>| {
            view! {
                <textarea
                    id=id
                    name=name
                    rows="4"
                    required=required
                    prop:value=move || value.get()
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby=described
                    on:input=typed(value, on_input)
                ></textarea>
            }
            .into_any()
        }
    };
    frame(errors, id, name, label, required, None, control)
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
    let control = {
        let (id, name) = (id.clone(), name.clone());
        move |invalid: Memo<bool>, described: Signal<String>| {
            view! {
                <select
                    id=id
                    name=name
                    required=required
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby=described
                    on:change=typed(value, on_input)
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
            }
            .into_any()
        }
    };
    frame(errors, id, name, label, required, None, control)
}
