//! The public read-only function: the catalogue and everything published.

use market_functions::routes::{function, Function};

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let state = market_functions::AppState::from_env().await?;
    market_functions::serve::lambda_or_local(function(Function::Public, state)).await
}
