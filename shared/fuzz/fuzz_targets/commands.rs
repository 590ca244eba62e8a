//! Commands against a project, as the API brings them: JSON request bodies read into forms,
//! parsed, turned into commands and decided against a draft project (a fixed enterprise's, for
//! a fixed catalogue item, three qualified providers standing by).
//!
//! The input is text, one step per line: an actor letter, a command letter, then the command's
//! JSON body (its request form), e.g. `eP{}` (the enterprise publishes) or
//! `pQ{"price":"9,000","promised_days":20}` (provider p quotes). `+` and a number of hours moves
//! the clock on (`+96`). Quote ids are `Uuid::from_u128(1000 + n)` for the n-th quote
//! submitted (from 0), question and objection ids likewise from 2000 and 3000.
//!
//! Properties: deciding never panics; an accepted command yields events at the present instant
//! by the actor; the project folded from them equals the project rebuilt from its whole event
//! log, survives a JSON round trip (as stored), and keeps the invariants the rules rely on
//! (a published project has a close instant, a selected one a winner and a publicity period, a
//! contracted one a signed contract with a deadline). Every refusal explains itself.
#![no_main]

use chrono::{DateTime, Duration, Utc};
use libfuzzer_sys::fuzz_target;
use market_domain::api::*;
use market_domain::catalogue::ServiceItem;
use market_domain::draw::{Commitment, Secret};
use market_domain::fixtures::{
    buyer_actor, context, department, enterprise, item, monday, provider, provider_actor, provider_with,
    secret, supervisor, terms, DEPARTMENT, ENTERPRISE,
};
use market_domain::ids::{OrganisationId, ProjectId, QuoteId};
use market_domain::organisation::Organisation;
use market_domain::project::*;
use market_domain::text::ProjectCode;
use market_domain::{Explain, Locale};
use serde::de::DeserializeOwned;
use serde_json::json;
use uuid::Uuid;

const PROVIDERS: [u128; 3] = [11, 12, 13];
/// A provider whose qualification has expired.
const LAPSED: u128 = 14;

fuzz_target!(|input: &str| {
    let fixture = Fixture::new();
    let mut now = monday();
    let mut events = vec![fixture.created.clone()];
    let mut project = Project::created(&fixture.created).expect("the fixture creates");
    let mut counters = [0u128; 3];
    // FUZZ_TRACE=1 prints each step's verdict: for reading a crash artifact or a seed.
    let trace = std::env::var_os("FUZZ_TRACE").is_some();
    for line in input.lines().take(64) {
        if let Some(hours) = line.strip_prefix('+') {
            if let Ok(hours) = hours.trim().parse::<u16>() {
                now += Duration::hours(i64::from(hours));
            }
            continue;
        }
        let mut chars = line.chars();
        let (Some(who), Some(what)) = (chars.next(), chars.next()) else { continue };
        let body = chars.as_str();
        let Some((actor, organisation)) = fixture.actor(who) else { continue };
        let Some(command) = fixture.command(what, body, &project, organisation, &mut counters) else {
            continue;
        };
        let ctx = context(now);
        if let Command::CreateDraft { .. } = command {
            // A new draft from the form, decided on its own; never on an existing project.
            check_outcome(decide(None, command.clone(), &actor, ctx), now, &actor);
            assert!(decide(Some(&project), command, &actor, ctx).is_err());
            continue;
        }
        let outcome = decide(Some(&project), command, &actor, ctx);
        if trace {
            eprintln!("{line:.60} -> {:?}", outcome.as_ref().map(|events| events.len()));
        }
        let Some(new) = check_outcome(outcome, now, &actor) else { continue };
        for event in &new {
            project.apply(event);
        }
        events.extend(new);
        check_invariants(&project);
    }
    if trace {
        eprintln!("final state: {:?} after {} events", project.state, events.len());
    }
    check_log(&project, &events);
});

