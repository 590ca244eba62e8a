//! Form fields with their labels and errors. A form checks itself with the same `parse` the
//! functions run (`market_domain::api` forms): a field is judged when the person leaves it
//! having typed (and again as they correct it); on submit, every bad field at once, listed in a
//! banner, with the focus on the first; and what the server refuses lands next to its field.

use crate::api::ApiError;
use crate::i18n::text::Common;
use crate::i18n::{use_i18n, Tr};
use crate::ui::status::ActState;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use market_domain::api::{FieldErrors, FormError, Message};
use market_domain::Money;
use std::collections::BTreeMap;
use std::time::Duration;

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

/// The errors shown on a form, by field name (`price`, `requirements[1]`, …), and what an edit
/// of any field does to the form's last outcome (forgets it).
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<BTreeMap<String, Vec<Message>>>, StoredValue<Option<ActState>>);

impl Default for FormErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl FormErrors {
    pub fn new() -> Self {
        Self(RwSignal::new(BTreeMap::new()), StoredValue::new(None))
    }

    /// A field was edited: the action's last outcome no longer speaks for the form.
    fn edited(self) {
        if let Some(act) = self.1.get_value() {
            act.reset();
        }
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
        match error.fields() {
            Some(fields) if !fields.is_empty() => {
                self.show(fields);
                true
            }
            _ => false,
        }
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
    parse: Callback<(), Result<T, FieldErrors>>,
    /// The bad fields of the last failed submit, as the banner lists them: (control id, label);
    /// `None` until a submit fails.
    wrong: RwSignal<Option<Vec<(String, String)>>>,
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
        errors.1.set_value(Some(act));
        Effect::new(move |_| {
            if let Some(error) = act.error() {
                errors.show_server(&error);
            }
        });
        Self { errors, parse: Callback::new(move |()| parse()), wrong: RwSignal::new(None) }
    }

    /// A choice made in the field `name` (a radio button): the form's last outcome goes, and
    /// the field is judged.
    pub fn chose(self, name: &str) {
        self.errors.edited();
        self.field(name);
    }

    /// Judges the field `name`: its own errors show (or go).
    pub fn field(self, name: &str) {
        self.errors.check(name, &self.parse.run(()).err().unwrap_or_default());
    }

    /// The `on_input` of the field `name`.
    pub fn on_input(self, name: &'static str) -> Callback<()> {
        Callback::new(move |()| self.field(name))
    }

    /// On submit (the form's own event, whose default it prevents): what the form parses to,
    /// or `None` with every error shown, the banner listing the bad fields and the focus on
    /// the first of them.
    pub fn submit(self, ev: &SubmitEvent) -> Option<T> {
        ev.prevent_default();
        match self.parse.run(()) {
            Ok(value) => {
                self.errors.clear();
                self.wrong.set(None);
                Some(value)
            }
            Err(bad) => {
                self.errors.show(&bad);
                self.wrong.set(Some(Vec::new()));
                let form = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
                // Once the errors are drawn: the controls they mark, in the order of the page.
                let wrong = self.wrong;
                set_timeout(
                    move || wrong.set(Some(form.map(|f| point_at_first(&f)).unwrap_or_default())),
                    Duration::ZERO,
                );
                None
            }
        }
    }

    /// The banner of a failed submit: that the marked fields need correcting, each a link to
    /// its field; gone once none is in error.
    pub fn banner(self) -> impl IntoView {
        let i18n = use_i18n();
        let errors = self.errors;
        let wrong = self.wrong;
        move || {
            // After a submit the person made (what the server refused speaks in the status line).
            (errors.any() && wrong.with(Option::is_some)).then(|| {
                let links = wrong
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(id, label)| view! { <li><a href=format!("#{id}") target="_self">{label}</a></li> })
                    .collect_view();
                view! {
                    <div class="error form-banner" role="alert" data-testid="form-banner">
                        <p>{i18n.t(Common::FixFields)}</p>
                        <ul>{links}</ul>
                    </div>
                }
            })
        }
    }
}

/// Moves the focus to the first control of `form` marked invalid and answers every marked
/// control's id and label (its `<label>`'s text without the required mark).
fn point_at_first(form: &web_sys::HtmlElement) -> Vec<(String, String)> {
    let Ok(marked) = form.query_selector_all("[aria-invalid=\"true\"]") else { return Vec::new() };
    let controls: Vec<web_sys::HtmlElement> = (0..marked.length())
        .filter_map(|i| marked.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    if let Some(first) = controls.first() {
        let _ = first.focus();
    }
    controls
        .iter()
        .map(|control| {
            let id = control.id();
            let label = form.query_selector(&format!("label[for=\"{id}\"]")).ok().flatten();
            let label = label.map_or_else(
                || control.get_attribute("name").unwrap_or_default(),
                |label| {
                    let text = label.text_content().unwrap_or_default();
                    let mark =
                        label.query_selector(".required").ok().flatten().and_then(|m| m.text_content());
                    let text =
                        mark.and_then(|m| text.strip_suffix(m.as_str()).map(str::to_owned)).unwrap_or(text);
                    text.trim().to_owned()
                },
            );
            (id, label)
        })
        .collect()
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

/// A typed control's events: each input sets `value` and, once the field shows errors, judges
/// it again (so a correction clears them at once); leaving a field that was typed in judges it.
/// Nothing is judged before the person has typed.
/// An edit also forgets the form's last outcome; leaving a field does not.
#[derive(Clone, Copy)]
struct Typing {
    value: RwSignal<String>,
    errors: FormErrors,
    on_input: Option<Callback<()>>,
    typed: StoredValue<bool>,
}

impl Typing {
    fn new(value: RwSignal<String>, errors: FormErrors, on_input: Option<Callback<()>>) -> Self {
        Self { value, errors, on_input, typed: StoredValue::new(false) }
    }

    fn input(self, invalid: Memo<bool>) -> impl Fn(web_sys::Event) + 'static {
        move |ev| {
            self.value.set(event_target_value(&ev));
            self.typed.set_value(true);
            self.errors.edited();
            if invalid.get_untracked() {
                self.judge();
            }
        }
    }

    fn left(self) -> impl Fn(web_sys::FocusEvent) + 'static {
        move |_| {
            if self.typed.get_value() {
                self.judge();
            }
        }
    }

    fn judge(self) {
        if let Some(on_input) = self.on_input {
            on_input.run(());
        }
    }
}

/// Sets `value` from a completed choice (a select) and judges it.
fn chosen(
    value: RwSignal<String>,
    errors: FormErrors,
    on_input: Option<Callback<()>>,
) -> impl Fn(web_sys::Event) + 'static {
    move |ev| {
        value.set(event_target_value(&ev));
        errors.edited();
        if let Some(on_input) = on_input {
            on_input.run(());
        }
    }
}

/// A labelled text input bound to `value`, with its errors. `on_input` judges the field (see
/// [`Typing`] for when).
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
    let typing = Typing::new(value, errors, on_input);
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
                    on:input=typing.input(invalid)
                    on:blur=typing.left()
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
    let typing = Typing::new(value, errors, on_input);
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
                    on:input=typing.input(invalid)
                    on:blur=typing.left()
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
                    on:change=chosen(value, errors, on_input)
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
