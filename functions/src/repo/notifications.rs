//! Notifications: what each organisation's inbox (and the supervisors' shared one) is told when
//! a project it takes part in changes. They are derived from the project's events and written in
//! the same transaction, so no change goes untold and nothing is told of a change that failed.

use super::{get_record, keys, query_page, to_data, Paged, RepoError};
use crate::store::{Condition, Cursor, Index, Item, Key, SortKey, Store, Write};
use chrono::{DateTime, Utc};
use market_domain::ids::OrganisationId;
use market_domain::project::{Event, EventKind, Project};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use market_domain::api::{Notification, NotificationKind};

/// Whose inbox: an organisation's, or the supervisors'.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Inbox {
    Organisation(OrganisationId),
    Supervision,
}

impl Inbox {
    fn owner(self) -> String {
        match self {
            Inbox::Organisation(id) => id.to_string(),
            Inbox::Supervision => "SUPERVISION".into(),
        }
    }
}

/// The writes that tell everyone concerned about `events`, which made `after`.
pub fn for_events(after: &Project, events: &[Event]) -> Vec<Write> {
    let mut told = Vec::new();
    let quoting: Vec<OrganisationId> = {
        let mut ids: Vec<_> = after.quotes.iter().map(|q| q.provider).collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let winner = after.winner().map(|w| w.provider);
    let buyer = Inbox::Organisation(after.buyer);
    for event in events {
        let mut tell = |inbox: Inbox, kind: NotificationKind| told.push((inbox, event.at, kind));
        match &event.kind {
            EventKind::QuestionAsked { .. } => tell(buyer, NotificationKind::QuestionAsked),
            EventKind::QuestionAnswered { question, .. } => {
                if let Some(q) = after.questions.iter().find(|q| q.id == *question) {
                    tell(Inbox::Organisation(q.asked_by), NotificationKind::QuestionAnswered)
                }
            }
            EventKind::BiddingClosed { .. } => tell(buyer, NotificationKind::BiddingClosed),
            EventKind::Selected { record, .. } => {
                tell(buyer, NotificationKind::Selected { won: false });
                for q in &record.quotes {
                    let won = q.quote_id == record.outcome.winner;
                    tell(Inbox::Organisation(q.provider_id), NotificationKind::Selected { won });
                }
            }
            EventKind::Failed { .. } => {
                tell(buyer, NotificationKind::Failed);
                for p in &quoting {
                    tell(Inbox::Organisation(*p), NotificationKind::Failed);
                }
            }
            EventKind::ObjectionFiled { .. } => {
                tell(buyer, NotificationKind::ObjectionFiled);
                tell(Inbox::Supervision, NotificationKind::ObjectionFiled);
            }
            EventKind::ObjectionRejected { objection, .. } | EventKind::ObjectionUpheld { objection, .. } => {
                let kind = if matches!(event.kind, EventKind::ObjectionUpheld { .. }) {
                    NotificationKind::ObjectionUpheld
                } else {
                    NotificationKind::ObjectionRejected
                };
                if let Some(o) = after.objections.iter().find(|o| o.id == *objection) {
                    tell(Inbox::Organisation(o.filed_by), kind.clone());
                }
                tell(buyer, kind);
            }
            EventKind::ContractProposed { contract } => {
                tell(Inbox::Organisation(contract.provider), NotificationKind::ContractProposed)
            }
            EventKind::ContractSigned { .. } => tell(buyer, NotificationKind::ContractSigned),
            EventKind::DeliverySubmitted { .. } => tell(buyer, NotificationKind::DeliverySubmitted),
            EventKind::DeliveryAccepted
            | EventKind::DeliveryReturned { .. }
            | EventKind::Evaluated { .. } => {
                let kind = match event.kind {
                    EventKind::DeliveryAccepted => NotificationKind::DeliveryAccepted,
                    EventKind::DeliveryReturned { .. } => NotificationKind::DeliveryReturned,
                    _ => NotificationKind::Evaluated,
                };
                if let Some(w) = winner {
                    tell(Inbox::Organisation(w), kind)
                }
            }
            _ => {}
        }
    }
    told.into_iter()
        .map(|(inbox, at, kind)| {
            let note = Notification {
                id: Uuid::new_v4(),
                at,
                project: Some(after.id),
                code: Some(after.code),
                title: Some(after.terms.title.clone()),
                kind,
            };
            write(inbox, &note)
        })
        .collect()
}

/// A notification not about a project (onboarding decisions, blacklisting).
pub fn about_organisation(inbox: Inbox, at: DateTime<Utc>, kind: NotificationKind) -> Write {
    write(inbox, &Notification { id: Uuid::new_v4(), at, project: None, code: None, title: None, kind })
}

fn write(inbox: Inbox, note: &Notification) -> Write {
    let item = Item::new(keys::notification(&inbox.owner(), note.at, note.id), to_data(note));
    Write::Put { item, condition: Condition::NotExists }
}

/// An inbox, newest first.
pub async fn inbox(
    store: &dyn Store,
    inbox: Inbox,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Notification>, RepoError> {
    let sk = SortKey::BeginsWith("NOTE#".into());
    query_page(store, Index::Table, keys::inbox(&inbox.owner()), sk, false, cursor, limit).await
}

#[derive(Serialize, Deserialize)]
struct ReadMark {
    read_up_to: DateTime<Utc>,
}

fn read_mark(inbox: Inbox) -> Key {
    Key::new(keys::inbox(&inbox.owner()), "READ")
}

/// Until when the inbox's owner has read everything (`None`: nothing read yet).
pub async fn read_up_to(store: &dyn Store, inbox: Inbox) -> Result<Option<DateTime<Utc>>, RepoError> {
    Ok(get_record::<ReadMark>(store, &read_mark(inbox)).await?.map(|m| m.read_up_to))
}

pub async fn mark_read(store: &dyn Store, inbox: Inbox, up_to: DateTime<Utc>) -> Result<(), RepoError> {
    let item = Item::new(read_mark(inbox), to_data(&ReadMark { read_up_to: up_to }));
    Ok(store.write(vec![Write::Put { item, condition: Condition::Always }]).await?)
}
