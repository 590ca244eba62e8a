//! The accounts function (`market-accounts`): registration, sign-in, refresh, sign-out, and each
//! account's own view and notifications. Also the creation of supervisors, which only the
//! operator's command-line tool does.
//!
//! Signing in answers the same 401 for an unknown email and a wrong password, after the same
//! work (a real or a dummy argon2 check) and with the same failure counted, so neither the answer
//! nor its timing nor the throttling tells who has an account.

use crate::access::Signed;
use crate::app::AppState;
use crate::auth::password::{dummy_verify, hash_password, verify_password};
use crate::auth::token::{Claims, ACCESS_TOKEN_TTL};
use crate::error::ApiError;
use crate::extract::{ClientAddress, Json, Paging, Query};
use crate::repo::accounts::{self, Account};
use crate::repo::notifications::{self, Inbox, Notification};
use crate::repo::{sessions, throttle, RepoError};
use crate::store::StoreError;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use market_domain::api::{
    AccountView, ErrorBody, FieldErrors, LoginForm, MeView, NotificationView, OrganisationKindName, Page,
    Password, RefreshForm, Registration, RegistrationForm, SecretText, TokenResponse,
};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::project::Role;
use market_domain::Email;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(sign_in))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(notifications_page))
        .routes(routes!(mark_notifications_read))
}

/// Registers an enterprise, a department or a provider with the account that acts for it. A
/// provider starts pending: it appears in the supervisors' onboarding queue and may not quote
/// until approved. The organisation and its account are stored together or not at all.
#[utoipa::path(
    post,
    path = "/api/v1/accounts",
    tag = "accounts",
    request_body = RegistrationForm,
    responses(
        (status = 201, description = "registered; sign in next", body = AccountView),
        (status = 409, description = "the email is taken", body = ErrorBody),
        (status = 422, description = "every field that does not parse", body = ErrorBody),
    )
)]
async fn register(
    State(state): State<AppState>,
    Json(form): Json<RegistrationForm>,
) -> Result<(StatusCode, axum::Json<AccountView>), ApiError> {
    let Registration { organisation, login_email, password } = form.parse(OrganisationId(Uuid::new_v4()))?;
    let role = match OrganisationKindName::of(&organisation.kind) {
        OrganisationKindName::Enterprise => Role::Enterprise,
        OrganisationKindName::Department => Role::Department,
        OrganisationKindName::Provider => Role::Provider,
    };
    let password_hash = hash_off_runtime(password).await?;
    let now = state.clock.now();
    let account = Account {
        id: AccountId(Uuid::new_v4()),
        email: login_email,
        role,
        organisation: Some(organisation.id),
        password_hash,
        created_at: now,
    };
    accounts::register(state.store.as_ref(), &organisation, &account, now).await?;
    Ok((StatusCode::CREATED, axum::Json(view(&account))))
}

/// Signs in with email and password: a 15-minute access token and a 30-day, single-use refresh
/// token. After 5 failures within 15 minutes for one email, or from one address, further
/// attempts wait (429 with `Retry-After`), even with the right password.
#[utoipa::path(
    post,
    path = "/api/v1/sessions",
    tag = "accounts",
    request_body = LoginForm,
    responses(
        (status = 200, description = "signed in", body = TokenResponse),
        (status = 401, description = "no account with this email and password", body = ErrorBody),
        (status = 422, description = "a field left empty or not an email address", body = ErrorBody),
        (status = 429, description = "too many failures; see the Retry-After header (seconds)", body = ErrorBody,
            headers(("Retry-After" = u64, description = "seconds until the next attempt is heard"))),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    address: ClientAddress,
    Json(form): Json<LoginForm>,
) -> Result<axum::Json<TokenResponse>, ApiError> {
    let login = form.parse()?;
    let store = state.store.as_ref();
    let now = state.clock.now();
    let account_subject = format!("account:{}", login.email.as_str().to_lowercase());
    let subjects = [account_subject.as_str(), &format!("address:{}", address.0)];
    let mut wait = None;
    for subject in subjects {
        wait = wait.max(throttle::retry_after(store, subject, now).await?);
    }
    if let Some(wait) = wait {
        return Err(ApiError::Throttled { retry_after_seconds: whole_seconds_rounded_up(wait) });
    }
    let account = accounts::account_by_email(store, login.email.as_str()).await?;
    let hash = account.as_ref().map(|a| a.password_hash.clone());
    let verified = verify_off_runtime(login.password, hash).await?;
    let Some(account) = account.filter(|_| verified) else {
        // An unknown email counts like a wrong password: otherwise which emails never get
        // throttled would tell which have accounts.
        for subject in subjects {
            throttle::record_failure(store, subject, now).await?;
        }
        return Err(ApiError::WrongCredentials);
    };
    throttle::clear(store, &account_subject).await?;
    let refresh_token = sessions::start(store, account.id, now).await?;
    Ok(axum::Json(token_response(&state, &account, refresh_token, now)))
}

