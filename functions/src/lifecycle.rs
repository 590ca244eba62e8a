//! Acting on projects, the one path every change takes: load the project with whatever time has
//! already decided applied (the close of bidding, stamped at the close instant itself, so the
//! outcome never depends on when someone looks), decide the command by the domain's rules, and
//! save the events with their consequences — credit contributions, notifications, statistics —
//! in one transaction, deciding again if someone else changed the project first.

use crate::error::ApiError;
use crate::market::Market;
use crate::repo::{accounts, keys, notifications, projects, RepoError};
use crate::store::{Condition, Item, StoreError, Write, MAX_WRITES};
use chrono::{DateTime, Datelike, Utc};
use market_domain::credit::CreditContribution;
use market_domain::draw::{Commitment, Secret};
use market_domain::ids::ProjectId;
use market_domain::organisation::OrganisationKind;
use market_domain::project::{
    decide, Actor, Command, Event, EventKind, Project, ProjectState, QuoteStanding, QuoteStatus,
};
use market_domain::ProjectCode;

/// How often a change is decided again after losing a race before giving up with 409: enough
/// for a burst of providers quoting on one project in its last minutes.
const ATTEMPTS: usize = 10;

/// A project as stored and as it is now.
#[derive(Debug, Clone)]
pub struct Current {
    stored: Project,
    /// The project with every time-driven change due by now applied.
    pub project: Project,
    /// Those changes, not yet saved.
    due: Vec<Event>,
}

/// Loads a project with every time-driven change due applied (in memory only).
pub async fn current(market: &Market, id: ProjectId) -> Result<Current, ApiError> {
    let stored = projects::get(market.store.as_ref(), id).await?.ok_or(ApiError::NotFound)?;
    let mut project = stored.clone();
    let mut due = Vec::new();
    if let Some(closes_at) = due_to_close(&project, market.clock.now()) {
        due = close(market, &project, closes_at).await?;
        for event in &due {
            project.apply(event);
        }
    }
    Ok(Current { stored, project, due })
}

/// Closes bidding as of the close instant: the standings of the quoting providers then, the
/// secret committed to at publishing, the selection.
async fn close(market: &Market, p: &Project, at: DateTime<Utc>) -> Result<Vec<Event>, ApiError> {
    let secret = projects::secret(market.store.as_ref(), p.id).await?.ok_or_else(|| {
        tracing::error!(project = %p.id, "a published project has no stored secret");
        ApiError::Internal
    })?;
    let standings = standings(market, p, at).await?;
    decide(Some(p), Command::CloseBidding { secret, standings }, &Actor::SYSTEM, market.context(at)).map_err(
        |v| {
            tracing::error!(project = %p.id, violation = %v, "closing bidding was refused");
            ApiError::Internal
        },
    )
}

/// How each provider with a live quote stands at `at`: in good standing, rated, credit score.
pub async fn standings(
    market: &Market,
    p: &Project,
    at: DateTime<Utc>,
) -> Result<Vec<QuoteStanding>, ApiError> {
    let mut providers: Vec<_> =
        p.quotes.iter().filter(|q| q.status == QuoteStatus::Live).map(|q| q.provider).collect();
    providers.sort();
    providers.dedup();
    let mut standings = Vec::with_capacity(providers.len());
    for provider in providers {
        let store = market.store.as_ref();
        let org = accounts::organisation(store, provider).await?;
        let in_good_standing = match org.as_ref().map(|o| &o.value.kind) {
            Some(OrganisationKind::Provider(profile)) => profile.in_good_standing(at),
            _ => false,
        };
        let record = accounts::credit_record(store, provider).await?;
        standings.push(QuoteStanding {
            provider,
            in_good_standing,
            rating: record.rating(),
            credit_score: record.score(),
        });
    }
    Ok(standings)
}

