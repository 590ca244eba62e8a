//! `Idempotency-Key` on every POST: a request retried with the same key (a lost connection, a
//! double click) gets the first answer again instead of acting twice. Keys are per caller (the
//! account, or `anonymous` for registrations). The session routes are left out — their answers
//! carry tokens, which must not be stored, and signing in twice is harmless.
//!
//! A request's first write carries its key's claim in the same transaction ([`ClaimingStore`]),
//! so whether the request changed anything is known even when the store's answer was lost. A
//! successful answer is remembered and replayed; a request that failed and changed nothing is
//! forgotten, so it can be run again; one that changed something but failed after (its store
//! answer lost) is refused on retry (`answer lost`: reload to see the result), never run twice.

use crate::access::Viewer;
use crate::app::AppState;
use crate::error::{ApiError, KeyReuse};
use crate::extract::MAX_BODY_BYTES;
use crate::repo::idempotency::{self, IdempotencyRecord, Reservation};
use crate::store::{Item, Key, Page, Query, Store, StoreError, Write, MAX_WRITES};
use async_trait::async_trait;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, Mutex};

pub const HEADER: &str = "idempotency-key";
/// Set on an answer replayed from the record.
pub const REPLAYED: &str = "idempotency-replayed";

const NOT_REMEMBERED: &[&str] = &["/api/v1/sessions", "/api/v1/sessions/refresh", "/api/v1/sessions/logout"];

pub async fn honour(State(state): State<AppState>, viewer: Viewer, request: Request, next: Next) -> Response {
    match run(&state, viewer, request, next).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn run(state: &AppState, viewer: Viewer, request: Request, next: Next) -> Result<Response, ApiError> {
    let Some(key) = request.headers().get(HEADER) else { return Ok(next.run(request).await) };
    if request.method() != Method::POST || NOT_REMEMBERED.contains(&request.uri().path()) {
        return Ok(next.run(request).await);
    }
    let key = key
        .to_str()
        .ok()
        .filter(|k| (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| ApiError::Malformed("Idempotency-Key: 1–255 visible ASCII characters".into()))?
        .to_owned();
    let subject = viewer.claims().map_or_else(|| "anonymous".to_owned(), |c| c.account.to_string());
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| ApiError::TooLarge)?;
    let mut request = format!("{}\0{}\0", parts.method, parts.uri.path()).into_bytes();
    request.extend_from_slice(&bytes);
    let request_hash = crate::auth::sha256_hex(&request);

    let store = state.store.as_ref();
    let now = state.clock.now();
    match idempotency::reserve(store, &subject, &key, &request_hash, now).await? {
        Reservation::Seen(record) if record.request_hash != request_hash => {
            Err(ApiError::IdempotencyKey(KeyReuse::DifferentRequest))
        }
        Reservation::Seen(IdempotencyRecord { status: Some(status), body, .. }) => {
            let status = StatusCode::from_u16(status).map_err(|_| ApiError::Internal)?;
            let mut response = (status, axum::Json(body)).into_response();
            response.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
            Ok(response)
        }
        Reservation::Seen(IdempotencyRecord { applied: true, .. }) => {
            Err(ApiError::IdempotencyKey(KeyReuse::AnswerLost))
        }
        Reservation::Seen(_) => Err(ApiError::IdempotencyKey(KeyReuse::StillRunning)),
        Reservation::Reserved => {
            let claim = Claim::new(idempotency::claim(&subject, &key, &request_hash, now));
            let request = Request::from_parts(parts, Body::from(bytes));
            let response = CLAIM.scope(claim.clone(), next.run(request)).await;
            let changed = match claim.outcome() {
                ClaimOutcome::Written => Some(true),
                ClaimOutcome::NotWritten => Some(false),
                // The store's answer was lost: the record itself says whether the change was made.
                ClaimOutcome::Unknown => match idempotency::get(store, &subject, &key).await {
                    Ok(record) => Some(record.is_some_and(|r| r.applied)),
                    Err(_) => None,
                },
            };
            if !response.status().is_success() {
                // Nothing changed: forget the key so the request can be run again. Should that
                // fail too (or whether anything changed is unknown), the reservation is taken
                // over once abandoned. Something changed (its error came after): the key stays
                // applied, and a retry is told to reload rather than replayed an error.
                if changed == Some(false) {
                    if let Err(e) = idempotency::release(store, &subject, &key).await {
                        tracing::warn!(error = %e, "an idempotency key could not be released");
                    }
                }
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| ApiError::Internal)?;
            let json = if bytes.is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null)
            };
            let record = IdempotencyRecord {
                status: Some(parts.status.as_u16()),
                body: json,
                applied: changed == Some(true),
                ..IdempotencyRecord::pending(&request_hash, now)
            };
            // The request is done: its answer goes out even if it cannot be remembered (a retry
            // then finds the key applied, or abandoned, and is refused or run — never twice).
            if let Err(e) = idempotency::complete(store, &subject, &key, &record, now).await {
                tracing::warn!(error = %e, "an idempotency answer could not be recorded");
            }
            let mut response = Response::from_parts(parts, Body::from(bytes));
            response.headers_mut().remove(header::CONTENT_LENGTH);
            Ok(response)
        }
    }
}

