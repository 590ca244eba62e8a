//! Sessions: the refresh tokens that keep someone signed in for [`REFRESH_TTL`] while access
//! tokens ([`crate::auth::token`]) last minutes. Each refresh token is good for one use: using it
//! ([`rotate`]) ends it and issues the next, so a stolen token that was already used is worthless
//! and [`end`] (logging out) takes effect at once. The store keeps only each token's SHA-256.

use super::{from_item, keys, to_data, RepoError};
use crate::auth::{random_bytes, sha256_hex};
use crate::store::{Condition, Item, Key, Store, StoreError, Write};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use market_domain::ids::AccountId;
use serde::{Deserialize, Serialize};

/// How long a refresh token is good for unless used first.
pub const REFRESH_TTL: Duration = Duration::days(30);

/// What a refresh token stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Session {
    account: AccountId,
    /// When this token was issued.
    created_at: DateTime<Utc>,
}

fn key_of(token: &str) -> Key {
    keys::session(&sha256_hex(token))
}

/// A fresh token for `account` and the write that stores it.
fn issue(account: AccountId, now: DateTime<Utc>) -> (String, Write) {
    let token = URL_SAFE_NO_PAD.encode(random_bytes::<32>());
    let mut item = Item::new(key_of(&token), to_data(&Session { account, created_at: now }));
    item.expires_at = Some((now + REFRESH_TTL).timestamp());
    (token, Write::Put { item, condition: Condition::NotExists })
}

/// Starts a session (at login): its first refresh token.
pub async fn start(store: &dyn Store, account: AccountId, now: DateTime<Utc>) -> Result<String, RepoError> {
    let (token, put) = issue(account, now);
    store.write(vec![put]).await?;
    Ok(token)
}

/// Uses a refresh token: ends it and issues the next, in one atomic write. `None` when the token
/// is unknown, expired or already used; of concurrent uses of one token exactly one succeeds.
pub async fn rotate(
    store: &dyn Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(AccountId, String)>, RepoError> {
    let old = key_of(token);
    let Some(item) = store.get(&old).await? else { return Ok(None) };
    if item.expires_at.is_some_and(|at| at <= now.timestamp()) {
        return Ok(None);
    }
    let session: Session = from_item(&item)?;
    let (next, put) = issue(session.account, now);
    let writes = vec![Write::Delete { key: old, condition: Condition::Exists }, put];
    match store.write(writes).await {
        Ok(()) => Ok(Some((session.account, next))),
        // Someone used the token between our read and our write.
        Err(StoreError::ConditionFailed { index: 0, .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Ends a session (logout). Ending an unknown or already ended one is no error: the outcome is
/// the same.
pub async fn end(store: &dyn Store, token: &str) -> Result<(), RepoError> {
    store.write(vec![Write::Delete { key: key_of(token), condition: Condition::Always }]).await?;
    Ok(())
}
