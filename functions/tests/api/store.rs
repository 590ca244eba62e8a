//! The store conformance suite: every engine must behave the same way on every case here.
//! `store_conformance!(name, future)` expands into one test per case for the engine that the
//! future builds; each test builds its own store. Keys are prefixed with a fresh namespace so
//! engines whose tests share one table (DynamoDB) do not see each other's items.

use market_functions::store::{
    Condition, Cursor, Index, IndexKey, Item, Key, Query, SortKey, Store, StoreError, Write, MAX_WRITES,
};
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Expands into `mod $engine { one #[tokio::test] per case }`; `$store` is an expression whose
/// value is a future of `Option<store>`, evaluated afresh in every test (`None`: the engine's
/// server is not configured and may be skipped here).
macro_rules! store_conformance {
    ($engine:ident, $store:expr) => {
        store_conformance!(@cases $engine, $store;
            round_trip,
            conditional_puts_conflict_and_write_nothing,
            a_failed_last_condition_rolls_back_the_batch,
            delete_and_check,
            increment_from_absent,
            concurrent_increments_add_up,
            invalid_batches_are_refused,
            query_the_table_with_every_sort_key_form,
            query_both_indexes_with_every_sort_key_form,
            pagination_returns_every_item_once_in_order,
            a_garbage_cursor_is_refused,
            moving_an_index_key_moves_the_item_between_partitions,
            expired_items_are_invisible,
            fifty_concurrent_writers_on_one_item,
        );
    };
    (@cases $engine:ident, $store:expr; $($case:ident),+ $(,)?) => {
        mod $engine {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(store) = $store.await else { return };
                    super::$case(store).await;
                }
            )+
        }
    };
}

store_conformance!(redb, async {
    Some(market_functions::store::embedded::EmbeddedStore::temporary().unwrap())
});
store_conformance!(dynamo, crate::dynamo::dynamo_store_if_available());

// ----- helpers -----

