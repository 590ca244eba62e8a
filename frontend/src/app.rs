//! The app's shell: the header with the navigation for the signed-in role and the language
//! switch, every route, the footer.

use crate::api::use_api;
use crate::i18n::text::Common;
use crate::i18n::{provide_i18n, use_i18n};
use crate::pages::{
    auth, buyer, catalogue::CataloguePage, home::Home, inspections, not_found::NotFound,
    notifications::Notifications, project::ProjectPage, provider, providers, results::Results,
    statistics::StatisticsPage, supervision,
};
use crate::session::{provide_session, use_session, InboxChanged};
use crate::ui::ConfirmDialog;
use leptos::lazy;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_navigate;
use leptos_router::{path, Lazy, LazyRoute};
use market_domain::project::Role;

/// Pages loaded on demand, in groups that are visited together: each group's code is cut out of
/// the first download into its own module (by `wasm-split` in `scripts/build-frontend.sh`), so
/// the home page comes up sooner and a role's pages arrive together when one is first opened.
/// Each group is an enum of its pages and one split function that shows any of them.
macro_rules! lazy_page_groups {
    ($($group:ident($pages:ident) { $($route:ident => $page:path,)* })*) => {$(
        // Each page is named after its route.
        #[allow(clippy::enum_variant_names)]
        #[derive(Clone, Copy)]
        enum $pages {
            $($route,)*
        }

        #[lazy]
        fn $group(page: $pages) -> AnyView {
            match page {
                $($pages::$route => $page().into_any(),)*
            }
        }

        $(
            struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $group($pages::$route).await
                }
            }
        )*
    )*};
}

lazy_page_groups! {
    project_pages(ProjectPages) {
        ProjectRoute => ProjectPage,
    }
    public_pages(PublicPages) {
        ResultsRoute => Results,
        DirectoryRoute => providers::Directory,
        ProfileRoute => providers::Profile,
        CatalogueRoute => CataloguePage,
        StatisticsRoute => StatisticsPage,
        InspectionsRoute => inspections::Inspections,
        InspectionRoute => inspections::InspectionPage,
    }
    account_pages(AccountPages) {
        SignInRoute => auth::sign_in::SignIn,
        RegisterRoute => auth::register::Register,
        NotificationsRoute => Notifications,
    }
    buyer_pages(BuyerPages) {
        MyNeedsRoute => buyer::my_needs::MyNeeds,
        PostNeedRoute => buyer::post_need::PostNeed,
        EditNeedRoute => buyer::post_need::EditNeed,
    }
    provider_pages(ProviderPages) {
        NeedsForMeRoute => provider::needs::NeedsForMe,
        MyQuotesRoute => provider::quotes::MyQuotes,
        MyProfileRoute => provider::profile::MyProfile,
    }
    supervision_pages(SupervisionPages) {
        OnboardingRoute => supervision::onboarding::Onboarding,
        ObjectionsRoute => supervision::objections::Objections,
        BlacklistRoute => supervision::blacklist::Blacklist,
        InspectionDrawRoute => supervision::inspection_draw::InspectionDraw,
        CatalogueEditingRoute => supervision::catalogue::CatalogueEditing,
        OverdueRoute => supervision::overdue::Overdue,
    }
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    provide_session();
    InboxChanged::provide();
    view! {
        <Router>
            // target="_self" leaves the jump to the browser, which moves the focus to `main`; the
            // router would only scroll there.
            <a class="skip-link" href="#main" target="_self">{i18n.t(Common::SkipToContent)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-name">{i18n.t(Common::AppName)}</span>
                </A>
                <p class="tagline">{i18n.t(Common::Tagline)}</p>
                <button
                    type="button"
                    class="lang-switch"
                    data-testid="lang-switch"
                    aria-label=i18n.t(Common::SwitchLanguageLabel)
                    on:click=move |_| i18n.toggle()
                >
                    {i18n.t(Common::SwitchLanguage)}
                </button>
                <Navigation/>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/projects/:id") view={Lazy::<ProjectRoute>::new()}/>
                    <Route path=path!("/results") view={Lazy::<ResultsRoute>::new()}/>
                    <Route path=path!("/providers") view={Lazy::<DirectoryRoute>::new()}/>
                    <Route path=path!("/providers/:id") view={Lazy::<ProfileRoute>::new()}/>
                    <Route path=path!("/catalogue") view={Lazy::<CatalogueRoute>::new()}/>
                    <Route path=path!("/statistics") view={Lazy::<StatisticsRoute>::new()}/>
                    <Route path=path!("/inspections") view={Lazy::<InspectionsRoute>::new()}/>
                    <Route path=path!("/inspections/:id") view={Lazy::<InspectionRoute>::new()}/>
                    <Route path=path!("/sign-in") view={Lazy::<SignInRoute>::new()}/>
                    <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()}/>
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()}/>
                    <Route path=path!("/buyer/needs") view={Lazy::<MyNeedsRoute>::new()}/>
                    <Route path=path!("/buyer/needs/new") view={Lazy::<PostNeedRoute>::new()}/>
                    <Route path=path!("/buyer/needs/:id/edit") view={Lazy::<EditNeedRoute>::new()}/>
                    <Route path=path!("/provider/needs") view={Lazy::<NeedsForMeRoute>::new()}/>
                    <Route path=path!("/provider/quotes") view={Lazy::<MyQuotesRoute>::new()}/>
                    <Route path=path!("/provider/profile") view={Lazy::<MyProfileRoute>::new()}/>
                    <Route path=path!("/supervision/onboarding") view={Lazy::<OnboardingRoute>::new()}/>
                    <Route path=path!("/supervision/objections") view={Lazy::<ObjectionsRoute>::new()}/>
                    <Route path=path!("/supervision/blacklist") view={Lazy::<BlacklistRoute>::new()}/>
                    <Route path=path!("/supervision/inspections") view={Lazy::<InspectionDrawRoute>::new()}/>
                    <Route path=path!("/supervision/catalogue") view={Lazy::<CatalogueEditingRoute>::new()}/>
                    <Route path=path!("/supervision/overdue") view={Lazy::<OverdueRoute>::new()}/>
                </Routes>
            </main>
            <footer class="site-footer">{i18n.t(Common::Footer)}</footer>
            <ConfirmDialog/>
        </Router>
    }
}