/// The events of an accepted command, checked; `None` for a refusal that explains itself.
fn check_outcome(
    outcome: Result<Vec<Event>, RuleViolation>,
    now: DateTime<Utc>,
    actor: &Actor,
) -> Option<Vec<Event>> {
    match outcome {
        Ok(events) => {
            assert!(!events.is_empty(), "an accepted command yields events");
            assert!(events.iter().all(|e| e.at == now && e.actor == *actor));
            Some(events)
        }
        Err(violation) => {
            assert!(!violation.explain(Locale::Zh).is_empty());
            assert!(!violation.explain(Locale::En).is_empty());
            None
        }
    }
}

/// The whole log: replayed, it makes the same project, which survives being stored.
fn check_log(project: &Project, events: &[Event]) {
    let rebuilt = Project::from_events(events).expect("the log starts with its creation");
    assert_eq!(&rebuilt, project, "folding event by event and replaying the log agree");
    assert_eq!(project.version, events.len() as u64);
    let stored = serde_json::to_string(project).expect("a project serializes");
    let read: Project = serde_json::from_str(&stored).expect("a stored project reads back");
    assert_eq!(&read, project);
    for event in events {
        let stored = serde_json::to_string(event).expect("an event serializes");
        let read: Event = serde_json::from_str(&stored).expect("a stored event reads back");
        assert_eq!(&read, event);
    }
}

/// What the rules take for granted of a project in each state.
fn check_invariants(project: &Project) {
    use ProjectState::*;
    let state = project.state;
    if !matches!(state, Draft | Cancelled) || project.published_at.is_some() {
        assert!(project.closes_at.is_some(), "{state:?} without a close instant");
        assert!(project.commitment.is_some(), "{state:?} without a commitment");
    }
    if state == Selected {
        assert!(project.winner().is_some(), "selected without a winner");
        assert!(project.publicity_ends_at.is_some(), "selected without a publicity period");
    }
    if matches!(state, Contracted | InService | Delivered | Accepted | Rated) {
        let contract = project.contract.as_ref().expect("a contracted project has a contract");
        assert!(contract.deadline.is_some() && contract.signed_at.is_some());
        assert!(contract.price <= project.winner().expect("a contract has a winner").price);
    }
    if state == Rated {
        assert!(project.evaluation.is_some());
    }
}

struct Fixture {
    item: ServiceItem,
    enterprise: Organisation,
    department: Organisation,
    providers: Vec<Organisation>,
    secret: Secret,
    created: Event,
}

impl Fixture {
    fn new() -> Self {
        let (enterprise, department) = (enterprise(), department());
        let mut providers: Vec<Organisation> = PROVIDERS.iter().map(|&id| provider(id)).collect();
        providers.push(provider_with(LAPSED, json!({ "status": "approved" }), "2025-12-31", vec![]));
        let terms = terms(json!({ "method": "lowest_price" }), json!({ "funding": "enterprise" }));
        let created = Event {
            at: monday() - Duration::hours(1),
            actor: buyer_actor(ENTERPRISE),
            kind: EventKind::DraftCreated {
                id: ProjectId(Uuid::from_u128(500)),
                code: ProjectCode::new(2026, 1).expect("a valid code"),
                buyer: OrganisationId(Uuid::from_u128(ENTERPRISE)),
                buyer_name: None,
                terms,
            },
        };
        Fixture { item: item(), enterprise, department, providers, secret: secret(), created }
    }

    /// The actor a letter names, with their organisation if they have one.
    fn actor(&self, letter: char) -> Option<(Actor, Option<&Organisation>)> {
        Some(match letter {
            'e' => (buyer_actor(ENTERPRISE), Some(&self.enterprise)),
            'd' => (buyer_actor(DEPARTMENT), Some(&self.department)),
            'p' | 'q' | 'r' | 'l' => {
                let index = match letter {
                    'p' => 0,
                    'q' => 1,
                    'r' => 2,
                    _ => 3,
                };
                let provider = &self.providers[index];
                (provider_actor(provider.id.0.as_u128()), Some(provider))
            }
            's' => (supervisor(), None),
            'y' => (Actor::SYSTEM, None),
            _ => return None,
        })
    }

