//! The need form, shared by posting a need and editing its draft: every field of a
//! `ProjectForm`, checked as it is typed by the same `ProjectForm::parse` the server runs. Once
//! saved, the draft may be published at once (`components::publish`).

use crate::api::use_api;
use crate::components::publish::Publish;
use crate::i18n::text::{Buyer, Common};
use crate::i18n::{use_i18n, Translate};
use crate::ui::amount_hint;
use crate::ui::form::{checked, error_list};
use crate::ui::whole_number;
use crate::ui::{format, Act, ActStatus, Field, FormCheck, SelectField, TextAreaField};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{FieldErrors, MeView, ProjectForm, ProjectView, RequirementForm};
use market_domain::ids::ProjectId;
use market_domain::organisation::OrganisationKind;
use market_domain::project::{Funding, ProjectTerms, Requirement};
use market_domain::selection::{BestValueWeights, SelectionMethod};
use market_domain::Catalogue;

/// The explanation of each selection method, in the order of [`SelectionMethod::NAMES`].
const EXPLANATIONS: [Buyer; 5] = [
    Buyer::ExplainDirectChoice,
    Buyer::ExplainRandomDraw,
    Buyer::ExplainLowestPrice,
    Buyer::ExplainBestValue,
    Buyer::ExplainReasonablePrice,
];

/// The budget lines of a department (`Some`, possibly empty); `None` for an enterprise, which
/// pays itself.
pub fn budget_lines(me: &MeView) -> Option<Vec<String>> {
    match me.organisation.as_ref().map(|o| &o.kind) {
        Some(OrganisationKind::Department { budget_lines }) => {
            Some(budget_lines.iter().map(ToString::to_string).collect())
        }
        _ => None,
    }
}

/// The form's fields as typed.
#[derive(Clone, Copy)]
struct Inputs {
    item: RwSignal<String>,
    title: RwSignal<String>,
    description: RwSignal<String>,
    budget_cap: RwSignal<String>,
    service_days: RwSignal<String>,
    /// Each row's qualification type code, with a key that stays with the row.
    requirements: RwSignal<Vec<(usize, RwSignal<String>)>>,
    method: RwSignal<String>,
    weights: [RwSignal<String>; 4],
    budget_line: RwSignal<String>,
    bid_window: RwSignal<String>,
}

