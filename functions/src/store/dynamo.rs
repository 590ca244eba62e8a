//! The DynamoDB engine of [`Store`]: one table, two sparse GSIs, every batch one transaction.
//!
//! Table layout: `PK`/`SK` (strings) are the table key; `GSI1PK`/`GSI1SK` and `GSI2PK`/`GSI2SK`
//! key the indexes `GSI1` and `GSI2` (projection ALL) and are absent when the item is not in
//! that index; `version` (N); `expires_at` (N, the table's TTL attribute); `data` (S, the record
//! as JSON text); `count` (N) for counters, read back as `data = {"count": n}`. A key holds a
//! record or a counter, not both: when `count` is present it is the item's data.
//!
//! Expired items count as absent in reads, queries and conditions, with one gap: an
//! [`Increment`](Write::Increment) of an expired item adds to it in place and leaves it expired
//! (an update expression cannot test expiry), so a counter that expires must be keyed by its
//! window and never incremented after it.
//!
//! The same binary runs against AWS, DynamoDB Local or any compatible server: the endpoint comes
//! from `MARKET_DYNAMODB_ENDPOINT` or the standard AWS environment.

use super::{
    check_batch, Condition, Cursor, Index, Item, Key, Page, Query, SortKey, Store, StoreError, Write,
};
use async_trait::async_trait;
use aws_sdk_dynamodb::client::Waiters;
use aws_sdk_dynamodb::error::BuildError;
use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, ConditionCheck, Delete, GlobalSecondaryIndex,
    KeySchemaElement, KeyType, Projection, ProjectionType, Put, ScalarAttributeType, TimeToLiveSpecification,
    TransactWriteItem, Update,
};
use aws_sdk_dynamodb::Client;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

type Attributes = HashMap<String, AttributeValue>;

const PK: &str = "PK";
const SK: &str = "SK";
const GSI1PK: &str = "GSI1PK";
const GSI1SK: &str = "GSI1SK";
const GSI2PK: &str = "GSI2PK";
const GSI2SK: &str = "GSI2SK";
const VERSION: &str = "version";
const EXPIRES_AT: &str = "expires_at";
const DATA: &str = "data";
const COUNT: &str = "count";

/// Every DynamoDB IAM action this engine needs, on the table and its indexes: the single
/// requests below, and the ones a `TransactWriteItems` is authorised as (each of its items is
/// checked as its own action; `ConditionCheckItem` for a [`Write::Check`]). The grant in
/// `infra/template.yaml` is tested against this list. `create_table_if_missing` is for local
/// runs only and stays out of it.
pub const ACTIONS: &[&str] = &[
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
];

/// The expression form of "not expired" (with `#exp` = `expires_at`, `:now` = now), the
/// server-side twin of [`is_live`]: an item whose `expires_at` has come counts as absent.
const LIVE: &str = "(attribute_not_exists(#exp) OR #exp > :now)";

