//! `decide`: the one place where a command meets the rules. It reads the project, the command,
//! who acts and when, and answers with events or the rule that forbids it.

use super::model::*;
use super::state::{ProjectState, Role};
use super::violation::RuleViolation;
use crate::calendar::{shanghai_date, CalendarError, WorkingCalendar};
use crate::catalogue::{FeeBasis, ServiceItem, WorkingDays};
use crate::draw::{Commitment, Secret};
use crate::ids::{OrganisationId, ProjectId, QuoteId};
use crate::money::Money;
use crate::organisation::{Organisation, OrganisationKind, ProviderProfile, ProviderStatus};
use crate::selection::{EligibleQuote, SelectionMethod, SelectionRecord};
use crate::text::{Description, ProjectCode};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// What a decision needs besides the project and the command: the time and the calendar.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub now: DateTime<Utc>,
    pub calendar: &'a WorkingCalendar,
}

/// How a quoting provider stands when bidding closes, as the functions look it up: whether it
/// may still take part, and the rating and credit that best-value selection weighs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteStanding {
    pub provider: OrganisationId,
    pub in_good_standing: bool,
    /// Mean rating × 100 (100–500), `None` if never rated.
    pub rating: Option<u16>,
    pub credit_score: i32,
}

/// Everything that can be asked of a project. Facts the rules need (the catalogue item, the
/// buyer's or provider's registration, the draw's secret) travel with the command, looked up by
/// the functions, so the decision itself stays pure.
#[derive(Clone, Debug)]
pub enum Command {
    CreateDraft {
        id: ProjectId,
        code: ProjectCode,
        terms: ProjectTerms,
        item: ServiceItem,
        buyer: Organisation,
    },
    EditDraft {
        terms: ProjectTerms,
        item: ServiceItem,
        buyer: Organisation,
    },
    /// Publishing commits to the draw's secret, kept by the functions until selection.
    Publish {
        commitment: Commitment,
        item: ServiceItem,
    },
    Cancel {
        reason: Description,
    },
    SubmitQuote {
        quote: QuoteId,
        price: Money,
        promised_days: WorkingDays,
        provider: Organisation,
    },
    WithdrawQuote {
        quote: QuoteId,
    },
    AskQuestion {
        question: Uuid,
        text: Description,
    },
    AnswerQuestion {
        question: Uuid,
        answer: Description,
    },
    /// At the close instant: settles eligibility and, unless the buyer chooses directly,
    /// selects with the revealed secret.
    CloseBidding {
        secret: Secret,
        standings: Vec<QuoteStanding>,
    },
    ChooseDirectly {
        quote: QuoteId,
        secret: Secret,
    },
    FileObjection {
        objection: Uuid,
        reason: Description,
    },
    RejectObjection {
        objection: Uuid,
        reason: Description,
    },
    UpholdObjection {
        objection: Uuid,
        reason: Description,
        disqualify: Option<QuoteId>,
    },
    ProposeContract {
        price: Money,
    },
    SignContract,
    StartService,
    SubmitDelivery {
        summary: Description,
    },
    AcceptDelivery,
    ReturnDelivery {
        reason: Description,
    },
    Evaluate {
        evaluation: Evaluation,
    },
}

/// Checks `command` against every rule. `project` is `None` only for `CreateDraft`.
pub fn decide(
    project: Option<&Project>,
    command: Command,
    actor: &Actor,
    ctx: Context<'_>,
) -> Result<Vec<Event>, RuleViolation> {
    let kinds = match (project, command) {
        (None, Command::CreateDraft { id, code, terms, item, buyer }) => {
            let buyer_id = buyer_acting(actor, &buyer)?;
            check_terms(&terms, &item, &buyer)?;
            let buyer_name = Some(buyer.name);
            vec![EventKind::DraftCreated { id, code, buyer: buyer_id, buyer_name, terms }]
        }
        (None, _) => return Err(RuleViolation::WrongState { state: ProjectState::Draft }),
        (Some(_), Command::CreateDraft { .. }) => {
            return Err(RuleViolation::WrongState { state: project.expect("matched Some").state })
        }
        (Some(p), command) => decide_on(p, command, actor, ctx)?,
    };
    Ok(kinds.into_iter().map(|kind| Event { at: ctx.now, actor: *actor, kind }).collect())
}

