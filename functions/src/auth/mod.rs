//! Account security that needs no store: password hashing ([`password`]) and the signed,
//! short-lived access tokens every request carries ([`token`]). Refresh tokens and failed-login
//! throttling keep state, so they live with the repositories
//! ([`crate::repo::sessions`], [`crate::repo::throttle`]).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub mod password;
pub mod token;

/// Bytes from the operating system's random source: salts, keys and tokens.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    OsRng.fill_bytes(&mut bytes);
    bytes
}

/// SHA-256 as lowercase hex: what the store keeps instead of a secret, and how any text becomes
/// a safe key part.
pub(crate) fn sha256_hex(data: impl AsRef<[u8]>) -> String {
    hex::encode(Sha256::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_hex_is_the_standard_digest() {
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn random_bytes_differ() {
        assert_ne!(random_bytes::<32>(), random_bytes::<32>());
    }
}
