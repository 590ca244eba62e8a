//! Texts people type into forms, each bounded by its field's rules: titles, descriptions, email
//! addresses, phone numbers and projects' public codes. Lengths count Unicode scalar values, so a
//! Chinese character counts as one, as a person counts it.

use crate::locale::{Explain, Locale, Term};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A field's name in both languages, so that an error can say which field is wrong. Other
/// modules name their own fields with [`FieldName::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldName(Term);

impl FieldName {
    pub const TITLE: FieldName = FieldName::new("标题", "the title");
    pub const DESCRIPTION: FieldName = FieldName::new("说明", "the description");
    pub const EMAIL: FieldName = FieldName::new("电子邮箱", "the email address");
    pub const PHONE: FieldName = FieldName::new("电话号码", "the phone number");

    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self(Term::new(zh, en))
    }

    pub fn get(self, locale: Locale) -> &'static str {
        self.0.get(locale)
    }
}

/// The English name, as used in the errors' `Display`.
impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.en)
    }
}

/// The rules of a required one-line text: surrounding spaces are dropped, it must not then be
/// empty nor longer than `max` characters, and it may contain no control characters at all
/// (a line break in a title would break every list it is shown in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineLimits {
    pub field: FieldName,
    pub max: usize,
}

impl LineLimits {
    /// The trimmed text, if it keeps to these limits.
    pub fn apply(&self, input: &str) -> Result<String, TextError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(TextError::Empty { field: self.field });
        }
        check_length(self.field, self.max, text)?;
        check_controls(self.field, text, &[])?;
        Ok(text.to_owned())
    }
}

fn check_length(field: FieldName, max: usize, text: &str) -> Result<(), TextError> {
    let found = text.chars().count();
    if found > max {
        return Err(TextError::TooLong { field, max, found });
    }
    Ok(())
}

/// Control characters are invisible: they confuse readers and can disguise a text, so only
/// those in `allowed` may appear.
fn check_controls(field: FieldName, text: &str, allowed: &[char]) -> Result<(), TextError> {
    match text.chars().enumerate().find(|(_, ch)| ch.is_control() && !allowed.contains(ch)) {
        Some((index, ch)) => Err(TextError::ControlCharacter { field, position: index + 1, ch }),
        None => Ok(()),
    }
}

