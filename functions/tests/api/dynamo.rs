//! The DynamoDB engine against a real DynamoDB-compatible server (`scripts/test.sh` starts
//! dynoxide on loopback and exports `MARKET_DYNAMODB_ENDPOINT`). Each test gets its own table.

use aws_sdk_dynamodb::types::AttributeValue;
use market_functions::store::dynamo::{client_from_env, DynamoStore};
use market_functions::store::{
    Condition, Cursor, Index, Item, Key, Page, Query, SortKey, Store, StoreError, Write,
};
use serde_json::json;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A store on a fresh table of the server at `MARKET_DYNAMODB_ENDPOINT`, or `None` (with a
/// notice) when no server is configured and none is required (`CI`, `MARKET_REQUIRE_DYNAMODB`).
pub(crate) async fn dynamo_store_if_available() -> Option<DynamoStore> {
    if std::env::var("MARKET_DYNAMODB_ENDPOINT").map_or(true, |e| e.is_empty()) {
        let required = ["CI", "MARKET_REQUIRE_DYNAMODB"].iter().any(|v| std::env::var_os(v).is_some());
        assert!(
            !required,
            "MARKET_DYNAMODB_ENDPOINT is not set but a DynamoDB server is required here: \
             run the tests through scripts/test.sh, which starts dynoxide"
        );
        eprintln!("notice: MARKET_DYNAMODB_ENDPOINT is not set; skipping a DynamoDB test");
        return None;
    }
    static TABLES: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos();
    let table =
        format!("market-test-{}-{nanos}-{}", std::process::id(), TABLES.fetch_add(1, Ordering::Relaxed));
    let store = DynamoStore::new(client_from_env().await, table);
    store.create_table_if_missing().await.expect("creating the test table");
    Some(store)
}

/// The store, or return from the test when it may be skipped.
macro_rules! store_or_skip {
    () => {
        match dynamo_store_if_available().await {
            Some(store) => store,
            None => return,
        }
    };
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn key(pk: &str, sk: &str) -> Key {
    Key::new(pk, sk)
}

fn item(pk: &str, sk: &str, data: serde_json::Value) -> Item {
    Item::new(key(pk, sk), data)
}

fn put(item: Item) -> Write {
    Write::Put { item, condition: Condition::Always }
}

fn put_if(item: Item, condition: Condition) -> Write {
    Write::Put { item, condition }
}

async fn raw_item(store: &DynamoStore, k: &Key) -> Option<HashMap<String, AttributeValue>> {
    let out = store
        .client()
        .get_item()
        .table_name(store.table())
        .key("PK", AttributeValue::S(k.pk.clone()))
        .key("SK", AttributeValue::S(k.sk.clone()))
        .consistent_read(true)
        .send()
        .await
        .unwrap();
    out.item().cloned()
}

fn sort_keys(page: &Page) -> Vec<&str> {
    page.items.iter().map(|i| i.key.sk.as_str()).collect()
}

fn assert_condition_failed(result: Result<(), StoreError>, index: usize, k: &Key) {
    match result {
        Err(StoreError::ConditionFailed { index: i, key }) => {
            assert_eq!((i, &key), (index, k), "the failing write is named");
        }
        other => panic!("expected ConditionFailed at {index} on {k}, got {other:?}"),
    }
}

#[tokio::test]
async fn every_field_round_trips_in_the_documented_layout() {
    let store = store_or_skip!();
    let full = Item {
        key: key("ORG#1", "PROFILE"),
        gsi1: Some(key("TYPE#agency", "浙江#001")),
        gsi2: Some(key("CITY#杭州", "2026-11-27")),
        version: 7,
        expires_at: Some(now() + 3600),
        data: json!({"name": "杭州测绘", "fee": {"cents": 1250}, "tags": ["a", "b"], "ok": true, "none": null}),
    };
    let bare = item("ORG#1", "NOTE", json!("just text"));
    store.write(vec![put(full.clone())]).await.unwrap();
    store.write(vec![put(bare.clone())]).await.unwrap();

    assert_eq!(store.get(&full.key).await.unwrap(), Some(full.clone()));
    assert_eq!(store.get(&bare.key).await.unwrap(), Some(bare.clone()));
    assert_eq!(store.get(&key("ORG#1", "MISSING")).await.unwrap(), None);

    let raw = raw_item(&store, &full.key).await.unwrap();
    let s = |v: &str| AttributeValue::S(v.to_owned());
    let n = |v: &str| AttributeValue::N(v.to_owned());
    assert_eq!(raw["PK"], s("ORG#1"));
    assert_eq!(raw["SK"], s("PROFILE"));
    assert_eq!(raw["GSI1PK"], s("TYPE#agency"));
    assert_eq!(raw["GSI1SK"], s("浙江#001"));
    assert_eq!(raw["GSI2PK"], s("CITY#杭州"));
    assert_eq!(raw["GSI2SK"], s("2026-11-27"));
    assert_eq!(raw["version"], n("7"));
    assert_eq!(raw["expires_at"], n(&full.expires_at.unwrap().to_string()));
    let data: serde_json::Value = serde_json::from_str(raw["data"].as_s().unwrap()).unwrap();
    assert_eq!(data, full.data);
    assert_eq!(raw.len(), 9);

    // Sparse: an item outside the indexes has no index attributes at all.
    let raw = raw_item(&store, &bare.key).await.unwrap();
    let mut names: Vec<&str> = raw.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["PK", "SK", "data", "version"]);

    // A put replaces the whole item, index keys included.
    let replaced = Item { version: 8, ..item("ORG#1", "PROFILE", json!({"name": "new"})) };
    store.write(vec![put_if(replaced.clone(), Condition::VersionIs(7))]).await.unwrap();
    assert_eq!(store.get(&full.key).await.unwrap(), Some(replaced));
    assert!(!raw_item(&store, &full.key).await.unwrap().contains_key("GSI1PK"));
}

#[tokio::test]
async fn each_condition_that_fails_names_its_write_and_writes_nothing() {
    let store = store_or_skip!();
    let existing = Item { version: 3, ..item("P", "existing", json!({"n": 1})) };
    store.write(vec![put(existing.clone())]).await.unwrap();
    let absent = key("P", "absent");
    let other = item("P", "other", json!({"n": 2}));

    let failing: Vec<Write> = vec![
        put_if(item("P", "existing", json!({"n": 9})), Condition::NotExists),
        put_if(item("P", "absent", json!({"n": 9})), Condition::Exists),
        put_if(item("P", "existing", json!({"n": 9})), Condition::VersionIs(2)),
        put_if(item("P", "absent", json!({"n": 9})), Condition::VersionIs(1)),
        Write::Delete { key: existing.key.clone(), condition: Condition::NotExists },
        Write::Delete { key: absent.clone(), condition: Condition::Exists },
        Write::Delete { key: existing.key.clone(), condition: Condition::VersionIs(4) },
        Write::Check { key: existing.key.clone(), condition: Condition::NotExists },
        Write::Check { key: absent.clone(), condition: Condition::Exists },
        Write::Check { key: existing.key.clone(), condition: Condition::VersionIs(1) },
    ];
    for write in failing {
        let target = match &write {
            Write::Put { item, .. } => item.key.clone(),
            Write::Delete { key, .. } | Write::Check { key, .. } | Write::Increment { key, .. } => {
                key.clone()
            }
        };
        // Alone (a plain conditional request) and second in a batch (a transaction).
        assert_condition_failed(store.write(vec![write.clone()]).await, 0, &target);
        assert_condition_failed(store.write(vec![put(other.clone()), write.clone()]).await, 1, &target);
        assert_eq!(store.get(&existing.key).await.unwrap(), Some(existing.clone()), "{write:?}");
        assert_eq!(store.get(&absent).await.unwrap(), None, "{write:?}");
        assert_eq!(store.get(&other.key).await.unwrap(), None, "{write:?}");
    }

    // And each holds when it should.
    let updated = Item { version: 4, ..item("P", "existing", json!({"n": 4})) };
    store.write(vec![put_if(updated.clone(), Condition::VersionIs(3))]).await.unwrap();
    store.write(vec![put_if(item("P", "absent", json!(1)), Condition::NotExists)]).await.unwrap();
    store.write(vec![Write::Check { key: absent.clone(), condition: Condition::Exists }]).await.unwrap();
    store.write(vec![Write::Check { key: key("P", "nothing"), condition: Condition::Always }]).await.unwrap();
    store.write(vec![Write::Delete { key: absent.clone(), condition: Condition::Exists }]).await.unwrap();
    store
        .write(vec![
            Write::Check { key: existing.key.clone(), condition: Condition::VersionIs(4) },
            Write::Delete { key: key("P", "never"), condition: Condition::Always },
        ])
        .await
        .unwrap();
    assert_eq!(store.get(&absent).await.unwrap(), None);
    assert_eq!(store.get(&existing.key).await.unwrap(), Some(updated));
}

#[tokio::test]
async fn a_batch_whose_last_condition_fails_leaves_earlier_writes_unapplied() {
    let store = store_or_skip!();
    let doomed = item("B", "doomed", json!("still here"));
    let guard = item("B", "guard", json!("exists"));
    store.write(vec![put(doomed.clone()), put(guard.clone())]).await.unwrap();

    let batch = vec![
        put(item("B", "new1", json!(1))),
        put_if(item("B", "new2", json!(2)), Condition::NotExists),
        Write::Increment { key: key("B", "counter"), by: 5 },
        Write::Delete { key: doomed.key.clone(), condition: Condition::Always },
        Write::Check { key: guard.key.clone(), condition: Condition::NotExists },
    ];
    assert_condition_failed(store.write(batch).await, 4, &guard.key);
    for sk in ["new1", "new2", "counter"] {
        assert_eq!(store.get(&key("B", sk)).await.unwrap(), None, "{sk} was written");
    }
    assert_eq!(store.get(&doomed.key).await.unwrap(), Some(doomed));
    let page = store.query(&Query::new(Index::Table, "B")).await.unwrap();
    assert_eq!(sort_keys(&page), ["doomed", "guard"]);
}

#[tokio::test]
async fn invalid_batches_are_refused_before_the_server() {
    let store = store_or_skip!();
    assert!(matches!(store.write(vec![]).await, Err(StoreError::InvalidBatch(_))));
    let twice = vec![put(item("I", "x", json!(1))), Write::Increment { key: key("I", "x"), by: 1 }];
    assert!(matches!(store.write(twice).await, Err(StoreError::InvalidBatch(_))));
    let many: Vec<Write> = (0..101).map(|i| put(item("I", &format!("{i:03}"), json!(i)))).collect();
    assert!(matches!(store.write(many).await, Err(StoreError::InvalidBatch(_))));
    // The largest batch goes through as one transaction.
    let hundred: Vec<Write> = (0..100).map(|i| put(item("I", &format!("{i:03}"), json!(i)))).collect();
    store.write(hundred).await.unwrap();
    let page = store.query(&Query { limit: 1000, ..Query::new(Index::Table, "I") }).await.unwrap();
    assert_eq!(page.items.len(), 100);
    assert_eq!(page.items[42].data, json!(42));
}

#[tokio::test]
async fn increment_creates_counters_at_zero_and_adds() {
    let store = store_or_skip!();
    let counter = key("STATS", "views");
    store.write(vec![Write::Increment { key: counter.clone(), by: 5 }]).await.unwrap();
    let got = store.get(&counter).await.unwrap().unwrap();
    assert_eq!((got.data, got.version), (json!({"count": 5}), 1));

    store.write(vec![Write::Increment { key: counter.clone(), by: -7 }]).await.unwrap();
    store
        .write(vec![
            Write::Increment { key: counter.clone(), by: 3 },
            Write::Increment { key: key("STATS", "other"), by: 1 },
            put(item("STATS", "record", json!({"x": 1}))),
        ])
        .await
        .unwrap();
    let got = store.get(&counter).await.unwrap().unwrap();
    assert_eq!(got, Item { version: 3, ..Item::new(counter.clone(), json!({"count": 1})) });
    assert_eq!(store.get(&key("STATS", "other")).await.unwrap().unwrap().data, json!({"count": 1}));

    // Counters answer queries like any item, and version conditions see their updates.
    let page = store.query(&Query::new(Index::Table, "STATS")).await.unwrap();
    assert_eq!(sort_keys(&page), ["other", "record", "views"]);
    assert_eq!(page.items[2].data, json!({"count": 1}));
    assert_condition_failed(
        store.write(vec![Write::Check { key: counter.clone(), condition: Condition::VersionIs(2) }]).await,
        0,
        &counter,
    );
}

/// Five items in partition `P` of the table, `G1` of GSI1 and `G2` of GSI2 (only some in GSI2).
async fn seed_for_queries(store: &DynamoStore) {
    let writes = ["a1", "a2", "b1", "b2", "c1"]
        .into_iter()
        .enumerate()
        .map(|(i, sk)| {
            let mut it = item("P", sk, json!({"i": i}));
            // GSI1 orders them the other way round: its sort keys start e, d, c, b, a.
            it.gsi1 = Some(key("G1", &format!("{}{}", ["e", "d", "c", "b", "a"][i], sk)));
            if i % 2 == 0 {
                it.gsi2 = Some(key("G2", &format!("2026-0{}", i + 1)));
            }
            put(it)
        })
        .chain([put(item("Q", "a1", json!("another partition")))])
        .collect();
    store.write(writes).await.unwrap();
}

#[tokio::test]
async fn queries_read_the_table_and_both_indexes_with_every_sort_key_form() {
    let store = store_or_skip!();
    seed_for_queries(&store).await;
    let run = |index, pk: &str, sk: SortKey, forward| {
        let query = Query { sk, forward, ..Query::new(index, pk) };
        let store = store.clone();
        async move {
            sort_keys(&store.query(&query).await.unwrap()).into_iter().map(str::to_owned).collect::<Vec<_>>()
        }
    };
    use Index::*;
    use SortKey::*;
    let between = |a: &str, b: &str| Between(a.to_owned(), b.to_owned());
    let begins = |p: &str| BeginsWith(p.to_owned());

    assert_eq!(run(Table, "P", All, true).await, ["a1", "a2", "b1", "b2", "c1"]);
    assert_eq!(run(Table, "P", All, false).await, ["c1", "b2", "b1", "a2", "a1"]);
    assert_eq!(run(Table, "P", begins("b"), true).await, ["b1", "b2"]);
    assert_eq!(run(Table, "P", begins("b"), false).await, ["b2", "b1"]);
    assert_eq!(run(Table, "P", begins(""), true).await, ["a1", "a2", "b1", "b2", "c1"]);
    assert_eq!(run(Table, "P", between("a2", "b2"), true).await, ["a2", "b1", "b2"]);
    assert_eq!(run(Table, "P", between("a2", "b2"), false).await, ["b2", "b1", "a2"]);
    assert_eq!(run(Table, "P", between("b2", "a2"), true).await, Vec::<String>::new());
    assert_eq!(run(Table, "Q", All, true).await, ["a1"]);
    assert_eq!(run(Table, "none", All, true).await, Vec::<String>::new());

    // GSI1 keys: ea1, da2, cb1, bb2, ac1 — the reverse of the table order.
    assert_eq!(run(Gsi1, "G1", All, true).await, ["c1", "b2", "b1", "a2", "a1"]);
    assert_eq!(run(Gsi1, "G1", All, false).await, ["a1", "a2", "b1", "b2", "c1"]);
    assert_eq!(run(Gsi1, "G1", begins("d"), true).await, ["a2"]);
    assert_eq!(run(Gsi1, "G1", between("bb2", "da2"), true).await, ["b2", "b1", "a2"]);
    assert_eq!(run(Gsi1, "G1", between("bb2", "da2"), false).await, ["a2", "b1", "b2"]);
    assert_eq!(run(Gsi1, "P", All, true).await, Vec::<String>::new());

    // GSI2 is sparse: only a1 (2026-01), b1 (2026-03) and c1 (2026-05).
    assert_eq!(run(Gsi2, "G2", All, true).await, ["a1", "b1", "c1"]);
    assert_eq!(run(Gsi2, "G2", All, false).await, ["c1", "b1", "a1"]);
    assert_eq!(run(Gsi2, "G2", begins("2026-0"), true).await, ["a1", "b1", "c1"]);
    assert_eq!(run(Gsi2, "G2", between("2026-02", "2026-05"), true).await, ["b1", "c1"]);
    assert_eq!(run(Gsi2, "G2", between("2026-02", "2026-05"), false).await, ["c1", "b1"]);

    // Index queries return whole items (projection ALL).
    let page = store.query(&Query { sk: begins("cb"), ..Query::new(Gsi1, "G1") }).await.unwrap();
    let mut expected = item("P", "b1", json!({"i": 2}));
    expected.gsi1 = Some(key("G1", "cb1"));
    expected.gsi2 = Some(key("G2", "2026-03"));
    assert_eq!(page, Page { items: vec![expected], next: None });
}

/// Every page of a query, following cursors; the sort keys in order and the number of pages.
async fn all_pages(store: &DynamoStore, mut query: Query) -> (Vec<String>, usize) {
    let mut keys = Vec::new();
    let mut pages = 0;
    loop {
        let page = store.query(&query).await.unwrap();
        pages += 1;
        assert!(page.items.len() <= query.limit, "a page is never larger than the limit");
        keys.extend(page.items.iter().map(|i| i.key.sk.clone()));
        match page.next {
            Some(cursor) => query.cursor = Some(cursor),
            None => return (keys, pages),
        }
        assert!(pages < 50, "the cursor never ends");
    }
}

#[tokio::test]
async fn pagination_walks_every_item_once_in_both_directions() {
    let store = store_or_skip!();
    let sks: Vec<String> = (0..7).map(|i| format!("k{i}")).collect();
    let writes = sks
        .iter()
        .map(|sk| {
            let mut it = item("PAGE", sk, json!(sk));
            it.gsi2 = Some(key("PAGED", "same")); // equal index keys: paging must still see each once
            put(it)
        })
        .collect();
    store.write(writes).await.unwrap();
    let reversed: Vec<String> = sks.iter().rev().cloned().collect();

    let query = Query { limit: 3, ..Query::new(Index::Table, "PAGE") };
    let first = store.query(&query).await.unwrap();
    assert_eq!(sort_keys(&first), ["k0", "k1", "k2"]);
    assert!(first.next.is_some());

    let (keys, pages) = all_pages(&store, query.clone()).await;
    assert_eq!(keys, sks);
    assert!(pages >= 3, "{pages} pages");
    let (keys, _) = all_pages(&store, Query { forward: false, ..query.clone() }).await;
    assert_eq!(keys, reversed);
    let (keys, _) = all_pages(
        &store,
        Query { sk: SortKey::Between("k2".into(), "k5".into()), limit: 2, ..query.clone() },
    )
    .await;
    assert_eq!(keys, ["k2", "k3", "k4", "k5"]);

    let gsi = Query { limit: 2, ..Query::new(Index::Gsi2, "PAGED") };
    let (mut keys, pages) = all_pages(&store, gsi.clone()).await;
    assert!(pages >= 4, "{pages} pages");
    keys.sort();
    assert_eq!(keys, sks, "every item once across the index pages");

    // Cursors that are not this query's are refused, not passed on.
    for garbage in ["", "%%%", "bm90IGpzb24", "e30"] {
        let bad = Query { cursor: Some(Cursor(garbage.to_owned())), ..query.clone() };
        assert!(matches!(store.query(&bad).await, Err(StoreError::InvalidCursor)), "{garbage:?}");
    }
    let table_cursor = first.next.clone();
    let other_partition = Query { cursor: table_cursor.clone(), ..Query::new(Index::Table, "ELSEWHERE") };
    assert!(matches!(store.query(&other_partition).await, Err(StoreError::InvalidCursor)));
    let other_index = Query { cursor: table_cursor.clone(), ..Query::new(Index::Gsi2, "PAGED") };
    assert!(matches!(store.query(&other_index).await, Err(StoreError::InvalidCursor)));
    let out_of_range = Query { cursor: table_cursor, sk: SortKey::BeginsWith("x".into()), ..query };
    assert!(matches!(store.query(&out_of_range).await, Err(StoreError::InvalidCursor)));
}

#[tokio::test]
async fn expired_items_are_absent_to_reads_queries_and_conditions() {
    let store = store_or_skip!();
    let mut gone = item("E", "gone", json!("old"));
    gone.expires_at = Some(now() - 5);
    gone.gsi1 = Some(key("EG", "gone"));
    let mut living = item("E", "living", json!("new"));
    living.expires_at = Some(now() + 3600);
    living.gsi1 = Some(key("EG", "living"));
    store.write(vec![put(gone.clone()), put(living.clone())]).await.unwrap();

    assert_eq!(store.get(&gone.key).await.unwrap(), None);
    assert_eq!(store.get(&living.key).await.unwrap(), Some(living.clone()));
    assert_eq!(sort_keys(&store.query(&Query::new(Index::Table, "E")).await.unwrap()), ["living"]);
    assert_eq!(sort_keys(&store.query(&Query::new(Index::Gsi1, "EG")).await.unwrap()), ["living"]);

    for condition in [Condition::Exists, Condition::VersionIs(1)] {
        let write = Write::Check { key: gone.key.clone(), condition };
        assert_condition_failed(store.write(vec![write]).await, 0, &gone.key);
    }
    assert_condition_failed(
        store.write(vec![put_if(item("E", "living", json!(0)), Condition::NotExists)]).await,
        0,
        &living.key,
    );
    // Creating over an expired item succeeds: it counts as absent.
    let reborn = item("E", "gone", json!("reborn"));
    store.write(vec![put_if(reborn.clone(), Condition::NotExists)]).await.unwrap();
    assert_eq!(store.get(&gone.key).await.unwrap(), Some(reborn));
}

#[tokio::test]
async fn malformed_items_are_reported_with_their_key() {
    let store = store_or_skip!();
    store.write(vec![put(item("C", "a-good", json!(1))), put(item("C", "z-good", json!(2)))]).await.unwrap();
    let s = |v: &str| AttributeValue::S(v.to_owned());
    let n = |v: &str| AttributeValue::N(v.to_owned());
    let cases = [
        ("bad-json", vec![("version", n("1")), ("data", s("{not json"))], "data is not JSON"),
        ("no-data", vec![("version", n("1"))], "data is missing"),
        ("text-version", vec![("version", s("1")), ("data", s("1"))], "version is not a number"),
        ("half-index", vec![("version", n("1")), ("data", s("1")), ("GSI1PK", s("X"))], "GSI1"),
        ("bad-count", vec![("version", n("1")), ("count", n("1.5"))], "count"),
    ];
    for (sk, attributes, reason_part) in &cases {
        let mut request =
            store.client().put_item().table_name(store.table()).item("PK", s("C")).item("SK", s(sk));
        for (name, value) in attributes {
            request = request.item(*name, value.clone());
        }
        request.send().await.unwrap();
        match store.get(&key("C", sk)).await {
            Err(StoreError::Corrupt { key: k, reason }) => {
                assert_eq!(k, key("C", sk));
                assert!(reason.contains(reason_part), "{sk}: {reason}");
            }
            other => panic!("{sk}: expected Corrupt, got {other:?}"),
        }
    }
    // Queries skip them and keep going.
    let page = store.query(&Query::new(Index::Table, "C")).await.unwrap();
    assert_eq!(sort_keys(&page), ["a-good", "z-good"]);
}

#[tokio::test]
async fn a_missing_table_or_server_is_unavailable_with_its_cause() {
    let Some(store) = dynamo_store_if_available().await else { return };
    let missing = DynamoStore::new(store.client().clone(), format!("{}-missing", store.table()));
    match missing.get(&key("A", "B")).await {
        Err(StoreError::Unavailable(message)) => {
            assert!(message.contains("GetItem") && message.contains("-missing"), "{message}");
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
    // Creating is idempotent.
    store.create_table_if_missing().await.unwrap();

    // A server that does not answer: the cause is in the message, after one attempt.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let config = store
        .client()
        .config()
        .to_builder()
        .endpoint_url(format!("http://{closed}"))
        .retry_config(aws_sdk_dynamodb::config::retry::RetryConfig::disabled())
        .build();
    let unreachable = DynamoStore::new(aws_sdk_dynamodb::Client::from_conf(config), store.table());
    match unreachable.write(vec![put(item("A", "B", json!(1)))]).await {
        Err(StoreError::Unavailable(message)) => {
            assert!(message.starts_with("DynamoDB PutItem on table market-test-"), "{message}");
            assert!(message.contains("dispatch failure") && message.contains("refused"), "{message}");
        }
        other => panic!("expected Unavailable, got {other:?}"),
    }
}
