//! The parties of the marketplace: enterprises and departments that buy, providers that serve,
//! and what a provider declares about itself (served items, qualifications, affiliations).

use crate::catalogue::{ServiceItemCode, WorkingDays};
use crate::credit::Blacklisting;
use crate::credit_code::UnifiedSocialCreditCode;
use crate::ids::OrganisationId;
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
}
