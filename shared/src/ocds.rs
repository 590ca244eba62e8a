//! The marketplace in the Open Contracting Data Standard 1.1 (OCDS): each published project is
//! one contracting process (`ocid`), and the events that change what the public may see of it
//! are its releases — the tender on publishing, tender updates on close, failure and
//! cancellation, an award on each selection (with the draw's evidence), the contract on
//! signing, and implementation updates on delivery, acceptance and evaluation.
//!
//! Every release is built from the project as it stood just after its event, so a release never
//! changes once made and never tells what was sealed then: quotes, their providers and the
//! exclusions at close appear only once a selection has unsealed them
//! ([`Project::quotes_unsealed`]). Each release carries the whole public state of the process at
//! its date, so a record's compiled release is simply the last release re-tagged — which is what
//! merging the releases by OCDS's merge rules gives, since no field of a later release is ever
//! absent from it. What OCDS cannot express (the verifiable draw, 最优价, best-value weights,
//! exclusions at close, working days, evaluations) travels in the marketplace's extension,
//! `docs/ocds-extension/`; `docs/ocds.md` gives the mapping.

use crate::catalogue::ServiceItem;
use crate::draw::Commitment;
use crate::ids::{OrganisationId, ProjectId, QuoteId};
use crate::locale::Locale;
use crate::money::Money;
use crate::organisation::Organisation;
use crate::project::{
    DeliveryStatus, Evaluation, Event, EventKind, Funding, Project, ProjectState, QuoteStatus,
};
use crate::selection::{SelectionMethod, SelectionRecord};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The prefix of every `ocid` the marketplace publishes: the one to register with the Open
/// Contracting Partnership before going live (registered prefixes are `ocds-` and six
/// characters; `zjzjcs` for 浙江中介超市).
pub const OCID_PREFIX: &str = "ocds-zjzjcs";
/// The OCDS version the packages declare (major.minor).
pub const VERSION: &str = "1.1";
/// Who publishes the data, as packages name it.
pub const PUBLISHER: &str = "浙江省中介超市 (Zhejiang intermediary-services marketplace)";
/// The organisation identifier list of the unified social credit codes: org-id.guide has no
/// list named for the code itself, and the register it lists for China is the one of the
/// former State Administration for Industry and Commerce, whose registration numbers the code
/// replaced in 2015 (docs/ocds.md).
pub const IDENTIFIER_SCHEME: &str = "CN-SAIC";
/// The item classification scheme of the service catalogue's codes (added to the open
/// itemClassificationScheme codelist by the extension).
pub const CATALOGUE_SCHEME: &str = "ZJZJCS";
/// Amounts are renminbi.
const CURRENCY: &str = "CNY";

/// A project's `ocid`.
pub fn ocid(project: ProjectId) -> String {
    format!("{OCID_PREFIX}-{project}")
}

/// The project an `ocid` names.
pub fn parse_ocid(ocid: &str) -> Result<ProjectId, OcidError> {
    let rest = ocid.strip_prefix(OCID_PREFIX).and_then(|r| r.strip_prefix('-')).ok_or(OcidError::Prefix)?;
    rest.parse().map_err(|_| OcidError::Id)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcidError {
    #[error("an ocid of this marketplace starts with `{OCID_PREFIX}-`")]
    Prefix,
    #[error("an ocid of this marketplace is `{OCID_PREFIX}-` followed by a project id (a UUID)")]
    Id,
}

/// A release's id: unique in the world, since the ocid is, and stable, since a project's events
/// are numbered once.
pub fn release_id(project: ProjectId, seq: u64) -> String {
    format!("{}-{seq:05}", ocid(project))
}

// --- the OCDS document types ---------------------------------------------------------------------

/// A value of the closed releaseTag codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ReleaseTag {
    Tender,
    TenderUpdate,
    TenderCancellation,
    Award,
    AwardCancellation,
    Contract,
    ContractUpdate,
    Implementation,
    ImplementationUpdate,
    Compiled,
}

