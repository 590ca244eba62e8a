//! Response bodies: what the API answers besides the domain's own records — errors, pages of a
//! list, accounts and tokens, a project as its reader may see it, a provider's eligibility, and
//! the public reads (event log, draw records, provider directory and profile, statistics).

use super::errors::{FieldErrors, Message};
use super::password::SecretText;
use crate::credit::{CreditContribution, CreditRecord, BASE_SCORE};
use crate::ids::{AccountId, OrganisationId, ProjectId};
use crate::inspection::InspectionRecord;
use crate::locale::Explain;
use crate::money::Money;
use crate::organisation::{Organisation, ServedItem};
use crate::project::{
    verify_log, ChainBreak, ChainLink, Contract, Evaluation, Event, EventHash, Objection, Project,
    ProjectState, Quote, Role, Score, VerifiedLog,
};
use crate::selection::SelectionRecord;
use crate::text::{Email, ProjectCode, Title};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Every error the API answers: a machine `code`, a `message` in the reader's language (by
/// Accept-Language), the messages of each bad field in that language, the same in both
/// languages, and the request id to quote when asking for help.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub fields: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub bilingual: BilingualError,
    pub request_id: String,
}

/// An error's message and field messages in Chinese and English, so a page whose reader
/// switches language shows the error again in the new one without asking the server again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BilingualError {
    pub message: Message,
    pub fields: FieldErrors,
}

/// One page of a list; `next` is the opaque cursor of the following page, `None` on the last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// An account as its holder sees it (supervisors belong to no organisation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountView {
    pub id: AccountId,
    pub email: Email,
    pub role: Role,
    pub organisation: Option<OrganisationId>,
}

/// The answer to logging in or refreshing: a short-lived access token (`expires_in` seconds),
/// the refresh token to get the next, and whose they are. The tokens are redacted in `Debug`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: SecretText,
    pub refresh_token: SecretText,
    pub expires_in: u32,
    pub account: AccountView,
}

/// A project as its reader may see it: while `quotes_sealed`, the quotes the reader may not
/// read have been left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    pub project: Project,
    pub quotes_sealed: bool,
}

/// Whether a provider may quote on a project, and if not every reason why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    pub may_quote: bool,
    pub reasons: Vec<Message>,
}

impl Eligibility {
    /// Eligible exactly when there is no reason against it.
    pub fn new<E: Explain>(reasons: &[E]) -> Self {
        Self { may_quote: reasons.is_empty(), reasons: reasons.iter().map(Message::from).collect() }
    }
}

/// The id of what a request created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created {
    pub id: String,
}

// --- public reads ------------------------------------------------------------------------------

/// One entry of a project's event log: its sequence number (from 1), the event — absent while it
/// is sealed from the reader (a quote, before the selection) — and its hash in the project's chain
/// (`project::chain`; absent for an event stored before the chain was kept). A sealed event still
/// comes with its hash, so anyone can verify the whole chain at any time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectEvent {
    pub seq: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<EventHash>,
}

impl ProjectEvent {
    /// This entry as a link of its project's chain.
    pub fn link(&self) -> Result<ChainLink<'_>, ChainBreak> {
        let hash = self.hash.ok_or(ChainBreak::Unhashed { seq: self.seq })?;
        Ok(ChainLink { seq: self.seq, event: self.event.as_ref(), hash })
    }
}

/// Verifies a project's whole published log (as the events endpoint gives it) against the head
/// and version of the project (as its view gives them): what the browser and `market-verify` run.
pub fn verify_events(
    events: &[ProjectEvent],
    head: EventHash,
    version: u64,
) -> Result<VerifiedLog, ChainBreak> {
    let links = events.iter().map(ProjectEvent::link).collect::<Result<Vec<_>, _>>()?;
    verify_log(links, head, version)
}

/// The quotes of a project its reader may see; `quotes_sealed` when some were left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotesView {
    pub quotes: Vec<Quote>,
    pub quotes_sealed: bool,
}

/// A project's published draw records: the selection in force (`None` after an upheld objection
/// left too few quotes) and those voided by upheld objections, oldest first. Each recomputes
/// from its own contents with `verify_selection`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionView {
    pub selection: Option<SelectionRecord>,
    pub voided: Vec<SelectionRecord>,
}

/// A provider as the directory lists it: what it serves, its credit score and mean rating
/// (× 100, `None` while unrated), and the end of a blacklisting in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderSummary {
    pub id: OrganisationId,
    pub name: Title,
    pub served_items: Vec<ServedItem>,
    pub credit_score: i32,
    pub rating: Option<u16>,
    pub blacklisted_until: Option<DateTime<Utc>>,
}

/// The mean of each of the five evaluation dimensions × 100 (100–500, rounded down), over
/// `evaluations` evaluations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DimensionRatings {
    pub evaluations: u32,
    pub quality: u16,
    pub timeliness: u16,
    pub attitude: u16,
    pub fee_reasonableness: u16,
    pub compliance: u16,
}

