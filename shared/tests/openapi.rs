//! The OpenAPI schemas of the domain's types against what serde really writes: representative
//! values of every major type are serialized and validated against the schema utoipa generates
//! for their type, with every component it refers to gathered into one document. The objects
//! of that document are closed first, so a field serde writes but the schema does not name
//! fails as surely as a wrong type does.

use chrono::{DateTime, Duration, TimeZone, Utc};
use market_domain::catalogue::{Catalogue, FeeBasis, ServiceItemCode, WorkingDays};
use market_domain::credit::{Blacklisting, CreditContribution, CreditRecord};
use market_domain::draw::Commitment;
use market_domain::fixtures::{
    buyer_actor, context, department, enterprise, item, monday, provider, provider_actor, provider_with,
    secret, supervisor, terms, text, uuid, DEPARTMENT,
};
use market_domain::hex::HexValue;
use market_domain::ids::{AccountId, OrganisationId, ProjectId, QuoteId};
use market_domain::inspection::{InspectionList, InspectionRecord};
use market_domain::locale::Locale;
use market_domain::money::Money;
use market_domain::organisation::OrganisationKind;
use market_domain::project::{
    decide, Actor, Command, Evaluation, Event, Project, ProjectState, QuoteStanding, Requirement,
};
use market_domain::selection::{EligibleQuote, ScoreComponent, SelectionMethod, SelectionRecord};
use market_domain::text::ProjectCode;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use utoipa::ToSchema;

// --- the schema document and its check ----------------------------------------------------------

/// One JSON Schema document: `T`'s schema at the root, every component it refers to under
/// `components/schemas`, where utoipa's `$ref`s point.
fn document<T: ToSchema>() -> Value {
    let mut schemas = vec![(T::name().into_owned(), T::schema())];
    T::schemas(&mut schemas);
    let mut components: Map<String, Value> = schemas
        .into_iter()
        .map(|(name, schema)| (name, serde_json::to_value(schema).expect("a schema serializes")))
        .collect();
    close_objects(&mut components);
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{}", T::name()),
        "components": { "schemas": components },
    })
}

/// Adds `unevaluatedProperties: false` wherever an object's properties are complete: not inside
/// an `allOf` member (serde's `flatten` and tagged newtype variants compose objects that way,
/// and only the composition as a whole names every property), but on the composition itself.
fn close_objects(components: &mut Map<String, Value>) {
    // Components composed into another object stay open, and so does whatever they compose.
    let mut open = BTreeSet::new();
    loop {
        let mut found = BTreeSet::new();
        for (name, schema) in components.iter() {
            composed_refs(schema, open.contains(name), &mut found);
        }
        if found.is_subset(&open) {
            break;
        }
        open.extend(found);
    }
    for (name, schema) in components.iter_mut() {
        close(schema, open.contains(name));
    }
}

/// The components referred to from `schema`'s open positions (`open`: the schema itself is).
fn composed_refs(schema: &Value, open: bool, found: &mut BTreeSet<String>) {
    let Some(object) = schema.as_object() else { return };
    if let Some(target) = object.get("$ref").and_then(Value::as_str).filter(|_| open) {
        found.insert(target.trim_start_matches("#/components/schemas/").to_owned());
    }
    for (keyword, member_open) in [("allOf", true), ("oneOf", open), ("anyOf", open)] {
        for member in object.get(keyword).and_then(Value::as_array).into_iter().flatten() {
            composed_refs(member, member_open, found);
        }
    }
    for child in nested_values(object) {
        composed_refs(child, false, found);
    }
}

fn close(schema: &mut Value, open: bool) {
    let Some(object) = schema.as_object_mut() else { return };
    if !open && (object.contains_key("properties") || object.contains_key("allOf")) {
        object.insert("unevaluatedProperties".to_owned(), Value::Bool(false));
    }
    for (keyword, member_open) in [("allOf", true), ("oneOf", open), ("anyOf", open)] {
        for member in object.get_mut(keyword).and_then(Value::as_array_mut).into_iter().flatten() {
            close(member, member_open);
        }
    }
    let nested: Vec<&mut Value> = object
        .iter_mut()
        .filter(|(keyword, _)| NESTING.contains(&keyword.as_str()))
        .flat_map(|(keyword, value)| match (keyword.as_str(), value) {
            ("properties", Value::Object(properties)) => properties.values_mut().collect(),
            ("prefixItems", Value::Array(items)) => items.iter_mut().collect(),
            (_, value) => vec![value],
        })
        .collect();
    for child in nested {
        close(child, false);
    }
}

