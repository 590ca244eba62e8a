//! The home page: what the marketplace is and how it works ([`welcome`]), then the open needs (published projects) with text search, filters (service item,
//! funding, state), sort (soonest close or newest) and paging. The filters live in the URL's
//! query, so a link or the back button brings them back; the list is one request of plain rows.

mod welcome;

use crate::api::use_api;
use crate::components::countdown::remaining;
use crate::components::links::{buyer_line, provider_link};
use crate::i18n::text::{Common, Home as Text};
use crate::i18n::{use_i18n, I18n, Translate};
use crate::ui::now;
use crate::ui::{format, Cursors, Field, FormErrors, Loaded, Pager, SelectField};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use market_domain::api::listing::{ListingError, ListingQuery, ProjectListing};
use market_domain::project::{Funding, ProjectState, ProjectSummary};
use market_domain::{Catalogue, LocalizedText, ServiceItemCode};
use std::collections::BTreeMap;

/// The filters as the URL holds them (empty = left out).
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    q: String,
    item: String,
    funding: String,
    /// `""` is the default, published; `all` is every state.
    state: String,
    /// `""` is the default, closing; `newest`.
    sort: String,
    limit: String,
}

impl Filters {
    /// The listing these filters ask for, read by the rule the API reads it by (a value the URL
    /// got wrong is refused by name); closing sort only where it applies (open needs).
    fn listing(&self) -> Result<ProjectListing, ListingError> {
        let state = match self.state.as_str() {
            "" => Some("published"),
            "all" => None,
            other => Some(other),
        };
        let sort = if self.sort.is_empty() && state == Some("published") { "closing" } else { "newest" };
        let given = |value: &str| Some(value.to_owned()).filter(|v| !v.is_empty());
        let (item, funding) = (given(&self.item), given(&self.funding));
        ProjectListing::parse(ListingQuery {
            state,
            item: item.as_deref(),
            funding: funding.as_deref(),
            q: Some(&self.q),
            sort: Some(sort),
        })
    }

    /// The page length asked for: 20 unless the URL says (1–100).
    fn limit(&self) -> usize {
        self.limit.parse::<usize>().ok().map(|l| l.clamp(1, 100)).unwrap_or(20)
    }

    /// The URL of these filters.
    fn href(&self) -> String {
        let pairs = [
            ("q", self.q.trim()),
            ("item", &self.item),
            ("funding", &self.funding),
            ("state", &self.state),
            ("sort", &self.sort),
            ("limit", &self.limit),
        ];
        let query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
            .collect();
        if query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{}", query.join("&"))
        }
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        query.with(|q| {
            let get = |k: &str| q.get(k).unwrap_or_default();
            Filters {
                q: get("q"),
                item: get("item"),
                funding: get("funding"),
                state: get("state"),
                sort: get("sort"),
                limit: get("limit"),
            }
        })
    });
    let cursors = Cursors::new();
    // Other filters (a link, the back button): back to their first page.
    Effect::new(move |previous: Option<Filters>| {
        let current = filters.get();
        if previous.is_some_and(|p| p != current) && cursors.number() > 1 {
            cursors.reset();
        }
        current
    });
    let needs = LocalResource::new(move || {
        let filters = filters.get();
        let (listing, cursor, limit) = (filters.listing(), cursors.current(), filters.limit());
        async move { api.projects(&listing?, cursor, limit).await }
    });
    // Service item names, for the filter and the rows; the list does not wait for them.
    let catalogue = LocalResource::new(move || api.catalogue());
    let names = Memo::new(move |_| {
        catalogue.get().and_then(Result::ok).map(|c: Catalogue| {
            c.items().iter().map(|i| (i.code.clone(), i.name.clone())).collect::<BTreeMap<_, _>>()
        })
    });
    let closing_ignored = move || {
        let f = filters.get();
        f.sort.is_empty() && !f.state.is_empty() && f.state != "published"
    };
    view! {
        <welcome::Welcome/>
        <section class="panel">
            <h2>{i18n.t(Text::Heading)}</h2>
            <p class="intro">{i18n.t(Text::Intro)}</p>
            // Made afresh from the URL whenever it changes (a link, the back button).
            {move || {
                filters.track();
                view! { <FilterForm filters names/> }
            }}
            {move || closing_ignored().then(|| view! { <p class="hint">{i18n.t(Text::ClosingOnlyOpen)}</p> })}
        </section>
        <section class="panel">
            <Loaded
                resource=needs
                view=move |page| {
                    view! {
                        <NeedsList items=page.items names/>
                        <Pager cursors next=page.next/>
                    }
                }
            />
        </section>
    }
}

