//! The bidding routes refusing what they must — bad fields, broken rules, the wrong caller —
//! without changing anything; holding up under concurrent requests; honouring
//! `Idempotency-Key`; and staying within their budgets of store calls.

use crate::helpers::{json_of, spawn_app};
use crate::lifecycle::{
    hp001_form, live_quote_of, past_close, past_publicity, path, published, quote, version,
};
use market_domain::ids::ProjectId;
use market_functions::repo::projects;
use serde_json::{json, Value};
use tokio::task::JoinSet;

#[tokio::test]
async fn a_draft_with_bad_fields_is_refused_field_by_field() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let bad = json!({
        "item": "hp1",
        "title": "",
        "description": "说明",
        "budget_cap": "十万",
        "service_days": 0,
        "requirements": [{ "kind": "region", "value": "杭州" }, { "kind": "quota", "value": "3" }],
        "method": { "method": "lowest_price" },
        "bid_window": 0,
    });
    let refused = json_of(app.post("/api/v1/projects", Some(&buyer), &bad).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "invalid");
    let fields: Vec<&str> = refused["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["bid_window", "budget_cap", "item", "requirements[1]", "service_days", "title"]);
    assert_eq!(refused["fields"]["item"], json!(["服务事项编码 \"hp1\" 无效，应形如 HP-001"]));

    // Well-formed but unknown to the catalogue.
    let mut unknown = hp001_form("lowest_price");
    unknown["item"] = json!("ZZ-999");
    let refused =
        json_of(app.post("/api/v1/projects", Some(&buyer), &unknown).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "invalid");
    assert_eq!(refused["fields"], json!({ "item": ["事项清单中没有服务事项 ZZ-999"] }));

    // Well-formed, but a rule of the marketplace forbids it: a regional restriction.
    let mut regional = hp001_form("lowest_price");
    regional["requirements"] = json!([{ "kind": "region", "value": "杭州" }]);
    let refused =
        json_of(app.post("/api/v1/projects", Some(&buyer), &regional).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "rule_violation");
    assert_eq!(refused["fields"], json!({ "requirements": ["不得设置地域限制（杭州）"] }));

    // An unknown field is malformed, not ignored.
    let mut extra = hp001_form("lowest_price");
    extra["budget"] = json!("1");
    let refused =
        json_of(app.post("/api/v1/projects", Some(&buyer), &extra).send().await.unwrap(), 400).await;
    assert_eq!(refused["code"], "malformed");

    // Nothing was stored: the buyer has no project.
    let mine = json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(mine, json!({ "items": [], "next": null }));
}

