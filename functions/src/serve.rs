//! Running a router: on AWS Lambda when the runtime API is present, otherwise as a plain HTTP
//! server on loopback. The same binary therefore runs in production and on a developer's machine.

use axum::Router;
use std::net::{Ipv4Addr, SocketAddr};
use tracing_subscriber::EnvFilter;

pub type Error = lambda_http::Error;

/// Structured JSON logs on stdout (CloudWatch on Lambda, the terminal locally); the level comes
/// from `RUST_LOG` and defaults to `info`.
pub fn init_tracing() {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_current_span(false)
        .init();
}

/// Whether this process runs on AWS Lambda (the runtime API is only there).
pub fn on_lambda() -> bool {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API").is_some()
}

/// Serves `router` with `lambda_http::run` if `AWS_LAMBDA_RUNTIME_API` is set, else on
/// 127.0.0.1 at `PORT` (default 8080; 0 picks a free port).
pub async fn lambda_or_local(router: Router) -> Result<(), Error> {
    if on_lambda() {
        lambda_http::run(router).await
    } else {
        local(router).await
    }
}

/// Serves `router` on loopback until Ctrl-C. Prints the address it listens on as the first line
/// of standard output, so scripts and tests that start it on port 0 can find it.
pub async fn local(router: Router) -> Result<(), Error> {
    let port = match std::env::var("PORT") {
        Ok(p) => p.parse::<u16>().map_err(|e| format!("PORT={p:?}: {e}"))?,
        Err(_) => 8080,
    };
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!("listening on http://{}", listener.local_addr()?);
    // The peer's address is what failed logins are throttled by locally (API Gateway's source
    // IP on Lambda).
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("installing the SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
    tracing::info!("shutting down");
}
