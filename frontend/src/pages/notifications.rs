//! The signed-in organisation's inbox, newest first and paged: each notification says what
//! happened in the reader's language and links to its need; unread ones are marked until the
//! inbox is marked read.

use crate::api::use_api;
use crate::i18n::text::Notifications as Text;
use crate::i18n::use_i18n;
use crate::session::{use_session, InboxChanged};
use crate::ui::{format, Act, ActStatus, Cursors, Loaded, Pager, RolePage};
use leptos::prelude::*;
use leptos_router::components::A;
use market_domain::api::{NotificationKind, NotificationView};
use market_domain::project::Role;

/// What happened; `provider` readers are told whether their quote won a selection.
fn describe(kind: &NotificationKind, provider: bool) -> Text {
    use NotificationKind::*;
    match kind {
        QuestionAsked => Text::QuestionAsked,
        QuestionAnswered => Text::QuestionAnswered,
        BiddingClosed => Text::BiddingClosed,
        Selected { .. } if !provider => Text::Selected,
        Selected { won: true } => Text::SelectedWon,
        Selected { won: false } => Text::SelectedLost,
        Failed => Text::Failed,
        ObjectionFiled => Text::ObjectionFiled,
        ObjectionRejected => Text::ObjectionRejected,
        ObjectionUpheld => Text::ObjectionUpheld,
        ContractProposed => Text::ContractProposed,
        ContractSigned => Text::ContractSigned,
        DeliverySubmitted => Text::DeliverySubmitted,
        DeliveryAccepted => Text::DeliveryAccepted,
        DeliveryReturned => Text::DeliveryReturned,
        Evaluated => Text::Evaluated,
        ProviderApproved => Text::ProviderApproved,
        ProviderRejected => Text::ProviderRejected,
        Blacklisted => Text::Blacklisted,
    }
}

#[component]
pub fn Notifications() -> impl IntoView {
    const EVERYONE: &[Role] = &[Role::Enterprise, Role::Department, Role::Provider, Role::Supervisor];
    view! {
        <RolePage roles=EVERYONE heading=Text::Heading>
            <Inbox/>
        </RolePage>
    }
}

#[component]
fn Inbox() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let cursors = Cursors::new();
    let page = LocalResource::new(move || {
        let cursor = cursors.current();
        // Another account signing in here reads its own inbox.
        session.account();
        async move { api.notifications(cursor).await }
    });
    let inbox_changed = InboxChanged::get();
    let act = Act::new(
        Text::MarkedRead,
        move |()| async move { api.mark_notifications_read().await },
        move |()| {
            page.refetch();
            if let Some(changed) = inbox_changed {
                changed.notify();
            }
        },
    );
    let mark_read = move |_| act.run(());
    view! {
        <div class="inbox-actions">
            <button type="button" class="secondary" data-testid="mark-read" disabled=move || act.pending() on:click=mark_read>
                {i18n.t(Text::MarkAllRead)}
            </button>
            <ActStatus act/>
        </div>
        <Loaded
            resource=page
            view=move |page| {
                let empty = page.items.is_empty();
                view! {
                    {empty.then(|| view! { <p>{i18n.t(Text::Empty)}</p> })}
                    <ul class="inbox" data-testid="inbox">
                        {page.items.into_iter().map(|n| view! { <Line n/> }).collect_view()}
                    </ul>
                    <Pager cursors next=page.next/>
                }
            }
        />
    }
}

#[component]
fn Line(n: NotificationView) -> impl IntoView {
    let i18n = use_i18n();
    let notification = n.notification;
    let provider = use_session().role() == Some(Role::Provider);
    let what = describe(&notification.kind, provider);
    let label = match (&notification.code, &notification.title) {
        (Some(code), Some(title)) => format!("{code} {title}"),
        (Some(code), None) => code.to_string(),
        (None, Some(title)) => title.to_string(),
        (None, None) => String::new(),
    };
    let link = notification.project.map(|id| view! { <A href=format!("/projects/{id}")>{label}</A> });
    view! {
        <li class="inbox-line" class:unread=n.unread data-testid="notification">
            {n.unread.then(|| view! { <span class="inbox-unread">{i18n.t(Text::Unread)}</span> })}
            <span class="inbox-what">{i18n.t(what)}</span>
            {link}
            <time datetime=notification.at.to_rfc3339()>{format::instant(notification.at)}</time>
        </li>
    }
}
