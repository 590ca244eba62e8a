//! Each Lambda binary as Lambda starts it: its stripped size, and its cold start — from the
//! process being started to its first request answered — through a fake Lambda runtime API on
//! loopback that hands it one API Gateway (HTTP API v2) event, or the scheduler's EventBridge
//! event, and notes when the answer comes back. The functions read and write DynamoDB as in
//! production: a DynamoDB-compatible server on loopback (`MARKET_DYNAMODB_ENDPOINT`, which
//! `npm run bench` starts), holding the demo data.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine;
use chrono::{Duration, Utc};
use market_domain::project::Role;
use market_functions::auth::token::{Claims, TokenKey, KEY_VARIABLE};
use market_functions::repo::accounts;
use market_functions::store::dynamo::{client_from_env, DynamoStore};
use market_functions::{demo, AppState};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokio::sync::mpsc;

/// Cold starts per binary.
const RUNS: usize = 30;
pub const TARGET_MS: f64 = 15.0;

pub struct Binary {
    pub name: &'static str,
    pub first_request: &'static str,
    pub bytes: u64,
    pub stripped_bytes: u64,
    /// Process start → its first call for an event (initialisation done), milliseconds, sorted.
    pub init_ms: Vec<f64>,
    /// Process start → its first answer, milliseconds, sorted.
    pub answered_ms: Vec<f64>,
}

/// A Lambda binary, and the first event it is handed.
struct Function<'a> {
    name: &'static str,
    binary: &'static str,
    first_request: &'static str,
    event: Box<dyn Fn() -> String + 'a>,
    /// The HTTP status of its answer; 0 for the scheduler, whose answer is not HTTP.
    answered: u16,
}

/// What the fake runtime API saw of one process.
enum Seen {
    /// Asked for its first event.
    Asked(Instant),
    Answered(Instant, Value),
    Failed(String),
}

#[derive(Clone)]
struct Runtime {
    event: Arc<String>,
    handed_out: Arc<Mutex<bool>>,
    seen: mpsc::UnboundedSender<Seen>,
}

async fn next(State(rt): State<Runtime>) -> (HeaderMap, String) {
    let first = !std::mem::replace(&mut *rt.handed_out.lock().expect("a lock"), true);
    if !first {
        // One event per process: the next call waits until the process is stopped.
        std::future::pending::<()>().await;
    }
    let _ = rt.seen.send(Seen::Asked(Instant::now()));
    let mut headers = HeaderMap::new();
    let deadline = (Utc::now() + Duration::seconds(30)).timestamp_millis().to_string();
    headers.insert("lambda-runtime-aws-request-id", HeaderValue::from_static("bench-request"));
    headers.insert("lambda-runtime-deadline-ms", HeaderValue::from_str(&deadline).expect("digits"));
    headers.insert(
        "lambda-runtime-invoked-function-arn",
        HeaderValue::from_static("arn:aws:lambda:us-east-1:123456789012:function:bench"),
    );
    headers.insert(
        "lambda-runtime-trace-id",
        HeaderValue::from_static("Root=1-00000000-000000000000000000000000"),
    );
    (headers, rt.event.as_ref().clone())
}

async fn response(State(rt): State<Runtime>, Path(_id): Path<String>, body: String) -> &'static str {
    let at = Instant::now();
    let _ = rt.seen.send(match serde_json::from_str(&body) {
        Ok(value) => Seen::Answered(at, value),
        Err(e) => Seen::Failed(format!("an answer that is not JSON ({e}): {body}")),
    });
    "{}"
}

async fn error(State(rt): State<Runtime>, body: String) -> &'static str {
    let _ = rt.seen.send(Seen::Failed(body));
    "{}"
}