/// Saves whatever time has decided about the project, if anything, and returns it as it is
/// now. Reads call this, so a project is closed when first looked at after its close instant
/// even if the scheduler is late.
pub async fn settle(market: &Market, id: ProjectId) -> Result<Project, ApiError> {
    for _ in 0..ATTEMPTS {
        let current = current(market, id).await?;
        if current.due.is_empty() {
            return Ok(current.project);
        }
        match save(market, &current, &current.project, &current.due, Vec::new()).await {
            Ok(()) => return Ok(current.project),
            Err(RepoError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Conflict)
}

/// Decides the command `build` makes of the project as it is now, by `actor`, and saves it with
/// `extra` writes. `build` may be called again after a lost race, with the newer project.
pub async fn act(
    market: &Market,
    id: ProjectId,
    actor: &Actor,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Result<Project, ApiError> {
    let first = current(market, id).await?;
    act_from(market, first, actor, build).await
}

/// [`act`] on a project the caller has already loaded (to look up what the command needs).
pub async fn act_from(
    market: &Market,
    mut current: Current,
    actor: &Actor,
    build: impl Fn(&Project) -> Result<(Command, Vec<Write>), ApiError>,
) -> Result<Project, ApiError> {
    for attempt in 1..=ATTEMPTS {
        let (command, extra) = build(&current.project)?;
        let ctx = market.context(market.clock.now());
        let events = decide(Some(&current.project), command, actor, ctx)?;
        let mut after = current.project.clone();
        for event in &events {
            after.apply(event);
        }
        let all: Vec<Event> = current.due.iter().chain(&events).cloned().collect();
        match save(market, &current, &after, &all, extra).await {
            Ok(()) => return Ok(after),
            Err(RepoError::Conflict) if attempt < ATTEMPTS => {
                back_off(attempt).await;
                current = self::current(market, current.stored.id).await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Conflict)
}

async fn save(
    market: &Market,
    current: &Current,
    after: &Project,
    events: &[Event],
    mut extra: Vec<Write>,
) -> Result<(), RepoError> {
    let store = market.store.as_ref();
    extra.extend(credit_contributions(after, events));
    let notes = notifications::for_events(after, events);
    let everything: Vec<Write> = extra.iter().chain(&notes).cloned().collect();
    match projects::save_with(store, Some(&current.stored), after, events, everything).await {
        // More writes than one transaction holds: a close with many quotes tells every quoting
        // provider. The change is saved first, whole; then the notifications, in batches of
        // their own — a lost notification must never keep a project from closing.
        Err(RepoError::Store(StoreError::InvalidBatch(_))) if !notes.is_empty() => {
            projects::save_with(store, Some(&current.stored), after, events, extra).await?;
            for batch in notes.chunks(MAX_WRITES) {
                if let Err(e) = store.write(batch.to_vec()).await {
                    tracing::error!(project = %after.id, error = %e, "notifications not written");
                }
            }
            Ok(())
        }
        other => other,
    }
}

/// The credit contributions that events earn the provider concerned (in the same transaction).
fn credit_contributions(after: &Project, events: &[Event]) -> Vec<Write> {
    let mut writes = Vec::new();
    let winner = after.winner().map(|w| w.provider);
    for event in events {
        let contribution = match &event.kind {
            EventKind::Evaluated { evaluation } => {
                winner.map(|w| (w, evaluation.contribution(after.id, event.at)))
            }
            EventKind::DeliverySubmitted { delivery } if delivery.overdue_days > 0 => {
                winner.map(|w| (w, CreditContribution::overdue(after.id, delivery.overdue_days, event.at)))
            }
            EventKind::ObjectionUpheld { disqualified: Some(quote), .. } => after
                .quote(*quote)
                .map(|q| (q.provider, CreditContribution::upheld_objection(after.id, event.at))),
            _ => None,
        };
        if let Some((provider, contribution)) = contribution {
            writes.push(accounts::credit_contribution_write(provider, &contribution));
        }
    }
    writes
}

/// A short random pause before deciding again after a lost race, so that racing requests spread
/// out instead of colliding again in step: up to 4 ms after the first loss, doubling to 64 ms.
async fn back_off(attempt: usize) {
    let ceiling_ms = 2u128 << attempt.min(5);
    let pause = uuid::Uuid::new_v4().as_u128() % ceiling_ms;
    tokio::time::sleep(std::time::Duration::from_millis(u64::try_from(pause).unwrap_or(0))).await;
}

/// Creates a draft: the project's code is the next of the year's sequence, taken in the same
/// transaction (two drafts racing for one number: one decides again with the next).
pub async fn create(
    market: &Market,
    actor: &Actor,
    build: impl Fn(ProjectId, ProjectCode) -> Result<Command, ApiError>,
) -> Result<Project, ApiError> {
    let id = ProjectId(uuid::Uuid::new_v4());
    for attempt in 1..=ATTEMPTS {
        let now = market.clock.now();
        let year = market_domain::shanghai_date(now).year();
        let sequence_key = keys::project_sequence(year);
        let stored = market.store.get(&sequence_key).await.map_err(RepoError::from)?;
        let (next, condition) = match &stored {
            Some(item) => (item.data["last"].as_u64().unwrap_or(0) + 1, Condition::VersionIs(item.version)),
            None => (1, Condition::NotExists),
        };
        let code = u16::try_from(year)
            .ok()
            .zip(u32::try_from(next).ok())
            .and_then(|(y, n)| ProjectCode::new(y, n).ok())
            .ok_or(ApiError::Internal)?;
        let events = decide(None, build(id, code)?, actor, market.context(now))?;
        let project = Project::from_events(&events).ok_or(ApiError::Internal)?;
        let mut item = Item::new(sequence_key, serde_json::json!({ "last": next }));
        item.version = stored.map_or(1, |s| s.version + 1);
        let writes = vec![Write::Put { item, condition }];
        match projects::save_with(market.store.as_ref(), None, &project, &events, writes).await {
            Ok(()) => return Ok(project),
            Err(RepoError::Conflict) => back_off(attempt).await,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Conflict)
}

/// A fresh secret for a project's draw, from the operating system, with its commitment and the
/// write that keeps it until selection.
pub fn new_secret(id: ProjectId) -> (Secret, Commitment, Write) {
    let secret = Secret::from_bytes(crate::auth::random_bytes());
    let commitment = Commitment::of(&secret);
    let write = projects::keep_secret(id, &secret);
    (secret, commitment, write)
}

/// Closes every project whose bid window has ended by now — the scheduler's work, which reads
/// would otherwise do lazily. Returns how many it closed.
pub async fn close_due(market: &Market) -> Result<usize, ApiError> {
    let now = market.clock.now();
    let mut closed = 0;
    let mut cursor = None;
    loop {
        let page = projects::open_closing_by(market.store.as_ref(), now, cursor, 100).await?;
        for entry in &page.items {
            match settle(market, entry.id).await {
                Ok(_) => closed += 1,
                Err(e) => {
                    tracing::error!(project = %entry.id, error = %e, "closing failed; retried next run")
                }
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(closed),
        }
    }
}

/// The close instant of a project whose bid window has ended by `now` but which is still stored
/// as open — one that reading or acting on will close first.
pub fn due_to_close(p: &Project, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    match (p.state, p.closes_at) {
        (ProjectState::Published, Some(closes_at)) if now >= closes_at => Some(closes_at),
        _ => None,
    }
}
