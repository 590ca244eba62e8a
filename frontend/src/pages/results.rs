//! Results and contracts: the needs with a selection made or later (selected, contracted, in
//! service, delivered, accepted, rated), each state's own listing with its own paging — all of
//! them, or the one state picked (kept in the URL) — with the winning price, linking to the need.

use crate::api::use_api;
use crate::components::links::ProviderLink;
use crate::i18n::text::{Common, Results as Text};
use crate::i18n::{use_i18n, Translate};
use crate::ui::{format, Cursors, DataTable, FormErrors, Loaded, Pager, SelectField};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use market_domain::api::ProjectListing;
use market_domain::project::{ProjectState, ProjectSummary};

/// The states a result may be in, in the order of a project's life.
const RESULT_STATES: [ProjectState; 6] = [
    ProjectState::Selected,
    ProjectState::Contracted,
    ProjectState::InService,
    ProjectState::Delivered,
    ProjectState::Accepted,
    ProjectState::Rated,
];

#[component]
pub fn Results() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let picked = Memo::new(move |_| query.with(|q| q.get("state").unwrap_or_default()));
    let choice = RwSignal::new(picked.get_untracked());
    Effect::new(move |_| choice.set(picked.get()));
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), Text::AllStates.get(i18n.locale()).to_owned())];
        options.extend(
            RESULT_STATES.map(|s| (format::state_code(s), format::state(s).get(i18n.locale()).to_owned())),
        );
        options
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let state = choice.get_untracked();
        let href = if state.is_empty() { "/results".to_owned() } else { format!("/results?state={state}") };
        navigate(&href, Default::default());
    };
    view! {
        <section class="panel">
            <h1>{i18n.t(Text::Heading)}</h1>
            <p class="intro">{i18n.t(Text::Intro)}</p>
            <form class="results-filter" on:submit=submit data-testid="results-filter">
                <SelectField id="results-state" name="state" label=Text::State value=choice errors=FormErrors::new() options/>
                <button type="submit" class="secondary">{i18n.t(Text::Show)}</button>
            </form>
        </section>
        {move || {
            let picked = picked.get();
            RESULT_STATES
                .into_iter()
                .filter(|s| picked.is_empty() || format::state_code(*s) == picked)
                .map(|state| view! { <ResultsOfState state/> })
                .collect_view()
        }}
    }
}

/// One state's results, newest first, paged.
#[component]
fn ResultsOfState(state: ProjectState) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let code = format::state_code(state);
    let results = LocalResource::new(move || {
        let listing = ProjectListing { state: Some(state), ..Default::default() };
        let cursor = cursors.current();
        async move { api.projects(&listing, cursor, 20).await }
    });
    view! {
        <section class="panel results-state" data-testid=format!("results-{code}")>
            <h2>{i18n.t(format::state(state))}</h2>
            <Loaded
                resource=results
                view=move |page| {
                    view! {
                        <ResultsTable items=page.items/>
                        {(cursors.number() > 1 || page.next.is_some()).then(|| view! { <Pager cursors next=page.next/> })}
                    }
                }
            />
        </section>
    }
}

#[component]
fn ResultsTable(items: Vec<ProjectSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p>{i18n.t(Common::EmptyList)}</p> }.into_any();
    }
    view! {
        <DataTable
            label=Text::Heading
            class="results-table"
            columns=vec![
                Text::Code.into(),
                Text::Title.into(),
                Text::Item.into(),
                Text::Buyer.into(),
                Common::Winner.into(),
                Text::WinningPrice.into(),
                Text::BudgetCap.into(),
                Text::Method.into(),
                Text::PublishedAt.into(),
            ]
        >
            {items.into_iter().map(|p| view! {
                        <tr data-testid="result-row">
                            <td class="nowrap">{p.code.to_string()}</td>
                            <th scope="row"><A href=format!("/projects/{}", p.id)>{p.title.to_string()}</A></th>
                            <td class="nowrap">{p.item.to_string()}</td>
                            <td data-testid="result-buyer">{p.buyer_name.as_ref().map(ToString::to_string)}</td>
                            <td data-testid="result-winner">{p.winner.map(|w| view! { <ProviderLink id=w name=p.winner_name.clone()/> })}</td>
                            <td class="nowrap winning-price">
                                {match p.winning_price {
                                    Some(price) => price.to_string().into_any(),
                                    None => i18n.t(Text::Unknown).into_any(),
                                }}
                            </td>
                            <td class="nowrap">{p.budget_cap.to_string()}</td>
                            <td>{i18n.t(format::method(&p.method))}</td>
                            <td class="nowrap">{p.published_at.map(format::instant)}</td>
                        </tr>
                    }).collect_view()}
        </DataTable>
    }
    .into_any()
}
