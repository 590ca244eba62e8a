//! The public provider directory (`/providers`), filtered by service item and paged, and each
//! provider's profile with its explained credit record (`profile`).

mod profile;

pub use profile::Profile;

use crate::api::use_api;
use crate::i18n::text::Providers as Text;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{format, Cursors, DataTable, FormErrors, Loaded, Pager, SelectField};
use leptos::prelude::*;
use market_domain::api::{Page, ProviderSummary};
use market_domain::{Catalogue, ServiceItemCode};

/// The catalogue's name of an item in the current language (tracked); the code if it is unknown.
pub fn item_name(i18n: I18n, catalogue: &Catalogue, code: &ServiceItemCode) -> String {
    catalogue
        .items()
        .iter()
        .find(|item| &item.code == code)
        .map(|item| i18n.localized(&item.name))
        .unwrap_or_else(|| code.to_string())
}

#[component]
pub fn Directory() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let catalogue = LocalResource::new(move || api.catalogue());
    let item = RwSignal::new(String::new());
    let cursors = Cursors::new();
    let providers = LocalResource::new(move || {
        let (item, cursor) = (item.get(), cursors.current());
        async move {
            let catalogue = catalogue.await?;
            Ok((api.providers(Some(item), cursor).await?, catalogue))
        }
    });
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), i18n.t(Text::AllItems)().to_owned())];
        if let Some(Ok(catalogue)) = catalogue.get() {
            options
                .extend(catalogue.items().iter().map(|it| (it.code.to_string(), i18n.localized(&it.name))));
        }
        options
    });
    view! {
        <section class="panel directory">
            <h1>{i18n.t(Text::Heading)}</h1>
            <p class="intro">{i18n.t(Text::Intro)}</p>
            <SelectField
                id="directory-item"
                name="item"
                label=Text::FilterItem
                value=item
                errors=FormErrors::new()
                options
                on_input=Callback::new(move |()| cursors.reset())
            />
            <Loaded
                resource=providers
                view=move |(page, catalogue): (Page<ProviderSummary>, Catalogue)| {
                    view! { <DirectoryTable items=page.items catalogue/> <Pager cursors next=page.next/> }
                }
            />
        </section>
    }
}

#[component]
fn DirectoryTable(items: Vec<ProviderSummary>, catalogue: Catalogue) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty" data-testid="directory-empty">{i18n.t(Text::NoneFound)}</p> }
            .into_any();
    }
    let rows = items
        .into_iter()
        .map(|provider| {
            let catalogue = catalogue.clone();
            let ProviderSummary { id, name, served_items, credit_score, rating: stars, blacklisted_until } = provider;
            let items = move || {
                served_items.iter().map(|s| item_name(i18n, &catalogue, &s.item)).collect::<Vec<_>>().join("、")
            };
            let standing = move || match blacklisted_until {
                Some(until) => view! {
                    <span class="blacklisted">{i18n.fill(Text::BlacklistedUntil, &[("date", &format::date(until))])}</span>
                }
                .into_any(),
                None => view! { <span class="good-standing">{i18n.t(Text::InGoodStanding)}</span> }.into_any(),
            };
            view! {
                <tr data-testid="directory-row">
                    <th scope="row"><a href=format!("/providers/{id}")>{name.to_string()}</a></th>
                    <td class="score">{credit_score}</td>
                    <td class="rating">{match stars {
                        Some(x) => format::rating(x).into_any(),
                        None => view! { <span class="muted">{i18n.t(Text::Unrated)}</span> }.into_any(),
                    }}</td>
                    <td class="items">{items}</td>
                    <td>{standing}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            label=Text::Heading
            class="directory-table"
            testid="directory"
            columns=vec![
                Text::ColumnName.into(),
                Text::ColumnScore.into(),
                Text::ColumnRating.into(),
                Text::ColumnItems.into(),
                Text::ColumnStanding.into(),
            ]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}
