//! The accounts function over HTTP: registering each kind of organisation, signing in, refresh
//! and logout, throttled failures, expired and forged tokens, the inbox, and `Idempotency-Key`
//! on registration.

use crate::helpers::{json_of, spawn_app, TestApp};
use chrono::Duration;
use market_domain::api::{Page, TokenResponse};
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::project::{Actor, Command, Role};
use market_domain::{Description, UnifiedSocialCreditCode};
use market_functions::repo::accounts;
use market_functions::repo::notifications::{self, Inbox, NotificationKind};

use market_functions::{lifecycle, repo};
use serde_json::{json, Value};
use uuid::Uuid;

const PASSWORD: &str = "correct horse battery";

fn credit_code(n: u32) -> String {
    UnifiedSocialCreditCode::complete(&format!("91330100{n:09}")).unwrap().as_str().to_owned()
}

fn enterprise_form(n: u32, email: &str) -> Value {
    json!({
        "kind": "enterprise",
        "name": format!("杭州测试{n}建设有限公司"),
        "credit_code": credit_code(n),
        "contact_email": format!("office{n}@example.com"),
        "contact_phone": "0571-87654321",
        "email": email,
        "password": PASSWORD,
    })
}

fn department_form(n: u32, email: &str) -> Value {
    json!({
        "kind": "department",
        "name": "杭州市生态环境局",
        "credit_code": credit_code(n),
        "contact_email": format!("office{n}@example.gov.cn"),
        "contact_phone": "0571-87000000",
        "budget_lines": ["2026年度技术审查专项", "2026年度环评技术评估"],
        "email": email,
        "password": PASSWORD,
    })
}

fn provider_form(n: u32, email: &str) -> Value {
    json!({
        "kind": "provider",
        "name": "浙江环评技术有限公司",
        "credit_code": credit_code(n),
        "contact_email": format!("office{n}@example.com"),
        "contact_phone": "13800138000",
        "served_items": [
            {"item": "HP-001", "published_fee": "12,000.00", "committed_days": 20},
            {"item": "SB-001", "published_fee": "8000", "committed_days": 15},
        ],
        "qualifications": [{
            "qualification_type": "EIA_ENGINEER",
            "level": "甲级",
            "certificate_number": "EIA-2024/001",
            "issuer": "浙江省生态环境厅",
            "valid_from": "2024-03-01",
            "valid_until": "2029-02-28",
        }],
        "email": email,
        "password": PASSWORD,
    })
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post("/api/v1/sessions", None, &json!({"email": email, "password": password})).send().await.unwrap()
}

async fn tokens(app: &TestApp, email: &str) -> TokenResponse {
    serde_json::from_value(json_of(sign_in(app, email, PASSWORD).await, 200).await).unwrap()
}

fn bearer(app: &TestApp, path: &str, access_token: &str) -> reqwest::RequestBuilder {
    app.client.get(app.url(path)).bearer_auth(access_token)
}

/// An error body without its request id (which differs per request).
fn without_request_id(mut body: Value) -> Value {
    assert!(!body["request_id"].as_str().unwrap().is_empty(), "{body}");
    body.as_object_mut().unwrap().remove("request_id");
    body
}

fn organisation_id(view: &Value) -> OrganisationId {
    serde_json::from_value(view["organisation"].clone()).unwrap()
}

/// Registers, signs in and reads `/me`; checks the account view at each step and returns the
/// organisation `/me` shows.
async fn register_and_read_me(app: &TestApp, form: Value, role: &str) -> Value {
    // The domain of an address is case-insensitive: it is kept lowercased.
    let email = market_domain::Email::parse(form["email"].as_str().unwrap()).unwrap().as_str().to_owned();
    let view = json_of(app.post("/api/v1/accounts", None, &form).send().await.unwrap(), 201).await;
    let id: AccountId = serde_json::from_value(view["id"].clone()).unwrap();
    let organisation = organisation_id(&view);
    assert_eq!(view, json!({"id": id, "email": email, "role": role, "organisation": organisation}));

    let signed = json_of(sign_in(app, &email, PASSWORD).await, 200).await;
    assert_eq!(signed["account"], view);
    assert_eq!(signed["expires_in"], 900);
    let access = signed["access_token"].as_str().unwrap();
    assert!(access.starts_with("v1."), "{access}");
    assert_eq!(signed["refresh_token"].as_str().unwrap().len(), 43);

    let me = json_of(bearer(app, "/api/v1/me", access).send().await.unwrap(), 200).await;
    assert_eq!(me["account"], view);
    assert_eq!(me["organisation"]["id"], json!(organisation));
    me["organisation"].clone()
}

