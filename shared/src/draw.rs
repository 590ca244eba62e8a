//! Verifiable randomness: the secret the platform commits to when a project is published, the
//! seed derived from it and the public inputs, and the deterministic stream every draw is read
//! from. Anyone holding the revealed secret and the published inputs gets the very same numbers;
//! docs/selection.md specifies every byte so that other languages can, too.

use crate::hex::{hex32, HexValue};
use crate::ids::QuoteId;
use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::RangeInclusive;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("the draw's label is empty: expected e.g. the project's code")]
    EmptyLabel,
    #[error("{0:?} contains a NUL character, which the seed's encoding uses as a separator")]
    NulInText(String),
    #[error("{0} appears twice in the list a draw is made from")]
    DuplicateMember(String),
    #[error("cannot draw from an empty set")]
    EmptyChoice,
    #[error("cannot draw from {lo} to {hi}: the lower bound is above the upper one")]
    EmptyRange { lo: u64, hi: u64 },
    #[error("cannot choose {k} of only {n}")]
    ChooseTooMany { k: usize, n: usize },
}

impl Explain for DrawError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::EmptyLabel, Locale::Zh) => "抽取标识为空，应填写如项目编号".to_owned(),
            (Self::NulInText(text), Locale::Zh) => format!("{text:?} 含有 NUL 字符（种子编码中的分隔符）"),
            (Self::DuplicateMember(member), Locale::Zh) => format!("{member} 在抽取名单中出现了两次"),
            (Self::EmptyChoice, Locale::Zh) => "无法从空集合中抽取".to_owned(),
            (Self::EmptyRange { lo, hi }, Locale::Zh) => {
                format!("无法在 {lo} 到 {hi} 之间抽取：下限大于上限")
            }
            (Self::ChooseTooMany { k, n }, Locale::Zh) => format!("无法从 {n} 个中抽取 {k} 个"),
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// The revealed secret did not hash to the commitment published beforehand: the draw cannot be
/// trusted, whatever it says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the revealed secret hashes to {of_secret}, not to the published commitment {published}")]
pub struct SecretMismatch {
    pub published: Commitment,
    pub of_secret: Commitment,
}

impl Explain for SecretMismatch {
    fn explain(&self, locale: Locale) -> String {
        match locale {
            Locale::Zh => format!(
                "公布的随机密钥的哈希值为 {}，与事先公布的承诺值 {} 不符",
                self.of_secret, self.published
            ),
            Locale::En => self.to_string(),
        }
    }
}

/// The platform's secret for one draw: 32 bytes from the operating system's random number
/// generator, drawn by the functions when a project is published (the domain never makes one).
/// Kept private until selection, then revealed so anyone can recompute the draw.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = crate::hex::Hex32))]
#[serde(try_from = "String", into = "String")]
pub struct Secret([u8; 32]);

hex32!(Secret, HexValue::Secret);

impl Secret {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

/// Not printed: until it is revealed, a secret in a log would let its reader predict the draw.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// SHA-256 of a secret, published before any quote is seen: the platform cannot later pick a
/// secret that favours someone, since it would not hash to this.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = crate::hex::Hex32))]
#[serde(try_from = "String", into = "String")]
pub struct Commitment([u8; 32]);

hex32!(Commitment, HexValue::Commitment, public);

impl Commitment {
    pub fn of(secret: &Secret) -> Self {
        Self(Sha256::digest(secret.0).into())
    }

    /// Whether `secret` is the one this commitment was made to.
    pub fn check(&self, secret: &Secret) -> Result<(), SecretMismatch> {
        let of_secret = Self::of(secret);
        if of_secret == *self {
            Ok(())
        } else {
            Err(SecretMismatch { published: *self, of_secret })
        }
    }
}

/// The seed of one draw: the secret bound to what is drawn from. Binding the inputs means the
/// platform cannot re-run a draw with a different list and keep the result it likes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = crate::hex::Hex32))]
#[serde(try_from = "String", into = "String")]
pub struct Seed([u8; 32]);

hex32!(Seed, HexValue::Seed, public);

impl Seed {
    /// The seed of a project's selection: the label is the project's code, the members are the
    /// eligible quotes' ids in their canonical form (lower-case, hyphenated).
    pub fn derive(secret: &Secret, project_code: &str, quote_ids: &[QuoteId]) -> Result<Seed, DrawError> {
        let members: Vec<String> = quote_ids.iter().map(QuoteId::to_string).collect();
        Self::derive_general(secret, project_code, &members)
    }