impl Inputs {
    /// Blank, or the terms of the draft being edited.
    fn new(terms: Option<&ProjectTerms>) -> Self {
        let text = |s: String| RwSignal::new(s);
        let (method, weights) = match terms.map(|t| t.method) {
            Some(SelectionMethod::BestValue(w)) => {
                ("best_value", [w.price(), w.time(), w.rating(), w.credit()])
            }
            Some(method) => (SelectionMethod::NAMES[method.index()].0, [40, 20, 20, 20]),
            None => ("random_draw", [40, 20, 20, 20]),
        };
        let requirements = terms
            .map(|t| {
                t.requirements
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| match r {
                        Requirement::Qualification(q) => Some((i, text(q.to_string()))),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            item: text(terms.map(|t| t.item.to_string()).unwrap_or_default()),
            title: text(terms.map(|t| t.title.to_string()).unwrap_or_default()),
            description: text(terms.map(|t| t.description.to_string()).unwrap_or_default()),
            budget_cap: text(terms.map(|t| t.budget_cap.to_string()).unwrap_or_default()),
            service_days: text(terms.map(|t| t.service_days.get().to_string()).unwrap_or_default()),
            requirements: RwSignal::new(requirements),
            method: text(method.to_owned()),
            weights: weights.map(|w| text(w.to_string())),
            budget_line: text(match terms.map(|t| &t.funding) {
                Some(Funding::Department { budget_line }) => budget_line.to_string(),
                _ => String::new(),
            }),
            bid_window: text(terms.map(|t| t.bid_window.get().to_string()).unwrap_or_else(|| "5".into())),
        }
    }

    /// The request, and the errors of what a `ProjectForm` cannot even hold (a day count that
    /// is not a number, best-value weights the domain refuses). Where such a field is wrong, the
    /// request carries a stand-in that is never sent: the extra errors block the submit.
    fn form(self, department: bool) -> (ProjectForm, FieldErrors) {
        let mut extra = FieldErrors::new();
        let mut days = |name: &str, text: String| whole_number::<u16>(&mut extra, name, &text).unwrap_or(1);
        let service_days = days("service_days", self.service_days.get_untracked());
        let bid_window = days("bid_window", self.bid_window.get_untracked());
        let method = match self.method.get_untracked().as_str() {
            "direct_choice" => SelectionMethod::DirectChoice,
            "lowest_price" => SelectionMethod::LowestPrice,
            "reasonable_price" => SelectionMethod::ReasonablePrice,
            "best_value" => {
                let mut parts = [0u32; 4];
                let mut numbers = true;
                for (part, weight) in parts.iter_mut().zip(self.weights) {
                    match whole_number(&mut extra, "method", &weight.get_untracked()) {
                        Some(value) => *part = value,
                        None => numbers = false,
                    }
                }
                let weights = numbers.then(|| BestValueWeights::new(parts[0], parts[1], parts[2], parts[3]));
                match weights {
                    Some(Ok(weights)) => SelectionMethod::BestValue(weights),
                    Some(Err(error)) => {
                        extra.add("method", &error);
                        SelectionMethod::RandomDraw
                    }
                    None => SelectionMethod::RandomDraw,
                }
            }
            _ => SelectionMethod::RandomDraw,
        };
        let form = ProjectForm {
            item: self.item.get_untracked(),
            title: self.title.get_untracked(),
            description: self.description.get_untracked(),
            budget_cap: self.budget_cap.get_untracked(),
            service_days,
            requirements: self
                .requirements
                .get_untracked()
                .into_iter()
                .map(|(_, value)| RequirementForm {
                    kind: "qualification".into(),
                    value: value.get_untracked(),
                })
                .collect(),
            method,
            budget_line: department.then(|| self.budget_line.get_untracked()),
            bid_window,
        };
        (form, extra)
    }
}

/// The need form. `draft` is the project being edited (`None` to post a new one);
/// `budget_lines` are the department's (`None` for an enterprise).
#[component]
pub fn NeedForm(
    catalogue: Catalogue,
    budget_lines: Option<Vec<String>>,
    #[prop(optional)] draft: Option<ProjectView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let editing: Option<ProjectId> = draft.as_ref().map(|d| d.project.id);
    let inputs = Inputs::new(draft.as_ref().map(|d| &d.project.terms));
    let department = budget_lines.is_some();
    let saved = RwSignal::new(None::<ProjectView>);
    let act = Act::new(
        Buyer::DraftSaved,
        move |form: ProjectForm| async move {
            match editing {
                Some(id) => api.edit_project(id, &form).await,
                None => api.create_project(&form).await,
            }
        },
        move |view| saved.set(Some(view)),
    );
    let form_check = FormCheck::new(act, move || {
        let (form, unread) = inputs.form(department);
        checked(form, unread, |f| f.parse().err())
    });
    let errors = form_check.errors;
    let check = move |name: &'static str| form_check.on_input(name);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = form_check.submit(&ev) else { return };
        act.run(form);
    };

    let items: Vec<_> = catalogue.items().iter().filter(|i| i.active).cloned().collect();
    let chosen = {
        let items = items.clone();
        Memo::new(move |_| inputs.item.with(|code| items.iter().find(|i| i.code.as_str() == code).cloned()))
    };
    let item_options = Signal::derive(move || {
        let mut options = vec![(String::new(), Buyer::ChooseItem.get(i18n.locale()).to_owned())];
        options.extend(
            items.iter().map(|i| (i.code.to_string(), format!("{} {}", i.code, i18n.localized(&i.name)))),
        );
        options
    });
    let item_terms = move || {
        chosen.get().map(|item| {
            let days = format::working_days(i18n, item.time_limit.get());
            let fee = i18n.localized(&item.fee_standard);
            view! { <p class="hint need-item-terms">{i18n.fill(Buyer::ItemTerms, &[("days", &days), ("fee", &fee)])}</p> }
        })
    };
    // A service time beyond the item's statutory limit is allowed, but said (it is then up to
    // the buyer to justify).
    let beyond_limit = move || {
        let item = chosen.get()?;
        let days: u16 = inputs.service_days.with(|d| d.trim().parse().ok())?;
        (days > item.time_limit.get()).then(|| {
            let limit = format::working_days(i18n, item.time_limit.get());
            view! { <p class="warning" role="status" data-testid="beyond-limit">{i18n.fill(Buyer::BeyondTimeLimit, &[("limit", &limit)])}</p> }
        })
    };
    let allowed = move || {
        chosen
            .get()
            .map(|item| item.allowed_qualifications.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    let next_key = StoredValue::new(inputs.requirements.with_untracked(Vec::len) + 1000);
    let add_requirement = move |_| {
        let first = allowed().and_then(|a| a.first().cloned()).unwrap_or_default();
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        inputs.requirements.update(|rows| rows.push((key, RwSignal::new(first))));
        check("requirements").run(());
    };
    let on_item = Callback::new(move |()| {
        // Another item allows other qualifications: the rows are started again.
        inputs.requirements.set(Vec::new());
        check("item").run(());
    });
    let requirement_rows = move || {
        let options: Vec<(String, String)> = allowed()
            .unwrap_or_default()
            .into_iter()
            .map(|q| (q.clone(), format::qualification(i18n, &q)))
            .collect();
        inputs
            .requirements
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, (key, value))| {
                let options = options.clone();
                view! {
                    <div class="need-requirement">
                        <SelectField
                            id=format!("need-requirement-{key}")
                            name=format!("requirements[{i}]")
                            label=Buyer::RequirementQualification
                            value
                            errors
                            options=Signal::derive(move || options.clone())
                            on_input=check("requirements")
                        />
                        <button
                            type="button"
                            class="secondary"
                            on:click=move |_| {
                                inputs.requirements.update(|rows| rows.retain(|(k, _)| *k != key));
                                check("requirements").run(());
                            }
                        >
                            {i18n.t(Buyer::RemoveRequirement)}
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let requirements_note = move || match allowed() {
        None => Some(Buyer::RequirementsPickItem),
        Some(a) if a.is_empty() => Some(Buyer::RequirementsNone),
        Some(_) => None,
    };
    let methods = move || {
        SelectionMethod::NAMES
            .iter()
            .zip(EXPLANATIONS)
            .map(|(&(code, name), explain)| {
                let id = format!("need-method-{code}");
                view! {
                    <div class="need-method">
                        <input
                            type="radio"
                            id=id.clone()
                            name="method"
                            value=code
                            prop:checked=move || inputs.method.get() == code
                            on:change=move |_| {
                                inputs.method.set(code.to_owned());
                                check("method").run(());
                            }
                        />
                        <label for=id>
                            <strong>{i18n.t(name)}</strong>
                            " — "
                            {i18n.t(explain)}
                        </label>
                    </div>
                }
            })
            .collect_view()
    };
    let weight_fields = move || {
        (inputs.method.get() == "best_value").then(|| {
            let labels = [Buyer::WeightPrice, Buyer::WeightTime, Buyer::WeightRating, Buyer::WeightCredit];
            view! {
                <fieldset class="need-weights">
                    <legend>{i18n.t(Buyer::Weights)}</legend>
                    {labels
                        .into_iter()
                        .zip(inputs.weights)
                        .enumerate()
                        .map(|(i, (label, value))| {
                            view! {
                                <Field
                                    id=format!("need-weight-{i}")
                                    name=format!("weight{i}")
                                    label
                                    value
                                    errors
                                    kind="number"
                                    required=true
                                    on_input=check("method")
                                />
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
        })
    };
    let budget_line_field = budget_lines.map(|lines| {
        let mut options = vec![(String::new(), String::new())];
        options.extend(lines.into_iter().map(|l| (l.clone(), l)));
        let options = Signal::derive(move || {
            let mut options = options.clone();
            options[0].1 = Buyer::ChooseBudgetLine.get(i18n.locale()).to_owned();
            options
        });
        view! {
            <SelectField
                id="need-budget-line"
                name="budget_line"
                label=Buyer::BudgetLine
                value=inputs.budget_line
                errors
                options
                required=true
                on_input=check("budget_line")
            />
        }
    });

    let form = view! {
        <form on:submit=submit novalidate data-testid="need-form" class="need-form">
            <SelectField
                id="need-item"
                name="item"
                label=Buyer::Item
                value=inputs.item
                errors
                options=item_options
                required=true
                on_input=on_item
            />
            {item_terms}
            <Field id="need-title" name="title" label=Buyer::Title value=inputs.title errors required=true on_input=check("title")/>
            <TextAreaField
                id="need-description"
                name="description"
                label=Buyer::Description
                value=inputs.description
                errors
                required=true
                on_input=check("description")
            />
            <Field
                id="need-budget-cap"
                name="budget_cap"
                label=Buyer::BudgetCap
                value=inputs.budget_cap
                errors
                required=true
                hint=amount_hint(inputs.budget_cap, move || Buyer::BudgetCapHint.get(i18n.locale()).to_owned())
                on_input=check("budget_cap")
            />
            <Field
                id="need-service-days"
                name="service_days"
                label=Buyer::ServiceDays
                value=inputs.service_days
                errors
                kind="number"
                required=true
                on_input=check("service_days")
            />
            {beyond_limit}
            <fieldset class="need-requirements">
                <legend>{i18n.t(Buyer::Requirements)}</legend>
                {move || requirements_note().map(|note| view! { <p class="hint">{i18n.t(note)}</p> })}
                {requirement_rows}
                {error_list(errors, "requirements", None)}
                <button
                    type="button"
                    class="secondary"
                    disabled=move || allowed().is_none_or(|a| a.is_empty())
                    on:click=add_requirement
                >
                    {i18n.t(Buyer::AddRequirement)}
                </button>
            </fieldset>
            <fieldset class="need-methods" aria-describedby="need-method-errors">
                <legend>{i18n.t(Buyer::Method)} <span class="required">{i18n.t(Common::RequiredMark)}</span></legend>
                {methods}
                {weight_fields}
                <div id="need-method-errors">{error_list(errors, "method", None)}</div>
            </fieldset>
            {budget_line_field}
            <Field
                id="need-bid-window"
                name="bid_window"
                label=Buyer::BidWindow
                value=inputs.bid_window
                errors
                kind="number"
                required=true
                hint=Signal::derive(move || Buyer::BidWindowHint.get(i18n.locale()).to_owned())
                on_input=check("bid_window")
            />
            {form_check.banner()}
            <button type="submit" class="primary" data-testid="need-submit" disabled=move || act.pending()>
                {i18n.t(Buyer::SaveDraft)}
            </button>
            <ActStatus act/>
        </form>
    };
    view! {
        <div hidden=move || saved.with(Option::is_some)>{form}</div>
        {move || saved.get().map(|view| view! { <SavedDraft view/> })}
    }
}

/// What follows a saved draft: publish it now, or open its page.
#[component]
fn SavedDraft(view: ProjectView) -> impl IntoView {
    let i18n = use_i18n();
    let id = view.project.id;
    let code = view.project.code.to_string();
    let state = RwSignal::new(view.project.state);
    let bid_window = view.project.terms.bid_window;
    view! {
        <div class="need-saved" data-testid="need-saved">
            <p>{move || i18n.fill(Buyer::DraftReady, &[("code", &code)])}</p>
            <p>{i18n.t(Buyer::StateNow)} {move || format::state(state.get()).get(i18n.locale())}</p>
            <Publish id bid_window on_done=Callback::new(move |v: ProjectView| state.set(v.project.state))/>
            <p>
                <A href=format!("/projects/{id}")>{i18n.t(Buyer::ViewNeed)}</A>
                " · "
                <A href=format!("/buyer/needs/{id}/edit")>{i18n.t(Buyer::EditDraft)}</A>
            </p>
        </div>
    }
}
