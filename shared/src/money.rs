//! Money: amounts of renminbi in integer fen (分), never floats, so sums and comparisons are exact
//! in the browser and in the functions alike. Also the one parser for amounts people type into
//! forms and the one format in which amounts are shown.

use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An amount in fen. Serialized as a plain integer of fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(1234500)))]
#[serde(transparent)]
pub struct Money(i64);

/// Fen in a yuan.
const FEN_PER_YUAN: i64 = 100;

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Self {
        Self(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Whole yuan, or `None` if the amount does not fit.
    pub const fn from_yuan(yuan: i64) -> Option<Self> {
        match yuan.checked_mul(FEN_PER_YUAN) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    /// Reads an amount in yuan as people type it: `1234`, `1234.5`, `1,234.56`, `¥1,234.56`,
    /// `￥1234`, `1234元`, in ten-thousands (`80万`, `1.5万元`), in full-width digits and marks
    /// (`１２０００`, `１，２３４．５`), with surrounding spaces. Negative amounts are refused: no form
    /// asks for one.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        let normal = half_width(input);
        let s = normal.trim();
        let s = s.strip_prefix(['¥', '￥']).unwrap_or(s).trim_start();
        let s = s.strip_suffix('元').unwrap_or(s).trim_end();
        // In 万 (ten thousand yuan), four more decimal places still reach down to the fen.
        let (s, extra_places) = match s.strip_suffix('万') {
            Some(number) => (number.trim_end(), 4),
            None => (s, 0),
        };
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        if s.starts_with('-') || s.starts_with('−') {
            return Err(MoneyError::Negative);
        }
        if let Some(ch) = s.chars().find(|c| !(c.is_ascii_digit() || *c == ',' || *c == '.')) {
            return Err(MoneyError::InvalidCharacter { ch });
        }
        let (whole, fraction) = match s.split_once('.') {
            None => (s, ""),
            Some((_, rest)) if rest.contains('.') => return Err(MoneyError::Malformed),
            Some((_, "")) => return Err(MoneyError::Malformed),
            Some(parts) => parts,
        };
        if whole.is_empty() {
            return Err(MoneyError::Malformed);
        }
        if fraction.contains(',') || !is_grouped_correctly(whole) {
            return Err(MoneyError::BadGrouping);
        }
        let places = 2 + extra_places;
        if fraction.len() > places {
            return Err(match extra_places {
                0 => MoneyError::TooManyDecimals { found: fraction.len() },
                _ => MoneyError::TooManyDecimalsInWan { found: fraction.len() },
            });
        }
        let unit = FEN_PER_YUAN * 10i64.pow(extra_places as u32);
        let whole = whole
            .bytes()
            .filter(u8::is_ascii_digit)
            .try_fold(0i64, |acc, digit| acc.checked_mul(10)?.checked_add(i64::from(digit - b'0')));
        // "5" after the point is 50 fen; "05" is 5 (in yuan; in 万 the places go further).
        let fraction = fraction
            .bytes()
            .chain(std::iter::repeat(b'0'))
            .take(places)
            .fold(0, |acc, d| acc * 10 + i64::from(d - b'0'));
        whole
            .and_then(|whole| whole.checked_mul(unit)?.checked_add(fraction))
            .map(Self)
            .ok_or(MoneyError::TooLarge)
    }

    /// Whether `input` says an amount in other words than the digits of its own format (`80万`,
    /// `1234元`, full-width digits): a form then shows what it understood.
    pub fn reworded(input: &str) -> bool {
        input.contains(['万', '元']) || half_width(input) != input
    }

    pub const fn checked_add(self, other: Money) -> Option<Money> {
        match self.0.checked_add(other.0) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    pub const fn checked_sub(self, other: Money) -> Option<Money> {
        match self.0.checked_sub(other.0) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    pub const fn checked_mul(self, factor: i64) -> Option<Money> {
        match self.0.checked_mul(factor) {
            Some(fen) => Some(Self(fen)),
            None => None,
        }
    }

    /// `self × numerator / denominator`, rounded to the fen half away from zero — e.g. "the mean
    /// × 96.5 %" is `mul_ratio(9650, 10000)`. Computed in i128, so only the result can overflow;
    /// `None` if it does or if `denominator` is zero.
    pub fn mul_ratio(self, numerator: i64, denominator: i64) -> Option<Money> {
        if denominator == 0 {
            return None;
        }
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator);
        let (quotient, remainder) = (product / denominator, product % denominator);
        let rounded = if 2 * remainder.abs() >= denominator.abs() {
            // The exact result lies beyond the quotient, on the side of the product's sign.
            quotient + (product.signum() * denominator.signum())
        } else {
            quotient
        };
        i64::try_from(rounded).ok().map(Self)
    }

    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }
}

/// Thousands commas, if any, must split the integer part into groups of three after a first
/// group of one to three digits.
fn is_grouped_correctly(whole: &str) -> bool {
    if !whole.contains(',') {
        return true;
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|group| group.len() == 3)
}

/// Shown as `¥1,234.56`: always two decimals and thousands commas; negatives as `-¥1.00`.
/// Honours width and alignment (`{:>16}`), for columns of amounts.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.unsigned_abs();
        let (yuan, fen) = (magnitude / 100, magnitude % 100);
        let digits = yuan.to_string();
        let mut text = String::with_capacity(digits.len() * 4 / 3 + 6);
        if self.0 < 0 {
            text.push('-');
        }
        text.push('¥');
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                text.push(',');
            }
            text.push(digit);
        }
        text.push_str(&format!(".{fen:02}"));
        f.pad(&text)
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Full-width digits, commas, points and spaces (as a Chinese input method types them) in their
/// ASCII forms.
fn half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '－' => '-',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount is empty: enter an amount in yuan, e.g. 1,234.56")]
    Empty,
    #[error("the amount contains {ch:?}: only digits, thousands commas and one decimal point are allowed, and 万 or 元 at the end")]
    InvalidCharacter { ch: char },
    #[error("the amount must not be negative")]
    Negative,
    #[error("the amount is malformed: expected digits with at most one decimal point, e.g. 1234.56")]
    Malformed,
    #[error("the thousands commas are misplaced: expected groups of three digits, e.g. 1,234,567.89")]
    BadGrouping,
    #[error("the amount has {found} decimal places: at most 2 (down to the fen) are allowed")]
    TooManyDecimals { found: usize },
    #[error("the amount in 万 has {found} decimal places: at most 6 (down to the fen) are allowed")]
    TooManyDecimalsInWan { found: usize },
    #[error("the amount is too large: at most {}", Money(i64::MAX))]
    TooLarge,
}