/// How many of the newest notifications are unread ("20+" when the whole first page is), beside
/// the inbox's link; nothing when none is.
#[component]
fn UnreadCount() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let changed = InboxChanged::get();
    let inbox = LocalResource::new(move || {
        if let Some(changed) = changed {
            changed.track();
        }
        api.notifications(None)
    });
    move || {
        let page = inbox.get().and_then(Result::ok)?;
        let unread = page.items.iter().filter(|n| n.unread).count();
        let more = page.next.is_some() && unread == page.items.len();
        let count = if more { format!("{unread}+") } else { unread.to_string() };
        (unread > 0).then(|| {
            let text = move || i18n.fill(Common::UnreadCount, &[("count", &count)]);
            view! { <span class="unread-count" data-testid="unread-count">{text}</span> }
        })
    }
}

/// The signed-in person's organisation (supervisors belong to none).
#[component]
fn OrganisationName() -> impl IntoView {
    let api = use_api();
    let name = LocalResource::new(move || api.my_organisation_name());
    move || {
        let name = name.get().and_then(Result::ok)??;
        Some(view! { <li class="org" data-testid="org-name">{name}</li> })
    }
}

/// The public links, then the signed-in role's own pages (or sign in / register).
#[component]
fn Navigation() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let link = move |href: &'static str, text: Common| view! { <li><A href=href>{i18n.t(text)}</A></li> };
    view! {
        <nav class="site-nav" aria-label=i18n.t(Common::MainNavigation)>
            <ul>
                {link("/", Common::NavNeeds)}
                {link("/results", Common::NavResults)}
                {link("/providers", Common::NavProviders)}
                {link("/catalogue", Common::NavCatalogue)}
                {link("/statistics", Common::NavStatistics)}
                {link("/inspections", Common::NavInspections)}
            </ul>
        </nav>
        <nav class="account-nav" aria-label=i18n.t(Common::AccountNavigation)>
            {move || match session.account() {
                None => view! {
                    <ul>
                        {link("/sign-in", Common::NavSignIn)}
                        {link("/register", Common::NavRegister)}
                    </ul>
                }
                .into_any(),
                Some(account) => {
                    let own: Vec<(String, Common)> = match account.role {
                        Role::Enterprise | Role::Department => vec![
                            ("/buyer/needs".into(), Common::NavMyNeeds),
                            ("/buyer/needs/new".into(), Common::NavPostNeed),
                        ],
                        Role::Provider => vec![
                            ("/provider/needs".into(), Common::NavEligibleNeeds),
                            ("/provider/quotes".into(), Common::NavMyQuotes),
                            ("/provider/profile".into(), Common::NavMyProfile),
                            (
                                account.organisation.map(|o| format!("/providers/{o}")).unwrap_or_default(),
                                Common::NavMyCredit,
                            ),
                        ],
                        Role::Supervisor => vec![
                            ("/supervision/onboarding".into(), Common::NavOnboarding),
                            ("/supervision/objections".into(), Common::NavObjections),
                            ("/supervision/blacklist".into(), Common::NavBlacklist),
                            ("/supervision/inspections".into(), Common::NavInspectionDraw),
                            ("/supervision/catalogue".into(), Common::NavCatalogueEditing),
                            ("/supervision/overdue".into(), Common::NavOverdue),
                        ],
                        Role::System => vec![],
                    };
                    let email = account.email.to_string();
                    view! {
                        <ul>
                            {own
                                .into_iter()
                                .map(|(href, text)| view! { <li><A href=href>{i18n.t(text)}</A></li> })
                                .collect_view()}
                            <li><A href="/notifications">{i18n.t(Common::NavNotifications)}</A> <UnreadCount/></li>
                            <OrganisationName/>
                            <li class="who">{move || i18n.fill(Common::SignedInAs, &[("email", &email)])}</li>
                            <li><SignOut/></li>
                        </ul>
                    }
                    .into_any()
                }
            }}
        </nav>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    view! {
        <button
            type="button"
            class="link-button"
            data-testid="sign-out"
            on:click=move |_| {
                let navigate = navigate.clone();
                spawn_local(async move {
                    api.sign_out().await;
                    navigate("/", Default::default());
                });
            }
        >
            {i18n.t(Common::NavSignOut)}
        </button>
    }
}
