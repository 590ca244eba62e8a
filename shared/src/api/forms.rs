//! Request bodies. Each holds its fields raw (text, integers, lists), so that any well-typed JSON
//! is read and every content rule is applied by its `parse`: the domain's typed value, or the
//! [`FieldErrors`] of every bad field at once. The browser runs the same `parse` as the user
//! types. Unknown JSON fields are refused, so a misspelt field is never silently ignored.

use super::errors::{FieldErrors, FormError};
use super::password::{Password, SecretText};
use crate::calendar::shanghai_start_of_day;
use crate::catalogue::{ServiceItemCode, WorkingDays};
use crate::credit::{self, Blacklisting, CreditContribution};
use crate::credit_code::UnifiedSocialCreditCode;
use crate::ids::{OrganisationId, QuoteId};
use crate::inspection::{InspectionError, InspectionList};
use crate::locale::Explain;
use crate::money::Money;
pub use crate::organisation::OrganisationKindName;
use crate::organisation::{
    BudgetLine, Organisation, OrganisationKind, ProviderProfile, ProviderStatus, ServedItem,
};
use crate::project::{Evaluation, Funding, ProjectTerms, Requirement, Score};
use crate::qualification::{CertificateNumber, Issuer, Qualification, QualificationLevel, QualificationType};
use crate::selection::SelectionMethod;
use crate::text::{Description, Email, FieldName, LineLimits, Phone, TextError, Title};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

const ORGANISATION_NAME: FieldName = FieldName::new("名称", "the name");
const BUDGET_LINE: FieldName = FieldName::new("预算科目", "the budget line");
const INSPECTION_LABEL: FieldName = FieldName::new("抽查名称", "the inspection's label");
/// A requirement's text (a region, an office, anything else): one line, as a person states it.
const REQUIREMENT: LineLimits = LineLimits { field: FieldName::new("要求", "the requirement"), max: 200 };

/// An enterprise, department or provider registering, with the account that will act for it.
/// Budget lines are a department's (at least one); served items (at least one) and
/// qualifications are a provider's; the other kinds leave them out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationForm {
    pub kind: OrganisationKindName,
    pub name: String,
    pub credit_code: String,
    pub contact_email: String,
    pub contact_phone: String,
    #[serde(default)]
    pub budget_lines: Vec<String>,
    #[serde(default)]
    pub served_items: Vec<ServedItemForm>,
    #[serde(default)]
    pub qualifications: Vec<QualificationForm>,
    /// The email address the account logs in with.
    pub email: String,
    pub password: SecretText,
}

/// A catalogue item a provider serves; `published_fee` in yuan as typed, e.g. `12,000.00`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServedItemForm {
    pub item: String,
    pub published_fee: String,
    pub committed_days: u16,
}

/// A qualification as its certificate states it; dates as `2024-03-01`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualificationForm {
    pub qualification_type: String,
    pub level: String,
    pub certificate_number: String,
    pub issuer: String,
    pub valid_from: String,
    pub valid_until: String,
}

/// A registration as the domain takes it: the organisation (a new provider awaits review) and
/// its account's credentials. Never serialized: it holds the password.
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub organisation: Organisation,
    pub login_email: Email,
    pub password: Password,
}

