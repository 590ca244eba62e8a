//! The unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character number every
//! enterprise, department and provider registers with. Checking it here catches mistyped codes
//! before anyone looks them up in a register.

use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The 31 symbols a code may use, in order of their value (no I, O, Z, S, V: they are too easily
/// confused with 1, 0, 2, 5 and U).
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// The weight of each of the first 17 positions in the check sum: 3^i mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const LENGTH: usize = 18;
/// Positions 3–8 (1-based) hold the administrative division code, which is all digits.
const DIVISION: std::ops::Range<usize> = 2..8;

/// A unified social credit code whose form and check character are right. Stored upper-case, as
/// printed on business licences.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(
        pattern = r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
        examples("91330100799655058B")
    )
)]
#[serde(try_from = "String", into = "String")]
pub struct UnifiedSocialCreditCode(String);

impl UnifiedSocialCreditCode {
    /// Reads a code as typed: surrounding spaces are dropped and letters upper-cased.
    pub fn parse(input: &str) -> Result<Self, CreditCodeError> {
        let code = input.trim().to_ascii_uppercase();
        let length = code.chars().count();
        if length != LENGTH {
            return Err(CreditCodeError::WrongLength { found: length });
        }
        // Split by characters, not bytes: a stray full-width character must be reported, not
        // cut in half.
        let last_at = code.char_indices().last().map_or(0, |(at, _)| at);
        let (first_17, last) = code.split_at(last_at);
        let expected = check_character(first_17)?;
        let found = last.chars().next().unwrap_or_default();
        value_of(LENGTH, found)?;
        if found != expected {
            return Err(CreditCodeError::WrongCheckCharacter { expected, found });
        }
        Ok(Self(code))
    }

    /// The code made of `first_17` and its computed check character — for fixtures, and for
    /// telling a person what the last character ought to be. A wrong length is reported as the
    /// length the code would have.
    pub fn complete(first_17: &str) -> Result<Self, CreditCodeError> {
        let first_17 = first_17.trim().to_ascii_uppercase();
        let length = first_17.chars().count();
        if length != LENGTH - 1 {
            return Err(CreditCodeError::WrongLength { found: length + 1 });
        }
        let check = check_character(&first_17)?;
        Ok(Self(format!("{first_17}{check}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The administrative division (行政区划) where the organisation was registered, e.g. `330100`
    /// for Hangzhou.
    pub fn division_code(&self) -> &str {
        &self.0[DIVISION]
    }
}

/// The value (0–30) of a symbol at a 1-based position.
fn value_of(position: usize, ch: char) -> Result<u32, CreditCodeError> {
    CHARSET
        .iter()
        .position(|&symbol| char::from(symbol) == ch)
        .map(|value| value as u32)
        .ok_or(CreditCodeError::InvalidCharacter { position, ch })
}

/// Checks the first 17 characters (already upper-case, exactly 17 of them) and computes the check
/// character: `31 − (Σ value × weight mod 31)`, where 31 stands for 0.
fn check_character(first_17: &str) -> Result<char, CreditCodeError> {
    let mut sum = 0;
    for ((index, ch), weight) in first_17.chars().enumerate().zip(WEIGHTS) {
        sum += value_of(index + 1, ch)? * weight;
    }
    let division = &first_17[DIVISION];
    if !division.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CreditCodeError::DivisionNotDigits { found: division.to_owned() });
    }
    let check = (31 - sum % 31) % 31;
    Ok(char::from(CHARSET[check as usize]))
}

impl TryFrom<String> for UnifiedSocialCreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<UnifiedSocialCreditCode> for String {
    fn from(code: UnifiedSocialCreditCode) -> Self {
        code.0
    }
}

impl fmt::Display for UnifiedSocialCreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a unified social credit code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("a unified social credit code has 18 characters, this one has {found}")]
    WrongLength { found: usize },
    #[error(
        "character {position} of the unified social credit code, {ch:?}, is not allowed: \
         only digits and the capital letters except I, O, Z, S and V"
    )]
    InvalidCharacter { position: usize, ch: char },
    #[error("characters 3–8 of the unified social credit code are the division code and must be digits, not {found:?}")]
    DivisionNotDigits { found: String },
    #[error("the unified social credit code's last character is {found:?} but should be {expected:?}: check for a typing mistake")]
    WrongCheckCharacter { expected: char, found: char },
}

