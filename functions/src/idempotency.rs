//! `Idempotency-Key` on every POST: a request retried with the same key (a lost connection, a
//! double click) gets the first answer again instead of acting twice. Keys are per caller (the
//! account, or `anonymous` for registrations). The session routes are left out — their answers
//! carry tokens, which must not be stored, and signing in twice is harmless.
//!
//! A request's first write carries its key's claim in the same transaction
//! ([`ClaimingStore`](crate::store::claiming::ClaimingStore)),
//! so whether the request changed anything is known even when the store's answer was lost. A
//! successful answer is remembered and replayed; a request that failed and changed nothing is
//! forgotten, so it can be run again; one that changed something but failed after (its store
//! answer lost) is refused on retry (`answer lost`: reload to see the result), never run twice.

use crate::access::Viewer;
use crate::error::{ApiError, KeyReuse};
use crate::extract::MAX_BODY_BYTES;
use crate::market::Market;
use crate::repo::idempotency::{self, IdempotencyRecord, Reservation};
use crate::store::claiming::{claiming, ClaimOutcome};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const HEADER: &str = "idempotency-key";
/// Set on an answer replayed from the record.
pub const REPLAYED: &str = "idempotency-replayed";

const NOT_REMEMBERED: &[&str] = &["/api/v1/sessions", "/api/v1/sessions/refresh", "/api/v1/sessions/logout"];

/// Whether a request to `path` with a key is remembered: every POST but the session routes'.
pub fn remembers(method: &Method, path: &str) -> bool {
    method == Method::POST && !NOT_REMEMBERED.contains(&path)
}

pub async fn honour(State(market): State<Market>, viewer: Viewer, request: Request, next: Next) -> Response {
    match run(&market, viewer, request, next).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn run(market: &Market, viewer: Viewer, request: Request, next: Next) -> Result<Response, ApiError> {
    let Some(key) = request.headers().get(HEADER) else { return Ok(next.run(request).await) };
    if !remembers(request.method(), request.uri().path()) {
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

    let store = market.store.as_ref();
    let now = market.clock.now();
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
            let claim = idempotency::claim(&subject, &key, &request_hash, now);
            let request = Request::from_parts(parts, Body::from(bytes));
            let (response, outcome) = claiming(claim, next.run(request)).await;
            let changed = match outcome {
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
