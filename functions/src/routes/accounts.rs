//! The accounts function (`market-accounts`): registration, sign-in, refresh, sign-out, and each
//! account's own view and notifications. Also the creation of supervisors, which only the
//! operator's command-line tool does.

use crate::app::AppState;
use crate::auth::password::hash_password;
use crate::error::ApiError;
use crate::repo::accounts::{self, Account};
use market_domain::api::{FieldErrors, Password};
use market_domain::ids::AccountId;
use market_domain::project::Role;
use market_domain::Email;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

/// Creates a supervisor account (no organisation).
pub async fn create_supervisor(state: &AppState, email: &str, password: &str) -> Result<Account, ApiError> {
    let mut errors = FieldErrors::new();
    let email = errors.field("email", Email::parse(email));
    let password = errors.field("password", Password::parse(password));
    let (email, password) = errors.finish(|| Some((email?, password?)))?;
    let account = Account {
        id: AccountId(uuid::Uuid::new_v4()),
        email,
        role: Role::Supervisor,
        organisation: None,
        password_hash: hash_password(password.expose()),
        created_at: state.clock.now(),
    };
    accounts::create_account(state.store.as_ref(), &account).await?;
    Ok(account)
}
