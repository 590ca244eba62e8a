//! The service catalogue's seed data: the items the marketplace starts with.

use market_domain::Catalogue;

/// The seed catalogue, compiled in so every function starts with it without I/O.
const SEED: &str = include_str!("../seed/catalogue.json");

/// Parses the seed catalogue by the domain's own rules. A malformed seed is a build defect,
/// caught by the tests, so this panics with the reason.
pub fn seed_catalogue() -> Catalogue {
    serde_json::from_str(SEED).unwrap_or_else(|e| panic!("seed catalogue: {e}"))
}
