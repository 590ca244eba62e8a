//! Completes the OpenAPI document the handlers' annotations make, from the one place each fact
//! lives: `security`, 401 and 403 from the access table ([`access::POLICIES`]); 400 from the
//! request's shape (a JSON body, query parameters) and the `Idempotency-Key` rules (400 for a
//! malformed key, 409 for a reused one) from [`idempotency::remembers`]. What a handler writes
//! itself is kept: its own description of an answer is more particular than these.

use super::responses::error;
use crate::access::{self, Allowed, BUYERS, PROVIDERS, SUPERVISORS};
use crate::idempotency;
use axum::http::Method;
use market_domain::project::Role;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{OpenApi, RefOr};

const NOT_SIGNED_IN: &str = "not signed in, or the access token expired";
const MALFORMED_QUERY: &str = "a query parameter is malformed (the message names it)";
const MALFORMED_KEY: &str = "a malformed Idempotency-Key (1–255 visible ASCII characters)";
const KEY_REUSED: &str =
    "the Idempotency-Key came with another request, its first request is still running, \
                          or that one's answer was lost (reload to see the result)";

/// Adds to every operation of `doc` what follows from its route's policy and shape.
pub fn complete(mut doc: OpenApi) -> OpenApi {
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            (Method::GET, &mut item.get),
            (Method::POST, &mut item.post),
            (Method::PUT, &mut item.put),
            (Method::DELETE, &mut item.delete),
            (Method::PATCH, &mut item.patch),
        ];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                complete_operation(&method, path, operation);
            }
        }
    }
    doc
}

fn complete_operation(method: &Method, path: &str, op: &mut Operation) {
    // A route missing from the table answers 403 to all; the authorization test catches it.
    let allowed = access::policy(method, path).map_or(Allowed::Only(&[]), |p| p.allowed);
    if allowed != Allowed::Anyone {
        op.security = Some(vec![SecurityRequirement::new("bearer", Vec::<String>::new())]);
        add(op, 401, NOT_SIGNED_IN);
    }
    if let Allowed::Only(roles) = allowed {
        add(op, 403, &format!("not {}", role_names(roles)));
    }
    let mut malformed = Vec::new();
    if let Some(name) = body_schema(op) {
        malformed.push(format!(
            "not JSON, or not of the shape of `{name}` (a field missing, unknown or of the wrong type)"
        ));
    }
    let queries = op.parameters.iter().flatten().any(|p| p.parameter_in == ParameterIn::Query);
    if queries {
        malformed.push(MALFORMED_QUERY.to_owned());
    }
    let remembered = idempotency::remembers(method, path);
    if remembered {
        malformed.push(MALFORMED_KEY.to_owned());
    }
    if !malformed.is_empty() {
        extend(op, 400, &malformed.join("; or "));
    }
    if remembered {
        extend(op, 409, KEY_REUSED);
    }
}

/// The schema a JSON request body names, e.g. `ProjectForm`.
fn body_schema(op: &Operation) -> Option<String> {
    let content = op.request_body.as_ref()?.content.get("application/json")?;
    match content.schema.as_ref()? {
        RefOr::Ref(r) => r.ref_location.rsplit('/').next().map(str::to_owned),
        RefOr::T(_) => Some("body of this shape".to_owned()),
    }
}

/// Adds an answer the handler does not describe itself.
fn add(op: &mut Operation, status: u16, description: &str) {
    op.responses.responses.entry(status.to_string()).or_insert_with(|| error(description));
}

/// Adds `description` to an answer's own, or the answer if there is none: a status can have
/// several causes (a 409 for a project that kept changing, and for a reused key).
fn extend(op: &mut Operation, status: u16, description: &str) {
    match op.responses.responses.get_mut(&status.to_string()) {
        Some(RefOr::T(response)) if !response.description.is_empty() => {
            response.description = format!("{}; or {description}", response.description);
        }
        Some(RefOr::T(response)) => response.description = description.to_owned(),
        _ => add(op, status, description),
    }
}

/// "a buyer (an enterprise or a department)", "a provider", "a supervisor" — as the 403 says.
fn role_names(roles: &[Role]) -> String {
    match roles {
        r if r == BUYERS => "a buyer (an enterprise or a department)".to_owned(),
        r if r == PROVIDERS => "a provider".to_owned(),
        r if r == SUPERVISORS => "a supervisor".to_owned(),
        [] => "allowed to anyone (a route without a policy)".to_owned(),
        r => r.iter().map(|role| format!("{role:?}").to_lowercase()).collect::<Vec<_>>().join(" or "),
    }
}
