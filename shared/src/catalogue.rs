//! The service catalogue (事项清单): the kinds of intermediary service the law still requires,
//! each published with its legal basis, statutory time limit and fee terms.

use crate::locale::{Explain, Locale, LocalizedText};
use crate::money::Money;
use crate::qualification::QualificationType;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A catalogue entry's stable code, e.g. `HP-001`: two to six upper-case letters, a dash and
/// three digits. Codes appear in URLs and in published records, so they are kept short and plain.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Z]{2,6}-[0-9]{3}$", examples("HP-001")))]
#[serde(try_from = "String", into = "String")]
pub struct ServiceItemCode(String);

impl ServiceItemCode {
    pub fn parse(s: &str) -> Result<Self, ServiceItemError> {
        let bad = || ServiceItemError::BadCode(s.to_owned());
        let (letters, digits) = s.split_once('-').ok_or_else(bad)?;
        let letters_ok = (2..=6).contains(&letters.len()) && letters.bytes().all(|b| b.is_ascii_uppercase());
        let digits_ok = digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit());
        if letters_ok && digits_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(bad())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ServiceItemCode {
    type Error = ServiceItemError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ServiceItemCode> for String {
    fn from(code: ServiceItemCode) -> Self {
        code.0
    }
}

impl fmt::Display for ServiceItemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A count of working days (weekends and public holidays excluded), as statutory time limits
/// and promised service times are stated. At least one day and at most a working year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct WorkingDays(u16);

impl WorkingDays {
    pub const MAX: u16 = 250;

    pub fn new(days: u16) -> Result<Self, ServiceItemError> {
        if (1..=Self::MAX).contains(&days) {
            Ok(Self(days))
        } else {
            Err(ServiceItemError::BadWorkingDays(days))
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for WorkingDays {
    type Error = ServiceItemError;
    fn try_from(days: u16) -> Result<Self, Self::Error> {
        Self::new(days)
    }
}

impl From<WorkingDays> for u16 {
    fn from(days: WorkingDays) -> Self {
        days.0
    }
}

/// Hand-written for the bounds, which the derive cannot state on a newtype.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for WorkingDays {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        crate::openapi::bounded_integer(
            "A count of working days (weekends and public holidays excluded).",
            1..=Self::MAX,
            10,
        )
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for WorkingDays {}

/// How an item's fee is set, as the price law distinguishes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeBasis {
    /// 政府定价: the fee is fixed by a price authority.
    GovernmentSet,
    /// 政府指导价: a price authority sets a benchmark or range.
    GovernmentGuided,
    /// 市场调节价: the parties agree the fee competitively.
    Market,
}

/// A catalogue entry: one kind of intermediary service with its published terms — the time
/// limit, workflow, application conditions and fee standard the reform requires to be public.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceItem {
    pub code: ServiceItemCode,
    pub name: LocalizedText,
    /// The law or regulation that requires this service (设定依据).
    pub legal_basis: LocalizedText,
    /// The longest a provider may take, in working days (法定时限).
    pub time_limit: WorkingDays,
    /// The steps of the service, in order (工作流程).
    pub workflow: Vec<LocalizedText>,
    /// What a buyer must have ready to commission it (申报条件).
    pub conditions: LocalizedText,
    pub fee_basis: FeeBasis,
    /// The fee standard as published (收费标准).
    pub fee_standard: LocalizedText,
    /// The most that may be charged, where the fee is government-set.
    pub fee_cap: Option<Money>,
    /// The only qualifications a buyer may require of providers for this item.
    pub allowed_qualifications: Vec<QualificationType>,
    /// Withdrawn items stay published for the record but take no new projects.
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceItemError {
    #[error("service item code {0:?} is invalid: expected e.g. HP-001")]
    BadCode(String),
    #[error("{0} working days is outside 1–250")]
    BadWorkingDays(u16),
    #[error("service item code {0} appears twice")]
    DuplicateCode(ServiceItemCode),
}

impl Explain for ServiceItemError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::BadCode(code), Locale::Zh) => format!("服务事项编码 {code:?} 无效，应形如 HP-001"),
            (Self::BadWorkingDays(days), Locale::Zh) => format!("工作日数 {days} 超出 1–250 的范围"),
            (Self::DuplicateCode(code), Locale::Zh) => format!("服务事项编码 {code} 重复"),
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// The whole catalogue, as published. Every code is unique, since codes identify items in URLs
/// and published records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "RawCatalogue")]
pub struct Catalogue {
    items: Vec<ServiceItem>,
}

#[derive(Deserialize)]
struct RawCatalogue {
    items: Vec<ServiceItem>,
}

impl Catalogue {
    pub fn new(items: Vec<ServiceItem>) -> Result<Self, ServiceItemError> {
        let mut seen = std::collections::BTreeSet::new();
        if let Some(dup) = items.iter().find(|item| !seen.insert(&item.code)) {
            return Err(ServiceItemError::DuplicateCode(dup.code.clone()));
        }
        Ok(Self { items })
    }

    pub fn items(&self) -> &[ServiceItem] {
        &self.items
    }
}

impl TryFrom<RawCatalogue> for Catalogue {
    type Error = ServiceItemError;
    fn try_from(raw: RawCatalogue) -> Result<Self, Self::Error> {
        Catalogue::new(raw.items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_letters_dash_three_digits() {
        assert!(ServiceItemCode::parse("HP-001").is_ok());
        assert!(ServiceItemCode::parse("FLOOD-012").is_ok());
        for bad in ["hp-001", "H-001", "HP001", "HP-01", "HP-0001", "HP-00A", "", "TOOLONG-001"] {
            assert_eq!(ServiceItemCode::parse(bad), Err(ServiceItemError::BadCode(bad.into())), "{bad}");
        }
    }

    #[test]
    fn working_days_are_bounded() {
        assert!(WorkingDays::new(0).is_err());
        assert_eq!(WorkingDays::new(1).map(WorkingDays::get), Ok(1));
        assert!(WorkingDays::new(250).is_ok());
        assert_eq!(WorkingDays::new(251), Err(ServiceItemError::BadWorkingDays(251)));
        assert_eq!(
            ServiceItemError::BadWorkingDays(251).explain(Locale::Zh),
            "工作日数 251 超出 1–250 的范围"
        );
    }

    fn item(code: &str) -> ServiceItem {
        let text = LocalizedText::new("甲", "A").unwrap();
        ServiceItem {
            code: ServiceItemCode::parse(code).unwrap(),
            name: text.clone(),
            legal_basis: text.clone(),
            time_limit: WorkingDays::new(20).unwrap(),
            workflow: vec![text.clone()],
            conditions: text.clone(),
            fee_basis: FeeBasis::Market,
            fee_standard: text,
            fee_cap: None,
            allowed_qualifications: vec!["EIA_ENGINEER".parse().unwrap()],
            active: true,
        }
    }

    #[test]
    fn an_item_round_trips_and_bad_fields_are_refused_when_parsed() {
        let json = serde_json::to_value(item("HP-001")).unwrap();
        assert_eq!(json["code"], "HP-001");
        assert_eq!(json["fee_basis"], "market");
        assert_eq!(serde_json::from_value::<ServiceItem>(json.clone()).unwrap(), item("HP-001"));

        let mut bad = json.clone();
        bad["time_limit"] = 0.into();
        assert!(serde_json::from_value::<ServiceItem>(bad).unwrap_err().to_string().contains("working days"));
        let mut bad = json;
        bad["code"] = "x".into();
        assert!(serde_json::from_value::<ServiceItem>(bad).unwrap_err().to_string().contains("code"));
    }

    #[test]
    fn a_catalogue_refuses_duplicate_codes() {
        assert_eq!(Catalogue::new(vec![item("HP-001"), item("SB-001")]).unwrap().items().len(), 2);
        let dup = Catalogue::new(vec![item("HP-001"), item("SB-001"), item("HP-001")]);
        assert_eq!(dup, Err(ServiceItemError::DuplicateCode(ServiceItemCode::parse("HP-001").unwrap())));
        let json = serde_json::json!({ "items": [item("HP-001"), item("HP-001")] });
        assert!(serde_json::from_value::<Catalogue>(json).unwrap_err().to_string().contains("twice"));
    }
}
