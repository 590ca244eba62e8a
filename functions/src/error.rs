//! The API's one error type. Every failure a handler can meet is an [`ApiError`]; each maps to
//! a status code and renders as `{code, message, fields, request_id}` with the message in the
//! reader's language (`Accept-Language`, Chinese by default). Rendering happens in one
//! middleware ([`render_errors`]) because only there are the request's language and id known;
//! it also dresses axum's own plain-text failures (405, 413 …) the same way.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use market_domain::api::{BilingualError, ErrorBody, FieldErrors, Message};
use market_domain::project::RuleViolation;
use market_domain::{Explain, Locale};

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// The request is not what the endpoint reads (not JSON, wrong shape, unknown fields).
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("not signed in, or the sign-in has expired")]
    Unauthorized,
    /// A sign-in whose email and password do not match an account (which of the two is not
    /// said: that would tell who has an account).
    #[error("the email or the password is not right")]
    WrongCredentials,
    #[error("not allowed")]
    Forbidden,
    #[error("no such resource")]
    NotFound,
    /// Someone else changed the record first.
    #[error("the record changed meanwhile")]
    Conflict,
    #[error("already exists: {0}")]
    Duplicate(&'static str),
    /// The same `Idempotency-Key` came again, and its first request cannot answer for it.
    #[error("idempotency key reused: {0}")]
    IdempotencyKey(KeyReuse),
    /// Fields that do not parse.
    #[error("invalid fields")]
    Invalid(FieldErrors),
    /// A rule of the marketplace forbids it.
    #[error("rule violation: {0}")]
    Rule(RuleViolation),
    #[error("the request body is larger than 64 KiB")]
    TooLarge,
    #[error("too many failed attempts; retry after {retry_after_seconds} s")]
    Throttled { retry_after_seconds: u64 },
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The store failed: details go to the log, never to the client.
    #[error("the service is unavailable")]
    Unavailable,
    /// A bug: logged where it happened, never shown.
    #[error("internal error")]
    Internal,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized | ApiError::WrongCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict | ApiError::Duplicate(_) | ApiError::IdempotencyKey(_) => StatusCode::CONFLICT,
            ApiError::Invalid(_) | ApiError::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Malformed(_) => "malformed",
            ApiError::Unauthorized | ApiError::WrongCredentials => "unauthorized",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not_found",
            ApiError::Conflict => "conflict",
            ApiError::Duplicate(_) => "duplicate",
            ApiError::IdempotencyKey(_) => "idempotency_key_reused",
            ApiError::Invalid(_) => "invalid",
            ApiError::Rule(_) => "rule_violation",
            ApiError::TooLarge => "too_large",
            ApiError::Throttled { .. } => "throttled",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::Unavailable => "unavailable",
            ApiError::Internal => "internal",
        }
    }

    /// The error for a failure status that did not come from a handler (axum's own).
    fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::BAD_REQUEST | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                ApiError::Malformed(status.canonical_reason().unwrap_or("bad request").into())
            }
            StatusCode::UNAUTHORIZED => ApiError::Unauthorized,
            StatusCode::FORBIDDEN => ApiError::Forbidden,
            StatusCode::NOT_FOUND => ApiError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
            s if s.is_server_error() => ApiError::Internal,
            _ => ApiError::Malformed(status.to_string()),
        }
    }

    /// The messages of each bad field, in both languages.
    fn fields(&self) -> FieldErrors {
        match self {
            ApiError::Invalid(fields) => fields.clone(),
            ApiError::Rule(v) => match v.field() {
                Some(field) => FieldErrors::single(field, v),
                None => FieldErrors::new(),
            },
            _ => FieldErrors::new(),
        }
    }
}

