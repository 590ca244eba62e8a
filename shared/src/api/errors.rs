//! Errors as the API sends them: a [`Message`] in both languages, the [`FieldErrors`] of a form
//! keyed by field name, and the [`FormError`]s for the few rules that belong to forms rather
//! than to the domain.

use crate::locale::{Explain, Locale};
use crate::organisation::OrganisationKindName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// An explanation in both languages: the API sends both, so a client can switch language
/// without asking again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn of(error: &dyn Explain) -> Self {
        Self { zh: error.explain(Locale::Zh), en: error.explain(Locale::En) }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Zh => &self.zh,
            Locale::En => &self.en,
        }
    }
}

impl<E: Explain + ?Sized> From<&E> for Message {
    fn from(error: &E) -> Self {
        Self { zh: error.explain(Locale::Zh), en: error.explain(Locale::En) }
    }
}

/// Every bad field of a form, by field name (`price`, `served_items[0].published_fee` …), each
/// with its messages. A form reports all of them at once, so a person corrects a form in one go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldErrors(BTreeMap<String, Vec<Message>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Errors with one message under one field.
    pub fn single(field: &str, error: &dyn Explain) -> Self {
        let mut errors = Self::new();
        errors.add(field, error);
        errors
    }

    pub fn add(&mut self, field: &str, error: &dyn Explain) {
        self.0.entry(field.to_owned()).or_default().push(Message::of(error));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The messages of one field; empty if it is fine.
    pub fn get(&self, field: &str) -> &[Message] {
        self.0.get(field).map_or(&[], Vec::as_slice)
    }

    /// The names of the bad fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    pub fn merge(&mut self, other: FieldErrors) {
        for (field, messages) in other.0 {
            self.0.entry(field).or_default().extend(messages);
        }
    }

    /// The value of a parse, or `None` with its error recorded under `name`.
    pub fn field<T, E: Explain>(&mut self, name: &str, result: Result<T, E>) -> Option<T> {
        result.map_err(|error| self.add(name, &error)).ok()
    }

    /// The value of a nested form's parse, or `None` with its errors recorded under `prefix`:
    /// `published_fee` of `served_items[0]` becomes `served_items[0].published_fee`.
    pub fn nested<T>(&mut self, prefix: &str, result: Result<T, FieldErrors>) -> Option<T> {
        result
            .map_err(|errors| {
                for (field, messages) in errors.0 {
                    self.0.entry(format!("{prefix}.{field}")).or_default().extend(messages);
                }
            })
            .ok()
    }

    /// The form's typed value, once every field has been parsed. `build` uses `?` on the
    /// fields' `Option`s: each `None` has its error recorded, so `build` runs only when there is
    /// none, and then every field is there.
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        if !self.is_empty() {
            return Err(self);
        }
        let value = build();
        // A `None` without an error would be a form's bug: refused (with no field to name)
        // rather than a panic.
        debug_assert!(value.is_some(), "a form field was missing without an error");
        value.ok_or(self)
    }

    /// Every field's messages in one language, as [`crate::api::views::ErrorBody`] carries them.
    pub fn render(&self, locale: Locale) -> BTreeMap<String, Vec<String>> {
        self.0
            .iter()
            .map(|(field, messages)| {
                (field.clone(), messages.iter().map(|m| m.get(locale).to_owned()).collect())
            })
            .collect()
    }
}

/// The English messages, one field per line, for logs.
impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (field, messages)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let texts: Vec<&str> = messages.iter().map(|m| m.en.as_str()).collect();
            write!(f, "{field}: {}", texts.join("; "))?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// The rules of the forms themselves: which fields an organisation of a kind fills in, and the
/// shape of the few fields that are not a domain type's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("this field is required")]
    Required,
    #[error("must be empty for {}", .0.name(Locale::En))]
    MustBeEmpty(OrganisationKindName),
    #[error("{0} is listed twice")]
    Duplicate(String),
    #[error(
        "unknown kind of requirement {0:?}: expected qualification, region, local_office, provider_cap \
         or other"
    )]
    UnknownRequirementKind(String),
    #[error("{0:?} is not a whole number")]
    NotANumber(String),
    #[error("{0:?} is not a date: expected e.g. 2027-06-30")]
    NotADate(String),
}