fn decide_on(
    p: &Project,
    command: Command,
    actor: &Actor,
    ctx: Context<'_>,
) -> Result<Vec<EventKind>, RuleViolation> {
    let now = ctx.now;
    Ok(match command {
        Command::CreateDraft { .. } => unreachable!("handled by decide"),
        Command::EditDraft { terms, item, buyer } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Draft])?;
            if buyer.id != p.buyer {
                return Err(RuleViolation::NotTheBuyer);
            }
            check_terms(&terms, &item, &buyer)?;
            vec![EventKind::DraftEdited { terms }]
        }
        Command::Publish { commitment, item } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Draft])?;
            if item.code != p.terms.item {
                return Err(RuleViolation::ItemMismatch);
            }
            check_item_terms(&p.terms, &item)?;
            let closes_at = add_days(ctx, now, p.terms.bid_window.get())?;
            vec![EventKind::Published { commitment, closes_at }]
        }
        Command::Cancel { reason } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Draft, ProjectState::Published])?;
            if let Some(closes_at) = p.closes_at.filter(|c| now >= *c) {
                return Err(RuleViolation::BiddingClosed(closes_at));
            }
            vec![EventKind::Cancelled { reason }]
        }
        Command::SubmitQuote { quote, price, promised_days, provider } => {
            let provider_id = provider_acting(actor, &provider)?;
            require_bidding_open(p, now)?;
            if p.quote(quote).is_some() {
                return Err(RuleViolation::DuplicateQuoteId);
            }
            check_provider_may_quote(p, &provider, ctx)?;
            check_quote_terms(p, price, promised_days)?;
            let replaces = p.live_quote_of(provider_id).map(|q| q.id);
            let quote = Quote {
                id: quote,
                provider: provider_id,
                provider_name: Some(provider.name.clone()),
                price,
                promised_days,
                submitted_at: now,
                status: QuoteStatus::Live,
            };
            vec![EventKind::QuoteSubmitted { quote, replaces }]
        }
        Command::WithdrawQuote { quote } => {
            let provider = provider_org(actor)?;
            require_bidding_open(p, now)?;
            match p.quote(quote) {
                Some(q) if q.provider == provider && q.status == QuoteStatus::Live => {}
                _ => return Err(RuleViolation::NoSuchLiveQuote),
            }
            vec![EventKind::QuoteWithdrawn { quote }]
        }
        Command::AskQuestion { question, text } => {
            let asker = provider_org(actor)?;
            require_bidding_open(p, now)?;
            let question = ClarificationQuestion {
                id: question,
                asked_by: asker,
                question: text,
                asked_at: now,
                answer: None,
            };
            vec![EventKind::QuestionAsked { question }]
        }
        Command::AnswerQuestion { question, answer } => {
            require_buyer(p, actor)?;
            require_bidding_open(p, now)?;
            let q = p.questions.iter().find(|q| q.id == question).ok_or(RuleViolation::NoSuchQuestion)?;
            if q.answer.is_some() {
                return Err(RuleViolation::AlreadyAnswered);
            }
            vec![EventKind::QuestionAnswered { question, answer }]
        }
        Command::CloseBidding { secret, standings } => {
            require_role(actor, &[Role::System])?;
            require_state(p, &[ProjectState::Published])?;
            let closes_at = p.closes_at.expect("a published project has a close instant");
            if now < closes_at {
                return Err(RuleViolation::BiddingStillOpen(closes_at));
            }
            check_secret(p, &secret)?;
            close_and_select(p, ctx, &secret, &standings)?
        }
        Command::ChooseDirectly { quote, secret } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::BiddingClosed])?;
            if !matches!(p.terms.method, SelectionMethod::DirectChoice) {
                return Err(RuleViolation::NotDirectChoice);
            }
            check_secret(p, &secret)?;
            let eligible = last_eligible(p);
            if !eligible.iter().any(|q| q.quote_id == quote) {
                return Err(RuleViolation::NotAnEligibleQuote);
            }
            vec![select(p, ctx, &secret, eligible, Some(quote))?]
        }
        Command::FileObjection { objection, reason } => {
            let provider = provider_org(actor)?;
            require_state(p, &[ProjectState::Selected])?;
            require_publicity_running(p, now)?;
            if !p.quotes.iter().any(|q| q.provider == provider) {
                return Err(RuleViolation::NotAQuotingProvider);
            }
            let objection = Objection {
                id: objection,
                filed_by: provider,
                reason,
                filed_at: now,
                status: ObjectionStatus::Pending,
            };
            vec![EventKind::ObjectionFiled { objection }]
        }
        Command::RejectObjection { objection, reason } => {
            require_role(actor, &[Role::Supervisor])?;
            require_pending_objection(p, objection)?;
            vec![EventKind::ObjectionRejected { objection, reason }]
        }
        Command::UpholdObjection { objection, reason, disqualify } => {
            require_role(actor, &[Role::Supervisor])?;
            require_state(p, &[ProjectState::Selected])?;
            require_pending_objection(p, objection)?;
            let record = p.selection.as_ref().expect("a selected project has a selection");
            let remaining: Vec<EligibleQuote> =
                record.quotes.iter().filter(|q| Some(q.quote_id) != disqualify).cloned().collect();
            let mut kinds = vec![EventKind::ObjectionUpheld { objection, reason, disqualified: disqualify }];
            kinds.push(select_or_fail(p, ctx, &record.secret, remaining)?);
            kinds
        }
        Command::ProposeContract { price } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Selected])?;
            let ends = p.publicity_ends_at.expect("a selected project has a publicity period");
            if now < ends {
                return Err(RuleViolation::PublicityNotOver(ends));
            }
            if p.has_pending_objection() {
                return Err(RuleViolation::ObjectionPending);
            }
            if p.contract.as_ref().is_some_and(|c| Some(c.quote) == p.winner().map(|w| w.id)) {
                return Err(RuleViolation::ContractAlreadyProposed);
            }
            let winner = p.winner().expect("a selected project has a winner");
            if !price.is_positive() {
                return Err(RuleViolation::PriceNotPositive);
            }
            if price > winner.price {
                return Err(RuleViolation::ContractPriceAboveQuote { price, quote: winner.price });
            }
            let contract = Contract {
                quote: winner.id,
                provider: winner.provider,
                provider_name: winner.provider_name.clone(),
                price,
                service_days: winner.promised_days,
                proposed_at: now,
                signed_at: None,
                deadline: None,
            };
            vec![EventKind::ContractProposed { contract }]
        }
        Command::SignContract => {
            require_selected_provider(p, actor)?;
            require_state(p, &[ProjectState::Selected])?;
            let contract = p
                .contract
                .as_ref()
                .filter(|c| Some(c.quote) == p.winner().map(|w| w.id))
                .ok_or(RuleViolation::NoContractProposed)?;
            let deadline = add_days(ctx, now, contract.service_days.get())?;
            vec![EventKind::ContractSigned { signed_at: now, deadline }]
        }
        Command::StartService => {
            require_selected_provider(p, actor)?;
            require_state(p, &[ProjectState::Contracted])?;
            vec![EventKind::ServiceStarted]
        }
        Command::SubmitDelivery { summary } => {
            require_selected_provider(p, actor)?;
            require_state(p, &[ProjectState::InService])?;
            let deadline =
                p.contract.as_ref().and_then(|c| c.deadline).expect("a signed contract has a deadline");
            let overdue_days = if now > deadline {
                ctx.calendar.working_days_between(deadline, now).map_err(calendar_error)?.max(1)
            } else {
                0
            };
            let delivery =
                Delivery { summary, submitted_at: now, overdue_days, status: DeliveryStatus::Submitted };
            vec![EventKind::DeliverySubmitted { delivery }]
        }
        Command::AcceptDelivery => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Delivered])?;
            vec![EventKind::DeliveryAccepted]
        }
        Command::ReturnDelivery { reason } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Delivered])?;
            vec![EventKind::DeliveryReturned { reason }]
        }
        Command::Evaluate { evaluation } => {
            require_buyer(p, actor)?;
            require_state(p, &[ProjectState::Accepted])?;
            vec![EventKind::Evaluated { evaluation }]
        }
    })
}