/// A prefix no other test (or earlier run against a shared table) uses.
fn namespace() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("t{nanos}-{}-{}#", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn put(item: Item, condition: Condition) -> Write {
    Write::Put { item, condition }
}

fn item(pk: &str, sk: &str) -> Item {
    Item::new(Key::new(pk, sk), json!({ "sk": sk }))
}

fn indexed(pk: &str, sk: &str, gsi1: Option<(&str, &str)>, gsi2: Option<(&str, &str)>) -> Item {
    Item {
        gsi1: gsi1.map(|(p, s)| IndexKey::new(p, s)),
        gsi2: gsi2.map(|(p, s)| IndexKey::new(p, s)),
        ..item(pk, sk)
    }
}

async fn put_all(store: &impl Store, items: Vec<Item>) {
    store.write(items.into_iter().map(|i| put(i, Condition::Always)).collect()).await.unwrap();
}

/// Every item of the query, following cursors; panics after 1,000 pages (a cursor that loops).
async fn query_all(store: &impl Store, mut query: Query) -> Vec<Item> {
    let mut items = Vec::new();
    for _ in 0..1_000 {
        let page = store.query(&query).await.unwrap();
        assert!(
            page.items.len() <= query.limit,
            "a page of {} items, limit {}",
            page.items.len(),
            query.limit
        );
        items.extend(page.items);
        match page.next {
            Some(cursor) => query.cursor = Some(cursor),
            None => return items,
        }
    }
    panic!("the query never ended");
}

/// The sort keys the query returns, in order.
async fn sks(store: &impl Store, index: Index, pk: &str, sk: SortKey, forward: bool) -> Vec<String> {
    let query = Query { sk, forward, ..Query::new(index, pk) };
    query_all(store, query).await.into_iter().map(|i| i.key.sk).collect()
}

fn condition_failed(result: Result<(), StoreError>) -> (usize, Key) {
    match result {
        Err(StoreError::ConditionFailed { index, key }) => (index, key),
        other => panic!("expected ConditionFailed, got {other:?}"),
    }
}

fn strings(sks: &[&str]) -> Vec<String> {
    sks.iter().map(|s| s.to_string()).collect()
}

// ----- cases -----

async fn round_trip(store: impl Store) {
    let ns = namespace();
    let full = Item {
        key: Key::new(format!("{ns}ORG#1"), "PROFILE"),
        gsi1: Some(IndexKey::new(format!("{ns}CODE#91330100"), "ORG#1")),
        gsi2: Some(IndexKey::new(format!("{ns}REGION#330100"), "名称#杭州测绘")),
        version: 7,
        expires_at: Some(now() + 3_600),
        data: json!({ "name": "杭州测绘有限公司", "fee_fen": 1_250_000, "tags": ["测绘", null, true], "nested": { "x": 1.5 } }),
    };
    let bare = Item::new(Key::new(format!("{ns}ORG#2"), "PROFILE"), json!("just a string"));
    put_all(&store, vec![full.clone(), bare.clone()]).await;

    assert_eq!(store.get(&full.key).await.unwrap(), Some(full.clone()));
    assert_eq!(store.get(&bare.key).await.unwrap(), Some(bare));
    assert_eq!(store.get(&Key::new(format!("{ns}ORG#1"), "OTHER")).await.unwrap(), None);
    assert_eq!(store.get(&Key::new(format!("{ns}ORG#3"), "PROFILE")).await.unwrap(), None);

    // A put replaces every field, including dropping index keys and expiry.
    let replaced = Item { version: 8, ..Item::new(full.key.clone(), json!({ "name": "renamed" })) };
    store.write(vec![put(replaced.clone(), Condition::VersionIs(7))]).await.unwrap();
    assert_eq!(store.get(&full.key).await.unwrap(), Some(replaced));
}

async fn conditional_puts_conflict_and_write_nothing(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let existing = Item { version: 3, ..item(&pk, "existing") };
    put_all(&store, vec![existing.clone()]).await;
    let fresh = item(&pk, "fresh");

    // NotExists on an existing item, after a write that would have succeeded.
    let changed = Item { version: 4, data: json!("changed"), ..existing.clone() };
    let result = store
        .write(vec![put(fresh.clone(), Condition::NotExists), put(changed.clone(), Condition::NotExists)])
        .await;
    assert_eq!(condition_failed(result), (1, existing.key.clone()));

    // Exists on a missing item.
    let result = store.write(vec![put(fresh.clone(), Condition::Exists)]).await;
    assert_eq!(condition_failed(result), (0, fresh.key.clone()));

    // A stale version, and a version on a missing item.
    let result = store.write(vec![put(changed.clone(), Condition::VersionIs(2))]).await;
    assert_eq!(condition_failed(result), (0, existing.key.clone()));
    let result = store.write(vec![put(fresh.clone(), Condition::VersionIs(0))]).await;
    assert_eq!(condition_failed(result), (0, fresh.key.clone()));

    assert_eq!(store.get(&existing.key).await.unwrap(), Some(existing.clone()));
    assert_eq!(store.get(&fresh.key).await.unwrap(), None);

    // The conditions that hold do write.
    store.write(vec![put(changed.clone(), Condition::VersionIs(3))]).await.unwrap();
    store.write(vec![put(fresh.clone(), Condition::NotExists)]).await.unwrap();
    let exists = Item { version: 2, ..fresh.clone() };
    store.write(vec![put(exists.clone(), Condition::Exists)]).await.unwrap();
    assert_eq!(store.get(&existing.key).await.unwrap(), Some(changed));
    assert_eq!(store.get(&fresh.key).await.unwrap(), Some(exists));
}

async fn a_failed_last_condition_rolls_back_the_batch(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let kept = indexed(&pk, "kept", Some((&format!("{ns}G1"), "kept")), None);
    let counter = Key::new(&pk, "counter");
    put_all(&store, vec![kept.clone()]).await;
    store.write(vec![Write::Increment { key: counter.clone(), by: 1 }]).await.unwrap();

    let new = indexed(&pk, "new", Some((&format!("{ns}G1"), "new")), Some((&format!("{ns}G2"), "new")));
    let missing = Key::new(&pk, "missing");
    let result = store
        .write(vec![
            put(new.clone(), Condition::NotExists),
            Write::Delete { key: kept.key.clone(), condition: Condition::VersionIs(1) },
            Write::Increment { key: counter.clone(), by: 10 },
            put(item(&pk, "other"), Condition::Always),
            Write::Check { key: missing.clone(), condition: Condition::Exists },
        ])
        .await;
    assert_eq!(condition_failed(result), (4, missing));

    assert_eq!(store.get(&new.key).await.unwrap(), None);
    assert_eq!(store.get(&kept.key).await.unwrap(), Some(kept));
    assert_eq!(store.get(&counter).await.unwrap().unwrap().data, json!({ "count": 1 }));
    assert_eq!(store.get(&Key::new(&pk, "other")).await.unwrap(), None);
    assert_eq!(sks(&store, Index::Table, &pk, SortKey::All, true).await, strings(&["counter", "kept"]));
    assert_eq!(sks(&store, Index::Gsi1, &format!("{ns}G1"), SortKey::All, true).await, strings(&["kept"]));
    assert_eq!(sks(&store, Index::Gsi2, &format!("{ns}G2"), SortKey::All, true).await, Vec::<String>::new());
}

async fn delete_and_check(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let a = Item { version: 5, ..indexed(&pk, "a", Some((&format!("{ns}G1"), "a")), None) };
    put_all(&store, vec![a.clone()]).await;
    let missing = Key::new(&pk, "missing");

    // Check writes nothing, and fails the batch when its condition does not hold.
    store.write(vec![Write::Check { key: a.key.clone(), condition: Condition::VersionIs(5) }]).await.unwrap();
    store.write(vec![Write::Check { key: missing.clone(), condition: Condition::NotExists }]).await.unwrap();
    assert_eq!(store.get(&missing).await.unwrap(), None);
    let result =
        store.write(vec![Write::Check { key: a.key.clone(), condition: Condition::NotExists }]).await;
    assert_eq!(condition_failed(result), (0, a.key.clone()));
    let result = store.write(vec![Write::Check { key: missing.clone(), condition: Condition::Exists }]).await;
    assert_eq!(condition_failed(result), (0, missing.clone()));

    // A Check guards another write of the batch.
    let b = item(&pk, "b");
    let result = store
        .write(vec![
            Write::Check { key: a.key.clone(), condition: Condition::VersionIs(4) },
            put(b.clone(), Condition::Always),
        ])
        .await;
    assert_eq!(condition_failed(result), (0, a.key.clone()));
    assert_eq!(store.get(&b.key).await.unwrap(), None);

    // Delete: conditions, then removal from the table and the index.
    let result =
        store.write(vec![Write::Delete { key: missing.clone(), condition: Condition::Exists }]).await;
    assert_eq!(condition_failed(result), (0, missing.clone()));
    store.write(vec![Write::Delete { key: missing.clone(), condition: Condition::Always }]).await.unwrap();
    let result =
        store.write(vec![Write::Delete { key: a.key.clone(), condition: Condition::VersionIs(6) }]).await;
    assert_eq!(condition_failed(result), (0, a.key.clone()));
    assert_eq!(store.get(&a.key).await.unwrap(), Some(a.clone()));
    store
        .write(vec![Write::Delete { key: a.key.clone(), condition: Condition::VersionIs(5) }])
        .await
        .unwrap();
    assert_eq!(store.get(&a.key).await.unwrap(), None);
    assert_eq!(sks(&store, Index::Table, &pk, SortKey::All, true).await, Vec::<String>::new());
    assert_eq!(sks(&store, Index::Gsi1, &format!("{ns}G1"), SortKey::All, true).await, Vec::<String>::new());
}

async fn increment_from_absent(store: impl Store) {
    let ns = namespace();
    let key = Key::new(format!("{ns}STATS"), "views");
    store.write(vec![Write::Increment { key: key.clone(), by: 5 }]).await.unwrap();
    let counter = store.get(&key).await.unwrap().unwrap();
    assert_eq!((counter.data, counter.version, counter.expires_at), (json!({ "count": 5 }), 1, None));
    assert_eq!((counter.gsi1, counter.gsi2), (None, None));

    store.write(vec![Write::Increment { key: key.clone(), by: -7 }]).await.unwrap();
    let counter = store.get(&key).await.unwrap().unwrap();
    assert_eq!((counter.data, counter.version), (json!({ "count": -2 }), 2));

    // Increments of several counters in one batch, with a condition on the counter's version.
    let other = Key::new(format!("{ns}STATS"), "clicks");
    store
        .write(vec![
            Write::Check { key: key.clone(), condition: Condition::VersionIs(2) },
            Write::Increment { key: other.clone(), by: 3 },
        ])
        .await
        .unwrap();
    assert_eq!(store.get(&other).await.unwrap().unwrap().data, json!({ "count": 3 }));
}

async fn concurrent_increments_add_up(store: impl Store) {
    let ns = namespace();
    let store = Arc::new(store);
    let key = Key::new(format!("{ns}STATS"), "total");
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let (store, key) = (Arc::clone(&store), key.clone());
            tokio::spawn(async move {
                for _ in 0..5 {
                    store.write(vec![Write::Increment { key: key.clone(), by: 2 }]).await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let counter = store.get(&key).await.unwrap().unwrap();
    assert_eq!((counter.data, counter.version), (json!({ "count": 200 }), 100));
}

async fn invalid_batches_are_refused(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let refused = |result: Result<(), StoreError>| match result {
        Err(StoreError::InvalidBatch(_)) => {}
        other => panic!("expected InvalidBatch, got {other:?}"),
    };
    refused(store.write(vec![]).await);

    let too_many: Vec<Write> =
        (0..=MAX_WRITES).map(|i| put(item(&pk, &format!("{i:03}")), Condition::Always)).collect();
    refused(store.write(too_many).await);
    let most: Vec<Write> =
        (0..MAX_WRITES).map(|i| put(item(&pk, &format!("{i:03}")), Condition::Always)).collect();
    store.write(most).await.unwrap();
    assert_eq!(query_all(&store, Query::new(Index::Table, &pk)).await.len(), MAX_WRITES);

    let twice = Key::new(&pk, "twice");
    refused(
        store
            .write(vec![
                put(item(&pk, "twice"), Condition::NotExists),
                Write::Check { key: twice.clone(), condition: Condition::NotExists },
            ])
            .await,
    );
    refused(
        store
            .write(vec![
                Write::Increment { key: twice.clone(), by: 1 },
                Write::Increment { key: twice.clone(), by: 1 },
            ])
            .await,
    );
    assert_eq!(store.get(&twice).await.unwrap(), None);
}

async fn query_the_table_with_every_sort_key_form(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let mut items: Vec<Item> =
        ["a#1", "a#2", "a#10", "b#1", "b#2", "c", "a"].iter().map(|sk| item(&pk, sk)).collect();
    // Neighbouring partitions must not leak in.
    items.push(item(&format!("{ns}O"), "a#1"));
    items.push(item(&format!("{ns}P#"), "a#1"));
    items.push(item(&format!("{ns}Q"), "a#1"));
    put_all(&store, items).await;

    let t = |sk, forward| sks(&store, Index::Table, &pk, sk, forward);
    let all = strings(&["a", "a#1", "a#10", "a#2", "b#1", "b#2", "c"]);
    assert_eq!(t(SortKey::All, true).await, all);
    assert_eq!(t(SortKey::All, false).await, all.iter().rev().cloned().collect::<Vec<_>>());
    assert_eq!(t(SortKey::BeginsWith("a#".into()), true).await, strings(&["a#1", "a#10", "a#2"]));
    assert_eq!(t(SortKey::BeginsWith("a#".into()), false).await, strings(&["a#2", "a#10", "a#1"]));
    assert_eq!(t(SortKey::BeginsWith("a#1".into()), true).await, strings(&["a#1", "a#10"]));
    assert_eq!(t(SortKey::BeginsWith("d".into()), true).await, Vec::<String>::new());
    assert_eq!(
        t(SortKey::Between("a#10".into(), "b#1".into()), true).await,
        strings(&["a#10", "a#2", "b#1"])
    );
    assert_eq!(
        t(SortKey::Between("a#10".into(), "b#1".into()), false).await,
        strings(&["b#1", "a#2", "a#10"])
    );
    assert_eq!(t(SortKey::Between("a#3".into(), "b#15".into()), true).await, strings(&["b#1"]));
    assert_eq!(t(SortKey::Between("c".into(), "c".into()), false).await, strings(&["c"]));
    assert_eq!(sks(&store, Index::Table, &format!("{ns}N"), SortKey::All, true).await, Vec::<String>::new());
}

async fn query_both_indexes_with_every_sort_key_form(store: impl Store) {
    let ns = namespace();
    let (g1, g2) = (format!("{ns}G1"), format!("{ns}G2"));
    // Overloaded, sparse indexes: items of two table partitions, ties on the index sort key
    // broken by the table key, one item in no index.
    put_all(
        &store,
        vec![
            indexed(&format!("{ns}A"), "1", Some((&g1, "2026-01#x")), Some((&g2, "open"))),
            indexed(&format!("{ns}B"), "1", Some((&g1, "2026-01#x")), Some((&g2, "open"))),
            indexed(&format!("{ns}A"), "2", Some((&g1, "2026-02")), Some((&g2, "closed"))),
            indexed(&format!("{ns}B"), "2", Some((&g1, "2025-12")), None),
            indexed(&format!("{ns}C"), "1", None, Some((&g2, "open#late"))),
            indexed(&format!("{ns}C"), "2", Some((&format!("{ns}G1x"), "2026-01")), None),
            item(&format!("{ns}C"), "3"),
        ],
    )
    .await;

    let q = |index, pk: &str, sk, forward| {
        let query = Query { sk, forward, ..Query::new(index, pk) };
        let (store, ns) = (&store, ns.as_str());
        async move {
            query_all(store, query)
                .await
                .into_iter()
                .map(|i| format!("{}/{}", i.key.pk.trim_start_matches(ns), i.key.sk))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(q(Index::Gsi1, &g1, SortKey::All, true).await, strings(&["B/2", "A/1", "B/1", "A/2"]));
    assert_eq!(q(Index::Gsi1, &g1, SortKey::All, false).await, strings(&["A/2", "B/1", "A/1", "B/2"]));
    assert_eq!(
        q(Index::Gsi1, &g1, SortKey::BeginsWith("2026-".into()), true).await,
        strings(&["A/1", "B/1", "A/2"])
    );
    assert_eq!(
        q(Index::Gsi1, &g1, SortKey::BeginsWith("2026-01".into()), false).await,
        strings(&["B/1", "A/1"])
    );
    assert_eq!(
        q(Index::Gsi1, &g1, SortKey::Between("2025-12".into(), "2026-01#x".into()), true).await,
        strings(&["B/2", "A/1", "B/1"])
    );
    assert_eq!(
        q(Index::Gsi1, &g1, SortKey::Between("2025-12".into(), "2026-01#x".into()), false).await,
        strings(&["B/1", "A/1", "B/2"])
    );
    assert_eq!(
        q(Index::Gsi1, &g1, SortKey::Between("2026-01".into(), "2026-01".into()), true).await,
        Vec::<String>::new()
    );
    assert_eq!(q(Index::Gsi2, &g2, SortKey::All, true).await, strings(&["A/2", "A/1", "B/1", "C/1"]));
    assert_eq!(
        q(Index::Gsi2, &g2, SortKey::BeginsWith("open".into()), false).await,
        strings(&["C/1", "B/1", "A/1"])
    );
    assert_eq!(
        q(Index::Gsi2, &g2, SortKey::Between("closed".into(), "open".into()), false).await,
        strings(&["B/1", "A/1", "A/2"])
    );
    // An index is not the table: its partition keys are its own.
    assert_eq!(q(Index::Gsi1, &format!("{ns}A"), SortKey::All, true).await, Vec::<String>::new());
    assert_eq!(q(Index::Gsi2, &g1, SortKey::All, true).await, Vec::<String>::new());

    // Index queries return whole items.
    let page = store.query(&Query::new(Index::Gsi2, &g2)).await.unwrap();
    assert_eq!(page.items[0], indexed(&format!("{ns}A"), "2", Some((&g1, "2026-02")), Some((&g2, "closed"))));
}

async fn pagination_returns_every_item_once_in_order(store: impl Store) {
    let ns = namespace();
    let (pk, g1) = (format!("{ns}P"), format!("{ns}G1"));
    let sks: Vec<String> = (0..23).map(|i| format!("{i:02}")).collect();
    // In the index, ten items at a time share an index sort key (ties broken by the table key).
    put_all(&store, sks.iter().map(|sk| indexed(&pk, sk, Some((&g1, &sk[..1])), None)).collect()).await;

    for (index, partition) in [(Index::Table, &pk), (Index::Gsi1, &g1)] {
        for forward in [true, false] {
            let mut query = Query { forward, limit: 5, ..Query::new(index, partition.as_str()) };
            let mut seen = Vec::new();
            let mut pages = 0;
            loop {
                let page = store.query(&query).await.unwrap();
                pages += 1;
                assert!(page.items.len() <= 5);
                seen.extend(page.items.into_iter().map(|i| i.key.sk));
                match page.next {
                    Some(cursor) => query.cursor = Some(cursor),
                    None => break,
                }
                assert!(pages < 50, "pagination does not end");
            }
            let mut expected = sks.clone();
            if !forward {
                expected.reverse();
            }
            assert_eq!(seen, expected, "{index:?}, forward {forward}");
            assert!((5..=6).contains(&pages), "{pages} pages of 5 for 23 items");
        }
    }

    // Paging inside a sort key range stays inside it.
    let query =
        Query { sk: SortKey::Between("05".into(), "17".into()), limit: 4, ..Query::new(Index::Table, &pk) };
    let seen: Vec<String> = query_all(&store, query).await.into_iter().map(|i| i.key.sk).collect();
    assert_eq!(seen, sks[5..=17].to_vec());
    let query = Query {
        sk: SortKey::BeginsWith("1".into()),
        limit: 3,
        forward: false,
        ..Query::new(Index::Gsi1, &g1)
    };
    let seen: Vec<String> = query_all(&store, query).await.into_iter().map(|i| i.key.sk).collect();
    assert_eq!(seen, strings(&["19", "18", "17", "16", "15", "14", "13", "12", "11", "10"]));
}

async fn a_garbage_cursor_is_refused(store: impl Store) {
    let ns = namespace();
    put_all(&store, vec![item(&format!("{ns}P"), "a")]).await;
    for garbage in ["", "not a cursor!", "eyJ4IjoxfQ"] {
        let query =
            Query { cursor: Some(Cursor(garbage.into())), ..Query::new(Index::Table, format!("{ns}P")) };
        match store.query(&query).await {
            Err(StoreError::InvalidCursor) => {}
            other => panic!("cursor {garbage:?}: expected InvalidCursor, got {other:?}"),
        }
    }
}

async fn moving_an_index_key_moves_the_item_between_partitions(store: impl Store) {
    let ns = namespace();
    let pk = format!("{ns}P");
    let (old, new, g2) = (format!("{ns}STATUS#draft"), format!("{ns}STATUS#open"), format!("{ns}G2"));
    let gsi1 = |pk: &str| {
        let (store, pk) = (&store, pk.to_owned());
        async move { sks(store, Index::Gsi1, &pk, SortKey::All, true).await }
    };

    let draft = indexed(&pk, "x", Some((&old, "2026")), Some((&g2, "x")));
    put_all(&store, vec![draft.clone(), indexed(&pk, "y", Some((&old, "2025")), None)]).await;
    assert_eq!(gsi1(&old).await, strings(&["y", "x"]));

    let opened = Item { version: 2, ..indexed(&pk, "x", Some((&new, "2026")), Some((&g2, "x"))) };
    store.write(vec![put(opened, Condition::VersionIs(1))]).await.unwrap();
    assert_eq!(gsi1(&old).await, strings(&["y"]));
    assert_eq!(gsi1(&new).await, strings(&["x"]));

    // A new index sort key in the same partition moves the item within it.
    let resorted = indexed(&pk, "y", Some((&old, "2027")), None);
    put_all(&store, vec![resorted, indexed(&pk, "z", Some((&old, "2026")), None)]).await;
    assert_eq!(gsi1(&old).await, strings(&["z", "y"]));

    // Dropping the index key takes the item out of that index only.
    store.write(vec![put(indexed(&pk, "x", None, Some((&g2, "x"))), Condition::Exists)]).await.unwrap();
    assert_eq!(gsi1(&new).await, Vec::<String>::new());
    assert_eq!(sks(&store, Index::Gsi2, &g2, SortKey::All, true).await, strings(&["x"]));
    store.write(vec![Write::Delete { key: Key::new(&pk, "x"), condition: Condition::Exists }]).await.unwrap();
    assert_eq!(sks(&store, Index::Gsi2, &g2, SortKey::All, true).await, Vec::<String>::new());
}

async fn expired_items_are_invisible(store: impl Store) {
    let ns = namespace();
    let (pk, g1) = (format!("{ns}P"), format!("{ns}G1"));
    let gone = Item { expires_at: Some(now() - 3_600), ..indexed(&pk, "gone", Some((&g1, "gone")), None) };
    let live = Item { expires_at: Some(now() + 3_600), ..indexed(&pk, "live", Some((&g1, "live")), None) };
    put_all(&store, vec![gone.clone(), live.clone()]).await;

    assert_eq!(store.get(&gone.key).await.unwrap(), None);
    assert_eq!(store.get(&live.key).await.unwrap(), Some(live.clone()));
    assert_eq!(sks(&store, Index::Table, &pk, SortKey::All, true).await, strings(&["live"]));
    assert_eq!(sks(&store, Index::Table, &pk, SortKey::All, false).await, strings(&["live"]));
    assert_eq!(sks(&store, Index::Gsi1, &g1, SortKey::All, true).await, strings(&["live"]));

    // Conditions see it as absent.
    for condition in [Condition::Exists, Condition::VersionIs(1)] {
        let result = store.write(vec![Write::Check { key: gone.key.clone(), condition }]).await;
        assert_eq!(condition_failed(result), (0, gone.key.clone()));
    }
    let result =
        store.write(vec![Write::Check { key: live.key.clone(), condition: Condition::NotExists }]).await;
    assert_eq!(condition_failed(result), (0, live.key.clone()));
    let reborn = indexed(&pk, "gone", Some((&g1, "reborn")), None);
    store.write(vec![put(reborn.clone(), Condition::NotExists)]).await.unwrap();
    assert_eq!(store.get(&gone.key).await.unwrap(), Some(reborn));
    assert_eq!(sks(&store, Index::Gsi1, &g1, SortKey::All, true).await, strings(&["live", "gone"]));
}

async fn fifty_concurrent_writers_on_one_item(store: impl Store) {
    const WRITERS: usize = 50;
    const ROUNDS: usize = 3;
    let ns = namespace();
    let store = Arc::new(store);
    let key = Key::new(format!("{ns}P"), "contended");
    store
        .write(vec![put(Item { version: 0, ..Item::new(key.clone(), json!({})) }, Condition::NotExists)])
        .await
        .unwrap();

    let tasks: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let (store, key) = (Arc::clone(&store), key.clone());
            tokio::spawn(async move {
                let mut won = Vec::new();
                let mut conflicts = 0;
                for round in 0..ROUNDS {
                    loop {
                        let v = store.get(&key).await.unwrap().unwrap().version;
                        let next = Item {
                            version: v + 1,
                            ..Item::new(key.clone(), json!({ "writer": writer, "round": round }))
                        };
                        match store.write(vec![put(next, Condition::VersionIs(v))]).await {
                            Ok(()) => {
                                won.push(v + 1);
                                break;
                            }
                            Err(StoreError::ConditionFailed { index: 0, .. }) => conflicts += 1,
                            Err(e) => panic!("writer {writer}: {e}"),
                        }
                    }
                }
                (won, conflicts)
            })
        })
        .collect();

    let mut versions = BTreeSet::new();
    let mut successes = 0;
    for task in tasks {
        let (won, _conflicts) = task.await.unwrap();
        successes += won.len();
        for v in won {
            assert!(versions.insert(v), "version {v} was won twice");
        }
    }
    assert_eq!(successes, WRITERS * ROUNDS);
    assert_eq!(versions, (1..=(WRITERS * ROUNDS) as u64).collect::<BTreeSet<_>>());
    assert_eq!(store.get(&key).await.unwrap().unwrap().version, (WRITERS * ROUNDS) as u64);
}
