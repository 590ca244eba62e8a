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
//! - `market-admin ocds <dir>` — loads the demo data (what `npm start` shows) into a temporary
//!   store and writes every OCDS release package and record package it makes into `<dir>`, as
//!   served at `MARKET_PUBLIC_ORIGIN` (default `http://localhost:8080`), for
//!   `scripts/validate-ocds.py`.

use market_functions::routes::{self, accounts::create_supervisor};
use market_functions::{serve, AppState};

const USAGE: &str = "usage: market-admin create-supervisor <email>   (password in MARKET_ADMIN_PASSWORD)
       market-admin load-catalogue
       market-admin openapi
       market-admin ocds <dir>";

#[tokio::main]
async fn main() -> Result<(), serve::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["openapi"] => {
            println!("{}", serde_json::to_string_pretty(routes::openapi())?);
            Ok(())
        }
        ["ocds", dir] => {
            let store = market_functions::store::embedded::EmbeddedStore::temporary()?;
            let state = AppState::new(std::sync::Arc::new(store));
            state.load_demo_data(0).await?;
            let origin =
                std::env::var("MARKET_PUBLIC_ORIGIN").unwrap_or_else(|_| "http://localhost:8080".to_owned());
            let publication = market_functions::ocds::Publication { origin };
            let exported =
                market_functions::ocds::export(&state, &publication, std::path::Path::new(dir)).await?;
            println!(
                "wrote {} releases in {} release packages and {} record packages to {dir}",
                exported.releases, exported.release_packages, exported.records
            );
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
