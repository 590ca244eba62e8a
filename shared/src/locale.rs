//! Languages the marketplace speaks (Chinese first, English second) and text given in both.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A language of the user interface and of published texts. Chinese is the default: the
/// marketplace serves Zhejiang's enterprises and departments first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The BCP 47 tag, as used in `<html lang>` and stored preferences.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Parses a language tag loosely (`zh`, `zh-CN`, `en-GB` …), so a browser's or a stored
/// preference maps onto the two languages we have.
impl FromStr for Locale {
    type Err = UnknownLocale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Ok(Locale::Zh),
            "en" => Ok(Locale::En),
            _ => Err(UnknownLocale(s.to_owned())),
        }
    }
}

/// A name people read, fixed in the code, in both languages: a project state, a role, a selection
/// method, a kind of funding, an evaluation dimension, a qualification type. Each is defined once,
/// beside its type (`ProjectState::term`, `Role::term`, …), and the domain's messages, the browser,
/// OCDS and the docs page all take it from there, so that a badge and the message beside it never
/// disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Term {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn get(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Zh => self.zh,
            Locale::En => self.en,
        }
    }
}

/// Something a person reads — above all every error of the domain — said in either language.
/// The API sends both; the browser shows the reader's. Each error's `Display` is its English
/// text, so logs read the same everywhere.
pub trait Explain {
    fn explain(&self, locale: Locale) -> String;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language tag {0:?}: expected zh-CN or en")]
pub struct UnknownLocale(pub String);

/// A published text in both languages. Both must be present and non-blank: a catalogue entry
/// that only half the readers can read is not published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawLocalizedText")]
pub struct LocalizedText {
    zh: String,
    en: String,
}

#[derive(Deserialize)]
struct RawLocalizedText {
    zh: String,
    en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("text is missing its {0} version")]
pub struct MissingTranslation(pub Locale);

impl Explain for MissingTranslation {
    fn explain(&self, locale: Locale) -> String {
        match (self.0, locale) {
            (Locale::Zh, Locale::Zh) => "缺少中文文本".to_owned(),
            (Locale::En, Locale::Zh) => "缺少英文文本".to_owned(),
            (_, Locale::En) => self.to_string(),
        }
    }
}

impl LocalizedText {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Result<Self, MissingTranslation> {
        let (zh, en) = (zh.into().trim().to_owned(), en.into().trim().to_owned());
        if zh.is_empty() {
            return Err(MissingTranslation(Locale::Zh));
        }
        if en.is_empty() {
            return Err(MissingTranslation(Locale::En));
        }
        Ok(Self { zh, en })
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}

impl TryFrom<RawLocalizedText> for LocalizedText {
    type Error = MissingTranslation;

    fn try_from(raw: RawLocalizedText) -> Result<Self, Self::Error> {
        LocalizedText::new(raw.zh, raw.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_language_tags_loosely() {
        assert_eq!("zh-CN".parse(), Ok(Locale::Zh));
        assert_eq!("zh_TW".parse(), Ok(Locale::Zh));
        assert_eq!("EN-gb".parse(), Ok(Locale::En));
        assert!("fr".parse::<Locale>().is_err());
    }

    #[test]
    fn locale_tag_round_trips_through_serde() {
        for locale in Locale::ALL {
            let json = serde_json::to_string(&locale).unwrap();
            assert_eq!(json, format!("\"{}\"", locale.tag()));
            assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), locale);
        }
    }

    #[test]
    fn both_languages_are_required() {
        assert_eq!(LocalizedText::new(" ", "x"), Err(MissingTranslation(Locale::Zh)));
        assert_eq!(LocalizedText::new("甲", ""), Err(MissingTranslation(Locale::En)));
        let err = serde_json::from_str::<LocalizedText>(r#"{"zh":"甲","en":"  "}"#).unwrap_err();
        assert!(err.to_string().contains("en version"), "{err}");
        let text = LocalizedText::new(" 甲 ", "A").unwrap();
        assert_eq!((text.get(Locale::Zh), text.get(Locale::En)), ("甲", "A"));
    }
}
