//! The OCDS feed over HTTP on the demo market: the release packages paged oldest first and
//! filtered by `since`, the records, their errors, and the extension the packages name. (That
//! every release and record validates against the OCDS schema is `scripts/validate-ocds.py`'s.)

use crate::helpers::{demo_state, json_of, serve};
use market_domain::ocds::ocid;
use market_functions::repo::projects;
use serde_json::Value;
use std::collections::BTreeSet;

async fn get(address: &str, path: &str, status: u16) -> Value {
    let url = if path.starts_with("http") { path.to_owned() } else { format!("{address}{path}") };
    json_of(reqwest::get(url).await.unwrap(), status).await
}

/// Every release of the feed from `first`, following `links.next`; and the pages read.
async fn follow(address: &str, first: &str) -> (Vec<Value>, usize) {
    let (mut releases, mut pages) = (Vec::new(), 0);
    let mut next = Some(first.to_owned());
    while let Some(url) = next {
        let package = get(address, &url, 200).await;
        assert_eq!(package["version"], "1.1");
        assert_eq!(package["publisher"]["name"].as_str().map(|n| n.contains("中介超市")), Some(true));
        let extension = package["extensions"][0].as_str().unwrap();
        assert!(
            extension.starts_with(address) && extension.ends_with("/api/v1/ocds/extension/extension.json")
        );
        assert!(package["uri"].as_str().unwrap().starts_with(&format!("{address}/api/v1/ocds/releases?")));
        releases.extend(package["releases"].as_array().unwrap().iter().cloned());
        next = package["links"]["next"].as_str().map(str::to_owned);
        pages += 1;
    }
    (releases, pages)
}

