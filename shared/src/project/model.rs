//! What a project is made of: its terms, its state, its quotes, questions, selection,
//! objections, contract, deliveries and evaluation — and the events that change them.

use super::event_hash::EventHash;
use super::state::{ProjectState, Role};
use crate::catalogue::{ServiceItemCode, WorkingDays};
use crate::draw::Commitment;
use crate::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use crate::locale::Term;
use crate::money::Money;
use crate::organisation::BudgetLine;
use crate::qualification::QualificationType;
use crate::selection::{EligibleQuote, SelectionMethod, SelectionRecord};
use crate::text::{Description, ProjectCode, Title};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The working days after a selection during which objections may be filed (公示期).
pub const PUBLICITY_WORKING_DAYS: u16 = 3;
/// The shortest bid window, in working days.
pub const MIN_BID_WINDOW_DAYS: u16 = 3;
/// Publicly funded projects need at least this many eligible quotes, else they fail (流标).
pub const MIN_QUOTES_PUBLICLY_FUNDED: usize = 3;

/// An organisation's name as the record keeps it: copied into the event when the organisation
/// acts (posts a need, quotes), so that the public record names its parties without a lookup per
/// name and a later rename does not rewrite history. Absent from events stored before names were
/// kept: pages then load a provider's current name from its profile and leave such a buyer unnamed.
pub type PartyName = Title;

/// Who issues a command: a role, and for people their account and organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Actor {
    pub role: Role,
    pub account: Option<AccountId>,
    pub organisation: Option<OrganisationId>,
}

impl Actor {
    pub const SYSTEM: Actor = Actor { role: Role::System, account: None, organisation: None };
}

/// Who pays. Department-funded (public) projects are bought competitively only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "funding", rename_all = "snake_case")]
pub enum Funding {
    Enterprise,
    Department { budget_line: BudgetLine },
}

impl Funding {
    pub fn is_public(&self) -> bool {
        matches!(self, Funding::Department { .. })
    }

    /// Who pays, in words: [`Funding::term_of`] the kind.
    pub fn term(&self) -> Term {
        Self::term_of(self.is_public())
    }

    /// The name of publicly funded (`true`) or enterprise-funded projects.
    pub fn term_of(publicly_funded: bool) -> Term {
        if publicly_funded {
            Term::new("财政资金", "Public funds")
        } else {
            Term::new("企业自筹", "Enterprise-funded")
        }
    }
}

/// A condition a buyer puts on who may quote. Only qualifications the catalogue item allows are
/// lawful; the other kinds exist so that an attempt to impose them is refused by name (the
/// reform abolished regional, local-office and quota restrictions on intermediaries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Requirement {
    Qualification(QualificationType),
    /// "Providers from region X only".
    Region(String),
    /// "Must have an office in our city".
    LocalOffice(String),
    /// "At most N providers may take part".
    ProviderCap(u32),
    /// Anything else.
    Other(String),
}

/// What a buyer posts, editable while the project is a draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectTerms {
    pub item: ServiceItemCode,
    pub title: Title,
    pub description: Description,
    /// The most the buyer will pay (最高限价).
    pub budget_cap: Money,
    /// The most working days the service may take after the contract (服务期限).
    pub service_days: WorkingDays,
    pub requirements: Vec<Requirement>,
    pub method: SelectionMethod,
    pub funding: Funding,
    /// Working days from publishing to the close of bidding.
    pub bid_window: WorkingDays,
}

impl ProjectTerms {
    /// The qualification types a quoting provider must hold.
    pub fn required_qualifications(&self) -> impl Iterator<Item = &QualificationType> {
        self.requirements.iter().filter_map(|r| match r {
            Requirement::Qualification(q) => Some(q),
            _ => None,
        })
    }

    /// How many eligible quotes a selection needs.
    pub fn minimum_quotes(&self) -> usize {
        if self.funding.is_public() {
            MIN_QUOTES_PUBLICLY_FUNDED
        } else {
            1
        }
    }
}

