//! The marketplace the tests run in: an enterprise, a department, approved providers, the HP-001
//! catalogue item, standard project terms and a fixed Monday. One copy for the domain's unit
//! tests, its OpenAPI test, the fuzz targets and the functions' API tests, so that they all test
//! the same values. For tests only: the `fixtures` feature brings it outside this crate's own
//! tests, and neither the front-end nor the functions' normal builds enable it.

use crate::calendar::WorkingCalendar;
use crate::catalogue::ServiceItem;
use crate::draw::Secret;
use crate::ids::{AccountId, OrganisationId};
use crate::organisation::Organisation;
use crate::project::{Actor, Context, ProjectTerms, Role};
use crate::text::Description;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};
use uuid::Uuid;

/// Ids are small numbers, so that a failing test names them readably.
pub fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub const ENTERPRISE: u128 = 1;
pub const DEPARTMENT: u128 = 2;

/// Monday 2 March 2026, 10:00 in Shanghai: an ordinary working week.
pub fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap()
}

pub fn context(now: DateTime<Utc>) -> Context<'static> {
    Context { now, calendar: WorkingCalendar::prc() }
}

pub fn secret() -> Secret {
    Secret::parse(&"07".repeat(32)).unwrap()
}

pub fn text(s: &str) -> Description {
    Description::parse(s).unwrap()
}

/// The environmental impact report, market-priced (no fee cap).
pub fn item() -> ServiceItem {
    serde_json::from_value(json!({
        "code": "HP-001",
        "name": { "zh": "环境影响评价报告编制", "en": "Environmental impact report preparation" },
        "legal_basis": { "zh": "环境影响评价法", "en": "EIA Law" },
        "time_limit": 40,
        "workflow": [{ "zh": "编制", "en": "Prepare" }],
        "conditions": { "zh": "已立项", "en": "Registered" },
        "fee_basis": "market",
        "fee_standard": { "zh": "市场调节价", "en": "Market price" },
        "fee_cap": null,
        "allowed_qualifications": ["EIA_ENGINEER", "SURVEYING_MAPPING"],
        "active": true
    }))
    .unwrap()
}

/// An organisation of the given `kind` (its JSON form), named and reachable after its id.
pub fn org(id: u128, kind: Value) -> Organisation {
    serde_json::from_value(json!({
        "id": uuid(id),
        "name": format!("机构{id}"),
        "credit_code": "91330100799655058B",
        "contact_email": format!("org{id}@example.com"),
        "contact_phone": "13800138000",
        "kind": kind
    }))
    .unwrap()
}

pub fn enterprise() -> Organisation {
    org(ENTERPRISE, json!({ "kind": "enterprise" }))
}

pub fn department() -> Organisation {
    org(DEPARTMENT, json!({ "kind": "department", "budget_lines": ["2026年度环保专项"] }))
}

/// A provider serving HP-001 with an EIA engineer's qualification; the onboarding `status`, the
/// qualification's end and the affiliations are what the rules on quoting look at.
pub fn provider_with(id: u128, status: Value, valid_until: &str, affiliations: Vec<Uuid>) -> Organisation {
    org(
        id,
        json!({
            "kind": "provider",
            "served_items": [{ "item": "HP-001", "published_fee": 5_000_000, "committed_days": 20 }],
            "qualifications": [{
                "qualification_type": "EIA_ENGINEER",
                "level": "甲级",
                "certificate_number": format!("EIA-{id}"),
                "issuer": "浙江省生态环境厅",
                "valid_from": "2020-01-01",
                "valid_until": valid_until
            }],
            "affiliations": affiliations,
            "status": status
        }),
    )
}

/// An approved provider, qualified until 2030, tied to no one: free to quote.
pub fn provider(id: u128) -> Organisation {
    provider_with(id, json!({ "status": "approved" }), "2030-12-31", vec![])
}

/// The account of organisation `id` (its account id is `100 + id`) acting in `role`.
fn person(role: Role, id: u128) -> Actor {
    Actor { role, account: Some(AccountId(uuid(100 + id))), organisation: Some(OrganisationId(uuid(id))) }
}

/// The department's account for [`DEPARTMENT`], an enterprise's for any other id.
pub fn buyer_actor(id: u128) -> Actor {
    person(if id == DEPARTMENT { Role::Department } else { Role::Enterprise }, id)
}

pub fn provider_actor(id: u128) -> Actor {
    person(Role::Provider, id)
}

pub fn supervisor() -> Actor {
    Actor { role: Role::Supervisor, account: Some(AccountId(uuid(999))), organisation: None }
}

/// An EIA report for HP-001 within the item's limits, selected by `method` and paid by `funding`
/// (their JSON forms).
pub fn terms(method: Value, funding: Value) -> ProjectTerms {
    serde_json::from_value(json!({
        "item": "HP-001",
        "title": "某化工项目环境影响报告书编制",
        "description": "年产 10 万吨项目的环评报告书",
        "budget_cap": 10_000_000,
        "service_days": 30,
        "requirements": [{ "kind": "qualification", "value": "EIA_ENGINEER" }],
        "method": method,
        "funding": funding,
        "bid_window": 3
    }))
    .unwrap()
}

/// The listed summary of need number `n` (2026's `n`th code), a lowest-price HP-001 need paid by
/// the enterprise, published at `published_at` and nothing after.
pub fn summary(n: u32, published_at: DateTime<Utc>) -> crate::project::ProjectSummary {
    use crate::project::{ProjectState, ProjectSummary};
    use crate::text::{ProjectCode, Title};
    ProjectSummary {
        id: crate::ids::ProjectId(uuid(u128::from(n))),
        code: ProjectCode::new(2026, n).unwrap(),
        buyer: OrganisationId(uuid(ENTERPRISE)),
        buyer_name: None,
        item: crate::ServiceItemCode::parse("HP-001").unwrap(),
        title: Title::parse("环评").unwrap(),
        state: ProjectState::Published,
        budget_cap: crate::Money::from_fen(1_000_000),
        method: crate::selection::SelectionMethod::LowestPrice,
        publicly_funded: false,
        created_at: published_at,
        published_at: Some(published_at),
        closes_at: None,
        winning_price: None,
        selected_at: None,
        accepted_at: None,
        quotes: None,
        winner: None,
        winner_name: None,
        scores: None,
    }
}