/// Whether an item with this expiry still exists at `now` (see [`LIVE`]).
fn is_live(expires_at: Option<i64>, now: i64) -> bool {
    expires_at.is_none_or(|t| t > now)
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The store on a DynamoDB table. Cheap to clone (the client is shared): build it once per
/// process so connections and credentials are reused across requests.
#[derive(Clone, Debug)]
pub struct DynamoStore {
    client: Client,
    table: Arc<str>,
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self { client, table: Arc::from(table.into()) }
    }

    /// The table from `MARKET_TABLE` (default `market`) through [`client_from_env`]; call it once
    /// at start-up and share the store.
    pub async fn from_env() -> Self {
        let table = std::env::var("MARKET_TABLE").ok().filter(|t| !t.is_empty());
        Self::new(client_from_env().await, table.unwrap_or_else(|| "market".to_owned()))
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// Creates the table with its two GSIs (on-demand billing) and TTL on `expires_at`, unless
    /// it exists; for local runs and tests — production tables come from the infrastructure
    /// template. Servers without TTL support are tolerated: expiry is enforced on read anyway.
    pub async fn create_table_if_missing(&self) -> Result<(), StoreError> {
        let table = self.table();
        let described = self.client.describe_table().table_name(table).send().await;
        let created = match described {
            Ok(_) => false,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_not_found_exception()) => {
                let string = |name: &str| {
                    AttributeDefinition::builder()
                        .attribute_name(name)
                        .attribute_type(ScalarAttributeType::S)
                        .build()
                };
                let key = |name: &str, key_type| {
                    KeySchemaElement::builder().attribute_name(name).key_type(key_type).build()
                };
                let gsi = |index| {
                    let (name, pk, sk) = index_attributes(index);
                    GlobalSecondaryIndex::builder()
                        .set_index_name(name.map(str::to_owned))
                        .key_schema(key(pk, KeyType::Hash)?)
                        .key_schema(key(sk, KeyType::Range)?)
                        .projection(Projection::builder().projection_type(ProjectionType::All).build())
                        .build()
                };
                let create = self
                    .client
                    .create_table()
                    .table_name(table)
                    .billing_mode(BillingMode::PayPerRequest)
                    .set_attribute_definitions(Some(
                        [PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK]
                            .map(string)
                            .into_iter()
                            .collect::<Result<_, _>>()
                            .map_err(build_error)?,
                    ))
                    .key_schema(key(PK, KeyType::Hash).map_err(build_error)?)
                    .key_schema(key(SK, KeyType::Range).map_err(build_error)?)
                    .global_secondary_indexes(gsi(Index::Gsi1).map_err(build_error)?)
                    .global_secondary_indexes(gsi(Index::Gsi2).map_err(build_error)?)
                    .send()
                    .await;
                match create {
                    Ok(_) => true,
                    // Created concurrently by another process: fine.
                    Err(e) if e.as_service_error().is_some_and(|s| s.is_resource_in_use_exception()) => false,
                    Err(e) => return Err(self.unavailable("CreateTable", &e)),
                }
            }
            Err(e) => return Err(self.unavailable("DescribeTable", &e)),
        };
        self.client
            .wait_until_table_exists()
            .table_name(table)
            .wait(Duration::from_secs(300))
            .await
            .map_err(|e| self.unavailable("DescribeTable (waiting for ACTIVE)", &e))?;
        if created {
            let spec = TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(EXPIRES_AT)
                .build()
                .map_err(build_error)?;
            if let Err(e) = self
                .client
                .update_time_to_live()
                .table_name(table)
                .time_to_live_specification(spec)
                .send()
                .await
            {
                tracing::warn!(table, error = error_chain(&e), "TTL not enabled; expired items stay stored");
            }
        }
        Ok(())
    }

    fn unavailable(&self, operation: &str, err: &(dyn Error + 'static)) -> StoreError {
        StoreError::Unavailable(format!("DynamoDB {operation} on table {}: {}", self.table, error_chain(err)))
    }

    /// One write as a transaction item: the single source of every expression the engine sends.
    fn transact_item(&self, write: &Write, now: i64) -> Result<TransactWriteItem, StoreError> {
        let table = self.table.to_string();
        let item = match write {
            Write::Put { item, condition } => {
                let cond = condition_expression(*condition, now);
                let put = Put::builder()
                    .table_name(table)
                    .set_item(Some(item_attributes(item)))
                    .set_condition_expression(cond.as_ref().map(|c| c.text.clone()))
                    .set_expression_attribute_names(cond.as_ref().map(|c| c.names.clone()))
                    .set_expression_attribute_values(cond.map(|c| c.values))
                    .build()
                    .map_err(build_error)?;
                TransactWriteItem::builder().put(put)
            }
            Write::Delete { key, condition } => {
                let cond = condition_expression(*condition, now);
                let delete = Delete::builder()
                    .table_name(table)
                    .set_key(Some(key_attributes(key)))
                    .set_condition_expression(cond.as_ref().map(|c| c.text.clone()))
                    .set_expression_attribute_names(cond.as_ref().map(|c| c.names.clone()))
                    .set_expression_attribute_values(cond.map(|c| c.values))
                    .build()
                    .map_err(build_error)?;
                TransactWriteItem::builder().delete(delete)
            }
            Write::Check { key, condition } => {
                // ConditionCheck requires an expression; `Always` becomes one that always holds.
                let cond = condition_expression(*condition, now).unwrap_or_else(|| Expression {
                    text: "attribute_not_exists(#pk) OR attribute_exists(#pk)".to_owned(),
                    names: HashMap::from([("#pk".to_owned(), PK.to_owned())]),
                    values: HashMap::new(),
                });
                let check = ConditionCheck::builder()
                    .table_name(table)
                    .set_key(Some(key_attributes(key)))
                    .condition_expression(cond.text)
                    .set_expression_attribute_names(Some(cond.names))
                    .set_expression_attribute_values(Some(cond.values).filter(|v| !v.is_empty()))
                    .build()
                    .map_err(build_error)?;
                TransactWriteItem::builder().condition_check(check)
            }
            Write::Increment { key, by } => {
                let update = Update::builder()
                    .table_name(table)
                    .set_key(Some(key_attributes(key)))
                    .update_expression("ADD #count :by, #v :one")
                    .expression_attribute_names("#count", COUNT)
                    .expression_attribute_names("#v", VERSION)
                    .expression_attribute_values(":by", number(*by))
                    .expression_attribute_values(":one", number(1))
                    .build()
                    .map_err(build_error)?;
                TransactWriteItem::builder().update(update)
            }
        };
        Ok(item.build())
    }

    /// A batch of one as a plain conditional request: half the cost of a transaction.
    async fn write_one(&self, op: TransactWriteItem, key: &Key) -> Result<(), StoreError> {
        // The three requests' errors are distinct types with the same questions to ask.
        macro_rules! outcome {
            ($sent:expr, $request:literal) => {
                match $sent {
                    Ok(_) => Ok(()),
                    Err(e)
                        if e.as_service_error()
                            .is_some_and(|s| s.is_conditional_check_failed_exception()) =>
                    {
                        Err(StoreError::ConditionFailed { index: 0, key: key.clone() })
                    }
                    Err(e) => Err(self.unavailable($request, &e)),
                }
            };
        }
        if let Some(p) = op.put {
            let sent = self
                .client
                .put_item()
                .table_name(p.table_name)
                .set_item(Some(p.item))
                .set_condition_expression(p.condition_expression)
                .set_expression_attribute_names(p.expression_attribute_names)
                .set_expression_attribute_values(p.expression_attribute_values)
                .send()
                .await;
            return outcome!(sent, "PutItem");
        }
        if let Some(d) = op.delete {
            let sent = self
                .client
                .delete_item()
                .table_name(d.table_name)
                .set_key(Some(d.key))
                .set_condition_expression(d.condition_expression)
                .set_expression_attribute_names(d.expression_attribute_names)
                .set_expression_attribute_values(d.expression_attribute_values)
                .send()
                .await;
            return outcome!(sent, "DeleteItem");
        }
        if let Some(u) = op.update {
            let sent = self
                .client
                .update_item()
                .table_name(u.table_name)
                .set_key(Some(u.key))
                .update_expression(u.update_expression)
                .set_condition_expression(u.condition_expression)
                .set_expression_attribute_names(u.expression_attribute_names)
                .set_expression_attribute_values(u.expression_attribute_values)
                .send()
                .await;
            return outcome!(sent, "UpdateItem");
        }
        Err(StoreError::Unavailable("a lone condition check has no plain request".to_owned()))
    }
}

/// A DynamoDB client from the standard AWS environment (region, credentials,
/// `AWS_ENDPOINT_URL*`), pointed at `MARKET_DYNAMODB_ENDPOINT` when that is set.
pub async fn client_from_env() -> Client {
    let shared = aws_config::defaults(aws_config::BehaviorVersion::latest()).load().await;
    let mut config = aws_sdk_dynamodb::config::Builder::from(&shared);
    if let Some(endpoint) = std::env::var("MARKET_DYNAMODB_ENDPOINT").ok().filter(|e| !e.is_empty()) {
        config = config.endpoint_url(endpoint);
    }
    Client::from_conf(config.build())
}

#[async_trait]
impl Store for DynamoStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(self.table())
            .set_key(Some(key_attributes(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.unavailable("GetItem", &e))?;
        let Some(attributes) = output.item() else { return Ok(None) };
        let item =
            read_item(attributes).map_err(|reason| StoreError::Corrupt { key: key.clone(), reason })?;
        Ok(is_live(item.expires_at, now()).then_some(item))
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        let (index_name, pk_attr, sk_attr) = index_attributes(query.index);
        let mut names = HashMap::from([
            ("#pk".to_owned(), pk_attr.to_owned()),
            ("#exp".to_owned(), EXPIRES_AT.to_owned()),
        ]);
        let mut values =
            HashMap::from([(":pk".to_owned(), string(&query.pk)), (":now".to_owned(), number(now()))]);
        let key_condition = match &query.sk {
            SortKey::All => "#pk = :pk".to_owned(),
            // begins_with on "" is refused by DynamoDB; every key begins with it.
            SortKey::BeginsWith(prefix) if prefix.is_empty() => "#pk = :pk".to_owned(),
            SortKey::BeginsWith(prefix) => {
                names.insert("#sk".to_owned(), sk_attr.to_owned());
                values.insert(":a".to_owned(), string(prefix));
                "#pk = :pk AND begins_with(#sk, :a)".to_owned()
            }
            // DynamoDB refuses BETWEEN with its bounds reversed; the range is empty.
            SortKey::Between(low, high) if low > high => return Ok(Page { items: Vec::new(), next: None }),
            SortKey::Between(low, high) => {
                names.insert("#sk".to_owned(), sk_attr.to_owned());
                values.insert(":a".to_owned(), string(low));
                values.insert(":b".to_owned(), string(high));
                "#pk = :pk AND #sk BETWEEN :a AND :b".to_owned()
            }
        };
        let start = query.cursor.as_ref().map(|c| decode_cursor(c, query)).transpose()?;
        let output = self
            .client
            .query()
            .table_name(self.table())
            .set_index_name(index_name.map(str::to_owned))
            // Indexes only offer eventually consistent reads.
            .consistent_read(index_name.is_none())
            .key_condition_expression(key_condition)
            .filter_expression(LIVE)
            .set_expression_attribute_names(Some(names))
            .set_expression_attribute_values(Some(values))
            .scan_index_forward(query.forward)
            .limit(query.limit.clamp(1, MAX_PAGE) as i32)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| self.unavailable("Query", &e))?;
        let items = output
            .items()
            .iter()
            .filter_map(|attributes| match read_item(attributes) {
                Ok(item) => Some(item),
                Err(reason) => {
                    tracing::warn!(table = self.table(), key = %describe_key(attributes), reason, "skipping an unreadable item");
                    None
                }
            })
            .collect();
        let next = output.last_evaluated_key().map(encode_cursor).transpose()?;
        Ok(Page { items, next })
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        check_batch(&writes)?;
        let now = now();
        let mut ops = writes.iter().map(|w| self.transact_item(w, now)).collect::<Result<Vec<_>, _>>()?;
        if let [single] = writes.as_slice() {
            if !matches!(single, Write::Check { .. }) {
                let op = ops.pop().expect("one op per write");
                return self.write_one(op, single.key()).await;
            }
        }
        let sent = self.client.transact_write_items().set_transact_items(Some(ops)).send().await;
        let Err(e) = sent else { return Ok(()) };
        if let Some(TransactWriteItemsError::TransactionCanceledException(cancelled)) = e.as_service_error() {
            let failed = cancelled
                .cancellation_reasons()
                .iter()
                .position(|r| r.code() == Some("ConditionalCheckFailed"));
            if let Some((index, write)) = failed.and_then(|i| writes.get(i).map(|w| (i, w))) {
                return Err(StoreError::ConditionFailed { index, key: write.key().clone() });
            }
        }
        Err(self.unavailable("TransactWriteItems", &e))
    }
}

