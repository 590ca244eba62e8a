//! Qualifications (资质): the certificates a provider holds — of a type and a level, issued by an
//! authority, valid between two dates. A project may require some; a provider may quote only if
//! it holds each one, valid until the service deadline.

use crate::locale::{Explain, Locale, Term};
use crate::text::{string_newtype, FieldName, LineLimits, TextError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kind of a qualification, as a stable code such as `EIA` or `SURVEY_A`: 2–32 characters of
/// `A-Z`, `0-9` and `_`, starting with a letter. Codes, not names, so that a project's required
/// qualifications and a provider's certificates can be compared exactly.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Z][A-Z0-9_]{1,31}$", examples("EIA")))]
#[serde(try_from = "String", into = "String")]
pub struct QualificationType(String);

impl QualificationType {
    pub fn parse(input: &str) -> Result<Self, QualificationError> {
        let code = input.trim();
        let starts_with_letter = code.starts_with(|ch: char| ch.is_ascii_uppercase());
        let symbols_ok = code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if (2..=32).contains(&code.len()) && starts_with_letter && symbols_ok {
            Ok(Self(code.to_owned()))
        } else {
            Err(QualificationError::BadType { found: code.to_owned() })
        }
    }
}

string_newtype!(QualificationType, QualificationError);

/// The qualification types (资质类型) the marketplace knows by name. A code outside this table
/// (a supervisor may allow a new one in the catalogue before it is named here) is shown as itself.
const QUALIFICATION_TYPES: [(&str, Term); 18] = [
    ("CONSTRUCTION_SUPERVISION", Term::new("工程监理资质", "Construction supervision")),
    ("COST_ENGINEER", Term::new("造价工程师", "Registered cost engineer")),
    ("DRAWING_REVIEW", Term::new("施工图审查机构认定", "Construction drawing review")),
    ("EIA_ENGINEER", Term::new("环境影响评价工程师", "Environmental impact assessment engineer")),
    ("ENGINEERING_CONSULTING", Term::new("工程咨询单位资信", "Engineering consulting credentials")),
    ("FIRE_TECHNICAL_SERVICE", Term::new("消防技术服务机构资质", "Fire technical service")),
    ("FORESTRY_SURVEY_DESIGN", Term::new("林业调查规划设计资质", "Forestry survey and planning")),
    ("GEOHAZARD_ASSESSMENT", Term::new("地质灾害危险性评估资质", "Geological hazard assessment")),
    (
        "HERITAGE_SURVEY_DESIGN",
        Term::new("文物保护工程勘察设计资质", "Heritage conservation survey and design"),
    ),
    ("LIGHTNING_PROTECTION", Term::new("雷电防护装置检测资质", "Lightning protection testing")),
    ("METEOROLOGICAL_SERVICE", Term::new("气象技术服务资质", "Meteorological technical service")),
    ("MINERAL_RESERVE_ASSESSMENT", Term::new("矿产资源储量评审资格", "Mineral reserve assessment")),
    (
        "OCCUPATIONAL_HEALTH_SERVICE",
        Term::new("职业卫生技术服务机构资质", "Occupational health technical service"),
    ),
    ("SAFETY_EVALUATION", Term::new("安全评价机构资质", "Safety evaluation")),
    ("SURVEYING_MAPPING", Term::new("测绘资质", "Surveying and mapping")),
    ("SWC_PLANNING", Term::new("水土保持方案编制单位水平评价", "Soil and water conservation planning")),
    ("URBAN_PLANNING", Term::new("城乡规划编制资质", "Urban and rural planning")),
    (
        "WATER_ENGINEERING_CONSULTING",
        Term::new("水利工程咨询单位资信", "Water engineering consulting credentials"),
    ),
];

impl QualificationType {
    /// Every type the marketplace knows by name, with its name.
    pub fn named() -> impl Iterator<Item = (QualificationType, Term)> {
        QUALIFICATION_TYPES.iter().map(|(code, term)| (QualificationType((*code).to_owned()), *term))
    }

    /// The type's name, if the marketplace knows it.
    pub fn term(&self) -> Option<Term> {
        QUALIFICATION_TYPES.iter().find(|(code, _)| *code == self.0).map(|(_, term)| *term)
    }

    /// The type as people read it: its name, else its code.
    pub fn name(&self, locale: Locale) -> String {
        self.term().map_or_else(|| self.0.clone(), |t| t.get(locale).to_owned())
    }
}

/// A qualification's level as the certificate states it, e.g. 甲级: one line of 1–20 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples("甲级")))]
#[serde(try_from = "String", into = "String")]
pub struct QualificationLevel(String);

impl QualificationLevel {
    pub const LIMITS: LineLimits =
        LineLimits { field: FieldName::new("资质等级", "the qualification level"), max: 20 };

    pub fn parse(input: &str) -> Result<Self, QualificationError> {
        Ok(Self(Self::LIMITS.apply(input)?))
    }
}

string_newtype!(QualificationLevel, QualificationError);

/// A certificate's number as printed: 1–64 ASCII letters, digits, `-`, `/`, `(` and `)`, so it
/// can be matched against the issuer's register.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9/()-]{1,64}$", examples("A133000123")))]
#[serde(try_from = "String", into = "String")]
pub struct CertificateNumber(String);

impl CertificateNumber {
    pub const LIMITS: LineLimits =
        LineLimits { field: FieldName::new("证书编号", "the certificate number"), max: 64 };

    pub fn parse(input: &str) -> Result<Self, QualificationError> {
        let number = Self::LIMITS.apply(input)?;
        let allowed = |ch: &char| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '/' | '(' | ')');
        match number.chars().enumerate().find(|(_, ch)| !allowed(ch)) {
            Some((index, ch)) => Err(QualificationError::CertificateCharacter { position: index + 1, ch }),
            None => Ok(Self(number)),
        }
    }
}