/// The keywords under which a schema describes a value nested in its own.
const NESTING: [&str; 4] = ["properties", "items", "prefixItems", "additionalProperties"];

fn nested_values(object: &Map<String, Value>) -> Vec<&Value> {
    NESTING
        .iter()
        .filter_map(|keyword| Some((*keyword, object.get(*keyword)?)))
        .flat_map(|(keyword, value)| match (keyword, value) {
            ("properties", Value::Object(properties)) => properties.values().collect(),
            ("prefixItems", Value::Array(items)) => items.iter().collect(),
            (_, value) => vec![value],
        })
        .collect()
}

/// What is wrong with `instance` as a `T`, one line per error; formats (uuid, date-time, date)
/// are checked too.
fn violations<T: ToSchema>(instance: &Value) -> Vec<String> {
    let schema = document::<T>();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("the schema of {} is not valid JSON Schema: {e}", T::name()));
    validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[track_caller]
fn assert_described<T: ToSchema + Serialize>(value: &T) {
    let instance = serde_json::to_value(value).expect("the value serializes");
    let errors = violations::<T>(&instance);
    assert!(
        errors.is_empty(),
        "{} as serde writes it does not match its schema:\n{}\n{instance:#}",
        T::name(),
        errors.join("\n")
    );
}

// --- values -------------------------------------------------------------------------------------

const PROVIDERS: [u128; 5] = [11, 12, 13, 14, 15];

fn evaluation() -> Evaluation {
    serde_json::from_value(json!({
        "quality": 5, "timeliness": 4, "attitude": 5, "fee_reasonableness": 3, "compliance": 5,
        "comment": "按时高质量完成"
    }))
    .unwrap()
}

/// A department's project taken through its life by `decide`, every event kept.
struct Life {
    project: Project,
    events: Vec<Event>,
}

impl Life {
    fn create(method: Value, code: u32) -> Life {
        let command = Command::CreateDraft {
            id: ProjectId(uuid(500 + u128::from(code))),
            code: ProjectCode::new(2026, code).unwrap(),
            terms: terms(method, json!({ "funding": "department", "budget_line": "2026年度环保专项" })),
            item: item(),
            buyer: department(),
        };
        let events = decide(None, command, &buyer_actor(DEPARTMENT), context(monday())).unwrap();
        let project = Project::from_events(&events).unwrap();
        Life { project, events }
    }

    fn run(&mut self, command: Command, actor: Actor, now: DateTime<Utc>) {
        let events = decide(Some(&self.project), command, &actor, context(now)).unwrap();
        for event in &events {
            self.project.apply(event);
        }
        self.events.extend(events);
    }

    fn buyer(&mut self, command: Command, now: DateTime<Utc>) {
        self.run(command, buyer_actor(DEPARTMENT), now);
    }

    fn winner(&self) -> Actor {
        provider_actor(self.project.winner().unwrap().provider.0.as_u128())
    }

    fn quote(&mut self, id: u128, provider: u128, price_fen: i64, days: u16) {
        let command = Command::SubmitQuote {
            quote: QuoteId(uuid(id)),
            price: Money::from_fen(price_fen),
            promised_days: WorkingDays::new(days).unwrap(),
            provider: self::provider(provider),
        };
        self.run(command, provider_actor(provider), monday() + Duration::hours(1));
    }

    /// Closes bidding with every provider but the last in good standing.
    fn close(&mut self) {
        let standings = PROVIDERS
            .iter()
            .map(|&id| QuoteStanding {
                provider: OrganisationId(uuid(id)),
                in_good_standing: id != PROVIDERS[4],
                rating: (id % 2 == 0).then_some(460),
                credit_score: 100 + id as i32,
            })
            .collect();
        let after_close = self.project.closes_at.unwrap() + Duration::minutes(1);
        self.run(Command::CloseBidding { secret: secret(), standings }, Actor::SYSTEM, after_close);
    }
}

fn best_value() -> Value {
    json!({ "method": "best_value", "price": 40, "time": 20, "rating": 20, "credit": 20 })
}

