//! Every key of the single table, in one place: what each partition holds and how its sort keys
//! order it. `docs/data-model.md` is the same list, with the access pattern each key answers.

use crate::auth::sha256_hex;
use crate::store::Key;
use chrono::{DateTime, SecondsFormat, Utc};
use market_domain::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use market_domain::project::ProjectState;
use market_domain::ServiceItemCode;
use uuid::Uuid;

/// Sort keys that order by time: RFC 3339 in UTC with fixed width sorts as text in time order.
pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Below every time-ordered sort key (DynamoDB refuses an empty string as a key value).
pub const EARLIEST: &str = "0";
/// Above every time-ordered sort key.
pub const LATEST: &str = "~";

/// A time-ordered sort key made unique by an id.
pub fn at_then(at: DateTime<Utc>, id: impl std::fmt::Display) -> String {
    format!("{}#{id}", instant(at))
}

// --- catalogue ---------------------------------------------------------------------------------
pub fn item(code: &ServiceItemCode) -> Key {
    Key::new(format!("ITEM#{code}"), "ITEM")
}
pub const CATALOGUE: &str = "CATALOGUE";

// --- organisations and accounts -----------------------------------------------------------------
pub fn organisation(id: OrganisationId) -> Key {
    Key::new(format!("ORG#{id}"), "ORG")
}
/// A provider listed under an item it serves.
pub fn serves(item: &ServiceItemCode, provider: OrganisationId) -> Key {
    Key::new(format!("ITEM#{item}"), format!("PROVIDER#{provider}"))
}
pub fn serving_prefix() -> &'static str {
    "PROVIDER#"
}
pub const PROVIDERS: &str = "PROVIDERS";
pub const PROVIDERS_PENDING: &str = "PROVIDERS#PENDING";
pub fn credit_contribution(provider: OrganisationId, at: DateTime<Utc>, n: Uuid) -> Key {
    Key::new(format!("ORG#{provider}"), format!("CREDIT#{}", at_then(at, n)))
}
pub fn account(id: AccountId) -> Key {
    Key::new(format!("ACCOUNT#{id}"), "ACCOUNT")
}
/// The uniqueness marker of an email address: one account per email.
pub fn email(email: &str) -> Key {
    Key::new(format!("EMAIL#{}", email.to_lowercase()), "EMAIL")
}

// --- projects ----------------------------------------------------------------------------------
pub fn project_pk(id: ProjectId) -> String {
    format!("PROJECT#{id}")
}
pub fn project(id: ProjectId) -> Key {
    Key::new(project_pk(id), "PROJECT")
}
/// Events sort by their sequence number, zero-padded so text order is number order.
pub fn event(id: ProjectId, seq: u64) -> Key {
    Key::new(project_pk(id), format!("EVENT#{seq:010}"))
}
pub const EVENT_PREFIX: &str = "EVENT#";
pub fn quote(project: ProjectId, quote: QuoteId) -> Key {
    Key::new(project_pk(project), format!("QUOTE#{quote}"))
}
pub const QUOTE_PREFIX: &str = "QUOTE#";
/// The uniqueness marker of a provider's live quote on a project.
pub fn live_quote(project: ProjectId, provider: OrganisationId) -> Key {
    Key::new(project_pk(project), format!("LIVEQUOTE#{provider}"))
}
pub fn objection(project: ProjectId, objection: Uuid) -> Key {
    Key::new(project_pk(project), format!("OBJECTION#{objection}"))
}
pub fn contract(project: ProjectId) -> Key {
    Key::new(project_pk(project), "CONTRACT")
}
/// The draw's secret, kept apart from the snapshot (which everyone may read) until selection
/// reveals it.
pub fn secret(project: ProjectId) -> Key {
    Key::new(project_pk(project), "SECRET")
}
/// The public listing entry of a published project.
pub fn listing(project: ProjectId) -> Key {
    Key::new(project_pk(project), "LISTING")
}
/// The index entry of a project while its bid window is open.
pub fn open_entry(project: ProjectId) -> Key {
    Key::new(project_pk(project), "OPEN")
}

