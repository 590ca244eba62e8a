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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CreditReason {
    Evaluation { project: ProjectId, score_sum: u8 },
    OverdueDelivery { project: ProjectId, working_days_late: u32 },
    UpheldObjection { project: ProjectId },
    Violation { description: String },
}

/// One line of a credit record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditContribution {
    pub at: DateTime<Utc>,
    pub reason: CreditReason,
    pub points: i32,
}

impl CreditContribution {
    /// What an evaluation whose five scores sum to `score_sum` counts (see
    /// `Evaluation::contribution`): the sum less 15.
    pub fn evaluation(project: ProjectId, score_sum: u8, at: DateTime<Utc>) -> Self {
        let sum = score_sum;
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
        require_reason(&description)?;
        let points = Self::violation_points(points)?;
        Ok(Self { at, points, reason: CreditReason::Violation { description } })
    }

    /// The points of a violation, if within [`VIOLATION_POINTS`].
    pub fn violation_points(points: i32) -> Result<i32, CreditError> {
        Self::deduction(points.saturating_neg())
    }

    /// The points of a violation that deducts `deducted` points, as a supervisor types them (a
    /// positive number, 1 to 50); on its own so that a form can report a bad number together with
    /// a missing description.
    pub fn deduction(deducted: i32) -> Result<i32, CreditError> {
        let points = deducted.saturating_neg();
        if VIOLATION_POINTS.contains(&points) {
            Ok(points)
        } else {
            Err(CreditError::DeductionOutOfRange(deducted))
        }
    }
}

/// A supervisor's decision must give its reason: a blank one is none.
pub fn require_reason(reason: &str) -> Result<(), CreditError> {
    if reason.trim().is_empty() {
        Err(CreditError::ReasonRequired)
    } else {
        Ok(())
    }
}

/// A supervisor's decision to exclude a provider from bidding for a term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Blacklisting {
    pub reason: String,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Blacklisting {
    pub fn new(reason: String, from: DateTime<Utc>, until: DateTime<Utc>) -> Result<Self, CreditError> {
        require_reason(&reason)?;
        Self::check_term(from, until)?;
        Ok(Self { reason, from, until })
    }

    /// A term must end after it starts; on its own so that a form can report a bad end date
    /// together with a missing reason.
    pub fn check_term(from: DateTime<Utc>, until: DateTime<Utc>) -> Result<(), CreditError> {
        if until <= from {
            Err(CreditError::BlacklistEndsBeforeStart)
        } else {
            Ok(())
        }
    }

    pub fn in_force(&self, now: DateTime<Utc>) -> bool {
        self.from <= now && now < self.until
    }
}

/// A provider's credit record: every contribution to its score. (Its blacklistings are kept
/// with its profile, where the rules of quoting read them.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditRecord {
    pub provider: OrganisationId,
    pub contributions: Vec<CreditContribution>,
}

impl CreditRecord {
    pub fn new(provider: OrganisationId) -> Self {
        Self { provider, contributions: Vec::new() }
    }

    /// The score: the base plus every contribution, nothing hidden.
    pub fn score(&self) -> i32 {
        self.contributions.iter().fold(BASE_SCORE, |acc, c| acc.saturating_add(c.points))
    }

    /// The mean rating of every evaluation on record × 100 (100–500), as best-value selection
    /// weighs it; `None` for a provider never rated.
    pub fn rating(&self) -> Option<u16> {
        let sums: Vec<u32> = self
            .contributions
            .iter()
            .filter_map(|c| match c.reason {
                CreditReason::Evaluation { score_sum, .. } => Some(u32::from(score_sum)),
                _ => None,
            })
            .collect();
        if sums.is_empty() {
            return None;
        }
        // Each evaluation's mean × 100 is its sum × 20; average those, rounding down.
        let total: u32 = sums.iter().map(|s| s * 20).sum();
        u16::try_from(total / sums.len() as u32).ok()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CreditError {
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the points deducted for a violation must be from 1 to 50, not {0}")]
    DeductionOutOfRange(i32),
    #[error("a blacklisting must end after it starts")]
    BlacklistEndsBeforeStart,
}

impl Explain for CreditError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (_, Locale::En) => self.to_string(),
            (Self::ReasonRequired, Locale::Zh) => "必须填写理由".into(),
            (Self::DeductionOutOfRange(p), Locale::Zh) => format!("违规扣分应为 1 到 50 分，而不是 {p}"),
            (Self::BlacklistEndsBeforeStart, Locale::Zh) => "黑名单的结束时间必须晚于开始时间".into(),
        }
    }
}