impl Explain for ApiError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (ApiError::Rule(v), _) => v.explain(locale),
            (ApiError::Malformed(detail), Locale::Zh) => format!("请求格式不正确：{detail}"),
            (ApiError::Malformed(detail), Locale::En) => format!("The request is malformed: {detail}"),
            (ApiError::Unauthorized, Locale::Zh) => "请先登录，或登录已过期".into(),
            (ApiError::Unauthorized, Locale::En) => "Please sign in; your sign-in may have expired".into(),
            (ApiError::WrongCredentials, Locale::Zh) => "邮箱或密码不正确".into(),
            (ApiError::WrongCredentials, Locale::En) => "The email or the password is not right".into(),
            (ApiError::Forbidden, Locale::Zh) => "您无权执行此操作".into(),
            (ApiError::Forbidden, Locale::En) => "You are not allowed to do this".into(),
            (ApiError::NotFound, Locale::Zh) => "没有找到该资源".into(),
            (ApiError::NotFound, Locale::En) => "No such resource".into(),
            (ApiError::Conflict, Locale::Zh) => "该记录已被他人修改，请刷新后重试".into(),
            (ApiError::Conflict, Locale::En) => {
                "Someone else changed this record meanwhile; reload and try again".into()
            }
            (ApiError::Duplicate(what), Locale::Zh) => format!("已存在（{}）", duplicate_zh(what)),
            (ApiError::Duplicate(what), Locale::En) => format!("Already exists: {what}"),
            (ApiError::IdempotencyKey(why), Locale::Zh) => {
                format!("幂等键已被使用：{}", why.explain(Locale::Zh))
            }
            (ApiError::IdempotencyKey(why), Locale::En) => {
                format!("The Idempotency-Key was used: {}", why.explain(Locale::En))
            }
            (ApiError::Invalid(_), Locale::Zh) => "请检查标出的字段".into(),
            (ApiError::Invalid(_), Locale::En) => "Please check the marked fields".into(),
            (ApiError::TooLarge, Locale::Zh) => "请求内容超过 64 KiB".into(),
            (ApiError::TooLarge, Locale::En) => "The request body is larger than 64 KiB".into(),
            (ApiError::Throttled { retry_after_seconds }, Locale::Zh) => {
                format!("失败次数过多，请 {} 分钟后再试", retry_after_seconds.div_ceil(60))
            }
            (ApiError::Throttled { retry_after_seconds }, Locale::En) => {
                format!("Too many failed attempts; try again in {} min", retry_after_seconds.div_ceil(60))
            }
            (ApiError::MethodNotAllowed, Locale::Zh) => "该地址不支持此请求方法".into(),
            (ApiError::MethodNotAllowed, Locale::En) => "This method is not allowed here".into(),
            (ApiError::Unavailable, Locale::Zh) => "服务暂时不可用，请稍后再试".into(),
            (ApiError::Unavailable, Locale::En) => {
                "The service is unavailable; please try again later".into()
            }
            (ApiError::Internal, Locale::Zh) => "服务器内部错误，已记录".into(),
            (ApiError::Internal, Locale::En) => "Internal error; it has been logged".into(),
        }
    }
}

fn duplicate_zh(what: &str) -> &'static str {
    match what {
        "email" => "该邮箱已注册",
        "organisation" => "该机构已注册",
        "live quote of this provider" => "该机构在本项目已有有效报价",
        _ => "重复的记录",
    }
}

/// Why a request's `Idempotency-Key` cannot be run again, nor answered from its first request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyReuse {
    #[error("it came with a different request")]
    DifferentRequest,
    #[error("the first request with it is still running")]
    StillRunning,
    #[error("the first request with it was carried out, but its answer was lost; reload to see the result")]
    AnswerLost,
}

impl Explain for KeyReuse {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::DifferentRequest, Locale::Zh) => "它曾随另一个请求提交".into(),
            (Self::StillRunning, Locale::Zh) => "使用它的第一个请求仍在处理中".into(),
            (Self::AnswerLost, Locale::Zh) => "使用它的第一个请求已执行，但结果未能返回；请刷新查看".into(),
            (_, Locale::En) => self.to_string(),
        }
    }
}

