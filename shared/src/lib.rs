//! The marketplace's domain: the types and rules that the functions enforce and the browser
//! shows and re-checks. Pure code only — no I/O, no clock reads — so it builds for wasm32 and
//! native alike and both sides apply the very same rules.

pub mod api;
pub mod calendar;
pub mod catalogue;
pub mod credit;
pub mod credit_code;
pub mod draw;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod hex;
pub mod ids;
pub mod inspection;
pub mod locale;
pub mod money;
pub mod ocds;
#[cfg(feature = "openapi")]
mod openapi;
pub mod organisation;
pub mod project;
pub mod qualification;
pub mod selection;
pub mod statistics;
pub mod text;

pub use calendar::{is_overdue, shanghai_date, CalendarError, HolidaySource, WorkingCalendar};
pub use catalogue::{Catalogue, FeeBasis, ServiceItem, ServiceItemCode, ServiceItemError, WorkingDays};
pub use credit_code::{CreditCodeError, UnifiedSocialCreditCode};
pub use locale::{Explain, Locale, LocalizedText, Term};
pub use money::Money;
pub use money::MoneyError;
pub use qualification::{
    CertificateNumber, Issuer, Qualification, QualificationError, QualificationLevel, QualificationType,
};
pub use text::{Description, Email, FieldName, LineLimits, Phone, ProjectCode, TextError, Title};