/// A provider's sealed quote (报名报价).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quote {
    pub id: QuoteId,
    pub provider: OrganisationId,
    /// The provider's name when it quoted ([`PartyName`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<PartyName>,
    pub price: Money,
    pub promised_days: WorkingDays,
    pub submitted_at: DateTime<Utc>,
    pub status: QuoteStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum QuoteStatus {
    Live,
    Withdrawn,
    /// Superseded by the same provider's newer quote.
    Replaced,
    /// Not eligible when bidding closed, with the reason.
    Excluded {
        reason: String,
    },
    /// Disqualified by an upheld objection.
    Disqualified,
}

/// How a quote fared in its competition: awaiting the selection, chosen, or not (a need that
/// failed or was cancelled chose nobody).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteOutcome {
    Pending,
    Won,
    NotWon,
}

impl QuoteOutcome {
    pub const ALL: [QuoteOutcome; 3] = [QuoteOutcome::Pending, QuoteOutcome::Won, QuoteOutcome::NotWon];

    pub fn term(self) -> Term {
        match self {
            QuoteOutcome::Pending => Term::new("待选取", "Awaiting selection"),
            QuoteOutcome::Won => Term::new("中选", "Won"),
            QuoteOutcome::NotWon => Term::new("未中选", "Not won"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClarificationQuestion {
    pub id: Uuid,
    pub asked_by: OrganisationId,
    pub question: Description,
    pub asked_at: DateTime<Utc>,
    pub answer: Option<Description>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Objection {
    pub id: Uuid,
    pub filed_by: OrganisationId,
    pub reason: Description,
    pub filed_at: DateTime<Utc>,
    pub status: ObjectionStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ObjectionStatus {
    Pending,
    Upheld { reason: Description, disqualified: Option<QuoteId> },
    Rejected { reason: Description },
}

/// The agreed price and deadline. The buyer proposes, the provider confirms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contract {
    pub quote: QuoteId,
    pub provider: OrganisationId,
    /// The provider's name as its quote gave it ([`PartyName`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<PartyName>,
    pub price: Money,
    pub service_days: WorkingDays,
    pub proposed_at: DateTime<Utc>,
    /// Set when the provider confirms; the service deadline counts from here.
    pub signed_at: Option<DateTime<Utc>>,
    pub deadline: Option<DateTime<Utc>>,
}

/// A result the provider hands over (服务成果).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    pub summary: Description,
    pub submitted_at: DateTime<Utc>,
    /// Working days past the contract deadline when submitted (0 when on time).
    pub overdue_days: u32,
    pub status: DeliveryStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DeliveryStatus {
    Submitted,
    Accepted,
    Returned { reason: Description },
}

/// A rating from 1 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const RANGE: std::ops::RangeInclusive<u8> = 1..=5;

    pub fn new(value: u8) -> Result<Self, super::RuleViolation> {
        if Self::RANGE.contains(&value) {
            Ok(Self(value))
        } else {
            Err(super::RuleViolation::ScoreOutOfRange(value))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = super::RuleViolation;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> Self {
        score.0
    }
}

/// Hand-written for the bounds, which the derive cannot state on a newtype.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Score {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let range = u16::from(*Self::RANGE.start())..=u16::from(*Self::RANGE.end());
        crate::openapi::bounded_integer("A rating from 1 to 5.", range, 4)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Score {}

/// The buyer's rating of a finished service (服务评价), on the five published dimensions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evaluation {
    pub quality: Score,
    pub timeliness: Score,
    pub attitude: Score,
    pub fee_reasonableness: Score,
    pub compliance: Score,
    pub comment: Description,
}

impl Evaluation {
    /// The five published dimensions' names, in the order of [`Evaluation::scores`].
    pub const DIMENSIONS: [Term; 5] = [
        Term::new("成果质量", "Quality of the result"),
        Term::new("服务时效", "Timeliness"),
        Term::new("服务态度", "Attitude"),
        Term::new("收费合理性", "Fee reasonableness"),
        Term::new("执业规范", "Professional conduct"),
    ];

    /// What this evaluation of `project`'s winner adds to its credit record.
    pub fn contribution(&self, project: ProjectId, at: DateTime<Utc>) -> crate::credit::CreditContribution {
        let sum: u8 = self.scores().iter().map(|s| s.get()).sum();
        crate::credit::CreditContribution::evaluation(project, sum, at)
    }

    pub fn scores(&self) -> [Score; 5] {
        [self.quality, self.timeliness, self.attitude, self.fee_reasonableness, self.compliance]
    }

    /// The mean of the five scores × 100 (e.g. 460 for 4.6), as selection and credit use it.
    pub fn mean_x100(&self) -> u16 {
        let sum: u16 = self.scores().iter().map(|s| u16::from(s.get())).sum();
        sum * 100 / 5
    }
}

/// One change to a project, with who made it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    DraftCreated {
        id: ProjectId,
        code: ProjectCode,
        buyer: OrganisationId,
        /// The buyer's name when it posted the need ([`PartyName`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        buyer_name: Option<PartyName>,
        terms: ProjectTerms,
    },
    DraftEdited {
        terms: ProjectTerms,
    },
    /// The commitment to the draw's secret is published with the project.
    Published {
        commitment: Commitment,
        closes_at: DateTime<Utc>,
    },
    Cancelled {
        reason: Description,
    },
    QuoteSubmitted {
        quote: Quote,
        replaces: Option<QuoteId>,
    },
    QuoteWithdrawn {
        quote: QuoteId,
    },
    QuestionAsked {
        question: ClarificationQuestion,
    },
    QuestionAnswered {
        question: Uuid,
        answer: Description,
    },
    /// The quotes that were live at close, split into eligible (with the standing of their
    /// providers that selection weighs) and excluded with reasons.
    BiddingClosed {
        eligible: Vec<EligibleQuote>,
        excluded: Vec<(QuoteId, String)>,
    },
    Failed {
        eligible: usize,
        required: usize,
    },
    Selected {
        record: Box<SelectionRecord>,
        publicity_ends_at: DateTime<Utc>,
    },
    ObjectionFiled {
        objection: Objection,
    },
    ObjectionRejected {
        objection: Uuid,
        reason: Description,
    },
    /// Upholding voids the current selection; a `Selected` or `Failed` event follows.
    ObjectionUpheld {
        objection: Uuid,
        reason: Description,
        disqualified: Option<QuoteId>,
    },
    ContractProposed {
        contract: Contract,
    },
    ContractSigned {
        signed_at: DateTime<Utc>,
        deadline: DateTime<Utc>,
    },
    ServiceStarted,
    DeliverySubmitted {
        delivery: Delivery,
    },
    DeliveryAccepted,
    DeliveryReturned {
        reason: Description,
    },
    Evaluated {
        evaluation: Evaluation,
    },
}

/// A project as its events have made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: ProjectId,
    pub code: ProjectCode,
    pub buyer: OrganisationId,
    /// [`EventKind::DraftCreated`]'s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_name: Option<PartyName>,
    pub terms: ProjectTerms,
    pub state: ProjectState,
    pub created_at: DateTime<Utc>,
    pub commitment: Option<Commitment>,
    pub published_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub quotes: Vec<Quote>,
    /// The quotes eligible when bidding closed, with their providers' standing then.
    pub eligible: Vec<EligibleQuote>,
    pub questions: Vec<ClarificationQuestion>,
    /// The selection in force; earlier ones voided by objections stay in `voided_selections`.
    pub selection: Option<SelectionRecord>,
    pub voided_selections: Vec<SelectionRecord>,
    pub publicity_ends_at: Option<DateTime<Utc>>,
    /// When the selection in force was made (cleared when a re-run fails). Absent from
    /// snapshots written before it was kept.
    #[serde(default)]
    pub selected_at: Option<DateTime<Utc>>,
    pub objections: Vec<Objection>,
    pub contract: Option<Contract>,
    pub deliveries: Vec<Delivery>,
    pub evaluation: Option<Evaluation>,
    /// When the buyer accepted the delivery. Absent from snapshots written before it was kept.
    #[serde(default)]
    pub accepted_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<Description>,
    /// How many events made this project: the version for optimistic concurrency.
    pub version: u64,
    /// The hash of the last event in the project's chain (see [`EventHash`]). Absent from
    /// snapshots written before the chain was kept.
    #[serde(default = "EventHash::genesis")]
    pub chain_head: EventHash,
}

impl Project {
    /// Rebuilds a project from its events. `None` if the first is not `DraftCreated`.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Project> {
        let mut events = events.into_iter();
        let mut project = Project::created(events.next()?)?;
        for event in events {
            project.apply(event);
        }
        Some(project)
    }

    /// The project a `DraftCreated` event starts.
    pub fn created(event: &Event) -> Option<Project> {
        let EventKind::DraftCreated { id, code, buyer, buyer_name, terms } = &event.kind else {
            return None;
        };
        Some(Project {
            id: *id,
            code: *code,
            buyer: *buyer,
            buyer_name: buyer_name.clone(),
            terms: terms.clone(),
            state: ProjectState::Draft,
            created_at: event.at,
            commitment: None,
            published_at: None,
            closes_at: None,
            quotes: Vec::new(),
            eligible: Vec::new(),
            questions: Vec::new(),
            selection: None,
            voided_selections: Vec::new(),
            publicity_ends_at: None,
            selected_at: None,
            objections: Vec::new(),
            contract: None,
            deliveries: Vec::new(),
            evaluation: None,
            accepted_at: None,
            cancel_reason: None,
            version: 1,
            chain_head: EventHash::link(&EventHash::GENESIS, event),
        })
    }

    /// Folds one event into the project. Events are facts already decided: applying never fails.
    pub fn apply(&mut self, event: &Event) {
        self.version += 1;
        self.chain_head = EventHash::link(&self.chain_head, event);
        match &event.kind {
            EventKind::DraftCreated { .. } => {}
            EventKind::DraftEdited { terms } => self.terms = terms.clone(),
            EventKind::Published { commitment, closes_at } => {
                self.state = ProjectState::Published;
                self.commitment = Some(*commitment);
                self.published_at = Some(event.at);
                self.closes_at = Some(*closes_at);
            }
            EventKind::Cancelled { reason } => {
                self.state = ProjectState::Cancelled;
                self.cancel_reason = Some(reason.clone());
            }
            EventKind::QuoteSubmitted { quote, replaces } => {
                if let Some(old) = replaces {
                    self.set_quote_status(old, QuoteStatus::Replaced);
                }
                self.quotes.push(quote.clone());
            }
            EventKind::QuoteWithdrawn { quote } => self.set_quote_status(quote, QuoteStatus::Withdrawn),
            EventKind::QuestionAsked { question } => self.questions.push(question.clone()),
            EventKind::QuestionAnswered { question, answer } => {
                if let Some(q) = self.questions.iter_mut().find(|q| q.id == *question) {
                    q.answer = Some(answer.clone());
                }
            }
            EventKind::BiddingClosed { eligible, excluded } => {
                self.state = ProjectState::BiddingClosed;
                self.eligible = eligible.clone();
                for (id, reason) in excluded {
                    self.set_quote_status(id, QuoteStatus::Excluded { reason: reason.clone() });
                }
            }
            EventKind::Failed { .. } => {
                self.state = ProjectState::Failed;
                self.voided_selections.extend(self.selection.take());
                self.publicity_ends_at = None;
                self.selected_at = None;
            }
            EventKind::Selected { record, publicity_ends_at } => {
                self.state = ProjectState::Selected;
                self.voided_selections.extend(self.selection.take());
                self.selection = Some((**record).clone());
                self.publicity_ends_at = Some(*publicity_ends_at);
                self.selected_at = Some(event.at);
            }
            EventKind::ObjectionFiled { objection } => self.objections.push(objection.clone()),
            EventKind::ObjectionRejected { objection, reason } => {
                self.set_objection_status(objection, ObjectionStatus::Rejected { reason: reason.clone() })
            }
            EventKind::ObjectionUpheld { objection, reason, disqualified } => {
                self.set_objection_status(
                    objection,
                    ObjectionStatus::Upheld { reason: reason.clone(), disqualified: *disqualified },
                );
                if let Some(quote) = disqualified {
                    self.set_quote_status(quote, QuoteStatus::Disqualified);
                }
            }
            EventKind::ContractProposed { contract } => self.contract = Some(contract.clone()),
            EventKind::ContractSigned { signed_at, deadline } => {
                self.state = ProjectState::Contracted;
                if let Some(contract) = &mut self.contract {
                    contract.signed_at = Some(*signed_at);
                    contract.deadline = Some(*deadline);
                }
            }
            EventKind::ServiceStarted => self.state = ProjectState::InService,
            EventKind::DeliverySubmitted { delivery } => {
                self.state = ProjectState::Delivered;
                self.deliveries.push(delivery.clone());
            }
            EventKind::DeliveryAccepted => {
                self.state = ProjectState::Accepted;
                self.accepted_at = Some(event.at);
                if let Some(d) = self.deliveries.last_mut() {
                    d.status = DeliveryStatus::Accepted;
                }
            }
            EventKind::DeliveryReturned { reason } => {
                self.state = ProjectState::InService;
                if let Some(d) = self.deliveries.last_mut() {
                    d.status = DeliveryStatus::Returned { reason: reason.clone() };
                }
            }
            EventKind::Evaluated { evaluation } => {
                self.state = ProjectState::Rated;
                self.evaluation = Some(evaluation.clone());
            }
        }
    }

    fn set_quote_status(&mut self, id: &QuoteId, status: QuoteStatus) {
        if let Some(q) = self.quotes.iter_mut().find(|q| q.id == *id) {
            q.status = status;
        }
    }

    fn set_objection_status(&mut self, id: &Uuid, status: ObjectionStatus) {
        if let Some(o) = self.objections.iter_mut().find(|o| o.id == *id) {
            o.status = status;
        }
    }

    /// The provider's live quote, if it has one.
    pub fn live_quote_of(&self, provider: OrganisationId) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.provider == provider && q.status == QuoteStatus::Live)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    /// Whether the quotes are public: once a selection has been made (even if since voided), every
    /// quote, its provider and the exclusions at close are published with the evidence. Before
    /// that they are sealed — from the public always, and from the buyer until bidding closes.
    pub fn quotes_unsealed(&self) -> bool {
        self.selection.is_some() || !self.voided_selections.is_empty()
    }

