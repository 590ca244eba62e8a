//! Editing the service catalogue (事项清单): the items as a list; one item (or a new one) edited
//! in a form that builds the item with the catalogue's own constructors as it is typed, and saved
//! whole (`PUT`). What the server refuses is shown: by field, or its message.

use crate::api::use_api;
use crate::i18n::text::{Catalogue as CatalogueText, Common, Supervision as Text};
use crate::i18n::{use_i18n, Translate};
use crate::ui::format::working_days;
use crate::ui::whole_number;
use crate::ui::{Act, ActStatus, DataTable, Field, FormCheck, Loaded, RequireRole, SelectField};
use leptos::prelude::*;
use market_domain::api::FieldErrors;
use market_domain::project::Role;
use market_domain::{FeeBasis, Locale, LocalizedText, ServiceItem, ServiceItemCode, WorkingDays};

#[component]
pub fn CatalogueEditing() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <CataloguePage/>
        </RequireRole>
    }
}

/// What is being edited: nothing, a new item (`Some(None)`), or an item.
type Editing = RwSignal<Option<Option<ServiceItem>>>;

#[component]
fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let catalogue = LocalResource::new(move || api.catalogue());
    let editing: Editing = RwSignal::new(None);
    let saved = Callback::new(move |()| catalogue.refetch());
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavCatalogueEditing)}</h1>
            <p class="intro">{i18n.t(Text::CatalogueIntro)}</p>
            <button type="button" class="primary" data-testid="add-item" on:click=move |_| editing.set(Some(None))>
                {i18n.t(Text::AddItem)}
            </button>
            <Loaded
                resource=catalogue
                view=move |catalogue| {
                    view! {
                        <DataTable
                            label=CatalogueText::Heading
                            class="sv-table"
                            testid="catalogue-list"
                            columns=vec![
                                CatalogueText::ColumnCode.into(),
                                CatalogueText::ColumnName.into(),
                                CatalogueText::ColumnTimeLimit.into(),
                                Text::Active.into(),
                                Text::Action.into(),
                            ]
                        >
                            {catalogue.items().iter().cloned().map(|item| view! { <ItemRow item editing/> }).collect_view()}
                        </DataTable>
                    }
                }
            />
        </section>
        {move || editing.get().map(|base| view! { <ItemForm base editing saved/> })}
    }
}

#[component]
fn ItemRow(item: ServiceItem, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let code = item.code.to_string();
    let name = item.name.clone();
    let days = item.time_limit.get();
    let active = if item.active { Text::Yes } else { Text::No };
    view! {
        <tr data-testid="catalogue-item">
            <td class="code">{code}</td>
            <th scope="row">{move || i18n.localized(&name)}</th>
            <td class="days">{move || working_days(i18n, days)}</td>
            <td>{i18n.t(active)}</td>
            <td>
                <button type="button" class="secondary" on:click=move |_| editing.set(Some(Some(item.clone())))>
                    {i18n.t(Text::Edit)}
                </button>
            </td>
        </tr>
    }
}

/// The form's texts, one signal each.
#[derive(Clone, Copy)]
struct Draft {
    code: RwSignal<String>,
    name: (RwSignal<String>, RwSignal<String>),
    legal_basis: (RwSignal<String>, RwSignal<String>),
    conditions: (RwSignal<String>, RwSignal<String>),
    fee_standard: (RwSignal<String>, RwSignal<String>),
    time_limit: RwSignal<String>,
    fee_basis: RwSignal<String>,
    active: RwSignal<bool>,
}

fn pair(text: Option<&LocalizedText>) -> (RwSignal<String>, RwSignal<String>) {
    let get = |locale| text.map(|t| t.get(locale).to_owned()).unwrap_or_default();
    (RwSignal::new(get(Locale::Zh)), RwSignal::new(get(Locale::En)))
}

const FEE_BASES: [(FeeBasis, &str, CatalogueText); 3] = [
    (FeeBasis::GovernmentSet, "government_set", CatalogueText::FeeGovernmentSet),
    (FeeBasis::GovernmentGuided, "government_guided", CatalogueText::FeeGovernmentGuided),
    (FeeBasis::Market, "market", CatalogueText::FeeMarket),
];

impl Draft {
    fn of(base: Option<&ServiceItem>) -> Self {
        let basis = base.map_or(FeeBasis::Market, |b| b.fee_basis);
        let basis = FEE_BASES.iter().find(|(b, ..)| *b == basis).map_or("market", |(_, code, _)| code);
        Self {
            code: RwSignal::new(base.map(|b| b.code.to_string()).unwrap_or_default()),
            name: pair(base.map(|b| &b.name)),
            legal_basis: pair(base.map(|b| &b.legal_basis)),
            conditions: pair(base.map(|b| &b.conditions)),
            fee_standard: pair(base.map(|b| &b.fee_standard)),
            time_limit: RwSignal::new(base.map(|b| b.time_limit.get().to_string()).unwrap_or_default()),
            fee_basis: RwSignal::new(basis.to_owned()),
            active: RwSignal::new(base.is_none_or(|b| b.active)),
        }
    }