impl DimensionRatings {
    /// `None` without any evaluation.
    pub fn of(evaluations: &[Evaluation]) -> Option<Self> {
        Self::of_scores(evaluations.iter().map(Evaluation::scores))
    }

    /// From the five scores of each evaluation, as [`Evaluation::scores`] orders them.
    pub fn of_scores(scores: impl Iterator<Item = [Score; 5]>) -> Option<Self> {
        let mut sums = [0u32; 5];
        let mut n = 0u32;
        for each in scores {
            n += 1;
            for (sum, score) in sums.iter_mut().zip(each) {
                *sum += u32::from(score.get());
            }
        }
        let mean = |i: usize| u16::try_from(sums[i] * 100 / n).unwrap_or(u16::MAX);
        (n > 0).then(|| Self {
            evaluations: n,
            quality: mean(0),
            timeliness: mean(1),
            attitude: mean(2),
            fee_reasonableness: mean(3),
            compliance: mean(4),
        })
    }
}

/// A provider's public profile: the organisation, its whole credit record with the score and
/// mean rating it gives, and the ratings by dimension of its most recent evaluations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderView {
    pub organisation: Organisation,
    pub credit: CreditRecord,
    pub score: i32,
    pub rating: Option<u16>,
    pub ratings_by_dimension: Option<DimensionRatings>,
}

/// A provider's credit record explained: the score is `base_score` plus the points of every
/// contribution, each with its reason in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreditView {
    pub provider: OrganisationId,
    pub base_score: i32,
    pub score: i32,
    pub contributions: Vec<ExplainedContribution>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExplainedContribution {
    pub contribution: CreditContribution,
    pub explanation: Message,
}

impl CreditView {
    pub fn of(record: &CreditRecord) -> Self {
        Self {
            provider: record.provider,
            base_score: BASE_SCORE,
            score: record.score(),
            contributions: record
                .contributions
                .iter()
                .map(|c| ExplainedContribution { contribution: c.clone(), explanation: Message::from(c) })
                .collect(),
        }
    }
}

/// The marketplace's public statistics. `counters` are exact (moved in the same transaction as
/// the events they count); `quotes_per_need_x100` comes from them. The rest is computed from the
/// newest published projects, at most a sample's worth (`sampled_projects`; `sample_complete`
/// when that was every one), and from the provider directory (`providers_complete` likewise).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    pub counters: BTreeMap<String, i64>,
    /// Quotes submitted (replacements included) per published project × 100.
    pub quotes_per_need_x100: Option<u32>,
    pub sampled_projects: u32,
    pub sample_complete: bool,
    /// Projects published in each of the last twelve months (Shanghai time), oldest first.
    pub needs_by_month: Vec<MonthlyNeeds>,
    pub savings: Savings,
    /// Approved providers.
    pub providers: u32,
    pub providers_complete: bool,
    /// Median calendar days (in tenths, `35` = 3.5) from publication to the selection in force,
    /// over the sampled needs with a selection.
    pub median_days_to_selection_x10: Option<u32>,
    /// As above, from publication to the buyer's acceptance of the delivery.
    pub median_days_to_acceptance_x10: Option<u32>,
    /// Sampled needs whose bidding has closed by quotes received: `[0, 1, 2, 3, 4, 5 or more]`.
    pub needs_by_quotes: Vec<u32>,
    pub provider_concentration: ProviderConcentration,
    /// Mean score per evaluation dimension over the sampled needs rated.
    pub satisfaction: Option<DimensionRatings>,
}

/// How the sampled selections in force spread over providers: the five providers with the most
/// (most first) and their share of all of them, in basis points rounded down.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderConcentration {
    pub selections: u32,
    pub top: Vec<ProviderSelections>,
    pub top_basis_points: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderSelections {
    pub provider: OrganisationId,
    /// The provider's name (empty if it could not be read).
    pub name: String,
    pub selections: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthlyNeeds {
    /// `2026-03`.
    pub month: String,
    pub needs: u32,
}

/// What selection saved against the buyers' budget caps, over the sampled projects with a
/// selection in force: `saved` = `budget_caps` − `winning_prices`, also in basis points of the caps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Savings {
    pub selected_projects: u32,
    pub budget_caps: Money,
    pub winning_prices: Money,
    pub saved: Money,
    pub saved_basis_points: Option<u32>,
}

/// The signed-in account as its holder sees it, with its organisation (`None` for supervisors,
/// who belong to none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeView {
    pub account: AccountView,
    pub organisation: Option<Organisation>,
}

/// What happened, in the words of the one told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NotificationKind {
    QuestionAsked,
    QuestionAnswered,
    BiddingClosed,
    /// A selection was made; `won` tells a quoting provider whether it was chosen.
    Selected {
        won: bool,
    },
    Failed,
    ObjectionFiled,
    ObjectionRejected,
    ObjectionUpheld,
    ContractProposed,
    ContractSigned,
    DeliverySubmitted,
    DeliveryAccepted,
    DeliveryReturned,
    Evaluated,
    ProviderApproved,
    ProviderRejected,
    Blacklisted,
}

