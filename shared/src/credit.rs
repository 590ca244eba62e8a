//! A provider's credit record (信用记录): an explainable score that is the sum of listed
//! contributions, and blacklisting (黑名单) — a supervisor's decision with a reason and an end.
//!
//! The score starts at [`BASE_SCORE`]. Each contribution's points, by the weights below:
//! - an evaluation: the sum of its five 1–5 scores minus 15 (so −10 … +10; all threes add 0);
//! - an overdue delivery: −5, and −1 more per working day late, at most −15 in all;
//! - an objection upheld against the provider's selection: −10;
//! - a violation a supervisor records: the points the supervisor sets (−1 … −50), with a reason.

use crate::ids::{OrganisationId, ProjectId};
use crate::locale::{Explain, Locale};
use crate::project::Evaluation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where every provider's score starts.
pub const BASE_SCORE: i32 = 100;
pub const OVERDUE_BASE_POINTS: i32 = -5;
pub const OVERDUE_MAX_POINTS: i32 = -15;
pub const UPHELD_OBJECTION_POINTS: i32 = -10;
pub const VIOLATION_POINTS: std::ops::RangeInclusive<i32> = -50..=-1;

/// What a contribution is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CreditReason {
    Evaluation { project: ProjectId, score_sum: u8 },
    OverdueDelivery { project: ProjectId, working_days_late: u32 },
    UpheldObjection { project: ProjectId },
    Violation { description: String },
}

/// One line of a credit record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditContribution {
    pub at: DateTime<Utc>,
    pub reason: CreditReason,
    pub points: i32,
}

impl CreditContribution {
    pub fn evaluation(project: ProjectId, evaluation: &Evaluation, at: DateTime<Utc>) -> Self {
        let sum: u8 = evaluation.scores().iter().map(|s| s.get()).sum();
        Self { at, points: i32::from(sum) - 15, reason: CreditReason::Evaluation { project, score_sum: sum } }
    }

    pub fn overdue(project: ProjectId, working_days_late: u32, at: DateTime<Utc>) -> Self {
        let late = i32::try_from(working_days_late).unwrap_or(i32::MAX);
        let points = OVERDUE_BASE_POINTS.saturating_sub(late).max(OVERDUE_MAX_POINTS);
        Self { at, points, reason: CreditReason::OverdueDelivery { project, working_days_late } }
    }

    pub fn upheld_objection(project: ProjectId, at: DateTime<Utc>) -> Self {
        Self { at, points: UPHELD_OBJECTION_POINTS, reason: CreditReason::UpheldObjection { project } }
    }

    /// A violation recorded by a supervisor; the points must be within [`VIOLATION_POINTS`].
    pub fn violation(description: String, points: i32, at: DateTime<Utc>) -> Result<Self, CreditError> {
        if description.trim().is_empty() {
            return Err(CreditError::ReasonRequired);
        }
        if !VIOLATION_POINTS.contains(&points) {
            return Err(CreditError::ViolationPointsOutOfRange(points));
        }
        Ok(Self { at, points, reason: CreditReason::Violation { description } })
    }
}

/// A supervisor's decision to exclude a provider from bidding for a term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blacklisting {
    pub reason: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Blacklisting {
    pub fn new(reason: String, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Self, CreditError> {
        if reason.trim().is_empty() {
            return Err(CreditError::ReasonRequired);
        }
        if until <= from {
            return Err(CreditError::BlacklistEndsBeforeStart);
        }
        Ok(Self { reason, from, until })
    }

    pub fn in_force(&self, now: DateTime<Utc>) -> bool {
        self.from <= now && now < self.until
    }
}

/// A provider's whole credit record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditRecord {
    pub provider: Option<OrganisationId>,
    pub contributions: Vec<CreditContribution>,
    pub blacklistings: Vec<Blacklisting>,
}

impl CreditRecord {
    /// The score: the base plus every contribution, nothing hidden.
    pub fn score(&self) -> i32 {
        self.contributions.iter().fold(BASE_SCORE, |acc, c| acc.saturating_add(c.points))
    }

    /// The blacklisting in force at `now`, if any (the one ending last).
    pub fn blacklisted_at(&self, now: DateTime<Utc>) -> Option<&Blacklisting> {
        self.blacklistings.iter().filter(|b| b.in_force(now)).max_by_key(|b| b.until)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreditError {
    #[error("a reason is required")]
    ReasonRequired,
    #[error("violation points must be from -50 to -1, not {0}")]
    ViolationPointsOutOfRange(i32),
    #[error("a blacklisting must end after it starts")]
    BlacklistEndsBeforeStart,
}

impl Explain for CreditError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (_, Locale::En) => self.to_string(),
            (Self::ReasonRequired, Locale::Zh) => "必须填写理由".into(),
            (Self::ViolationPointsOutOfRange(p), Locale::Zh) => format!("违规扣分应在 -50 到 -1 之间，而不是 {p}"),
            (Self::BlacklistEndsBeforeStart, Locale::Zh) => "黑名单的结束时间必须晚于开始时间".into(),
        }
    }
}
