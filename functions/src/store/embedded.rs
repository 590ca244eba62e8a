//! The embedded engine: the [`Store`] over one redb database file, for local runs and fast tests.
//!
//! Layout: the table `items` maps `(pk, sk)` to the item's other fields as JSON; `gsi1` and
//! `gsi2` map `(index pk, index sk, pk, sk)` to nothing and are kept in step with `items` inside
//! the same write transaction, so an index never names an item that is not there. The trailing
//! table key breaks ties between items with the same index key, as the trait requires.
//!
//! redb is synchronous; every call runs on tokio's blocking pool.

use super::{
    check_batch, condition_holds, Condition, Cursor, Index, IndexKey, Item, Key, Page, Query, SortKey, Store,
    StoreError, Write,
};
use async_trait::async_trait;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use redb::{backends::InMemoryBackend, Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

const ITEMS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("items");
const GSI1: TableDefinition<(&str, &str, &str, &str), ()> = TableDefinition::new("gsi1");
const GSI2: TableDefinition<(&str, &str, &str, &str), ()> = TableDefinition::new("gsi2");

/// Queries ask for 1–1,000 items a page (DynamoDB's own limit is by size; this keeps pages sane).
const PAGE_LIMIT: std::ops::RangeInclusive<usize> = 1..=1_000;

/// Reads "now" in Unix seconds; replaceable so tests can move time.
type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The [`Store`] on redb. Cloning shares the database.
#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
    clock: Clock,
}

impl std::fmt::Debug for EmbeddedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmbeddedStore").field("db", &self.db).finish_non_exhaustive()
    }
}

impl EmbeddedStore {
    /// Opens the database at `path`, creating it if absent. Every commit is durable, so the data
    /// survives a restart.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::init(Database::create(path).map_err(unavailable)?)
    }

    /// A database that lives in memory and vanishes when the last clone is dropped (tests).
    pub fn temporary() -> Result<Self, StoreError> {
        Self::init(Database::builder().create_with_backend(InMemoryBackend::new()).map_err(unavailable)?)
    }

    /// Writes many items in one transaction, replacing any stored under the same keys: the fast
    /// path for loading data (benchmarks, imports), without `write`'s limit of
    /// [`MAX_WRITES`](super::MAX_WRITES) per batch. Each key at most once.
    pub async fn import(&self, items: Vec<Item>) -> Result<(), StoreError> {
        let writes =
            items.into_iter().map(|item| Write::Put { item, condition: Condition::Always }).collect();
        self.blocking(move |db, now| write_batch(db, writes, now)).await
    }

    /// Reads the time from `clock` (Unix seconds) instead of the system clock.
    pub fn with_clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Creates the tables up front so that readers never meet a missing one.
    fn init(db: Database) -> Result<Self, StoreError> {
        let txn = db.begin_write().map_err(unavailable)?;
        for table in [GSI1, GSI2] {
            txn.open_table(table).map_err(unavailable)?;
        }
        txn.open_table(ITEMS).map_err(unavailable)?;
        txn.commit().map_err(unavailable)?;
        Ok(Self { db: Arc::new(db), clock: Arc::new(system_now) })
    }

    /// Runs `work` on the blocking pool with the database and the current time (writes: they
    /// wait for the disk).
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Database, i64) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = Arc::clone(&self.db);
        let now = (self.clock)();
        tokio::task::spawn_blocking(move || work(&db, now))
            .await
            .map_err(|e| StoreError::Unavailable(format!("store task failed: {e}")))?
    }
}

fn system_now() -> i64 {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX)
}

fn unavailable(e: impl Into<redb::Error>) -> StoreError {
    StoreError::Unavailable(e.into().to_string())
}

/// An item's fields besides its key, as stored in `items` (the key is the table key).
#[derive(Serialize, Deserialize)]
struct Record {
    gsi1: Option<IndexKey>,
    gsi2: Option<IndexKey>,
    version: u64,
    expires_at: Option<i64>,
    data: serde_json::Value,
}

fn encode(item: &Item) -> Vec<u8> {
    let record = Record {
        gsi1: item.gsi1.clone(),
        gsi2: item.gsi2.clone(),
        version: item.version,
        expires_at: item.expires_at,
        data: item.data.clone(),
    };
    serde_json::to_vec(&record).expect("a record of strings, numbers and JSON always serializes")
}

fn decode(key: &Key, bytes: &[u8]) -> Result<Item, StoreError> {
    let r: Record = serde_json::from_slice(bytes)
        .map_err(|e| StoreError::Corrupt { key: key.clone(), reason: e.to_string() })?;
    Ok(Item {
        key: key.clone(),
        gsi1: r.gsi1,
        gsi2: r.gsi2,
        version: r.version,
        expires_at: r.expires_at,
        data: r.data,
    })
}