// --- posting ------------------------------------------------------------------------------------

/// The buyer acting must be the organisation posting, of a kind that posts.
fn buyer_acting(actor: &Actor, buyer: &Organisation) -> Result<OrganisationId, RuleViolation> {
    require_role(actor, &[Role::Enterprise, Role::Department])?;
    if actor.organisation != Some(buyer.id) {
        return Err(RuleViolation::NotTheBuyer);
    }
    Ok(buyer.id)
}

fn check_terms(terms: &ProjectTerms, item: &ServiceItem, buyer: &Organisation) -> Result<(), RuleViolation> {
    if item.code != terms.item {
        return Err(RuleViolation::ItemMismatch);
    }
    check_item_terms(terms, item)?;
    match (&buyer.kind, &terms.funding) {
        (OrganisationKind::Enterprise, Funding::Enterprise) => {}
        (OrganisationKind::Department { budget_lines }, Funding::Department { budget_line }) => {
            if !budget_lines.contains(budget_line) {
                return Err(RuleViolation::UnknownBudgetLine);
            }
            if matches!(terms.method, SelectionMethod::DirectChoice) {
                return Err(RuleViolation::DirectChoiceForPublicFunds);
            }
        }
        _ => return Err(RuleViolation::FundingMismatch),
    }
    Ok(())
}

