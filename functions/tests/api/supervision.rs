//! The supervision routes over HTTP: onboarding review, objections, overdue contracts, the
//! catalogue, violations, blacklistings and random inspections — and that only supervisors may
//! call them. Projects are brought to the state a test needs through `lifecycle` directly.

use crate::helpers::{json_of, spawn_app, Party, TestApp};
use chrono::{DateTime, Duration, Utc};
use market_domain::api::ProjectForm;
use market_domain::credit::{CreditContribution, CreditReason, CreditRecord};
use market_domain::ids::{OrganisationId, ProjectId, QuoteId};
use market_domain::inspection::verify_inspection;
use market_domain::organisation::{Organisation, OrganisationKind, ProviderProfile, ProviderStatus};
use market_domain::project::{
    Actor, Command, ObjectionStatus, Project, ProjectState, QuoteStatus, Role, RuleViolation,
};
use market_domain::selection::SelectionMethod;
use market_domain::{Description, Money, ServiceItemCode, WorkingDays};
use market_functions::access::{Allowed, POLICIES, SUPERVISORS};
use market_functions::error::ApiError;
use market_functions::lifecycle;
use market_functions::repo::inspections::Inspection;
use market_functions::repo::notifications::{self, Inbox, NotificationKind};
use market_functions::repo::{self, accounts};
use serde_json::{json, Value};
use uuid::Uuid;

// --- helpers -------------------------------------------------------------------------------------

fn actor(party: &Party) -> Actor {
    Actor { role: party.role, account: Some(party.account), organisation: party.organisation }
}

fn org_id(party: &Party) -> OrganisationId {
    party.organisation.expect("a party with an organisation")
}

async fn organisation(app: &TestApp, id: OrganisationId) -> Organisation {
    accounts::organisation(app.state.store.as_ref(), id).await.unwrap().expect("stored").value
}

fn profile(org: &Organisation) -> &ProviderProfile {
    match &org.kind {
        OrganisationKind::Provider(p) => p,
        other => panic!("not a provider: {other:?}"),
    }
}

async fn pending_provider(app: &TestApp, n: u32) -> Party {
    let profile = app.provider_profile(&["HP-001"], ProviderStatus::Pending).await;
    app.party(Role::Provider, n, OrganisationKind::Provider(profile)).await
}

async fn inbox(app: &TestApp, party: &Party) -> Vec<NotificationKind> {
    let page =
        notifications::inbox(app.state.store.as_ref(), Inbox::Organisation(org_id(party)), None, 100).await;
    page.unwrap().items.into_iter().map(|n| n.kind).collect()
}

async fn pending_queue(app: &TestApp, supervisor: &Party) -> Vec<OrganisationId> {
    let body = json_of(
        app.get("/api/v1/supervision/providers/pending", Some(supervisor)).send().await.unwrap(),
        200,
    )
    .await;
    serde_json::from_value::<Vec<Organisation>>(body["items"].clone()).unwrap().iter().map(|o| o.id).collect()
}

fn fields(body: &Value) -> Vec<&str> {
    body["fields"].as_object().expect("fields").keys().map(String::as_str).collect()
}