impl RegistrationForm {
    pub fn parse(&self, id: OrganisationId) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.field("name", titled(ORGANISATION_NAME, &self.name));
        let credit_code = errors.field("credit_code", UnifiedSocialCreditCode::parse(&self.credit_code));
        let contact_email = errors.field("contact_email", Email::parse(&self.contact_email));
        let contact_phone = errors.field("contact_phone", Phone::parse(&self.contact_phone));
        let budget_lines = self.budget_lines(&mut errors);
        let served_items = self.served_items(&mut errors);
        let qualifications = self.qualifications(&mut errors);
        let login_email = errors.field("email", Email::parse(&self.email));
        let password = errors.field("password", Password::parse(self.password.expose()));
        errors.finish(|| {
            let kind = match self.kind {
                OrganisationKindName::Enterprise => OrganisationKind::Enterprise,
                OrganisationKindName::Department => {
                    OrganisationKind::Department { budget_lines: budget_lines? }
                }
                OrganisationKindName::Provider => OrganisationKind::Provider(ProviderProfile {
                    served_items: served_items?,
                    qualifications: qualifications?,
                    affiliations: Vec::new(),
                    status: ProviderStatus::Pending,
                    blacklistings: Vec::new(),
                }),
            };
            let organisation = Organisation {
                id,
                name: name?,
                credit_code: credit_code?,
                contact_email: contact_email?,
                contact_phone: contact_phone?,
                kind,
            };
            Some(Registration { organisation, login_email: login_email?, password: password? })
        })
    }

    /// Whether to read the list `name`, which only an `owner` fills in: another kind's must be
    /// empty, and the owner's must not be when `required`.
    fn list_for(
        &self,
        errors: &mut FieldErrors,
        name: &str,
        len: usize,
        owner: OrganisationKindName,
        required: bool,
    ) -> bool {
        if self.kind != owner {
            if len > 0 {
                errors.add(name, &FormError::MustBeEmpty(self.kind));
            }
            return false;
        }
        if required && len == 0 {
            errors.add(name, &FormError::Required);
        }
        true
    }

    fn budget_lines(&self, errors: &mut FieldErrors) -> Option<Vec<BudgetLine>> {
        let lines = &self.budget_lines;
        if !self.list_for(errors, "budget_lines", lines.len(), OrganisationKindName::Department, true) {
            return None;
        }
        let mut parsed: Vec<BudgetLine> = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let name = format!("budget_lines[{i}]");
            match errors.field(&name, titled(BUDGET_LINE, line)) {
                Some(line) if parsed.contains(&line) => errors.add(&name, &FormError::Duplicate(line.into())),
                Some(line) => parsed.push(line),
                None => {}
            }
        }
        Some(parsed)
    }

    fn served_items(&self, errors: &mut FieldErrors) -> Option<Vec<ServedItem>> {
        let items = &self.served_items;
        if !self.list_for(errors, "served_items", items.len(), OrganisationKindName::Provider, true) {
            return None;
        }
        let mut parsed: Vec<ServedItem> = Vec::with_capacity(items.len());
        for (i, form) in items.iter().enumerate() {
            let prefix = format!("served_items[{i}]");
            match errors.nested(&prefix, form.parse()) {
                Some(served) if parsed.iter().any(|s| s.item == served.item) => {
                    errors.add(&format!("{prefix}.item"), &FormError::Duplicate(served.item.into()))
                }
                Some(served) => parsed.push(served),
                None => {}
            }
        }
        Some(parsed)
    }

    fn qualifications(&self, errors: &mut FieldErrors) -> Option<Vec<Qualification>> {
        let forms = &self.qualifications;
        if !self.list_for(errors, "qualifications", forms.len(), OrganisationKindName::Provider, false) {
            return None;
        }
        let parsed = forms
            .iter()
            .enumerate()
            .filter_map(|(i, form)| errors.nested(&format!("qualifications[{i}]"), form.parse()))
            .collect();
        Some(parsed)
    }
}

impl ServedItemForm {
    pub fn parse(&self) -> Result<ServedItem, FieldErrors> {
        let mut errors = FieldErrors::new();
        let item = errors.field("item", ServiceItemCode::parse(self.item.trim()));
        let published_fee = errors.field("published_fee", Money::parse(&self.published_fee));
        let committed_days = errors.field("committed_days", WorkingDays::new(self.committed_days));
        errors.finish(|| {
            Some(ServedItem { item: item?, published_fee: published_fee?, committed_days: committed_days? })
        })
    }
}