#[tokio::test]
async fn an_enterprise_registers_signs_in_and_reads_itself() {
    let app = spawn_app().await;
    let organisation =
        register_and_read_me(&app, enterprise_form(1, "Owner@Example.com"), "enterprise").await;
    assert_eq!(
        organisation,
        json!({
            "id": organisation["id"],
            "name": "杭州测试1建设有限公司",
            "credit_code": credit_code(1),
            "contact_email": "office1@example.com",
            "contact_phone": "0571-87654321",
            "kind": {"kind": "enterprise"},
        })
    );
    let again = json_of(sign_in(&app, "Owner@EXAMPLE.com", PASSWORD).await, 200).await;
    assert_eq!(again["account"]["email"], "Owner@example.com");
}

#[tokio::test]
async fn a_department_registers_with_its_budget_lines() {
    let app = spawn_app().await;
    let organisation = register_and_read_me(&app, department_form(2, "review@hz.gov.cn"), "department").await;
    assert_eq!(
        organisation["kind"],
        json!({"kind": "department", "budget_lines": ["2026年度技术审查专项", "2026年度环评技术评估"]})
    );
    assert_eq!(organisation["name"], "杭州市生态环境局");
}

#[tokio::test]
async fn a_provider_registers_pending_with_its_items_and_qualifications() {
    let app = spawn_app().await;
    let organisation = register_and_read_me(&app, provider_form(3, "eia@example.com"), "provider").await;
    assert_eq!(
        organisation["kind"],
        json!({
            "kind": "provider",
            "served_items": [
                {"item": "HP-001", "published_fee": 1_200_000, "committed_days": 20},
                {"item": "SB-001", "published_fee": 800_000, "committed_days": 15},
            ],
            "qualifications": [{
                "qualification_type": "EIA_ENGINEER",
                "level": "甲级",
                "certificate_number": "EIA-2024/001",
                "issuer": "浙江省生态环境厅",
                "valid_from": "2024-03-01",
                "valid_until": "2029-02-28",
            }],
            "affiliations": [],
            "status": {"status": "pending"},
            "blacklistings": [],
        })
    );
    // It awaits the supervisors' review, and is listed under both items it serves.
    let store = app.state.store.as_ref();
    let id: OrganisationId = serde_json::from_value(organisation["id"].clone()).unwrap();
    let pending = accounts::pending_providers(store, None, 10).await.unwrap();
    assert_eq!(pending.items.iter().map(|o| o.id).collect::<Vec<_>>(), [id]);
    for item in ["HP-001", "SB-001"] {
        let code = market_domain::ServiceItemCode::parse(item).unwrap();
        let serving = accounts::providers_serving(store, &code, None, 10).await.unwrap();
        assert_eq!(serving.items, [id], "{item}");
    }
}