/// A lowest-price project for HP-001 by an enterprise, published now (bidding closes after
/// three working days).
async fn published_project(app: &TestApp, buyer: &Party) -> ProjectId {
    let store = app.state.store.as_ref();
    let code = ServiceItemCode::parse("HP-001").unwrap();
    let item = repo::catalogue::item(store, &code).await.unwrap().unwrap();
    let buyer_org = organisation(app, org_id(buyer)).await;
    let terms = ProjectForm {
        item: "HP-001".into(),
        title: "某厂区扩建项目环境影响评价".into(),
        description: "编制环境影响报告书".into(),
        budget_cap: "100,000.00".into(),
        service_days: 20,
        requirements: vec![],
        method: SelectionMethod::LowestPrice,
        budget_line: None,
        bid_window: 3,
    }
    .parse()
    .unwrap();
    let draft = lifecycle::create(&app.state, &actor(buyer), |id, code| {
        Ok(Command::CreateDraft {
            id,
            code,
            terms: terms.clone(),
            item: item.clone(),
            buyer: buyer_org.clone(),
        })
    })
    .await
    .unwrap();
    let (_secret, commitment, keep) = lifecycle::new_secret(draft.id);
    lifecycle::act(&app.state, draft.id, &actor(buyer), |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
    .unwrap();
    draft.id
}

async fn submit_quote(
    app: &TestApp,
    project: ProjectId,
    provider: &Party,
    price: &str,
) -> Result<QuoteId, ApiError> {
    let org = organisation(app, org_id(provider)).await;
    let quote = QuoteId(Uuid::new_v4());
    let price = Money::parse(price).unwrap();
    lifecycle::act(&app.state, project, &actor(provider), |_| {
        Ok((
            Command::SubmitQuote {
                quote,
                price,
                promised_days: WorkingDays::new(5).unwrap(),
                provider: org.clone(),
            },
            Vec::new(),
        ))
    })
    .await?;
    Ok(quote)
}

/// A project selected by lowest price among `quotes`, bidding having closed a day ago.
async fn selected_project(
    app: &TestApp,
    buyer: &Party,
    quotes: &[(&Party, &str)],
) -> (ProjectId, Vec<QuoteId>) {
    let id = published_project(app, buyer).await;
    let mut ids = Vec::new();
    for (provider, price) in quotes {
        ids.push(submit_quote(app, id, provider, price).await.unwrap());
    }
    app.advance(Duration::days(4));
    let project = lifecycle::settle(&app.state, id).await.unwrap();
    assert_eq!(project.state, ProjectState::Selected);
    (id, ids)
}

async fn file_objection(app: &TestApp, project: ProjectId, provider: &Party) -> Uuid {
    let objection = Uuid::new_v4();
    let reason = Description::parse("中选报价低于成本，涉嫌恶意竞争").unwrap();
    lifecycle::act(&app.state, project, &actor(provider), |_| {
        Ok((Command::FileObjection { objection, reason: reason.clone() }, Vec::new()))
    })
    .await
    .unwrap();
    objection
}

async fn project(app: &TestApp, id: ProjectId) -> Project {
    repo::projects::get(app.state.store.as_ref(), id).await.unwrap().unwrap()
}

// --- access --------------------------------------------------------------------------------------

#[tokio::test]
async fn every_supervision_route_refuses_providers_and_the_anonymous() {
    let app = spawn_app().await;
    let provider = app.provider(1, &["HP-001"]).await;
    let routes: Vec<_> = POLICIES.iter().filter(|p| p.allowed == Allowed::Only(SUPERVISORS)).collect();
    assert_eq!(routes.len(), 11);
    let some_id = Uuid::new_v4().to_string();
    for policy in routes {
        let path = policy
            .path
            .replace("{id}", &some_id)
            .replace("{objection}", &some_id)
            .replace("{code}", "HP-001");
        for (party, status) in [(Some(&provider), 403), (None, 401)] {
            let mut request = app.client.request(policy.method.clone(), app.url(&path));
            if let Some(p) = party {
                request = request.bearer_auth(&p.token);
            }
            if policy.method != axum::http::Method::GET {
                request = request.json(&json!({}));
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), status, "{} {}", policy.method, policy.path);
        }
    }
}