    /// The name the record gives `organisation`: the buyer's as it posted the need, a provider's
    /// as it last quoted (quotes are sealed like the rest: callers decide who sees them).
    pub fn name_of(&self, organisation: OrganisationId) -> Option<&PartyName> {
        if organisation == self.buyer {
            return self.buyer_name.as_ref();
        }
        self.quotes.iter().rev().find(|q| q.provider == organisation).and_then(|q| q.provider_name.as_ref())
    }

    /// The winning quote of the selection in force.
    pub fn winner(&self) -> Option<&Quote> {
        self.selection.as_ref().and_then(|s| self.quote(s.outcome.winner))
    }

    /// How the quote `id` fared, as its provider's list says it: `None` for a quote withdrawn
    /// or replaced (its status says all), or not of this project.
    pub fn outcome_of(&self, id: QuoteId) -> Option<QuoteOutcome> {
        let quote = self.quote(id)?;
        match (&quote.status, &self.selection) {
            (QuoteStatus::Withdrawn | QuoteStatus::Replaced, _) => None,
            (QuoteStatus::Excluded { .. } | QuoteStatus::Disqualified, _) => Some(QuoteOutcome::NotWon),
            (QuoteStatus::Live, Some(selection)) if selection.outcome.winner == id => Some(QuoteOutcome::Won),
            (QuoteStatus::Live, Some(_)) => Some(QuoteOutcome::NotWon),
            (QuoteStatus::Live, None) => match self.state {
                ProjectState::Failed | ProjectState::Cancelled => Some(QuoteOutcome::NotWon),
                _ => Some(QuoteOutcome::Pending),
            },
        }
    }

