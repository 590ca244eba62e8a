//! Bad input over HTTP: every failure answers the one error shape, in the reader's language,
//! with the request id — and stores nothing.

use crate::helpers::{json_of, spawn_app};
use serde_json::json;

#[tokio::test]
async fn a_body_over_64_kib_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let huge = "环".repeat(30_000); // 90,000 bytes of UTF-8
    let body = json!({ "item": "HP-001", "title": "t", "description": huge, "budget_cap": "1",
        "service_days": 1, "requirements": [], "method": { "method": "random_draw" }, "bid_window": 3 });
    let response = app.post("/api/v1/projects", Some(&buyer), &body).send().await.unwrap();
    let error = json_of(response, 413).await;
    assert_eq!(error["code"], "too_large");
    assert_eq!(error["message"], "请求内容超过 64 KiB");
    let mine = json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(mine["items"], json!([]));
}

#[tokio::test]
async fn the_message_follows_accept_language_and_carries_the_request_id() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/sessions"))
        .header("accept-language", "en-GB,en;q=0.9,zh;q=0.5")
        .header("x-request-id", "req-42")
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-language"], "en");
    let error = json_of(response, 400).await;
    assert_eq!(error["code"], "malformed");
    assert!(error["message"].as_str().unwrap().starts_with("The request is malformed: "), "{error}");
    assert_eq!(error["request_id"], "req-42");
    assert_eq!(error["fields"], json!({}));
}

/// A page that switches language shows the error again in the new one: the body carries both.
#[tokio::test]
async fn an_error_carries_its_message_and_field_messages_in_both_languages() {
    let app = spawn_app().await;
    let buyer = app.enterprise(1).await;
    let body = json!({ "item": "HP-001", "title": "", "description": "d", "budget_cap": "-5",
        "service_days": 1, "requirements": [], "method": { "method": "random_draw" }, "bid_window": 3 });
    let error = json_of(app.post("/api/v1/projects", Some(&buyer), &body).send().await.unwrap(), 422).await;
    let both = &error["bilingual"];
    assert_eq!(both["message"]["zh"], error["message"], "{error}");
    assert!(both["message"]["en"].as_str().unwrap().is_ascii(), "{error}");
    let (fields, bilingual) = (error["fields"].as_object().unwrap(), both["fields"].as_object().unwrap());
    assert!(fields.contains_key("title") && fields.contains_key("budget_cap"), "{error}");
    assert_eq!(fields.keys().collect::<Vec<_>>(), bilingual.keys().collect::<Vec<_>>());
    for (field, messages) in fields {
        assert_eq!(messages[0], bilingual[field][0]["zh"], "{field}");
        let en = bilingual[field][0]["en"].as_str().unwrap();
        assert!(!en.is_empty() && en.is_ascii() && en != messages[0], "{field}: {en}");
    }
    let mine = json_of(app.get("/api/v1/me/projects", Some(&buyer)).send().await.unwrap(), 200).await;
    assert_eq!(mine["items"], json!([]));
}

#[tokio::test]
async fn an_unknown_field_is_malformed_and_named() {
    let app = spawn_app().await;
    let body = json!({ "email": "a@example.com", "password": "long enough password", "remember": true });
    let error = json_of(app.post("/api/v1/sessions", None, &body).send().await.unwrap(), 400).await;
    assert_eq!(error["code"], "malformed");
    assert!(error["message"].as_str().unwrap().contains("remember"), "{error}");
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let app = spawn_app().await;
    let response = app.client.delete(app.url("/api/v1/catalog")).send().await.unwrap();
    let error = json_of(response, 405).await;
    assert_eq!(error["code"], "method_not_allowed");
    assert_eq!(error["message"], "该地址不支持此请求方法");
}

/// A `limit` that is not a number is a 400 wherever the caller may read the list, and every list
/// describes that answer (found by sending generated requests: five lists answered a status
/// they did not describe).
/// A page size out of 1–100, or not a number, is refused with a message naming the parameter —
/// never quietly changed into another.
#[tokio::test]
async fn a_page_size_out_of_range_is_refused_naming_the_limit() {
    let app = spawn_app().await;
    for (limit, says) in [
        ("0", "query: limit: must be from 1 to 100, not 0"),
        ("101", "query: limit: must be from 1 to 100, not 101"),
        ("-1", "query: limit: invalid digit found in string"),
    ] {
        let response = app.get(&format!("/api/v1/projects?limit={limit}"), None).send().await.unwrap();
        let error = json_of(response, 400).await;
        assert_eq!(error["code"], "malformed", "{limit}");
        assert!(error["message"].as_str().unwrap().ends_with(says), "{limit}: {error}");
    }
    for limit in ["1", "100"] {
        let response = app.get(&format!("/api/v1/projects?limit={limit}"), None).send().await.unwrap();
        assert_eq!(response.status(), 200, "{limit}");
    }
}

#[tokio::test]
async fn every_list_refuses_a_malformed_limit_as_described() {
    let app = spawn_app().await;
    let supervisor = app.supervisor(1).await;
    let doc = json_of(app.get("/api/v1/openapi.json", None).send().await.unwrap(), 200).await;
    let mut malformed = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let parameters = get["parameters"].as_array().cloned().unwrap_or_default();
        if !parameters.iter().any(|p| p["name"] == "limit") {
            continue;
        }
        assert!(get["responses"]["400"].is_object(), "GET {path} takes a limit but describes no 400");
        let url = path.replace("{id}", "7e1b8a6c-0000-4000-8000-000000000001");
        let response = app.get(&format!("{url}?limit=null"), Some(&supervisor)).send().await.unwrap();
        let status = response.status().as_u16();
        // A list for other roles may refuse the supervisor first (403), as it describes.
        assert!(get["responses"][status.to_string()].is_object(), "GET {path} answered {status}");
        if status == 400 {
            let error = json_of(response, 400).await;
            assert_eq!(error["code"], "malformed", "GET {path}: {error}");
            malformed.push(path.clone());
        }
    }
    for path in [
        "/api/v1/me/notifications",
        "/api/v1/projects/{id}/events",
        "/api/v1/supervision/objections",
        "/api/v1/supervision/overdue",
        "/api/v1/supervision/providers/pending",
    ] {
        assert!(malformed.iter().any(|p| p == path), "{path} not among {malformed:?}");
    }
}
