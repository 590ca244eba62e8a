//! A provider's own profile: where its onboarding stands, its qualifications, the services it
//! offers and its contact, with a link to the public profile and credit record.

use crate::api::use_api;
use crate::i18n::text::{Common, Provider as Text};
use crate::i18n::use_i18n;
use crate::ui::{format, DataTable, Loaded, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::MeView;
use market_domain::organisation::{Organisation, OrganisationKind, ProviderProfile, ProviderStatus};
use market_domain::project::Role;

#[component]
pub fn MyProfile() -> impl IntoView {
    view! {
        <RolePage roles=&[Role::Provider] heading=Common::NavMyProfile intro=Text::ProfileIntro>
            <Profile/>
        </RolePage>
    }
}

#[component]
fn Profile() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let me = LocalResource::new(move || api.me());
    let show = move |me: MeView| match me.organisation {
        Some(organisation) => match organisation.kind.clone() {
            OrganisationKind::Provider(profile) => view! { <ProfileView organisation profile/> }.into_any(),
            _ => view! { <p>{i18n.t(Text::OtherKindAccount)}</p> }.into_any(),
        },
        None => view! { <p>{i18n.t(Text::OtherKindAccount)}</p> }.into_any(),
    };
    view! { <Loaded resource=me view=show/> }
}

#[component]
fn ProfileView(organisation: Organisation, profile: ProviderProfile) -> impl IntoView {
    let i18n = use_i18n();
    let status = move || match &profile.status {
        ProviderStatus::Pending => i18n.fill(Text::OnboardingPending, &[]),
        ProviderStatus::Approved => i18n.fill(Text::OnboardingApproved, &[]),
        ProviderStatus::Rejected { reason } => i18n.fill(Text::OnboardingRejected, &[("reason", reason)]),
        ProviderStatus::Suspended { reason } => i18n.fill(Text::OnboardingSuspended, &[("reason", reason)]),
    };
    let id = organisation.id;
    let qualifications = profile.qualifications.clone();
    let served = profile.served_items.clone();
    view! {
        <h2>{organisation.name.to_string()}</h2>
        <p><A href=format!("/providers/{id}")>{i18n.t(Text::PublicProfile)}</A></p>
        <h3>{i18n.t(Text::Onboarding)}</h3>
        <p data-testid="onboarding-status">{status}</p>
        <h3>{i18n.t(Text::Contact)}</h3>
        <dl class="provider-contact">
            <dt>{i18n.t(Text::CreditCode)}</dt>
            <dd>{organisation.credit_code.to_string()}</dd>
            <dt>{i18n.t(Text::ContactEmail)}</dt>
            <dd>{organisation.contact_email.to_string()}</dd>
            <dt>{i18n.t(Text::ContactPhone)}</dt>
            <dd>{organisation.contact_phone.to_string()}</dd>
        </dl>
        <h3>{i18n.t(Text::ServedItems)}</h3>
        <DataTable
            label=Text::ServedItems
            testid="served-items"
            columns=vec![Text::ServedItems.into(), Text::PublishedFee.into(), Text::CommittedDays.into()]
        >
            {served
                        .into_iter()
                        .map(|s| {
                            let days = s.committed_days.get();
                            view! {
                                <tr>
                                    <td>{s.item.to_string()}</td>
                                    <td class="number">{s.published_fee.to_string()}</td>
                                    <td>{move || format::working_days(i18n, days)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
        <h3>{i18n.t(Text::Qualifications)}</h3>
        {if qualifications.is_empty() {
            view! { <p>{i18n.t(Text::NoQualifications)}</p> }.into_any()
        } else {
            view! {
                <DataTable
                    label=Text::Qualifications
                    testid="qualifications"
                    columns=vec![
                        Text::QualificationType.into(),
                        Text::Level.into(),
                        Text::CertificateNumber.into(),
                        Text::Issuer.into(),
                        Text::Validity.into(),
                    ]
                >
                    {qualifications
                                .into_iter()
                                .map(|q| view! {
                                    <tr>
                                        <td>{format::qualification(i18n, q.qualification_type().as_str())}</td>
                                        <td>{q.level().to_string()}</td>
                                        <td>{q.certificate_number().to_string()}</td>
                                        <td>{q.issuer().to_string()}</td>
                                        <td>{format!("{} – {}", q.valid_from(), q.valid_until())}</td>
                                    </tr>
                                })
                                .collect_view()}
                </DataTable>
            }
            .into_any()
        }}
    }
}