/// One release: the public state of a contracting process at `date`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub ocid: String,
    pub id: String,
    pub date: DateTime<Utc>,
    pub tag: Vec<ReleaseTag>,
    /// Always `tender`: every process starts with a published call for quotes.
    pub initiation_type: String,
    /// Texts are the buyers' and providers' own, in Chinese.
    pub language: String,
    pub parties: Vec<Party>,
    pub buyer: OrganizationReference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<Planning>,
    pub tender: Tender,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrganizationReference {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// The organisation's id on the marketplace (as in `/api/v1/providers/{id}`).
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Identifier>,
    pub roles: Vec<PartyRole>,
}

/// A value of the partyRole codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum PartyRole {
    Buyer,
    ProcuringEntity,
    Tenderer,
    Supplier,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    pub scheme: String,
    /// The unified social credit code.
    pub id: String,
    pub legal_name: String,
}

/// An amount, in yuan. OCDS amounts are JSON numbers; fen / 100 as a double prints as the exact
/// decimal for every amount below 10¹³ yuan (15 significant digits), far above any budget.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Value {
    pub amount: f64,
    pub currency: String,
}

impl From<Money> for Value {
    fn from(money: Money) -> Self {
        // Exact for |fen| < 2^53; the division is then correctly rounded (see above).
        Value { amount: money.fen() as f64 / 100.0, currency: CURRENCY.to_owned() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<DateTime<Utc>>,
}

/// A department-funded project's budget line (预算科目).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Planning {
    pub budget: Budget,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Budget {
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Tender {
    /// The project's code (e.g. `ZJ-2026-000123`).
    pub id: String,
    pub title: String,
    pub description: String,
    pub status: TenderStatus,
    pub procuring_entity: OrganizationReference,
    pub items: Vec<Item>,
    /// The budget cap (最高限价).
    pub value: Value,
    pub procurement_method: String,
    pub procurement_method_details: String,
    pub main_procurement_category: String,
    pub award_criteria: String,
    pub award_criteria_details: String,
    pub submission_method: Vec<String>,
    pub tender_period: Period,
    pub has_enquiries: bool,
    /// Quotes received, once bidding has closed (a count: no price, no provider).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_tenderers: Option<u32>,
    /// The quoting providers, once a selection has unsealed the quotes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tenderers: Vec<OrganizationReference>,
    /// Extension: the method as the marketplace publishes it, with best value's weights.
    pub selection_method: SelectionMethod,
    /// Extension: the commitment to the draw's secret, published before any quote is seen.
    pub draw_commitment: Commitment,
    /// Extension: the fewest eligible quotes a selection needs (else 流标).
    pub minimum_quotes: u32,
    /// Extension: the most working days the service may take after the contract (服务期限).
    pub service_working_days: u16,
    /// Extension: quotes excluded at close, with the reason — once the quotes are unsealed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded_quotes: Vec<ExcludedQuote>,
}

/// A value of the closed tenderStatus codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum TenderStatus {
    Active,
    Cancelled,
    Unsuccessful,
    Complete,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub id: String,
    pub description: String,
    pub classification: Classification,
    pub quantity: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Classification {
    pub scheme: String,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Extension: a quote left out of the selection when bidding closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ExcludedQuote {
    /// The quote's id.
    pub id: QuoteId,
    pub tenderer: OrganizationReference,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Award {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub status: AwardStatus,
    pub date: DateTime<Utc>,
    pub value: Value,
    pub suppliers: Vec<OrganizationReference>,
    /// Extension: the selection record exactly as `/api/v1/projects/{id}/selection` publishes
    /// it — every input, the revealed secret and the evidence — so the same verifier runs on it.
    pub selection: SelectionRecord,
}

/// A value of the closed awardStatus codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum AwardStatus {
    /// In its publicity period (公示期), when objections may still void it.
    Pending,
    Active,
    /// Voided by an upheld objection.
    Cancelled,
}

// Named apart in the OpenAPI document from the marketplace's own `Contract`, whose schema would
// otherwise stand for both.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = OcdsContract))]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    #[serde(rename = "awardID")]
    pub award_id: String,
    pub status: ContractStatus,
    pub value: Value,
    pub date_signed: DateTime<Utc>,
    /// From signing to the service deadline.
    pub period: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    /// Extension: the working days promised for the service.
    pub service_working_days: u16,
    /// Extension: the buyer's rating of the finished service (服务评价).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
}

/// A value of the closed contractStatus codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ContractStatus {
    Active,
    /// The delivery was accepted: the contract has come to its end.
    Terminated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Implementation {
    pub milestones: Vec<Milestone>,
}

/// One delivery of the service's result (服务成果), due by the contract's deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    pub id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub description: String,
    pub status: MilestoneStatus,
    pub due_date: DateTime<Utc>,
    pub date_modified: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_met: Option<DateTime<Utc>>,
}

/// A value of the closed milestoneStatus codelist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum MilestoneStatus {
    /// Submitted, awaiting the buyer's acceptance.
    Scheduled,
    Met,
    /// Returned by the buyer.
    NotMet,
}

/// All the releases of one process, and its state now.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub ocid: String,
    pub releases: Vec<Release>,
    pub compiled_release: Release,
}

