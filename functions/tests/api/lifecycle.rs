//! A project's life over HTTP, as its buyer and its providers live it: drafted, edited and
//! published; quoted on (a quote replaced), questioned and answered; closed by time and selected
//! (lowest price, random draw — failing with too few quotes — or the buyer's direct choice);
//! objected to; contracted, served, delivered, accepted and rated, with the credit and the
//! notifications that follow.

use crate::helpers::{json_of, spawn_app, Party, TestApp};
use chrono::Duration;
use market_domain::api::ProjectView;
use market_domain::ids::ProjectId;
use market_functions::access::{self, Viewer};
use market_functions::lifecycle;
use market_functions::repo::accounts::credit_record;
use market_functions::repo::notifications::{inbox, Inbox, NotificationKind};
use serde_json::{json, Value};

/// Bid windows and publicity are working days: from Monday 2 March 2026, 09:00 in Shanghai, a
/// three-day window closes at the end of Thursday 5 March, and publicity after a close then
/// ends at the end of Wednesday 11 March.
pub const CLOSES_AT: &str = "2026-03-05T16:00:00Z";
pub const PUBLICITY_ENDS_AT: &str = "2026-03-11T16:00:00Z";

/// Terms of an HP-001 project (environmental impact report) as a form: a 100,000.00 yuan cap,
/// 30 service days, a bid window of 3 working days, an EIA engineer required.
pub fn hp001_form(method: &str) -> Value {
    json!({
        "item": "HP-001",
        "title": "年产十万吨再生纸项目环境影响报告书编制",
        "description": "编制环境影响报告书并配合审批部门技术审查。",
        "budget_cap": "100,000.00",
        "service_days": 30,
        "requirements": [{ "kind": "qualification", "value": "EIA_ENGINEER" }],
        "method": { "method": method },
        "bid_window": 3,
    })
}

/// The same terms paid from a department's budget line.
pub fn department_form(method: &str) -> Value {
    let mut form = hp001_form(method);
    form["budget_line"] = json!("2026年度技术审查专项");
    form
}

pub fn path(id: &str, rest: &str) -> String {
    format!("/api/v1/projects/{id}{rest}")
}

/// Drafts and publishes a project; answers its id.
pub async fn published(app: &TestApp, buyer: &Party, form: &Value) -> String {
    let draft = json_of(app.post("/api/v1/projects", Some(buyer), form).send().await.unwrap(), 201).await;
    let id = draft["project"]["id"].as_str().unwrap().to_owned();
    let published = app.post(&path(&id, "/publish"), Some(buyer), &json!({})).send().await.unwrap();
    assert_eq!(json_of(published, 200).await["project"]["state"], "published");
    id
}

/// Submits a quote; answers the provider's view of the project.
pub async fn quote(app: &TestApp, provider: &Party, id: &str, price: &str, days: u16) -> Value {
    let form = json!({ "price": price, "promised_days": days });
    json_of(app.post(&path(id, "/quotes"), Some(provider), &form).send().await.unwrap(), 201).await
}

/// The id of the provider's live quote in its own view of the project.
pub fn live_quote_of(view: &Value, provider: &Party) -> String {
    let org = provider.organisation.unwrap().to_string();
    let live: Vec<&Value> = view["project"]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["provider"] == org.as_str() && q["status"]["status"] == "live")
        .collect();
    assert_eq!(live.len(), 1, "one live quote of {org}: {view}");
    live[0]["id"].as_str().unwrap().to_owned()
}

/// The project as `viewer` may see it, read the way every read does: whatever time has decided
/// is applied (and saved) first. The public read route belongs to the public function; this is
/// the same reading without it.
pub async fn read_as(app: &TestApp, id: &str, viewer: Viewer) -> Value {
    let id = ProjectId(id.parse().unwrap());
    let project = lifecycle::settle(&app.state, id).await.unwrap();
    let (project, quotes_sealed) = access::redact(&viewer, project);
    serde_json::to_value(ProjectView { project, quotes_sealed }).unwrap()
}

/// The stored version of a project: unchanged after a refused request.
pub async fn version(app: &TestApp, id: &str) -> u64 {
    let id = ProjectId(id.parse().unwrap());
    market_functions::repo::projects::get(app.state.store.as_ref(), id).await.unwrap().unwrap().version
}

pub fn signed(party: &Party) -> Viewer {
    let claims = market_functions::auth::token::Claims {
        account: party.account,
        role: party.role,
        organisation: party.organisation,
        expires_at: i64::MAX,
    };
    Viewer::Signed(claims)
}