#[tokio::test]
async fn every_supervision_route_is_described_as_signed_in() {
    let app = spawn_app().await;
    let doc = json_of(app.get("/api/v1/openapi.json", None).send().await.unwrap(), 200).await;
    for policy in POLICIES.iter().filter(|p| p.allowed == Allowed::Only(SUPERVISORS)) {
        let operation = &doc["paths"][policy.path][policy.method.as_str().to_lowercase()];
        assert_eq!(operation["security"], json!([{"bearer": []}]), "{} {}", policy.method, policy.path);
        assert!(operation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{}", policy.path);
        assert!(operation["responses"]["403"].is_object(), "{}", policy.path);
    }
    for path in ["/api/v1/inspections", "/api/v1/inspections/{id}"] {
        let operation = &doc["paths"][path]["get"];
        assert_eq!(operation["security"], Value::Null, "{path}");
        assert!(operation["responses"]["200"].is_object(), "{path}");
    }
}

// --- onboarding ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_supervisor_reviews_the_onboarding_queue() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    app.provider(1, &["HP-001"]).await;
    let first = pending_provider(&app, 2).await;
    app.advance(Duration::minutes(1));
    let second = pending_provider(&app, 3).await;
    assert_eq!(pending_queue(&app, &supervisor).await, [org_id(&first), org_id(&second)]);

    // Approving takes the provider out of the queue and tells it.
    let path = format!("/api/v1/supervision/providers/{}/approve", org_id(&first));
    let body = json_of(app.post(&path, Some(&supervisor), &json!({})).send().await.unwrap(), 200).await;
    let approved: Organisation = serde_json::from_value(body).unwrap();
    assert_eq!(profile(&approved).status, ProviderStatus::Approved);
    assert_eq!(profile(&organisation(&app, org_id(&first)).await).status, ProviderStatus::Approved);
    assert_eq!(pending_queue(&app, &supervisor).await, [org_id(&second)]);
    assert_eq!(inbox(&app, &first).await, [NotificationKind::ProviderApproved]);

    // A decided registration is not decided again.
    let body = json_of(app.post(&path, Some(&supervisor), &json!({})).send().await.unwrap(), 422).await;
    assert_eq!(body["code"], "invalid");
    assert_eq!(fields(&body), ["status"]);
    assert_eq!(body["fields"]["status"][0], "只有待审核的中介机构可以审核通过或驳回，该机构已通过审核");
    assert_eq!(inbox(&app, &first).await.len(), 1);

    // A rejection must say why.
    let path = format!("/api/v1/supervision/providers/{}/reject", org_id(&second));
    let body =
        json_of(app.post(&path, Some(&supervisor), &json!({"text": "  "})).send().await.unwrap(), 422).await;
    assert_eq!(fields(&body), ["text"]);
    assert_eq!(pending_queue(&app, &supervisor).await, [org_id(&second)]);
    let reason = "资质证书扫描件无法辨认";
    let body =
        json_of(app.post(&path, Some(&supervisor), &json!({"text": reason})).send().await.unwrap(), 200)
            .await;
    let rejected: Organisation = serde_json::from_value(body).unwrap();
    assert_eq!(profile(&rejected).status, ProviderStatus::Rejected { reason: reason.into() });
    assert_eq!(pending_queue(&app, &supervisor).await, Vec::<OrganisationId>::new());
    assert_eq!(inbox(&app, &second).await, [NotificationKind::ProviderRejected]);
    let approve_rejected = format!("/api/v1/supervision/providers/{}/approve", org_id(&second));
    let response = app.post(&approve_rejected, Some(&supervisor), &json!({})).send().await.unwrap();
    assert_eq!(fields(&json_of(response, 422).await), ["status"]);

    // Only providers are reviewed.
    let enterprise = app.enterprise(4).await;
    for id in [org_id(&enterprise), OrganisationId(Uuid::new_v4())] {
        let path = format!("/api/v1/supervision/providers/{id}/approve");
        let body = json_of(app.post(&path, Some(&supervisor), &json!({})).send().await.unwrap(), 404).await;
        assert_eq!(body["code"], "not_found");
    }
}

// --- objections ----------------------------------------------------------------------------------