    /// SHA-256( secret ‖ label ‖ 0x00 ‖ for each member in byte order: member ‖ 0x00 ). Sorting
    /// makes the order the list was given in irrelevant; NUL is refused inside texts since it
    /// separates them, and a duplicate is refused since it would weigh one member twice.
    pub fn derive_general<S: AsRef<str>>(
        secret: &Secret,
        label: &str,
        members: &[S],
    ) -> Result<Seed, DrawError> {
        if label.is_empty() {
            return Err(DrawError::EmptyLabel);
        }
        let mut sorted: Vec<&str> = members.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        if let Some(text) = std::iter::once(label).chain(sorted.iter().copied()).find(|t| t.contains('\0')) {
            return Err(DrawError::NulInText(text.to_owned()));
        }
        if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(DrawError::DuplicateMember(pair[0].to_owned()));
        }
        let mut hash = Sha256::new();
        hash.update(secret.0);
        hash.update(label.as_bytes());
        hash.update([0u8]);
        for member in sorted {
            hash.update(member.as_bytes());
            hash.update([0u8]);
        }
        Ok(Seed(hash.finalize().into()))
    }
}

/// What a stream of numbers is used for. Each purpose reads its own stream, so using one more
/// or one fewer number for one purpose never shifts the numbers of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// The random draw among all quotes.
    Draw,
    /// Breaking a tie among equally good quotes.
    TieBreak,
    /// The reasonable-price method's factor.
    PriceFactor,
    /// The providers to inspect.
    InspectionProviders,
    /// The inspectors sent.
    InspectionInspectors,
}

impl Purpose {
    pub const ALL: [Purpose; 5] = [
        Purpose::Draw,
        Purpose::TieBreak,
        Purpose::PriceFactor,
        Purpose::InspectionProviders,
        Purpose::InspectionInspectors,
    ];

    /// The ASCII label hashed into every block of the stream.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Draw => "draw",
            Purpose::TieBreak => "tie-break",
            Purpose::PriceFactor => "price-factor",
            Purpose::InspectionProviders => "inspection-providers",
            Purpose::InspectionInspectors => "inspection-inspectors",
        }
    }
}

/// A deterministic stream of numbers: SHA-256 in counter mode. Block i is
/// SHA-256( seed ‖ purpose label ‖ i as u64 big-endian ), i = 0, 1, 2 …, read as four u64
/// big-endian in order. Integers only, so every implementation gets the same numbers.
#[derive(Clone, Debug)]
pub struct DrawStream {
    seed: Seed,
    purpose: Purpose,
    next_block: u64,
    buffer: [u64; 4],
    used: usize,
}

impl DrawStream {
    pub fn new(seed: &Seed, purpose: Purpose) -> Self {
        Self { seed: *seed, purpose, next_block: 0, buffer: [0; 4], used: 4 }
    }

    pub fn next_u64(&mut self) -> u64 {
        if self.used == 4 {
            let mut hash = Sha256::new();
            hash.update(self.seed.0);
            hash.update(self.purpose.label().as_bytes());
            hash.update(self.next_block.to_be_bytes());
            let block: [u8; 32] = hash.finalize().into();
            for (word, bytes) in self.buffer.iter_mut().zip(block.chunks_exact(8)) {
                *word = u64::from_be_bytes(bytes.try_into().expect("chunks of eight"));
            }
            self.next_block += 1;
            self.used = 0;
        }
        self.used += 1;
        self.buffer[self.used - 1]
    }