    /// The command a letter names, from its JSON body read as the API reads it; `None` when the
    /// body is not that command's form (the API answers 400 before any rule is asked).
    fn command(
        &self,
        letter: char,
        body: &str,
        project: &Project,
        organisation: Option<&Organisation>,
        counters: &mut [u128; 3],
    ) -> Option<Command> {
        let buyer = || organisation.cloned().unwrap_or_else(|| self.enterprise.clone());
        let next = |counters: &mut [u128; 3], which: usize, base: u128| {
            counters[which] += 1;
            Uuid::from_u128(base + counters[which] - 1)
        };
        Some(match letter {
            'N' => Command::CreateDraft {
                id: ProjectId(Uuid::from_u128(501)),
                code: ProjectCode::new(2026, 2).expect("a valid code"),
                terms: form::<ProjectForm>(body)?.parse().ok()?,
                item: self.item.clone(),
                buyer: buyer(),
            },
            'E' => Command::EditDraft {
                terms: form::<ProjectForm>(body)?.parse().ok()?,
                item: self.item.clone(),
                buyer: buyer(),
            },
            'P' => Command::Publish { commitment: Commitment::of(&self.secret), item: self.item.clone() },
            'X' => Command::Cancel { reason: form::<TextForm>(body)?.parse().ok()? },
            'Q' => {
                let (price, promised_days) = form::<QuoteForm>(body)?.parse().ok()?;
                let provider = organisation.cloned().unwrap_or_else(|| self.providers[0].clone());
                let quote = QuoteId(next(counters, 0, 1000));
                Command::SubmitQuote { quote, price, promised_days, provider }
            }
            'W' => Command::WithdrawQuote { quote: form::<ChoiceForm>(body)?.quote },
            'A' => Command::AskQuestion {
                question: next(counters, 1, 2000),
                text: form::<TextForm>(body)?.parse().ok()?,
            },
            'R' => Command::AnswerQuestion {
                question: project.questions.last().map_or(Uuid::nil(), |q| q.id),
                answer: form::<TextForm>(body)?.parse().ok()?,
            },
            'C' => Command::CloseBidding {
                secret: self.secret.clone(),
                standings: self
                    .providers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| QuoteStanding {
                        provider: p.id,
                        in_good_standing: i != 2 || !body.contains('!'),
                        rating: (i > 0).then_some(300 + 50 * i as u16),
                        credit_score: 100 - 10 * i as i32,
                    })
                    .collect(),
            },
            'D' => Command::ChooseDirectly {
                quote: form::<ChoiceForm>(body)?.quote,
                secret: self.secret.clone(),
            },
            'O' => Command::FileObjection {
                objection: next(counters, 2, 3000),
                reason: form::<TextForm>(body)?.parse().ok()?,
            },
            'J' => Command::RejectObjection {
                objection: project.objections.last().map_or(Uuid::nil(), |o| o.id),
                reason: form::<TextForm>(body)?.parse().ok()?,
            },
            'U' => {
                let (reason, disqualify) = form::<UpholdForm>(body)?.parse().ok()?;
                let objection = project.objections.last().map_or(Uuid::nil(), |o| o.id);
                Command::UpholdObjection { objection, reason, disqualify }
            }
            'K' => Command::ProposeContract { price: form::<ContractForm>(body)?.parse().ok()? },
            'S' => Command::SignContract,
            'T' => Command::StartService,
            'V' => Command::SubmitDelivery { summary: form::<TextForm>(body)?.parse().ok()? },
            'Y' => Command::AcceptDelivery,
            'Z' => Command::ReturnDelivery { reason: form::<TextForm>(body)?.parse().ok()? },
            'G' => Command::Evaluate { evaluation: form::<EvaluationForm>(body)?.parse().ok()? },
            _ => return None,
        })
    }
}

fn form<F: DeserializeOwned>(body: &str) -> Option<F> {
    serde_json::from_str(body).ok()
}
