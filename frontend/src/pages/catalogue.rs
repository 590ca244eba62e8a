//! The public service catalogue, each item with its published terms.

use crate::api::use_api;
use crate::i18n::text::Catalogue as Text;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{format, DataTable, Loaded};
use leptos::prelude::*;
use market_domain::{FeeBasis, ServiceItem};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let catalogue = LocalResource::new(move || api.catalogue());
    view! {
        <section class="panel">
            <h1>{i18n.t(Text::Heading)}</h1>
            <p class="intro">{i18n.t(Text::Intro)}</p>
            <Loaded resource=catalogue view=|catalogue| view! { <CatalogueTable items=catalogue.items().to_vec()/> }/>
        </section>
    }
}

#[component]
fn CatalogueTable(items: Vec<ServiceItem>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable
            label=Text::Heading
            class="catalogue"
            testid="catalogue"
            columns=vec![
                Text::ColumnCode.into(),
                Text::ColumnName.into(),
                Text::ColumnLegalBasis.into(),
                Text::ColumnTimeLimit.into(),
                Text::ColumnFee.into(),
            ]
        >
            {items.into_iter().map(|item| view! { <CatalogueRow item i18n/> }).collect_view()}
        </DataTable>
    }
}

#[component]
fn CatalogueRow(item: ServiceItem, i18n: I18n) -> impl IntoView {
    let ServiceItem { code, name, legal_basis, time_limit, fee_basis, fee_standard, active, .. } = item;
    let fee_label = match fee_basis {
        FeeBasis::GovernmentSet => Text::FeeGovernmentSet,
        FeeBasis::GovernmentGuided => Text::FeeGovernmentGuided,
        FeeBasis::Market => Text::FeeMarket,
    };
    view! {
        <tr>
            <td class="code">{code.to_string()}</td>
            <th scope="row" class="item-name">
                {move || name.get(i18n.locale()).to_owned()}
                {(!active).then(|| view! { " " <span class="withdrawn">{i18n.t(Text::Withdrawn)}</span> })}
            </th>
            <td>{move || legal_basis.get(i18n.locale()).to_owned()}</td>
            <td class="days">{move || format::working_days(i18n, time_limit.get())}</td>
            <td>
                <span class="fee-basis">{i18n.t(fee_label)}</span>
                " "
                <span class="fee-standard">{move || fee_standard.get(i18n.locale()).to_owned()}</span>
            </td>
        </tr>
    }
}
