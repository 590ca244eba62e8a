//! The accounts function: registration, sign-in with throttling, token refresh, sign-out, and each account's own view and notifications.

use market_functions::routes::{function, Function};

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let state = market_functions::AppState::from_env().await?;
    market_functions::serve::lambda_or_local(function(Function::Accounts, state)).await
}