impl QualificationForm {
    pub fn parse(&self) -> Result<Qualification, FieldErrors> {
        let mut errors = FieldErrors::new();
        let qualification_type =
            errors.field("qualification_type", QualificationType::parse(&self.qualification_type));
        let level = errors.field("level", QualificationLevel::parse(&self.level));
        let certificate_number =
            errors.field("certificate_number", CertificateNumber::parse(&self.certificate_number));
        let issuer = errors.field("issuer", Issuer::parse(&self.issuer));
        let valid_from = errors.field("valid_from", parse_date(&self.valid_from));
        let valid_until = errors.field("valid_until", parse_date(&self.valid_until));
        let (qualification_type, level, certificate_number, issuer, valid_from, valid_until) = errors
            .finish(|| {
                Some((qualification_type?, level?, certificate_number?, issuer?, valid_from?, valid_until?))
            })?;
        // Only the order of the two dates is left to check.
        under(
            "valid_until",
            Qualification::new(
                qualification_type,
                level,
                certificate_number,
                issuer,
                valid_from,
                valid_until,
            ),
        )
    }
}

/// Logging in: the address and the password as typed. The password policy is not applied here:
/// it is for new passwords, and the stored hash is the only judge of a given one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginForm {
    pub email: String,
    pub password: SecretText,
}

/// Credentials to check against an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Login {
    pub email: Email,
    pub password: SecretText,
}

impl LoginForm {
    pub fn parse(&self) -> Result<Login, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.field("email", Email::parse(&self.email));
        let password = errors.field("password", required_secret(&self.password));
        errors.finish(|| Some(Login { email: email?, password: password? }))
    }
}

/// Trading a refresh token for a new access token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshForm {
    pub refresh_token: SecretText,
}

impl RefreshForm {
    pub fn parse(&self) -> Result<SecretText, FieldErrors> {
        let mut errors = FieldErrors::new();
        let token = errors.field("refresh_token", required_secret(&self.refresh_token));
        errors.finish(|| token)
    }
}

/// A project's terms as a buyer drafts them: the budget cap in yuan as typed; `budget_line`
/// names the department's budget line that pays, or is left out when an enterprise pays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectForm {
    pub item: String,
    pub title: String,
    pub description: String,
    pub budget_cap: String,
    pub service_days: u16,
    #[serde(default)]
    pub requirements: Vec<RequirementForm>,
    pub method: SelectionMethod,
    #[serde(default)]
    pub budget_line: Option<String>,
    pub bid_window: u16,
}

/// A condition on who may quote, as the domain's `Requirement` is written: `kind` is
/// `qualification` (with a qualification type code as `value`), `region`, `local_office`,
/// `provider_cap` (a number as `value`) or `other`. Only lawful ones survive posting, but each
/// is read so that an unlawful one is refused by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementForm {
    pub kind: String,
    pub value: String,
}

impl ProjectForm {
    pub fn parse(&self) -> Result<ProjectTerms, FieldErrors> {
        let mut errors = FieldErrors::new();
        let item = errors.field("item", ServiceItemCode::parse(self.item.trim()));
        let title = errors.field("title", Title::parse(&self.title));
        let description = errors.field("description", Description::parse(&self.description));
        let budget_cap = errors.field("budget_cap", Money::parse(&self.budget_cap));
        let service_days = errors.field("service_days", WorkingDays::new(self.service_days));
        let requirements: Vec<Option<Requirement>> = self
            .requirements
            .iter()
            .enumerate()
            .map(|(i, requirement)| requirement.parse_into(&mut errors, &format!("requirements[{i}]")))
            .collect();
        let funding = match &self.budget_line {
            None => Some(Funding::Enterprise),
            Some(line) => errors
                .field("budget_line", titled(BUDGET_LINE, line))
                .map(|budget_line| Funding::Department { budget_line }),
        };
        let bid_window = errors.field("bid_window", WorkingDays::new(self.bid_window));
        errors.finish(|| {
            Some(ProjectTerms {
                item: item?,
                title: title?,
                description: description?,
                budget_cap: budget_cap?,
                service_days: service_days?,
                requirements: requirements.into_iter().collect::<Option<_>>()?,
                method: self.method,
                funding: funding?,
                bid_window: bid_window?,
            })
        })
    }
}

