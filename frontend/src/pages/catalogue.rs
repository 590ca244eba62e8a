//! The home page for now: the public service catalogue, each item with its published terms.

use crate::api::{self, ApiError};
use crate::i18n::{use_i18n, working_days, I18n, Text};
use leptos::prelude::*;
use market_domain::{FeeBasis, ServiceItem};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = LocalResource::new(api::catalogue);
    view! {
        <section class="panel">
            <h1>{i18n.t(Text::CatalogueHeading)}</h1>
            <p class="intro">{i18n.t(Text::CatalogueIntro)}</p>
            {move || match catalogue.get() {
                None => view! { <p class="progress" role="status" aria-live="polite">{i18n.t(Text::Loading)}</p> }
                    .into_any(),
                Some(Err(error)) => view! {
                    <div class="error" role="alert">
                        <p>{i18n.t(Text::LoadFailed)}{describe(&error)}</p>
                        <button type="button" on:click=move |_| catalogue.refetch()>{i18n.t(Text::Retry)}</button>
                    </div>
                }
                    .into_any(),
                Some(Ok(catalogue)) => {
                    let items = catalogue.items().to_vec();
                    view! { <CatalogueTable items/> }.into_any()
                }
            }}
        </section>
    }
}

fn describe(error: &ApiError) -> String {
    match error {
        ApiError::Network(message) => message.clone(),
        ApiError::Status(status, message) => format!("HTTP {status} {message}"),
    }
}

#[component]
fn CatalogueTable(items: Vec<ServiceItem>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t(Text::CatalogueHeading)>
            <table class="catalogue" data-testid="catalogue">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(Text::ColumnCode)}</th>
                        <th scope="col">{i18n.t(Text::ColumnName)}</th>
                        <th scope="col">{i18n.t(Text::ColumnLegalBasis)}</th>
                        <th scope="col">{i18n.t(Text::ColumnTimeLimit)}</th>
                        <th scope="col">{i18n.t(Text::ColumnFee)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|item| view! { <CatalogueRow item i18n/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CatalogueRow(item: ServiceItem, i18n: I18n) -> impl IntoView {
    let ServiceItem { code, name, legal_basis, time_limit, fee_basis, fee_standard, .. } = item;
    let fee_label = match fee_basis {
        FeeBasis::GovernmentSet => Text::FeeGovernmentSet,
        FeeBasis::GovernmentGuided => Text::FeeGovernmentGuided,
        FeeBasis::Market => Text::FeeMarket,
    };
    view! {
        <tr>
            <td class="code">{code.to_string()}</td>
            <th scope="row" class="item-name">{move || name.get(i18n.locale()).to_owned()}</th>
            <td>{move || legal_basis.get(i18n.locale()).to_owned()}</td>
            <td class="days">{move || working_days(i18n.locale(), time_limit.get())}</td>
            <td>
                <span class="fee-basis">{i18n.t(fee_label)}</span>
                " "
                <span class="fee-standard">{move || fee_standard.get(i18n.locale()).to_owned()}</span>
            </td>
        </tr>
    }
}