impl From<crate::repo::RepoError> for ApiError {
    fn from(e: crate::repo::RepoError) -> Self {
        use crate::repo::RepoError;
        match e {
            RepoError::Conflict => ApiError::Conflict,
            RepoError::Duplicate(what) => ApiError::Duplicate(what),
            // A cursor is the client's to pass back unchanged: a bad one is its mistake.
            RepoError::Store(crate::store::StoreError::InvalidCursor) => {
                ApiError::Malformed("cursor: not a cursor this list gave".into())
            }
            RepoError::Corrupt { .. } | RepoError::Store(_) => {
                tracing::error!(error = %e, "store failure");
                ApiError::Unavailable
            }
        }
    }
}

impl From<RuleViolation> for ApiError {
    fn from(v: RuleViolation) -> Self {
        ApiError::Rule(v)
    }
}

impl From<FieldErrors> for ApiError {
    fn from(fields: FieldErrors) -> Self {
        ApiError::Invalid(fields)
    }
}

/// The error travels to [`render_errors`] in the response's extensions.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        if let ApiError::Throttled { retry_after_seconds } = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The reader's language from `Accept-Language`: the most preferred of Chinese and English,
/// Chinese when neither is asked for.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else {
        return Locale::Zh;
    };
    let mut ranked: Vec<(f32, Locale)> = value
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let locale = pieces.next()?.trim().parse::<Locale>().ok()?;
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            Some((q, locale))
        })
        .collect();
    // Stable: among equal weights the first named wins.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map_or(Locale::Zh, |(_, l)| *l)
}

/// Renders every error response of the API as JSON in the reader's language, with the request
/// id — the one place that happens.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let locale = locale_of(request.headers());
    let request_id =
        request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = match response.extensions().get::<ApiError>() {
        Some(e) => e.clone(),
        None if is_json(response.headers()) => return response,
        None => ApiError::from_status(status),
    };
    let fields = error.fields();
    let body = ErrorBody {
        code: error.code().to_owned(),
        message: error.explain(locale),
        fields: fields.render(locale),
        bilingual: BilingualError { message: Message::of(&error), fields },
        request_id,
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.tag()));
    let json = serde_json::to_vec(&body).expect("an error body serializes");
    Response::from_parts(parts, Body::from(json))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("json"))
}

/// An onboarding decision the provider's status does not allow (or one without its reason):
/// 422 under the field it is about.
impl From<market_domain::organisation::OnboardingError> for ApiError {
    fn from(e: market_domain::organisation::OnboardingError) -> Self {
        ApiError::Invalid(FieldErrors::single(e.field(), &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_str(accept).unwrap());
        h
    }

    #[test]
    fn the_language_follows_accept_language_and_defaults_to_chinese() {
        assert_eq!(locale_of(&HeaderMap::new()), Locale::Zh);
        assert_eq!(locale_of(&headers("en-GB,en;q=0.9")), Locale::En);
        assert_eq!(locale_of(&headers("fr, en;q=0.5, zh;q=0.8")), Locale::Zh);
        assert_eq!(locale_of(&headers("zh-CN;q=0.3, en;q=0.7")), Locale::En);
        assert_eq!(locale_of(&headers("de")), Locale::Zh);
    }

    #[test]
    fn each_error_has_its_status_and_a_message_in_both_languages() {
        let e = ApiError::Throttled { retry_after_seconds: 61 };
        assert_eq!(e.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(e.explain(Locale::Zh), "失败次数过多，请 2 分钟后再试");
        assert_eq!(e.explain(Locale::En), "Too many failed attempts; try again in 2 min");
        let rule = ApiError::Rule(RuleViolation::BidWindowTooShort { minimum: 3 });
        assert_eq!(rule.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(rule.fields().fields().collect::<Vec<_>>(), ["bid_window"]);
    }
}