tokio::task_local! {
    /// The claim of the key of the request running on this task.
    static CLAIM: Claim;
}

/// What became of a request's claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClaimOutcome {
    /// No write carried it, or the write carrying it was refused: nothing was changed.
    NotWritten,
    Written,
    /// The write carrying it failed without saying whether it was applied.
    Unknown,
}

/// A request's claim: the write marking its key applied, and what became of it.
#[derive(Clone)]
struct Claim(Arc<Mutex<(Write, ClaimOutcome)>>);

impl Claim {
    fn new(write: Write) -> Self {
        Self(Arc::new(Mutex::new((write, ClaimOutcome::NotWritten))))
    }

    fn outcome(&self) -> ClaimOutcome {
        self.0.lock().expect("the claim's lock").1
    }

    /// The claim to add to `writes`, unless it went with an earlier write, or `writes` already
    /// touch the key (recording the answer, releasing the key) or have no room for it.
    fn to_add(&self, writes: &[Write]) -> Option<Write> {
        let guard = self.0.lock().expect("the claim's lock");
        let (claim, outcome) = &*guard;
        let free = *outcome == ClaimOutcome::NotWritten
            && writes.len() < MAX_WRITES
            && writes.iter().all(|w| w.key() != claim.key());
        free.then(|| claim.clone())
    }

    fn settle(&self, result: &Result<(), StoreError>) {
        self.0.lock().expect("the claim's lock").1 = match result {
            Ok(()) => ClaimOutcome::Written,
            Err(StoreError::Unavailable(_)) => ClaimOutcome::Unknown,
            Err(_) => ClaimOutcome::NotWritten,
        };
    }
}

/// The store as requests see it: a request's first write carries its key's claim. Outside a
/// request with a key (the scheduler, reads, the session routes) it adds nothing.
pub struct ClaimingStore {
    inner: Arc<dyn Store>,
}

impl ClaimingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self { inner }
    }
}

#[async_trait]
impl Store for ClaimingStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.inner.get(key).await
    }

    async fn query(&self, query: &Query) -> Result<Page, StoreError> {
        self.inner.query(query).await
    }

    async fn write(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let Ok(Some(claim)) = CLAIM.try_with(|c| c.to_add(&writes).map(|w| (c.clone(), w))) else {
            return self.inner.write(writes).await;
        };
        let (claim, write) = claim;
        let mut with_claim = writes.clone();
        with_claim.push(write);
        let result = self.inner.write(with_claim).await;
        match &result {
            // The claim's own condition failed: the reservation expired under a very long
            // request. Its change goes ahead without it.
            Err(StoreError::ConditionFailed { index, .. }) if *index == writes.len() => {
                self.inner.write(writes).await
            }
            _ => {
                claim.settle(&result);
                result
            }
        }
    }
}
