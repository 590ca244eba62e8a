//! The public read-only function: the catalogue and everything published.

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let state = market_functions::AppState::from_env().await?;
    let app = market_functions::routes::public_function(state);
    market_functions::serve::lambda_or_local(app).await
}
