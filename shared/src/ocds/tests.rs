//! The OCDS mapping: which events make releases and with which tags, what each selection method
//! maps to, amounts, and that nothing sealed is released before a selection unseals it.

use super::*;
use crate::catalogue::WorkingDays;
use crate::draw::Commitment;
use crate::fixtures::{
    buyer_actor, context, department, enterprise, item, monday, provider, provider_actor, secret, supervisor,
    terms, text, uuid, DEPARTMENT, ENTERPRISE,
};
use crate::ids::QuoteId;
use crate::project::tests::{evaluation, standings, P1, P2, P3};
use crate::project::{decide, Actor, Command, Event};
use crate::text::ProjectCode;
use chrono::Duration;
use serde_json::json;
use std::collections::BTreeSet;

/// A project's event log, grown command by command through the rules.
struct Log {
    project: Option<Project>,
    events: Vec<Event>,
}

impl Log {
    fn create(method: serde_json::Value, public: bool) -> Log {
        let (funding, buyer, who) = if public {
            (json!({ "funding": "department", "budget_line": "2026年度环保专项" }), department(), DEPARTMENT)
        } else {
            (json!({ "funding": "enterprise" }), enterprise(), ENTERPRISE)
        };
        let mut log = Log { project: None, events: Vec::new() };
        let command = Command::CreateDraft {
            id: ProjectId(uuid(500)),
            code: ProjectCode::new(2026, 1).unwrap(),
            terms: terms(method, funding),
            item: item(),
            buyer,
        };
        log.run(command, buyer_actor(who), monday());
        log
    }

    fn run(&mut self, command: Command, actor: Actor, now: DateTime<Utc>) {
        let events = decide(self.project.as_ref(), command, &actor, context(now)).unwrap();
        let mut p = match &self.project {
            Some(p) => p.clone(),
            None => Project::created(&events[0]).unwrap(),
        };
        for e in &events[usize::from(self.project.is_none())..] {
            p.apply(e);
        }
        self.project = Some(p);
        self.events.extend(events);
    }

    fn p(&self) -> &Project {
        self.project.as_ref().unwrap()
    }

    fn buyer(&self) -> Actor {
        buyer_actor(self.p().buyer.0.as_u128())
    }

    fn publish(mut self) -> Log {
        let command = Command::Publish { commitment: Commitment::of(&secret()), item: item() };
        self.run(command, self.buyer(), monday());
        self
    }

    /// Quotes from P1, P2, P3 at 80,000.00, 79,000.00 and 78,000.00 yuan.
    fn quoted(mut self) -> Log {
        for (i, p) in [P1, P2, P3].into_iter().enumerate() {
            let command = Command::SubmitQuote {
                quote: QuoteId(uuid(200 + p)),
                price: Money::from_fen(8_000_000 - i as i64 * 100_000),
                promised_days: WorkingDays::new(20).unwrap(),
                provider: provider(p),
            };
            self.run(command, provider_actor(p), monday() + Duration::hours(1));
        }
        self
    }

    fn closed(mut self) -> Log {
        let at = self.p().closes_at.unwrap() + Duration::minutes(1);
        self.run(
            Command::CloseBidding { secret: secret(), standings: standings(&[P1, P2, P3]) },
            Actor::SYSTEM,
            at,
        );
        self
    }

    fn after_publicity(&self) -> DateTime<Utc> {
        self.p().publicity_ends_at.unwrap() + Duration::minutes(1)
    }

    fn winner(&self) -> Actor {
        provider_actor(self.p().winner().unwrap().provider.0.as_u128())
    }

