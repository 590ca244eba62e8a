//! The need's timeline: every event of its log, with who and when, described in the reader's
//! language — events about quotes sealed until the selection, shown by their number alone — and
//! the log checked in the browser as a hash chain ending at the head the project publishes
//! (`market_domain::api::verify_events`, the very check `market-verify` runs).

use crate::api::{use_api, ApiError};
use crate::i18n::text::Project as Text;
use crate::i18n::{use_i18n, I18n, Translate};
use crate::ui::{format, Loaded};
use leptos::prelude::*;
use market_domain::api::{verify_events, Message, ProjectEvent};
use market_domain::ids::ProjectId;
use market_domain::project::{EventHash, EventKind, VerifiedLog};

/// A need's events as the reader may see them.
type Events = Vec<ProjectEvent>;

/// The most pages of events read (100 each): far more than any project has.
const MAX_PAGES: usize = 10;

async fn all_events(api: crate::api::Api, id: ProjectId) -> Result<Vec<ProjectEvent>, ApiError> {
    let mut events = Vec::new();
    let mut cursor = None;
    for _ in 0..MAX_PAGES {
        let page = api.project_events(id, cursor).await?;
        events.extend(page.items);
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    Ok(events)
}

/// An event in words (tracked).
fn describe(i18n: I18n, kind: &EventKind) -> String {
    let plain = |k: Text| k.get(i18n.locale()).to_owned();
    let at = |k: Text, when| i18n.fill(k, &[("at", &format::instant(when))]);
    match kind {
        EventKind::DraftCreated { .. } => plain(Text::EvDraftCreated),
        EventKind::DraftEdited { .. } => plain(Text::EvDraftEdited),
        EventKind::Published { closes_at, .. } => at(Text::EvPublished, *closes_at),
        EventKind::Cancelled { reason } => i18n.fill(Text::EvCancelled, &[("reason", reason.as_str())]),
        EventKind::QuoteSubmitted { quote, .. } => {
            i18n.fill(Text::EvQuoteSubmitted, &[("price", &quote.price.to_string())])
        }
        EventKind::QuoteWithdrawn { .. } => plain(Text::EvQuoteWithdrawn),
        EventKind::QuestionAsked { .. } => plain(Text::EvQuestionAsked),
        EventKind::QuestionAnswered { .. } => plain(Text::EvQuestionAnswered),
        EventKind::BiddingClosed { eligible, excluded } => i18n.fill(
            Text::EvBiddingClosed,
            &[("eligible", &eligible.len().to_string()), ("excluded", &excluded.len().to_string())],
        ),
        EventKind::Failed { eligible, required } => i18n.fill(
            Text::EvFailed,
            &[("eligible", &eligible.to_string()), ("required", &required.to_string())],
        ),
        EventKind::Selected { publicity_ends_at, .. } => at(Text::EvSelected, *publicity_ends_at),
        EventKind::ObjectionFiled { .. } => plain(Text::EvObjectionFiled),
        EventKind::ObjectionRejected { .. } => plain(Text::EvObjectionRejected),
        EventKind::ObjectionUpheld { .. } => plain(Text::EvObjectionUpheld),
        EventKind::ContractProposed { contract } => {
            i18n.fill(Text::EvContractProposed, &[("price", &contract.price.to_string())])
        }
        EventKind::ContractSigned { deadline, .. } => at(Text::EvContractSigned, *deadline),
        EventKind::ServiceStarted => plain(Text::EvServiceStarted),
        EventKind::DeliverySubmitted { .. } => plain(Text::EvDeliverySubmitted),
        EventKind::DeliveryAccepted => plain(Text::EvDeliveryAccepted),
        EventKind::DeliveryReturned { reason } => {
            i18n.fill(Text::EvDeliveryReturned, &[("reason", reason.as_str())])
        }
        EventKind::Evaluated { .. } => plain(Text::EvEvaluated),
    }
}

/// The first hex digits of a hash: enough to compare by eye; the whole one is in the title.
fn short(hash: &EventHash) -> String {
    hash.to_hex()[..16].to_owned()
}

/// The result of checking the log as a hash chain.
#[component]
fn ChainCheck(check: Result<VerifiedLog, Message>) -> impl IntoView {
    let i18n = use_i18n();
    match check {
        Ok(log) => {
            let text = move || {
                i18n.fill(
                    Text::ChainVerified,
                    &[
                        ("events", &log.events.to_string()),
                        ("sealed", &log.sealed.to_string()),
                        ("head", &short(&log.head)),
                    ],
                )
            };
            view! {
                <p class="success chain-result" data-testid="chain-result" role="status" title=log.head.to_hex()>
                    {text}
                </p>
            }
            .into_any()
        }
        Err(reason) => view! {
            <p class="error chain-result" data-testid="chain-result" role="alert">
                {move || i18n.fill(Text::ChainBroken, &[("reason", &i18n.message(&reason))])}
            </p>
        }
        .into_any(),
    }
}

/// `version` and `head` are the project's: a newer version (after an action) reloads the log,
/// which must hash to `head` at its event number `version`.
#[component]
pub fn Timeline(id: ProjectId, version: u64, head: EventHash) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let events = LocalResource::new(move || {
        let _ = version;
        all_events(api, id)
    });
    view! {
        <section class="panel" data-testid="timeline">
            <h2>{i18n.t(Text::Timeline)}</h2>
            <Loaded
                resource=events
                view=move |events: Events| {
                    let check = verify_events(&events, head, version).map_err(|e| Message::from(&e));
                    let sealed = events.iter().any(|e| e.event.is_none());
                    view! {
                        <ChainCheck check/>
                        {sealed.then(|| view! { <p class="hint">{i18n.t(Text::TimelineSealed)}</p> })}
                        <ol class="timeline">
                            {events.into_iter().map(|e| match e.event {
                                Some(event) => {
                                    let kind = event.kind;
                                    let role = format::role(event.actor.role);
                                    view! {
                                        <li value=e.seq.to_string()>
                                            <time datetime=event.at.to_rfc3339()>{format::instant(event.at)}</time>
                                            " · " <span class="actor">{i18n.t(role)}</span> " · "
                                            <span>{move || describe(i18n, &kind)}</span>
                                        </li>
                                    }
                                    .into_any()
                                }
                                None => {
                                    let (shown, whole) = e.hash.map(|h| (short(&h), h.to_hex())).unwrap_or_default();
                                    view! {
                                        <li value=e.seq.to_string() class="sealed">
                                            {i18n.t(Text::EvSealed)} " · " <code class="hex" title=whole>{shown}</code>
                                        </li>
                                    }
                                    .into_any()
                                }
                            }).collect_view()}
                        </ol>
                    }
                }
            />
        </section>
    }
}