#[tokio::test]
async fn quotes_that_break_a_rule_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(11, &["HP-001"]).await;
    let elsewhere = app.provider(12, &["SB-001"]).await;
    let id = published(&app, &buyer, &hp001_form("lowest_price")).await;
    let before = version(&app, &id).await;

    // Above the budget cap: the price field, in the reader's language.
    let form = json!({ "price": "100,000.01", "promised_days": 20 });
    let refused =
        json_of(app.post(&path(&id, "/quotes"), Some(&provider), &form).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "rule_violation");
    assert_eq!(refused["message"], "报价 ¥100,000.01 高于最高限价 ¥100,000.00");
    assert_eq!(refused["fields"], json!({ "price": ["报价 ¥100,000.01 高于最高限价 ¥100,000.00"] }));
    assert_eq!(version(&app, &id).await, before);

    // Fields that do not parse, both at once.
    let form = json!({ "price": "abc", "promised_days": 0 });
    let refused =
        json_of(app.post(&path(&id, "/quotes"), Some(&provider), &form).send().await.unwrap(), 422).await;
    let fields: Vec<&str> = refused["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["price", "promised_days"]);
    assert_eq!(version(&app, &id).await, before);

    // A provider that does not serve the item (nor hold its qualification).
    let form = json!({ "price": "90,000.00", "promised_days": 20 });
    let refused =
        json_of(app.post(&path(&id, "/quotes"), Some(&elsewhere), &form).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "rule_violation");
    assert_eq!(refused["message"], "中介机构未登记提供服务事项 HP-001");
    assert_eq!(version(&app, &id).await, before);
    let eligibility = app.get(&path(&id, "/eligibility"), Some(&elsewhere)).send().await.unwrap();
    assert_eq!(
        json_of(eligibility, 200).await,
        json!({
            "may_quote": false,
            "reasons": [
                { "zh": "中介机构未登记提供服务事项 HP-001", "en": "the provider does not serve item HP-001" },
                { "zh": "缺少要求的资质：环境影响评价工程师", "en": "the provider lacks the required qualification “Environmental impact assessment engineer”" },
            ],
        })
    );
    let eligibility = app.get(&path(&id, "/eligibility"), Some(&provider)).send().await.unwrap();
    assert_eq!(json_of(eligibility, 200).await, json!({ "may_quote": true, "reasons": [] }));

    // A withdrawn quote is no longer live: withdrawing it again is refused.
    let withdrawn = live_quote_of(&quote(&app, &provider, &id, "90,000.00", 20).await, &provider);
    let withdraw = path(&id, &format!("/quotes/{withdrawn}/withdraw"));
    let view = json_of(app.post(&withdraw, Some(&provider), &json!({})).send().await.unwrap(), 200).await;
    assert_eq!(view["project"]["quotes"][0]["status"], json!({ "status": "withdrawn" }));
    let before = version(&app, &id).await;
    let again = json_of(app.post(&withdraw, Some(&provider), &json!({})).send().await.unwrap(), 422).await;
    assert_eq!(again["message"], "没有该中介机构的有效报价");
    assert_eq!(version(&app, &id).await, before);

    // After the close: refused, and eligibility says why.
    quote(&app, &provider, &id, "90,000.00", 20).await;
    past_close(&app);
    let stored = version(&app, &id).await;
    let refused =
        json_of(app.post(&path(&id, "/quotes"), Some(&provider), &form).send().await.unwrap(), 422).await;
    assert_eq!(refused["code"], "rule_violation");
    assert_eq!(refused["message"], "项目当前处于“已选取（公示中）”状态，不能进行此操作");
    assert_eq!(version(&app, &id).await, stored, "a refused quote does not even save the due close");
    let eligibility = app.get(&path(&id, "/eligibility"), Some(&provider)).send().await.unwrap();
    let eligibility = json_of(eligibility, 200).await;
    assert_eq!(eligibility["may_quote"], false);
    assert_eq!(
        eligibility["reasons"][0]["en"],
        "this is not possible while the project is “Selected (publicity period)”"
    );
}