impl Explain for MoneyError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Empty, Locale::Zh) => "请填写金额（单位：元），如 1,234.56".to_owned(),
            (Self::InvalidCharacter { ch }, Locale::Zh) => {
                format!(
                    "金额中含有无效字符“{ch}”：只能填写数字、千位分隔逗号和一个小数点，末尾可加“万”或“元”"
                )
            }
            (Self::Negative, Locale::Zh) => "金额不能为负数".to_owned(),
            (Self::Malformed, Locale::Zh) => {
                "金额格式不正确：最多一个小数点，且小数点前后都要有数字，如 1234.56".to_owned()
            }
            (Self::BadGrouping, Locale::Zh) => {
                "千位分隔逗号位置不对：应每三位一组，如 1,234,567.89".to_owned()
            }
            (Self::TooManyDecimals { found }, Locale::Zh) => {
                format!("金额最多精确到分（两位小数），现有 {found} 位小数")
            }
            (Self::TooManyDecimalsInWan { found }, Locale::Zh) => {
                format!("以“万”为单位的金额最多六位小数（精确到分），现有 {found} 位小数")
            }
            (Self::TooLarge, Locale::Zh) => format!("金额过大，不能超过 {}", Money(i64::MAX)),
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fen(fen: i64) -> Money {
        Money::from_fen(fen)
    }

    #[test]
    fn parses_what_people_type() {
        for (input, expected) in [
            ("1234", 123_400),
            ("1234.5", 123_450),
            ("1234.56", 123_456),
            ("1234.05", 123_405),
            ("1,234.56", 123_456),
            ("¥1,234.56", 123_456),
            ("￥1234", 123_400),
            ("  ¥ 1,234,567.8 ", 123_456_780),
            ("0", 0),
            ("0.01", 1),
            ("999", 99_900),
            ("92233720368547758.07", i64::MAX),
            ("80万", 80_000_000),
            ("80 万元", 80_000_000),
            ("1.5万", 1_500_000),
            ("1.234567万", 1_234_567),
            ("1234元", 123_400),
            ("１２０００", 1_200_000),
            ("￥１，２３４．５", 123_450),
            ("８０万", 80_000_000),
        ] {
            assert_eq!(Money::parse(input), Ok(fen(expected)), "{input:?}");
            assert_eq!(input.parse::<Money>(), Ok(fen(expected)), "{input:?}");
        }
    }

    #[test]
    fn an_amount_said_in_other_words_is_told_back() {
        for (input, reworded) in [
            ("80万", true),
            ("１２０００", true),
            ("1234元", true),
            ("12000", false),
            ("12,000", false),
            ("¥12,000.00", false),
            ("12000.5", false),
        ] {
            assert!(Money::parse(input).is_ok(), "{input:?}");
            assert_eq!(Money::reworded(input), reworded, "{input:?}");
        }
    }

    #[test]
    fn refuses_each_kind_of_mistake() {
        use MoneyError::*;
        for (input, expected) in [
            ("", Empty),
            ("   ", Empty),
            ("¥", Empty),
            ("12a", InvalidCharacter { ch: 'a' }),
            ("1 234", InvalidCharacter { ch: ' ' }),
            ("12元3", InvalidCharacter { ch: '元' }),
            ("万", Empty),
            ("-80万", Negative),
            ("1.2345678万", TooManyDecimalsInWan { found: 7 }),
            ("－80万", Negative),
            ("-1", Negative),
            ("-¥1.00", Negative),
            ("¥-1", Negative),
            ("−5", Negative),
            ("1.2.3", Malformed),
            ("1.", Malformed),
            (".5", Malformed),
            ("1,23", BadGrouping),
            ("1234,567", BadGrouping),
            (",123", BadGrouping),
            ("1,,234", BadGrouping),
            ("1,234.5,6", BadGrouping),
            ("1.234", TooManyDecimals { found: 3 }),
            ("0.001", TooManyDecimals { found: 3 }),
            ("92233720368547758.08", TooLarge),
            ("99999999999999999999", TooLarge),
        ] {
            assert_eq!(Money::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn errors_explain_themselves_in_both_languages() {
        assert_eq!(
            MoneyError::TooManyDecimals { found: 3 }.explain(Locale::Zh),
            "金额最多精确到分（两位小数），现有 3 位小数"
        );
        assert_eq!(
            MoneyError::TooManyDecimals { found: 3 }.explain(Locale::En),
            "the amount has 3 decimal places: at most 2 (down to the fen) are allowed"
        );
        assert_eq!(MoneyError::TooLarge.explain(Locale::Zh), "金额过大，不能超过 ¥92,233,720,368,547,758.07");
        assert_eq!(
            MoneyError::InvalidCharacter { ch: 'a' }.explain(Locale::Zh),
            "金额中含有无效字符“a”：只能填写数字、千位分隔逗号和一个小数点，末尾可加“万”或“元”"
        );
        for error in [MoneyError::Empty, MoneyError::Negative, MoneyError::Malformed, MoneyError::BadGrouping]
        {
            let zh = error.explain(Locale::Zh);
            assert!(!zh.is_empty() && !zh.is_ascii(), "{zh}");
            assert_eq!(error.explain(Locale::En), error.to_string());
        }
    }

    #[test]
    fn displays_with_symbol_commas_and_two_decimals() {
        for (amount, shown) in [
            (0, "¥0.00"),
            (1, "¥0.01"),
            (100, "¥1.00"),
            (123_456, "¥1,234.56"),
            (99_999, "¥999.99"),
            (100_000, "¥1,000.00"),
            (12_345_678_900, "¥123,456,789.00"),
            (-100, "-¥1.00"),
            (-123_456, "-¥1,234.56"),
            (i64::MAX, "¥92,233,720,368,547,758.07"),
            (i64::MIN, "-¥92,233,720,368,547,758.08"),
        ] {
            assert_eq!(fen(amount).to_string(), shown);
        }
        assert_eq!(format!("[{:>10}]", fen(100)), "[     ¥1.00]");
    }

    #[test]
    fn serializes_as_plain_fen() {
        assert_eq!(serde_json::to_string(&fen(123_456)).unwrap(), "123456");
        assert_eq!(serde_json::from_str::<Money>("-5").unwrap(), fen(-5));
    }

    #[test]
    fn yuan_and_checked_arithmetic() {
        assert_eq!(Money::from_yuan(12), Some(fen(1_200)));
        assert_eq!(Money::from_yuan(-3), Some(fen(-300)));
        assert_eq!(Money::from_yuan(i64::MAX / 100 + 1), None);
        assert_eq!(fen(150).checked_add(fen(50)), Some(fen(200)));
        assert_eq!(fen(i64::MAX).checked_add(fen(1)), None);
        assert_eq!(fen(150).checked_sub(fen(200)), Some(fen(-50)));
        assert_eq!(fen(i64::MIN).checked_sub(fen(1)), None);
        assert_eq!(fen(150).checked_mul(3), Some(fen(450)));
        assert_eq!(fen(i64::MAX).checked_mul(2), None);
        assert!(fen(1).is_positive());
        assert!(!Money::ZERO.is_positive());
        assert!(!fen(-1).is_positive());
    }

    #[test]
    fn mul_ratio_rounds_half_away_from_zero() {
        for (amount, numerator, denominator, expected) in [
            (100_000, 9650, 10_000, Some(96_500)),
            (123_457, 9650, 10_000, Some(119_136)), // 119_136.005 fen
            (100, 9650, 10_000, Some(97)),          // exactly 96.5 fen
            (-100, 9650, 10_000, Some(-97)),
            (1, 1, 2, Some(1)),
            (-1, 1, 2, Some(-1)),
            (3, 1, 2, Some(2)),
            (5, 1, 3, Some(2)),
            (4, 1, 3, Some(1)),
            (-5, 1, 3, Some(-2)),
            (5, 1, -2, Some(-3)),
            (-5, -1, 2, Some(3)),
            (5, -1, -2, Some(3)),
            (7, 0, 3, Some(0)),
            (7, 3, 0, None),
            (i64::MAX, 3, 3, Some(i64::MAX)),
            (i64::MAX, 2, 1, None),
            (i64::MIN, -1, 1, None),
        ] {
            assert_eq!(
                fen(amount).mul_ratio(numerator, denominator),
                expected.map(fen),
                "{amount} × {numerator} / {denominator}"
            );
        }
    }

    proptest! {
        #[test]
        fn formatted_amounts_parse_back(amount in 0..=i64::MAX) {
            let money = fen(amount);
            prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
            let plain = format!("{}.{:02}", amount / 100, amount % 100);
            prop_assert_eq!(Money::parse(&plain), Ok(money));
        }

        #[test]
        fn negatives_show_as_minus_then_the_magnitude(amount in (i64::MIN + 1)..0) {
            prop_assert_eq!(fen(amount).to_string(), format!("-{}", fen(-amount)));
        }

        #[test]
        fn mul_ratio_agrees_with_exact_cases(amount in -1_000_000_000_000i64..1_000_000_000_000, k in -1000i64..1000) {
            prop_assert_eq!(fen(amount).mul_ratio(k, 1), fen(amount).checked_mul(k));
            if k != 0 {
                prop_assert_eq!(fen(amount).mul_ratio(k, k), Some(fen(amount)));
                prop_assert_eq!(fen(amount * k).mul_ratio(1, k), Some(fen(amount)));
            }
        }
    }
}
