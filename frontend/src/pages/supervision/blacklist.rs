//! Blacklisting providers and recording violations: the provider directory with each
//! provider's blacklisting in force; for the provider chosen, its score, its blacklistings past
//! and present, and the two forms (a violation's points; a blacklisting until a date), each
//! checked by the domain's own `parse` as it is typed.

use crate::api::use_api;
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::use_i18n;
use crate::ui::form::checked;
use crate::ui::format::{date, instant};
use crate::ui::{now, whole_number};
use crate::ui::{
    Act, ActStatus, Cursors, DataTable, Field, FormCheck, Loaded, Pager, RequireRole, TextAreaField,
};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{BlacklistForm, FieldErrors, ProviderSummary, ProviderView, ViolationForm};
use market_domain::ids::OrganisationId;
use market_domain::organisation::OrganisationKind;
use market_domain::project::Role;

#[component]
pub fn Blacklist() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <BlacklistPage/>
        </RequireRole>
    }
}

#[component]
fn BlacklistPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let directory = LocalResource::new(move || api.providers(None, cursors.current()));
    let chosen = RwSignal::new(None::<OrganisationId>);
    // A decision changes the directory's "blacklisted until" too.
    let on_changed = Callback::new(move |()| directory.refetch());
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavBlacklist)}</h1>
            <p class="intro">{i18n.t(Text::BlacklistIntro)}</p>
            <Loaded
                resource=directory
                view=move |page| {
                    view! {
                        <DataTable
                            label=Text::Directory
                            class="sv-table"
                            testid="provider-directory"
                            columns=vec![
                                Role::Provider.term().into(),
                                Text::CreditScore.into(),
                                Text::BlacklistedUntil.into(),
                                Text::Action.into(),
                            ]
                        >
                            {page
                                        .items
                                        .into_iter()
                                        .map(|provider| view! { <DirectoryRow provider chosen/> })
                                        .collect_view()}
                        </DataTable>
                        <Pager cursors next=page.next/>
                    }
                }
            />
        </section>
        {move || chosen.get().map(|id| view! { <ProviderCase id on_changed/> })}
    }
}

#[component]
fn DirectoryRow(provider: ProviderSummary, chosen: RwSignal<Option<OrganisationId>>) -> impl IntoView {
    let i18n = use_i18n();
    let ProviderSummary { id, name, credit_score, blacklisted_until, .. } = provider;
    let until = blacklisted_until.map(date);
    let is_chosen = move || chosen.get() == Some(id);
    view! {
        <tr data-testid="directory-provider" class:chosen=is_chosen>
            <th scope="row"><A href=format!("/providers/{id}")>{name.to_string()}</A></th>
            <td class="score">{credit_score}</td>
            <td>{until}</td>
            <td>
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || is_chosen().to_string()
                    on:click=move |_| chosen.set(Some(id))
                >
                    {i18n.t(Text::Choose)}
                </button>
            </td>
        </tr>
    }
}

