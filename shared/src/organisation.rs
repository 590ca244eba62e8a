//! The parties of the marketplace: enterprises and departments that buy, providers that serve,
//! and what a provider declares about itself (served items, qualifications, affiliations).

use crate::catalogue::{ServiceItemCode, WorkingDays};
use crate::credit::{self, Blacklisting, CreditError};
use crate::credit_code::UnifiedSocialCreditCode;
use crate::ids::OrganisationId;
use crate::locale::{Explain, Locale};
use crate::money::Money;
use crate::qualification::Qualification;
use crate::text::{Email, Phone, Title};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A department's budget line (预算科目) that pays for the technical services it commissions.
pub type BudgetLine = Title;

/// An organisation registered with its unified social credit code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: Title,
    pub credit_code: UnifiedSocialCreditCode,
    pub contact_email: Email,
    pub contact_phone: Phone,
    pub kind: OrganisationKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrganisationKind {
    /// 项目业主: buys services for its own projects, from its own funds.
    Enterprise,
    /// 审批部门: commissions technical reviews, paid from one of its budget lines.
    Department { budget_lines: Vec<BudgetLine> },
    /// 中介机构.
    Provider(ProviderProfile),
}

/// What a provider publishes about itself, and where its onboarding stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderProfile {
    pub served_items: Vec<ServedItem>,
    pub qualifications: Vec<Qualification>,
    /// Departments the provider is tied to (a "red-hat" link: owned, staffed or supervised by
    /// it). Such a provider is never selected for that department's projects.
    pub affiliations: Vec<OrganisationId>,
    pub status: ProviderStatus,
    /// Every blacklisting a supervisor has decided, past and present (published).
    #[serde(default)]
    pub blacklistings: Vec<Blacklisting>,
}

/// A catalogue item a provider serves, with its own published fee and time commitments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServedItem {
    pub item: ServiceItemCode,
    /// The provider's published fee (its usual price for a standard job).
    pub published_fee: Money,
    /// The working days it commits to for a standard job.
    pub committed_days: WorkingDays,
}

/// Where a provider's onboarding stands (blacklisting, which has a term, is kept apart in
/// [`ProviderProfile::blacklistings`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ProviderStatus {
    /// Registered, awaiting the supervisor's review.
    Pending,
    Approved,
    Rejected {
        reason: String,
    },
    Suspended {
        reason: String,
    },
}

impl ProviderProfile {
    /// The blacklisting in force at `now`, if any (the one ending last).
    pub fn blacklisted_at(&self, now: DateTime<Utc>) -> Option<&Blacklisting> {
        self.blacklistings.iter().filter(|b| b.in_force(now)).max_by_key(|b| b.until)
    }

    /// Whether the provider may take part in the market at `now`: approved and not blacklisted.
    pub fn in_good_standing(&self, now: DateTime<Utc>) -> bool {
        self.status == ProviderStatus::Approved && self.blacklisted_at(now).is_none()
    }

    pub fn serves(&self, item: &ServiceItemCode) -> bool {
        self.served_items.iter().any(|s| &s.item == item)
    }

    /// A supervisor admits the provider to the market after reviewing its registration.
    pub fn approve(&mut self) -> Result<(), OnboardingError> {
        self.require_pending()?;
        self.status = ProviderStatus::Approved;
        Ok(())
    }

    /// A supervisor turns the registration down, saying why (the provider is told).
    pub fn reject(&mut self, reason: String) -> Result<(), OnboardingError> {
        self.require_pending()?;
        credit::require_reason(&reason)?;
        self.status = ProviderStatus::Rejected { reason };
        Ok(())
    }

    /// Onboarding decides once: a decided registration is not reviewed again.
    fn require_pending(&self) -> Result<(), OnboardingError> {
        match &self.status {
            ProviderStatus::Pending => Ok(()),
            decided => Err(OnboardingError::NotPending(decided.clone())),
        }
    }
}