    pub fn has_pending_objection(&self) -> bool {
        self.objections.iter().any(|o| o.status == ObjectionStatus::Pending)
    }

    /// What a listing of projects shows of this one: nothing sealed, nothing large.
    pub fn summary(&self) -> ProjectSummary {
        ProjectSummary {
            id: self.id,
            code: self.code,
            buyer: self.buyer,
            buyer_name: self.buyer_name.clone(),
            item: self.terms.item.clone(),
            title: self.terms.title.clone(),
            state: self.state,
            budget_cap: self.terms.budget_cap,
            method: self.terms.method,
            publicly_funded: self.terms.funding.is_public(),
            created_at: self.created_at,
            published_at: self.published_at,
            closes_at: self.closes_at,
            winning_price: self.winner().map(|w| w.price),
            selected_at: self.selected_at,
            accepted_at: self.accepted_at,
            quotes: self.quotes_received(),
            winner: self.winner().map(|w| w.provider),
            winner_name: self.winner().and_then(|w| w.provider_name.clone()),
            scores: self.evaluation.as_ref().map(Evaluation::scores),
        }
    }

    /// How many quotes the project got ([`Project::received_quotes`]) once bidding has closed: a
    /// count, no price nor provider, and none while bidding is open.
    pub fn quotes_received(&self) -> Option<u32> {
        let closed =
            !matches!(self.state, ProjectState::Draft | ProjectState::Published | ProjectState::Cancelled);
        closed.then(|| u32::try_from(self.received_quotes().count()).unwrap_or(u32::MAX))
    }