/// A project rated after everything a project can go through: an edited draft, a replaced and
/// a withdrawn quote, a question, a provider excluded at close, a rejected and an upheld
/// objection (so a voided selection), a returned delivery — with every event on the way.
fn rated() -> Life {
    let mut life = Life::create(best_value(), 1);
    let mut edited = life.project.terms.clone();
    edited.budget_cap = Money::from_fen(9_000_000);
    life.buyer(Command::EditDraft { terms: edited, item: item(), buyer: department() }, monday());
    life.buyer(Command::Publish { commitment: Commitment::of(&secret()), item: item() }, monday());
    for (i, &provider) in PROVIDERS.iter().enumerate() {
        life.quote(200 + provider, provider, 8_000_000 - i as i64 * 100_000, 20 + i as u16);
    }
    life.quote(300, PROVIDERS[0], 7_500_000, 18);
    let p4 = provider_actor(PROVIDERS[3]);
    let bidding = monday() + Duration::hours(2);
    life.run(Command::WithdrawQuote { quote: QuoteId(uuid(200 + PROVIDERS[3])) }, p4, bidding);
    let question = Command::AskQuestion { question: uuid(700), text: text("是否需要现场踏勘？") };
    life.run(question, p4, bidding);
    life.buyer(Command::AnswerQuestion { question: uuid(700), answer: text("需要") }, bidding);
    life.close();
    assert_eq!(life.project.state, ProjectState::Selected);

    let during_publicity = life.project.publicity_ends_at.unwrap() - Duration::hours(1);
    let loser = life.project.quotes.iter().find(|q| Some(q.id) != life.project.winner().map(|w| w.id));
    let objector = provider_actor(loser.unwrap().provider.0.as_u128());
    for objection in [701, 702] {
        let file = Command::FileObjection { objection: uuid(objection), reason: text("评分有误") };
        life.run(file, objector, during_publicity);
    }
    let reject = Command::RejectObjection { objection: uuid(701), reason: text("理由不成立") };
    life.run(reject, supervisor(), during_publicity);
    let uphold =
        Command::UpholdObjection { objection: uuid(702), reason: text("重新评审"), disqualify: None };
    life.run(uphold, supervisor(), during_publicity);
    assert_eq!(life.project.voided_selections.len(), 1);

    let after = life.project.publicity_ends_at.unwrap() + Duration::minutes(1);
    let price = life.project.winner().unwrap().price;
    life.buyer(Command::ProposeContract { price }, after);
    life.run(Command::SignContract, life.winner(), after);
    life.run(Command::StartService, life.winner(), after);
    life.run(Command::SubmitDelivery { summary: text("环评报告书初稿") }, life.winner(), after);
    life.buyer(Command::ReturnDelivery { reason: text("缺少附图") }, after);
    // Delivered a week after the contract's deadline: overdue.
    let late = life.project.contract.as_ref().unwrap().deadline.unwrap() + Duration::days(7);
    life.run(Command::SubmitDelivery { summary: text("环评报告书终稿") }, life.winner(), late);
    life.buyer(Command::AcceptDelivery, late);
    life.buyer(Command::Evaluate { evaluation: evaluation() }, late);
    assert_eq!(life.project.state, ProjectState::Rated);
    life
}

/// A department's project with two quotes where three are needed: it fails at close.
fn failed() -> Life {
    let mut life = Life::create(json!({ "method": "random_draw" }), 2);
    life.buyer(Command::Publish { commitment: Commitment::of(&secret()), item: item() }, monday());
    life.quote(401, PROVIDERS[0], 8_000_000, 20);
    life.quote(402, PROVIDERS[1], 7_000_000, 20);
    life.close();
    assert_eq!(life.project.state, ProjectState::Failed);
    life
}

fn cancelled() -> Life {
    let mut life = Life::create(json!({ "method": "lowest_price" }), 3);
    life.buyer(Command::Cancel { reason: text("项目取消") }, monday());
    assert_eq!(life.project.state, ProjectState::Cancelled);
    life
}

fn eligible_quotes() -> Vec<EligibleQuote> {
    (0..4u16)
        .map(|i| EligibleQuote {
            quote_id: QuoteId(uuid(200 + u128::from(i))),
            provider_id: OrganisationId(uuid(11 + u128::from(i))),
            // Two equal prices, so the lowest-price method draws between them.
            price: Money::from_fen(7_000_000 + i64::from(i / 2) * 500_000),
            promised_days: WorkingDays::new(20 + i).unwrap(),
            rating: (i != 0).then_some(300 + 50 * i),
            credit_score: 90 + i32::from(i),
        })
        .collect()
}