impl ProviderStatus {
    fn name(&self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Pending, Locale::Zh) => "待审核",
            (Self::Approved, Locale::Zh) => "已通过审核",
            (Self::Rejected { .. }, Locale::Zh) => "未通过审核",
            (Self::Suspended { .. }, Locale::Zh) => "已暂停",
            (Self::Pending, Locale::En) => "pending",
            (Self::Approved, Locale::En) => "approved",
            (Self::Rejected { .. }, Locale::En) => "rejected",
            (Self::Suspended { .. }, Locale::En) => "suspended",
        }
    }
}

/// Why a supervisor's onboarding decision cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OnboardingError {
    #[error("only a pending provider can be approved or rejected; this one is {}", .0.name(Locale::En))]
    NotPending(ProviderStatus),
    #[error(transparent)]
    Reason(#[from] CreditError),
}

impl OnboardingError {
    /// The form field this error is about, named as in the API's forms: the provider's status
    /// (not a field of any form: the decision as a whole), or the rejection's text.
    pub fn field(&self) -> &'static str {
        match self {
            Self::NotPending(_) => "status",
            Self::Reason(_) => "text",
        }
    }
}

impl Explain for OnboardingError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::NotPending(status), Locale::Zh) => {
                format!("只有待审核的中介机构可以审核通过或驳回，该机构{}", status.name(locale))
            }
            (Self::Reason(err), _) => err.explain(locale),
            (_, Locale::En) => self.to_string(),
        }
    }
}

/// The kinds of organisation that register themselves (supervisors are created by an
/// administrator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum OrganisationKindName {
    Enterprise,
    Department,
    Provider,
}

impl OrganisationKindName {
    pub fn of(kind: &OrganisationKind) -> Self {
        match kind {
            OrganisationKind::Enterprise => Self::Enterprise,
            OrganisationKind::Department { .. } => Self::Department,
            OrganisationKind::Provider(_) => Self::Provider,
        }
    }

    /// The kind as a sentence names it ("must be empty for an enterprise").
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Enterprise, Locale::Zh) => "项目业主",
            (Self::Department, Locale::Zh) => "审批部门",
            (Self::Provider, Locale::Zh) => "中介机构",
            (Self::Enterprise, Locale::En) => "an enterprise",
            (Self::Department, Locale::En) => "a department",
            (Self::Provider, Locale::En) => "a provider",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(status: ProviderStatus) -> ProviderProfile {
        ProviderProfile {
            served_items: vec![],
            qualifications: vec![],
            affiliations: vec![],
            status,
            blacklistings: vec![],
        }
    }

    #[test]
    fn only_a_pending_provider_is_approved_or_rejected() {
        let mut approved = profile(ProviderStatus::Pending);
        assert_eq!(approved.approve(), Ok(()));
        assert_eq!(approved.status, ProviderStatus::Approved);
        let again = approved.approve().unwrap_err();
        assert_eq!(again, OnboardingError::NotPending(ProviderStatus::Approved));
        assert_eq!(again.field(), "status");
        assert_eq!(again.explain(Locale::Zh), "只有待审核的中介机构可以审核通过或驳回，该机构已通过审核");
        assert_eq!(
            again.explain(Locale::En),
            "only a pending provider can be approved or rejected; this one is approved"
        );
        assert_eq!(
            approved.reject("迟到".into()),
            Err(OnboardingError::NotPending(ProviderStatus::Approved))
        );

        let mut rejected = profile(ProviderStatus::Pending);
        assert_eq!(rejected.reject("资质证书不清晰".into()), Ok(()));
        assert_eq!(rejected.status, ProviderStatus::Rejected { reason: "资质证书不清晰".into() });
        let status = rejected.status.clone();
        assert_eq!(rejected.approve(), Err(OnboardingError::NotPending(status)));
    }

    #[test]
    fn a_rejection_says_why() {
        let mut p = profile(ProviderStatus::Pending);
        let blank = p.reject("  ".into()).unwrap_err();
        assert_eq!(blank, OnboardingError::Reason(CreditError::ReasonRequired));
        assert_eq!((blank.field(), blank.explain(Locale::Zh).as_str()), ("text", "必须填写理由"));
        assert_eq!(p.status, ProviderStatus::Pending);
    }
}
