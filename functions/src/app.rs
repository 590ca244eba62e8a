//! The application's state — the parts handlers take, each by itself (axum's `FromRef`) — and
//! how a process builds it from its environment, once (per Lambda cold start, per local server
//! start).

use crate::auth::token::TokenKey;
use crate::clock::Clock;
use crate::market::Market;
use crate::statistics::StatisticsMemo;
use crate::store::claiming::ClaimingStore;
use crate::store::dynamo::DynamoStore;
use crate::store::embedded::EmbeddedStore;
use crate::store::Store;
use axum::extract::FromRef;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub market: Market,
    /// Signs and checks access tokens.
    pub tokens: Arc<TokenKey>,
    /// The public statistics this process computed last.
    pub statistics: Arc<StatisticsMemo>,
}

impl FromRef<AppState> for Market {
    fn from_ref(state: &AppState) -> Self {
        state.market.clone()
    }
}

impl FromRef<AppState> for Arc<TokenKey> {
    fn from_ref(state: &AppState) -> Self {
        state.tokens.clone()
    }
}

impl FromRef<AppState> for Arc<StatisticsMemo> {
    fn from_ref(state: &AppState) -> Self {
        state.statistics.clone()
    }
}

/// The market is what most of the application uses: `state.store`, `&state` as a `&Market`.
impl std::ops::Deref for AppState {
    type Target = Market;

    fn deref(&self) -> &Market {
        &self.market
    }
}

/// Which store a process uses: `MARKET_STORE=embedded` (the default: a redb file in
/// `MARKET_DATA_DIR`, default `./data`) or `MARKET_STORE=dynamodb` (see `DynamoStore::from_env`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreConfig {
    Embedded { data_dir: PathBuf },
    DynamoDb,
}

impl StoreConfig {
    pub fn from_env() -> Result<Self, String> {
        match std::env::var("MARKET_STORE").as_deref() {
            Ok("embedded") | Err(_) => {
                let data_dir =
                    std::env::var_os("MARKET_DATA_DIR").map_or_else(|| PathBuf::from("data"), PathBuf::from);
                Ok(StoreConfig::Embedded { data_dir })
            }
            Ok("dynamodb") => Ok(StoreConfig::DynamoDb),
            Ok(other) => Err(format!("MARKET_STORE={other:?}: expected embedded or dynamodb")),
        }
    }
}

impl AppState {
    /// On the system clock, with a token key of its own (tokens do not outlive the process).
    /// The state over `store`, which requests see through [`ClaimingStore`] (their first write
    /// carries their `Idempotency-Key`'s claim).
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            market: Market::new(Arc::new(ClaimingStore::new(store))),
            tokens: Arc::new(TokenKey::random()),
            statistics: Arc::default(),
        }
    }

    pub fn with_clock(self, clock: Arc<dyn Clock>) -> Self {
        Self { market: self.market.with_clock(clock), ..self }
    }

    /// Opens the configured store, with the token key from `MARKET_TOKEN_KEY`. On Lambda the key
    /// is required (every instance must accept the others' tokens); locally a missing key is
    /// replaced by a random one, which signs everyone out at each restart.
    pub async fn from_env() -> Result<Self, crate::serve::Error> {
        let tokens = match TokenKey::from_env()? {
            Some(key) => key,
            None if crate::serve::on_lambda() => return Err("MARKET_TOKEN_KEY is not set".into()),
            None => {
                tracing::warn!("MARKET_TOKEN_KEY is not set: using a random key for this process");
                TokenKey::random()
            }
        };
        let store: Arc<dyn Store> = match StoreConfig::from_env()? {
            StoreConfig::Embedded { data_dir } => {
                std::fs::create_dir_all(&data_dir)
                    .map_err(|e| format!("creating the data directory {}: {e}", data_dir.display()))?;
                Arc::new(EmbeddedStore::open(data_dir.join("market.redb"))?)
            }
            StoreConfig::DynamoDb => Arc::new(DynamoStore::from_env().await),
        };
        Ok(Self { tokens: Arc::new(tokens), ..Self::new(store) })
    }

    /// Loads the demo data ([`crate::demo`]), with `open_needs` more projects open for quotes,
    /// into an empty store; a store with data is left as it is, so what users did survives a
    /// restart.
    pub async fn load_demo_data(&self, open_needs: usize) -> Result<(), crate::demo::DemoError> {
        let started = std::time::Instant::now();
        if let Some(loaded) = crate::demo::load_if_empty_with_open_needs(&self.market, open_needs).await? {
            tracing::info!(
                organisations = loaded.enterprises.len() + loaded.departments.len() + loaded.providers.len(),
                accounts = loaded.accounts.len(),
                projects = loaded.projects.len(),
                millis = started.elapsed().as_millis() as u64,
                "loaded the demo data into an empty store"
            );
        }
        Ok(())
    }
}