impl Explain for CreditCodeError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::WrongLength { found }, Locale::Zh) => {
                format!("统一社会信用代码应为 18 位，现有 {found} 位")
            }
            (Self::InvalidCharacter { position, ch }, Locale::Zh) => format!(
                "统一社会信用代码第 {position} 位“{ch}”无效：只能使用数字和除 I、O、Z、S、V 以外的大写字母"
            ),
            (Self::DivisionNotDigits { found }, Locale::Zh) => {
                format!("统一社会信用代码第 3–8 位是行政区划码，应为数字，现为“{found}”")
            }
            (Self::WrongCheckCharacter { expected, found }, Locale::Zh) => {
                format!("统一社会信用代码校验位（第 18 位）应为“{expected}”，现为“{found}”，请检查是否输错")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Codes published by well-known companies (Huawei Technologies, Xiaomi, Alibaba (China),
    /// Tencent), whose check characters the algorithm reproduces.
    const PUBLISHED: [&str; 4] =
        ["914403001922038216", "91110108551385082Q", "91330100799655058B", "91440300708461136T"];

    #[test]
    fn accepts_published_codes() {
        for code in PUBLISHED {
            let parsed = UnifiedSocialCreditCode::parse(code).unwrap();
            assert_eq!(parsed.as_str(), code);
            assert_eq!(UnifiedSocialCreditCode::complete(&code[..17]), Ok(parsed));
        }
        assert_eq!(UnifiedSocialCreditCode::parse(PUBLISHED[2]).unwrap().division_code(), "330100");
    }

    #[test]
    fn computes_check_characters() {
        // Worked by hand: Σ value × weight mod 31, then 31 − that (31 meaning 0).
        for (first_17, check) in [
            ("91330100MA2AAAAAA", 'A'), // Σ = 2036 ≡ 21, 31 − 21 = 10 → A
            ("91330106MA2GL1RQ4", 'X'), // Σ = 2482 ≡ 2, 31 − 2 = 29 → X
            ("12330000002482158", '0'), // Σ = 713 ≡ 0, 31 − 0 = 31 → 0
            ("00000000000000000", '0'), // Σ = 0, likewise
            ("10000000000000000", 'Y'), // Σ = 1, 31 − 1 = 30 → Y
            ("01000000000000000", 'W'), // Σ = 3, 31 − 3 = 28 → W
            ("00000000000000001", '3'), // Σ = 28, 31 − 28 = 3
        ] {
            let code = UnifiedSocialCreditCode::complete(first_17).unwrap();
            assert_eq!(code.as_str().chars().last(), Some(check), "{first_17}");
        }
    }

    #[test]
    fn trims_and_upper_cases() {
        let code = UnifiedSocialCreditCode::parse("  91330100799655058b \n").unwrap();
        assert_eq!(code.to_string(), "91330100799655058B");
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        use CreditCodeError::*;
        for (input, expected) in [
            ("", WrongLength { found: 0 }),
            ("9133010079965505", WrongLength { found: 16 }),
            ("91330100799655058BB", WrongLength { found: 19 }),
            ("9133010079965505８B", InvalidCharacter { position: 17, ch: '８' }),
            ("91３30100799655058B", InvalidCharacter { position: 3, ch: '３' }),
            ("I1330100799655058B", InvalidCharacter { position: 1, ch: 'I' }),
            ("913301007996550S8B", InvalidCharacter { position: 16, ch: 'S' }),
            ("91330100799655058O", InvalidCharacter { position: 18, ch: 'O' }),
            ("91330100799655058-", InvalidCharacter { position: 18, ch: '-' }),
            ("913A0100799655058B", DivisionNotDigits { found: "3A0100".into() }),
            ("91330100799655058C", WrongCheckCharacter { expected: 'B', found: 'C' }),
            ("91330100799655068B", WrongCheckCharacter { expected: 'C', found: 'B' }),
        ] {
            assert_eq!(UnifiedSocialCreditCode::parse(input), Err(expected), "{input:?}");
        }
        assert_eq!(UnifiedSocialCreditCode::complete("9133"), Err(WrongLength { found: 5 }));
    }

    #[test]
    fn errors_explain_themselves_in_both_languages() {
        let error = CreditCodeError::WrongCheckCharacter { expected: 'B', found: 'C' };
        assert_eq!(
            error.explain(Locale::Zh),
            "统一社会信用代码校验位（第 18 位）应为“B”，现为“C”，请检查是否输错"
        );
        assert_eq!(
            error.explain(Locale::En),
            "the unified social credit code's last character is 'C' but should be 'B': check for a typing mistake"
        );
        assert_eq!(
            CreditCodeError::WrongLength { found: 16 }.explain(Locale::Zh),
            "统一社会信用代码应为 18 位，现有 16 位"
        );
        assert_eq!(
            CreditCodeError::InvalidCharacter { position: 1, ch: 'I' }.explain(Locale::Zh),
            "统一社会信用代码第 1 位“I”无效：只能使用数字和除 I、O、Z、S、V 以外的大写字母"
        );
        assert_eq!(
            CreditCodeError::DivisionNotDigits { found: "3A0100".into() }.explain(Locale::Zh),
            "统一社会信用代码第 3–8 位是行政区划码，应为数字，现为“3A0100”"
        );
    }

    #[test]
    fn serializes_as_the_string_and_parses_when_read() {
        let code = UnifiedSocialCreditCode::parse(PUBLISHED[0]).unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"914403001922038216\"");
        assert_eq!(serde_json::from_str::<UnifiedSocialCreditCode>("\"914403001922038216\"").unwrap(), code);
        let err = serde_json::from_str::<UnifiedSocialCreditCode>("\"914403001922038217\"").unwrap_err();
        assert!(err.to_string().contains("should be '6'"), "{err}");
    }

    fn symbol() -> impl Strategy<Value = char> {
        (0..CHARSET.len()).prop_map(|i| char::from(CHARSET[i]))
    }

    fn first_17() -> impl Strategy<Value = String> {
        (symbol(), symbol(), proptest::collection::vec(0u8..10, 6), proptest::collection::vec(symbol(), 9))
            .prop_map(|(a, b, division, rest)| {
                let division = division.iter().map(|d| char::from(b'0' + d));
                [a, b].into_iter().chain(division).chain(rest).collect()
            })
    }

    proptest! {
        #[test]
        fn completed_codes_parse(first_17 in first_17()) {
            let code = UnifiedSocialCreditCode::complete(&first_17).unwrap();
            prop_assert_eq!(&code.as_str()[..17], first_17.as_str());
            prop_assert_eq!(UnifiedSocialCreditCode::parse(code.as_str()), Ok(code.clone()));
            prop_assert_eq!(UnifiedSocialCreditCode::parse(&code.as_str().to_ascii_lowercase()), Ok(code));
        }

        /// The weights are distinct non-zero values modulo the prime 31, so any single changed
        /// symbol changes the check sum: no one-character typo goes unnoticed.
        #[test]
        fn changing_any_one_character_breaks_it(
            first_17 in first_17(),
            position in 0..LENGTH,
            replacement in symbol(),
        ) {
            let code = UnifiedSocialCreditCode::complete(&first_17).unwrap();
            let mut chars: Vec<char> = code.as_str().chars().collect();
            prop_assume!(chars[position] != replacement);
            chars[position] = replacement;
            let altered: String = chars.into_iter().collect();
            prop_assert!(UnifiedSocialCreditCode::parse(&altered).is_err(), "{} accepted", altered);
        }
    }
}