/// Whether the item has passed its expiry and so counts as absent.
fn expired(item: &Item, now: i64) -> bool {
    item.expires_at.is_some_and(|at| at <= now)
}

/// The stored item at `key`, expired or not (writes must see expired items to unindex them).
fn read_stored(
    items: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    key: &Key,
) -> Result<Option<Item>, StoreError> {
    match items.get((key.pk.as_str(), key.sk.as_str())).map_err(unavailable)? {
        Some(bytes) => decode(key, bytes.value()).map(Some),
        None => Ok(None),
    }
}

fn read_live(
    items: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
    key: &Key,
    now: i64,
) -> Result<Option<Item>, StoreError> {
    Ok(read_stored(items, key)?.filter(|item| !expired(item, now)))
}

type IndexTable<'txn> = redb::Table<'txn, (&'static str, &'static str, &'static str, &'static str), ()>;

/// Adds (`present`) or removes the item's entries in both indexes.
fn set_indexed(indexes: &mut [IndexTable<'_>; 2], item: &Item, present: bool) -> Result<(), StoreError> {
    for (table, index_key) in indexes.iter_mut().zip([&item.gsi1, &item.gsi2]) {
        if let Some(ik) = index_key {
            let entry = (ik.pk.as_str(), ik.sk.as_str(), item.key.pk.as_str(), item.key.sk.as_str());
            if present {
                table.insert(entry, ()).map_err(unavailable)?;
            } else {
                table.remove(entry).map_err(unavailable)?;
            }
        }
    }
    Ok(())
}

fn condition_of(write: &Write) -> Condition {
    match write {
        Write::Put { condition, .. } | Write::Delete { condition, .. } | Write::Check { condition, .. } => {
            *condition
        }
        Write::Increment { .. } => Condition::Always,
    }
}

/// The counter after adding `by` to `live`, or to a fresh `{"count": 0}` at version 0.
fn incremented(key: Key, live: Option<Item>, by: i64) -> Result<Item, StoreError> {
    let mut counter =
        live.unwrap_or_else(|| Item { version: 0, ..Item::new(key, serde_json::json!({ "count": 0 })) });
    let not_a_counter =
        |reason: &str| StoreError::Corrupt { key: counter.key.clone(), reason: reason.to_owned() };
    let serde_json::Value::Object(fields) = &counter.data else {
        return Err(not_a_counter("not a counter: data is not an object"));
    };
    let count = match fields.get("count") {
        None => 0,
        Some(n) => n.as_i64().ok_or_else(|| not_a_counter("not a counter: count is not an integer"))?,
    };
    let count = count
        .checked_add(by)
        .ok_or_else(|| StoreError::InvalidBatch(format!("{} would overflow", counter.key)))?;
    if let serde_json::Value::Object(fields) = &mut counter.data {
        fields.insert("count".to_owned(), count.into());
    }
    counter.version += 1;
    Ok(counter)
}

/// Checks every condition, then applies every write, in one transaction; any error drops the
/// transaction, which aborts it.
fn write_batch(db: &Database, writes: Vec<Write>, now: i64) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(unavailable)?;
    {
        let mut items = txn.open_table(ITEMS).map_err(unavailable)?;
        let mut indexes =
            [txn.open_table(GSI1).map_err(unavailable)?, txn.open_table(GSI2).map_err(unavailable)?];

        let mut stored = Vec::with_capacity(writes.len());
        for (index, write) in writes.iter().enumerate() {
            let current = read_stored(&items, write.key())?;
            let live = current.as_ref().filter(|item| !expired(item, now));
            if !condition_holds(condition_of(write), live) {
                return Err(StoreError::ConditionFailed { index, key: write.key().clone() });
            }
            stored.push(current);
        }

        for (write, current) in writes.into_iter().zip(stored) {
            let new = match write {
                Write::Put { item, .. } => Some(item),
                Write::Delete { .. } => None,
                Write::Check { .. } => continue,
                Write::Increment { key, by } => {
                    let live = current.clone().filter(|item| !expired(item, now));
                    Some(incremented(key, live, by)?)
                }
            };
            if let Some(old) = &current {
                set_indexed(&mut indexes, old, false)?;
                if new.is_none() {
                    items.remove((old.key.pk.as_str(), old.key.sk.as_str())).map_err(unavailable)?;
                }
            }
            if let Some(item) = new {
                items
                    .insert((item.key.pk.as_str(), item.key.sk.as_str()), encode(&item).as_slice())
                    .map_err(unavailable)?;
                set_indexed(&mut indexes, &item, true)?;
            }
        }
    }
    txn.commit().map_err(unavailable)
}

