//! The router as AWS Lambda runs it: an API Gateway HTTP API (v2) event, parsed by lambda_http.

use crate::helpers::test_state;
use http_body_util::BodyExt;
use market_domain::Catalogue;
use market_functions::routes;
use tower::ServiceExt;

fn api_gateway_v2_event(method: &str, path: &str) -> String {
    serde_json::json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": { "accept": "application/json", "host": "market.example.com" },
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
    })
    .to_string()
}

#[tokio::test]
async fn the_public_function_answers_an_api_gateway_event() {
    let request = lambda_http::request::from_str(&api_gateway_v2_event("GET", "/api/v1/catalog")).unwrap();
    let response = routes::function(routes::Function::Public, test_state().await).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let catalogue: Catalogue = serde_json::from_slice(&body).unwrap();
    assert!(catalogue.items().len() >= 20);
}

#[tokio::test]
async fn the_public_function_has_no_write_routes() {
    let request = lambda_http::request::from_str(&api_gateway_v2_event("POST", "/api/v1/catalog")).unwrap();
    let response = routes::function(routes::Function::Public, test_state().await).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 405);
}