string_newtype!(CertificateNumber, QualificationError);

/// The authority that issued a certificate: one line of 1–100 characters, like a title.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Issuer(String);

impl Issuer {
    pub const LIMITS: LineLimits =
        LineLimits { field: FieldName::new("发证机关", "the issuing authority"), max: 100 };

    pub fn parse(input: &str) -> Result<Self, QualificationError> {
        Ok(Self(Self::LIMITS.apply(input)?))
    }
}

string_newtype!(Issuer, QualificationError);

/// A qualification a provider holds. Valid from `valid_from` to `valid_until`, both days included;
/// the first never after the second.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawQualification")]
pub struct Qualification {
    qualification_type: QualificationType,
    level: QualificationLevel,
    certificate_number: CertificateNumber,
    issuer: Issuer,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

#[derive(Deserialize)]
struct RawQualification {
    qualification_type: QualificationType,
    level: QualificationLevel,
    certificate_number: CertificateNumber,
    issuer: Issuer,
    valid_from: NaiveDate,
    valid_until: NaiveDate,
}

impl Qualification {
    pub fn new(
        qualification_type: QualificationType,
        level: QualificationLevel,
        certificate_number: CertificateNumber,
        issuer: Issuer,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    ) -> Result<Self, QualificationError> {
        if valid_from > valid_until {
            return Err(QualificationError::ValidityReversed { valid_from, valid_until });
        }
        Ok(Self { qualification_type, level, certificate_number, issuer, valid_from, valid_until })
    }

    pub fn qualification_type(&self) -> &QualificationType {
        &self.qualification_type
    }

    pub fn level(&self) -> &QualificationLevel {
        &self.level
    }

    pub fn certificate_number(&self) -> &CertificateNumber {
        &self.certificate_number
    }

    pub fn issuer(&self) -> &Issuer {
        &self.issuer
    }

    pub fn valid_from(&self) -> NaiveDate {
        self.valid_from
    }

    pub fn valid_until(&self) -> NaiveDate {
        self.valid_until
    }

    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        (self.valid_from..=self.valid_until).contains(&date)
    }

    /// Whether the qualification is valid on every day from `from` to `until` (both included) —
    /// as a provider's must be, from the quote until the service deadline. A reversed span is
    /// covered by nothing, so a mistaken call can never let an expired certificate through.
    pub fn covers(&self, from: NaiveDate, until: NaiveDate) -> bool {
        from <= until && self.valid_from <= from && until <= self.valid_until
    }
}

impl TryFrom<RawQualification> for Qualification {
    type Error = QualificationError;
    fn try_from(raw: RawQualification) -> Result<Self, Self::Error> {
        Qualification::new(
            raw.qualification_type,
            raw.level,
            raw.certificate_number,
            raw.issuer,
            raw.valid_from,
            raw.valid_until,
        )
    }
}

