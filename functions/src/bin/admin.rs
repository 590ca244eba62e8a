//! The operator's command-line tool, run against the configured store (`MARKET_STORE`, …):
//!
//! `market-admin create-supervisor <email>` — creates a supervisor account; the password is
//! read from `MARKET_ADMIN_PASSWORD` (never from the command line, where it would stay in the
//! shell's history). The first supervisor can only be made this way (or by the demo data).

use market_functions::routes::accounts::create_supervisor;
use market_functions::{serve, AppState};

#[tokio::main]
async fn main() -> Result<(), serve::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [command, email] = args.as_slice() else {
        eprintln!("usage: market-admin create-supervisor <email>   (password in MARKET_ADMIN_PASSWORD)");
        std::process::exit(2);
    };
    if command != "create-supervisor" {
        eprintln!("unknown command {command:?}; expected create-supervisor");
        std::process::exit(2);
    }
    let password = std::env::var("MARKET_ADMIN_PASSWORD").map_err(|_| "MARKET_ADMIN_PASSWORD is not set")?;
    let state = AppState::from_env().await?;
    let account = create_supervisor(&state, email, &password).await?;
    println!("created supervisor {} <{}>", account.id, account.email);
    Ok(())
}