/// The rules that tie the terms to the catalogue item; checked when drafting and again when
/// publishing, since the catalogue may have changed in between.
fn check_item_terms(terms: &ProjectTerms, item: &ServiceItem) -> Result<(), RuleViolation> {
    if !item.active {
        return Err(RuleViolation::ItemInactive(item.code.clone()));
    }
    if !terms.budget_cap.is_positive() {
        return Err(RuleViolation::BudgetNotPositive);
    }
    if let (FeeBasis::GovernmentSet, Some(fee)) = (item.fee_basis, item.fee_cap) {
        if terms.budget_cap > fee {
            return Err(RuleViolation::BudgetAboveGovernmentFee { cap: terms.budget_cap, fee });
        }
    }
    if terms.service_days > item.time_limit {
        return Err(RuleViolation::ServiceDaysBeyondStatutoryLimit {
            requested: terms.service_days,
            limit: item.time_limit,
        });
    }
    for requirement in &terms.requirements {
        match requirement {
            Requirement::Qualification(q) if item.allowed_qualifications.contains(q) => {}
            Requirement::Qualification(q) => return Err(RuleViolation::QualificationNotAllowed(q.clone())),
            Requirement::Region(r) => return Err(RuleViolation::RegionalRestriction(r.clone())),
            Requirement::LocalOffice(r) => return Err(RuleViolation::LocalOfficeRequired(r.clone())),
            Requirement::ProviderCap(n) => return Err(RuleViolation::ProviderCap(*n)),
            Requirement::Other(r) => return Err(RuleViolation::UnlawfulRequirement(r.clone())),
        }
    }
    if terms.bid_window.get() < MIN_BID_WINDOW_DAYS {
        return Err(RuleViolation::BidWindowTooShort { minimum: MIN_BID_WINDOW_DAYS });
    }
    Ok(())
}

// --- quoting ------------------------------------------------------------------------------------

fn provider_acting(actor: &Actor, provider: &Organisation) -> Result<OrganisationId, RuleViolation> {
    let id = provider_org(actor)?;
    if id != provider.id {
        return Err(RuleViolation::RoleNotAllowed { role: actor.role });
    }
    Ok(id)
}

fn provider_org(actor: &Actor) -> Result<OrganisationId, RuleViolation> {
    require_role(actor, &[Role::Provider])?;
    actor.organisation.ok_or(RuleViolation::RoleNotAllowed { role: actor.role })
}

/// Quotes, withdrawals and questions are heard only while bidding is open.
pub fn require_bidding_open(p: &Project, now: DateTime<Utc>) -> Result<(), RuleViolation> {
    require_state(p, &[ProjectState::Published])?;
    let closes_at = p.closes_at.expect("a published project has a close instant");
    if now >= closes_at {
        return Err(RuleViolation::BiddingClosed(closes_at));
    }
    Ok(())
}

/// Why a provider may quote on no need at all at `now` (awaiting review, rejected, suspended,
/// blacklisted): what its list of needs says once, rather than on every need. Empty when it
/// is in good standing.
pub fn reasons_provider_may_not_quote_at_all(
    profile: &ProviderProfile,
    now: DateTime<Utc>,
) -> Vec<RuleViolation> {
    let mut reasons = Vec::new();
    if profile.status != ProviderStatus::Approved {
        reasons.push(RuleViolation::ProviderNotApproved);
    }
    if let Some(blacklisting) = profile.blacklisted_at(now) {
        reasons.push(RuleViolation::ProviderBlacklisted(blacklisting.until));
    }
    reasons
}

