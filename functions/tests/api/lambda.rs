//! The router as AWS Lambda runs it: an API Gateway HTTP API (v2) event, parsed by lambda_http.

use crate::helpers::test_state;
use http_body_util::BodyExt;
use market_domain::ids::{AccountId, OrganisationId};
use market_domain::project::Role;
use market_domain::Catalogue;
use market_functions::auth::token::Claims;
use market_functions::routes::{self, Function};
use tower::ServiceExt;

fn api_gateway_v2_event(method: &str, path: &str) -> String {
    event_with(method, path, None, None)
}

/// An event with an optional bearer token and JSON body.
fn event_with(method: &str, path: &str, token: Option<&str>, body: Option<serde_json::Value>) -> String {
    let mut headers = serde_json::json!({ "accept": "application/json", "host": "market.example.com" });
    if let Some(t) = token {
        headers["authorization"] = format!("Bearer {t}").into();
    }
    if body.is_some() {
        headers["content-type"] = "application/json".into();
    }
    let mut event = serde_json::json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "api-id",
            "domainName": "market.example.com",
            "domainPrefix": "market",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "192.0.2.1",
                "userAgent": "test"
            },
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "routeKey": "$default",
            "stage": "$default",
            "time": "27/Nov/2026:01:50:00 +0000",
            "timeEpoch": 1795744200000u64
        },
        "isBase64Encoded": false
    });
    if let Some(b) = body {
        event["body"] = b.to_string().into();
    }
    event.to_string()
}

/// A token for `role` signed by `state`'s key (an organisation that does not exist: the routes
/// below only list).
fn token(state: &market_functions::AppState, role: Role) -> String {
    let organisation = (role != Role::Supervisor).then(|| OrganisationId(uuid::Uuid::from_u128(7)));
    let claims =
        Claims { account: AccountId(uuid::Uuid::from_u128(9)), role, organisation, expires_at: i64::MAX };
    state.tokens.sign(&claims)
}

async fn answer(function: Function, event: String) -> (u16, serde_json::Value) {
    let state = test_state().await;
    answer_with(function, &state, event).await
}

async fn answer_with(
    function: Function,
    state: &market_functions::AppState,
    event: String,
) -> (u16, serde_json::Value) {
    let request = lambda_http::request::from_str(&event).unwrap();
    let response = routes::function(function, state.clone()).oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn the_accounts_function_refuses_an_unknown_sign_in() {
    let body = serde_json::json!({ "email": "nobody@example.com", "password": "not-a-password" });
    let (status, body) =
        answer(Function::Accounts, event_with("POST", "/api/v1/sessions", None, Some(body))).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "unauthorized");
    assert_eq!(body["request_id"].as_str().map(str::is_empty), Some(false));
}

#[tokio::test]
async fn the_bidding_function_lists_a_buyers_projects() {
    let state = test_state().await;
    let event = event_with("GET", "/api/v1/me/projects", Some(&token(&state, Role::Enterprise)), None);
    let (status, body) = answer_with(Function::Bidding, &state, event).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"], serde_json::json!([]));
    let event = event_with("GET", "/api/v1/me/projects", Some(&token(&state, Role::Provider)), None);
    assert_eq!(answer_with(Function::Bidding, &state, event).await.0, 403);
}

#[tokio::test]
async fn the_supervision_function_shows_the_onboarding_queue_to_supervisors_only() {
    let state = test_state().await;
    let path = "/api/v1/supervision/providers/pending";
    let event = event_with("GET", path, Some(&token(&state, Role::Supervisor)), None);
    let (status, body) = answer_with(Function::Supervision, &state, event).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"], serde_json::json!([]));
    assert_eq!(answer_with(Function::Supervision, &state, event_with("GET", path, None, None)).await.0, 401);
}

#[tokio::test]
async fn a_function_serves_only_its_own_routes() {
    // The catalogue is the public function's; the others do not know the path at all.
    for function in [Function::Accounts, Function::Bidding, Function::Supervision] {
        let (status, body) = answer(function, api_gateway_v2_event("GET", "/api/v1/catalog")).await;
        assert_eq!(status, 404, "{function:?}: {body}");
        assert_eq!(body["code"], "not_found");
    }
}

#[tokio::test]
async fn the_public_function_answers_an_api_gateway_event() {
    let request = lambda_http::request::from_str(&api_gateway_v2_event("GET", "/api/v1/catalog")).unwrap();
    let response = routes::function(Function::Public, test_state().await).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let catalogue: Catalogue = serde_json::from_slice(&body).unwrap();
    assert!(catalogue.items().len() >= 20);
}

#[tokio::test]
async fn the_public_function_has_no_write_routes() {
    let request = lambda_http::request::from_str(&api_gateway_v2_event("POST", "/api/v1/catalog")).unwrap();
    let response = routes::function(Function::Public, test_state().await).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 405);
}