#[tokio::test]
async fn a_supervisor_upholds_and_rejects_objections() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let buyer = app.enterprise(1).await;
    let (cheapest, second, third) = (
        app.provider(2, &["HP-001"]).await,
        app.provider(3, &["HP-001"]).await,
        app.provider(4, &["HP-001"]).await,
    );
    let (id, quotes) = selected_project(
        &app,
        &buyer,
        &[(&cheapest, "30,000.00"), (&second, "40,000.00"), (&third, "45,000.00")],
    )
    .await;
    assert_eq!(project(&app, id).await.winner().unwrap().id, quotes[0]);

    let objection = file_objection(&app, id, &second).await;
    let body =
        json_of(app.get("/api/v1/supervision/objections", Some(&supervisor)).send().await.unwrap(), 200)
            .await;
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["project"], id.to_string());
    assert_eq!(items[0]["objection"]["id"], objection.to_string());
    assert_eq!(items[0]["objection"]["filed_by"], org_id(&second).to_string());
    assert_eq!(body["next"], Value::Null);

    // Upheld with the winner disqualified: selected again without it, the next lowest price wins.
    let uphold = format!("/api/v1/projects/{id}/objections/{objection}/uphold");
    let form = json!({"reason": "中选报价低于成本", "disqualify": quotes[0]});
    let body = json_of(app.post(&uphold, Some(&supervisor), &form).send().await.unwrap(), 200).await;
    assert_eq!(body["quotes_sealed"], false);
    let after: Project = serde_json::from_value(body["project"].clone()).unwrap();
    assert_eq!(after.state, ProjectState::Selected);
    assert_eq!(after.winner().unwrap().id, quotes[1]);
    assert_eq!(after.winner().unwrap().provider, org_id(&second));
    assert_eq!(after.voided_selections.len(), 1);
    assert_eq!(after.quote(quotes[0]).unwrap().status, QuoteStatus::Disqualified);
    assert_eq!(
        after.objections[0].status,
        ObjectionStatus::Upheld {
            reason: Description::parse("中选报价低于成本").unwrap(),
            disqualified: Some(quotes[0])
        }
    );
    assert_eq!(project(&app, id).await, after);
    let record = accounts::credit_record(app.state.store.as_ref(), org_id(&cheapest)).await.unwrap();
    assert_eq!(record.score(), 90);
    assert_eq!(
        record.contributions,
        [CreditContribution {
            at: app.clock_now(),
            reason: CreditReason::UpheldObjection { project: id },
            points: -10
        }]
    );
    let body =
        json_of(app.get("/api/v1/supervision/objections", Some(&supervisor)).send().await.unwrap(), 200)
            .await;
    assert_eq!(body["items"], json!([]));

    // Rejected: the selection stands.
    let objection = file_objection(&app, id, &third).await;
    let reject = format!("/api/v1/projects/{id}/objections/{objection}/reject");
    let body =
        json_of(app.post(&reject, Some(&supervisor), &json!({"text": ""})).send().await.unwrap(), 422).await;
    assert_eq!(fields(&body), ["text"]);
    let form = json!({"text": "报价均在限价以内，未发现违规"});
    let body = json_of(app.post(&reject, Some(&supervisor), &form).send().await.unwrap(), 200).await;
    let after: Project = serde_json::from_value(body["project"].clone()).unwrap();
    assert_eq!(after.winner().unwrap().id, quotes[1]);
    assert_eq!(
        after.objections[1].status,
        ObjectionStatus::Rejected {
            reason: Description::parse("报价均在限价以内，未发现违规").unwrap()
        }
    );
    assert_eq!(
        accounts::credit_record(app.state.store.as_ref(), org_id(&second)).await.unwrap().score(),
        100
    );

    // Decided objections and unknown projects.
    let body = json_of(app.post(&reject, Some(&supervisor), &form).send().await.unwrap(), 422).await;
    assert_eq!(body["code"], "rule_violation");
    assert_eq!(body["message"], "没有待处理的该项异议");
    let nowhere = format!("/api/v1/projects/{}/objections/{objection}/reject", Uuid::new_v4());
    json_of(app.post(&nowhere, Some(&supervisor), &form).send().await.unwrap(), 404).await;
}

// --- contracts -----------------------------------------------------------------------------------

#[tokio::test]
async fn contracts_past_their_deadline_are_listed_as_overdue() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let (id, _) = selected_project(&app, &buyer, &[(&provider, "30,000.00")]).await;
    app.advance(Duration::days(7));
    let price = Money::parse("28,000.00").unwrap();
    lifecycle::act(&app.state, id, &actor(&buyer), |_| Ok((Command::ProposeContract { price }, Vec::new())))
        .await
        .unwrap();
    let signed =
        lifecycle::act(&app.state, id, &actor(&provider), |_| Ok((Command::SignContract, Vec::new())))
            .await
            .unwrap();
    let deadline: DateTime<Utc> = signed.contract.as_ref().unwrap().deadline.unwrap();

    let overdue = || async {
        json_of(app.get("/api/v1/supervision/overdue", Some(&supervisor)).send().await.unwrap(), 200).await
    };
    assert_eq!(overdue().await["items"], json!([]));
    app.advance(deadline - app.clock_now() + Duration::minutes(1));
    let body = overdue().await;
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["project"], id.to_string());
    assert_eq!(items[0]["state"], "contracted");
    assert_eq!(items[0]["contract"]["provider"], org_id(&provider).to_string());
    assert_eq!(
        serde_json::from_value::<DateTime<Utc>>(items[0]["contract"]["deadline"].clone()).unwrap(),
        deadline
    );
}