/// Past the close of a window opened on the first day of the tests (Friday 09:00).
pub fn past_close(app: &TestApp) {
    app.advance(Duration::days(4));
}

/// Past the publicity of a selection made at that close (Thursday 12 March, 09:00).
pub fn past_publicity(app: &TestApp) {
    app.advance(Duration::days(6));
}

#[tokio::test]
async fn an_enterprise_project_lives_from_draft_to_rating() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let (p1, p2, p3) = (
        app.provider(11, &["HP-001"]).await,
        app.provider(12, &["HP-001"]).await,
        app.provider(13, &["HP-001"]).await,
    );

    // Drafted: the buyer's alone, with the year's first code.
    let mut form = hp001_form("lowest_price");
    form["title"] = json!("草稿标题");
    let draft = json_of(app.post("/api/v1/projects", Some(&buyer), &form).send().await.unwrap(), 201).await;
    let id = draft["project"]["id"].as_str().unwrap().to_owned();
    assert_eq!(draft["project"]["state"], "draft");
    assert_eq!(draft["project"]["code"], "ZJ-2026-000001");
    assert_eq!(draft["project"]["buyer"], buyer.organisation.unwrap().to_string());
    assert_eq!(draft["project"]["terms"]["budget_cap"], 10_000_000);
    assert_eq!(draft["project"]["terms"]["service_days"], 30);
    assert_eq!(draft["project"]["terms"]["funding"], json!({ "funding": "enterprise" }));
    assert_eq!(
        draft["project"]["terms"]["requirements"],
        json!([{ "kind": "qualification", "value": "EIA_ENGINEER" }])
    );
    assert_eq!(draft["project"]["version"], 1);

    // Edited.
    let edited = app.put(&path(&id, ""), Some(&buyer), &hp001_form("lowest_price")).send().await.unwrap();
    let edited = json_of(edited, 200).await;
    assert_eq!(edited["project"]["terms"]["title"], "年产十万吨再生纸项目环境影响报告书编制");
    assert_eq!(edited["project"]["version"], 2);

    // Published with an empty body: bidding open for three working days.
    let published =
        app.client.post(app.url(&path(&id, "/publish"))).bearer_auth(&buyer.token).send().await.unwrap();
    let published = json_of(published, 200).await;
    assert_eq!(published["project"]["state"], "published");
    assert_eq!(published["project"]["published_at"], "2026-03-02T01:00:00Z");
    assert_eq!(published["project"]["closes_at"], CLOSES_AT);
    assert_eq!(published["project"]["commitment"].as_str().unwrap().len(), 64);
    assert_eq!(published["quotes_sealed"], true);

    // Three providers quote; the second replaces a lower quote with a higher one.
    let v1 = quote(&app, &p1, &id, "90,000.00", 20).await;
    let first = quote(&app, &p2, &id, "70,000.00", 25).await;
    let replaced = live_quote_of(&first, &p2);
    app.advance(Duration::minutes(10));
    let v2 = quote(&app, &p2, &id, "88,000.00", 25).await;
    let v3 = quote(&app, &p3, &id, "85,000.00", 28).await;
    let (q1, q2, q3) = (live_quote_of(&v1, &p1), live_quote_of(&v2, &p2), live_quote_of(&v3, &p3));
    let own = v2["project"]["quotes"].as_array().unwrap();
    assert_eq!(own.len(), 2, "a provider sees its own quotes only: {v2}");
    assert_eq!(own[0]["id"], replaced.as_str());
    assert_eq!(own[0]["status"], json!({ "status": "replaced" }));
    assert_eq!(own[0]["price"], 7_000_000);
    assert_eq!(own[1]["id"], q2.as_str());
    assert_eq!(own[1]["status"], json!({ "status": "live" }));
    assert_eq!(v2["quotes_sealed"], true);
    let seen_by_p3: Vec<&Value> = v3["project"]["quotes"].as_array().unwrap().iter().collect();
    assert_eq!(seen_by_p3.len(), 1);
    assert_eq!(seen_by_p3[0]["id"], q3.as_str());

    // The provider's own list: newest first, the replaced one too.
    let mine = json_of(app.get("/api/v1/me/quotes", Some(&p2)).send().await.unwrap(), 200).await;
    let ids: Vec<&str> =
        mine["items"].as_array().unwrap().iter().map(|r| r["quote"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [q2.as_str(), replaced.as_str()]);
    assert_eq!(mine["items"][0]["project"], id.as_str());
    assert_eq!(mine["next"], Value::Null);

    // A question, asked and answered; the buyer sees no quote before the close.
    let asked =
        app.post(&path(&id, "/questions"), Some(&p1), &json!({ "text": "是否需要编制公众参与说明？" }));
    let asked = json_of(asked.send().await.unwrap(), 201).await;
    let question = asked["project"]["questions"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(asked["project"]["questions"][0]["asked_by"], p1.organisation.unwrap().to_string());
    assert_eq!(asked["project"]["questions"][0]["answer"], Value::Null);
    let answered = app.post(
        &path(&id, &format!("/questions/{question}/answer")),
        Some(&buyer),
        &json!({ "text": "需要。" }),
    );
    let answered = json_of(answered.send().await.unwrap(), 200).await;
    assert_eq!(answered["project"]["questions"][0]["answer"], "需要。");
    assert_eq!(answered["quotes_sealed"], true);
    assert_eq!(answered["project"]["quotes"], json!([]));
    assert_eq!(answered["project"]["eligible"], json!([]));

    // Time closes bidding; the lowest live price wins (not the replaced 70,000.00).
    past_close(&app);
    let public = read_as(&app, &id, Viewer::Anonymous).await;
    assert_eq!(public["project"]["state"], "selected");
    assert_eq!(public["quotes_sealed"], false);
    assert_eq!(public["project"]["selection"]["outcome"]["winner"], q3.as_str());
    assert_eq!(public["project"]["selection"]["method"], json!({ "method": "lowest_price" }));
    assert_eq!(public["project"]["publicity_ends_at"], PUBLICITY_ENDS_AT);
    let eligible: Vec<&str> = public["project"]["eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["quote_id"].as_str().unwrap())
        .collect();
    assert_eq!(eligible.len(), 3);
    assert!(
        eligible.contains(&q1.as_str()) && eligible.contains(&q2.as_str()) && eligible.contains(&q3.as_str())
    );
    assert!(!eligible.contains(&replaced.as_str()), "a replaced quote is not live");
    let winner =
        public["project"]["quotes"].as_array().unwrap().iter().find(|q| q["id"] == q3.as_str()).unwrap();
    assert_eq!(winner["price"], 8_500_000);
    assert_eq!(winner["provider"], p3.organisation.unwrap().to_string());

    // The buyer's list shows it selected, at the winning price.
    let mine = json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine["items"][0]["state"], "selected");
    assert_eq!(mine["items"][0]["winning_price"], 8_500_000);

    // After publicity: contract at the winning price, signed, served, delivered, accepted, rated.
    past_publicity(&app);
    let contract = app.post(&path(&id, "/contract"), Some(&buyer), &json!({ "price": "85,000.00" }));
    let contract = json_of(contract.send().await.unwrap(), 200).await;
    assert_eq!(contract["project"]["contract"]["price"], 8_500_000);
    assert_eq!(contract["project"]["contract"]["quote"], q3.as_str());
    assert_eq!(contract["project"]["contract"]["service_days"], 28);
    let signed =
        json_of(app.post(&path(&id, "/contract/sign"), Some(&p3), &json!({})).send().await.unwrap(), 200)
            .await;
    assert_eq!(signed["project"]["state"], "contracted");
    assert_eq!(signed["project"]["contract"]["signed_at"], "2026-03-12T01:10:00Z");
    let started = app.client.post(app.url(&path(&id, "/service/start"))).bearer_auth(&p3.token).send().await;
    assert_eq!(json_of(started.unwrap(), 200).await["project"]["state"], "in_service");
    let delivered =
        app.post(&path(&id, "/delivery"), Some(&p3), &json!({ "text": "报告书及技术审查意见答复。" }));
    let delivered = json_of(delivered.send().await.unwrap(), 201).await;
    assert_eq!(delivered["project"]["state"], "delivered");
    assert_eq!(delivered["project"]["deliveries"][0]["overdue_days"], 0);
    let returned =
        app.post(&path(&id, "/delivery/return"), Some(&buyer), &json!({ "text": "缺少公众参与章节。" }));
    let returned = json_of(returned.send().await.unwrap(), 200).await;
    assert_eq!(returned["project"]["state"], "in_service");
    assert_eq!(
        returned["project"]["deliveries"][0]["status"],
        json!({ "status": "returned", "reason": "缺少公众参与章节。" })
    );
    let again =
        app.post(&path(&id, "/delivery"), Some(&p3), &json!({ "text": "补充公众参与章节后的报告书。" }));
    let again = json_of(again.send().await.unwrap(), 201).await;
    assert_eq!(again["project"]["deliveries"].as_array().unwrap().len(), 2);
    let accepted = app.post(&path(&id, "/delivery/accept"), Some(&buyer), &json!({})).send().await.unwrap();
    assert_eq!(json_of(accepted, 200).await["project"]["state"], "accepted");
    let scores = json!({
        "quality": 5, "timeliness": 5, "attitude": 4, "fee_reasonableness": 4, "compliance": 5,
        "comment": "按期高质量完成。",
    });
    let rated =
        json_of(app.post(&path(&id, "/evaluation"), Some(&buyer), &scores).send().await.unwrap(), 200).await;
    assert_eq!(rated["project"]["state"], "rated");
    assert_eq!(rated["project"]["evaluation"]["quality"], 5);

    // The winner's credit: the evaluation's contribution, 23 − 15 = +8.
    let store = app.state.store.as_ref();
    let record = credit_record(store, p3.organisation.unwrap()).await.unwrap();
    assert_eq!(record.contributions.len(), 1);
    assert_eq!(record.contributions[0].points, 8);
    assert!(credit_record(store, p1.organisation.unwrap()).await.unwrap().contributions.is_empty());

    // The winner was told of each step that concerned it.
    let notes = inbox(store, Inbox::Organisation(p3.organisation.unwrap()), None, 100).await.unwrap();
    let mut kinds: Vec<String> = notes.items.iter().map(|n| format!("{:?}", n.kind)).collect();
    kinds.sort();
    let mut expected: Vec<String> = [
        NotificationKind::Selected { won: true },
        NotificationKind::ContractProposed,
        NotificationKind::DeliveryReturned,
        NotificationKind::DeliveryAccepted,
        NotificationKind::Evaluated,
    ]
    .iter()
    .map(|k| format!("{k:?}"))
    .collect();
    expected.sort();
    assert_eq!(kinds, expected);
    assert!(notes.items.iter().all(|n| n.project.map(|p| p.to_string()) == Some(id.clone())));
    let losers = inbox(store, Inbox::Organisation(p1.organisation.unwrap()), None, 100).await.unwrap();
    let kinds: Vec<&NotificationKind> = losers.items.iter().map(|n| &n.kind).collect();
    assert!(kinds.contains(&&NotificationKind::Selected { won: false }), "{kinds:?}");
    assert!(kinds.contains(&&NotificationKind::QuestionAnswered), "{kinds:?}");
}

#[tokio::test]
async fn a_department_project_with_fewer_than_three_quotes_fails_at_close() {
    let app = spawn_app().await;
    let buyer = app.department(1).await;
    let (p1, p2) = (app.provider(11, &["HP-001"]).await, app.provider(12, &["HP-001"]).await);
    let id = published(&app, &buyer, &department_form("random_draw")).await;
    quote(&app, &p1, &id, "90,000.00", 20).await;
    quote(&app, &p2, &id, "95,000.00", 20).await;

    past_close(&app);
    let mine = json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(mine["items"][0]["state"], "failed");
    assert_eq!(mine["items"][0]["publicly_funded"], true);
    assert_eq!(mine["items"][0]["winning_price"], Value::Null);
    let public = read_as(&app, &id, Viewer::Anonymous).await;
    assert_eq!(public["project"]["state"], "failed");
    assert_eq!(public["project"]["selection"], Value::Null);
    assert_eq!(
        public["project"]["terms"]["funding"],
        json!({ "funding": "department", "budget_line": "2026年度技术审查专项" })
    );
    let store = app.state.store.as_ref();
    let notes = inbox(store, Inbox::Organisation(p1.organisation.unwrap()), None, 10).await.unwrap();
    assert_eq!(notes.items.iter().map(|n| n.kind.clone()).collect::<Vec<_>>(), [NotificationKind::Failed]);
}

#[tokio::test]
async fn an_enterprise_chooses_directly_after_the_close() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let (p1, p2) = (app.provider(11, &["HP-001"]).await, app.provider(12, &["HP-001"]).await);
    let id = published(&app, &buyer, &hp001_form("direct_choice")).await;
    let q1 = live_quote_of(&quote(&app, &p1, &id, "80,000.00", 20).await, &p1);
    let q2 = live_quote_of(&quote(&app, &p2, &id, "95,000.00", 15).await, &p2);

    // Not while bidding is open.
    let early = app.post(&path(&id, "/choice"), Some(&buyer), &json!({ "quote": q2 })).send().await.unwrap();
    let early = json_of(early, 422).await;
    assert_eq!(early["code"], "rule_violation");
    assert_eq!(early["message"], "项目当前处于“报名中”状态，不能进行此操作");

    // After the close the buyer sees every quote and may choose any eligible one.
    past_close(&app);
    let before = version(&app, &id).await;
    let unknown = json!({ "quote": "00000000-0000-0000-0000-000000000001" });
    let refused =
        json_of(app.post(&path(&id, "/choice"), Some(&buyer), &unknown).send().await.unwrap(), 422).await;
    assert_eq!(refused["message"], "所选报价不在有效报价之中");
    assert_eq!(version(&app, &id).await, before);
    let closed = read_as(&app, &id, signed(&buyer)).await;
    assert_eq!(closed["project"]["state"], "bidding_closed");
    assert_eq!(closed["quotes_sealed"], false);
    assert_eq!(closed["project"]["quotes"].as_array().unwrap().len(), 2);

    let chosen = app.post(&path(&id, "/choice"), Some(&buyer), &json!({ "quote": q2 })).send().await.unwrap();
    let chosen = json_of(chosen, 200).await;
    assert_eq!(chosen["project"]["state"], "selected");
    assert_eq!(chosen["project"]["selection"]["direct_choice"], q2.as_str());
    assert_eq!(chosen["project"]["selection"]["outcome"]["winner"], q2.as_str());
    assert_ne!(q1, q2);
    // Chosen on Friday 6 March: publicity runs three working days, to the end of Wednesday 11.
    assert_eq!(chosen["project"]["publicity_ends_at"], PUBLICITY_ENDS_AT);
    let again = app.post(&path(&id, "/choice"), Some(&buyer), &json!({ "quote": q1 })).send().await.unwrap();
    assert_eq!(json_of(again, 422).await["message"], "项目当前处于“已选取（公示中）”状态，不能进行此操作");
}

