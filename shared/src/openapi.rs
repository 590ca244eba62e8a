//! Builders for the OpenAPI schemas that `#[derive(utoipa::ToSchema)]` cannot express: types
//! serialized through a conversion (`try_from`/`into`) whose JSON form has bounds or a pattern
//! that the derive has no attribute for on their kind of struct. The types implement
//! `utoipa::PartialSchema` next to their definitions, with these.

use std::ops::RangeInclusive;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A whole number within `range`, as `WorkingDays` and `Score` are written.
pub(crate) fn bounded_integer(description: &str, range: RangeInclusive<u16>, example: u16) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .description(Some(description))
        .minimum(Some(*range.start()))
        .maximum(Some(*range.end()))
        .examples([example])
        .into()
}

/// A text in one canonical form, given by `pattern`.
pub(crate) fn patterned_string(description: &str, pattern: &str, example: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(Some(pattern))
        .examples([example])
        .into()
}
