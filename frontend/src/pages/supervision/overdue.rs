//! Contracts past their deadline, longest overdue first: the need, the provider, the deadline
//! and how many working days late it is by now.

use crate::api::use_api;
use crate::components::links::{ProjectLink, ProviderLink};
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::use_i18n;
use crate::ui::format::{instant, working_days};
use crate::ui::now;
use crate::ui::{Cursors, DataTable, Loaded, Pager, RequireRole};
use leptos::prelude::*;
use market_domain::api::ContractRecord;
use market_domain::project::Role;
use market_domain::WorkingCalendar;

#[component]
pub fn Overdue() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <OverdueList/>
        </RequireRole>
    }
}

#[component]
fn OverdueList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let list = LocalResource::new(move || api.overdue(cursors.current()));
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavOverdue)}</h1>
            <p class="intro">{i18n.t(Text::OverdueIntro)}</p>
            <Loaded
                resource=list
                view=move |page| {
                    let empty = page.items.is_empty();
                    view! {
                        {empty.then(|| view! { <p class="sv-empty">{i18n.t(Common::EmptyList)}</p> })}
                        <DataTable
                            label=Common::NavOverdue
                            class="sv-table"
                            testid="overdue-list"
                            columns=vec![
                                Text::Project.into(),
                                Role::Provider.term().into(),
                                Text::Deadline.into(),
                                Text::DaysOverdue.into(),
                            ]
                        >
                            {page.items.into_iter().map(|record| view! { <OverdueRow record/> }).collect_view()}
                        </DataTable>
                        <Pager cursors next=page.next/>
                    }
                }
            />
        </section>
    }
}

#[component]
fn OverdueRow(record: ContractRecord) -> impl IntoView {
    let i18n = use_i18n();
    let ContractRecord { project, contract, .. } = record;
    let deadline = contract.deadline;
    // Counted as a late delivery is (working days after the deadline, at least one).
    let late =
        deadline.and_then(|d| WorkingCalendar::prc().working_days_between(d, now()).ok()).map(|n| n.max(1));
    view! {
        <tr data-testid="overdue-contract">
            <th scope="row"><ProjectLink id=project/></th>
            <td><ProviderLink id=contract.provider name=contract.provider_name.clone()/></td>
            <td>{deadline.map(instant)}</td>
            <td>{move || late.map(|n| working_days(i18n, u16::try_from(n).unwrap_or(u16::MAX)))}</td>
        </tr>
    }
}
