//! The answers many routes share, named once: a handler's annotation lists its success answer,
//! what is particular to it, and one of these sets (`responses((status = 200, …), ProjectChange)`).
//! What follows from the access table and the request's shape — `security`, 401, 403, 400 for a
//! malformed body or query, the `Idempotency-Key` rules — is added to the document by
//! [`super::doc`], not written here.

use std::collections::BTreeMap;
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};
use utoipa::IntoResponses;

/// An error answer: `description`, with the error body every error carries.
pub(super) fn error(description: &str) -> RefOr<Response> {
    let body =
        ContentBuilder::new().schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody"))).build();
    ResponseBuilder::new().description(description).content("application/json", body).build().into()
}

fn set(answers: &[(u16, &str)]) -> BTreeMap<String, RefOr<Response>> {
    answers.iter().map(|(status, description)| (status.to_string(), error(description))).collect()
}

const NO_PROJECT: &str = "no such project, or another buyer's draft";
const PROJECT_CHANGED: &str = "changed by someone else meanwhile";
const NO_PROVIDER: &str = "no such provider";
const PROVIDER_CHANGED: &str = "the provider changed meanwhile";

/// Reading one project (drafts are found by their buyer alone).
pub struct ProjectRead;

impl IntoResponses for ProjectRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(404, NO_PROJECT)])
    }
}

/// Changing one project through the lifecycle: it may be missing, or keep changing while the
/// change is decided again.
pub struct ProjectChange;

impl IntoResponses for ProjectChange {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(404, NO_PROJECT), (409, PROJECT_CHANGED)])
    }
}

/// Reading one provider.
pub struct ProviderRead;

impl IntoResponses for ProviderRead {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(404, NO_PROVIDER)])
    }
}

/// Changing one provider's registration or record.
pub struct ProviderChange;

impl IntoResponses for ProviderChange {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(404, NO_PROVIDER), (409, PROVIDER_CHANGED)])
    }
}

/// A POST that takes no body ([`crate::extract::NoBody`]): nothing, or `{}`.
pub struct NoBodyAllowed;

impl IntoResponses for NoBodyAllowed {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        set(&[(400, "a body other than nothing or {}")])
    }
}