    /// Contracted, delivered once and returned, delivered again, accepted and rated.
    fn finished(mut self) -> Log {
        let t = self.after_publicity();
        let price = self.p().winner().unwrap().price;
        self.run(Command::ProposeContract { price }, self.buyer(), t);
        self.run(Command::SignContract, self.winner(), t);
        self.run(Command::StartService, self.winner(), t);
        self.run(Command::SubmitDelivery { summary: text("初稿") }, self.winner(), t);
        self.run(Command::ReturnDelivery { reason: text("缺少附图") }, self.buyer(), t);
        self.run(Command::SubmitDelivery { summary: text("终稿") }, self.winner(), t);
        self.run(Command::AcceptDelivery, self.buyer(), t);
        self.run(Command::Evaluate { evaluation: evaluation(5) }, self.buyer(), t);
        self
    }

    fn organisations(&self) -> BTreeMap<OrganisationId, Organisation> {
        [enterprise(), department(), provider(P1), provider(P2), provider(P3)]
            .into_iter()
            .map(|o| (o.id, o))
            .collect()
    }

    fn releases(&self) -> Vec<Release> {
        let organisations = self.organisations();
        let item = item();
        let numbered = self.events.iter().enumerate().map(|(i, e)| (i as u64 + 1, e));
        releases(numbered, Sources { organisations: &organisations, item: Some(&item) })
    }
}

fn tags(releases: &[Release]) -> Vec<Vec<ReleaseTag>> {
    releases.iter().map(|r| r.tag.clone()).collect()
}

#[test]
fn a_whole_life_releases_tender_award_contract_and_implementation() {
    use ReleaseTag::*;
    let log = Log::create(json!({ "method": "random_draw" }), false).publish().quoted().closed().finished();
    let releases = log.releases();
    assert_eq!(
        tags(&releases),
        [
            vec![Tender],
            vec![TenderUpdate],
            vec![Award],
            vec![Contract],
            vec![Implementation],
            vec![ImplementationUpdate],
            vec![ImplementationUpdate],
            vec![ImplementationUpdate, ContractUpdate],
            vec![ImplementationUpdate],
        ]
    );
    let ids: BTreeSet<&str> = releases.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), releases.len(), "release ids are unique");
    assert!(releases.iter().all(|r| r.ocid == ocid(ProjectId(uuid(500))) && r.id.starts_with(&r.ocid)));
    assert!(releases.windows(2).all(|w| w[0].date <= w[1].date), "oldest first");
    // Each release is dated by its event, and its id numbers that event in the log.
    for r in &releases {
        let seq: usize = r.id.rsplit('-').next().unwrap().parse().unwrap();
        assert_eq!(r.date, log.events[seq - 1].at);
    }
    let last = releases.last().unwrap();
    assert_eq!(last.tender.status, TenderStatus::Complete);
    assert_eq!(last.awards.len(), 1);
    assert_eq!(last.awards[0].status, AwardStatus::Active);
    let contract = &last.contracts[0];
    assert_eq!(
        (contract.status, contract.award_id.as_str()),
        (ContractStatus::Terminated, last.awards[0].id.as_str())
    );
    let milestones = &contract.implementation.as_ref().unwrap().milestones;
    let statuses: Vec<MilestoneStatus> = milestones.iter().map(|m| m.status).collect();
    assert_eq!(statuses, [MilestoneStatus::NotMet, MilestoneStatus::Met]);
    assert_eq!(milestones[1].date_met, log.p().accepted_at);
    assert!(contract.evaluation.is_some());
    // The award while its publicity period runs is pending; the winner is its supplier.
    assert_eq!(releases[2].awards[0].status, AwardStatus::Pending);
    let winner = log.p().winner().unwrap().provider.to_string();
    let roles = |id: &str| last.parties.iter().find(|p| p.id == id).map(|p| p.roles.clone()).unwrap();
    assert_eq!(roles(&winner), [PartyRole::Tenderer, PartyRole::Supplier]);
    assert_eq!(roles(&log.p().buyer.to_string()), [PartyRole::Buyer, PartyRole::ProcuringEntity]);
    assert_eq!(last.parties.len(), 4);
    let buyer = &last.parties[0];
    assert_eq!(buyer.identifier.as_ref().unwrap().scheme, IDENTIFIER_SCHEME);
}