/// An API Gateway HTTP API (v2) event.
fn http_event(method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> String {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let mut headers = json!({ "accept": "application/json", "host": "market.example.com" });
    if let Some(t) = token {
        headers["authorization"] = format!("Bearer {t}").into();
    }
    if body.is_some() {
        headers["content-type"] = "application/json".into();
        headers["idempotency-key"] = uuid::Uuid::new_v4().to_string().into();
    }
    let mut event = json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": query,
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "api", "domainName": "market.example.com",
            "domainPrefix": "market",
            "http": { "method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "bench" },
            "requestId": "bench", "routeKey": "$default", "stage": "$default",
            "time": "27/Nov/2026:01:50:00 +0000", "timeEpoch": 1795744200000u64
        },
        "isBase64Encoded": false
    });
    if let Some(b) = body {
        event["body"] = b.to_string().into();
    }
    event.to_string()
}

/// Starts `binary` against a fresh fake runtime handing it `event`; answers when it asked for
/// the event and when it answered, measured from just before the process was started.
async fn cold_start(
    binary: &str,
    env: &[(String, String)],
    event: &str,
    expect: &dyn Fn(&Value) -> bool,
) -> (f64, f64) {
    let (seen, mut events) = mpsc::unbounded_channel();
    let rt = Runtime { event: Arc::new(event.to_owned()), handed_out: Arc::default(), seen };
    let api = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(response))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(error))
        .route("/2018-06-01/runtime/init/error", post(error))
        .with_state(rt);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move { axum::serve(listener, api).await });

    let started = Instant::now();
    let mut child = Command::new(binary)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {binary}: {e}"));
    let mut asked = None;
    let outcome = loop {
        match tokio::time::timeout(std::time::Duration::from_secs(20), events.recv()).await {
            Ok(Some(Seen::Asked(at))) => asked = Some(at),
            Ok(Some(Seen::Answered(at, value))) => break Ok((at, value)),
            Ok(Some(Seen::Failed(why))) => break Err(why),
            Ok(None) | Err(_) => break Err("no answer within 20 s".to_owned()),
        }
    };
    let _ = child.kill();
    let output = child.wait_with_output().expect("the process ends");
    server.abort();
    let (at, value) =
        outcome.unwrap_or_else(|why| panic!("{binary}: {why}\n{}", String::from_utf8_lossy(&output.stderr)));
    assert!(expect(&value), "{binary} answered {value}");
    let ms = |i: Instant| i.duration_since(started).as_secs_f64() * 1000.0;
    (ms(asked.expect("it asked for the event")), ms(at))
}

/// The binary's size as built and with its symbols stripped (as deployed).
fn sizes(binary: &str) -> (u64, u64) {
    let stripped = std::env::temp_dir().join(format!("market-bench-stripped-{}", std::process::id()));
    let status = Command::new("strip").arg("-o").arg(&stripped).arg(binary).status().expect("strip runs");
    assert!(status.success(), "strip {binary}");
    let size = |p: &std::path::Path| std::fs::metadata(p).expect("a file").len();
    let both = (size(std::path::Path::new(binary)), size(&stripped));
    let _ = std::fs::remove_file(&stripped);
    both
}

