//! The bidding function: what buyers and providers change — drafts, publishing, quotes, questions, choice, objections, contracts, delivery, evaluation.

use market_functions::routes::{function, Function};

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let state = market_functions::AppState::from_env().await?;
    market_functions::serve::lambda_or_local(function(Function::Bidding, state)).await
}
