//! The scheduler function: invoked every minute by an EventBridge rule, it applies the
//! time-driven changes (see `market_functions::scheduler`). Run outside Lambda, it does one run
//! and exits.

use lambda_http::lambda_runtime::{run, service_fn, LambdaEvent};
use market_functions::{scheduler, serve, AppState};

#[tokio::main]
async fn main() -> Result<(), serve::Error> {
    serve::init_tracing();
    let state = AppState::from_env().await?;
    if !serve::on_lambda() {
        println!("{}", serde_json::to_string(&scheduler::run_once(&state).await?)?);
        return Ok(());
    }
    run(service_fn(|_: LambdaEvent<serde_json::Value>| {
        let state = state.clone();
        async move { scheduler::run_once(&state).await.map_err(|e| serve::Error::from(e.to_string())) }
    }))
    .await
}
