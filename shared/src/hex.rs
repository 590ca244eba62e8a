//! The 32-byte values' one text form — 64 lower-case hex digits — shared by the draw's secret,
//! commitment and seed and the event log's hashes, with the one error for text that is not it.

use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which of the 32-byte values a hex text was meant to be, so an error can say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HexValue {
    Secret,
    Commitment,
    Seed,
    EventHash,
}

impl HexValue {
    pub(crate) fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Secret, Locale::Zh) => "随机密钥",
            (Self::Commitment, Locale::Zh) => "承诺值",
            (Self::Seed, Locale::Zh) => "随机种子",
            (Self::EventHash, Locale::Zh) => "事件哈希",
            (Self::Secret, Locale::En) => "secret",
            (Self::Commitment, Locale::En) => "commitment",
            (Self::Seed, Locale::En) => "seed",
            (Self::EventHash, Locale::En) => "event hash",
        }
    }
}

impl fmt::Display for HexValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name(Locale::En))
    }
}

/// A text that is not 64 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    #[error("the {what} has {len} characters: expected 64 lower-case hexadecimal digits")]
    Length { what: HexValue, len: usize },
    #[error("the {what} has {found:?} at position {position}: expected only the digits 0–9 and a–f")]
    Digit { what: HexValue, position: usize, found: char },
}

impl Explain for HexError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Length { what, len }, Locale::Zh) => {
                format!("{}长度为 {len} 个字符，应为 64 位小写十六进制数字", what.name(locale))
            }
            (Self::Digit { what, position, found }, Locale::Zh) => {
                format!("{}第 {position} 位是 {found:?}，只能是 0–9 和 a–f", what.name(locale))
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

pub(crate) fn to_hex(bytes: &[u8; 32]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// Only lower-case digits: one value has one text, so published records compare as strings.
pub(crate) fn from_hex(text: &str, what: HexValue) -> Result<[u8; 32], HexError> {
    let len = text.chars().count();
    if len != 64 {
        return Err(HexError::Length { what, len });
    }
    let mut out = [0u8; 32];
    for (position, found) in text.chars().enumerate() {
        let nibble = match found {
            '0'..='9' | 'a'..='f' => found.to_digit(16).expect("a hex digit") as u8,
            _ => return Err(HexError::Digit { what, position, found }),
        };
        out[position / 2] |= nibble << (4 * (1 - position % 2));
    }
    Ok(out)
}

/// The 32-byte values share their text form: 64 lower-case hex digits.
macro_rules! hex32 {
    // A value anyone may see: printed as its hex.
    ($name:ident, $what:expr, public) => {
        $crate::hex::hex32!($name, $what);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.to_hex())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.to_hex())
            }
        }
    };
    ($name:ident, $what:expr) => {
        impl $name {
            pub fn parse(text: &str) -> Result<Self, $crate::hex::HexError> {
                $crate::hex::from_hex(text, $what).map(Self)
            }

            pub fn to_hex(&self) -> String {
                $crate::hex::to_hex(&self.0)
            }

            pub fn as_bytes(&self) -> &[u8; 32] {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::hex::HexError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::hex::HexError;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.to_hex()
            }
        }
    };
}
pub(crate) use hex32;

// Never built: the one OpenAPI schema of the 32-byte values' JSON form, which theirs refer to.
/// 32 bytes written as 64 lower-case hex digits: a draw's secret, the commitment to it, or a seed.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9a-f]{64}$")]
#[schema(examples("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))]
#[allow(dead_code)]
pub(crate) struct Hex32([u8; 32]);