impl Record {
    /// The record of a process's releases (oldest first); `None` if there are none.
    pub fn compile(releases: Vec<Release>) -> Option<Record> {
        let mut compiled = releases.last()?.clone();
        compiled.id = format!("{}-compiled", compiled.ocid);
        compiled.tag = vec![ReleaseTag::Compiled];
        Some(Record { ocid: compiled.ocid.clone(), releases, compiled_release: compiled })
    }
}

/// Who publishes, as packages name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publisher {
    pub name: String,
}

impl Default for Publisher {
    fn default() -> Self {
        Publisher { name: PUBLISHER.to_owned() }
    }
}

/// Where the next page of a paged package is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Links {
    pub next: String,
}

/// Releases as OCDS publishes them, with what describes the package. `publishedDate` is the
/// latest release's date (the package is made on demand: OCDS asks for the date of the last
/// change to its contents).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReleasePackage {
    pub uri: String,
    pub version: String,
    pub published_date: DateTime<Utc>,
    pub publisher: Publisher,
    /// The URL of the marketplace's extension.json.
    pub extensions: Vec<String>,
    pub releases: Vec<Release>,
    /// The next page, while there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
}

/// Records as OCDS publishes them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RecordPackage {
    pub uri: String,
    pub version: String,
    pub published_date: DateTime<Utc>,
    pub publisher: Publisher,
    pub extensions: Vec<String>,
    pub records: Vec<Record>,
}

// --- the mapping -------------------------------------------------------------------------------------

/// What the releases name beside the events: the organisations involved (by id) and the
/// project's catalogue item. Missing ones are published by id alone.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub organisations: &'a BTreeMap<OrganisationId, Organisation>,
    pub item: Option<&'a ServiceItem>,
}

/// The tags of the release an event makes, given the project before and after it; none when the
/// event changes nothing the public sees (drafts, sealed quotes, questions, objections pending).
pub fn release_tags(before: &Project, after: &Project, event: &Event) -> Vec<ReleaseTag> {
    use ReleaseTag::*;
    let voided = after.voided_selections.len() > before.voided_selections.len();
    let mut tags = match &event.kind {
        EventKind::Published { .. } => vec![Tender],
        EventKind::Cancelled { .. } if before.published_at.is_some() => vec![TenderCancellation],
        EventKind::BiddingClosed { .. } | EventKind::Failed { .. } => vec![TenderUpdate],
        EventKind::Selected { .. } => vec![Award],
        EventKind::ContractSigned { .. } => vec![Contract],
        EventKind::DeliverySubmitted { .. } if before.deliveries.is_empty() => vec![Implementation],
        EventKind::DeliverySubmitted { .. }
        | EventKind::DeliveryReturned { .. }
        | EventKind::Evaluated { .. } => {
            vec![ImplementationUpdate]
        }
        EventKind::DeliveryAccepted => vec![ImplementationUpdate, ContractUpdate],
        _ => vec![],
    };
    if voided {
        tags.insert(0, AwardCancellation);
    }
    tags
}

