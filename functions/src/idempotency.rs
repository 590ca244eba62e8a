//! `Idempotency-Key` on every POST: a request retried with the same key (a lost connection, a
//! double click) gets the first answer again instead of acting twice. Keys are per caller (the
//! account, or `anonymous` for registrations). Only successes are remembered: a failed request
//! changed nothing, so running it again is safe. The session routes are left out — their
//! answers carry tokens, which must not be stored, and signing in twice is harmless.

use crate::access::Viewer;
use crate::app::AppState;
use crate::error::ApiError;
use crate::extract::MAX_BODY_BYTES;
use crate::repo::idempotency::{self, IdempotencyRecord, Reservation};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

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
    match idempotency::reserve(store, &subject, &key, &request_hash, state.clock.now()).await? {
        Reservation::Seen(record) if record.request_hash != request_hash => {
            Err(ApiError::IdempotencyKey("it came with a different request"))
        }
        Reservation::Seen(IdempotencyRecord { status: None, .. }) => {
            Err(ApiError::IdempotencyKey("the first request with it is still running"))
        }
        Reservation::Seen(IdempotencyRecord { status: Some(status), body, .. }) => {
            let status = StatusCode::from_u16(status).map_err(|_| ApiError::Internal)?;
            let mut response = (status, axum::Json(body)).into_response();
            response.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
            Ok(response)
        }
        Reservation::Reserved => {
            let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
            if !response.status().is_success() {
                idempotency::release(store, &subject, &key).await?;
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|_| ApiError::Internal)?;
            let json = if bytes.is_empty() {
                serde_json::Value::Null
            } else {
                serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null)
            };
            let record = IdempotencyRecord { request_hash, status: Some(parts.status.as_u16()), body: json };
            idempotency::complete(store, &subject, &key, &record, state.clock.now()).await?;
            let mut response = Response::from_parts(parts, Body::from(bytes));
            response.headers_mut().remove(header::CONTENT_LENGTH);
            Ok(response)
        }
    }
}
