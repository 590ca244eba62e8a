//! Access tokens: who is asking, signed by the API and good for [`ACCESS_TOKEN_TTL`], so a request
//! is authorised without a store read. Short-lived because nothing revokes them; the refresh
//! token ([`crate::repo::sessions`]) is the revocable part.
//!
//! Format: `v1.<claims>.<signature>`, both base64url without padding: the claims as JSON, the
//! signature HMAC-SHA256 over `v1.<claims>`.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, KeyInit, Mac};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::project::Role;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;

/// How long an access token is good for.
pub const ACCESS_TOKEN_TTL: Duration = Duration::minutes(15);

/// The environment variable holding the signing key, base64 (standard alphabet). Every function
/// must share it, or tokens from one are refused by the others.
pub const KEY_VARIABLE: &str = "MARKET_TOKEN_KEY";

/// The shortest key accepted: HMAC-SHA256 is no stronger than its key.
pub const MIN_KEY_BYTES: usize = 32;

const VERSION: &str = "v1";

/// The length of an HMAC-SHA256 tag.
const SIGNATURE_BYTES: usize = 32;

/// What an access token asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub account: AccountId,
    pub role: Role,
    pub organisation: Option<OrganisationId>,
    /// Unix seconds; the token is refused from this second on.
    pub expires_at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the access token is malformed")]
    Malformed,
    #[error("the access token's signature does not match")]
    BadSignature,
    #[error("the access token has expired")]
    Expired,
}

/// The key that signs and checks access tokens.
#[derive(Clone)]
pub struct TokenKey(Hmac<Sha256>);

/// Never shows the key: keys end up in logs through `{:?}`.
impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(<redacted>)")
    }
}