impl Explain for FormError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Required, Locale::Zh) => "此项必填".to_owned(),
            (Self::MustBeEmpty(kind), Locale::Zh) => format!("{}不填写此项", kind.name(Locale::Zh)),
            (Self::Duplicate(found), Locale::Zh) => format!("“{found}”重复填写"),
            (Self::UnknownRequirementKind(found), Locale::Zh) => format!(
                "未知的要求类型“{found}”：应为 qualification、region、local_office、provider_cap 或 other"
            ),
            (Self::NotANumber(found), Locale::Zh) => format!("“{found}”不是整数"),
            (Self::NotADate(found), Locale::Zh) => format!("“{found}”不是有效日期，应形如 2027-06-30"),
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::MoneyError;
    use serde_json::json;

    #[test]
    fn messages_carry_both_languages() {
        let message = Message::of(&MoneyError::Negative);
        assert_eq!(
            message,
            Message { zh: "金额不能为负数".into(), en: "the amount must not be negative".into() }
        );
        assert_eq!(Message::from(&MoneyError::Negative), message);
        assert_eq!(
            (message.get(Locale::Zh), message.get(Locale::En)),
            ("金额不能为负数", message.en.as_str())
        );
        assert_eq!(
            serde_json::to_value(&message).unwrap(),
            json!({"zh": "金额不能为负数", "en": "the amount must not be negative"})
        );
    }

    #[test]
    fn field_errors_collect_merge_nest_and_render() {
        let mut errors = FieldErrors::new();
        assert!(errors.is_empty());
        assert_eq!(errors.field("price", Ok::<_, MoneyError>(5)), Some(5));
        assert!(errors.is_empty());
        assert_eq!(errors.field::<i32, _>("price", Err(MoneyError::Negative)), None);
        errors.add("price", &FormError::Required);
        let mut inner = FieldErrors::single("published_fee", &MoneyError::Empty);
        inner.add("item", &FormError::Required);
        assert_eq!(errors.nested::<()>("served_items[0]", Err(inner)), None);
        let mut other = FieldErrors::single("price", &FormError::NotANumber("x".into()));
        other.add("title", &FormError::Required);
        errors.merge(other);

        assert_eq!(
            errors.fields().collect::<Vec<_>>(),
            ["price", "served_items[0].item", "served_items[0].published_fee", "title"]
        );
        assert_eq!(errors.get("price").len(), 3);
        assert_eq!(errors.get("nothing"), &[] as &[Message]);
        let zh = errors.render(Locale::Zh);
        assert_eq!(zh["price"], ["金额不能为负数", "此项必填", "“x”不是整数"]);
        assert_eq!(zh["served_items[0].published_fee"], ["请填写金额（单位：元），如 1,234.56"]);
        let en = errors.render(Locale::En);
        assert_eq!(
            en["price"],
            ["the amount must not be negative", "this field is required", "\"x\" is not a whole number"]
        );
        assert_eq!(en["title"], ["this field is required"]);
        assert_eq!(
            errors.to_string(),
            "price: the amount must not be negative; this field is required; \"x\" is not a whole number\n\
             served_items[0].item: this field is required\n\
             served_items[0].published_fee: the amount is empty: enter an amount in yuan, e.g. 1,234.56\n\
             title: this field is required"
        );

        let json = serde_json::to_value(&errors).unwrap();
        assert_eq!(json["title"], json!([{"zh": "此项必填", "en": "this field is required"}]));
        assert_eq!(serde_json::from_value::<FieldErrors>(json).unwrap(), errors);
    }

    #[test]
    fn finish_builds_only_without_errors() {
        let mut errors = FieldErrors::new();
        let a = errors.field("a", Ok::<_, FormError>(1));
        let b = errors.field("b", Ok::<_, FormError>(2));
        assert_eq!(errors.finish(|| Some(a? + b?)), Ok(3));

        let mut errors = FieldErrors::new();
        let a = errors.field("a", Err::<i32, _>(FormError::Required));
        let b = errors.field("b", Err::<i32, _>(FormError::NotADate("x".into())));
        let refused = errors.finish(|| Some(a? + b?)).unwrap_err();
        assert_eq!(refused.fields().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn form_errors_explain_themselves_in_both_languages() {
        let must_be_empty = FormError::MustBeEmpty(OrganisationKindName::Enterprise);
        assert_eq!(must_be_empty.explain(Locale::Zh), "项目业主不填写此项");
        assert_eq!(must_be_empty.explain(Locale::En), "must be empty for an enterprise");
        assert_eq!(FormError::Duplicate("HP-001".into()).explain(Locale::Zh), "“HP-001”重复填写");
        assert_eq!(FormError::Duplicate("HP-001".into()).explain(Locale::En), "HP-001 is listed twice");
        assert_eq!(
            FormError::NotADate("2027-13-01".into()).explain(Locale::Zh),
            "“2027-13-01”不是有效日期，应形如 2027-06-30"
        );
        assert_eq!(
            FormError::UnknownRequirementKind("city".into()).explain(Locale::En),
            "unknown kind of requirement \"city\": expected qualification, region, local_office, \
             provider_cap or other"
        );
    }
}