/// Each line of a credit record says why it counts and by how much, so the score explains itself.
impl Explain for CreditContribution {
    fn explain(&self, locale: Locale) -> String {
        let points = self.points;
        match (&self.reason, locale) {
            (CreditReason::Evaluation { score_sum, .. }, Locale::Zh) => {
                format!("服务评价：五项评分合计 {score_sum} 分，减去 15 分，计 {points:+} 分")
            }
            (CreditReason::Evaluation { score_sum, .. }, Locale::En) => {
                format!("Evaluation: the five scores sum to {score_sum}, less 15: {points:+} points")
            }
            (CreditReason::OverdueDelivery { working_days_late, .. }, Locale::Zh) => {
                format!("逾期交付 {working_days_late} 个工作日，计 {points:+} 分")
            }
            (CreditReason::OverdueDelivery { working_days_late, .. }, Locale::En) => {
                format!("Delivered {working_days_late} working days late: {points:+} points")
            }
            (CreditReason::UpheldObjection { .. }, Locale::Zh) => {
                format!("针对其中选结果的异议成立，计 {points:+} 分")
            }
            (CreditReason::UpheldObjection { .. }, Locale::En) => {
                format!("An objection to its selection was upheld: {points:+} points")
            }
            (CreditReason::Violation { description }, Locale::Zh) => {
                format!("违规记录（{description}），计 {points:+} 分")
            }
            (CreditReason::Violation { description }, Locale::En) => {
                format!("Violation recorded ({description}): {points:+} points")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Evaluation;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 2, 0, 0).unwrap()
    }

    fn evaluation(scores: [u8; 5]) -> Evaluation {
        serde_json::from_value(serde_json::json!({
            "quality": scores[0], "timeliness": scores[1], "attitude": scores[2],
            "fee_reasonableness": scores[3], "compliance": scores[4], "comment": ""
        }))
        .unwrap()
    }

    #[test]
    fn the_rating_is_the_mean_of_every_evaluation_and_nothing_else() {
        let project = ProjectId(Uuid::from_u128(1));
        let mut record = CreditRecord::new(OrganisationId(Uuid::from_u128(2)));
        assert_eq!(record.rating(), None);
        record.contributions.push(CreditContribution::overdue(project, 2, at(5)));
        assert_eq!(record.rating(), None);
        record.contributions.push(evaluation([5, 5, 4, 4, 5]).contribution(project, at(2)));
        assert_eq!(record.rating(), Some(460));
        record.contributions.push(evaluation([3, 3, 3, 3, 2]).contribution(project, at(3)));
        // (460 + 280) / 2
        assert_eq!(record.rating(), Some(370));
    }

    #[test]
    fn the_score_is_the_base_plus_every_listed_contribution() {
        let project = ProjectId(Uuid::from_u128(1));
        let mut record = CreditRecord::new(OrganisationId(Uuid::from_u128(2)));
        assert_eq!(record.score(), 100);
        record.contributions.push(evaluation([5, 5, 5, 5, 5]).contribution(project, at(2)));
        record.contributions.push(evaluation([3, 3, 3, 3, 3]).contribution(project, at(3)));
        record.contributions.push(evaluation([1, 2, 1, 1, 1]).contribution(project, at(4)));
        record.contributions.push(CreditContribution::overdue(project, 2, at(5)));
        record.contributions.push(CreditContribution::upheld_objection(project, at(6)));
        record.contributions.push(CreditContribution::violation("出具虚假报告".into(), -20, at(9)).unwrap());
        let points: Vec<i32> = record.contributions.iter().map(|c| c.points).collect();
        assert_eq!(points, [10, 0, -9, -7, -10, -20]);
        assert_eq!(record.score(), 100 + 10 - 9 - 7 - 10 - 20);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["contributions"][0]["reason"]["kind"], "evaluation");
        assert_eq!(json["contributions"][0]["reason"]["score_sum"], 25);
    }

