//! The hash that chains a project's events (how it is computed is [`super::chain`]'s).

use crate::hex::{hex32, HexValue};
use serde::{Deserialize, Serialize};

/// The hash of one event in its project's chain.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, pattern = r"^[0-9a-f]{64}$"))]
#[serde(try_from = "String", into = "String")]
pub struct EventHash([u8; 32]);

hex32!(EventHash, HexValue::EventHash, public);

impl EventHash {
    /// What the first event is chained to.
    pub const GENESIS: EventHash = EventHash([0; 32]);

    /// [`EventHash::GENESIS`], for serde's defaults.
    pub fn genesis() -> EventHash {
        EventHash::GENESIS
    }

    pub(super) fn from_bytes(bytes: [u8; 32]) -> EventHash {
        EventHash(bytes)
    }
}