/// The search and filter form, starting from the URL's filters; submitting puts them in the URL.
#[component]
fn FilterForm(
    filters: Memo<Filters>,
    names: Memo<Option<BTreeMap<ServiceItemCode, LocalizedText>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let start = filters.get_untracked();
    let q = RwSignal::new(start.q);
    let item = RwSignal::new(start.item);
    let funding = RwSignal::new(start.funding);
    let state = RwSignal::new(start.state);
    let sort = RwSignal::new(start.sort);
    let limit = RwSignal::new(start.limit);
    let errors = FormErrors::new();
    let any = move || (String::new(), Text::Any.get(i18n.locale()).to_owned());
    let item_options = Signal::derive(move || {
        let mut options = vec![any()];
        if let Some(names) = names.get() {
            options.extend(
                names
                    .iter()
                    .map(|(code, name)| (code.to_string(), format!("{code} {}", i18n.localized(name)))),
            );
        } else if !item.get_untracked().is_empty() {
            options.push((item.get_untracked(), item.get_untracked()));
        }
        options
    });
    let funding_options = Signal::derive(move || {
        let t = |public: bool| Funding::term_of(public).get(i18n.locale()).to_owned();
        vec![any(), ("enterprise".into(), t(false)), ("department".into(), t(true))]
    });
    let state_options = Signal::derive(move || {
        use ProjectState::*;
        let mut options = vec![(String::new(), format::state(Published).get(i18n.locale()).to_owned())];
        for s in
            [BiddingClosed, Selected, Contracted, InService, Delivered, Accepted, Rated, Cancelled, Failed]
        {
            options.push((format::state_code(s), format::state(s).get(i18n.locale()).to_owned()));
        }
        options.push(("all".into(), Text::Any.get(i18n.locale()).to_owned()));
        options
    });
    let sort_options = Signal::derive(move || {
        vec![
            (String::new(), Text::SortClosing.get(i18n.locale()).to_owned()),
            ("newest".into(), Text::SortNewest.get(i18n.locale()).to_owned()),
        ]
    });
    let limit_options = Signal::derive(|| {
        ["", "50", "100"].map(|l| (l.to_owned(), if l.is_empty() { "20" } else { l }.to_owned())).to_vec()
    });
    let go = {
        let navigate = navigate.clone();
        move |f: Filters| navigate(&f.href(), Default::default())
    };
    let submit = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            go(Filters {
                q: q.get_untracked(),
                item: item.get_untracked(),
                funding: funding.get_untracked(),
                state: state.get_untracked(),
                sort: sort.get_untracked(),
                limit: limit.get_untracked(),
            });
        }
    };
    view! {
        <form class="needs-filters" role="search" aria-label=i18n.t(Text::Filters) on:submit=submit data-testid="needs-filters">
            <Field id="needs-q" name="q" label=Text::Search value=q errors kind="search"/>
            <SelectField id="needs-item" name="item" label=Text::Item value=item errors options=item_options/>
            <SelectField id="needs-funding" name="funding" label=Text::Funding value=funding errors options=funding_options/>
            <SelectField id="needs-state" name="state" label=Text::State value=state errors options=state_options/>
            <SelectField id="needs-sort" name="sort" label=Text::Sort value=sort errors options=sort_options/>
            <SelectField id="needs-limit" name="limit" label=Text::PageSize value=limit errors options=limit_options/>
            <div class="needs-filter-actions">
                <button type="submit" class="primary" data-testid="needs-apply">{i18n.t(Text::Apply)}</button>
                <button type="button" class="secondary" on:click=move |_| go(Filters::default())>{i18n.t(Text::Reset)}</button>
            </div>
        </form>
    }
}

/// The rows: plain, computed once (time left as of the render).
#[component]
fn NeedsList(
    items: Vec<ProjectSummary>,
    names: Memo<Option<BTreeMap<ServiceItemCode, LocalizedText>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if items.is_empty() {
        return view! { <p class="empty" data-testid="needs-list">{i18n.t(Common::EmptyList)}</p> }
            .into_any();
    }
    let at = now();
    view! {
        <ol class="needs-list" data-testid="needs-list">
            {items.into_iter().map(|p| need_row(i18n, p, names, at)).collect_view()}
        </ol>
    }
    .into_any()
}

fn need_row(
    i18n: I18n,
    p: ProjectSummary,
    names: Memo<Option<BTreeMap<ServiceItemCode, LocalizedText>>>,
    at: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let item = p.item.clone();
    let item_name = move || {
        names
            .with(|n| n.as_ref().and_then(|n| n.get(&item)).map(|name| i18n.localized(name)))
            .unwrap_or_else(|| item.to_string())
    };
    let funding = Funding::term_of(p.publicly_funded);
    let winner = p.winner.map(|w| {
        view! { <span class="need-winner">{i18n.t(Common::Winner)} " " {provider_link(w, p.winner_name.as_ref())}</span> }
    });
    let closes = p.closes_at.map(|c| {
        view! {
            <span class="need-closes">
                {i18n.t(Text::ClosesAt)} " " {format::instant(c)}
                {(p.state == ProjectState::Published).then(|| view! { " · " <strong>{move || remaining(i18n, c, at, false)}</strong> })}
            </span>
        }
    });
    view! {
        <li class="need-row" data-testid="need-row">
            <a class="need-title" href=format!("/projects/{}", p.id)>
                <span class="need-code">{p.code.to_string()}</span> " " {p.title.to_string()}
            </a>
            <span class=format!("state state-{}", format::state_code(p.state))>{i18n.t(format::state(p.state))}</span>
            <span class="need-facts">
                <span class="need-item">{item_name}</span>
                {buyer_line(i18n, p.buyer_name.as_ref(), p.publicly_funded)}
                <span>{i18n.t(funding)}</span>
                <span>{i18n.t(Text::BudgetCap)} " " {p.budget_cap.to_string()}</span>
                <span>{i18n.t(format::method(&p.method))}</span>
                {closes}
                {winner}
            </span>
        </li>
    }
}