/// Which of `events`, applied in order to `before` (`None`: they start a new project), make a
/// release — by their index in `events`.
pub fn releasing(before: Option<&Project>, events: &[Event]) -> Vec<usize> {
    let mut released = Vec::new();
    replay(before, events.iter().enumerate(), |i, before, after, event| {
        if !release_tags(before, after, event).is_empty() {
            released.push(i);
        }
    });
    released
}

/// Every release of a project, oldest first, from its whole event log (each event with its
/// number in the log, from 1).
pub fn releases<'a>(
    events: impl IntoIterator<Item = (u64, &'a Event)>,
    sources: Sources<'_>,
) -> Vec<Release> {
    let mut releases = Vec::new();
    let mut award_dates = Vec::new();
    replay(None, events, |seq, before, after, event| {
        if matches!(event.kind, EventKind::Selected { .. }) {
            award_dates.push(event.at);
        }
        let tag = release_tags(before, after, event);
        if !tag.is_empty() {
            releases.push(release(after, seq, event.at, tag, &award_dates, sources));
        }
    });
    releases
}

/// Folds `events` into the project one at a time, calling `visit(key, before, after, event)`
/// for each but the one that creates the project.
fn replay<'a, K>(
    start: Option<&Project>,
    events: impl IntoIterator<Item = (K, &'a Event)>,
    mut visit: impl FnMut(K, &Project, &Project, &Event),
) {
    let mut events = events.into_iter();
    let mut project = match start {
        Some(p) => p.clone(),
        None => match events.next().and_then(|(_, e)| Project::created(e)) {
            Some(p) => p,
            None => return,
        },
    };
    for (key, event) in events {
        let before = project.clone();
        project.apply(event);
        visit(key, &before, &project, event);
    }
}

fn release(
    p: &Project,
    seq: u64,
    date: DateTime<Utc>,
    tag: Vec<ReleaseTag>,
    award_dates: &[DateTime<Utc>],
    sources: Sources<'_>,
) -> Release {
    let names = Names { record: p, organisations: sources.organisations };
    let unsealed = p.quotes_unsealed();
    let mut tenderers: Vec<OrganisationId> = Vec::new();
    if unsealed {
        for q in p.received_quotes() {
            if !tenderers.contains(&q.provider) {
                tenderers.push(q.provider);
            }
        }
    }
    let awards = awards(p, award_dates, &names);
    let supplier = p.winner().map(|w| w.provider);
    let mut parties = vec![names.party(p.buyer, vec![PartyRole::Buyer, PartyRole::ProcuringEntity])];
    for &tenderer in &tenderers {
        let mut roles = vec![PartyRole::Tenderer];
        roles.extend((supplier == Some(tenderer)).then_some(PartyRole::Supplier));
        parties.push(names.party(tenderer, roles));
    }
    let tenderers = tenderers.into_iter().map(|t| names.reference(t)).collect();
    Release {
        ocid: ocid(p.id),
        id: release_id(p.id, seq),
        date,
        tag,
        initiation_type: "tender".to_owned(),
        language: "zh".to_owned(),
        parties,
        buyer: names.reference(p.buyer),
        planning: match &p.terms.funding {
            Funding::Department { budget_line } => {
                Some(Planning { budget: Budget { description: budget_line.as_str().to_owned() } })
            }
            Funding::Enterprise => None,
        },
        tender: tender(p, unsealed, tenderers, &names, sources.item),
        contracts: contract(p, &awards).into_iter().collect(),
        awards,
    }
}

/// How each selection method reads in OCDS: the call is always open — every need is announced
/// on the public marketplace, and any approved provider serving the item with the allowed
/// qualifications may quote (the reform forbids narrowing that) — and the methods differ in
/// how the award is decided. Codes not in the core awardCriteria codelist are the extension's.
pub fn method_codes(method: SelectionMethod) -> (&'static str, &'static str) {
    let award_criteria = match method {
        SelectionMethod::DirectChoice => "directChoice",
        SelectionMethod::RandomDraw => "randomDraw",
        SelectionMethod::LowestPrice => "priceOnly",
        SelectionMethod::BestValue(_) => "ratedCriteria",
        SelectionMethod::ReasonablePrice => "reasonablePrice",
    };
    ("open", award_criteria)
}

