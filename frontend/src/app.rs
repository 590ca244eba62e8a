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
use crate::session::{provide_session, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use market_domain::project::Role;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    provide_session();
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
                    <Route path=path!("/projects/:id") view=ProjectPage/>
                    <Route path=path!("/results") view=Results/>
                    <Route path=path!("/providers") view=providers::Directory/>
                    <Route path=path!("/providers/:id") view=providers::Profile/>
                    <Route path=path!("/catalogue") view=CataloguePage/>
                    <Route path=path!("/statistics") view=StatisticsPage/>
                    <Route path=path!("/inspections") view=inspections::Inspections/>
                    <Route path=path!("/inspections/:id") view=inspections::InspectionPage/>
                    <Route path=path!("/sign-in") view=auth::sign_in::SignIn/>
                    <Route path=path!("/register") view=auth::register::Register/>
                    <Route path=path!("/notifications") view=Notifications/>
                    <Route path=path!("/buyer/needs") view=buyer::my_needs::MyNeeds/>
                    <Route path=path!("/buyer/needs/new") view=buyer::post_need::PostNeed/>
                    <Route path=path!("/buyer/needs/:id/edit") view=buyer::post_need::EditNeed/>
                    <Route path=path!("/provider/needs") view=provider::needs::NeedsForMe/>
                    <Route path=path!("/provider/quotes") view=provider::quotes::MyQuotes/>
                    <Route path=path!("/provider/profile") view=provider::profile::MyProfile/>
                    <Route path=path!("/supervision/onboarding") view=supervision::onboarding::Onboarding/>
                    <Route path=path!("/supervision/objections") view=supervision::objections::Objections/>
                    <Route path=path!("/supervision/blacklist") view=supervision::blacklist::Blacklist/>
                    <Route path=path!("/supervision/inspections") view=supervision::inspection_draw::InspectionDraw/>
                    <Route path=path!("/supervision/catalogue") view=supervision::catalogue::CatalogueEditing/>
                    <Route path=path!("/supervision/overdue") view=supervision::overdue::Overdue/>
                </Routes>
            </main>
            <footer class="site-footer">{i18n.t(Common::Footer)}</footer>
        </Router>
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
                            {link("/notifications", Common::NavNotifications)}
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
