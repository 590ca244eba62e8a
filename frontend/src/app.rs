//! The app's shell: the header with the language switch, the routes, the footer.

use crate::i18n::{provide_i18n, Text};
use crate::pages::{catalogue::CataloguePage, not_found::NotFound};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i18n.t(Text::SkipToContent)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-name">{i18n.t(Text::AppName)}</span>
                </A>
                <p class="tagline">{i18n.t(Text::Tagline)}</p>
                <button
                    type="button"
                    class="lang-switch"
                    data-testid="lang-switch"
                    aria-label=i18n.t(Text::SwitchLanguageLabel)
                    on:click=move |_| i18n.toggle()
                >
                    {i18n.t(Text::SwitchLanguage)}
                </button>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=CataloguePage/>
                </Routes>
            </main>
            <footer class="site-footer">{i18n.t(Text::Footer)}</footer>
        </Router>
    }
}