/// The most items one query page may ask for (the trait's limit).
const MAX_PAGE: usize = 1000;

/// A condition expression with exactly the names and values it uses (DynamoDB refuses unused ones).
struct Expression {
    text: String,
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

/// A [`Condition`] as an expression, `None` for `Always`. An expired item counts as absent.
fn condition_expression(condition: Condition, now: i64) -> Option<Expression> {
    let name = |placeholder: &str, attribute: &str| (placeholder.to_owned(), attribute.to_owned());
    let (text, names, mut values) = match condition {
        Condition::Always => return None,
        Condition::NotExists => (
            "attribute_not_exists(#pk) OR #exp <= :now".to_owned(),
            HashMap::from([name("#pk", PK), name("#exp", EXPIRES_AT)]),
            HashMap::new(),
        ),
        Condition::Exists => (
            format!("attribute_exists(#pk) AND {LIVE}"),
            HashMap::from([name("#pk", PK), name("#exp", EXPIRES_AT)]),
            HashMap::new(),
        ),
        Condition::VersionIs(v) => (
            format!("#v = :v AND {LIVE}"),
            HashMap::from([name("#v", VERSION), name("#exp", EXPIRES_AT)]),
            HashMap::from([(":v".to_owned(), number(v))]),
        ),
    };
    values.insert(":now".to_owned(), number(now));
    Some(Expression { text, names, values })
}

/// The index to query and its key attributes.
fn index_attributes(index: Index) -> (Option<&'static str>, &'static str, &'static str) {
    match index {
        Index::Table => (None, PK, SK),
        Index::Gsi1 => (Some("GSI1"), GSI1PK, GSI1SK),
        Index::Gsi2 => (Some("GSI2"), GSI2PK, GSI2SK),
    }
}

/// `LastEvaluatedKey` as an opaque cursor: URL-safe base64 of a JSON object of its strings.
fn encode_cursor(last: &Attributes) -> Result<Cursor, StoreError> {
    let mut strings = BTreeMap::new();
    for (name, value) in last {
        let AttributeValue::S(s) = value else {
            return Err(StoreError::Unavailable(format!(
                "DynamoDB returned a non-string key attribute {name}"
            )));
        };
        strings.insert(name.as_str(), s.as_str());
    }
    let json = serde_json::to_vec(&strings).expect("a map of strings serializes");
    Ok(Cursor(URL_SAFE_NO_PAD.encode(json)))
}

/// A cursor back into `ExclusiveStartKey`, refused unless it is a key of this query's index
/// inside this query's partition and sort-key range (DynamoDB would fail the request otherwise).
fn decode_cursor(cursor: &Cursor, query: &Query) -> Result<Attributes, StoreError> {
    let json = URL_SAFE_NO_PAD.decode(&cursor.0).map_err(|_| StoreError::InvalidCursor)?;
    let strings: BTreeMap<String, String> =
        serde_json::from_slice(&json).map_err(|_| StoreError::InvalidCursor)?;
    let (index_name, pk_attr, sk_attr) = index_attributes(query.index);
    let mut expected = vec![PK, SK];
    if index_name.is_some() {
        expected.extend([pk_attr, sk_attr]);
    }
    let names_match = strings.len() == expected.len() && expected.iter().all(|n| strings.contains_key(*n));
    let sk = strings.get(sk_attr).map(String::as_str).unwrap_or_default();
    let in_range = match &query.sk {
        SortKey::All => true,
        SortKey::BeginsWith(prefix) => sk.starts_with(prefix.as_str()),
        SortKey::Between(low, high) => low.as_str() <= sk && sk <= high.as_str(),
    };
    if !names_match || strings.get(pk_attr) != Some(&query.pk) || !in_range {
        return Err(StoreError::InvalidCursor);
    }
    Ok(strings.into_iter().map(|(name, value)| (name, AttributeValue::S(value))).collect())
}

fn string(s: &str) -> AttributeValue {
    AttributeValue::S(s.to_owned())
}

fn number(n: impl ToString) -> AttributeValue {
    AttributeValue::N(n.to_string())
}

/// An error with its whole source chain: the SDK's own display is just "service error" or
/// "dispatch failure"; the cause is further down.
fn error_chain(err: &(dyn Error + 'static)) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn build_error(e: BuildError) -> StoreError {
    StoreError::Unavailable(format!("building a DynamoDB request: {e}"))
}

fn key_attributes(key: &Key) -> Attributes {
    HashMap::from([(PK.to_owned(), string(&key.pk)), (SK.to_owned(), string(&key.sk))])
}

fn item_attributes(item: &Item) -> Attributes {
    let mut attributes = key_attributes(&item.key);
    for (index_key, pk, sk) in [(&item.gsi1, GSI1PK, GSI1SK), (&item.gsi2, GSI2PK, GSI2SK)] {
        if let Some(k) = index_key {
            attributes.insert(pk.to_owned(), string(&k.pk));
            attributes.insert(sk.to_owned(), string(&k.sk));
        }
    }
    attributes.insert(VERSION.to_owned(), number(item.version));
    if let Some(t) = item.expires_at {
        attributes.insert(EXPIRES_AT.to_owned(), number(t));
    }
    attributes.insert(DATA.to_owned(), string(&item.data.to_string()));
    attributes
}

/// The item's key for a log line, as far as it can be read.
fn describe_key(attributes: &Attributes) -> String {
    let part = |name| attributes.get(name).and_then(|v| v.as_s().ok()).map_or("<unreadable>", String::as_str);
    format!("{} / {}", part(PK), part(SK))
}

/// Reads an item; the error says which attribute is malformed.
fn read_item(attributes: &Attributes) -> Result<Item, String> {
    let text = |name: &str| -> Result<Option<&String>, String> {
        match attributes.get(name) {
            None => Ok(None),
            Some(AttributeValue::S(s)) => Ok(Some(s)),
            Some(_) => Err(format!("{name} is not a string")),
        }
    };
    let required = |name: &str| text(name)?.cloned().ok_or_else(|| format!("{name} is missing"));
    let numeric = |name: &str| -> Result<Option<&String>, String> {
        match attributes.get(name) {
            None => Ok(None),
            Some(AttributeValue::N(n)) => Ok(Some(n)),
            Some(_) => Err(format!("{name} is not a number")),
        }
    };
    let index_key = |pk: &str, sk: &str| match (text(pk)?, text(sk)?) {
        (Some(p), Some(s)) => Ok(Some(Key::new(p.clone(), s.clone()))),
        (None, None) => Ok(None),
        _ => Err(format!("only one of {pk} and {sk} is present")),
    };
    let key = Key::new(required(PK)?, required(SK)?);
    let version = numeric(VERSION)?
        .ok_or_else(|| format!("{VERSION} is missing"))?
        .parse::<u64>()
        .map_err(|e| format!("{VERSION}: {e}"))?;
    let expires_at = numeric(EXPIRES_AT)?
        .map(|t| t.parse::<i64>())
        .transpose()
        .map_err(|e| format!("{EXPIRES_AT}: {e}"))?;
    let data = match numeric(COUNT)? {
        Some(n) => serde_json::json!({ "count": n.parse::<i64>().map_err(|e| format!("{COUNT}: {e}"))? }),
        None => serde_json::from_str(&required(DATA)?).map_err(|e| format!("{DATA} is not JSON: {e}"))?,
    };
    Ok(Item {
        key,
        gsi1: index_key(GSI1PK, GSI1SK)?,
        gsi2: index_key(GSI2PK, GSI2SK)?,
        version,
        expires_at,
        data,
    })
}