#[test]
fn nothing_sealed_is_released_before_a_selection() {
    let log = Log::create(json!({ "method": "direct_choice" }), false).publish().quoted().closed();
    let releases = log.releases();
    assert_eq!(tags(&releases), [vec![ReleaseTag::Tender], vec![ReleaseTag::TenderUpdate]]);
    let text = serde_json::to_string(&releases).unwrap();
    for q in &log.p().quotes {
        assert!(!text.contains(&q.id.to_string()), "quote {} is sealed", q.id);
        assert!(!text.contains(&q.provider.to_string()), "provider {} is sealed", q.provider);
        let amount = serde_json::to_string(&Value::from(q.price).amount).unwrap();
        assert!(!text.contains(&amount), "price {amount} is sealed");
    }
    // The count of quotes received is public once bidding has closed.
    assert_eq!(releases[1].tender.number_of_tenderers, Some(3));
    assert_eq!(releases[0].tender.number_of_tenderers, None);
    assert!(releases[1].tender.tenderers.is_empty());
}

#[test]
fn each_selection_method_maps_to_open_and_its_award_criteria() {
    let cases = [
        (json!({ "method": "direct_choice" }), "directChoice"),
        (json!({ "method": "random_draw" }), "randomDraw"),
        (json!({ "method": "lowest_price" }), "priceOnly"),
        (
            json!({ "method": "best_value", "price": 40, "time": 20, "rating": 20, "credit": 20 }),
            "ratedCriteria",
        ),
        (json!({ "method": "reasonable_price" }), "reasonablePrice"),
    ];
    for (method, criteria) in cases {
        let method: SelectionMethod = serde_json::from_value(method).unwrap();
        assert_eq!(method_codes(method), ("open", criteria));
    }
    let log = Log::create(
        json!({ "method": "best_value", "price": 40, "time": 20, "rating": 20, "credit": 20 }),
        true,
    )
    .publish();
    let tender = &log.releases()[0].tender;
    assert!(tender.award_criteria_details.contains("价格 40%"), "{}", tender.award_criteria_details);
    assert_eq!(tender.minimum_quotes, 3);
    assert_eq!(tender.draw_commitment, Commitment::of(&secret()));
    let release = serde_json::to_value(&log.releases()[0]).unwrap();
    assert_eq!(release["planning"]["budget"]["description"], "2026年度环保专项");
    assert_eq!(release["tender"]["selectionMethod"]["method"], "best_value");
    assert_eq!(release["tender"]["mainProcurementCategory"], "services");
    assert_eq!(release["tender"]["items"][0]["classification"]["id"], "HP-001");
}

