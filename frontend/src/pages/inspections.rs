//! Random inspections (双随机、一公开): the public list (`/inspections`) and each draw
//! (`/inspections/{id}`) with its full record and a button that recomputes the draw in the
//! browser with the domain's own `verify_inspection` and says whether it matches.
//! Provider ids are shown with their names from the directory's first page (one request).

use crate::api::{use_api, Api, ApiError};
use crate::i18n::text::Inspections as Text;
use crate::i18n::use_i18n;
use crate::ui::{format, Cursors, DataTable, Loaded, Pager};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use market_domain::api::{Inspection, Message, Page};
use market_domain::ids::OrganisationId;
use market_domain::inspection::verify_inspection;
use std::collections::BTreeMap;
use uuid::Uuid;

type Names = BTreeMap<OrganisationId, String>;

/// Provider names from the directory, a bounded number (one page of 100): ids it does not name
/// are shown as ids.
async fn provider_names(api: Api) -> Names {
    let mut names = Names::new();
    let mut cursor = None;
    // At most five pages: the directory is paged by 20.
    for _ in 0..5 {
        let Ok(page) = api.providers(None, cursor).await else { break };
        names.extend(page.items.into_iter().map(|p| (p.id, p.name.to_string())));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    names
}

fn provider_link(names: &Names, id: OrganisationId) -> impl IntoView {
    let text = names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    view! { <a href=format!("/providers/{id}")>{text}</a> }
}

#[component]
pub fn Inspections() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let list = LocalResource::new(move || {
        let cursor = cursors.current();
        async move {
            let page = api.inspections(cursor).await?;
            Ok((page, provider_names(api).await))
        }
    });
    view! {
        <section class="panel inspections">
            <h1>{i18n.t(Text::Heading)}</h1>
            <p class="intro">{i18n.t(Text::Intro)}</p>
            <Loaded resource=list view=move |(page, names): (Page<Inspection>, Names)| {
                let next = page.next.clone();
                view! { <InspectionTable items=page.items names/> <Pager cursors next/> }
            }/>
        </section>
    }
}

#[component]
fn InspectionTable(items: Vec<Inspection>, names: Names) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty">{i18n.t(Text::NoneYet)}</p> }.into_any();
    }
    let rows = items
        .into_iter()
        .map(|inspection| {
            let drawn = inspection
                .record
                .draw
                .providers
                .iter()
                .map(|id| view! { <li>{provider_link(&names, *id)}</li> })
                .collect_view();
            view! {
                <tr data-testid="inspection-row">
                    <th scope="row"><a href=format!("/inspections/{}", inspection.id)>{inspection.record.label.clone()}</a></th>
                    <td>{format::instant(inspection.drawn_at)}</td>
                    <td><ul class="plain">{drawn}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            label=Text::Heading
            testid="inspections"
            columns=vec![Text::ColumnLabel.into(), Text::ColumnDrawnAt.into(), Text::ColumnDrawn.into()]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

#[component]
pub fn InspectionPage() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<Uuid>().ok()));
    let inspection = LocalResource::new(move || {
        let id = id();
        async move {
            let Some(id) = id else {
                return Err(ApiError::NoSuchAddress);
            };
            let inspection = api.inspection(id).await?;
            Ok((inspection, provider_names(api).await))
        }
    });
    view! {
        <Loaded resource=inspection view=|(inspection, names): (Inspection, Names)| view! { <InspectionRecordView inspection names/> }/>
    }
}

#[component]
fn InspectionRecordView(inspection: Inspection, names: Names) -> impl IntoView {
    let i18n = use_i18n();
    let record = inspection.record;
    let providers = |ids: &[OrganisationId]| {
        ids.iter().map(|id| view! { <li>{provider_link(&names, *id)}</li> }).collect_view()
    };
    let ids =
        |ids: Vec<String>| ids.into_iter().map(|id| view! { <li class="code">{id}</li> }).collect_view();
    let (wanted, listed_count) = (record.provider_count.to_string(), record.providers.len().to_string());
    let count = move || i18n.fill(Text::DrawnCount, &[("count", &wanted), ("listed", &listed_count)]);
    let (listed, drawn) = (providers(&record.providers), providers(&record.draw.providers));
    let inspectors = ids(record.inspectors.iter().map(ToString::to_string).collect());
    let drawn_inspectors = ids(record.draw.inspectors.iter().map(ToString::to_string).collect());
    // The outcome of the check: `None` before it is run.
    let outcome = RwSignal::new(None::<Result<(), Message>>);
    let verify = {
        let record = record.clone();
        move |_| outcome.set(Some(verify_inspection(&record).map(|_| ()).map_err(|e| Message::from(&e))))
    };
    view! {
        <section class="panel inspection" data-testid="inspection">
            <h1>{record.label.clone()}</h1>
            <p>{format::instant(inspection.drawn_at)} " · " {count}</p>
            <h2>{i18n.t(Text::DrawnProviders)}</h2>
            <ol data-testid="drawn-providers">{drawn}</ol>
            <h2>{i18n.t(Text::DrawnInspectors)}</h2>
            <ol>{drawn_inspectors}</ol>
            <div class="verify">
                <p>{i18n.t(Text::VerifyHint)}</p>
                <button type="button" class="primary" data-testid="verify" on:click=verify>{i18n.t(Text::Verify)}</button>
                <div aria-live="polite">
                    {move || match outcome.get() {
                        None => ().into_any(),
                        Some(Ok(())) => view! {
                            <p class="success" role="status" data-testid="verify-result" data-verified="true">{i18n.t(Text::Verified)}</p>
                        }
                        .into_any(),
                        Some(Err(reason)) => view! {
                            <p class="error" role="alert" data-testid="verify-result" data-verified="false">
                                {move || i18n.fill(Text::NotVerified, &[("reason", &i18n.message(&reason))])}
                            </p>
                        }
                        .into_any(),
                    }}
                </div>
            </div>
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Record)}</h2>
            <dl class="record">
                <dt>{i18n.t(Text::Commitment)}</dt><dd class="code">{record.commitment.to_string()}</dd>
                <dt>{i18n.t(Text::Secret)}</dt><dd class="code">{String::from(record.secret.clone())}</dd>
                <dt>{i18n.t(Text::Seed)}</dt><dd class="code">{record.draw.seed.to_string()}</dd>
            </dl>
            <h3>{i18n.t(Text::ListedProviders)}</h3>
            <ol>{listed}</ol>
            <h3>{i18n.t(Text::ListedInspectors)}</h3>
            <ol>{inspectors}</ol>
        </section>
    }
}