#[tokio::test]
async fn a_registration_with_bad_fields_names_every_one_and_stores_nothing() {
    let app = spawn_app().await;
    let mut form = enterprise_form(4, "owner@example.com");
    form["name"] = json!("  ");
    form["credit_code"] = json!("9133010000000000");
    form["contact_phone"] = json!("12345");
    form["password"] = json!("short");
    form["budget_lines"] = json!(["2026年度技术审查专项"]);
    form["served_items"] = json!([{"item": "HP-001", "published_fee": "1", "committed_days": 1}]);
    app.store_calls.take();

    let zh = json_of(app.post("/api/v1/accounts", None, &form).send().await.unwrap(), 422).await;
    assert_eq!(zh["code"], "invalid");
    assert_eq!(zh["message"], "请检查标出的字段");
    let fields: Vec<&str> = zh["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["budget_lines", "contact_phone", "credit_code", "name", "password", "served_items"]);
    assert_eq!(zh["fields"]["password"], json!(["密码至少 10 个字符，现有 5 个"]));

    let en = app.post("/api/v1/accounts", None, &form).header("accept-language", "en").send().await.unwrap();
    assert_eq!(en.headers()["content-language"], "en");
    let en = json_of(en, 422).await;
    assert_eq!(en["message"], "Please check the marked fields");
    assert_eq!(en["fields"].as_object().unwrap().keys().collect::<Vec<_>>(), fields);
    assert_eq!(
        en["fields"]["password"],
        json!(["the password must be at least 10 characters long, this one has 5"])
    );

    assert_eq!(app.store_calls.take().writes, 0, "a refused registration writes nothing");
    let store = app.state.store.as_ref();
    assert_eq!(accounts::account_by_email(store, "owner@example.com").await.unwrap(), None);
    assert_eq!(
        json_of(sign_in(&app, "owner@example.com", PASSWORD).await, 401).await["code"],
        "unauthorized"
    );
}

#[tokio::test]
async fn an_unknown_field_is_malformed() {
    let app = spawn_app().await;
    let mut form = enterprise_form(5, "owner@example.com");
    form["nickname"] = json!("acme");
    let body = json_of(app.post("/api/v1/accounts", None, &form).send().await.unwrap(), 400).await;
    assert_eq!(body["code"], "malformed");
    assert!(body["message"].as_str().unwrap().contains("nickname"), "{body}");
    let login = json!({"email": "owner@example.com", "password": PASSWORD, "remember": true});
    let body = json_of(app.post("/api/v1/sessions", None, &login).send().await.unwrap(), 400).await;
    assert_eq!(body["code"], "malformed");
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_and_the_second_organisation_is_not_stored() {
    let app = spawn_app().await;
    json_of(
        app.post("/api/v1/accounts", None, &enterprise_form(6, "owner@example.com")).send().await.unwrap(),
        201,
    )
    .await;
    // The same address with the local part in capitals is the same login.
    let second = provider_form(7, "OWNER@example.com");
    let body = json_of(app.post("/api/v1/accounts", None, &second).send().await.unwrap(), 409).await;
    assert_eq!(
        without_request_id(body),
        json!({"code": "duplicate", "message": "已存在（该邮箱已注册）", "fields": {},
            "bilingual": {"message": {"zh": "已存在（该邮箱已注册）", "en": "Already exists: email"}, "fields": {}}})
    );
    let en =
        app.post("/api/v1/accounts", None, &second).header("accept-language", "en").send().await.unwrap();
    assert_eq!(json_of(en, 409).await["message"], "Already exists: email");

    // Neither the provider nor its index entries were written.
    let store = app.state.store.as_ref();
    assert_eq!(accounts::pending_providers(store, None, 10).await.unwrap().items, []);
    assert_eq!(accounts::providers(store, None, 10).await.unwrap().items, []);
    let hp = market_domain::ServiceItemCode::parse("HP-001").unwrap();
    assert_eq!(accounts::providers_serving(store, &hp, None, 10).await.unwrap().items, []);
    let account = accounts::account_by_email(store, "owner@example.com").await.unwrap().unwrap();
    assert_eq!(account.role, Role::Enterprise);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let party = app.enterprise(1).await;
    let wrong = json_of(sign_in(&app, &party.email, "not the password").await, 401).await;
    let unknown = json_of(sign_in(&app, "nobody@example.com", PASSWORD).await, 401).await;
    let message = json!({"zh": "邮箱或密码不正确", "en": "The email or the password is not right"});
    let expected = json!({"code": "unauthorized", "message": "邮箱或密码不正确", "fields": {},
        "bilingual": {"message": message, "fields": {}}});
    assert_eq!(without_request_id(wrong), expected);
    assert_eq!(without_request_id(unknown), expected);
    // A malformed address is a field error, not a failed sign-in.
    let body = json_of(sign_in(&app, "not-an-address", PASSWORD).await, 422).await;
    assert_eq!(body["fields"].as_object().unwrap().keys().collect::<Vec<_>>(), ["email"]);
}

#[tokio::test]
async fn five_failures_make_the_sixth_attempt_wait_even_with_the_right_password() {
    let app = spawn_app().await;
    let party = app.enterprise(1).await;
    for _ in 0..5 {
        json_of(sign_in(&app, &party.email, "not the password").await, 401).await;
        app.advance(Duration::minutes(1));
    }
    // The failures were at 0–4 min; the first leaves the window at 15 min, 570.001 s from now.
    app.advance(Duration::seconds(30) - Duration::milliseconds(1));
    let response = sign_in(&app, &party.email, PASSWORD).await;
    assert_eq!(response.headers()["retry-after"], "571");
    let body = json_of(response, 429).await;
    assert_eq!(body["code"], "throttled");
    assert_eq!(body["message"], "失败次数过多，请 10 分钟后再试");

    app.advance(Duration::minutes(15));
    let signed = json_of(sign_in(&app, &party.email, PASSWORD).await, 200).await;
    assert_eq!(signed["account"]["email"], json!(party.email));
}

#[tokio::test]
async fn failures_from_one_address_throttle_every_email() {
    let app = spawn_app().await;
    let party = app.provider(1, &["HP-001"]).await;
    for n in 0..5 {
        json_of(sign_in(&app, &format!("guess{n}@example.com"), PASSWORD).await, 401).await;
    }
    // The account itself never failed; the address did, five times.
    let response = sign_in(&app, &party.email, PASSWORD).await;
    assert_eq!(response.headers()["retry-after"], "900");
    assert_eq!(json_of(response, 429).await["code"], "throttled");
    app.advance(Duration::minutes(15));
    json_of(sign_in(&app, &party.email, PASSWORD).await, 200).await;
}

#[tokio::test]
async fn a_refresh_token_is_good_once_and_the_account_is_read_afresh() {
    let app = spawn_app().await;
    let party = app.enterprise(1).await;
    let first = tokens(&app, &party.email).await;
    app.advance(Duration::minutes(10));

    let refresh = json!({"refresh_token": first.refresh_token.expose()});
    let second: TokenResponse = serde_json::from_value(
        json_of(app.post("/api/v1/sessions/refresh", None, &refresh).send().await.unwrap(), 200).await,
    )
    .unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_ne!(second.access_token, first.access_token);
    assert_eq!(second.account, first.account);
    assert_eq!(second.expires_in, 900);
    json_of(bearer(&app, "/api/v1/me", second.access_token.expose()).send().await.unwrap(), 200).await;

    let replay =
        json_of(app.post("/api/v1/sessions/refresh", None, &refresh).send().await.unwrap(), 401).await;
    assert_eq!(replay["code"], "unauthorized");

    // A role changed in the store counts from the next refresh.
    let store = app.state.store.as_ref();
    let mut account = accounts::account(store, party.account).await.unwrap().unwrap();
    account.role = Role::Department;
    let key = repo::keys::account(party.account);
    let item = market_functions::store::Item::new(key, serde_json::to_value(&account).unwrap());
    let overwrite =
        market_functions::store::Write::Put { item, condition: market_functions::store::Condition::Always };
    store.write(vec![overwrite]).await.unwrap();
    let next = json!({"refresh_token": second.refresh_token.expose()});
    let third = json_of(app.post("/api/v1/sessions/refresh", None, &next).send().await.unwrap(), 200).await;
    assert_eq!(third["account"]["role"], "department");

    let empty = json!({"refresh_token": ""});
    let body = json_of(app.post("/api/v1/sessions/refresh", None, &empty).send().await.unwrap(), 422).await;
    assert_eq!(body["fields"].as_object().unwrap().keys().collect::<Vec<_>>(), ["refresh_token"]);
}

#[tokio::test]
async fn after_logout_the_refresh_token_is_refused() {
    let app = spawn_app().await;
    let party = app.department(1).await;
    let signed = tokens(&app, &party.email).await;
    let body = json!({"refresh_token": signed.refresh_token.expose()});
    let logout = app.post("/api/v1/sessions/logout", None, &body).send().await.unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(logout.text().await.unwrap(), "");
    json_of(app.post("/api/v1/sessions/refresh", None, &body).send().await.unwrap(), 401).await;
    // Logging out again changes nothing and is no error.
    assert_eq!(app.post("/api/v1/sessions/logout", None, &body).send().await.unwrap().status(), 204);
}

#[tokio::test]
async fn an_access_token_expires_after_fifteen_minutes() {
    let app = spawn_app().await;
    let party = app.provider(1, &["HP-001"]).await;
    let signed = tokens(&app, &party.email).await;
    app.advance(Duration::minutes(14));
    json_of(bearer(&app, "/api/v1/me", signed.access_token.expose()).send().await.unwrap(), 200).await;
    app.advance(Duration::minutes(2));
    let body =
        json_of(bearer(&app, "/api/v1/me", signed.access_token.expose()).send().await.unwrap(), 401).await;
    assert_eq!(body["code"], "unauthorized");
    // The refresh token outlives it.
    let refresh = json!({"refresh_token": signed.refresh_token.expose()});
    json_of(app.post("/api/v1/sessions/refresh", None, &refresh).send().await.unwrap(), 200).await;
}

#[tokio::test]
async fn a_forged_token_is_refused_even_on_a_public_route() {
    let app = spawn_app().await;
    for path in ["/api/v1/catalog", "/api/v1/me"] {
        let body = json_of(bearer(&app, path, "v1.garbage.token").send().await.unwrap(), 401).await;
        assert_eq!(body["code"], "unauthorized", "{path}");
    }
    json_of(app.get("/api/v1/me", None).send().await.unwrap(), 401).await;
    json_of(app.get("/api/v1/me/notifications", None).send().await.unwrap(), 401).await;
    json_of(app.post("/api/v1/me/notifications/read", None, &json!({})).send().await.unwrap(), 401).await;
}

#[tokio::test]
async fn a_supervisor_has_no_organisation() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let me = json_of(app.get("/api/v1/me", Some(&supervisor)).send().await.unwrap(), 200).await;
    assert_eq!(
        me,
        json!({
            "account": {"id": supervisor.account, "email": supervisor.email, "role": "supervisor", "organisation": null},
            "organisation": null,
        })
    );
}

#[tokio::test]
async fn the_account_routes_refuse_other_methods() {
    let app = spawn_app().await;
    let party = app.enterprise(1).await;
    for path in ["/api/v1/me", "/api/v1/sessions", "/api/v1/accounts"] {
        let body = json_of(app.put(path, Some(&party), &json!({})).send().await.unwrap(), 405).await;
        assert_eq!(body["code"], "method_not_allowed", "{path}");
    }
}

/// The notifications of a page, without their ids.
fn lines(page: &Value) -> Vec<Value> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let mut n = n.clone();
            assert!(Uuid::parse_str(n["id"].as_str().unwrap()).is_ok(), "{n}");
            n.as_object_mut().unwrap().remove("id");
            n
        })
        .collect()
}