// --- the checks ---------------------------------------------------------------------------------

#[test]
fn a_rated_project_and_every_event_of_its_life_match_their_schemas() {
    let life = rated();
    assert_described(&life.project);
    for event in &life.events {
        assert_described(event);
    }
}

#[test]
fn every_event_kind_is_checked() {
    let lives = [rated(), failed(), cancelled()];
    let kinds: BTreeSet<String> = lives
        .iter()
        .flat_map(|life| &life.events)
        .map(|event| serde_json::to_value(event).unwrap()["event"].as_str().unwrap().to_owned())
        .collect();
    let expected = [
        "bidding_closed",
        "cancelled",
        "contract_proposed",
        "contract_signed",
        "delivery_accepted",
        "delivery_returned",
        "delivery_submitted",
        "draft_created",
        "draft_edited",
        "evaluated",
        "failed",
        "objection_filed",
        "objection_rejected",
        "objection_upheld",
        "published",
        "question_answered",
        "question_asked",
        "quote_submitted",
        "quote_withdrawn",
        "selected",
        "service_started",
    ];
    assert_eq!(kinds, expected.map(str::to_owned).into_iter().collect());
    for life in &lives[1..] {
        assert_described(&life.project);
        for event in &life.events {
            assert_described(event);
        }
    }
}

#[test]
fn a_selection_record_of_every_method_matches_its_schema() {
    let methods = [
        json!({ "method": "direct_choice" }),
        json!({ "method": "random_draw" }),
        json!({ "method": "lowest_price" }),
        best_value(),
        json!({ "method": "reasonable_price" }),
    ];
    let quotes = eligible_quotes();
    for method in methods {
        let method: SelectionMethod = serde_json::from_value(method).unwrap();
        let direct = matches!(method, SelectionMethod::DirectChoice).then_some(quotes[2].quote_id);
        let commitment = Commitment::of(&secret());
        let record =
            SelectionRecord::new("ZJ-2026-000001", method, commitment, secret(), quotes.clone(), direct)
                .unwrap();
        assert_described(&record);
    }
}

#[test]
fn organisations_of_every_kind_match_their_schema() {
    assert_described(&enterprise());
    assert_described(&department());
    for status in [
        json!({ "status": "pending" }),
        json!({ "status": "approved" }),
        json!({ "status": "rejected", "reason": "资质证书过期" }),
        json!({ "status": "suspended", "reason": "正在调查" }),
    ] {
        // Tied to a department and blacklisted once, so that those lists are checked too.
        let mut provider = provider_with(11, status, "2030-12-31", vec![uuid(DEPARTMENT + 100)]);
        let OrganisationKind::Provider(profile) = &mut provider.kind else { unreachable!() };
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
        profile.blacklistings.push(Blacklisting::new("虚假材料".into(), from, until).unwrap());
        assert_described(&provider);
    }
}

#[test]
fn the_catalogue_matches_its_schema() {
    // The fixture's item is market-priced; a government-guided one has a fee cap.
    let mut capped = item();
    capped.code = ServiceItemCode::parse("CH-002").unwrap();
    capped.fee_basis = FeeBasis::GovernmentGuided;
    capped.fee_standard =
        serde_json::from_value(json!({ "zh": "按工作量计费", "en": "By workload" })).unwrap();
    capped.fee_cap = Some(Money::from_fen(20_000_000));
    assert_described(&item());
    assert_described(&capped);
    assert_described(&Catalogue::new(vec![item(), capped]).unwrap());
}

#[test]
fn every_kind_of_requirement_matches_its_schema() {
    for requirement in [
        json!({ "kind": "qualification", "value": "EIA_ENGINEER" }),
        json!({ "kind": "region", "value": "杭州" }),
        json!({ "kind": "local_office", "value": "杭州" }),
        json!({ "kind": "provider_cap", "value": 5 }),
        json!({ "kind": "other", "value": "近三年业绩" }),
    ] {
        assert_described(&serde_json::from_value::<Requirement>(requirement).unwrap());
    }
}

#[test]
fn a_credit_record_with_every_reason_matches_its_schema() {
    let project = ProjectId(uuid(500));
    let at = monday();
    let mut record = CreditRecord::new(OrganisationId(uuid(11)));
    record.contributions = vec![
        evaluation().contribution(project, at),
        CreditContribution::overdue(project, 3, at),
        CreditContribution::upheld_objection(project, at),
        CreditContribution::violation("围标串标".to_owned(), -30, at).unwrap(),
    ];
    assert_described(&record);
    assert_described(&Blacklisting::new("虚假材料".to_owned(), at, at + Duration::days(180)).unwrap());
}