/// A position in a table or index: `[pk, sk]` or `[index pk, index sk, pk, sk]`. Cursors carry it.
type Position = Vec<String>;

/// How many strings a position in this index has.
fn arity(index: Index) -> usize {
    if index == Index::Table {
        2
    } else {
        4
    }
}

fn encode_cursor(position: &Position) -> Cursor {
    Cursor(URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).expect("strings always serialize")))
}

/// The cursor's position, if it is one this query could have produced.
fn decode_cursor(cursor: &Cursor, query: &Query) -> Result<Position, StoreError> {
    let bytes = URL_SAFE_NO_PAD.decode(&cursor.0).map_err(|_| StoreError::InvalidCursor)?;
    let position: Position = serde_json::from_slice(&bytes).map_err(|_| StoreError::InvalidCursor)?;
    if position.len() != arity(query.index)
        || position[0] != query.pk
        || !sort_key_matches(&query.sk, &position[1])
    {
        return Err(StoreError::InvalidCursor);
    }
    Ok(position)
}

fn sort_key_matches(wanted: &SortKey, sk: &str) -> bool {
    match wanted {
        SortKey::All => true,
        SortKey::BeginsWith(prefix) => sk.starts_with(prefix.as_str()),
        SortKey::Between(low, high) => low.as_str() <= sk && sk <= high.as_str(),
    }
}

/// The smallest string greater than every string that starts with `prefix`; `None` when there
/// is none (empty prefix, or only `char::MAX`s).
fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// The bounds on the sort key that the query reads; `Unbounded` is the partition's edge.
fn bounds(query: &Query) -> (Bound<String>, Bound<String>) {
    match &query.sk {
        SortKey::All => (Bound::Unbounded, Bound::Unbounded),
        SortKey::BeginsWith(prefix) => {
            (Bound::Included(prefix.clone()), prefix_end(prefix).map_or(Bound::Unbounded, Bound::Excluded))
        }
        SortKey::Between(low, high) => (Bound::Included(low.clone()), Bound::Included(high.clone())),
    }
}

/// The range's bounds in the table's or index's own positions: `arity` strings each.
fn position_bounds(query: &Query, cursor: Option<Position>) -> (Bound<Position>, Bound<Position>) {
    let pk = query.pk.clone();
    let arity = arity(query.index);
    // A position with every trailing part empty sorts before every real one with its prefix.
    let pad = |mut head: Vec<String>| {
        head.resize(arity, String::new());
        head
    };
    let (low, high) = bounds(query);
    let lower = match low {
        Bound::Included(sk) => Bound::Included(pad(vec![pk.clone(), sk])),
        Bound::Excluded(sk) => Bound::Excluded(pad(vec![pk.clone(), sk])),
        Bound::Unbounded => Bound::Included(pad(vec![pk.clone()])),
    };
    let upper = match high {
        // In an index the same index sk belongs to many table keys: stop before the next sk.
        Bound::Included(sk) if arity == 4 => Bound::Excluded(pad(vec![pk.clone(), format!("{sk}\0")])),
        Bound::Included(sk) => Bound::Included(pad(vec![pk.clone(), sk])),
        Bound::Excluded(sk) => Bound::Excluded(pad(vec![pk.clone(), sk])),
        Bound::Unbounded => Bound::Excluded(pad(vec![format!("{pk}\0")])),
    };
    match cursor {
        Some(position) if query.forward => (Bound::Excluded(position), upper),
        Some(position) => (lower, Bound::Excluded(position)),
        None => (lower, upper),
    }
}

fn as_pair(p: &Position) -> (&str, &str) {
    (&p[0], &p[1])
}

fn as_quad(p: &Position) -> (&str, &str, &str, &str) {
    (&p[0], &p[1], &p[2], &p[3])
}

/// Entries of a range, as (position, table key), in the query's direction.
type Entries<'a> = Box<dyn Iterator<Item = Result<(Position, Key), StoreError>> + 'a>;

fn directed<'a, T: DoubleEndedIterator + 'a>(
    range: T,
    forward: bool,
) -> Box<dyn Iterator<Item = T::Item> + 'a> {
    if forward {
        Box::new(range)
    } else {
        Box::new(range.rev())
    }
}