pub async fn measure() -> Vec<Binary> {
    let endpoint = std::env::var("MARKET_DYNAMODB_ENDPOINT").unwrap_or_else(|_| {
        panic!("MARKET_DYNAMODB_ENDPOINT is not set: run `npm run bench`, which starts a DynamoDB-compatible server")
    });
    let table = format!("market-bench-{}", std::process::id());
    let dynamo = DynamoStore::new(client_from_env().await, table.clone());
    dynamo.create_table_if_missing().await.expect("the table");
    let key = rand_key();
    let tokens = TokenKey::from_bytes(&key).expect("a key");
    let state = AppState::new(Arc::new(dynamo));
    let loaded = demo::load_if_empty(&state).await.expect("demo data").expect("an empty table");
    let mut enterprise = None;
    let mut supervisor = None;
    for id in &loaded.accounts {
        let account = accounts::account(state.store.as_ref(), *id).await.expect("read").expect("present");
        match account.role {
            Role::Enterprise if enterprise.is_none() => enterprise = Some(account),
            Role::Supervisor if supervisor.is_none() => supervisor = Some(account),
            _ => {}
        }
    }
    let token = |a: &accounts::Account| {
        tokens.sign(&Claims {
            account: a.id,
            role: a.role,
            organisation: a.organisation,
            expires_at: (Utc::now() + Duration::hours(1)).timestamp(),
        })
    };
    let (enterprise, supervisor) =
        (token(&enterprise.expect("an enterprise")), token(&supervisor.expect("a supervisor")));

    let env: Vec<(String, String)> = [
        ("AWS_LAMBDA_FUNCTION_NAME", "bench"),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("MARKET_STORE", "dynamodb"),
        ("MARKET_TABLE", table.as_str()),
        ("MARKET_DYNAMODB_ENDPOINT", endpoint.as_str()),
        ("RUST_LOG", "info"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .chain([(KEY_VARIABLE.to_owned(), base64::engine::general_purpose::STANDARD.encode(key))])
    .collect();

    let draft = crate::market::need_form();
    let scheduled = json!({
        "version": "0", "id": "bench", "detail-type": "Scheduled Event", "source": "aws.events",
        "account": "123456789012", "time": "2026-11-27T00:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:123456789012:rule/market-scheduler"], "detail": {}
    })
    .to_string();
    let functions = [
        Function {
            name: "market-public",
            binary: env!("CARGO_BIN_EXE_market-public"),
            first_request: "GET /projects?state=published&sort=closing (anonymous)",
            event: Box::new(|| {
                http_event("GET", "/api/v1/projects?state=published&sort=closing&limit=20", None, None)
            }),
            answered: 200,
        },
        Function {
            name: "market-accounts",
            binary: env!("CARGO_BIN_EXE_market-accounts"),
            first_request: "GET /me (an enterprise)",
            event: Box::new(|| http_event("GET", "/api/v1/me", Some(&enterprise), None)),
            answered: 200,
        },
        Function {
            name: "market-bidding",
            binary: env!("CARGO_BIN_EXE_market-bidding"),
            first_request: "POST /projects (an enterprise posts a need)",
            // A new Idempotency-Key each time: a key used before would be answered from its record.
            event: Box::new(|| {
                http_event("POST", "/api/v1/projects", Some(&enterprise), Some(draft.clone()))
            }),
            answered: 201,
        },
        Function {
            name: "market-supervision",
            binary: env!("CARGO_BIN_EXE_market-supervision"),
            first_request: "GET /supervision/providers/pending (a supervisor)",
            event: Box::new(|| {
                http_event("GET", "/api/v1/supervision/providers/pending", Some(&supervisor), None)
            }),
            answered: 200,
        },
        Function {
            name: "market-scheduler",
            binary: env!("CARGO_BIN_EXE_market-scheduler"),
            first_request: "the minute's EventBridge event (one scheduler run)",
            event: Box::new(|| scheduled.clone()),
            // Not HTTP: the run's summary.
            answered: 0,
        },
    ];
    let mut binaries = Vec::new();
    for f in functions {
        let (bytes, stripped_bytes) = sizes(f.binary);
        let (mut init_ms, mut answered_ms) = (Vec::new(), Vec::new());
        let expect = |v: &Value| if f.answered == 0 { v.is_object() } else { v["statusCode"] == f.answered };
        for _ in 0..RUNS {
            let (init, answered) = cold_start(f.binary, &env, &(f.event)(), &expect).await;
            init_ms.push(init);
            answered_ms.push(answered);
        }
        init_ms.sort_by(f64::total_cmp);
        answered_ms.sort_by(f64::total_cmp);
        println!(
            "{}: {stripped_bytes} B stripped; cold start median {:.1} ms (initialised {:.1} ms), slowest {:.1} ms",
            f.name,
            answered_ms[RUNS / 2],
            init_ms[RUNS / 2],
            answered_ms[RUNS - 1]
        );
        binaries.push(Binary {
            name: f.name,
            first_request: f.first_request,
            bytes,
            stripped_bytes,
            init_ms,
            answered_ms,
        });
    }
    binaries
}

fn rand_key() -> Vec<u8> {
    let mut key = Vec::new();
    key.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    key.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    key
}