impl RequirementForm {
    /// The requirement, or `None` with its error recorded under `name`.
    fn parse_into(&self, errors: &mut FieldErrors, name: &str) -> Option<Requirement> {
        match self.kind.trim() {
            "qualification" => {
                errors.field(name, QualificationType::parse(&self.value)).map(Requirement::Qualification)
            }
            "region" => errors.field(name, REQUIREMENT.apply(&self.value)).map(Requirement::Region),
            "local_office" => {
                errors.field(name, REQUIREMENT.apply(&self.value)).map(Requirement::LocalOffice)
            }
            "provider_cap" => errors.field(name, parse_count(&self.value)).map(Requirement::ProviderCap),
            "other" => errors.field(name, REQUIREMENT.apply(&self.value)).map(Requirement::Other),
            _ => {
                errors.add(name, &FormError::UnknownRequirementKind(self.kind.clone()));
                None
            }
        }
    }
}

/// A provider's quote: the price in yuan as typed and the working days it promises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteForm {
    pub price: String,
    pub promised_days: u16,
}

impl QuoteForm {
    pub fn parse(&self) -> Result<(Money, WorkingDays), FieldErrors> {
        let mut errors = FieldErrors::new();
        let price = errors.field("price", Money::parse(&self.price));
        let promised_days = errors.field("promised_days", WorkingDays::new(self.promised_days));
        errors.finish(|| Some((price?, promised_days?)))
    }
}

/// A text that must say something: a question, an answer, or the reason for cancelling,
/// returning a delivery, objecting or rejecting an onboarding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextForm {
    pub text: String,
}

impl TextForm {
    pub fn parse(&self) -> Result<Description, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = required_text(&mut errors, "text", &self.text);
        errors.finish(|| text)
    }
}

/// A supervisor upholding an objection: why, and the quote it disqualifies, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpholdForm {
    pub reason: String,
    #[serde(default)]
    pub disqualify: Option<QuoteId>,
}

impl UpholdForm {
    pub fn parse(&self) -> Result<(Description, Option<QuoteId>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = required_text(&mut errors, "reason", &self.reason);
        errors.finish(|| Some((reason?, self.disqualify)))
    }
}

/// The contract price a buyer proposes, in yuan as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractForm {
    pub price: String,
}

impl ContractForm {
    pub fn parse(&self) -> Result<Money, FieldErrors> {
        let mut errors = FieldErrors::new();
        let price = errors.field("price", Money::parse(&self.price));
        errors.finish(|| price)
    }
}

/// A buyer's rating of a finished service: five scores from 1 to 5 and an optional comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationForm {
    pub quality: u8,
    pub timeliness: u8,
    pub attitude: u8,
    pub fee_reasonableness: u8,
    pub compliance: u8,
    #[serde(default)]
    pub comment: String,
}

impl EvaluationForm {
    pub fn parse(&self) -> Result<Evaluation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let quality = errors.field("quality", Score::new(self.quality));
        let timeliness = errors.field("timeliness", Score::new(self.timeliness));
        let attitude = errors.field("attitude", Score::new(self.attitude));
        let fee_reasonableness = errors.field("fee_reasonableness", Score::new(self.fee_reasonableness));
        let compliance = errors.field("compliance", Score::new(self.compliance));
        let comment = errors.field("comment", Description::parse(&self.comment));
        errors.finish(|| {
            Some(Evaluation {
                quality: quality?,
                timeliness: timeliness?,
                attitude: attitude?,
                fee_reasonableness: fee_reasonableness?,
                compliance: compliance?,
                comment: comment?,
            })
        })
    }
}

/// A violation a supervisor records against a provider, with the points it deducts from the
/// provider's credit (1 to 50, typed as a positive number; the record counts them as negative).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViolationForm {
    pub description: String,
    pub deducted: i32,
}

