//! A provider's quotes, newest first, and the contracts among them: each listed quote's need is
//! read once (its title, state and contract), so a page of 20 quotes makes at most 20 more
//! requests; a need whose contract is this provider's also appears under "my contracts".

use crate::api::use_api;
use crate::components::quotes::quote_status;
use crate::i18n::text::{Common, Provider as Text};
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::ui::{format, Cursors, DataTable, Loaded, Pager, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{Page, QuoteRecord};
use market_domain::ids::ProjectId;
use market_domain::project::{Contract, ProjectState, Role};

/// A contract of this provider found among the listed quotes' needs.
#[derive(Clone, PartialEq)]
struct ContractRow {
    project: ProjectId,
    title: String,
    state: ProjectState,
    contract: Contract,
}

#[component]
pub fn MyQuotes() -> impl IntoView {
    view! {
        <RolePage roles=&[Role::Provider] heading=Common::NavMyQuotes intro=Text::QuotesIntro>
            <QuotesAndContracts/>
        </RolePage>
    }
}

#[component]
fn QuotesAndContracts() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let contracts = RwSignal::new(Vec::<ContractRow>::new());
    let quotes = LocalResource::new(move || {
        let cursor = cursors.current();
        contracts.set(Vec::new());
        async move { api.my_quotes(cursor).await }
    });
    let table = move |page: Page<QuoteRecord>| {
        if page.items.is_empty() {
            return view! { <p>{i18n.t(Text::NoQuotes)}</p> }.into_any();
        }
        view! {
            <DataTable
                label=Common::NavMyQuotes
                class="provider-quotes"
                testid="my-quotes"
                columns=vec![
                    Text::ColumnProject.into(),
                    Text::ColumnPrice.into(),
                    Text::ColumnDays.into(),
                    Text::ColumnStatus.into(),
                    Text::ColumnOutcome.into(),
                    Text::ColumnState.into(),
                    Text::ColumnSubmitted.into(),
                ]
            >
                {page.items.into_iter().map(|record| view! { <QuoteRow record contracts/> }).collect_view()}
            </DataTable>
            <Pager cursors next=page.next/>
        }
        .into_any()
    };
    view! {
        <Loaded resource=quotes view=table/>
        <h2>{i18n.t(Text::ContractsHeading)}</h2>
        <p class="hint">{i18n.t(Text::ContractsIntro)}</p>
        <Contracts rows=contracts/>
    }
}

#[component]
fn QuoteRow(record: QuoteRecord, contracts: RwSignal<Vec<ContractRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let me = use_session().account().and_then(|a| a.organisation);
    let id = record.project;
    let project = LocalResource::new(move || api.project(id));
    let quote = record.quote;
    // A contract of this provider on this quote goes to the contracts list.
    Effect::new(move |_| {
        if let Some(Ok(view)) = project.get() {
            let p = view.project;
            if let Some(contract) = p.contract.filter(|c| Some(c.provider) == me && c.quote == quote.id) {
                let row =
                    ContractRow { project: id, title: p.terms.title.to_string(), state: p.state, contract };
                contracts.update(|rows| {
                    if !rows.iter().any(|r| r.project == id) {
                        rows.push(row);
                    }
                });
            }
        }
    });
    let loaded = move || project.get().and_then(Result::ok);
    let title = move || loaded().map(|v| v.project.terms.title.to_string()).unwrap_or_else(|| id.to_string());
    let state =
        move || loaded().map(|v| i18n.t(format::state(v.project.state))().to_owned()).unwrap_or_default();
    let outcome = move || {
        let outcome = loaded().and_then(|v| v.project.outcome_of(quote.id))?;
        Some(view! {
            <span class=format!("outcome outcome-{outcome:?}").to_lowercase()>{i18n.t(outcome.term())}</span>
        })
    };
    let status = quote.status.clone();
    view! {
        <tr data-testid="quote-row" data-project=id.to_string()>
            <td><A href=format!("/projects/{id}")>{title}</A></td>
            <td class="number">{quote.price.to_string()}</td>
            <td>{move || format::working_days(i18n, quote.promised_days.get())}</td>
            <td data-testid="quote-status">{move || quote_status(i18n, &status)}</td>
            <td data-testid="quote-outcome">{outcome}</td>
            <td>{state}</td>
            <td>{format::instant(quote.submitted_at)}</td>
        </tr>
    }
}

#[component]
fn Contracts(rows: RwSignal<Vec<ContractRow>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let rows = rows.get();
        if rows.is_empty() {
            return view! { <p>{i18n.t(Text::NoContracts)}</p> }.into_any();
        }
        view! {
            <DataTable
                label=Text::ContractsHeading
                class="provider-contracts"
                testid="my-contracts"
                columns=vec![
                    Text::ColumnProject.into(),
                    Text::ColumnPrice.into(),
                    Text::ColumnContract.into(),
                    Text::ColumnState.into(),
                    Text::ColumnDeadline.into(),
                ]
            >
                {rows
                            .into_iter()
                            .map(|row| {
                                let signed = row.contract.signed_at.map(format::instant);
                                let deadline = row.contract.deadline.map(format::instant).unwrap_or_default();
                                view! {
                                    <tr>
                                        <td><A href=format!("/projects/{}", row.project)>{row.title}</A></td>
                                        <td class="number">{row.contract.price.to_string()}</td>
                                        <td>
                                            {move || match &signed {
                                                Some(at) => i18n.fill(Text::ContractSignedAt, &[("at", at)]),
                                                None => i18n.fill(Text::ContractUnsigned, &[]),
                                            }}
                                        </td>
                                        <td>{i18n.t(format::state(row.state))}</td>
                                        <td>{deadline}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
            </DataTable>
        }
        .into_any()
    }
}