fn method_details(method: SelectionMethod) -> (String, String) {
    let name = method.term().zh;
    let criteria = match method {
        SelectionMethod::DirectChoice => "项目业主在有效报价中直接选定一家".to_owned(),
        SelectionMethod::RandomDraw => "在有效报价中以可验证的随机抽取确定，每份报价机会均等".to_owned(),
        SelectionMethod::LowestPrice => "报价最低者中选，同价者随机抽取".to_owned(),
        SelectionMethod::BestValue(w) => format!(
            "综合评分最高者中选，同分者随机抽取；权重：价格 {}%，服务时限 {}%，服务评价 {}%，信用 {}%",
            w.price(),
            w.time(),
            w.rating(),
            w.credit()
        ),
        SelectionMethod::ReasonablePrice => {
            "去掉最高和最低报价后取平均值，乘以随机抽取的 95%–98% 系数为参考价，最接近参考价者中选，同距者随机抽取"
                .to_owned()
        }
    };
    (format!("中介超市{name}"), criteria)
}

fn tender(
    p: &Project,
    unsealed: bool,
    tenderers: Vec<OrganizationReference>,
    names: &Names<'_>,
    item: Option<&ServiceItem>,
) -> Tender {
    let (procurement_method, award_criteria) = method_codes(p.terms.method);
    let (procurement_method_details, award_criteria_details) = method_details(p.terms.method);
    let status = match p.state {
        ProjectState::Draft | ProjectState::Published | ProjectState::BiddingClosed => TenderStatus::Active,
        ProjectState::Cancelled => TenderStatus::Cancelled,
        ProjectState::Failed => TenderStatus::Unsuccessful,
        _ => TenderStatus::Complete,
    };
    let excluded_quotes = if unsealed {
        p.quotes
            .iter()
            .filter_map(|q| match &q.status {
                QuoteStatus::Excluded { reason } => Some(ExcludedQuote {
                    id: q.id,
                    tenderer: names.reference(q.provider),
                    reason: reason.clone(),
                }),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Tender {
        id: p.code.to_string(),
        title: p.terms.title.as_str().to_owned(),
        description: p.terms.description.as_str().to_owned(),
        status,
        procuring_entity: names.reference(p.buyer),
        items: vec![Item {
            id: "1".to_owned(),
            description: item.map_or_else(|| p.terms.item.to_string(), |i| i.name.get(Locale::Zh).to_owned()),
            classification: Classification {
                scheme: CATALOGUE_SCHEME.to_owned(),
                id: p.terms.item.to_string(),
                description: item.map(|i| i.name.get(Locale::Zh).to_owned()),
            },
            quantity: 1,
        }],
        value: p.terms.budget_cap.into(),
        procurement_method: procurement_method.to_owned(),
        procurement_method_details,
        main_procurement_category: "services".to_owned(),
        award_criteria: award_criteria.to_owned(),
        award_criteria_details,
        submission_method: vec!["electronicSubmission".to_owned()],
        tender_period: Period { start_date: p.published_at, end_date: p.closes_at },
        has_enquiries: !p.questions.is_empty(),
        number_of_tenderers: p.quotes_received(),
        tenderers,
        selection_method: p.terms.method,
        draw_commitment: p.commitment.expect("a released project is published"),
        minimum_quotes: u32::try_from(p.terms.minimum_quotes()).unwrap_or(u32::MAX),
        service_working_days: p.terms.service_days.get(),
        excluded_quotes,
    }
}

/// An award per selection, voided ones first (cancelled), then the one in force: pending during
/// the publicity period, active once the contract is signed.
fn awards(p: &Project, dates: &[DateTime<Utc>], names: &Names<'_>) -> Vec<Award> {
    let in_force = if p.state == ProjectState::Selected { AwardStatus::Pending } else { AwardStatus::Active };
    let voided = p.voided_selections.iter().map(|s| (s, AwardStatus::Cancelled));
    voided
        .chain(p.selection.iter().map(|s| (s, in_force)))
        .enumerate()
        .map(|(n, (record, status))| {
            let winner = record.quotes.iter().find(|q| q.quote_id == record.outcome.winner);
            Award {
                id: award_id(p.id, n),
                description: (status == AwardStatus::Cancelled)
                    .then(|| "选取结果因异议成立而撤销（voided by an upheld objection）".to_owned()),
                status,
                date: dates.get(n).copied().unwrap_or(p.created_at),
                value: winner.map_or(Money::ZERO, |w| w.price).into(),
                suppliers: winner.map(|w| names.reference(w.provider_id)).into_iter().collect(),
                selection: record.clone(),
            }
        })
        .collect()
}

fn award_id(project: ProjectId, n: usize) -> String {
    format!("{}-award-{}", ocid(project), n + 1)
}

/// The contract, once signed, with a milestone per delivery.
fn contract(p: &Project, awards: &[Award]) -> Option<Contract> {
    let c = p.contract.as_ref()?;
    let (signed_at, deadline) = (c.signed_at?, c.deadline?);
    let award = awards.iter().rfind(|a| a.selection.outcome.winner == c.quote)?;
    let milestones: Vec<Milestone> = p
        .deliveries
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let (status, note) = match &d.status {
                DeliveryStatus::Submitted => (MilestoneStatus::Scheduled, String::new()),
                DeliveryStatus::Accepted => (MilestoneStatus::Met, String::new()),
                DeliveryStatus::Returned { reason } => {
                    (MilestoneStatus::NotMet, format!("\n退回原因：{}", reason.as_str()))
                }
            };
            let overdue = if d.overdue_days > 0 {
                format!("\n逾期 {} 个工作日", d.overdue_days)
            } else {
                String::new()
            };
            Milestone {
                id: format!("delivery-{}", n + 1),
                title: format!("服务成果交付（第 {} 次）", n + 1),
                kind: "delivery".to_owned(),
                description: format!("{}{overdue}{note}", d.summary.as_str()),
                status,
                due_date: deadline,
                date_modified: d.submitted_at,
                date_met: (status == MilestoneStatus::Met).then_some(p.accepted_at).flatten(),
            }
        })
        .collect();
    Some(Contract {
        id: format!("{}-contract", ocid(p.id)),
        award_id: award.id.clone(),
        status: if p.accepted_at.is_some() { ContractStatus::Terminated } else { ContractStatus::Active },
        value: c.price.into(),
        date_signed: signed_at,
        period: Period { start_date: Some(signed_at), end_date: Some(deadline) },
        implementation: (!milestones.is_empty()).then_some(Implementation { milestones }),
        service_working_days: c.service_days.get(),
        evaluation: p.evaluation.clone(),
    })
}

/// The organisations a project's releases may name: its buyer and every quoting provider.
pub fn organisations_of(p: &Project) -> Vec<OrganisationId> {
    let mut ids: Vec<OrganisationId> =
        std::iter::once(p.buyer).chain(p.quotes.iter().map(|q| q.provider)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Organisations by id, as parties and references name them: by the name the project's record
/// gives them (as they were named when they acted), else by their current one.
struct Names<'a> {
    record: &'a Project,
    organisations: &'a BTreeMap<OrganisationId, Organisation>,
}

impl Names<'_> {
    fn name(&self, id: OrganisationId) -> Option<String> {
        let recorded = self.record.name_of(id);
        recorded.or_else(|| self.organisations.get(&id).map(|o| &o.name)).map(|n| n.as_str().to_owned())
    }

    fn reference(&self, id: OrganisationId) -> OrganizationReference {
        OrganizationReference { id: id.to_string(), name: self.name(id) }
    }

    fn party(&self, id: OrganisationId, roles: Vec<PartyRole>) -> Party {
        let org = self.organisations.get(&id);
        Party {
            id: id.to_string(),
            name: self.name(id),
            identifier: org.map(|o| Identifier {
                scheme: IDENTIFIER_SCHEME.to_owned(),
                id: o.credit_code.as_str().to_owned(),
                legal_name: o.name.as_str().to_owned(),
            }),
            roles,
        }
    }
}

#[cfg(test)]
mod tests;
