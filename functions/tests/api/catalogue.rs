use crate::helpers::spawn_app;
use market_domain::{Catalogue, FeeBasis, Locale};

/// Items the reform plan names; the seed must carry each of them.
const REQUIRED_ITEMS: [&str; 19] = [
    "环境影响评价报告编制",
    "水土保持方案编制",
    "地质灾害危险性评估",
    "压覆矿产资源评估",
    "文物影响评估",
    "洪水影响评价",
    "地震安全性评价",
    "气候可行性论证",
    "节能评估",
    "安全预评价",
    "施工图审查",
    "房产测绘",
    "交通影响评价",
    "职业病危害预评价",
    "防雷装置设计技术评价",
    "工程造价咨询",
    "建设工程监理",
    "土地勘测定界",
    "规划设计方案技术审查",
];

#[tokio::test]
async fn the_catalogue_is_public_and_complete() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/v1/catalog")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    assert!(response.headers().contains_key("x-request-id"), "every response carries a request id");

    // Parsing with the domain type re-checks every rule (both languages, unique codes, bounds).
    let catalogue: Catalogue = response.json().await.unwrap();
    assert!(catalogue.items().len() >= 20, "only {} items", catalogue.items().len());
    let names: Vec<&str> = catalogue.items().iter().map(|i| i.name.get(Locale::Zh)).collect();
    for required in REQUIRED_ITEMS {
        assert!(names.contains(&required), "{required} is missing from the catalogue");
    }
    let eia = catalogue.items().iter().find(|i| i.code.as_str() == "HP-001").unwrap();
    assert_eq!(eia.name.get(Locale::En), "Environmental impact report preparation");
    assert!(eia.legal_basis.get(Locale::Zh).contains("环境影响评价法"));
    assert_eq!(eia.time_limit.get(), 40);
    assert_eq!(eia.fee_basis, FeeBasis::Market);
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/v1/no-such-thing")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], "not_found");
    assert_eq!(body["message"], "没有找到该资源");
    assert!(!body["request_id"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn a_request_id_sent_by_the_client_comes_back() {
    let app = spawn_app().await;
    let response =
        app.client.get(app.url("/api/v1/health")).header("x-request-id", "abc-123").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}

/// Each public path and the most store calls one request may make (the store has no scan; a
/// budget catches a request that reads far more than it should).
const STORE_BUDGETS: [(&str, usize); 2] = [("/api/v1/health", 0), ("/api/v1/catalog", 1)];

#[tokio::test]
async fn every_path_stays_within_its_store_budget() {
    let app = spawn_app().await;
    for (path, budget) in STORE_BUDGETS {
        app.store_calls.take();
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let calls = app.store_calls.take();
        assert!(calls.total() <= budget, "{path} made {calls:?}, over its budget of {budget}");
    }
}
