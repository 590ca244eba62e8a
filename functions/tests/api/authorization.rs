//! The authorization matrix: every route of the API called as anonymous and as each role, each
//! answer compared with the table below — declared here, independently of the table the guard
//! enforces (`access::POLICIES`), so a change to either that the other does not share fails.

use crate::helpers::{spawn_app, Party, TestApp};
use market_functions::access::POLICIES;
use market_functions::routes;
use serde_json::json;

/// Who is admitted: a = anonymous, e = enterprise, d = department, p = provider, s = supervisor.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("GET", "/api/v1/health", "aedps"),
    ("GET", "/api/v1/catalog", "aedps"),
    ("GET", "/api/v1/openapi.json", "aedps"),
    ("GET", "/api/v1/docs", "aedps"),
    ("GET", "/api/v1/projects", "aedps"),
    ("GET", "/api/v1/projects/{id}", "aedps"),
    ("GET", "/api/v1/projects/{id}/events", "aedps"),
    ("GET", "/api/v1/projects/{id}/quotes", "aedps"),
    ("GET", "/api/v1/projects/{id}/selection", "aedps"),
    ("GET", "/api/v1/providers", "aedps"),
    ("GET", "/api/v1/providers/{id}", "aedps"),
    ("GET", "/api/v1/providers/{id}/credit", "aedps"),
    ("GET", "/api/v1/statistics", "aedps"),
    ("GET", "/api/v1/inspections", "aedps"),
    ("GET", "/api/v1/inspections/{id}", "aedps"),
    ("GET", "/api/v1/ocds/releases", "aedps"),
    ("GET", "/api/v1/ocds/records/{ocid}", "aedps"),
    ("GET", "/api/v1/ocds/extension/{file}", "aedps"),
    ("POST", "/api/v1/accounts", "aedps"),
    ("POST", "/api/v1/sessions", "aedps"),
    ("POST", "/api/v1/sessions/refresh", "aedps"),
    ("POST", "/api/v1/sessions/logout", "aedps"),
    ("GET", "/api/v1/me", "edps"),
    ("GET", "/api/v1/me/notifications", "edps"),
    ("POST", "/api/v1/me/notifications/read", "edps"),
    ("GET", "/api/v1/me/projects", "ed"),
    ("POST", "/api/v1/projects", "ed"),
    ("PUT", "/api/v1/projects/{id}", "ed"),
    ("POST", "/api/v1/projects/{id}/publish", "ed"),
    ("POST", "/api/v1/projects/{id}/cancel", "ed"),
    ("POST", "/api/v1/projects/{id}/questions", "p"),
    ("POST", "/api/v1/projects/{id}/questions/{question}/answer", "ed"),
    ("GET", "/api/v1/projects/{id}/eligibility", "p"),
    ("POST", "/api/v1/projects/{id}/quotes", "p"),
    ("POST", "/api/v1/projects/{id}/quotes/{quote}/withdraw", "p"),
    ("GET", "/api/v1/me/quotes", "p"),
    ("POST", "/api/v1/projects/{id}/choice", "ed"),
    ("POST", "/api/v1/projects/{id}/objections", "p"),
    ("POST", "/api/v1/projects/{id}/contract", "ed"),
    ("POST", "/api/v1/projects/{id}/contract/sign", "p"),
    ("POST", "/api/v1/projects/{id}/service/start", "p"),
    ("POST", "/api/v1/projects/{id}/delivery", "p"),
    ("POST", "/api/v1/projects/{id}/delivery/accept", "ed"),
    ("POST", "/api/v1/projects/{id}/delivery/return", "ed"),
    ("POST", "/api/v1/projects/{id}/evaluation", "ed"),
    ("GET", "/api/v1/supervision/providers/pending", "s"),
    ("POST", "/api/v1/supervision/providers/{id}/approve", "s"),
    ("POST", "/api/v1/supervision/providers/{id}/reject", "s"),
    ("GET", "/api/v1/supervision/objections", "s"),
    ("POST", "/api/v1/projects/{id}/objections/{objection}/uphold", "s"),
    ("POST", "/api/v1/projects/{id}/objections/{objection}/reject", "s"),
    ("GET", "/api/v1/supervision/overdue", "s"),
    ("PUT", "/api/v1/catalog/{code}", "s"),
    ("POST", "/api/v1/providers/{id}/violations", "s"),
    ("POST", "/api/v1/providers/{id}/blacklistings", "s"),
    ("POST", "/api/v1/inspections", "s"),
];

/// The routes served in tests (the test routes are compiled in only for browser tests).
fn served(path: &str) -> bool {
    !path.starts_with(market_functions::routes::TEST_HOOKS_PREFIX)
}

/// A concrete path for a pattern: ids that name nothing (admission is decided before lookup).
fn concrete(path: &str) -> String {
    path.replace("{code}", "HP-001")
        .replace("{id}", "00000000-0000-4000-8000-000000000001")
        .replace("{question}", "00000000-0000-4000-8000-000000000002")
        .replace("{quote}", "00000000-0000-4000-8000-000000000003")
        .replace("{objection}", "00000000-0000-4000-8000-000000000004")
        .replace("{ocid}", "ocds-zjzjcs-00000000-0000-4000-8000-000000000001")
        .replace("{file}", "extension.json")
}

async fn call(app: &TestApp, method: &str, path: &str, party: Option<&Party>) -> u16 {
    let url = app.url(&concrete(path));
    let mut request = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url).json(&json!({})),
        "PUT" => app.client.put(url).json(&json!({})),
        other => panic!("no call for {other}"),
    };
    if let Some(p) = party {
        request = request.bearer_auth(&p.token);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn every_route_admits_exactly_the_declared_callers() {
    let app = spawn_app().await;
    let parties = [
        ('e', Some(app.enterprise(1).await)),
        ('d', Some(app.department(2).await)),
        ('p', Some(app.provider(3, &["HP-001"]).await)),
        ('s', Some(app.supervisor(4).await)),
        ('a', None),
    ];
    let mut wrong = Vec::new();
    for (method, path, admitted) in EXPECTED {
        for (who, party) in &parties {
            let status = call(&app, method, path, party.as_ref()).await;
            let expected_in = admitted.contains(*who);
            let refused = status == 401 || status == 403;
            let right = if expected_in {
                !refused && status != 404 || status == 404 && path.contains('{')
            } else if *who == 'a' {
                status == 401
            } else {
                status == 403
            };
            if !right {
                wrong.push(format!("{method} {path} as {who}: {status}"));
            }
        }
    }
    assert!(wrong.is_empty(), "answers that differ from the declared table:\n{}", wrong.join("\n"));
}

#[test]
fn the_declared_table_and_the_enforced_one_name_the_same_routes() {
    let mut declared: Vec<(String, String)> =
        EXPECTED.iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    let mut enforced: Vec<(String, String)> = POLICIES
        .iter()
        .filter(|p| served(p.path))
        .map(|p| (p.method.to_string(), p.path.to_owned()))
        .collect();
    declared.sort();
    enforced.sort();
    assert_eq!(declared, enforced);
}

#[test]
fn every_route_in_the_api_description_has_a_policy_and_every_policy_a_route() {
    let doc = serde_json::to_value(routes::openapi()).unwrap();
    let mut described = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_some() {
                described.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    let mut enforced: Vec<(String, String)> = POLICIES
        .iter()
        .filter(|p| served(p.path))
        .map(|p| (p.method.to_string(), p.path.to_owned()))
        .collect();
    described.sort();
    enforced.sort();
    assert_eq!(described, enforced);
}