    #[test]
    fn overdue_points_grow_with_lateness_up_to_a_cap() {
        let p = ProjectId(Uuid::from_u128(1));
        let points = |days| CreditContribution::overdue(p, days, at(2)).points;
        assert_eq!(
            [points(0), points(1), points(5), points(10), points(1000), points(u32::MAX)],
            [-5, -6, -10, -15, -15, -15]
        );
    }

    #[test]
    fn violations_need_a_reason_and_bounded_points() {
        assert_eq!(CreditContribution::violation(" ".into(), -5, at(2)), Err(CreditError::ReasonRequired));
        assert_eq!(
            CreditContribution::violation("迟报".into(), 0, at(2)),
            Err(CreditError::DeductionOutOfRange(0))
        );
        assert_eq!(
            CreditContribution::violation("迟报".into(), -51, at(2)),
            Err(CreditError::DeductionOutOfRange(51))
        );
        assert_eq!(CreditContribution::deduction(7), Ok(-7));
        assert_eq!(CreditContribution::deduction(-7), Err(CreditError::DeductionOutOfRange(-7)));
        assert_eq!(
            CreditError::DeductionOutOfRange(0).explain(Locale::Zh),
            "违规扣分应为 1 到 50 分，而不是 0"
        );
    }

    #[test]
    fn a_blacklisting_has_a_reason_and_a_term() {
        assert_eq!(Blacklisting::new("".into(), at(2), at(9)), Err(CreditError::ReasonRequired));
        assert_eq!(
            Blacklisting::new("串通报价".into(), at(9), at(9)),
            Err(CreditError::BlacklistEndsBeforeStart)
        );
        let b = Blacklisting::new("串通报价".into(), at(2), at(9)).unwrap();
        assert!(!b.in_force(at(1)) && b.in_force(at(2)) && b.in_force(at(8)) && !b.in_force(at(9)));
        assert_eq!(
            CreditError::BlacklistEndsBeforeStart.explain(Locale::Zh),
            "黑名单的结束时间必须晚于开始时间"
        );
    }

    #[test]
    fn each_contribution_explains_itself_in_both_languages() {
        let p = ProjectId(Uuid::from_u128(1));
        let evaluated = evaluation([5, 5, 4, 4, 5]).contribution(p, at(2));
        assert_eq!(evaluated.explain(Locale::Zh), "服务评价：五项评分合计 23 分，减去 15 分，计 +8 分");
        assert_eq!(
            evaluated.explain(Locale::En),
            "Evaluation: the five scores sum to 23, less 15: +8 points"
        );
        let late = CreditContribution::overdue(p, 2, at(3));
        assert_eq!(late.explain(Locale::Zh), "逾期交付 2 个工作日，计 -7 分");
        assert_eq!(late.explain(Locale::En), "Delivered 2 working days late: -7 points");
        let upheld = CreditContribution::upheld_objection(p, at(4));
        assert_eq!(upheld.explain(Locale::En), "An objection to its selection was upheld: -10 points");
        let violation = CreditContribution::violation("出具虚假报告".into(), -20, at(5)).unwrap();
        assert_eq!(violation.explain(Locale::Zh), "违规记录（出具虚假报告），计 -20 分");
    }
}