#[test]
fn amounts_are_yuan_to_the_fen() {
    let yuan = |fen: i64| serde_json::to_string(&Value::from(Money::from_fen(fen))).unwrap();
    assert_eq!(yuan(8_000_000), r#"{"amount":80000.0,"currency":"CNY"}"#);
    assert_eq!(yuan(12_345), r#"{"amount":123.45,"currency":"CNY"}"#);
    assert_eq!(yuan(1), r#"{"amount":0.01,"currency":"CNY"}"#);
    assert_eq!(yuan(99_999_999_999_999), r#"{"amount":999999999999.99,"currency":"CNY"}"#);
    let log = Log::create(json!({ "method": "lowest_price" }), false).publish().quoted().closed();
    let release = serde_json::to_value(log.releases().last().unwrap()).unwrap();
    assert_eq!(release["tender"]["value"]["amount"], 100_000.0);
    assert_eq!(release["awards"][0]["value"]["amount"], 78_000.0, "the lowest price wins");
}

#[test]
fn an_upheld_objection_cancels_the_award_and_the_next_one_follows() {
    let mut log = Log::create(json!({ "method": "random_draw" }), false).publish().quoted().closed();
    let first = log.p().winner().unwrap().id;
    let loser = log.p().quotes.iter().find(|q| q.id != first).unwrap().provider.0.as_u128();
    let t = log.p().publicity_ends_at.unwrap() - Duration::hours(1);
    let objection = uuid(400);
    log.run(Command::FileObjection { objection, reason: text("资质造假") }, provider_actor(loser), t);
    let uphold = Command::UpholdObjection { objection, reason: text("属实"), disqualify: Some(first) };
    log.run(uphold, supervisor(), t);
    let releases = log.releases();
    let last = releases.last().unwrap();
    assert_eq!(last.tag, [ReleaseTag::AwardCancellation, ReleaseTag::Award]);
    let statuses: Vec<AwardStatus> = last.awards.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [AwardStatus::Cancelled, AwardStatus::Pending]);
    assert_ne!(last.awards[0].id, last.awards[1].id);
    assert_eq!(last.awards[0].date, releases[2].date, "the voided award keeps its date");
}

#[test]
fn failures_and_cancellations_update_the_tender() {
    let failed = Log::create(json!({ "method": "random_draw" }), true).publish().closed();
    let last = failed.releases().pop().unwrap();
    assert_eq!(
        (last.tag.as_slice(), last.tender.status),
        ([ReleaseTag::TenderUpdate].as_slice(), TenderStatus::Unsuccessful)
    );
    assert_eq!(last.tender.number_of_tenderers, Some(0));

    let mut cancelled = Log::create(json!({ "method": "random_draw" }), false).publish();
    cancelled.run(Command::Cancel { reason: text("项目取消") }, cancelled.buyer(), monday());
    let last = cancelled.releases().pop().unwrap();
    assert_eq!(
        (last.tag.as_slice(), last.tender.status),
        ([ReleaseTag::TenderCancellation].as_slice(), TenderStatus::Cancelled)
    );

    let mut draft = Log::create(json!({ "method": "random_draw" }), false);
    draft.run(Command::Cancel { reason: text("不再需要") }, draft.buyer(), monday());
    assert!(draft.releases().is_empty(), "a draft is never published");
    assert_eq!(releasing(None, &draft.events), Vec::<usize>::new());
}

#[test]
fn releasing_names_the_events_that_make_releases() {
    let log = Log::create(json!({ "method": "random_draw" }), false).publish().quoted().closed();
    // Created, published, three quotes, closed, selected.
    assert_eq!(releasing(None, &log.events), [1, 5, 6]);
    let published = Project::from_events(&log.events[..2]).unwrap();
    assert_eq!(releasing(Some(&published), &log.events[2..]), [3, 4]);
}

#[test]
fn a_record_compiles_to_its_last_release() {
    let log = Log::create(json!({ "method": "random_draw" }), false).publish().quoted().closed();
    let releases = log.releases();
    let record = Record::compile(releases.clone()).unwrap();
    assert_eq!(record.compiled_release.tag, [ReleaseTag::Compiled]);
    assert_eq!(record.compiled_release.id, format!("{}-compiled", record.ocid));
    assert_eq!(record.compiled_release.awards, releases.last().unwrap().awards);
    assert_eq!(record.releases, releases);
    assert!(Record::compile(Vec::new()).is_none());
}

#[test]
fn an_ocid_names_its_project() {
    let id = ProjectId(uuid(500));
    assert_eq!(parse_ocid(&ocid(id)), Ok(id));
    assert_eq!(ocid(id), "ocds-zjzjcs-00000000-0000-0000-0000-0000000001f4");
    assert_eq!(parse_ocid("ocds-abcdef-00000000-0000-0000-0000-0000000001f4"), Err(OcidError::Prefix));
    assert_eq!(parse_ocid("ocds-zjzjcs-42"), Err(OcidError::Id));
    assert_eq!(parse_ocid("ocds-zjzjcs00000000-0000-0000-0000-0000000001f4"), Err(OcidError::Prefix));
}