/// Trades a refresh token for a new pair. Each refresh token is good once: the old one is ended
/// by this call, and using it again is refused. The account is read afresh, so a changed role
/// takes effect at the next refresh.
#[utoipa::path(
    post,
    path = "/api/v1/sessions/refresh",
    tag = "accounts",
    request_body = RefreshForm,
    responses(
        (status = 200, description = "a new access token and refresh token", body = TokenResponse),
        (status = 401, description = "the refresh token is unknown, used or expired", body = ErrorBody),
        (status = 422, description = "no refresh token given", body = ErrorBody),
    )
)]
async fn refresh(
    State(state): State<AppState>,
    Json(form): Json<RefreshForm>,
) -> Result<axum::Json<TokenResponse>, ApiError> {
    let token = form.parse()?;
    let store = state.store.as_ref();
    let now = state.clock.now();
    let (account, next) = match sessions::rotate(store, token.expose(), now).await {
        Ok(Some(rotated)) => rotated,
        Ok(None) => return Err(ApiError::Unauthorized),
        // DynamoDB cancels a transaction that races another on the same item (two uses of one
        // token at once) with TransactionConflict, which the store reports as unavailable: the
        // other use won, so this one is refused like any used token.
        Err(RepoError::Store(StoreError::Unavailable(reason))) => {
            tracing::warn!(%reason, "refusing a refresh whose rotation failed");
            return Err(ApiError::Unauthorized);
        }
        Err(e) => return Err(e.into()),
    };
    let account = accounts::account(store, account).await?.ok_or(ApiError::Unauthorized)?;
    Ok(axum::Json(token_response(&state, &account, next, now)))
}

/// Signs out: ends the session of the refresh token at once. Access tokens already issued run
/// out within 15 minutes. Ending an unknown or ended session is no error.
#[utoipa::path(
    post,
    path = "/api/v1/sessions/logout",
    tag = "accounts",
    request_body = RefreshForm,
    responses(
        (status = 204, description = "signed out"),
        (status = 422, description = "no refresh token given", body = ErrorBody),
    )
)]
async fn logout(
    State(state): State<AppState>,
    Json(form): Json<RefreshForm>,
) -> Result<StatusCode, ApiError> {
    let token = form.parse()?;
    sessions::end(state.store.as_ref(), token.expose()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account and its organisation (none for a supervisor).
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    responses(
        (status = 200, body = MeView),
    ),
)]
async fn me(State(state): State<AppState>, signed: Signed) -> Result<axum::Json<MeView>, ApiError> {
    let store = state.store.as_ref();
    let account = accounts::account(store, signed.claims.account).await?.ok_or(ApiError::Unauthorized)?;
    let organisation = match account.organisation {
        Some(id) => accounts::organisation(store, id).await?.map(|stored| stored.value),
        None => None,
    };
    Ok(axum::Json(MeView { account: view(&account), organisation }))
}

/// The inbox, newest first: the organisation's, or for supervisors their shared one (objections
/// filed, …).
#[utoipa::path(
    get,
    path = "/api/v1/me/notifications",
    tag = "accounts",
    params(Paging),
    responses(
        (status = 200, body = Page<NotificationView>),
    ),
)]
async fn notifications_page(
    State(state): State<AppState>,
    signed: Signed,
    Query(paging): Query<Paging>,
) -> Result<axum::Json<Page<NotificationView>>, ApiError> {
    let store = state.store.as_ref();
    let inbox = inbox_of(&signed)?;
    let read_up_to = notifications::read_up_to(store, inbox).await?;
    let page = notifications::inbox(store, inbox, paging.cursor(), paging.limit()).await?;
    let items = page
        .items
        .into_iter()
        .map(|notification| NotificationView { unread: is_unread(&notification, read_up_to), notification })
        .collect();
    Ok(axum::Json(Page { items, next: page.next.map(|c| c.0) }))
}

