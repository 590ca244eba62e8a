//! Extractors whose every failure is an [`ApiError`]: a JSON body read up to 64 KiB and parsed
//! strictly (request types refuse unknown fields), path parameters (an id that cannot be one is
//! simply not found) and query strings.

use crate::error::ApiError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// The largest request body read.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON request body. Malformed JSON or a body of the wrong shape is a 400 naming where it
/// went wrong; the content rules come after, in the form's `parse` (422, field by field).
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let bytes =
            axum::body::to_bytes(req.into_body(), MAX_BODY_BYTES).await.map_err(|_| ApiError::TooLarge)?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses a JSON body, naming the path of the first problem (`terms.budget_cap: invalid type …`).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| malformed("", e))
}

/// The first problem a parse met, after `context`, with the path to it when there is one.
fn malformed<E: std::fmt::Display>(context: &str, e: serde_path_to_error::Error<E>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    if path.is_empty() || path == "." {
        ApiError::Malformed(format!("{context}{inner}"))
    } else {
        ApiError::Malformed(format!("{context}{path}: {inner}"))
    }
}

/// Path parameters; one that does not parse (a malformed id) names nothing that exists.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(_) => Err(ApiError::NotFound),
        }
    }
}

/// A query string, refused with the reason when it does not parse, naming the parameter.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(Query).map_err(|e| malformed("query: ", e))
    }
}

/// Paging parameters every list takes: where the previous page ended, and how many to return
/// (1–100, default 20). Lists with filters read them with a second `Query` of their own.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// The `next` of the previous page, as given.
    pub cursor: Option<String>,
    /// How many items to return: 1–100, 20 when left out.
    #[param(value_type = Option<usize>, minimum = 1, maximum = 100)]
    pub limit: Option<PageLimit>,
}

/// How many items a page holds: 1–100. Anything else is refused (400), not quietly changed, so
/// a client learns that its page is not the size it asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit(usize);

impl PageLimit {
    pub const MAX: usize = 100;
    pub const DEFAULT: usize = 20;
}

impl<'de> serde::Deserialize<'de> for PageLimit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = usize::deserialize(deserializer)?;
        if (1..=Self::MAX).contains(&n) {
            Ok(PageLimit(n))
        } else {
            Err(serde::de::Error::custom(format!("must be from 1 to {}, not {n}", Self::MAX)))
        }
    }
}

impl Paging {
    pub fn limit(&self) -> usize {
        self.limit.map_or(PageLimit::DEFAULT, |l| l.0)
    }

    pub fn cursor(&self) -> Option<crate::store::Cursor> {
        self.cursor.clone().map(crate::store::Cursor)
    }
}

/// The caller's network address, for throttling failed logins: API Gateway's source IP on
/// Lambda, the peer's address locally, `unknown` where neither is known (in-process tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        use lambda_http::request::RequestContext;
        if let Some(RequestContext::ApiGatewayV2(ctx)) = parts.extensions.get::<RequestContext>() {
            if let Some(ip) = &ctx.http.source_ip {
                return Ok(ClientAddress(ip.clone()));
            }
        }
        if let Some(axum::extract::ConnectInfo(addr)) =
            parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        {
            return Ok(ClientAddress(addr.ip().to_string()));
        }
        Ok(ClientAddress("unknown".into()))
    }
}

/// The body of a POST that carries nothing (signing a contract, accepting a delivery): empty,
/// or `{}` for clients that always send a JSON object. Anything else is malformed.
pub struct NoBody;

impl<S: Send + Sync> FromRequest<S> for NoBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Nothing {}

        let bytes =
            axum::body::to_bytes(req.into_body(), MAX_BODY_BYTES).await.map_err(|_| ApiError::TooLarge)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(NoBody);
        }
        parse_json::<Nothing>(&bytes).map(|Nothing {}| NoBody)
    }
}
