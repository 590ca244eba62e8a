//! Passwords and other secrets people type or browsers hold: never shown by `Debug` or
//! `Display`, so no log line can leak one.

use crate::locale::{Explain, Locale};
use serde::{Deserialize, Serialize};
use std::fmt;

const REDACTED: &str = "[redacted]";

/// A secret as a form carries it (a password, a refresh token): a plain JSON string on the wire
/// — the browser must send it — but redacted in `Debug`, so a logged request never shows it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecretText(String);

impl SecretText {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    /// The secret itself, for hashing or comparing; never for showing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SecretText {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// A new password that keeps to the policy: 10–128 characters, not blank, not one character
/// repeated. Kept as typed (no trimming: a space may be part of it). Never serialized and never
/// shown; only its hash is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        if input.trim().is_empty() {
            return Err(PasswordError::Blank);
        }
        let found = input.chars().count();
        if found < Self::MIN {
            return Err(PasswordError::TooShort { found });
        }
        if found > Self::MAX {
            return Err(PasswordError::TooLong { found });
        }
        let mut chars = input.chars();
        let first = chars.next();
        if chars.all(|ch| Some(ch) == first) {
            return Err(PasswordError::OneCharacter);
        }
        Ok(Self(input.to_owned()))
    }

    /// The password itself, for hashing; never for showing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Password({REDACTED})")
    }
}

impl fmt::Display for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Why a new password was refused. The errors never repeat the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must not be blank")]
    Blank,
    #[error("the password must be at least {} characters long, this one has {found}", Password::MIN)]
    TooShort { found: usize },
    #[error("the password must be at most {} characters long, this one has {found}", Password::MAX)]
    TooLong { found: usize },
    #[error("the password must not be one character repeated")]
    OneCharacter,
}

impl Explain for PasswordError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Blank, Locale::Zh) => "密码不能为空白".to_owned(),
            (Self::TooShort { found }, Locale::Zh) => {
                format!("密码至少 {} 个字符，现有 {found} 个", Password::MIN)
            }
            (Self::TooLong { found }, Locale::Zh) => {
                format!("密码不能超过 {} 个字符，现有 {found} 个", Password::MAX)
            }
            (Self::OneCharacter, Locale::Zh) => "密码不能由同一个字符重复组成".to_owned(),
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_keep_to_the_policy() {
        for good in ["correct horse", " 0123456789 ", "密码密码密码密码密码码", &"ab".repeat(64)] {
            assert_eq!(Password::parse(good).unwrap().expose(), good, "{good:?}");
        }
        assert_eq!(Password::parse(""), Err(PasswordError::Blank));
        assert_eq!(Password::parse(&" ".repeat(12)), Err(PasswordError::Blank));
        assert_eq!(Password::parse("short pw!"), Err(PasswordError::TooShort { found: 9 }));
        assert_eq!(Password::parse("密码密码密码密码密"), Err(PasswordError::TooShort { found: 9 }));
        assert_eq!(
            Password::parse(&format!("{}x", "ab".repeat(64))),
            Err(PasswordError::TooLong { found: 129 })
        );
        assert_eq!(Password::parse("aaaaaaaaaaaa"), Err(PasswordError::OneCharacter));
        assert_eq!(Password::parse("码码码码码码码码码码"), Err(PasswordError::OneCharacter));
    }

    #[test]
    fn errors_explain_themselves_without_the_password() {
        assert_eq!(PasswordError::TooShort { found: 6 }.explain(Locale::Zh), "密码至少 10 个字符，现有 6 个");
        assert_eq!(
            PasswordError::TooShort { found: 6 }.explain(Locale::En),
            "the password must be at least 10 characters long, this one has 6"
        );
        assert_eq!(
            PasswordError::TooLong { found: 200 }.explain(Locale::Zh),
            "密码不能超过 128 个字符，现有 200 个"
        );
        assert_eq!(PasswordError::OneCharacter.explain(Locale::Zh), "密码不能由同一个字符重复组成");
        assert_eq!(PasswordError::Blank.explain(Locale::En), "the password must not be blank");
    }

    #[test]
    fn secrets_are_redacted_but_secret_text_travels_as_a_string() {
        let password = Password::parse("correct horse battery").unwrap();
        assert_eq!(format!("{password:?}"), "Password([redacted])");
        assert_eq!(password.to_string(), "[redacted]");
        assert_eq!(format!("{:?}", Some(password)), "Some(Password([redacted]))");

        let secret = SecretText::from("hunter2-hunter2");
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"hunter2-hunter2\"");
        assert_eq!(serde_json::from_str::<SecretText>("\"hunter2-hunter2\"").unwrap(), secret);
        assert_eq!(secret.expose(), "hunter2-hunter2");
    }
}