/// The index entry of one OCDS release of a project: its event's number in the log.
pub fn release(project: ProjectId, seq: u64) -> Key {
    Key::new(project_pk(project), format!("RELEASE#{seq:010}"))
}
/// Where a release sorts in [`RELEASES`]: by its date, then its project and number.
pub fn release_at(at: DateTime<Utc>, project: ProjectId, seq: u64) -> String {
    at_then(at, format!("{project}#{seq:010}"))
}

// --- GSI partitions ------------------------------------------------------------------------------
pub fn open_by_item(item: &ServiceItemCode) -> String {
    format!("OPEN#{item}")
}
pub const OPEN: &str = "OPEN";
pub fn buyer(org: OrganisationId) -> String {
    format!("BUYER#{org}")
}
pub fn provider_quotes(org: OrganisationId) -> String {
    format!("PROVIDER#{org}")
}
/// Every published project, by publication time.
pub const LISTED: &str = "LISTED";
/// Published projects in one state, by publication time.
pub fn listed_in(state: ProjectState) -> String {
    format!("LISTED#{}", state_name(state))
}
/// A state's name as it appears in keys and in the API (`published`, `bidding_closed` …).
pub fn state_name(state: ProjectState) -> String {
    serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
/// An organisation's notifications, newest last; supervisors share one inbox.
pub fn inbox(owner: &str) -> String {
    format!("INBOX#{owner}")
}
pub fn notification(owner: &str, at: DateTime<Utc>, id: Uuid) -> Key {
    Key::new(inbox(owner), format!("NOTE#{}", at_then(at, id)))
}
/// Every OCDS release of every project, by date: the open-data feed.
pub const RELEASES: &str = "RELEASES";
pub const OBJECTIONS_PENDING: &str = "OBJECTIONS#PENDING";
pub const CONTRACTS_ACTIVE: &str = "CONTRACTS#ACTIVE";

// --- statistics, sequences and idempotency ----------------------------------------------------------
pub fn counter(name: &str) -> Key {
    Key::new("STATS", name)
}
/// The last project code number given out in `year` (`ZJ-{year}-…`).
pub fn project_sequence(year: i32) -> Key {
    Key::new("SEQUENCE", format!("PROJECT#{year}"))
}
/// `subject` is the account's id, or `anonymous` for registrations.
pub fn idempotency(subject: &str, key: &str) -> Key {
    Key::new(format!("IDEMPOTENCY#{subject}#{key}"), "IDEMPOTENCY")
}

// --- sessions and throttling ---------------------------------------------------------------------
/// A session, under the SHA-256 (hex) of its refresh token: the store never holds the token.
pub fn session(token_hash: &str) -> Key {
    Key::new(format!("SESSION#{token_hash}"), "SESSION")
}
/// The recent failed logins of a subject (an email, a client address). The subject is hashed
/// (SHA-256, hex) so that any text makes a valid key of fixed length.
pub fn throttle(subject: &str) -> Key {
    Key::new(format!("THROTTLE#{}", sha256_hex(subject)), "THROTTLE")
}

/// An event's sequence number from its sort key (`EVENT#0000000007` → 7).
pub fn event_seq(sk: &str) -> Option<u64> {
    sk.strip_prefix(EVENT_PREFIX)?.parse().ok()
}
// --- supervision ---------------------------------------------------------------------------------
/// The index partition of supervisors' accounts (the inspectors of random inspections).
pub const SUPERVISORS: &str = "SUPERVISORS";
pub fn inspection(id: Uuid) -> Key {
    Key::new(format!("INSPECTION#{id}"), "INSPECTION")
}
/// Every random inspection, by the time it was drawn.
pub const INSPECTIONS: &str = "INSPECTIONS";