/// Every reason why `provider` may not quote on `project` now — all of them, so a provider can
/// be told the whole story at once. Empty when it may.
pub fn reasons_provider_may_not_quote(
    project: &Project,
    provider: &Organisation,
    ctx: Context<'_>,
) -> Vec<RuleViolation> {
    let OrganisationKind::Provider(profile) = &provider.kind else {
        return vec![RuleViolation::RoleNotAllowed { role: Role::Enterprise }];
    };
    let mut reasons = reasons_provider_may_not_quote_at_all(profile, ctx.now);
    if !profile.serves(&project.terms.item) {
        reasons.push(RuleViolation::ItemNotServed(project.terms.item.clone()));
    }
    reasons.extend(qualification_gaps(project, profile, ctx));
    if profile.affiliations.contains(&project.buyer) {
        reasons.push(RuleViolation::AffiliatedWithBuyer);
    }
    reasons
}

fn check_provider_may_quote(
    p: &Project,
    provider: &Organisation,
    ctx: Context<'_>,
) -> Result<(), RuleViolation> {
    match reasons_provider_may_not_quote(p, provider, ctx).into_iter().next() {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

/// Each required qualification must be held and valid from today through the latest day the
/// service could end: the close, the publicity period and the service time, in working days.
fn qualification_gaps(p: &Project, profile: &ProviderProfile, ctx: Context<'_>) -> Vec<RuleViolation> {
    let today = shanghai_date(ctx.now);
    let latest_end = p
        .closes_at
        .and_then(|close| {
            let days = PUBLICITY_WORKING_DAYS + p.terms.service_days.get();
            ctx.calendar.add_working_days(close, days).ok()
        })
        .map(shanghai_date);
    p.terms
        .required_qualifications()
        .filter_map(|required| {
            let held: Vec<_> =
                profile.qualifications.iter().filter(|q| q.qualification_type() == required).collect();
            if held.is_empty() || !held.iter().any(|q| q.is_valid_on(today)) {
                return Some(RuleViolation::MissingQualification(required.clone()));
            }
            let until = latest_end.unwrap_or(today);
            if !held.iter().any(|q| q.covers(today, until)) {
                return Some(RuleViolation::QualificationExpiresTooSoon(required.clone()));
            }
            None
        })
        .collect()
}

fn check_quote_terms(p: &Project, price: Money, promised_days: WorkingDays) -> Result<(), RuleViolation> {
    if !price.is_positive() {
        return Err(RuleViolation::PriceNotPositive);
    }
    if price > p.terms.budget_cap {
        return Err(RuleViolation::PriceAboveBudget { price, cap: p.terms.budget_cap });
    }
    if promised_days > p.terms.service_days {
        return Err(RuleViolation::PromisedDaysBeyondLimit {
            promised: promised_days,
            limit: p.terms.service_days,
        });
    }
    Ok(())
}

// --- selection ----------------------------------------------------------------------------------

fn check_secret(p: &Project, secret: &Secret) -> Result<(), RuleViolation> {
    match &p.commitment {
        Some(c) if *c == Commitment::of(secret) => Ok(()),
        _ => Err(RuleViolation::SecretMismatch),
    }
}

/// Closing: the live quotes of providers still in good standing are eligible; the others are
/// excluded with the reason. Then the project fails, waits for the buyer's direct choice, or
/// selects.
fn close_and_select(
    p: &Project,
    ctx: Context<'_>,
    secret: &Secret,
    standings: &[QuoteStanding],
) -> Result<Vec<EventKind>, RuleViolation> {
    let mut eligible = Vec::new();
    let mut excluded = Vec::new();
    for q in p.quotes.iter().filter(|q| q.status == QuoteStatus::Live) {
        match standings.iter().find(|s| s.provider == q.provider) {
            Some(s) if s.in_good_standing => eligible.push(EligibleQuote {
                quote_id: q.id,
                provider_id: q.provider,
                price: q.price,
                promised_days: q.promised_days,
                rating: s.rating,
                credit_score: s.credit_score,
            }),
            Some(_) => excluded.push((q.id, "provider not in good standing at close".to_owned())),
            None => excluded.push((q.id, "provider standing unknown at close".to_owned())),
        }
    }
    let mut kinds = vec![EventKind::BiddingClosed { eligible: eligible.clone(), excluded }];
    if eligible.len() < p.terms.minimum_quotes() {
        kinds.push(EventKind::Failed { eligible: eligible.len(), required: p.terms.minimum_quotes() });
    } else if !matches!(p.terms.method, SelectionMethod::DirectChoice) {
        kinds.push(select(p, ctx, secret, eligible, None)?);
    }
    Ok(kinds)
}

/// The quotes eligible at close, less any disqualified since.
fn last_eligible(p: &Project) -> Vec<EligibleQuote> {
    p.eligible
        .iter()
        .filter(|e| p.quote(e.quote_id).is_some_and(|q| q.status != QuoteStatus::Disqualified))
        .cloned()
        .collect()
}

/// Re-selection after an upheld objection: fails if too few quotes remain.
fn select_or_fail(
    p: &Project,
    ctx: Context<'_>,
    secret: &Secret,
    remaining: Vec<EligibleQuote>,
) -> Result<EventKind, RuleViolation> {
    if remaining.len() < p.terms.minimum_quotes() || remaining.is_empty() {
        return Ok(EventKind::Failed { eligible: remaining.len(), required: p.terms.minimum_quotes() });
    }
    let direct = match p.terms.method {
        // A buyer's direct choice cannot be redone for them: with the choice disqualified,
        // the project fails rather than choosing someone the buyer never chose.
        SelectionMethod::DirectChoice => {
            let chosen = p.selection.as_ref().and_then(|s| s.direct_choice);
            match chosen.filter(|c| remaining.iter().any(|q| q.quote_id == *c)) {
                Some(c) => Some(c),
                None => return Ok(EventKind::Failed { eligible: remaining.len(), required: 1 }),
            }
        }
        _ => None,
    };
    select(p, ctx, secret, remaining, direct)
}

pub(super) fn select(
    p: &Project,
    ctx: Context<'_>,
    secret: &Secret,
    quotes: Vec<EligibleQuote>,
    direct_choice: Option<QuoteId>,
) -> Result<EventKind, RuleViolation> {
    let commitment = p.commitment.expect("a published project has a commitment");
    let record = SelectionRecord::new(
        &p.code.to_string(),
        p.terms.method,
        commitment,
        secret.clone(),
        quotes,
        direct_choice,
    )
    .map_err(|e| RuleViolation::SelectionFailed(Box::new(e)))?;
    let publicity_ends_at = add_days(ctx, ctx.now, PUBLICITY_WORKING_DAYS)?;
    Ok(EventKind::Selected { record: Box::new(record), publicity_ends_at })
}

// --- publicity, contract -------------------------------------------------------------------------

fn require_publicity_running(p: &Project, now: DateTime<Utc>) -> Result<(), RuleViolation> {
    let ends = p.publicity_ends_at.expect("a selected project has a publicity period");
    if now >= ends {
        return Err(RuleViolation::PublicityOver(ends));
    }
    Ok(())
}

fn require_pending_objection(p: &Project, id: Uuid) -> Result<(), RuleViolation> {
    if p.objections.iter().any(|o| o.id == id && o.status == ObjectionStatus::Pending) {
        Ok(())
    } else {
        Err(RuleViolation::NoSuchPendingObjection)
    }
}

// --- who and when -------------------------------------------------------------------------------

fn require_role(actor: &Actor, roles: &[Role]) -> Result<(), RuleViolation> {
    if roles.contains(&actor.role) {
        Ok(())
    } else {
        Err(RuleViolation::RoleNotAllowed { role: actor.role })
    }
}

fn require_buyer(p: &Project, actor: &Actor) -> Result<(), RuleViolation> {
    require_role(actor, &[Role::Enterprise, Role::Department])?;
    if actor.organisation != Some(p.buyer) {
        return Err(RuleViolation::NotTheBuyer);
    }
    Ok(())
}

fn require_selected_provider(p: &Project, actor: &Actor) -> Result<(), RuleViolation> {
    require_role(actor, &[Role::Provider])?;
    match p.winner() {
        Some(w) if actor.organisation == Some(w.provider) => Ok(()),
        _ => Err(RuleViolation::NotTheSelectedProvider),
    }
}

fn require_state(p: &Project, allowed: &[ProjectState]) -> Result<(), RuleViolation> {
    if allowed.contains(&p.state) {
        Ok(())
    } else {
        Err(RuleViolation::WrongState { state: p.state })
    }
}

fn add_days(ctx: Context<'_>, from: DateTime<Utc>, days: u16) -> Result<DateTime<Utc>, RuleViolation> {
    ctx.calendar.add_working_days(from, days).map_err(calendar_error)
}

fn calendar_error(e: CalendarError) -> RuleViolation {
    RuleViolation::Calendar(e)
}
