//! Signing in: email and password, checked by the same form rules as the server; on success
//! back to the page that asked (`?next=`), or to the role's own start page.

use crate::api::use_api;
use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use crate::ui::{Act, ActStatus, Field, FormCheck};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use market_domain::api::{AccountView, LoginForm, SecretText};
use market_domain::project::Role;

/// Where each role starts after signing in.
pub fn start_page(role: Role) -> &'static str {
    match role {
        Role::Enterprise | Role::Department => "/buyer/needs",
        Role::Provider => "/provider/needs",
        Role::Supervisor => "/supervision/onboarding",
        Role::System => "/",
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let act = Act::new(
        Common::SignedIn,
        move |form: LoginForm| async move { api.sign_in(&form).await },
        move |account: AccountView| {
            let next = query
                .with_untracked(|q| q.get("next"))
                .filter(|n| n.starts_with('/') && !n.starts_with("//"));
            let target = next.unwrap_or_else(|| start_page(account.role).to_owned());
            navigate(&target, Default::default());
        },
    );
    let check = FormCheck::new(act, move || {
        let form =
            LoginForm { email: email.get_untracked(), password: SecretText::new(password.get_untracked()) };
        form.parse().map(|_| form)
    });
    let errors = check.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.run(form);
    };
    view! {
        <section class="panel narrow">
            <h1>{i18n.t(Common::SignInHeading)}</h1>
            <p class="intro">{i18n.t(Common::SignInIntro)}</p>
            <form on:submit=submit novalidate data-testid="sign-in-form">
                <Field
                    id="sign-in-email"
                    name="email"
                    label=Common::Email
                    value=email
                    errors
                    kind="email"
                    required=true
                    autocomplete="username"
                    on_input=check.on_input("email")
                />
                <Field
                    id="sign-in-password"
                    name="password"
                    label=Common::Password
                    value=password
                    errors
                    kind="password"
                    required=true
                    autocomplete="current-password"
                    on_input=check.on_input("password")
                />
                {check.banner()}
                <button type="submit" class="primary" disabled=move || act.pending()>
                    {i18n.t(Common::SignInSubmit)}
                </button>
                <ActStatus act/>
            </form>
            <p>{i18n.t(Common::NoAccount)} " " <A href="/register">{i18n.t(Common::NavRegister)}</A></p>
        </section>
    }
}