#[test]
fn an_inspection_record_matches_its_schema() {
    let providers = PROVIDERS.iter().map(|&id| OrganisationId(uuid(id))).collect();
    let inspectors = (0..4).map(|i| AccountId(uuid(900 + i))).collect();
    let record = InspectionRecord::new(
        "2026年第一季度双随机检查",
        Commitment::of(&secret()),
        secret(),
        providers,
        2,
        inspectors,
        2,
    )
    .unwrap();
    assert_described(&record);
}

#[test]
fn the_small_enumerations_match_their_schemas() {
    assert_described(&Locale::Zh);
    assert_described(&Locale::En);
    for value in [HexValue::Secret, HexValue::Commitment, HexValue::Seed] {
        assert_described(&value);
    }
    for component in
        [ScoreComponent::Price, ScoreComponent::Time, ScoreComponent::Rating, ScoreComponent::Credit]
    {
        assert_described(&component);
    }
    assert_described(&InspectionList::Providers);
    assert_described(&InspectionList::Inspectors);
    assert_eq!(violations::<Locale>(&json!("zh")).len(), 1);
}

// --- the check itself can fail ------------------------------------------------------------------

/// Written as a hex string, but described by the derive as what the Rust type holds.
#[derive(Clone, Serialize, ToSchema)]
#[serde(into = "String")]
struct HexWithoutValueType([u8; 2]);

impl From<HexWithoutValueType> for String {
    fn from(value: HexWithoutValueType) -> Self {
        value.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

#[test]
fn a_schema_saying_array_where_serde_writes_a_string_fails() {
    let instance = serde_json::to_value(HexWithoutValueType([0xab, 0x01])).unwrap();
    assert_eq!(instance, json!("ab01"));
    assert_eq!(violations::<HexWithoutValueType>(&instance), [r#": "ab01" is not of type "array""#]);
}

#[test]
fn a_field_the_schema_does_not_name_fails() {
    let mut instance = serde_json::to_value(rated().project).unwrap();
    instance["contract"]["stamp"] = json!("盖章");
    let errors = violations::<Project>(&instance);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/contract: "), "{errors:?}");
}

#[test]
fn a_wrong_format_or_bound_fails() {
    let mut instance = serde_json::to_value(rated().project).unwrap();
    instance["commitment"] = json!("AB".repeat(32));
    instance["evaluation"]["quality"] = json!(6);
    instance["created_at"] = json!("2 March 2026");
    let errors = violations::<Project>(&instance);
    let paths: Vec<&str> = errors.iter().filter_map(|e| e.split(": ").next()).collect();
    assert_eq!(paths, ["/commitment", "/created_at", "/evaluation"], "{errors:?}");
}

#[test]
fn the_ocds_packages_of_a_rated_and_a_failed_project_match_their_schemas() {
    use market_domain::ocds::{self, Record, RecordPackage, ReleasePackage, Sources};
    let organisations: std::collections::BTreeMap<_, _> = std::iter::once(department())
        .chain(PROVIDERS.iter().map(|&p| provider(p)))
        .map(|o| (o.id, o))
        .collect();
    let item = item();
    for life in [rated(), failed()] {
        let numbered = life.events.iter().enumerate().map(|(i, e)| (i as u64 + 1, e));
        let releases = ocds::releases(numbered, Sources { organisations: &organisations, item: Some(&item) });
        let package = ReleasePackage {
            uri: "https://example.org/api/v1/ocds/releases?limit=20".into(),
            version: ocds::VERSION.into(),
            published_date: releases.last().unwrap().date,
            publisher: Default::default(),
            extensions: vec!["https://example.org/api/v1/ocds/extension/extension.json".into()],
            releases: releases.clone(),
            links: Some(ocds::Links { next: "https://example.org/api/v1/ocds/releases?cursor=x".into() }),
        };
        assert_described(&package);
        let record = Record::compile(releases).unwrap();
        let package = RecordPackage {
            uri: format!("https://example.org/api/v1/ocds/records/{}", record.ocid),
            version: ocds::VERSION.into(),
            published_date: record.compiled_release.date,
            publisher: Default::default(),
            extensions: vec![],
            records: vec![record],
        };
        assert_described(&package);
    }
}
