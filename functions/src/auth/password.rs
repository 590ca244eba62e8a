//! Passwords: argon2id with the `argon2` crate's recommended parameters and a random salt,
//! stored as PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so each hash names its own
//! parameters and old hashes keep verifying when the defaults change.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// A hash of a password no one knows, made with the default parameters: checking a password
/// against it costs what checking a real account's does.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$rdtYRHScfWBY271dVpB08w$z4mak3fHOgSIgZOSg9swvp2+oLyyI6lspWPVh8QFL4s";

/// The PHC string of `password` under a fresh random salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with its default parameters hashes any password")
        .to_string()
}

/// Whether `password` matches the PHC string `phc`; false for any hash that cannot be read.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// Spends the time of one failed [`verify_password`], for a login naming no account: answering
/// faster would tell who has an account.
pub fn dummy_verify(password: &str) {
    let _ = verify_password(password, DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{Algorithm, Params, Version};

    #[test]
    fn a_password_verifies_against_its_hash_and_no_other_does() {
        let phc = hash_password("correct horse 马");
        assert!(verify_password("correct horse 马", &phc));
        assert!(!verify_password("correct horse", &phc));
        assert!(!verify_password("", &phc));
    }

    #[test]
    fn hashes_are_argon2id_with_the_default_parameters_and_a_fresh_salt() {
        let (a, b) = (hash_password("same"), hash_password("same"));
        assert_ne!(a, b, "each hash has its own salt");
        let hash = PasswordHash::new(&a).unwrap();
        assert_eq!(hash.algorithm, Algorithm::Argon2id.ident());
        assert_eq!(hash.version, Some(Version::V0x13.into()));
        let params = Params::try_from(&hash).unwrap();
        let defaults = Params::default();
        assert_eq!(
            (params.m_cost(), params.t_cost(), params.p_cost()),
            (defaults.m_cost(), defaults.t_cost(), defaults.p_cost())
        );
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
    }

    #[test]
    fn malformed_hashes_verify_nothing() {
        for phc in ["", "plain", "$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$bm9zYWx0$", "$2b$12$abc"] {
            assert!(!verify_password("", phc), "{phc:?}");
            assert!(!verify_password("plain", phc), "{phc:?}");
        }
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        // Same algorithm and parameters as `hash_password`, so `dummy_verify` takes as long as a
        // wrong password: a change of the crate's defaults must update DUMMY_HASH.
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let real = hash_password("anything");
        let real = PasswordHash::new(&real).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(Params::try_from(&dummy).unwrap(), Params::try_from(&real).unwrap());
        assert_eq!(dummy.hash.unwrap().len(), real.hash.unwrap().len());
        assert_eq!(dummy.salt.unwrap().len(), real.salt.unwrap().len());
        dummy_verify("anything");
    }
}
