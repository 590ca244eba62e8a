//! Money: amounts of renminbi in integer fen (分), never floats, so sums and comparisons are exact
//! in the browser and in the functions alike.

use serde::{Deserialize, Serialize};

/// An amount in fen. Serialized as a plain integer of fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Self {
        Self(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }
}