fn dates(releases: &[Value]) -> Vec<&str> {
    releases.iter().map(|r| r["date"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_feed_pages_every_release_oldest_first_and_since_filters_them() {
    let (state, loaded) = demo_state().await;
    let address = serve(state.clone()).await;
    let (all, pages) = follow(&address, "/api/v1/ocds/releases?limit=40").await;
    assert!(pages > 2, "{} releases in {pages} pages", all.len());
    let (whole, _) = follow(&address, "/api/v1/ocds/releases?limit=100").await;
    assert_eq!(all, whole, "the page size changes nothing but the paging");
    let ids: BTreeSet<&str> = all.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "each release once");
    let published: usize = {
        let mut n = 0;
        for id in &loaded.projects {
            n += usize::from(
                projects::get(state.store.as_ref(), *id).await.unwrap().unwrap().published_at.is_some(),
            );
        }
        n
    };
    let processes: BTreeSet<&str> = all.iter().map(|r| r["ocid"].as_str().unwrap()).collect();
    assert_eq!(processes.len(), published, "a process per published project");
    let in_order = dates(&all);
    let mut sorted = in_order.clone();
    sorted.sort();
    assert_eq!(in_order, sorted, "oldest first");
    // Nothing sealed: before an award, no release names a tenderer.
    for r in all.iter().filter(|r| r["awards"].is_null()) {
        assert!(r["tender"]["tenderers"].is_null() && r["tender"]["excludedQuotes"].is_null(), "{}", r["id"]);
    }

    let since = all[all.len() / 2]["date"].as_str().unwrap();
    let from = format!("/api/v1/ocds/releases?limit=30&since={}", urlencode(since));
    let (later, _) = follow(&address, &from).await;
    let expected: Vec<&Value> = all.iter().filter(|r| r["date"].as_str().unwrap() >= since).collect();
    assert_eq!(later.iter().collect::<Vec<_>>(), expected);
    // The same instant in Shanghai time.
    let shanghai = chrono::DateTime::parse_from_rfc3339(since)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .to_rfc3339();
    let (same, _) = follow(&address, &format!("/api/v1/ocds/releases?since={}", urlencode(&shanghai))).await;
    assert_eq!(same, later);
    let future = get(&address, "/api/v1/ocds/releases?since=2100-01-01T00:00:00Z", 200).await;
    assert_eq!((future["releases"].as_array().unwrap().len(), future["links"].is_null()), (0, true));

    let bad = get(&address, "/api/v1/ocds/releases?since=yesterday", 400).await;
    assert_eq!(bad["code"], "malformed");
    assert!(bad["message"].as_str().unwrap().contains("since"), "{bad}");
    let bad = get(&address, "/api/v1/ocds/releases?cursor=nonsense", 400).await;
    assert!(bad["message"].as_str().unwrap().contains("cursor"), "{bad}");
}

fn urlencode(text: &str) -> String {
    text.replace('+', "%2B").replace(':', "%3A")
}

#[tokio::test]
async fn a_record_holds_every_release_of_its_process() {
    let (state, loaded) = demo_state().await;
    let address = serve(state.clone()).await;
    let (all, _) = follow(&address, "/api/v1/ocds/releases?limit=100").await;
    let mut checked = 0;
    for id in &loaded.projects {
        let project = projects::get(state.store.as_ref(), *id).await.unwrap().unwrap();
        let path = format!("/api/v1/ocds/records/{}", ocid(*id));
        if project.published_at.is_none() {
            let body = get(&address, &path, 404).await;
            assert_eq!(body["code"], "not_found", "a draft is no process");
            continue;
        }
        let package = get(&address, &path, 200).await;
        assert_eq!(package["uri"], format!("{address}{path}"));
        let record = &package["records"][0];
        assert_eq!(record["ocid"], ocid(*id));
        let from_feed: Vec<&Value> = all.iter().filter(|r| r["ocid"] == record["ocid"]).collect();
        assert_eq!(record["releases"].as_array().unwrap().iter().collect::<Vec<_>>(), from_feed);
        let compiled = &record["compiledRelease"];
        assert_eq!(compiled["tag"], serde_json::json!(["compiled"]));
        assert_eq!(compiled["date"], from_feed.last().unwrap()["date"]);
        assert_eq!(package["publishedDate"], compiled["date"]);
        checked += 1;
    }
    assert!(checked > 50, "{checked} records checked");
}

#[tokio::test]
async fn an_unknown_ocid_is_not_found_and_a_malformed_one_is_refused_by_name() {
    let (state, _) = demo_state().await;
    let address = serve(state).await;
    let unknown =
        get(&address, "/api/v1/ocds/records/ocds-zjzjcs-00000000-0000-4000-8000-000000000001", 404).await;
    assert_eq!(unknown["code"], "not_found");
    for malformed in ["ocds-abcdef-00000000-0000-4000-8000-000000000001", "ocds-zjzjcs-42", "42"] {
        let body = get(&address, &format!("/api/v1/ocds/records/{malformed}"), 400).await;
        assert_eq!(body["code"], "malformed");
        assert!(body["message"].as_str().unwrap().contains("ocid"), "{body}");
    }
}

#[tokio::test]
async fn the_extension_the_packages_name_is_served() {
    let (state, _) = demo_state().await;
    let address = serve(state).await;
    let extension = get(&address, "/api/v1/ocds/extension/extension.json", 200).await;
    assert_eq!(extension["schemas"], serde_json::json!(["release-schema.json"]));
    let patch = get(&address, "/api/v1/ocds/extension/release-schema.json", 200).await;
    assert!(patch["definitions"]["Award"]["properties"]["selection"].is_object());
    for codelist in extension["codelists"].as_array().unwrap() {
        let url = format!("{address}/api/v1/ocds/extension/codelists/{}", codelist.as_str().unwrap());
        let response = reqwest::get(url.replace('+', "%2B")).await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{url}");
        assert!(response.text().await.unwrap().starts_with("Code,Title,Description"));
    }
    get(&address, "/api/v1/ocds/extension/schema.json", 404).await;
    get(&address, "/api/v1/ocds/extension/codelists/+method.csv", 404).await;
    // Only the extension's own files, whatever else the route's catch-all takes in.
    for file in [
        "codelists/",
        "extension.json/README.md",
        "codelists/%2E%2E%2Fextension.json",
        "..%2F..%2FCargo.toml",
    ] {
        get(&address, &format!("/api/v1/ocds/extension/{file}"), 404).await;
    }
}
