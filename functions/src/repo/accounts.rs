//! Accounts (one per email) and organisations (with the providers-serving-an-item index, the
//! onboarding queue, the provider directory and credit records).

use super::{get_record, keys, query_all, query_page, to_data, Paged, RepoError};
use crate::store::{Condition, Cursor, Index, Item, Key, SortKey, Store, StoreError, Write};
use chrono::{DateTime, Utc};
use market_domain::credit::{CreditContribution, CreditRecord};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::organisation::{Organisation, OrganisationKind, ProviderStatus};
use market_domain::project::Role;
use market_domain::{Email, ServiceItemCode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person's login. The password is kept only as an argon2id hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub email: Email,
    pub role: Role,
    pub organisation: Option<OrganisationId>,
    pub password_hash: String,
    pub created_at: DateTime<Utc>,
}

/// Creates an account; refused if its email is taken (the email marker is a conditional put in
/// the same transaction). Supervisors' accounts are listed in the supervisors' index.
pub async fn create_account(store: &dyn Store, account: &Account) -> Result<(), RepoError> {
    match store.write(Vec::from(account_writes(account))).await {
        Err(StoreError::ConditionFailed { index: 1, .. }) => Err(RepoError::Duplicate("email")),
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Duplicate("account id")),
        other => Ok(other?),
    }
}

/// The writes that create an account: the account, then its email marker — both conditional on
/// being new, so a taken email refuses the whole batch.
fn account_writes(account: &Account) -> [Write; 2] {
    let marker = Item::new(keys::email(account.email.as_str()), serde_json::json!({ "account": account.id }));
    let mut item = Item::new(keys::account(account.id), to_data(account));
    if account.role == Role::Supervisor {
        item.gsi1 = Some(Key::new(keys::SUPERVISORS, account.id.to_string()));
    }
    [
        Write::Put { item, condition: Condition::NotExists },
        Write::Put { item: marker, condition: Condition::NotExists },
    ]
}

pub async fn account(store: &dyn Store, id: AccountId) -> Result<Option<Account>, RepoError> {
    get_record(store, &keys::account(id)).await
}

pub async fn account_by_email(store: &dyn Store, email: &str) -> Result<Option<Account>, RepoError> {
    #[derive(Deserialize)]
    struct Marker {
        account: AccountId,
    }
    match get_record::<Marker>(store, &keys::email(email)).await? {
        Some(marker) => account(store, marker.account).await,
        None => Ok(None),
    }
}

/// An organisation as stored, with the version its next update must name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored<T> {
    pub value: T,
    pub version: u64,
}

/// Saves an organisation: creates it (`before` = None) or updates the version read.
pub async fn save_organisation(
    store: &dyn Store,
    before: Option<&Stored<Organisation>>,
    after: &Organisation,
    registered_at: DateTime<Utc>,
) -> Result<u64, RepoError> {
    save_organisation_with(store, before, after, registered_at, Vec::new()).await
}

/// [`save_organisation`], with more writes that belong to the same change (the notification of
/// a supervisor's decision) in the same transaction, after the organisation's own.
pub async fn save_organisation_with(
    store: &dyn Store,
    before: Option<&Stored<Organisation>>,
    after: &Organisation,
    registered_at: DateTime<Utc>,
    extra: Vec<Write>,
) -> Result<u64, RepoError> {
    let (version, mut writes) = organisation_writes(before, after, registered_at);
    writes.extend(extra);
    match store.write(writes).await {
        Ok(()) => Ok(version),
        Err(StoreError::ConditionFailed { .. }) if before.is_none() => {
            Err(RepoError::Duplicate("organisation"))
        }
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Conflict),
        Err(e) => Err(e.into()),
    }
}

/// The writes that save an organisation, the organisation's own first (conditional on the
/// version read, or on being new), and the version it gets. Keeps its index entries in step:
/// the provider directory, the onboarding queue, and one entry under each catalogue item it
/// serves.
fn organisation_writes(
    before: Option<&Stored<Organisation>>,
    after: &Organisation,
    registered_at: DateTime<Utc>,
) -> (u64, Vec<Write>) {
    let version = before.map_or(1, |b| b.version + 1);
    let mut item = Item::new(keys::organisation(after.id), to_data(after));
    item.version = version;
    if let OrganisationKind::Provider(profile) = &after.kind {
        item.gsi2 = Some(Key::new(keys::PROVIDERS, after.id.to_string()));
        if profile.status == ProviderStatus::Pending {
            item.gsi1 = Some(Key::new(keys::PROVIDERS_PENDING, keys::at_then(registered_at, after.id)));
        }
    }
    let condition = before.map_or(Condition::NotExists, |b| Condition::VersionIs(b.version));
    let mut writes = vec![Write::Put { item, condition }];
    let served = |o: &Organisation| -> Vec<ServiceItemCode> {
        match &o.kind {
            OrganisationKind::Provider(p) => p.served_items.iter().map(|s| s.item.clone()).collect(),
            _ => Vec::new(),
        }
    };
    let old = before.map(|b| served(&b.value)).unwrap_or_default();
    let new = served(after);
    for code in new.iter().filter(|c| !old.contains(c)) {
        let entry = Item::new(keys::serves(code, after.id), serde_json::json!({ "provider": after.id }));
        writes.push(Write::Put { item: entry, condition: Condition::Always });
    }
    for code in old.iter().filter(|c| !new.contains(c)) {
        writes.push(Write::Delete { key: keys::serves(code, after.id), condition: Condition::Always });
    }
    (version, writes)
}