fn run_query(db: &Database, query: &Query, now: i64) -> Result<Page, StoreError> {
    let cursor = query.cursor.as_ref().map(|c| decode_cursor(c, query)).transpose()?;
    let (lower, upper) = position_bounds(query, cursor);
    let txn = db.begin_read().map_err(unavailable)?;
    let items = txn.open_table(ITEMS).map_err(unavailable)?;

    let index_table;
    let entries: Entries<'_> = match query.index {
        Index::Table => {
            let range = items
                .range((lower.as_ref().map(as_pair), upper.as_ref().map(as_pair)))
                .map_err(unavailable)?;
            Box::new(directed(range, query.forward).map(|entry| {
                let (k, _) = entry.map_err(unavailable)?;
                let (pk, sk) = k.value();
                Ok((vec![pk.to_owned(), sk.to_owned()], Key::new(pk, sk)))
            }))
        }
        Index::Gsi1 | Index::Gsi2 => {
            index_table =
                txn.open_table(if query.index == Index::Gsi1 { GSI1 } else { GSI2 }).map_err(unavailable)?;
            let range = index_table
                .range((lower.as_ref().map(as_quad), upper.as_ref().map(as_quad)))
                .map_err(unavailable)?;
            Box::new(directed(range, query.forward).map(|entry| {
                let (k, _) = entry.map_err(unavailable)?;
                let (ipk, isk, pk, sk) = k.value();
                Ok((vec![ipk.to_owned(), isk.to_owned(), pk.to_owned(), sk.to_owned()], Key::new(pk, sk)))
            }))
        }
    };

    let limit = query.limit.clamp(*PAGE_LIMIT.start(), *PAGE_LIMIT.end());
    let mut page = Page { items: Vec::new(), next: None };
    let mut last: Option<Position> = None;
    for entry in entries {
        let (position, key) = entry?;
        if page.items.len() == limit {
            page.next = last.as_ref().map(encode_cursor);
            break;
        }
        match read_live(&items, &key, now) {
            Ok(Some(item)) => {
                page.items.push(item);
                last = Some(position);
            }
            Ok(None) => {}
            Err(StoreError::Corrupt { key, reason }) => {
                tracing::warn!(%key, %reason, "skipping an unreadable item in a query");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(page)
}

#[async_trait]
impl Store for EmbeddedStore {
    // Reads run on the calling task: they come from redb's cache in microseconds, less than a
    // trip through the blocking pool costs. Writes wait for the disk, so they go there.
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let txn = self.db.begin_read().map_err(unavailable)?;
        read_live(&txn.open_table(ITEMS).map_err(unavailable)?, key, (self.clock)())
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        run_query(&self.db, query, (self.clock)())
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        check_batch(&writes)?;
        self.blocking(move |db, now| write_batch(db, writes, now)).await
    }
}

#[cfg(test)]
mod tests {
    //! What only this engine can show: bytes on disk, a controlled clock, storage garbage. The
    //! behaviour every engine shares is in the conformance suite (`tests/api/store.rs`).

    use super::*;
    use serde_json::json;
    use std::sync::atomic::{AtomicI64, Ordering};

    fn all(pk: &str) -> Query {
        Query::new(Index::Table, pk)
    }

    async fn put(store: &EmbeddedStore, item: Item) {
        store.write(vec![Write::Put { item, condition: Condition::Always }]).await.unwrap();
    }

    #[tokio::test]
    async fn data_survives_a_restart() {
        let path =
            std::env::temp_dir().join(format!("market-store-{}-{}.redb", std::process::id(), system_now()));
        let item =
            Item { gsi1: Some(IndexKey::new("G", "s")), ..Item::new(Key::new("P", "a"), json!({ "n": 1 })) };
        {
            let store = EmbeddedStore::open(&path).unwrap();
            put(&store, item.clone()).await;
        }
        let reopened = EmbeddedStore::open(&path).unwrap();
        assert_eq!(reopened.get(&item.key).await.unwrap(), Some(item.clone()));
        assert_eq!(reopened.query(&Query::new(Index::Gsi1, "G")).await.unwrap().items, vec![item]);
        drop(reopened);
        std::fs::remove_file(&path).unwrap();
    }

    #[tokio::test]
    async fn an_unreadable_item_is_reported_by_get_and_skipped_by_query() {
        let store = EmbeddedStore::temporary().unwrap();
        put(&store, Item::new(Key::new("P", "a"), json!(1))).await;
        put(&store, Item::new(Key::new("P", "c"), json!(3))).await;
        let txn = store.db.begin_write().unwrap();
        txn.open_table(ITEMS).unwrap().insert(("P", "b"), b"\xff not json".as_slice()).unwrap();
        txn.commit().unwrap();

        match store.get(&Key::new("P", "b")).await {
            Err(StoreError::Corrupt { key, .. }) => assert_eq!(key, Key::new("P", "b")),
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let page = store.query(&all("P")).await.unwrap();
        let sks: Vec<&str> = page.items.iter().map(|i| i.key.sk.as_str()).collect();
        assert_eq!(sks, ["a", "c"]);
        // A write that must read it refuses rather than guess its index entries.
        let overwrite =
            Write::Put { item: Item::new(Key::new("P", "b"), json!(2)), condition: Condition::Always };
        assert!(matches!(store.write(vec![overwrite]).await, Err(StoreError::Corrupt { .. })));
    }

    #[tokio::test]
    async fn items_expire_when_the_clock_reaches_their_expiry() {
        let clock = Arc::new(AtomicI64::new(1_000));
        let store = EmbeddedStore::temporary().unwrap().with_clock({
            let clock = Arc::clone(&clock);
            move || clock.load(Ordering::SeqCst)
        });
        let item = Item { expires_at: Some(1_010), ..Item::new(Key::new("P", "a"), json!(1)) };
        put(&store, item.clone()).await;

        clock.store(1_009, Ordering::SeqCst);
        assert_eq!(store.get(&item.key).await.unwrap(), Some(item.clone()));
        assert_eq!(store.query(&all("P")).await.unwrap().items.len(), 1);
        clock.store(1_010, Ordering::SeqCst);
        assert_eq!(store.get(&item.key).await.unwrap(), None);
        assert_eq!(store.query(&all("P")).await.unwrap().items.len(), 0);
    }

    #[tokio::test]
    async fn the_last_page_has_no_cursor_and_a_full_page_before_more_has_one() {
        let store = EmbeddedStore::temporary().unwrap();
        for sk in ["a", "b", "c", "d"] {
            put(&store, Item::new(Key::new("P", sk), json!(null))).await;
        }
        let page = store.query(&Query { limit: 4, ..all("P") }).await.unwrap();
        assert_eq!((page.items.len(), page.next), (4, None));
        let page = store.query(&Query { limit: 3, ..all("P") }).await.unwrap();
        assert_eq!(page.items.len(), 3);
        let next = store.query(&Query { cursor: page.next, ..all("P") }).await.unwrap();
        assert_eq!(next.items.iter().map(|i| i.key.sk.as_str()).collect::<Vec<_>>(), ["d"]);
        assert_eq!(next.next, None);
    }

    #[tokio::test]
    async fn a_cursor_of_another_query_is_refused() {
        let store = EmbeddedStore::temporary().unwrap();
        for sk in ["a1", "a2", "b1"] {
            put(&store, Item::new(Key::new("P", sk), json!(null))).await;
        }
        let cursor = store.query(&Query { limit: 1, ..all("P") }).await.unwrap().next;
        assert!(cursor.is_some());
        for other in [
            all("Q"),
            Query { sk: SortKey::BeginsWith("b".into()), ..all("P") },
            Query::new(Index::Gsi1, "P"),
        ] {
            let result = store.query(&Query { cursor: cursor.clone(), ..other }).await;
            assert!(matches!(result, Err(StoreError::InvalidCursor)), "{result:?}");
        }
    }

    #[tokio::test]
    async fn incrementing_what_is_not_a_counter_fails_and_writes_nothing() {
        let store = EmbeddedStore::temporary().unwrap();
        let text = Item::new(Key::new("P", "text"), json!("hello"));
        let odd = Item::new(Key::new("P", "odd"), json!({ "count": "many" }));
        put(&store, text.clone()).await;
        put(&store, odd.clone()).await;
        for key in [&text.key, &odd.key] {
            let result = store
                .write(vec![
                    Write::Increment { key: Key::new("P", "fine"), by: 1 },
                    Write::Increment { key: key.clone(), by: 1 },
                ])
                .await;
            assert!(matches!(result, Err(StoreError::Corrupt { key: ref k, .. }) if k == key), "{result:?}");
        }
        assert_eq!(store.get(&Key::new("P", "fine")).await.unwrap(), None);
        assert_eq!(store.get(&text.key).await.unwrap(), Some(text));
    }

    #[test]
    fn prefix_end_is_the_least_string_past_the_prefix() {
        assert_eq!(prefix_end("a#"), Some("a$".to_owned()));
        assert_eq!(prefix_end("a\u{10FFFF}"), Some("b".to_owned()));
        assert_eq!(prefix_end("\u{D7FF}"), Some("\u{E000}".to_owned()));
        assert_eq!(prefix_end(""), None);
        assert_eq!(prefix_end("\u{10FFFF}"), None);
    }
}