    /// A number in 0..n, every one equally likely: values at or above the largest multiple of n
    /// that fits in 2^64 are rejected and the next one is read, since keeping them would favour
    /// the small remainders.
    pub fn below(&mut self, n: u64) -> Result<u64, DrawError> {
        if n == 0 {
            return Err(DrawError::EmptyChoice);
        }
        let span = 1u128 << 64;
        let limit = span - span % u128::from(n);
        loop {
            let value = self.next_u64();
            if u128::from(value) < limit {
                return Ok(value % n);
            }
        }
    }

    /// A number in lo..=hi, every one equally likely: lo + below(hi − lo + 1).
    pub fn in_range(&mut self, range: RangeInclusive<u64>) -> Result<u64, DrawError> {
        let (lo, hi) = range.into_inner();
        if lo > hi {
            return Err(DrawError::EmptyRange { lo, hi });
        }
        match (hi - lo).checked_add(1) {
            Some(n) => Ok(lo + self.below(n)?),
            None => Ok(self.next_u64()),
        }
    }

    /// k distinct indices of 0..n, in the order drawn, by a partial Fisher–Yates shuffle: start
    /// from [0, 1, …, n−1]; for i in 0..k swap position i with position i + below(n − i).
    pub fn choose(&mut self, k: usize, n: usize) -> Result<Vec<usize>, DrawError> {
        if k > n {
            return Err(DrawError::ChooseTooMany { k, n });
        }
        let mut indices: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + self.below((n - i) as u64)? as usize;
            indices.swap(i, j);
        }
        indices.truncate(k);
        Ok(indices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hex::HexError;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn secret(byte: u8) -> Secret {
        Secret::from_bytes([byte; 32])
    }

    fn quote(n: u128) -> QuoteId {
        QuoteId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn hex_round_trips_and_refuses_bad_text() {
        let text = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        let secret = Secret::parse(text).unwrap();
        assert_eq!(secret.as_bytes()[31], 0x1f);
        assert_eq!(secret.to_hex(), text);
        assert_eq!(serde_json::to_string(&secret).unwrap(), format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<Secret>(&format!("\"{text}\"")).unwrap(), secret);
        assert_eq!(format!("{secret:?}"), "Secret(…)");

        assert_eq!(Commitment::parse("abc"), Err(HexError::Length { what: HexValue::Commitment, len: 3 }));
        let upper = text.to_uppercase();
        assert_eq!(
            Seed::parse(&upper),
            Err(HexError::Digit { what: HexValue::Seed, position: 21, found: 'A' })
        );
        let wide = format!("é{}", &text[1..]);
        assert_eq!(
            Secret::parse(&wide),
            Err(HexError::Digit { what: HexValue::Secret, position: 0, found: 'é' })
        );
        let err = serde_json::from_str::<Commitment>("\"00\"").unwrap_err();
        assert!(err.to_string().contains("commitment has 2 characters"), "{err}");
        assert_eq!(
            HexError::Length { what: HexValue::Secret, len: 3 }.explain(Locale::Zh),
            "随机密钥长度为 3 个字符，应为 64 位小写十六进制数字"
        );
    }

    #[test]
    fn the_commitment_is_the_sha256_of_the_secret() {
        // SHA-256 of 32 zero bytes.
        let zero = Secret::from_bytes([0; 32]);
        let commitment = Commitment::of(&zero);
        assert_eq!(commitment.to_hex(), "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
        assert_eq!(commitment.check(&zero), Ok(()));
        let mismatch = commitment.check(&secret(1)).unwrap_err();
        assert_eq!(mismatch, SecretMismatch { published: commitment, of_secret: Commitment::of(&secret(1)) });
        assert!(mismatch.to_string().starts_with("the revealed secret hashes to 72cd6e84"), "{mismatch}");
        assert!(mismatch.explain(Locale::Zh).starts_with("公布的随机密钥的哈希值为 72cd6e84"));
    }

    #[test]
    fn the_seed_follows_the_documented_encoding() {
        let ids = [quote(2), quote(1)];
        let mut bytes = vec![7u8; 32];
        bytes.extend_from_slice(b"XM-1\0");
        bytes.extend_from_slice(b"00000000-0000-0000-0000-000000000001\0");
        bytes.extend_from_slice(b"00000000-0000-0000-0000-000000000002\0");
        let expected: [u8; 32] = Sha256::digest(&bytes).into();
        assert_eq!(Seed::derive(&secret(7), "XM-1", &ids).unwrap().as_bytes(), &expected);
        assert_eq!(
            Seed::derive(&secret(7), "XM-1", &[quote(1), quote(2)]),
            Seed::derive(&secret(7), "XM-1", &ids)
        );
        assert_ne!(Seed::derive(&secret(7), "XM-2", &ids), Seed::derive(&secret(7), "XM-1", &ids));
        assert_ne!(Seed::derive(&secret(8), "XM-1", &ids), Seed::derive(&secret(7), "XM-1", &ids));
    }

    #[test]
    fn seed_inputs_are_checked() {
        let s = secret(0);
        assert_eq!(Seed::derive(&s, "", &[]), Err(DrawError::EmptyLabel));
        assert_eq!(Seed::derive(&s, "a\0b", &[]), Err(DrawError::NulInText("a\0b".into())));
        assert_eq!(Seed::derive_general(&s, "x", &["ok", "b\0"]), Err(DrawError::NulInText("b\0".into())));
        assert_eq!(
            Seed::derive(&s, "XM-1", &[quote(5), quote(1), quote(5)]),
            Err(DrawError::DuplicateMember(quote(5).to_string()))
        );
        assert_eq!(DrawError::DuplicateMember("甲".into()).explain(Locale::Zh), "甲 在抽取名单中出现了两次");
        assert_eq!(
            DrawError::EmptyLabel.explain(Locale::En),
            "the draw's label is empty: expected e.g. the project's code"
        );
        assert_eq!(
            DrawError::NulInText("x".into()).explain(Locale::Zh),
            "\"x\" 含有 NUL 字符（种子编码中的分隔符）"
        );
    }

    #[test]
    fn the_stream_is_sha256_in_counter_mode() {
        let seed = Seed::from_str(&"ab".repeat(32)).unwrap();
        let mut stream = DrawStream::new(&seed, Purpose::TieBreak);
        let words: Vec<u64> = (0..5).map(|_| stream.next_u64()).collect();
        let block = |i: u64| -> [u8; 32] {
            let mut bytes = vec![0xab; 32];
            bytes.extend_from_slice(b"tie-break");
            bytes.extend_from_slice(&i.to_be_bytes());
            Sha256::digest(&bytes).into()
        };
        let word =
            |block: [u8; 32], j: usize| u64::from_be_bytes(block[8 * j..8 * j + 8].try_into().unwrap());
        assert_eq!(words[..4], [0, 1, 2, 3].map(|j| word(block(0), j)));
        assert_eq!(words[4], word(block(1), 0));
        // Another purpose reads another stream.
        assert_ne!(DrawStream::new(&seed, Purpose::Draw).next_u64(), words[0]);
        let labels: std::collections::BTreeSet<_> = Purpose::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(labels.len(), Purpose::ALL.len());
    }

    #[test]
    fn below_rejects_the_biased_tail() {
        // For n = 2^63 + 1 the largest multiple fitting in 2^64 is n itself, so about half of
        // all values are rejected: the result must equal the first value below n, unchanged.
        let n = (1u64 << 63) + 1;
        // A seed whose first value is rejected, so the test sees a rejection happen.
        let seed = (0..=u8::MAX)
            .map(Seed::from_bytes_for_tests)
            .find(|seed| DrawStream::new(seed, Purpose::Draw).next_u64() >= n)
            .unwrap();
        let mut raw = DrawStream::new(&seed, Purpose::Draw);
        let first_accepted = std::iter::from_fn(|| Some(raw.next_u64())).find(|&v| v < n).unwrap();
        let mut stream = DrawStream::new(&seed, Purpose::Draw);
        assert_eq!(stream.below(n), Ok(first_accepted));
        // A power of two divides 2^64: nothing is rejected.
        let mut raw = DrawStream::new(&seed, Purpose::Draw);
        let mut stream = DrawStream::new(&seed, Purpose::Draw);
        assert_eq!(stream.below(8), Ok(raw.next_u64() % 8));
        assert_eq!(stream.below(0), Err(DrawError::EmptyChoice));
        assert_eq!(DrawError::EmptyChoice.explain(Locale::Zh), "无法从空集合中抽取");
    }

    #[test]
    fn ranges_and_choices() {
        let seed = Seed::from_bytes_for_tests(4);
        let mut stream = DrawStream::new(&seed, Purpose::PriceFactor);
        for _ in 0..200 {
            let v = stream.in_range(9_500..=9_800).unwrap();
            assert!((9_500..=9_800).contains(&v));
        }
        assert_eq!(stream.in_range(5..=5), Ok(5));
        let mut raw = DrawStream::new(&seed, Purpose::Draw);
        assert_eq!(DrawStream::new(&seed, Purpose::Draw).in_range(0..=u64::MAX), Ok(raw.next_u64()));
        let (lo, hi) = (6, 5);
        assert_eq!(stream.in_range(lo..=hi), Err(DrawError::EmptyRange { lo: 6, hi: 5 }));
        assert_eq!(
            DrawError::EmptyRange { lo: 6, hi: 5 }.explain(Locale::Zh),
            "无法在 6 到 5 之间抽取：下限大于上限"
        );

        // choose(k, n) is the partial Fisher–Yates shuffle, step by step.
        let mut stream = DrawStream::new(&seed, Purpose::InspectionProviders);
        let chosen = stream.choose(3, 10).unwrap();
        let mut again = DrawStream::new(&seed, Purpose::InspectionProviders);
        let mut deck: Vec<usize> = (0..10).collect();
        for i in 0..3 {
            let j = i + again.below(10 - i as u64).unwrap() as usize;
            deck.swap(i, j);
        }
        assert_eq!(chosen, deck[..3]);
        let all = DrawStream::new(&seed, Purpose::Draw).choose(10, 10).unwrap();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_eq!(stream.choose(0, 0), Ok(vec![]));
        assert_eq!(stream.choose(4, 3), Err(DrawError::ChooseTooMany { k: 4, n: 3 }));
        assert_eq!(DrawError::ChooseTooMany { k: 4, n: 3 }.explain(Locale::Zh), "无法从 3 个中抽取 4 个");
    }

    impl Seed {
        fn from_bytes_for_tests(byte: u8) -> Seed {
            Seed([byte; 32])
        }
    }

    proptest! {
        #[test]
        fn the_seed_ignores_the_order_of_members(
            members in proptest::collection::btree_set("[a-z0-9-]{0,12}", 0..8),
            shuffle_seed in any::<u64>(),
        ) {
            let members: Vec<String> = members.into_iter().collect();
            let mut shuffled = members.clone();
            // A cheap deterministic permutation: rotate by the seed.
            if !shuffled.is_empty() {
                let by = (shuffle_seed % shuffled.len() as u64) as usize;
                shuffled.rotate_left(by);
                shuffled.reverse();
            }
            prop_assert_eq!(
                Seed::derive_general(&secret(9), "L", &members),
                Seed::derive_general(&secret(9), "L", &shuffled)
            );
        }

        /// Quote ids sort the same way as their canonical texts, so sorting by id (selection)
        /// and sorting the texts (the seed) agree.
        #[test]
        fn id_order_is_text_order(a in any::<u128>(), b in any::<u128>()) {
            let (a, b) = (quote(a), quote(b));
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        }

        #[test]
        fn below_stays_below(n in 1u64.., byte in any::<u8>()) {
            let mut stream = DrawStream::new(&Seed::from_bytes_for_tests(byte), Purpose::Draw);
            prop_assert!(stream.below(n).unwrap() < n);
        }
    }
}
