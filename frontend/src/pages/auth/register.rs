//! Registration of an enterprise, a department or a provider with its first account. The whole
//! form is checked by `RegistrationForm::parse` — the rule the server runs — field by field as it
//! is typed and all at once on submit; what the server still refuses lands next to its field.

use crate::api::use_api;
use crate::i18n::text::{Common, Register as Text};
use crate::i18n::{use_i18n, I18n, Tr};
use crate::ui::form::{checked, error_list};
use crate::ui::{format, whole_number, Act, ActStatus, Field, FormCheck, FormErrors, SelectField};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{
    FieldErrors, OrganisationKindName, Password, QualificationForm, RegistrationForm, SecretText,
    ServedItemForm,
};
use market_domain::ids::OrganisationId;
use market_domain::project::Role;

/// One served item as typed.
#[derive(Clone, Copy)]
struct ServedRow {
    item: RwSignal<String>,
    fee: RwSignal<String>,
    days: RwSignal<String>,
}

impl ServedRow {
    fn new() -> Self {
        Self {
            item: RwSignal::new(String::new()),
            fee: RwSignal::new(String::new()),
            days: RwSignal::new(String::new()),
        }
    }

    /// The row as typed, the `i`-th of the list; a day count that is not a number is an error
    /// in `unread` (and a stand-in in the form, which is then never sent).
    fn form(self, i: usize, unread: &mut FieldErrors) -> ServedItemForm {
        let days = format!("served_items[{i}].committed_days");
        ServedItemForm {
            item: self.item.get_untracked(),
            published_fee: self.fee.get_untracked(),
            committed_days: whole_number(unread, &days, &self.days.get_untracked()).unwrap_or(1),
        }
    }
}

/// One qualification as typed.
#[derive(Clone, Copy)]
struct QualificationRow {
    kind: RwSignal<String>,
    level: RwSignal<String>,
    number: RwSignal<String>,
    issuer: RwSignal<String>,
    from: RwSignal<String>,
    until: RwSignal<String>,
}

impl QualificationRow {
    fn new() -> Self {
        let blank = || RwSignal::new(String::new());
        Self {
            kind: blank(),
            level: blank(),
            number: blank(),
            issuer: blank(),
            from: blank(),
            until: blank(),
        }
    }

    fn form(self) -> QualificationForm {
        QualificationForm {
            qualification_type: self.kind.get_untracked(),
            level: self.level.get_untracked(),
            certificate_number: self.number.get_untracked(),
            issuer: self.issuer.get_untracked(),
            valid_from: self.from.get_untracked(),
            valid_until: self.until.get_untracked(),
        }
    }
}

/// Everything the form holds.
#[derive(Clone, Copy)]
struct Inputs {
    kind: RwSignal<OrganisationKindName>,
    name: RwSignal<String>,
    credit_code: RwSignal<String>,
    contact_email: RwSignal<String>,
    contact_phone: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    budget_lines: RwSignal<Vec<RwSignal<String>>>,
    served: RwSignal<Vec<ServedRow>>,
    qualifications: RwSignal<Vec<QualificationRow>>,
}

impl Inputs {
    /// The request as typed (only the lists of the chosen kind are sent), and the errors of
    /// what it cannot hold (a day count that is not a number).
    fn form(self) -> (RegistrationForm, FieldErrors) {
        let mut unread = FieldErrors::new();
        let kind = self.kind.get_untracked();
        let text = |s: RwSignal<String>| s.get_untracked();
        let provider = kind == OrganisationKindName::Provider;
        let form = RegistrationForm {
            kind,
            name: text(self.name),
            credit_code: text(self.credit_code),
            contact_email: text(self.contact_email),
            contact_phone: text(self.contact_phone),
            budget_lines: if kind == OrganisationKindName::Department {
                self.budget_lines.get_untracked().into_iter().map(text).collect()
            } else {
                Vec::new()
            },
            served_items: if provider {
                self.served
                    .get_untracked()
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| row.form(i, &mut unread))
                    .collect()
            } else {
                Vec::new()
            },
            qualifications: if provider {
                self.qualifications.get_untracked().into_iter().map(QualificationRow::form).collect()
            } else {
                Vec::new()
            },
            email: text(self.email),
            password: SecretText::new(text(self.password)),
        };
        (form, unread)
    }
}

/// The id the check runs with: the server assigns the real one.
fn placeholder_id() -> OrganisationId {
    OrganisationId(uuid::Uuid::nil())
}