#[tokio::test]
async fn a_question_reaches_the_buyers_inbox_unread_until_marked_read() {
    let app = spawn_app().await;
    let state = &app.state;
    let buyer = app.enterprise(1).await;
    let provider = app.provider(2, &["HP-001"]).await;
    let actor = |p: &crate::helpers::Party| Actor {
        role: p.role,
        account: Some(p.account),
        organisation: p.organisation,
    };
    let organisation = accounts::organisation(state.store.as_ref(), buyer.organisation.unwrap())
        .await
        .unwrap()
        .unwrap()
        .value;
    let catalogue = repo::catalogue::catalogue(state.store.as_ref()).await.unwrap();
    let item = catalogue.items().iter().find(|i| i.code.as_str() == "HP-001").unwrap().clone();
    let terms: market_domain::project::ProjectTerms = serde_json::from_value(json!({
        "item": "HP-001", "title": "化工项目环评", "description": "", "budget_cap": 10_000_000,
        "service_days": 30, "requirements": [], "method": {"method": "lowest_price"},
        "funding": {"funding": "enterprise"}, "bid_window": 3
    }))
    .unwrap();
    let draft = lifecycle::create(state, &actor(&buyer), |id, code| {
        Ok(Command::CreateDraft {
            id,
            code,
            terms: terms.clone(),
            item: item.clone(),
            buyer: organisation.clone(),
        })
    })
    .await
    .unwrap();
    let (_, commitment, keep) = lifecycle::new_secret(draft.id);
    lifecycle::act(state, draft.id, &actor(&buyer), |_| {
        Ok((Command::Publish { commitment, item: item.clone() }, vec![keep.clone()]))
    })
    .await
    .unwrap();
    let ask = |text: &'static str| {
        let provider = actor(&provider);
        async move {
            lifecycle::act(state, draft.id, &provider, |_| {
                Ok((
                    Command::AskQuestion {
                        question: Uuid::new_v4(),
                        text: Description::parse(text).unwrap(),
                    },
                    vec![],
                ))
            })
            .await
            .unwrap()
        }
    };
    ask("是否需要提供原始监测数据？").await;
    let first_at = app.clock_now();

    let page = json_of(app.get("/api/v1/me/notifications", Some(&buyer)).send().await.unwrap(), 200).await;
    let told = |at: chrono::DateTime<chrono::Utc>, unread: bool| {
        json!({
            "at": at, "project": draft.id, "code": draft.code, "title": "化工项目环评",
            "kind": "question_asked", "unread": unread,
        })
    };
    assert_eq!(lines(&page), [told(first_at, true)]);
    assert_eq!(page["next"], Value::Null);
    let nothing =
        json_of(app.get("/api/v1/me/notifications", Some(&provider)).send().await.unwrap(), 200).await;
    assert_eq!(nothing, json!({"items": [], "next": null}));

    let read = app.post("/api/v1/me/notifications/read", Some(&buyer), &json!({})).send().await.unwrap();
    assert_eq!(read.status(), 204);
    let page = json_of(app.get("/api/v1/me/notifications", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(lines(&page), [told(first_at, false)]);

    // A later question is unread while the earlier stays read; newest first, a page at a time.
    app.advance(Duration::hours(2));
    ask("报告提交份数？").await;
    let second_at = app.clock_now();
    let page = json_of(app.get("/api/v1/me/notifications", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(lines(&page), [told(second_at, true), told(first_at, false)]);
    let one =
        json_of(app.get("/api/v1/me/notifications?limit=1", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(lines(&one), [told(second_at, true)]);
    let cursor = one["next"].as_str().expect("a next page");
    let path = format!("/api/v1/me/notifications?limit=1&cursor={cursor}");
    let rest: Page<Value> =
        serde_json::from_value(json_of(app.get(&path, Some(&buyer)).send().await.unwrap(), 200).await)
            .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.items[0]["at"], json!(first_at));
}

#[tokio::test]
async fn supervisors_read_their_shared_inbox() {
    let app = spawn_app().await;
    let (first, second) = (app.supervisor(1).await, app.supervisor(2).await);
    let note = notifications::about_organisation(
        Inbox::Supervision,
        app.clock_now(),
        NotificationKind::ObjectionFiled,
    );
    app.state.store.write(vec![note]).await.unwrap();
    let expected = json!({
        "at": app.clock_now(), "project": null, "code": null, "title": null,
        "kind": "objection_filed", "unread": true,
    });
    for supervisor in [&first, &second] {
        let page =
            json_of(app.get("/api/v1/me/notifications", Some(supervisor)).send().await.unwrap(), 200).await;
        assert_eq!(lines(&page), std::slice::from_ref(&expected));
    }
    let read = app.post("/api/v1/me/notifications/read", Some(&first), &json!({})).send().await.unwrap();
    assert_eq!(read.status(), 204);
    // One inbox, one read mark: what one supervisor has read, the others have too.
    let page = json_of(app.get("/api/v1/me/notifications", Some(&second)).send().await.unwrap(), 200).await;
    assert_eq!(page["items"][0]["unread"], false);
}

#[tokio::test]
async fn a_registration_retried_with_its_idempotency_key_is_answered_once() {
    let app = spawn_app().await;
    let form = enterprise_form(8, "owner@example.com");
    let send =
        |form: &Value| app.post("/api/v1/accounts", None, form).header("idempotency-key", "reg-8").send();
    let first = send(&form).await.unwrap();
    assert_eq!(first.headers().get("idempotency-replayed"), None);
    let first = json_of(first, 201).await;
    let again = send(&form).await.unwrap();
    assert_eq!(again.headers()["idempotency-replayed"], "true");
    assert_eq!(json_of(again, 201).await, first);

    let other = enterprise_form(9, "other@example.com");
    let body = json_of(send(&other).await.unwrap(), 409).await;
    assert_eq!(body["code"], "idempotency_key_reused");
    let store = app.state.store.as_ref();
    assert_eq!(accounts::account_by_email(store, "other@example.com").await.unwrap(), None);
    let account = accounts::account_by_email(store, "owner@example.com").await.unwrap().unwrap();
    assert_eq!(json!(account.id), first["id"]);
}