// --- the catalogue -------------------------------------------------------------------------------

#[tokio::test]
async fn a_supervisor_edits_the_catalogue() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let catalogue = json_of(app.get("/api/v1/catalog", None).send().await.unwrap(), 200).await;
    let mut item =
        catalogue["items"].as_array().unwrap().iter().find(|i| i["code"] == "HP-001").unwrap().clone();
    item["time_limit"] = json!(30);

    let body =
        json_of(app.put("/api/v1/catalog/HP-002", Some(&supervisor), &item).send().await.unwrap(), 422).await;
    assert_eq!(fields(&body), ["code"]);
    assert_eq!(body["fields"]["code"][0], "服务事项编码 HP-001 与地址中的 HP-002 不一致");

    let mut bad = item.clone();
    bad["time_limit"] = json!(0);
    let body =
        json_of(app.put("/api/v1/catalog/HP-001", Some(&supervisor), &bad).send().await.unwrap(), 400).await;
    assert_eq!(body["code"], "malformed");
    json_of(app.put("/api/v1/catalog/hp-1", Some(&supervisor), &item).send().await.unwrap(), 404).await;

    let body =
        json_of(app.put("/api/v1/catalog/HP-001", Some(&supervisor), &item).send().await.unwrap(), 200).await;
    assert_eq!(body, item);
    let catalogue = json_of(app.get("/api/v1/catalog", None).send().await.unwrap(), 200).await;
    let listed = catalogue["items"].as_array().unwrap().iter().find(|i| i["code"] == "HP-001").unwrap();
    assert_eq!(listed["time_limit"], 30);
    assert_eq!(*listed, item);
}

// --- credit --------------------------------------------------------------------------------------

#[tokio::test]
async fn a_violation_costs_the_provider_its_points() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let path = format!("/api/v1/providers/{}/violations", org_id(&provider));
    let form = json!({"description": "承诺时限内未提交成果且未说明理由", "deducted": 5});
    let body = json_of(app.post(&path, Some(&supervisor), &form).send().await.unwrap(), 201).await;
    let record: CreditRecord = serde_json::from_value(body).unwrap();
    assert_eq!(record.provider, org_id(&provider));
    assert_eq!(record.score(), 95);
    assert_eq!(
        record.contributions,
        [CreditContribution {
            at: app.clock_now(),
            reason: CreditReason::Violation {
                description: "承诺时限内未提交成果且未说明理由".into()
            },
            points: -5,
        }]
    );

    for deducted in [0, 51, -3] {
        let form = json!({"description": "违规", "deducted": deducted});
        let body = json_of(app.post(&path, Some(&supervisor), &form).send().await.unwrap(), 422).await;
        assert_eq!(fields(&body), ["deducted"], "{deducted}");
    }
    let record = accounts::credit_record(app.state.store.as_ref(), org_id(&provider)).await.unwrap();
    assert_eq!(record.score(), 95);

    let enterprise = app.enterprise(3).await;
    for id in [org_id(&enterprise), OrganisationId(Uuid::new_v4())] {
        let path = format!("/api/v1/providers/{id}/violations");
        json_of(app.post(&path, Some(&supervisor), &form).send().await.unwrap(), 404).await;
    }
}

#[tokio::test]
async fn a_blacklisted_provider_may_not_quote() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let project = published_project(&app, &buyer).await;
    let path = format!("/api/v1/providers/{}/blacklistings", org_id(&provider));

    let past = json!({"reason": "提供虚假资质材料", "until": "2026-01-01"});
    let body = json_of(app.post(&path, Some(&supervisor), &past).send().await.unwrap(), 422).await;
    assert_eq!(fields(&body), ["until"]);

    let form = json!({"reason": "提供虚假资质材料", "until": "2027-06-30"});
    let body = json_of(app.post(&path, Some(&supervisor), &form).send().await.unwrap(), 201).await;
    let blacklisted: Organisation = serde_json::from_value(body).unwrap();
    let until = DateTime::parse_from_rfc3339("2027-06-29T16:00:00Z").unwrap().with_timezone(&Utc);
    let blacklistings = &profile(&blacklisted).blacklistings;
    assert_eq!(blacklistings.len(), 1);
    assert_eq!(
        (blacklistings[0].reason.as_str(), blacklistings[0].from, blacklistings[0].until),
        ("提供虚假资质材料", app.clock_now(), until)
    );
    assert_eq!(organisation(&app, org_id(&provider)).await, blacklisted);
    assert_eq!(inbox(&app, &provider).await, [NotificationKind::Blacklisted]);

    match submit_quote(&app, project, &provider, "30,000.00").await {
        Err(ApiError::Rule(violation)) => assert_eq!(violation, RuleViolation::ProviderBlacklisted(until)),
        other => panic!("a blacklisted provider quoted: {other:?}"),
    }
    let enterprise = app.enterprise(3).await;
    let path = format!("/api/v1/providers/{}/blacklistings", org_id(&enterprise));
    json_of(app.post(&path, Some(&supervisor), &form).send().await.unwrap(), 404).await;
}

