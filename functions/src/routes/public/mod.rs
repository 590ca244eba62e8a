//! The public read-only function (`market-public`): the catalogue and the API's own description
//! ([`meta`]), everything published about [`projects`] and [`providers`], [`statistics`], the
//! inspections' public record and the OCDS feed. Reading a project whose
//! bid window has ended closes it first (see [`crate::lifecycle::settle`]), so no page ever shows
//! a closed window as open, whether or not the scheduler has run. What of a project each reader
//! may see is decided in [`crate::access`] alone.

use crate::app::AppState;
use utoipa_axum::router::OpenApiRouter;

mod meta;
mod projects;
mod providers;
mod statistics;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(meta::routes())
        .merge(projects::routes())
        .merge(providers::routes())
        .merge(statistics::routes())
        .merge(super::inspections::public_routes())
        .merge(super::ocds::routes())
}