/// The chosen provider: its record and the two decisions.
#[component]
fn ProviderCase(id: OrganisationId, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let profile = LocalResource::new(move || api.provider(id));
    // The record opens below the directory: bring it, and the keyboard, there.
    // Once: a reload after a decision leaves the focus in the form.
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |focused: Option<bool>| {
        if focused == Some(true) {
            return true;
        }
        heading.get().map(|h| h.focus().is_ok()).unwrap_or(false)
    });
    let changed = Callback::new(move |()| {
        profile.refetch();
        on_changed.run(());
    });
    view! {
        <section class="panel sv-case" data-testid="provider-case">
            <Loaded
                resource=profile
                view=move |view: ProviderView| {
                    let blacklistings = match view.organisation.kind {
                        OrganisationKind::Provider(p) => p.blacklistings,
                        _ => Vec::new(),
                    };
                    let at = now();
                    let mut rows = blacklistings;
                    rows.sort_by_key(|b| std::cmp::Reverse(b.from));
                    view! {
                        <h2 node_ref=heading tabindex="-1">{view.organisation.name.to_string()}</h2>
                        <p>
                            {i18n.t(Text::CreditScore)} ": "
                            <strong data-testid="credit-score">{view.score}</strong>
                        </p>
                        <h3>{i18n.t(Text::Blacklistings)}</h3>
                        {if rows.is_empty() {
                            view! { <p>{i18n.t(Text::NoBlacklistings)}</p> }.into_any()
                        } else {
                            view! {
                                <DataTable
                                    label=Text::Blacklistings
                                    class="sv-table"
                                    testid="blacklistings"
                                    columns=vec![
                                        Text::From.into(),
                                        Text::Until.into(),
                                        Text::Reason.into(),
                                        Text::Standing.into(),
                                    ]
                                >
                                    {rows
                                                .into_iter()
                                                .map(|b| {
                                                    let standing = if b.in_force(at) {
                                                        Text::InForce
                                                    } else if b.until <= at {
                                                        Text::Ended
                                                    } else {
                                                        Text::NotYet
                                                    };
                                                    view! {
                                                        <tr>
                                                            <td>{instant(b.from)}</td>
                                                            <td>{date(b.until)}</td>
                                                            <td>{b.reason}</td>
                                                            <td>{i18n.t(standing)}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                </DataTable>
                            }
                            .into_any()
                        }}
                    }
                }
            />
            <div class="sv-decisions">
                <ViolationEntry id changed/>
                <BlacklistEntry id changed/>
            </div>
        </section>
    }
}

/// Reads the violation form as typed.
fn violation(description: String, points: &str) -> Result<ViolationForm, FieldErrors> {
    let mut errors = FieldErrors::new();
    let deducted = whole_number::<i32>(&mut errors, "deducted", points);
    // A number not yet typed stands in as a valid one, so the description is still judged.
    let form = ViolationForm { description, deducted: deducted.unwrap_or(1) };
    checked(form, errors, |f| f.parse(now()).err())
}

#[component]
fn ViolationEntry(id: OrganisationId, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let description = RwSignal::new(String::new());
    let points = RwSignal::new(String::new());
    let act = Act::new(
        Text::ViolationRecorded,
        move |form: ViolationForm| async move { api.record_violation(id, &form).await },
        move |_| {
            description.set(String::new());
            points.set(String::new());
            changed.run(());
        },
    );
    let check = FormCheck::new(act, move || violation(description.get_untracked(), &points.get_untracked()));
    let errors = check.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        act.run(form);
    };
    let hint = Signal::derive(move || i18n.t(Text::PointsHint)().to_owned());
    view! {
        <form on:submit=send novalidate data-testid="violation-form">
            <h3>{i18n.t(Text::ViolationHeading)}</h3>
            <TextAreaField
                id=format!("violation-description-{id}")
                name="description"
                label=Text::ViolationDescription
                value=description
                errors
                required=true
                on_input=check.on_input("description")
            />
            <Field
                id=format!("violation-points-{id}")
                name="deducted"
                label=Text::Points
                value=points
                errors
                kind="number"
                required=true
                hint
                on_input=check.on_input("deducted")
            />
            {check.banner()}
            <button type="submit" class="primary" disabled=move || act.pending()>{i18n.t(Text::RecordViolation)}</button>
            <ActStatus act/>
        </form>
    }
}

#[component]
fn BlacklistEntry(id: OrganisationId, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let reason = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let act = Act::new(
        Text::Blacklisted,
        move |form: BlacklistForm| async move { api.blacklist(id, &form).await },
        move |_| {
            reason.set(String::new());
            until.set(String::new());
            changed.run(());
        },
    );
    let check = FormCheck::new(act, move || {
        let form = BlacklistForm { reason: reason.get_untracked(), until: until.get_untracked() };
        form.parse(now()).map(|_| form)
    });
    let errors = check.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = check.submit(&ev) else { return };
        let until = form.until.trim().to_owned();
        act.ask(form, Text::BlacklistSubmit, move || {
            i18n.fill(Text::BlacklistConsequence, &[("until", &until)])
        });
    };
    let hint = Signal::derive(move || i18n.t(Text::UntilHint)().to_owned());
    view! {
        <form on:submit=send novalidate data-testid="blacklist-form">
            <h3>{i18n.t(Text::BlacklistHeading)}</h3>
            <TextAreaField
                id=format!("blacklist-reason-{id}")
                name="reason"
                label=Text::BlacklistReason
                value=reason
                errors
                required=true
                on_input=check.on_input("reason")
            />
            <Field
                id=format!("blacklist-until-{id}")
                name="until"
                label=Text::Until
                value=until
                errors
                kind="date"
                required=true
                hint
                on_input=check.on_input("until")
            />
            {check.banner()}
            <button type="submit" class="primary" disabled=move || act.pending()>{i18n.t(Text::BlacklistSubmit)}</button>
            <ActStatus act/>
        </form>
    }
}
