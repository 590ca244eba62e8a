//! A buyer's needs, grouped by where they stand (drafts, open, awaiting choice, selected, under
//! contract, done, ended) with a count for each; a filter shows one group. Every page of the
//! buyer's list is read, so the counts are of all the needs.

use crate::api::{use_api, ApiError};
use crate::i18n::text::Buyer;
use crate::i18n::{use_i18n, Tr, Translate};
use crate::ui::{format, DataTable, Loaded, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::project::{ProjectState, ProjectSummary, Role};

/// The groups, in the order a need passes through them (one state standing for each).
fn groups() -> [Tr; 7] {
    use ProjectState::*;
    [Draft, Published, BiddingClosed, Selected, Contracted, Accepted, Cancelled].map(group)
}

/// A need's group: drafts and open needs by their state's name, the rest gathered.
fn group(state: ProjectState) -> Tr {
    use ProjectState::*;
    match state {
        Draft | Published => state.term().into(),
        BiddingClosed => Buyer::GroupClosed.into(),
        Selected => Buyer::GroupSelected.into(),
        Contracted | InService | Delivered => Buyer::GroupUnderWay.into(),
        Accepted | Rated => Buyer::GroupDone.into(),
        Cancelled | Failed => Buyer::GroupEnded.into(),
    }
}

/// At most this many pages are read (20 needs each).
const MAX_PAGES: usize = 25;

#[component]
pub fn MyNeeds() -> impl IntoView {
    view! {
        <RolePage roles=&[Role::Enterprise, Role::Department] heading=Buyer::MyNeedsHeading>
            <NeedList/>
        </RolePage>
    }
}

#[component]
fn NeedList() -> impl IntoView {
    let api = use_api();
    let needs = LocalResource::new(move || async move {
        let mut all = Vec::new();
        let mut cursor = None;
        for _ in 0..MAX_PAGES {
            let page = api.my_projects(cursor).await?;
            all.extend(page.items);
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        Ok::<_, ApiError>(all)
    });
    view! { <Loaded resource=needs view=|needs| view! { <Grouped needs/> }/> }
}

#[component]
fn Grouped(needs: Vec<ProjectSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(None::<Tr>);
    let counts: Vec<(Tr, usize)> =
        groups().into_iter().map(|g| (g, needs.iter().filter(|n| group(n.state) == g).count())).collect();
    let total = needs.len();
    let filter_button = move |key: Option<Tr>, count: usize| {
        let name = move || key.unwrap_or_else(|| Buyer::AllStates.into()).get(i18n.locale());
        view! {
            <button
                type="button"
                class="secondary"
                aria-pressed=move || (shown.get() == key).to_string()
                on:click=move |_| shown.set(key)
            >
                {move || i18n.fill(Buyer::GroupCount, &[("name", name()), ("count", &count.to_string())])}
            </button>
        }
    };
    let rows = move || {
        needs
            .iter()
            .filter(|n| shown.get().is_none_or(|g| group(n.state) == g))
            .cloned()
            .map(|need| {
                let id = need.id;
                let draft = need.state == ProjectState::Draft;
                let state = format::state(need.state);
                let method = format::method(&need.method);
                view! {
                    <tr data-testid="my-need-row" class=format!("state-{}", format::state_code(need.state))>
                        <td>{need.code.to_string()}</td>
                        <td>
                            <A href=format!("/projects/{id}")>{need.title.to_string()}</A>
                            {draft.then(|| view! {
                                " · " <A href=format!("/buyer/needs/{id}/edit")>{i18n.t(Buyer::EditDraft)}</A>
                            })}
                        </td>
                        <td>{i18n.t(state)}</td>
                        <td>{need.budget_cap.to_string()}</td>
                        <td>{i18n.t(method)}</td>
                        <td>{need.closes_at.map(format::instant)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div data-testid="my-needs">
            <div class="need-filters" role="group" aria-label=move || Buyer::FilterLabel.get(i18n.locale())>
                {filter_button(None, total)}
                {counts.into_iter().filter(|(_, c)| *c > 0).map(|(g, c)| filter_button(Some(g), c)).collect_view()}
            </div>
            {(total == 0).then(|| view! { <p>{i18n.t(Buyer::NoNeeds)}</p> <A href="/buyer/needs/new">{i18n.t(Buyer::PostHeading)}</A> })}
            <DataTable
                label=Buyer::MyNeedsHeading
                class="my-needs"
                columns=vec![
                    Buyer::ColCode.into(),
                    Buyer::ColTitle.into(),
                    Buyer::ColState.into(),
                    Buyer::ColBudget.into(),
                    Buyer::ColMethod.into(),
                    Buyer::ColCloses.into(),
                ]
            >
                {rows}
            </DataTable>
        </div>
    }
}
