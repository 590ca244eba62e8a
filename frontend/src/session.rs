//! Who is signed in: the account and its tokens, kept in local storage so a reload stays signed
//! in, and shared with every component through the context. The access token lives 15 minutes;
//! the API client trades the refresh token for a new pair when it expires.

use leptos::prelude::*;
use market_domain::api::{AccountView, TokenResponse};
use market_domain::project::Role;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "market.session";

/// A signed-in session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignedIn {
    pub account: AccountView,
    access_token: String,
    refresh_token: String,
}

/// The session (or none), reactive.
#[derive(Clone, Copy)]
pub struct Session(RwSignal<Option<SignedIn>>);

impl Session {
    /// The signed-in account (tracked).
    pub fn account(self) -> Option<AccountView> {
        self.0.with(|s| s.as_ref().map(|s| s.account.clone()))
    }

    /// The signed-in role (tracked).
    pub fn role(self) -> Option<Role> {
        self.0.with(|s| s.as_ref().map(|s| s.account.role))
    }

    pub(crate) fn access_token(self) -> Option<String> {
        self.0.with_untracked(|s| s.as_ref().map(|s| s.access_token.clone()))
    }

    pub(crate) fn refresh_token(self) -> Option<String> {
        self.0.with_untracked(|s| s.as_ref().map(|s| s.refresh_token.clone()))
    }

    pub(crate) fn begin(self, tokens: TokenResponse) {
        let signed_in = SignedIn {
            account: tokens.account,
            access_token: tokens.access_token.expose().to_owned(),
            refresh_token: tokens.refresh_token.expose().to_owned(),
        };
        store(Some(&signed_in));
        self.0.set(Some(signed_in));
    }

    pub(crate) fn end(self) {
        store(None);
        self.0.set(None);
    }
}

fn store(session: Option<&SignedIn>) {
    let Some(storage) = window().local_storage().ok().flatten() else { return };
    let _ = match session.and_then(|s| serde_json::to_string(s).ok()) {
        Some(json) => storage.set_item(STORAGE_KEY, &json),
        None => storage.remove_item(STORAGE_KEY),
    };
}

/// Restores the session from local storage and provides it.
pub fn provide_session() -> Session {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str::<SignedIn>(&json).ok());
    let session = Session(RwSignal::new(stored));
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Told when the signed-in account's inbox changes (marked read), so the header's unread count
/// reads it again.
#[derive(Clone, Copy)]
pub struct InboxChanged(Trigger);

impl InboxChanged {
    pub fn provide() {
        provide_context(InboxChanged(Trigger::new()));
    }

    /// Taken when a component is made (a callback run later has no context to read).
    pub fn get() -> Option<InboxChanged> {
        use_context::<InboxChanged>()
    }

    pub fn notify(self) {
        self.0.notify();
    }

    /// Tracks the changes (in a resource that reads the inbox).
    pub fn track(self) {
        self.0.track();
    }
}