#[tokio::test]
async fn callers_reach_only_their_own_projects_and_routes() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let other = app.enterprise(2).await;
    let provider = app.provider(11, &["HP-001"]).await;
    let draft = json_of(
        app.post("/api/v1/projects", Some(&buyer), &hp001_form("lowest_price")).send().await.unwrap(),
        201,
    )
    .await;
    let id = draft["project"]["id"].as_str().unwrap().to_owned();

    // Another buyer's draft does not exist for them (its existence is not public): 404.
    let edit = app.put(&path(&id, ""), Some(&other), &hp001_form("random_draw")).send().await.unwrap();
    assert_eq!(json_of(edit, 404).await["code"], "not_found");
    let publish = app.post(&path(&id, "/publish"), Some(&other), &json!({})).send().await.unwrap();
    assert_eq!(json_of(publish, 404).await["code"], "not_found");
    assert_eq!(version(&app, &id).await, 1);

    // A provider or a supervisor calling a buyer's route, a buyer a provider's: 403; anyone
    // anonymous: 401.
    let supervisor = app.supervisor(1).await;
    let as_supervisor = app.post(&path(&id, "/publish"), Some(&supervisor), &json!({})).send().await.unwrap();
    assert_eq!(json_of(as_supervisor, 403).await["code"], "forbidden");
    let form = json!({ "price": "90,000.00", "promised_days": 20 });
    let as_buyer = app.post(&path(&id, "/quotes"), Some(&buyer), &form).send().await.unwrap();
    assert_eq!(json_of(as_buyer, 403).await["code"], "forbidden");
    let as_provider =
        app.post("/api/v1/projects", Some(&provider), &hp001_form("lowest_price")).send().await.unwrap();
    assert_eq!(json_of(as_provider, 403).await["code"], "forbidden");
    let as_provider = app.get("/api/v1/me/projects", Some(&provider)).send().await.unwrap();
    assert_eq!(json_of(as_provider, 403).await["code"], "forbidden");
    let anonymous = app.post(&path(&id, "/publish"), None, &json!({})).send().await.unwrap();
    assert_eq!(json_of(anonymous, 401).await["code"], "unauthorized");
    let anonymous = app.get("/api/v1/me/quotes", None).send().await.unwrap();
    assert_eq!(json_of(anonymous, 401).await["code"], "unauthorized");

    // Once published the project is public, but only its buyer may act on it.
    let published = app.post(&path(&id, "/publish"), Some(&buyer), &json!({})).send().await.unwrap();
    json_of(published, 200).await;
    let before = version(&app, &id).await;
    let cancel =
        app.post(&path(&id, "/cancel"), Some(&other), &json!({ "text": "不需要了" })).send().await.unwrap();
    assert_eq!(json_of(cancel, 422).await["message"], "只有本项目的业主可以进行此操作");
    let edit = app.put(&path(&id, ""), Some(&other), &hp001_form("random_draw")).send().await.unwrap();
    assert_eq!(json_of(edit, 422).await["message"], "只有本项目的业主可以进行此操作");
    // A body where none is read is malformed.
    let body = app.post(&path(&id, "/publish"), Some(&buyer), &json!({ "now": true })).send().await.unwrap();
    assert_eq!(json_of(body, 400).await["code"], "malformed");
    // A project id that cannot be one names nothing.
    let bad_id = app.post(&path("not-a-uuid", "/publish"), Some(&buyer), &json!({})).send().await.unwrap();
    assert_eq!(json_of(bad_id, 404).await["code"], "not_found");
    assert_eq!(version(&app, &id).await, before);

    // The buyer cancels with a reason; an empty reason is refused first.
    let empty = app.post(&path(&id, "/cancel"), Some(&buyer), &json!({ "text": " " })).send().await.unwrap();
    assert_eq!(json_of(empty, 422).await["fields"], json!({ "text": ["此项必填"] }));
    let cancelled =
        app.post(&path(&id, "/cancel"), Some(&buyer), &json!({ "text": "项目取消立项" })).send().await;
    let cancelled = json_of(cancelled.unwrap(), 200).await;
    assert_eq!(cancelled["project"]["state"], "cancelled");
    assert_eq!(cancelled["project"]["cancel_reason"], "项目取消立项");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_quotes_are_all_stored_and_one_contract_proposal_wins() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let id = published(&app, &buyer, &hp001_form("lowest_price")).await;
    let mut providers = Vec::new();
    for n in 0..10 {
        providers.push(app.provider(20 + n, &["HP-001"]).await);
    }

    let mut requests = JoinSet::new();
    for (n, provider) in providers.iter().enumerate() {
        let form = json!({ "price": format!("{}.00", 50_000 + n * 1_000), "promised_days": 20 });
        requests.spawn(app.post(&path(&id, "/quotes"), Some(provider), &form).send());
    }
    let mut statuses = Vec::new();
    while let Some(response) = requests.join_next().await {
        statuses.push(response.unwrap().unwrap().status().as_u16());
    }
    assert_eq!(statuses, [201; 10]);
    let project_id = ProjectId(id.parse().unwrap());
    let stored = projects::get(app.state.store.as_ref(), project_id).await.unwrap().unwrap();
    assert_eq!(stored.quotes.len(), 10);
    let mut quoting: Vec<_> = stored.quotes.iter().map(|q| q.provider).collect();
    quoting.sort();
    let mut expected: Vec<_> = providers.iter().map(|p| p.organisation.unwrap()).collect();
    expected.sort();
    assert_eq!(quoting, expected);
    assert_eq!(projects::quotes_of_project(app.state.store.as_ref(), project_id).await.unwrap().len(), 10);

    past_close(&app);
    past_publicity(&app);
    let mut requests = JoinSet::new();
    for _ in 0..2 {
        requests
            .spawn(app.post(&path(&id, "/contract"), Some(&buyer), &json!({ "price": "50,000.00" })).send());
    }
    let mut answers = Vec::new();
    while let Some(response) = requests.join_next().await {
        let response = response.unwrap().unwrap();
        let status = response.status().as_u16();
        answers.push((status, response.json::<Value>().await.unwrap()));
    }
    answers.sort_by_key(|(status, _)| *status);
    assert_eq!(answers.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [200, 422]);
    assert_eq!(answers[1].1["message"], "合同已经提出");
    let stored = projects::get(app.state.store.as_ref(), project_id).await.unwrap().unwrap();
    assert_eq!(stored.contract.unwrap().price.to_string(), "¥50,000.00");
}