/// The accessors, conversions and serde plumbing of a text type holding a checked `String` and
/// built by its `parse`.
macro_rules! string_newtype {
    ($name:ident, $error:ty) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $error;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl ::std::convert::From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use string_newtype;

/// A title (of a project, a delivery …): one line of 1–100 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Title(String);

impl Title {
    pub const LIMITS: LineLimits = LineLimits { field: FieldName::TITLE, max: 100 };

    pub fn parse(input: &str) -> Result<Self, TextError> {
        Self::LIMITS.apply(input).map(Self)
    }
}

string_newtype!(Title, TextError);

/// A free text of up to 5,000 characters, in paragraphs: line breaks and tabs are kept (Windows
/// line breaks become `\n`), other control characters refused. Surrounding blank space is
/// dropped, so a description of only spaces is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Description(String);

impl Description {
    pub const MAX: usize = 5_000;

    pub fn parse(input: &str) -> Result<Self, TextError> {
        let normalized = input.replace("\r\n", "\n");
        let text = normalized.trim();
        check_length(FieldName::DESCRIPTION, Self::MAX, text)?;
        check_controls(FieldName::DESCRIPTION, text, &['\n', '\t'])?;
        Ok(Self(text.to_owned()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

string_newtype!(Description, TextError);

/// An email address, checked for the mistakes people make in forms (a missing `@`, a domain
/// without a dot) rather than against the whole of RFC 5322. The domain is lower-cased, since
/// domains are case-insensitive; the local part is kept as typed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples("service@example.com")))]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The longest address SMTP can carry.
    pub const LIMITS: LineLimits = LineLimits { field: FieldName::EMAIL, max: 254 };

    pub fn parse(input: &str) -> Result<Self, TextError> {
        let text = Self::LIMITS.apply(input)?;
        let at_signs = text.matches('@').count();
        let (local, domain) = match text.split_once('@') {
            Some(parts) if at_signs == 1 => parts,
            _ => return Err(TextError::EmailAtSign { found: at_signs }),
        };
        if local.is_empty() || local.chars().any(char::is_whitespace) {
            return Err(TextError::EmailLocalPart);
        }
        let domain = domain.to_ascii_lowercase();
        let label_ok = |label: &str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if !domain.contains('.') || !domain.split('.').all(label_ok) {
            return Err(TextError::EmailDomain { domain });
        }
        Ok(Self(format!("{local}@{domain}")))
    }
}

string_newtype!(Email, TextError);

/// A mainland phone number: a mobile number (`13812345678`) or a landline with its area code
/// (`0571-87654321`, optionally `-123` for an extension). Spaces are removed; the dashes of a
/// landline are kept, as they separate the parts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples("0571-87654321")))]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let number: String = input.chars().filter(|ch| !ch.is_whitespace()).collect();
        if number.is_empty() {
            return Err(TextError::Empty { field: FieldName::PHONE });
        }
        if is_mobile(&number) || is_landline(&number) {
            Ok(Self(number))
        } else {
            Err(TextError::PhoneNumber { found: number })
        }
    }

    pub fn is_mobile(&self) -> bool {
        is_mobile(&self.0)
    }
}

string_newtype!(Phone, TextError);

fn all_digits(s: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1[3-9]` and nine more digits.
fn is_mobile(number: &str) -> bool {
    let bytes = number.as_bytes();
    all_digits(number, 11..=11) && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1])
}

/// An area code (`0` and two or three digits), a dash, 7–8 digits, and maybe a dash and an
/// extension of 1–6 digits.
fn is_landline(number: &str) -> bool {
    let parts: Vec<&str> = number.split('-').collect();
    match parts.as_slice() {
        [area, local, rest @ ..] if rest.len() <= 1 => {
            area.starts_with('0')
                && all_digits(area, 3..=4)
                && all_digits(local, 7..=8)
                && rest.iter().all(|extension| all_digits(extension, 1..=6))
        }
        _ => false,
    }
}

/// A project's public number, e.g. `ZJ-2026-000123`: the year it was numbered in and a sequence
/// within that year. Ordered by year, then sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProjectCode {
    year: u16,
    sequence: u32,
}

impl ProjectCode {
    pub const YEARS: std::ops::RangeInclusive<u16> = 2020..=2099;
    pub const SEQUENCES: std::ops::RangeInclusive<u32> = 1..=999_999;

    pub fn new(year: u16, sequence: u32) -> Result<Self, TextError> {
        if !Self::YEARS.contains(&year) {
            return Err(TextError::ProjectCodeYear { year });
        }
        if !Self::SEQUENCES.contains(&sequence) {
            return Err(TextError::ProjectCodeSequence { sequence });
        }
        Ok(Self { year, sequence })
    }

    /// Reads a code as typed; surrounding spaces are dropped and letters upper-cased.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let text = input.trim().to_ascii_uppercase();
        let bad = || TextError::ProjectCodeFormat { found: input.trim().to_owned() };
        let (year, sequence) =
            text.strip_prefix("ZJ-").and_then(|rest| rest.split_once('-')).ok_or_else(bad)?;
        if !all_digits(year, 4..=4) || !all_digits(sequence, 6..=6) {
            return Err(bad());
        }
        Self::new(year.parse().map_err(|_| bad())?, sequence.parse().map_err(|_| bad())?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for ProjectCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZJ-{}-{:06}", self.year, self.sequence)
    }
}

impl std::str::FromStr for ProjectCode {
    type Err = TextError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ProjectCode {
    type Error = TextError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ProjectCode> for String {
    fn from(code: ProjectCode) -> Self {
        code.to_string()
    }
}

/// Written as its text: a struct to the derive, but a string in JSON.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ProjectCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::openapi::patterned_string(
            "A project's public number: the year it was numbered in and a sequence within that year.",
            r"^ZJ-20[2-9][0-9]-[0-9]{6}$",
            "ZJ-2026-000123",
        )
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ProjectCode {}

/// Why a text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field} must not be empty")]
    Empty { field: FieldName },
    #[error("{field} must be at most {max} characters long, this one has {found}")]
    TooLong { field: FieldName, max: usize, found: usize },
    #[error("{field} contains an invisible control character (U+{:04X}) at position {position}: please remove it", u32::from(*ch))]
    ControlCharacter { field: FieldName, position: usize, ch: char },
    #[error("an email address must contain exactly one @, this one has {found}")]
    EmailAtSign { found: usize },
    #[error("the part of the email address before the @ must not be empty nor contain spaces")]
    EmailLocalPart,
    #[error(
        "the email domain {domain:?} is invalid: it needs a dot, and each part only letters, digits \
         and inner hyphens"
    )]
    EmailDomain { domain: String },
    #[error(
        "the phone number {found:?} is invalid: expected an 11-digit mobile number (e.g. 13812345678) \
         or a landline with its area code (e.g. 0571-87654321, or 0571-87654321-123 with an extension)"
    )]
    PhoneNumber { found: String },
    #[error("the project code {found:?} is malformed: expected e.g. ZJ-2026-000123")]
    ProjectCodeFormat { found: String },
    #[error("the project code's year {year} is outside 2020–2099")]
    ProjectCodeYear { year: u16 },
    #[error("the project code's sequence number {sequence} is outside 1–999999")]
    ProjectCodeSequence { sequence: u32 },
}

impl Explain for TextError {
    fn explain(&self, locale: Locale) -> String {
        let zh = |field: &FieldName| field.get(Locale::Zh);
        match (self, locale) {
            (Self::Empty { field }, Locale::Zh) => format!("{}不能为空", zh(field)),
            (Self::TooLong { field, max, found }, Locale::Zh) => {
                format!("{}不能超过 {max} 个字符，现有 {found} 个", zh(field))
            }
            (Self::ControlCharacter { field, position, ch }, Locale::Zh) => format!(
                "{}的第 {position} 个字符是不可见的控制字符（U+{:04X}），请删除",
                zh(field),
                u32::from(*ch)
            ),
            (Self::EmailAtSign { found }, Locale::Zh) => {
                format!("电子邮箱地址应包含且只包含一个 @，现有 {found} 个")
            }
            (Self::EmailLocalPart, Locale::Zh) => "电子邮箱地址 @ 之前的部分不能为空，也不能含有空格".to_owned(),
            (Self::EmailDomain { domain }, Locale::Zh) => format!(
                "电子邮箱域名“{domain}”无效：应含有点号，各段只能由字母、数字和连字符组成，且连字符不能在段首或段尾"
            ),
            (Self::PhoneNumber { found }, Locale::Zh) => format!(
                "电话号码“{found}”无效：应为 11 位手机号（如 13812345678），\
                 或带区号的固定电话（如 0571-87654321，有分机时写作 0571-87654321-123）"
            ),
            (Self::ProjectCodeFormat { found }, Locale::Zh) => {
                format!("项目编号“{found}”格式不正确，应形如 ZJ-2026-000123")
            }
            (Self::ProjectCodeYear { year }, Locale::Zh) => {
                format!("项目编号中的年份 {year} 超出 2020–2099 的范围")
            }
            (Self::ProjectCodeSequence { sequence }, Locale::Zh) => {
                format!("项目编号中的序号 {sequence} 超出 1–999999 的范围")
            }
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_are_one_trimmed_line_of_1_to_100_characters() {
        assert_eq!(Title::parse("  环境影响评价报告书编制  ").unwrap().as_str(), "环境影响评价报告书编制");
        assert_eq!(Title::parse(&"评".repeat(100)).unwrap().as_str().chars().count(), 100);
        assert_eq!(
            Title::parse(&"评".repeat(101)),
            Err(TextError::TooLong { field: FieldName::TITLE, max: 100, found: 101 })
        );
        assert_eq!(Title::parse(" \t "), Err(TextError::Empty { field: FieldName::TITLE }));
        for (input, position, ch) in [("a\nb", 2, '\n'), ("a\tb", 2, '\t'), ("标题\u{7}", 3, '\u{7}')] {
            assert_eq!(
                Title::parse(input),
                Err(TextError::ControlCharacter { field: FieldName::TITLE, position, ch }),
                "{input:?}"
            );
        }
    }

    #[test]
    fn errors_name_the_field_and_its_limit() {
        let too_long = TextError::TooLong { field: FieldName::TITLE, max: 100, found: 123 };
        assert_eq!(too_long.explain(Locale::Zh), "标题不能超过 100 个字符，现有 123 个");
        assert_eq!(
            too_long.explain(Locale::En),
            "the title must be at most 100 characters long, this one has 123"
        );
        assert_eq!(TextError::Empty { field: FieldName::PHONE }.explain(Locale::Zh), "电话号码不能为空");
        let control =
            TextError::ControlCharacter { field: FieldName::DESCRIPTION, position: 7, ch: '\u{1b}' };
        assert_eq!(control.explain(Locale::Zh), "说明的第 7 个字符是不可见的控制字符（U+001B），请删除");
        assert_eq!(
            control.explain(Locale::En),
            "the description contains an invisible control character (U+001B) at position 7: please remove it"
        );
        assert_eq!(
            TextError::EmailAtSign { found: 2 }.explain(Locale::Zh),
            "电子邮箱地址应包含且只包含一个 @，现有 2 个"
        );
        assert_eq!(
            TextError::ProjectCodeYear { year: 2019 }.explain(Locale::Zh),
            "项目编号中的年份 2019 超出 2020–2099 的范围"
        );
        assert_eq!(
            TextError::ProjectCodeSequence { sequence: 0 }.explain(Locale::Zh),
            "项目编号中的序号 0 超出 1–999999 的范围"
        );
        assert_eq!(
            TextError::ProjectCodeFormat { found: "ZJ-26-1".into() }.explain(Locale::Zh),
            "项目编号“ZJ-26-1”格式不正确，应形如 ZJ-2026-000123"
        );
        for error in [
            TextError::EmailLocalPart,
            TextError::EmailDomain { domain: "x".into() },
            TextError::PhoneNumber { found: "12".into() },
        ] {
            assert!(error.explain(Locale::Zh).contains(['电', '邮']), "{error}");
            assert_eq!(error.explain(Locale::En), error.to_string());
        }
    }

    #[test]
    fn descriptions_keep_paragraphs_and_normalize_line_breaks() {
        let description = Description::parse("  第一段\r\n\r\n\t第二段\n").unwrap();
        assert_eq!(description.as_str(), "第一段\n\n\t第二段");
        assert!(Description::parse("   ").unwrap().is_empty());
        assert_eq!(Description::default(), Description::parse("").unwrap());
        assert_eq!(
            Description::parse("a\rb"),
            Err(TextError::ControlCharacter { field: FieldName::DESCRIPTION, position: 2, ch: '\r' })
        );
        assert_eq!(
            Description::parse("ok\u{0}"),
            Err(TextError::ControlCharacter { field: FieldName::DESCRIPTION, position: 3, ch: '\u{0}' })
        );
        // Windows line breaks count as one character each, once normalized.
        let lines = format!("a{}b", "\r\n".repeat(4_998));
        assert_eq!(Description::parse(&lines).unwrap().as_str().chars().count(), 5_000);
        assert_eq!(
            Description::parse(&"述".repeat(5_001)),
            Err(TextError::TooLong { field: FieldName::DESCRIPTION, max: 5_000, found: 5_001 })
        );
    }

    #[test]
    fn emails_are_checked_and_their_domain_lower_cased() {
        assert_eq!(Email::parse("  Zhang.San@Example.COM ").unwrap().as_str(), "Zhang.San@example.com");
        assert_eq!(Email::parse("a+b@mail.zj-gov.cn").unwrap().as_str(), "a+b@mail.zj-gov.cn");
        let long = format!("{}@example.com", "a".repeat(254 - 12));
        assert_eq!(Email::parse(&long).unwrap().as_str().len(), 254);
        assert_eq!(
            Email::parse(&format!("a{long}")),
            Err(TextError::TooLong { field: FieldName::EMAIL, max: 254, found: 255 })
        );
        assert_eq!(Email::parse(""), Err(TextError::Empty { field: FieldName::EMAIL }));
        assert_eq!(
            Email::parse("a@\u{7}b.cn"),
            Err(TextError::ControlCharacter { field: FieldName::EMAIL, position: 3, ch: '\u{7}' })
        );
        assert_eq!(Email::parse("example.com"), Err(TextError::EmailAtSign { found: 0 }));
        assert_eq!(Email::parse("a@b@example.com"), Err(TextError::EmailAtSign { found: 2 }));
        assert_eq!(Email::parse("@example.com"), Err(TextError::EmailLocalPart));
        assert_eq!(Email::parse("zhang san@example.com"), Err(TextError::EmailLocalPart));
        for (input, domain) in [
            ("a@localhost", "localhost"),
            ("a@", ""),
            ("a@example..com", "example..com"),
            ("a@.example.com", ".example.com"),
            ("a@example.com.", "example.com."),
            ("a@-example.com", "-example.com"),
            ("a@example-.com", "example-.com"),
            ("a@exa_mple.com", "exa_mple.com"),
            ("a@例子.中国", "例子.中国"),
        ] {
            assert_eq!(Email::parse(input), Err(TextError::EmailDomain { domain: domain.into() }), "{input}");
        }
    }

    #[test]
    fn phones_are_mobile_or_landline_numbers() {
        for (input, stored, mobile) in [
            ("13812345678", "13812345678", true),
            (" 138 1234 5678 ", "13812345678", true),
            ("19900000000", "19900000000", true),
            ("0571-87654321", "0571-87654321", false),
            ("010-1234567", "010-1234567", false),
            ("0571 - 8765 4321 - 123456", "0571-87654321-123456", false),
        ] {
            let phone = Phone::parse(input).unwrap();
            assert_eq!((phone.as_str(), phone.is_mobile()), (stored, mobile), "{input}");
        }
        assert_eq!(Phone::parse("  "), Err(TextError::Empty { field: FieldName::PHONE }));
        for bad in [
            "12812345678",
            "1381234567",
            "138123456789",
            "+8613812345678",
            "138-1234-5678",
            "057187654321",
            "571-87654321",
            "05-87654321",
            "05711-87654321",
            "0571-876543",
            "0571-876543210",
            "0571-87654321-",
            "0571-87654321-1234567",
            "0571-87654321-1-2",
            "０５７１-87654321",
        ] {
            assert_eq!(Phone::parse(bad), Err(TextError::PhoneNumber { found: bad.into() }), "{bad}");
        }
    }

    #[test]
    fn project_codes_are_built_and_parsed() {
        let code = ProjectCode::new(2026, 123).unwrap();
        assert_eq!(code.to_string(), "ZJ-2026-000123");
        assert_eq!((code.year(), code.sequence()), (2026, 123));
        assert_eq!(ProjectCode::parse(" zj-2026-000123 "), Ok(code));
        assert_eq!(ProjectCode::new(2099, 999_999).unwrap().to_string(), "ZJ-2099-999999");
        assert!(ProjectCode::new(2020, 1).unwrap() < ProjectCode::new(2021, 1).unwrap());
        assert_eq!(ProjectCode::new(2019, 1), Err(TextError::ProjectCodeYear { year: 2019 }));
        assert_eq!(ProjectCode::new(2100, 1), Err(TextError::ProjectCodeYear { year: 2100 }));
        assert_eq!(ProjectCode::new(2026, 0), Err(TextError::ProjectCodeSequence { sequence: 0 }));
        assert_eq!(
            ProjectCode::new(2026, 1_000_000),
            Err(TextError::ProjectCodeSequence { sequence: 1_000_000 })
        );
        assert_eq!(ProjectCode::parse("ZJ-2019-000001"), Err(TextError::ProjectCodeYear { year: 2019 }));
        assert_eq!(ProjectCode::parse("ZJ-2026-000000"), Err(TextError::ProjectCodeSequence { sequence: 0 }));
        for bad in [
            "",
            "ZJ2026000123",
            "HZ-2026-000123",
            "ZJ-26-000123",
            "ZJ-2026-123",
            "ZJ-2026-0001234",
            "ZJ-2026-00012a",
            "ZJ-+026-000123",
            "ZJ-2026-000123-1",
        ] {
            assert_eq!(
                ProjectCode::parse(bad),
                Err(TextError::ProjectCodeFormat { found: bad.into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn all_serialize_as_strings_and_are_parsed_when_read() {
        let title = Title::parse("测绘").unwrap();
        assert_eq!(serde_json::to_string(&title).unwrap(), "\"测绘\"");
        assert_eq!(serde_json::from_str::<Title>("\" 测绘 \"").unwrap(), title);
        assert!(serde_json::from_str::<Title>("\"\"")
            .unwrap_err()
            .to_string()
            .contains("title must not be empty"));

        let description = serde_json::from_str::<Description>("\"a\\r\\nb\"").unwrap();
        assert_eq!(description.as_str(), "a\nb");
        assert!(serde_json::from_str::<Description>("\"\\u0007\"").is_err());

        let email = serde_json::from_str::<Email>("\"A@B.CN\"").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"A@b.cn\"");
        assert!(serde_json::from_str::<Email>("\"a.b.cn\"")
            .unwrap_err()
            .to_string()
            .contains("exactly one @"));

        let phone = serde_json::from_str::<Phone>("\"138 1234 5678\"").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"13812345678\"");
        assert!(serde_json::from_str::<Phone>("\"110\"").is_err());

        let code = ProjectCode::new(2026, 42).unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"ZJ-2026-000042\"");
        assert_eq!(serde_json::from_str::<ProjectCode>("\"ZJ-2026-000042\"").unwrap(), code);
        assert!(serde_json::from_str::<ProjectCode>("\"ZJ-2026-000000\"").is_err());
        assert_eq!("ZJ-2026-000042".parse::<ProjectCode>(), Ok(code));
        assert_eq!("测绘".parse::<Title>(), Ok(title));
    }

    proptest! {
        #[test]
        fn any_short_line_without_controls_is_a_title(text in "[^\\p{Cc}]{1,100}") {
            prop_assume!(!text.trim().is_empty());
            let title = Title::parse(&text).unwrap();
            prop_assert_eq!(title.as_str(), text.trim());
            prop_assert_eq!(Title::parse(title.as_str()), Ok(title.clone()));
            let json = serde_json::to_string(&title).unwrap();
            prop_assert_eq!(serde_json::from_str::<Title>(&json).unwrap(), title);
        }

        #[test]
        fn project_codes_round_trip(year in 2020u16..=2099, sequence in 1u32..=999_999) {
            let code = ProjectCode::new(year, sequence).unwrap();
            prop_assert_eq!(ProjectCode::parse(&code.to_string()), Ok(code));
        }
    }
}