pub async fn organisation(
    store: &dyn Store,
    id: OrganisationId,
) -> Result<Option<Stored<Organisation>>, RepoError> {
    match store.get(&keys::organisation(id)).await? {
        Some(item) => Ok(Some(Stored { value: super::from_item(&item)?, version: item.version })),
        None => Ok(None),
    }
}

/// The ids of the providers serving a catalogue item.
pub async fn providers_serving(
    store: &dyn Store,
    item: &ServiceItemCode,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<OrganisationId>, RepoError> {
    #[derive(Deserialize)]
    struct Entry {
        provider: OrganisationId,
    }
    let sk = SortKey::BeginsWith(keys::serving_prefix().into());
    let page: Paged<Entry> =
        query_page(store, Index::Table, keys::item(item).pk, sk, true, cursor, limit).await?;
    Ok(Paged { items: page.items.into_iter().map(|e| e.provider).collect(), next: page.next })
}

/// Providers awaiting onboarding review, oldest first.
pub async fn pending_providers(
    store: &dyn Store,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Organisation>, RepoError> {
    query_page(store, Index::Gsi1, keys::PROVIDERS_PENDING, SortKey::All, true, cursor, limit).await
}

/// The provider directory.
pub async fn providers(
    store: &dyn Store,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<Paged<Organisation>, RepoError> {
    query_page(store, Index::Gsi2, keys::PROVIDERS, SortKey::All, true, cursor, limit).await
}

pub async fn add_credit_contribution(
    store: &dyn Store,
    provider: OrganisationId,
    contribution: &CreditContribution,
) -> Result<(), RepoError> {
    Ok(store.write(vec![credit_contribution_write(provider, contribution)]).await?)
}

/// The write that adds a contribution to a provider's credit record, for a transaction that
/// also records what earned it.
pub fn credit_contribution_write(provider: OrganisationId, contribution: &CreditContribution) -> Write {
    let key = keys::credit_contribution(provider, contribution.at, Uuid::new_v4());
    Write::Put { item: Item::new(key, to_data(contribution)), condition: Condition::NotExists }
}

/// A provider's whole credit record, oldest contribution first.
pub async fn credit_record(store: &dyn Store, provider: OrganisationId) -> Result<CreditRecord, RepoError> {
    let sk = SortKey::BeginsWith("CREDIT#".into());
    let contributions = query_all(store, Index::Table, keys::organisation(provider).pk, sk).await?;
    Ok(CreditRecord { provider, contributions })
}

/// Registers an organisation with its first account in one transaction: both are stored, or
/// neither is (a taken email leaves no organisation behind).
pub async fn register(
    store: &dyn Store,
    organisation: &Organisation,
    account: &Account,
    registered_at: DateTime<Utc>,
) -> Result<(), RepoError> {
    let (_, mut writes) = organisation_writes(None, organisation, registered_at);
    let email_marker = writes.len() + 1;
    writes.extend(account_writes(account));
    match store.write(writes).await {
        Err(StoreError::ConditionFailed { index: 0, .. }) => Err(RepoError::Duplicate("organisation")),
        Err(StoreError::ConditionFailed { index, .. }) if index == email_marker => {
            Err(RepoError::Duplicate("email"))
        }
        Err(StoreError::ConditionFailed { .. }) => Err(RepoError::Duplicate("account id")),
        other => Ok(other?),
    }
}

/// Every provider of the directory, page after page (the lists an inspection draws from).
pub async fn every_provider(store: &dyn Store) -> Result<Vec<Organisation>, RepoError> {
    query_all(store, Index::Gsi2, keys::PROVIDERS, SortKey::All).await
}

/// Every supervisor's account, by id (the inspectors an inspection draws from).
pub async fn supervisors(store: &dyn Store) -> Result<Vec<Account>, RepoError> {
    query_all(store, Index::Gsi1, keys::SUPERVISORS, SortKey::All).await
}