#[tokio::test]
async fn a_quote_retried_with_its_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(11, &["HP-001"]).await;
    let id = published(&app, &buyer, &hp001_form("lowest_price")).await;
    let form = json!({ "price": "90,000.00", "promised_days": 20 });
    let send = || {
        app.post(&path(&id, "/quotes"), Some(&provider), &form).header("idempotency-key", "quote-1").send()
    };

    let first = send().await.unwrap();
    assert!(first.headers().get("idempotency-replayed").is_none());
    let first = json_of(first, 201).await;
    let after_first = version(&app, &id).await;
    let second = send().await.unwrap();
    assert_eq!(second.headers()["idempotency-replayed"], "true");
    let second = json_of(second, 201).await;
    assert_eq!(second, first);
    assert_eq!(version(&app, &id).await, after_first);
    let stored =
        projects::get(app.state.store.as_ref(), ProjectId(id.parse().unwrap())).await.unwrap().unwrap();
    assert_eq!(stored.quotes.len(), 1);
    assert_eq!(stored.quotes[0].id.to_string(), live_quote_of(&first, &provider));

    // The same key with another body is refused, not replayed.
    let other = json!({ "price": "80,000.00", "promised_days": 20 });
    let reused =
        app.post(&path(&id, "/quotes"), Some(&provider), &other).header("idempotency-key", "quote-1");
    assert_eq!(json_of(reused.send().await.unwrap(), 409).await["code"], "idempotency_key_reused");
    assert_eq!(version(&app, &id).await, after_first);
}

/// The most store calls each write may make: reading the project (and what the command needs)
/// once, and one transaction.
#[tokio::test]
async fn writes_stay_within_their_store_budgets() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(11, &["HP-001"]).await;

    app.store_calls.take();
    let draft = json_of(
        app.post("/api/v1/projects", Some(&buyer), &hp001_form("lowest_price")).send().await.unwrap(),
        201,
    )
    .await;
    // The catalogue item, the buyer, the year's sequence, the transaction.
    assert_eq!(app.store_calls.take().total(), 4);
    let id = draft["project"]["id"].as_str().unwrap().to_owned();

    json_of(app.post(&path(&id, "/publish"), Some(&buyer), &json!({})).send().await.unwrap(), 200).await;
    // The project, the catalogue item, the transaction.
    assert_eq!(app.store_calls.take().total(), 3);

    quote(&app, &provider, &id, "90,000.00", 20).await;
    // The project, the provider, the transaction.
    assert_eq!(app.store_calls.take().total(), 3);

    json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(app.store_calls.take().total(), 1);
    json_of(app.get("/api/v1/me/quotes", Some(&provider)).send().await.unwrap(), 200).await;
    assert_eq!(app.store_calls.take().total(), 1);
}