impl TokenKey {
    /// A key of at least [`MIN_KEY_BYTES`] bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(format!(
                "a token key needs at least {MIN_KEY_BYTES} bytes, this one has {}",
                bytes.len()
            ));
        }
        Ok(Self(Hmac::new_from_slice(bytes).expect("HMAC accepts keys of any length")))
    }

    /// A fresh key: for local runs and tests, where no other process must accept its tokens.
    pub fn random() -> Self {
        Self::from_bytes(&super::random_bytes::<MIN_KEY_BYTES>()).expect("the key is long enough")
    }

    /// The key in [`KEY_VARIABLE`]; `None` when it is unset or empty, an error when it is set
    /// but unusable.
    pub fn from_env() -> Result<Option<Self>, String> {
        match std::env::var(KEY_VARIABLE) {
            Ok(value) => Self::from_setting(&value),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(e) => Err(format!("{KEY_VARIABLE}: {e}")),
        }
    }

    fn from_setting(value: &str) -> Result<Option<Self>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let bytes = STANDARD.decode(value).map_err(|e| format!("{KEY_VARIABLE} is not base64: {e}"))?;
        Self::from_bytes(&bytes).map(Some).map_err(|e| format!("{KEY_VARIABLE}: {e}"))
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let json = serde_json::to_vec(claims).expect("claims serialize to JSON");
        let signed = format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(json));
        let signature = self.mac(&signed).finalize().into_bytes();
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// The claims of a token this key signed, unless it has expired by `now`. The signature is
    /// checked (in constant time) before the claims are read.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        let mut parts = token.split('.');
        let (Some(VERSION), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| TokenError::Malformed)?;
        if signature.len() != SIGNATURE_BYTES {
            return Err(TokenError::Malformed);
        }
        let signed = &token[..VERSION.len() + 1 + claims.len()];
        self.mac(signed).verify_slice(&signature).map_err(|_| TokenError::BadSignature)?;
        let claims: Claims = URL_SAFE_NO_PAD
            .decode(claims)
            .ok()
            .and_then(|json| serde_json::from_slice(&json).ok())
            .ok_or(TokenError::Malformed)?;
        if now.timestamp() >= claims.expires_at {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }

    fn mac(&self, signed: &str) -> Hmac<Sha256> {
        let mut mac = self.0.clone();
        mac.update(signed.as_bytes());
        mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap()
    }

    fn claims() -> Claims {
        Claims {
            account: AccountId(Uuid::from_u128(7)),
            role: Role::Provider,
            organisation: Some(OrganisationId(Uuid::from_u128(11))),
            expires_at: (now() + ACCESS_TOKEN_TTL).timestamp(),
        }
    }

    fn key(byte: u8) -> TokenKey {
        TokenKey::from_bytes(&[byte; 32]).unwrap()
    }

    /// The token with its claims part replaced.
    fn with_claims(token: &str, json: &str) -> String {
        let parts: Vec<&str> = token.split('.').collect();
        format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(json), parts[2])
    }

    #[test]
    fn a_signed_token_verifies_to_its_claims() {
        let token = key(1).sign(&claims());
        assert!(token.starts_with("v1."), "{token}");
        assert_eq!(token.split('.').count(), 3);
        assert_eq!(key(1).verify(&token, now()), Ok(claims()));
        let no_organisation = Claims { organisation: None, role: Role::Supervisor, ..claims() };
        assert_eq!(key(1).verify(&key(1).sign(&no_organisation), now()), Ok(no_organisation));
    }

    #[test]
    fn the_claims_are_plain_json() {
        let token = key(1).sign(&claims());
        let json = URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap()).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "account": "00000000-0000-0000-0000-000000000007",
                "role": "provider",
                "organisation": "00000000-0000-0000-0000-00000000000b",
                "expires_at": 1_772_417_700
            })
        );
    }

    #[test]
    fn a_tampered_payload_is_refused() {
        let token = key(1).sign(&claims());
        let json = serde_json::to_string(&Claims { role: Role::Supervisor, ..claims() }).unwrap();
        assert_eq!(key(1).verify(&with_claims(&token, &json), now()), Err(TokenError::BadSignature));
        let later = serde_json::to_string(&Claims { expires_at: claims().expires_at + 3600, ..claims() });
        assert_eq!(
            key(1).verify(&with_claims(&token, &later.unwrap()), now()),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn a_tampered_signature_is_refused() {
        let token = key(1).sign(&claims());
        let (signed, signature) = token.rsplit_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
        bytes[0] ^= 1;
        let flipped = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(&bytes));
        assert_eq!(key(1).verify(&flipped, now()), Err(TokenError::BadSignature));
        let mut last = URL_SAFE_NO_PAD.decode(signature).unwrap();
        last[31] ^= 0x80;
        let flipped = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(&last));
        assert_eq!(key(1).verify(&flipped, now()), Err(TokenError::BadSignature));
    }

    #[test]
    fn another_keys_token_is_refused() {
        let token = key(1).sign(&claims());
        assert_eq!(key(2).verify(&token, now()), Err(TokenError::BadSignature));
        assert_eq!(TokenKey::random().verify(&token, now()), Err(TokenError::BadSignature));
    }

    #[test]
    fn a_token_expires_at_exactly_its_expiry() {
        let token = key(1).sign(&claims());
        let expiry = DateTime::from_timestamp(claims().expires_at, 0).unwrap();
        assert_eq!(expiry - now(), ACCESS_TOKEN_TTL);
        let just_before = expiry - Duration::milliseconds(1);
        assert_eq!(key(1).verify(&token, just_before), Ok(claims()));
        assert_eq!(key(1).verify(&token, expiry), Err(TokenError::Expired));
        assert_eq!(key(1).verify(&token, expiry + Duration::days(1)), Err(TokenError::Expired));
    }

    #[test]
    fn garbage_is_malformed() {
        let token = key(1).sign(&claims());
        let signature = token.rsplit_once('.').unwrap().1;
        for garbage in [
            "".to_owned(),
            "v1".to_owned(),
            "v1..".to_owned(),
            "not a token".to_owned(),
            format!("{}.", token.rsplit_once('.').unwrap().0),
            format!("{}.{}", token.rsplit_once('.').unwrap().0, &signature[..20]),
            format!("v2{}", &token[2..]),
            format!("{token}.extra"),
            format!("{}.!!!", token.rsplit_once('.').unwrap().0),
            "Bearer xyz.abc.def".to_owned(),
        ] {
            assert_eq!(key(1).verify(&garbage, now()), Err(TokenError::Malformed), "{garbage:?}");
        }
        // Correctly signed, yet not claims: only a key holder could make it, still refused.
        let signed = format!("v1.{}", URL_SAFE_NO_PAD.encode("{\"role\":\"supervisor\"}"));
        let forged =
            format!("{signed}.{}", URL_SAFE_NO_PAD.encode(key(1).mac(&signed).finalize().into_bytes()));
        assert_eq!(key(1).verify(&forged, now()), Err(TokenError::Malformed));
    }

    #[test]
    fn debug_does_not_leak_the_key() {
        let key = TokenKey::from_bytes(&[0xAB; 40]).unwrap();
        let shown = format!("{key:?} {key:#?}");
        assert_eq!(format!("{key:?}"), "TokenKey(<redacted>)");
        for leak in ["171", "ab", "AB", "q6ur"] {
            assert!(!shown.contains(leak), "{shown}");
        }
    }

    #[test]
    fn keys_are_at_least_32_bytes() {
        assert_eq!(
            TokenKey::from_bytes(&[1; 31]).unwrap_err(),
            "a token key needs at least 32 bytes, this one has 31"
        );
        assert!(TokenKey::from_bytes(&[1; 32]).is_ok());
        assert!(TokenKey::from_bytes(&[1; 64]).is_ok());
    }

    #[test]
    fn the_setting_is_standard_base64() {
        assert!(TokenKey::from_setting("").unwrap().is_none());
        assert!(TokenKey::from_setting("  ").unwrap().is_none());
        let setting = STANDARD.encode([0xFB; 32]);
        assert!(setting.contains('+') || setting.contains('/'), "exercises the standard alphabet");
        let key = TokenKey::from_setting(&setting).unwrap().unwrap();
        let token = key.sign(&claims());
        assert_eq!(TokenKey::from_bytes(&[0xFB; 32]).unwrap().verify(&token, now()), Ok(claims()));
        let short = TokenKey::from_setting(&STANDARD.encode([1; 16])).unwrap_err();
        assert_eq!(short, "MARKET_TOKEN_KEY: a token key needs at least 32 bytes, this one has 16");
        assert!(TokenKey::from_setting("not base64!")
            .unwrap_err()
            .starts_with("MARKET_TOKEN_KEY is not base64"));
    }
}