/// One line of an inbox: what happened, when, and to which project (if any).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub project: Option<ProjectId>,
    pub code: Option<ProjectCode>,
    pub title: Option<Title>,
    #[serde(flatten)]
    pub kind: NotificationKind,
}

/// A quote as listed for its provider or its project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRecord {
    pub project: ProjectId,
    pub quote: Quote,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObjectionRecord {
    pub project: ProjectId,
    pub objection: Objection,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractRecord {
    pub project: ProjectId,
    pub state: ProjectState,
    pub contract: Contract,
}

/// A drawn inspection as published: its record holds everything needed to recompute it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inspection {
    pub id: Uuid,
    pub drawn_at: DateTime<Utc>,
    pub record: InspectionRecord,
}

/// A notification with whether its reader has yet to see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    #[serde(flatten)]
    pub notification: Notification,
    /// Newer than the last time the inbox was marked read.
    pub unread: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::errors::FieldErrors;
    use crate::api::errors::FormError;
    use crate::locale::Locale;
    use crate::project::RuleViolation;
    use serde_json::json;
    use uuid::Uuid;

    #[test]
    fn error_bodies_carry_the_fields_in_the_readers_language_and_in_both() {
        let mut fields = FieldErrors::new();
        fields.add("price", &RuleViolation::PriceNotPositive);
        fields.add("title", &FormError::Required);
        let body = ErrorBody {
            code: "invalid".into(),
            message: "请更正标出的字段".into(),
            fields: fields.render(Locale::Zh),
            bilingual: BilingualError {
                message: Message {
                    zh: "请更正标出的字段".into(), en: "Correct the marked fields".into()
                },
                fields: FieldErrors::single("title", &FormError::Required),
            },
            request_id: "req-1".into(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({
                "code": "invalid",
                "message": "请更正标出的字段",
                "fields": {"price": ["报价必须大于零"], "title": ["此项必填"]},
                "bilingual": {
                    "message": {"zh": "请更正标出的字段", "en": "Correct the marked fields"},
                    "fields": {"title": [{"zh": "此项必填", "en": "this field is required"}]},
                },
                "request_id": "req-1",
            })
        );
    }

    #[test]
    fn tokens_travel_but_are_redacted_in_debug() {
        let response = TokenResponse {
            access_token: "access.jwt".into(),
            refresh_token: "refresh-secret".into(),
            expires_in: 900,
            account: AccountView {
                id: AccountId(Uuid::from_u128(1)),
                email: Email::parse("a@example.com").unwrap(),
                role: Role::Provider,
                organisation: Some(OrganisationId(Uuid::from_u128(2))),
            },
        };
        let json = serde_json::to_value(&response).unwrap();
        assert_eq!(
            json,
            json!({
                "access_token": "access.jwt",
                "refresh_token": "refresh-secret",
                "expires_in": 900,
                "account": {
                    "id": "00000000-0000-0000-0000-000000000001",
                    "email": "a@example.com",
                    "role": "provider",
                    "organisation": "00000000-0000-0000-0000-000000000002",
                },
            })
        );
        assert_eq!(serde_json::from_value::<TokenResponse>(json).unwrap(), response);
        let debug = format!("{response:?}");
        assert!(!debug.contains("access.jwt") && !debug.contains("refresh-secret"), "{debug}");
    }

    #[test]
    fn eligibility_lists_every_reason_in_both_languages() {
        assert_eq!(Eligibility::new::<RuleViolation>(&[]), Eligibility { may_quote: true, reasons: vec![] });
        let refused =
            Eligibility::new(&[RuleViolation::ProviderNotApproved, RuleViolation::AffiliatedWithBuyer]);
        assert!(!refused.may_quote);
        assert_eq!(
            refused.reasons[0],
            Message {
                zh: "中介机构尚未通过审核".into(), en: "the provider has not been approved".into()
            }
        );
        assert_eq!(refused.reasons.len(), 2);
        let page = Page { items: vec![Created { id: "x".into() }], next: Some("c2".into()) };
        assert_eq!(serde_json::to_value(&page).unwrap(), json!({"items": [{"id": "x"}], "next": "c2"}));
    }

    #[test]
    fn ratings_by_dimension_are_each_dimensions_mean() {
        let evaluation = |scores: [u8; 5]| -> Evaluation {
            serde_json::from_value(json!({
                "quality": scores[0], "timeliness": scores[1], "attitude": scores[2],
                "fee_reasonableness": scores[3], "compliance": scores[4], "comment": ""
            }))
            .unwrap()
        };
        assert_eq!(DimensionRatings::of(&[]), None);
        let ratings = DimensionRatings::of(&[evaluation([5, 4, 3, 2, 1]), evaluation([4, 4, 4, 4, 4])]);
        assert_eq!(
            ratings,
            Some(DimensionRatings {
                evaluations: 2,
                quality: 450,
                timeliness: 400,
                attitude: 350,
                fee_reasonableness: 300,
                compliance: 250,
            })
        );
        let thirds = DimensionRatings::of(&[evaluation([5; 5]), evaluation([5; 5]), evaluation([4; 5])]);
        assert_eq!(thirds.map(|r| r.quality), Some(466));
    }
}
