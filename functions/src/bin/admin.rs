//! The operator's command-line tool.
//!
//! - `market-admin create-supervisor <email>` — creates a supervisor account in the configured
//!   store (`MARKET_STORE`, …); the password is read from `MARKET_ADMIN_PASSWORD` (never from the
//!   command line, where it would stay in the shell's history). The first supervisor can only be
//!   made this way (or by the demo data).
//! - `market-admin load-catalogue` — loads the seed catalogue (`functions/seed/catalogue.json`,
//!   built in) into a store whose catalogue is empty; a catalogue already there is left alone.
//! - `market-admin openapi` — prints the API's OpenAPI document (what `/api/v1/openapi.json`
//!   serves), for validators and client generators.

use market_functions::routes::{self, accounts::create_supervisor};
use market_functions::{serve, AppState};

const USAGE: &str = "usage: market-admin create-supervisor <email>   (password in MARKET_ADMIN_PASSWORD)
       market-admin load-catalogue
       market-admin openapi";

#[tokio::main]
async fn main() -> Result<(), serve::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["openapi"] => {
            println!("{}", serde_json::to_string_pretty(routes::openapi())?);
            Ok(())
        }
        ["load-catalogue"] => {
            let state = AppState::from_env().await?;
            let seed = market_functions::catalogue::seed_catalogue();
            if market_functions::repo::catalogue::load_seed_if_empty(state.store.as_ref(), &seed).await? {
                println!("loaded {} catalogue items", seed.items().len());
            } else {
                println!("the catalogue is not empty: left as it is");
            }
            Ok(())
        }
        ["create-supervisor", email] => {
            let password =
                std::env::var("MARKET_ADMIN_PASSWORD").map_err(|_| "MARKET_ADMIN_PASSWORD is not set")?;
            let state = AppState::from_env().await?;
            let account = create_supervisor(&state, email, &password).await?;
            println!("created supervisor {} <{}>", account.id, account.email);
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}