    /// The item as typed, built with the catalogue's own constructors; what `base` holds that
    /// the form does not show (workflow, fee cap, allowed qualifications) is kept.
    fn item(self, base: Option<&ServiceItem>) -> Result<ServiceItem, FieldErrors> {
        let mut errors = FieldErrors::new();
        let code = errors.field("code", ServiceItemCode::parse(self.code.get_untracked().trim()));
        let mut text = |name: &str, (zh, en): (RwSignal<String>, RwSignal<String>)| {
            LocalizedText::new(zh.get_untracked(), en.get_untracked())
                .map_err(|missing| {
                    let language = if missing.0 == Locale::Zh { "zh" } else { "en" };
                    errors.add(&format!("{name}.{language}"), &missing)
                })
                .ok()
        };
        let name = text("name", self.name);
        let legal_basis = text("legal_basis", self.legal_basis);
        let conditions = text("conditions", self.conditions);
        let fee_standard = text("fee_standard", self.fee_standard);
        let days = whole_number::<u16>(&mut errors, "time_limit", &self.time_limit.get_untracked());
        let time_limit = days.and_then(|d| errors.field("time_limit", WorkingDays::new(d)));
        let basis = self.fee_basis.get_untracked();
        let fee_basis =
            FEE_BASES.iter().find(|(_, code, _)| *code == basis).map_or(FeeBasis::Market, |(b, ..)| *b);
        errors.finish(|| {
            Some(ServiceItem {
                code: code?,
                name: name?,
                legal_basis: legal_basis?,
                time_limit: time_limit?,
                workflow: base.map(|b| b.workflow.clone()).unwrap_or_default(),
                conditions: conditions?,
                fee_basis,
                fee_standard: fee_standard?,
                fee_cap: base.and_then(|b| b.fee_cap),
                allowed_qualifications: base.map(|b| b.allowed_qualifications.clone()).unwrap_or_default(),
                active: self.active.get_untracked(),
            })
        })
    }
}

#[component]
fn ItemForm(base: Option<ServiceItem>, editing: Editing, saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let draft = Draft::of(base.as_ref());
    let is_new = base.is_none();
    let base = StoredValue::new(base);
    let act = Act::new(
        Text::ItemSaved,
        move |item: ServiceItem| async move { api.save_catalogue_item(&item).await },
        move |item| {
            base.set_value(Some(item));
            saved.run(());
        },
    );
    let check = FormCheck::new(act, move || base.with_value(|b| draft.item(b.as_ref())));
    let errors = check.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        let Some(item) = check.submit(&ev) else { return };
        act.run(item);
    };
    let options = Signal::derive(move || {
        let locale = i18n.locale();
        FEE_BASES.iter().map(|(_, code, label)| ((*code).to_owned(), label.get(locale).to_owned())).collect()
    });
    let heading = if is_new { Text::NewItem } else { Text::EditItem };
    // The form opens below the list: bring it, and the keyboard, there.
    let heading_ref = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading_ref.get() {
            let _ = h.focus();
        }
    });
    let texts = [
        ("name", Text::NameZh, Text::NameEn, draft.name),
        ("legal_basis", Text::LegalBasisZh, Text::LegalBasisEn, draft.legal_basis),
        ("conditions", Text::ConditionsZh, Text::ConditionsEn, draft.conditions),
        ("fee_standard", Text::FeeStandardZh, Text::FeeStandardEn, draft.fee_standard),
    ];
    view! {
        <section class="panel">
            <form class="sv-catalogue-form" on:submit=send novalidate data-testid="catalogue-form">
                <h2 node_ref=heading_ref tabindex="-1">{i18n.t(heading)} " " {move || draft.code.get()}</h2>
                {is_new.then(|| view! {
                    <Field id="item-code" name="code" label=Text::ItemCode value=draft.code errors required=true on_input=check.on_input("code")/>
                })}
                {texts
                    .into_iter()
                    .map(|(name, zh_label, en_label, (zh, en))| {
                        view! {
                            <fieldset class="sv-bilingual">
                                <Field id=format!("item-{name}-zh") name=format!("{name}.zh") label=zh_label value=zh errors required=true on_input=check.on_input(name)/>
                                <Field id=format!("item-{name}-en") name=format!("{name}.en") label=en_label value=en errors required=true on_input=check.on_input(name)/>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <Field
                    id="item-time-limit"
                    name="time_limit"
                    label=Text::TimeLimit
                    value=draft.time_limit
                    errors
                    kind="number"
                    required=true
                    on_input=check.on_input("time_limit")
                />
                <SelectField id="item-fee-basis" name="fee_basis" label=Text::FeeBasis value=draft.fee_basis errors options/>
                <div class="field sv-checkbox">
                    <input
                        type="checkbox"
                        id="item-active"
                        prop:checked=move || draft.active.get()
                        on:change=move |ev| draft.active.set(event_target_checked(&ev))
                    />
                    <label for="item-active">{i18n.t(Text::ActiveLabel)}</label>
                </div>
                <div class="sv-actions">
                    {check.banner()}
                    <button type="submit" class="primary" disabled=move || act.pending()>{i18n.t(Text::SaveItem)}</button>
                    <button type="button" class="secondary" on:click=move |_| editing.set(None)>{i18n.t(Text::Close)}</button>
                </div>
                <ActStatus act/>
            </form>
        </section>
    }
}