// --- random inspections --------------------------------------------------------------------------

#[tokio::test]
async fn a_random_inspection_draws_among_providers_in_good_standing_and_is_public() {
    let app = spawn_app().await;
    let supervisors = [app.supervisor(1).await, app.supervisor(2).await];
    let mut eligible = Vec::new();
    for n in 1..=4 {
        eligible.push(org_id(&app.provider(n, &["HP-001"]).await));
    }
    eligible.sort();
    pending_provider(&app, 5).await;
    let blacklisted = app.provider(6, &["HP-001"]).await;
    let path = format!("/api/v1/providers/{}/blacklistings", org_id(&blacklisted));
    let form = json!({"reason": "提供虚假资质材料", "until": "2027-06-30"});
    json_of(app.post(&path, Some(&supervisors[0]), &form).send().await.unwrap(), 201).await;

    for providers in [0, 5] {
        let form = json!({"label": "2026年第一季度双随机抽查", "providers": providers});
        let response = app.post("/api/v1/inspections", Some(&supervisors[0]), &form).send().await.unwrap();
        assert_eq!(fields(&json_of(response, 422).await), ["providers"], "{providers}");
    }

    let form = json!({"label": "2026年第一季度双随机抽查", "providers": 2});
    let body =
        json_of(app.post("/api/v1/inspections", Some(&supervisors[0]), &form).send().await.unwrap(), 201)
            .await;
    let first: Inspection = serde_json::from_value(body).unwrap();
    let record = &first.record;
    assert_eq!(first.drawn_at, app.clock_now());
    assert_eq!(record.label, "2026年第一季度双随机抽查");
    assert_eq!(record.providers, eligible);
    assert_eq!((record.provider_count, record.inspector_count), (2, 1));
    let mut inspectors: Vec<_> = supervisors.iter().map(|s| s.account).collect();
    inspectors.sort();
    let mut listed = record.inspectors.clone();
    listed.sort();
    assert_eq!(listed, inspectors);
    assert_eq!(verify_inspection(record), Ok(record.draw.clone()));
    assert_eq!(record.draw.providers.len(), 2);
    assert!(record.draw.providers.iter().all(|p| eligible.contains(p)));
    assert_ne!(record.draw.providers[0], record.draw.providers[1]);
    assert!(inspectors.contains(&record.draw.inspectors[0]));

    // Everyone reads every inspection, newest first.
    app.advance(Duration::minutes(5));
    let form = json!({"label": "2026年第二季度双随机抽查", "providers": 4});
    let body =
        json_of(app.post("/api/v1/inspections", Some(&supervisors[1]), &form).send().await.unwrap(), 201)
            .await;
    let second: Inspection = serde_json::from_value(body).unwrap();
    let mut drawn = second.record.draw.providers.clone();
    drawn.sort();
    assert_eq!(drawn, eligible);

    let body = json_of(app.get("/api/v1/inspections", None).send().await.unwrap(), 200).await;
    let page: Vec<Inspection> = serde_json::from_value(body["items"].clone()).unwrap();
    assert_eq!(page, [second.clone(), first.clone()]);
    let path = format!("/api/v1/inspections/{}", first.id);
    let body = json_of(app.get(&path, None).send().await.unwrap(), 200).await;
    assert_eq!(serde_json::from_value::<Inspection>(body).unwrap(), first);
    let path = format!("/api/v1/inspections/{}", Uuid::new_v4());
    json_of(app.get(&path, None).send().await.unwrap(), 404).await;
}