/// Why a qualification, or one of its parts, was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QualificationError {
    #[error(
        "the qualification type {found:?} is invalid: expected a code of 2–32 capital letters, digits \
         and underscores starting with a letter, e.g. EIA or SURVEY_A"
    )]
    BadType { found: String },
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(
        "character {position} of the certificate number, {ch:?}, is not allowed: only English letters, \
         digits, -, /, ( and )"
    )]
    CertificateCharacter { position: usize, ch: char },
    #[error("the qualification is valid from {valid_from}, which is after its end {valid_until}")]
    ValidityReversed { valid_from: NaiveDate, valid_until: NaiveDate },
}

impl Explain for QualificationError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Text(error), _) => error.explain(locale),
            (Self::BadType { found }, Locale::Zh) => format!(
                "资质类型编码“{found}”无效：应为 2–32 位大写字母、数字或下划线，并以字母开头，如 EIA、SURVEY_A"
            ),
            (Self::CertificateCharacter { position, ch }, Locale::Zh) => format!(
                "证书编号第 {position} 个字符“{ch}”无效：只能使用英文字母、数字和 - / ( )（请使用半角符号）"
            ),
            (Self::ValidityReversed { valid_from, valid_until }, Locale::Zh) => {
                format!("资质有效期的开始日期 {valid_from} 晚于结束日期 {valid_until}")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn qualification(from: &str, until: &str) -> Result<Qualification, QualificationError> {
        Qualification::new(
            QualificationType::parse("EIA")?,
            QualificationLevel::parse("甲级")?,
            CertificateNumber::parse("HP-2024/0012(A)")?,
            Issuer::parse("浙江省生态环境厅")?,
            date(from),
            date(until),
        )
    }

    #[test]
    fn types_are_short_upper_case_codes() {
        for good in ["EIA", "SURVEY_A", "A1", " SAFETY_EVAL_2 ", format!("A{}", "_".repeat(31)).as_str()] {
            assert_eq!(QualificationType::parse(good).unwrap().as_str(), good.trim(), "{good}");
        }
        for bad in ["", "E", "eia", "1EIA", "_EIA", "EIA-A", "测绘", format!("A{}", "_".repeat(32)).as_str()]
        {
            assert_eq!(
                QualificationType::parse(bad),
                Err(QualificationError::BadType { found: bad.into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn levels_issuers_and_certificate_numbers_are_bounded() {
        assert_eq!(QualificationLevel::parse(" 甲级 ").unwrap().as_str(), "甲级");
        assert!(QualificationLevel::parse(&"级".repeat(20)).is_ok());
        assert_eq!(
            QualificationLevel::parse(&"级".repeat(21)),
            Err(TextError::TooLong { field: QualificationLevel::LIMITS.field, max: 20, found: 21 }.into())
        );
        assert_eq!(
            Issuer::parse(""),
            Err(QualificationError::Text(TextError::Empty { field: Issuer::LIMITS.field }))
        );
        assert!(Issuer::parse(&"厅".repeat(100)).is_ok());
        assert_eq!(
            Issuer::parse("省厅\n"),
            Ok(Issuer("省厅".into())),
            "a trailing line break is surrounding space"
        );
        assert_eq!(
            Issuer::parse("省\n厅"),
            Err(TextError::ControlCharacter { field: Issuer::LIMITS.field, position: 2, ch: '\n' }.into())
        );

        assert_eq!(CertificateNumber::parse(" A-1/2(3) ").unwrap().as_str(), "A-1/2(3)");
        assert!(CertificateNumber::parse(&"9".repeat(64)).is_ok());
        assert_eq!(
            CertificateNumber::parse(&"9".repeat(65)),
            Err(TextError::TooLong { field: CertificateNumber::LIMITS.field, max: 64, found: 65 }.into())
        );
        for (bad, position, ch) in [("A 1", 2, ' '), ("甲12", 1, '甲'), ("A1（2）", 3, '（'), ("A_1", 2, '_')]
        {
            assert_eq!(
                CertificateNumber::parse(bad),
                Err(QualificationError::CertificateCharacter { position, ch }),
                "{bad}"
            );
        }
    }

    #[test]
    fn errors_explain_themselves_in_both_languages() {
        assert_eq!(
            QualificationError::CertificateCharacter { position: 3, ch: '（' }.explain(Locale::Zh),
            "证书编号第 3 个字符“（”无效：只能使用英文字母、数字和 - / ( )（请使用半角符号）"
        );
        let reversed = QualificationError::ValidityReversed {
            valid_from: date("2026-02-01"),
            valid_until: date("2026-01-31"),
        };
        assert_eq!(reversed.explain(Locale::Zh), "资质有效期的开始日期 2026-02-01 晚于结束日期 2026-01-31");
        assert_eq!(
            reversed.explain(Locale::En),
            "the qualification is valid from 2026-02-01, which is after its end 2026-01-31"
        );
        assert_eq!(
            QualificationError::BadType { found: "eia".into() }.explain(Locale::Zh),
            "资质类型编码“eia”无效：应为 2–32 位大写字母、数字或下划线，并以字母开头，如 EIA、SURVEY_A"
        );
        let too_long: QualificationError =
            TextError::TooLong { field: QualificationLevel::LIMITS.field, max: 20, found: 21 }.into();
        assert_eq!(too_long.explain(Locale::Zh), "资质等级不能超过 20 个字符，现有 21 个");
        assert_eq!(
            too_long.explain(Locale::En),
            "the qualification level must be at most 20 characters long, this one has 21"
        );
    }

    #[test]
    fn validity_must_not_be_reversed() {
        assert!(qualification("2026-01-31", "2026-01-31").is_ok(), "a single day is a valid span");
        assert_eq!(
            qualification("2026-02-01", "2026-01-31"),
            Err(QualificationError::ValidityReversed {
                valid_from: date("2026-02-01"),
                valid_until: date("2026-01-31")
            })
        );
    }

    #[test]
    fn validity_includes_both_ends() {
        let q = qualification("2024-03-01", "2029-02-28").unwrap();
        assert!(!q.is_valid_on(date("2024-02-29")));
        assert!(q.is_valid_on(date("2024-03-01")));
        assert!(q.is_valid_on(date("2029-02-28")));
        assert!(!q.is_valid_on(date("2029-03-01")));

        assert!(q.covers(date("2026-05-01"), date("2026-08-31")));
        assert!(q.covers(date("2024-03-01"), date("2029-02-28")));
        assert!(q.covers(date("2027-01-01"), date("2027-01-01")));
        assert!(!q.covers(date("2026-05-01"), date("2029-03-01")), "expires before the deadline");
        assert!(!q.covers(date("2024-02-29"), date("2026-01-01")), "not yet valid at the start");
        assert!(!q.covers(date("2026-08-31"), date("2026-05-01")), "a reversed span");
    }

    #[test]
    fn round_trips_through_serde_and_refuses_bad_parts() {
        let q = qualification("2024-03-01", "2029-02-28").unwrap();
        let value = serde_json::to_value(&q).unwrap();
        assert_eq!(
            value,
            json!({
                "qualification_type": "EIA",
                "level": "甲级",
                "certificate_number": "HP-2024/0012(A)",
                "issuer": "浙江省生态环境厅",
                "valid_from": "2024-03-01",
                "valid_until": "2029-02-28",
            })
        );
        assert_eq!(serde_json::from_value::<Qualification>(value.clone()).unwrap(), q);
        assert_eq!(q.qualification_type().as_str(), "EIA");
        assert_eq!(q.level().as_str(), "甲级");
        assert_eq!(q.certificate_number().as_str(), "HP-2024/0012(A)");
        assert_eq!(q.issuer().as_str(), "浙江省生态环境厅");
        assert_eq!((q.valid_from(), q.valid_until()), (date("2024-03-01"), date("2029-02-28")));

        for (field, bad, message) in [
            ("valid_until", json!("2020-01-01"), "after its end"),
            ("qualification_type", json!("eia"), "qualification type"),
            ("level", json!(""), "qualification level must not be empty"),
            ("certificate_number", json!("证书1"), "certificate number"),
            ("issuer", json!("厅".repeat(101)), "issuing authority must be at most 100"),
        ] {
            let mut bad_value = value.clone();
            bad_value[field] = bad;
            let err = serde_json::from_value::<Qualification>(bad_value).unwrap_err().to_string();
            assert!(err.contains(message), "{field}: {err}");
        }
    }
}
