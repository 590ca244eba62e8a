//! The onboarding review queue: providers awaiting review, oldest registration first, each with
//! its qualifications and served items, to approve or to reject with a reason. A decided
//! provider leaves the queue and the page says what was decided.

use crate::api::use_api;
use crate::components::reason::ReasonForm;
use crate::i18n::text::{Common, Supervision as Text};
use crate::i18n::use_i18n;
use crate::ui::format::{self, working_days};
use crate::ui::{Act, ActStatus, Cursors, DataTable, Loaded, Pager, RequireRole};
use leptos::prelude::*;
use market_domain::api::TextForm;
use market_domain::ids::OrganisationId;
use market_domain::organisation::{Organisation, OrganisationKind, ProviderProfile};
use market_domain::project::Role;

/// The last decision taken on this page: its message and the provider's name.
type Decided = RwSignal<Option<(Text, String)>>;

#[component]
pub fn Onboarding() -> impl IntoView {
    view! {
        <RequireRole roles=&[Role::Supervisor]>
            <OnboardingQueue/>
        </RequireRole>
    }
}

#[component]
fn OnboardingQueue() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let cursors = Cursors::new();
    let queue = LocalResource::new(move || api.pending_providers(cursors.current()));
    // Providers decided here: they leave the list without reloading it.
    let decided_ids = RwSignal::new(Vec::<OrganisationId>::new());
    let decided: Decided = RwSignal::new(None);
    view! {
        <section class="panel">
            <h1>{i18n.t(Common::NavOnboarding)}</h1>
            <p class="intro">{i18n.t(Text::OnboardingIntro)}</p>
            {move || {
                decided.get().map(|(key, name)| {
                    view! {
                        <p class="success" role="status" aria-live="polite" data-testid="onboarding-decided">
                            {move || i18n.fill(key, &[("name", &name)])}
                        </p>
                    }
                })
            }}
            <Loaded
                resource=queue
                view=move |page| {
                    let next = page.next.clone();
                    let items = page.items;
                    view! {
                        <ul class="sv-queue" data-testid="onboarding-queue">
                            {move || {
                                let left: Vec<Organisation> = items
                                    .iter()
                                    .filter(|o| !decided_ids.with(|d| d.contains(&o.id)))
                                    .cloned()
                                    .collect();
                                if left.is_empty() {
                                    return view! { <li class="sv-empty">{i18n.t(Text::OnboardingEmpty)}</li> }
                                        .into_any();
                                }
                                left.into_iter()
                                    .map(|organisation| view! { <PendingProvider organisation decided_ids decided/> })
                                    .collect_view()
                                    .into_any()
                            }}
                        </ul>
                        <Pager cursors next/>
                    }
                }
            />
        </section>
    }
}

/// One provider awaiting review, with its two decisions.
#[component]
fn PendingProvider(
    organisation: Organisation,
    decided_ids: RwSignal<Vec<OrganisationId>>,
    decided: Decided,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = organisation.id;
    let name = organisation.name.to_string();
    let leave = move |key: Text, name: &str| {
        decided_ids.update(|d| d.push(id));
        decided.set(Some((key, name.to_owned())));
    };
    let approve = {
        let name = name.clone();
        Act::new(
            Text::ProviderApproved,
            move |()| api.approve_provider(id),
            move |_| leave(Text::ProviderApprovedNamed, &name),
        )
    };
    let reject = {
        let name = name.clone();
        Act::new(
            Text::ProviderRejected,
            move |form: TextForm| async move { api.reject_provider(id, &form).await },
            move |_| leave(Text::ProviderRejectedNamed, &name),
        )
    };
    let profile = match organisation.kind {
        OrganisationKind::Provider(profile) => Some(profile),
        _ => None,
    };
    let heading_id = format!("pending-{id}");
    let (rejected, approved) = (name.clone(), name.clone());
    let labelled_by = heading_id.clone();
    view! {
        <li class="sv-queue-item" data-testid="pending-provider" aria-labelledby=labelled_by>
            <h2 id=heading_id>{name}</h2>
            <dl class="sv-facts">
                <dt>{i18n.t(Text::CreditCode)}</dt>
                <dd>{organisation.credit_code.to_string()}</dd>
                <dt>{i18n.t(Text::Contact)}</dt>
                <dd>{organisation.contact_email.to_string()} " · " {organisation.contact_phone.to_string()}</dd>
            </dl>
            {profile.map(|profile| view! { <ProfileDetails profile/> })}
            <div class="sv-decisions">
                <div>
                    <button type="button" class="primary" data-testid="approve" disabled=move || approve.pending() on:click=move |_| {
                        let name = approved.clone();
                        approve.ask((), Text::Approve, move || i18n.fill(Text::ApproveConsequence, &[("name", &name)]))
                    }>
                        {i18n.t(Text::Approve)}
                    </button>
                    <ActStatus act=approve/>
                </div>
                <ReasonForm
                    id=format!("reject-{id}")
                    testid="reject-form"
                    label=Text::RejectReason
                    submit=Text::Reject
                    act=reject
                    consequence=Signal::derive(move || i18n.fill(Text::RejectConsequence, &[("name", &rejected)]))
                />
            </div>
        </li>
    }
}

/// What the provider declared: its qualifications and the items it serves.
#[component]
fn ProfileDetails(profile: ProviderProfile) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{i18n.t(Text::Qualifications)}</h3>
        <DataTable
            label=Text::Qualifications
            class="sv-table"
            columns=vec![
                Text::QualificationType.into(),
                Text::QualificationLevel.into(),
                Text::CertificateNumber.into(),
                Text::Issuer.into(),
                Text::ValidPeriod.into(),
            ]
        >
            {profile
                        .qualifications
                        .into_iter()
                        .map(|q| {
                            view! {
                                <tr>
                                    <td>
                                        {format::qualification(i18n, q.qualification_type().as_str())}
                                    </td>
                                    <td>{q.level().to_string()}</td>
                                    <td class="code">{q.certificate_number().to_string()}</td>
                                    <td>{q.issuer().to_string()}</td>
                                    <td>{format!("{} – {}", q.valid_from(), q.valid_until())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
        <h3>{i18n.t(Text::ServedItems)}</h3>
        <DataTable
            label=Text::ServedItems
            class="sv-table"
            columns=vec![Text::Item.into(), Text::PublishedFee.into(), Text::CommittedDays.into()]
        >
            {profile
                        .served_items
                        .into_iter()
                        .map(|s| {
                            let days = s.committed_days.get();
                            view! {
                                <tr>
                                    <td class="code">{s.item.to_string()}</td>
                                    <td class="money">{s.published_fee.to_string()}</td>
                                    <td>{move || working_days(i18n, days)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}
