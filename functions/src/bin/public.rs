//! The public read-only function: the catalogue and everything published.

#[tokio::main]
async fn main() -> Result<(), market_functions::serve::Error> {
    market_functions::serve::init_tracing();
    let app = market_functions::routes::public_function(market_functions::AppState::new());
    market_functions::serve::lambda_or_local(app).await
}
