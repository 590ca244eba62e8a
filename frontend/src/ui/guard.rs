//! Pages for some kinds of account: anyone else is told to sign in, or that the page is not
//! theirs.

use crate::i18n::text::Common;
use crate::i18n::{use_i18n, Tr};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use market_domain::project::Role;

/// Shows `children` to a signed-in account of one of `roles`.
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    move || match session.role() {
        None => {
            let next = location.pathname.get();
            view! {
                <section class="panel">
                    <p role="alert">{i18n.t(Common::SignInRequired)}</p>
                    <A href=format!("/sign-in?next={next}")>{i18n.t(Common::NavSignIn)}</A>
                </section>
            }
            .into_any()
        }
        Some(role) if roles.contains(&role) => children().into_any(),
        Some(_) => view! {
            <section class="panel">
                <p role="alert">{i18n.t(Common::NotForRole)}</p>
            </section>
        }
        .into_any(),
    }
}

/// A page for some kinds of account: its heading (and intro) for anyone, `children` for `roles`.
#[component]
pub fn RolePage(
    roles: &'static [Role],
    #[prop(into)] heading: Tr,
    #[prop(optional, into)] intro: Option<Tr>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h1>{i18n.t(heading)}</h1>
            {intro.map(|intro| view! { <p class="intro">{i18n.t(intro)}</p> })}
            <RequireRole roles>{children()}</RequireRole>
        </section>
    }
}