/// Marks everything in the inbox up to now as read.
#[utoipa::path(
    post,
    path = "/api/v1/me/notifications/read",
    tag = "accounts",
    responses(
        (status = 204, description = "everything so far is read"),
    ),
)]
async fn mark_notifications_read(
    State(state): State<AppState>,
    signed: Signed,
) -> Result<StatusCode, ApiError> {
    notifications::mark_read(state.store.as_ref(), inbox_of(&signed)?, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Creates a supervisor account (no organisation).
pub async fn create_supervisor(state: &AppState, email: &str, password: &str) -> Result<Account, ApiError> {
    let mut errors = FieldErrors::new();
    let email = errors.field("email", Email::parse(email));
    let password = errors.field("password", Password::parse(password));
    let (email, password) = errors.finish(|| Some((email?, password?)))?;
    let account = Account {
        id: AccountId(Uuid::new_v4()),
        email,
        role: Role::Supervisor,
        organisation: None,
        password_hash: hash_off_runtime(password).await?,
        created_at: state.clock.now(),
    };
    accounts::create_account(state.store.as_ref(), &account).await?;
    Ok(account)
}

// --- the parts the handlers share ----------------------------------------------------------------

fn view(account: &Account) -> AccountView {
    AccountView {
        id: account.id,
        email: account.email.clone(),
        role: account.role,
        organisation: account.organisation,
    }
}

/// A fresh access token for `account` with the refresh token already stored for it.
fn token_response(
    state: &AppState,
    account: &Account,
    refresh_token: String,
    now: DateTime<Utc>,
) -> TokenResponse {
    let claims = Claims {
        account: account.id,
        role: account.role,
        organisation: account.organisation,
        expires_at: (now + ACCESS_TOKEN_TTL).timestamp(),
    };
    TokenResponse {
        access_token: SecretText::new(state.tokens.sign(&claims)),
        refresh_token: SecretText::new(refresh_token),
        expires_in: u32::try_from(ACCESS_TOKEN_TTL.num_seconds()).expect("minutes fit in u32"),
        account: view(account),
    }
}

/// Hashes a new password on the blocking pool: argon2 takes tens of milliseconds of CPU, which
/// would stall every other request on this runtime thread.
async fn hash_off_runtime(password: Password) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password(password.expose())).await.map_err(|e| {
        tracing::error!(error = %e, "hashing a password failed");
        ApiError::Internal
    })
}

/// Checks a password against an account's hash — or, with no account, against a dummy hash, so
/// that the answer takes as long either way.
async fn verify_off_runtime(password: SecretText, hash: Option<String>) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(password.expose(), &hash),
        None => {
            dummy_verify(password.expose());
            false
        }
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "checking a password failed");
        ApiError::Internal
    })
}

/// Whole seconds, never rounding a wait down to less than it is.
fn whole_seconds_rounded_up(wait: Duration) -> u64 {
    let seconds = wait.num_seconds();
    let rounded = if wait > Duration::seconds(seconds) { seconds + 1 } else { seconds };
    u64::try_from(rounded.max(1)).unwrap_or(1)
}

/// Whose inbox the caller reads: supervisors share one; everyone else reads their organisation's.
fn inbox_of(signed: &Signed) -> Result<Inbox, ApiError> {
    match (signed.claims.role, signed.claims.organisation) {
        (Role::Supervisor, _) => Ok(Inbox::Supervision),
        (_, Some(organisation)) => Ok(Inbox::Organisation(organisation)),
        (role, None) => {
            tracing::error!(?role, account = %signed.claims.account, "an account without an organisation");
            Err(ApiError::Internal)
        }
    }
}

fn is_unread(notification: &Notification, read_up_to: Option<DateTime<Utc>>) -> bool {
    read_up_to.is_none_or(|read| notification.at > read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up_to_whole_seconds() {
        assert_eq!(whole_seconds_rounded_up(Duration::minutes(15)), 900);
        assert_eq!(whole_seconds_rounded_up(Duration::milliseconds(899_001)), 900);
        assert_eq!(whole_seconds_rounded_up(Duration::nanoseconds(1)), 1);
        assert_eq!(whole_seconds_rounded_up(Duration::seconds(61)), 61);
    }
}