#[tokio::test]
async fn a_pending_objection_holds_the_contract_back() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let (p1, p2) = (app.provider(11, &["HP-001"]).await, app.provider(12, &["HP-001"]).await);
    let outsider = app.provider(13, &["HP-001"]).await;
    let id = published(&app, &buyer, &hp001_form("lowest_price")).await;
    quote(&app, &p1, &id, "80,000.00", 20).await;
    quote(&app, &p2, &id, "95,000.00", 20).await;
    past_close(&app);

    // Only a provider that quoted may object.
    let reason = json!({ "text": "中选机构的报价低于成本，请核查。" });
    let before = version(&app, &id).await;
    let refused = app.post(&path(&id, "/objections"), Some(&outsider), &reason).send().await.unwrap();
    let refused = json_of(refused, 422).await;
    assert_eq!(refused["code"], "rule_violation");
    assert_eq!(refused["message"], "只有参与报价的中介机构可以提出异议");
    assert_eq!(version(&app, &id).await, before);

    let filed =
        json_of(app.post(&path(&id, "/objections"), Some(&p2), &reason).send().await.unwrap(), 201).await;
    assert_eq!(filed["project"]["state"], "selected");
    let objection = &filed["project"]["objections"][0];
    assert_eq!(objection["filed_by"], p2.organisation.unwrap().to_string());
    assert_eq!(objection["status"], json!({ "status": "pending" }));
    assert_eq!(objection["reason"], "中选机构的报价低于成本，请核查。");

    // Publicity over, the objection still pending: no contract.
    past_publicity(&app);
    let before = version(&app, &id).await;
    let contract = app.post(&path(&id, "/contract"), Some(&buyer), &json!({ "price": "80,000.00" }));
    let contract = json_of(contract.send().await.unwrap(), 422).await;
    assert_eq!(contract["code"], "rule_violation");
    assert_eq!(contract["message"], "尚有异议等待监管部门处理");
    assert_eq!(contract["fields"], json!({}));
    let english = app
        .post(&path(&id, "/contract"), Some(&buyer), &json!({ "price": "80,000.00" }))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(english, 422).await["message"], "an objection is awaiting the supervisor's decision");
    assert_eq!(version(&app, &id).await, before);
}