impl ViolationForm {
    pub fn parse(&self, at: DateTime<Utc>) -> Result<CreditContribution, FieldErrors> {
        let mut errors = FieldErrors::new();
        let description = reason(&mut errors, "description", &self.description);
        let points = errors.field("deducted", CreditContribution::deduction(self.deducted));
        let (description, points) = errors.finish(|| Some((description?, points?)))?;
        // Both parts have passed the credit rules already.
        under("description", CreditContribution::violation(description.into(), points, at))
    }
}

/// A supervisor blacklisting a provider: why, and the date on whose 00:00 (Shanghai time) the
/// blacklisting ends, e.g. `2027-06-30`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlacklistForm {
    pub reason: String,
    pub until: String,
}

impl BlacklistForm {
    /// The blacklisting, in force from `now`.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<Blacklisting, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reason = reason(&mut errors, "reason", &self.reason);
        let until = errors
            .field("until", parse_date(&self.until).and_then(|date| start_of_day(&self.until, date)))
            .and_then(|until| errors.field("until", Blacklisting::check_term(now, until)).map(|()| until));
        let (reason, until) = errors.finish(|| Some((reason?, until?)))?;
        // Both parts have passed the credit rules already.
        under("until", Blacklisting::new(reason.into(), now, until))
    }
}

/// A supervisor's random inspection: its label (part of what the draw's seed binds) and how
/// many providers to draw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionForm {
    pub label: String,
    pub providers: u16,
}

impl InspectionForm {
    /// The label and the number of providers to draw.
    pub fn parse(&self) -> Result<(Title, usize), FieldErrors> {
        let mut errors = FieldErrors::new();
        let label = errors.field("label", titled(INSPECTION_LABEL, &self.label));
        let providers = match self.providers {
            0 => errors.field("providers", Err(InspectionError::NothingToDraw(InspectionList::Providers))),
            n => Some(usize::from(n)),
        };
        errors.finish(|| Some((label?, providers?)))
    }
}

// --- the parts shared by several forms ----------------------------------------------------------

/// A title-like line (a name, a budget line, a label) under its own field name, so that its
/// error names what the person typed rather than "the title".
fn titled(field: FieldName, input: &str) -> Result<Title, TextError> {
    Title::parse(&LineLimits { field, ..Title::LIMITS }.apply(input)?)
}

/// A domain constructor's verdict on parts parsed one by one: its error under `field`.
fn under<T, E: Explain>(field: &str, result: Result<T, E>) -> Result<T, FieldErrors> {
    result.map_err(|error| FieldErrors::single(field, &error))
}

/// A description that must say something.
fn required_text(errors: &mut FieldErrors, name: &str, input: &str) -> Option<Description> {
    let text = errors.field(name, Description::parse(input))?;
    if text.is_empty() {
        errors.add(name, &FormError::Required);
        return None;
    }
    Some(text)
}

/// A supervisor's reason, as the credit rules require one.
fn reason(errors: &mut FieldErrors, name: &str, input: &str) -> Option<Description> {
    let text = errors.field(name, Description::parse(input))?;
    errors.field(name, credit::require_reason(text.as_str()))?;
    Some(text)
}

fn required_secret(secret: &SecretText) -> Result<SecretText, FormError> {
    if secret.expose().is_empty() {
        Err(FormError::Required)
    } else {
        Ok(secret.clone())
    }
}

fn parse_date(input: &str) -> Result<NaiveDate, FormError> {
    let text = input.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| FormError::NotADate(text.to_owned()))
}

fn start_of_day(input: &str, date: NaiveDate) -> Result<DateTime<Utc>, FormError> {
    shanghai_start_of_day(date).ok_or_else(|| FormError::NotADate(input.trim().to_owned()))
}

fn parse_count(input: &str) -> Result<u32, FormError> {
    let text = input.trim();
    text.parse().map_err(|_| FormError::NotANumber(text.to_owned()))
}

#[cfg(test)]
mod tests;

/// A buyer's direct choice (直接选取) of one of the eligible quotes, by its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceForm {
    pub quote: QuoteId,
}