#[component]
pub fn Register() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let inputs = Inputs {
        kind: RwSignal::new(OrganisationKindName::Enterprise),
        name: RwSignal::new(String::new()),
        credit_code: RwSignal::new(String::new()),
        contact_email: RwSignal::new(String::new()),
        contact_phone: RwSignal::new(String::new()),
        email: RwSignal::new(String::new()),
        password: RwSignal::new(String::new()),
        budget_lines: RwSignal::new(vec![RwSignal::new(String::new())]),
        served: RwSignal::new(vec![ServedRow::new()]),
        qualifications: RwSignal::new(Vec::new()),
    };
    // `Some(provider?)` once registered.
    let registered = RwSignal::new(None::<bool>);
    let provider = |form: &RegistrationForm| form.kind == OrganisationKindName::Provider;
    let act = Act::telling(
        move |form| {
            if provider(form) {
                Text::RegisteredProviderBody.into()
            } else {
                Text::RegisteredBody.into()
            }
        },
        move |form: RegistrationForm| async move { api.register(&form).await.map(|_| provider(&form)) },
        move |provider| registered.set(Some(provider)),
    );
    let form_check = FormCheck::new(act, move || {
        let (form, unread) = inputs.form();
        checked(form, unread, |f| f.parse(placeholder_id()).err())
    });
    let errors = form_check.errors;
    let check = move |name: String| form_check.field(&name);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = form_check.submit(&ev) else { return };
        act.run(form);
    };
    let catalogue = LocalResource::new(move || api.catalogue());
    let field = move |id: &'static str,
                      name: &'static str,
                      label: Text,
                      value: RwSignal<String>,
                      kind: &'static str| {
        view! {
            <Field id name label value errors kind required=true on_input=Callback::new(move |()| check(name.to_owned()))/>
        }
    };
    let form = move || {
        view! {
            <form on:submit=submit novalidate data-testid="register-form" class="register-form">
                <KindChoice kind=inputs.kind on_change=Callback::new(move |()| {
                    check("budget_lines".into());
                    check("served_items".into());
                    check("qualifications".into());
                })/>
                <fieldset>
                    <legend>{i18n.t(Text::OrganisationLegend)}</legend>
                    {field("register-name", "name", Text::Name, inputs.name, "text")}
                    <Field
                        id="register-credit-code"
                        name="credit_code"
                        label=Text::CreditCode
                        value=inputs.credit_code
                        errors
                        required=true
                        hint=Signal::derive(move || i18n.t(Text::CreditCodeHint)().to_owned())
                        on_input=Callback::new(move |()| check("credit_code".into()))
                    />
                    {field("register-contact-email", "contact_email", Text::ContactEmail, inputs.contact_email, "email")}
                    {field("register-contact-phone", "contact_phone", Text::ContactPhone, inputs.contact_phone, "tel")}
                </fieldset>
                {move || match inputs.kind.get() {
                    OrganisationKindName::Enterprise => ().into_any(),
                    OrganisationKindName::Department => {
                        view! { <BudgetLines rows=inputs.budget_lines errors check/> }.into_any()
                    }
                    OrganisationKindName::Provider => view! {
                        <ServedItems rows=inputs.served errors check catalogue/>
                        <Qualifications rows=inputs.qualifications errors check catalogue/>
                    }
                    .into_any(),
                }}
                <fieldset>
                    <legend>{i18n.t(Text::AccountLegend)}</legend>
                    <Field
                        id="register-email"
                        name="email"
                        label=Text::LoginEmail
                        value=inputs.email
                        errors
                        kind="email"
                        required=true
                        autocomplete="username"
                        on_input=Callback::new(move |()| check("email".into()))
                    />
                    <Field
                        id="register-password"
                        name="password"
                        label=Common::Password
                        value=inputs.password
                        errors
                        kind="password"
                        required=true
                        autocomplete="new-password"
                        hint=Signal::derive(move || {
                            i18n.fill(
                                Text::PasswordHint,
                                &[("min", &Password::MIN.to_string()), ("max", &Password::MAX.to_string())],
                            )
                        })
                        on_input=Callback::new(move |()| check("password".into()))
                    />
                </fieldset>
                {form_check.banner()}
                <button type="submit" class="primary" disabled=move || act.pending() data-testid="register-submit">
                    {i18n.t(Text::Submit)}
                </button>
                <ActStatus act/>
            </form>
        }
    };
    view! {
        <section class="panel register">
            <h1>{i18n.t(Text::Heading)}</h1>
            {move || match registered.get() {
                None => view! {
                    <p class="intro">{i18n.t(Text::Intro)}</p>
                    {form()}
                }
                .into_any(),
                Some(provider) => view! {
                    <div class="success" role="status" data-testid="register-done">
                        <h2>{i18n.t(Text::RegisteredHeading)}</h2>
                        <p>{i18n.t(if provider { Text::RegisteredProviderBody } else { Text::RegisteredBody })}</p>
                    </div>
                    <p><A href="/sign-in">{i18n.t(Text::GoSignIn)}</A></p>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The radio group of the three kinds.
#[component]
fn KindChoice(kind: RwSignal<OrganisationKindName>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let options = [
        (OrganisationKindName::Enterprise, "enterprise", Tr::from(Text::KindEnterprise)),
        (OrganisationKindName::Department, "department", Role::Department.term().into()),
        (OrganisationKindName::Provider, "provider", Role::Provider.term().into()),
    ];
    view! {
        <fieldset class="register-kind">
            <legend>{i18n.t(Text::KindLegend)}</legend>
            {options
                .into_iter()
                .map(|(value, code, label)| {
                    let id = format!("register-kind-{code}");
                    view! {
                        <label class="radio">
                            <input
                                type="radio"
                                id=id
                                name="kind"
                                value=code
                                prop:checked=move || kind.get() == value
                                on:change=move |_| {
                                    kind.set(value);
                                    on_change.run(());
                                }
                            />
                            {i18n.t(label)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A row's heading ("Service 2") and its remove button.
fn row_legend(i18n: I18n, key: Text, index: usize, remove: impl Fn() + 'static) -> impl IntoView {
    let n = (index + 1).to_string();
    let legend = move || i18n.fill(key, &[("n", &n)]);
    view! {
        <legend>{legend}</legend>
        <button type="button" class="secondary register-remove" on:click=move |_| remove()>
            {i18n.t(Text::Remove)}
        </button>
    }
}

/// Removes row `index` of `rows`, then re-checks the list (the names of later rows move up).
fn remove_row<T: 'static + Send + Sync>(
    rows: RwSignal<Vec<T>>,
    index: usize,
    check: impl Fn(String),
    list: &str,
) {
    rows.update(|r| {
        if index < r.len() {
            r.remove(index);
        }
    });
    check(list.to_owned());
}

#[component]
fn BudgetLines(
    rows: RwSignal<Vec<RwSignal<String>>>,
    errors: FormErrors,
    check: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset>
            <legend>{i18n.t(Text::BudgetLinesLegend)}</legend>
            {error_list(errors, "budget_lines", None)}
            {move || {
                rows.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let name = format!("budget_lines[{i}]");
                        let checked = name.clone();
                        view! {
                            <fieldset class="register-row">
                                {row_legend(i18n, Text::BudgetLine, i, move || remove_row(rows, i, check, "budget_lines"))}
                                <Field
                                    id=format!("register-budget-line-{i}")
                                    name
                                    label=Text::BudgetLinesLegend
                                    value
                                    errors
                                    required=true
                                    on_input=Callback::new(move |()| check(checked.clone()))
                                />
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" class="secondary" on:click=move |_| rows.update(|r| r.push(RwSignal::new(String::new())))>
                {i18n.t(Text::AddBudgetLine)}
            </button>
        </fieldset>
    }
}

#[component]
fn ServedItems(
    rows: RwSignal<Vec<ServedRow>>,
    errors: FormErrors,
    check: impl Fn(String) + Copy + Send + Sync + 'static,
    catalogue: LocalResource<Result<market_domain::Catalogue, crate::api::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Text::ChooseItem)().to_owned())];
        if let Some(Ok(catalogue)) = catalogue.get() {
            options.extend(catalogue.items().iter().map(|item| {
                (item.code.to_string(), format!("{} {}", item.code, i18n.localized(&item.name)))
            }));
        }
        options
    });
    view! {
        <fieldset>
            <legend>{i18n.t(Text::ServedItemsLegend)}</legend>
            {move || matches!(catalogue.get(), Some(Err(_))).then(|| view! {
                <p class="error" role="alert">
                    {i18n.t(Text::CatalogueFailed)} " "
                    <button type="button" on:click=move |_| catalogue.refetch()>{i18n.t(Common::Retry)}</button>
                </p>
            })}
            {error_list(errors, "served_items", None)}
            {move || {
                rows.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let name = move |field: &str| format!("served_items[{i}].{field}");
                        let on = move |field: &'static str| Callback::new(move |()| check(name(field)));
                        view! {
                            <fieldset class="register-row">
                                {row_legend(i18n, Text::ServedItem, i, move || remove_row(rows, i, check, "served_items"))}
                                <SelectField
                                    id=format!("register-served-{i}-item")
                                    name=name("item")
                                    label=Text::Item
                                    value=row.item
                                    errors
                                    options=items
                                    required=true
                                    on_input=on("item")
                                />
                                <Field
                                    id=format!("register-served-{i}-fee")
                                    name=name("published_fee")
                                    label=Text::PublishedFee
                                    value=row.fee
                                    errors
                                    required=true
                                    on_input=on("published_fee")
                                />
                                <Field
                                    id=format!("register-served-{i}-days")
                                    name=name("committed_days")
                                    label=Text::CommittedDays
                                    value=row.days
                                    errors
                                    kind="number"
                                    required=true
                                    on_input=on("committed_days")
                                />
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" class="secondary" on:click=move |_| rows.update(|r| r.push(ServedRow::new()))>
                {i18n.t(Text::AddServedItem)}
            </button>
        </fieldset>
    }
}

#[component]
fn Qualifications(
    rows: RwSignal<Vec<QualificationRow>>,
    errors: FormErrors,
    check: impl Fn(String) + Copy + Send + Sync + 'static,
    catalogue: LocalResource<Result<market_domain::Catalogue, crate::api::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The qualification types the catalogue knows (those a buyer may require).
    let types = Signal::derive(move || {
        let mut codes: Vec<String> = match catalogue.get() {
            Some(Ok(catalogue)) => catalogue
                .items()
                .iter()
                .flat_map(|item| item.allowed_qualifications.iter().map(|q| q.to_string()))
                .collect(),
            _ => Vec::new(),
        };
        codes.sort();
        codes.dedup();
        let mut options = vec![(String::new(), i18n.t(Text::ChooseQualificationType)().to_owned())];
        options.extend(codes.into_iter().map(|c| (c.clone(), format::qualification(i18n, &c))));
        options
    });
    view! {
        <fieldset>
            <legend>{i18n.t(Text::QualificationsLegend)}</legend>
            {move || rows.with(Vec::is_empty).then(|| view! { <p class="hint">{i18n.t(Text::NoQualifications)}</p> })}
            {move || {
                rows.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let name = move |field: &str| format!("qualifications[{i}].{field}");
                        let on = move |field: &'static str| Callback::new(move |()| check(name(field)));
                        let id = move |field: &str| format!("register-qualification-{i}-{field}");
                        view! {
                            <fieldset class="register-row">
                                {row_legend(i18n, Text::Qualification, i, move || remove_row(rows, i, check, "qualifications"))}
                                <SelectField
                                    id=id("type")
                                    name=name("qualification_type")
                                    label=Text::QualificationType
                                    value=row.kind
                                    errors
                                    options=types
                                    required=true
                                    on_input=on("qualification_type")
                                />
                                <Field id=id("level") name=name("level") label=Text::Level value=row.level errors required=true on_input=on("level")/>
                                <Field
                                    id=id("number")
                                    name=name("certificate_number")
                                    label=Text::CertificateNumber
                                    value=row.number
                                    errors
                                    required=true
                                    on_input=on("certificate_number")
                                />
                                <Field id=id("issuer") name=name("issuer") label=Text::Issuer value=row.issuer errors required=true on_input=on("issuer")/>
                                <Field
                                    id=id("from")
                                    name=name("valid_from")
                                    label=Text::ValidFrom
                                    value=row.from
                                    errors
                                    kind="date"
                                    required=true
                                    on_input=on("valid_from")
                                />
                                <Field
                                    id=id("until")
                                    name=name("valid_until")
                                    label=Text::ValidUntil
                                    value=row.until
                                    errors
                                    kind="date"
                                    required=true
                                    on_input=on("valid_until")
                                />
                            </fieldset>
                        }
                    })
                    .collect_view()
            }}
            <button type="button" class="secondary" on:click=move |_| rows.update(|r| r.push(QualificationRow::new()))>
                {i18n.t(Text::AddQualification)}
            </button>
        </fieldset>
    }
}
