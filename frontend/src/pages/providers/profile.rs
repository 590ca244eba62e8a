//! A provider's public profile (`/providers/{id}`): who it is, its qualifications, the services
//! it offers at which fee, its standing, its ratings by dimension, and its credit record line by
//! line — the score is the base plus the lines, and the page shows that sum. A provider's own
//! "my credit" link leads here too.

use super::item_name;
use crate::api::{use_api, ApiError};
use crate::components::ratings::Ratings;
use crate::i18n::text::Providers as Text;
use crate::i18n::use_i18n;
use crate::ui::{format, DataTable, Loaded};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use market_domain::api::{CreditView, ProviderView};
use market_domain::ids::OrganisationId;
use market_domain::organisation::{OrganisationKind, ProviderProfile, ProviderStatus};
use market_domain::Catalogue;

type Loaded3 = (ProviderView, CreditView, Catalogue);

#[component]
pub fn Profile() -> impl IntoView {
    let api = use_api();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<OrganisationId>().ok()));
    let profile = LocalResource::new(move || {
        let id = id();
        async move {
            let Some(id) = id else {
                return Err(ApiError::NoSuchAddress);
            };
            Ok((api.provider(id).await?, api.provider_credit(id).await?, api.catalogue().await?))
        }
    });
    view! { <Loaded resource=profile view=|(provider, credit, catalogue): Loaded3| view! { <ProfileView provider credit catalogue/> }/> }
}

#[component]
fn ProfileView(provider: ProviderView, credit: CreditView, catalogue: Catalogue) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = provider.organisation;
    let profile = match organisation.kind {
        OrganisationKind::Provider(profile) => Some(profile),
        _ => None,
    };
    view! {
        <section class="panel provider-profile" data-testid="provider-profile">
            <h1>{organisation.name.to_string()}</h1>
            <dl class="facts">
                <dt>{i18n.t(Text::CreditCode)}</dt><dd>{organisation.credit_code.to_string()}</dd>
                <dt>{i18n.t(Text::Email)}</dt><dd>{organisation.contact_email.to_string()}</dd>
                <dt>{i18n.t(Text::Phone)}</dt><dd>{organisation.contact_phone.to_string()}</dd>
                <dt>{i18n.t(Text::ColumnScore)}</dt><dd class="score">{provider.score}</dd>
                <dt>{i18n.t(Text::ColumnRating)}</dt>
                <dd>{match provider.rating {
                    Some(x) => format::rating(x).into_any(),
                    None => view! { <span class="muted">{i18n.t(Text::Unrated)}</span> }.into_any(),
                }}</dd>
            </dl>
        </section>
        {profile.map(|profile| view! { <ProviderFacts profile catalogue/> })}
        <Ratings ratings=provider.ratings_by_dimension/>
        <CreditRecord credit/>
    }
}

#[component]
fn ProviderFacts(profile: ProviderProfile, catalogue: Catalogue) -> impl IntoView {
    let i18n = use_i18n();
    let status = match profile.status {
        ProviderStatus::Pending => Text::StatusPending,
        ProviderStatus::Approved => Text::StatusApproved,
        ProviderStatus::Rejected { .. } => Text::StatusRejected,
        ProviderStatus::Suspended { .. } => Text::StatusSuspended,
    };
    let qualifications = if profile.qualifications.is_empty() {
        view! { <p class="empty">{i18n.t(Text::NoQualifications)}</p> }.into_any()
    } else {
        let rows = profile
            .qualifications
            .iter()
            .map(|q| {
                let validity = format!("{} – {}", q.valid_from(), q.valid_until());
                view! {
                    <tr>
                        <td>{format::qualification(i18n, q.qualification_type().as_str())}</td>
                        <td>{q.level().to_string()}</td>
                        <td>{q.certificate_number().to_string()}</td>
                        <td>{q.issuer().to_string()}</td>
                        <td>{validity}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                label=Text::Qualifications
                testid="qualifications"
                columns=vec![
                    Text::QualificationType.into(),
                    Text::QualificationLevel.into(),
                    Text::CertificateNumber.into(),
                    Text::Issuer.into(),
                    Text::Validity.into(),
                ]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    let served = profile
        .served_items
        .into_iter()
        .map(|s| {
            let catalogue = catalogue.clone();
            view! {
                <tr data-testid="served-item">
                    <th scope="row">{move || item_name(i18n, &catalogue, &s.item)}</th>
                    <td>{s.published_fee.to_string()}</td>
                    <td>{move || format::working_days(i18n, s.committed_days.get())}</td>
                </tr>
            }
        })
        .collect_view();
    let blacklistings = if profile.blacklistings.is_empty() {
        view! { <p class="empty">{i18n.t(Text::NoBlacklistings)}</p> }.into_any()
    } else {
        let items = profile
            .blacklistings
            .into_iter()
            .map(|b| {
                let term = move || {
                    i18n.fill(Text::BlacklistingTerm, &[("from", &format::date(b.from)), ("until", &format::date(b.until))])
                };
                view! { <li class="blacklisting"><span class="term">{term}</span> " " {b.reason.clone()}</li> }
            })
            .collect_view();
        view! { <ul data-testid="blacklistings">{items}</ul> }.into_any()
    };
    view! {
        <section class="panel">
            <h2>{i18n.t(Text::Status)}</h2>
            <p data-testid="provider-status">{i18n.t(status)}</p>
            <h3>{i18n.t(Text::Blacklistings)}</h3>
            {blacklistings}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Qualifications)}</h2>
            {qualifications}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::ServedItems)}</h2>
            <DataTable
                label=Text::ServedItems
                columns=vec![Text::ColumnItems.into(), Text::PublishedFee.into(), Text::CommittedDays.into()]
            >
                {served}
            </DataTable>
        </section>
    }
}

/// The credit record: each line's reason in the reader's language, its points and date, and
/// the sum that makes the score.
#[component]
fn CreditRecord(credit: CreditView) -> impl IntoView {
    let i18n = use_i18n();
    let lines: i32 = credit.contributions.iter().map(|c| c.contribution.points).sum();
    let (base, score) = (credit.base_score, credit.score);
    let sum = move || {
        i18n.fill(
            Text::CreditSum,
            &[("base", &base.to_string()), ("lines", &signed(lines)), ("score", &score.to_string())],
        )
    };
    let table = if credit.contributions.is_empty() {
        view! { <p class="empty">{i18n.t(Text::NoCreditLines)}</p> }.into_any()
    } else {
        let rows = credit
            .contributions
            .into_iter()
            .map(|line| {
                let points = line.contribution.points;
                view! {
                    <tr data-testid="credit-line" data-points=points>
                        <td>{format::date(line.contribution.at)}</td>
                        <td>{move || i18n.message(&line.explanation)}</td>
                        <td class="points" class:negative=points < 0>{signed(points)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                label=Text::Credit
                class="credit-table"
                columns=vec![Text::CreditDate.into(), Text::CreditReason.into(), Text::CreditPoints.into()]
            >
                {rows}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section class="panel" data-testid="credit-record">
            <h2>{i18n.t(Text::Credit)}</h2>
            <p class="intro">{i18n.t(Text::CreditIntro)}</p>
            <p class="credit-score"><span data-testid="credit-score" data-base=base>{score}</span></p>
            <p class="credit-sum" data-testid="credit-sum">{sum}</p>
            {table}
        </section>
    }
}

/// Points with their sign: `+3`, `-10`, `0`.
fn signed(points: i32) -> String {
    if points > 0 {
        format!("+{points}")
    } else {
        points.to_string()
    }
}