    /// The quotes the project got: one per provider, a replacement standing for the quote it
    /// replaced, withdrawn ones left out (sealed like every quote: callers decide who sees them).
    pub fn received_quotes(&self) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(|q| !matches!(q.status, QuoteStatus::Replaced | QuoteStatus::Withdrawn))
    }
}

/// A project as lists show it (search results, a buyer's projects): the public facts only.
/// The winning price and winner appear once there is a selection, which is public. The facts
/// after `winning_price` feed the statistics; listing items written before they were kept lack
/// them, hence the defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub code: ProjectCode,
    pub buyer: OrganisationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_name: Option<PartyName>,
    pub item: ServiceItemCode,
    pub title: Title,
    pub state: ProjectState,
    pub budget_cap: Money,
    pub method: SelectionMethod,
    pub publicly_funded: bool,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub winning_price: Option<Money>,
    /// When the selection in force was made.
    #[serde(default)]
    pub selected_at: Option<DateTime<Utc>>,
    /// When the buyer accepted the delivery.
    #[serde(default)]
    pub accepted_at: Option<DateTime<Utc>>,
    /// [`Project::quotes_received`].
    #[serde(default)]
    pub quotes: Option<u32>,
    /// The winning provider of the selection in force.
    #[serde(default)]
    pub winner: Option<OrganisationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner_name: Option<PartyName>,
    /// The evaluation's five scores, as [`Evaluation::scores`] orders them.
    #[serde(default)]
    pub scores: Option<[Score; 5]>,
}
