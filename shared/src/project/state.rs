//! Who acts on a project and where a project stands: the words the project's rules, its
//! violations and its views all speak in.

use serde::{Deserialize, Serialize};

/// What someone acting on the marketplace is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Enterprise,
    Department,
    Provider,
    Supervisor,
    /// The platform itself: time-driven changes such as closing the bid window.
    System,
}

/// Where a project stands in its life, from draft to rating (or cancellation, or 流标).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProjectState {
    Draft,
    Published,
    BiddingClosed,
    /// A winner is chosen and the publicity period runs.
    Selected,
    Contracted,
    InService,
    Delivered,
    Accepted,
    Rated,
    Cancelled,
    /// 流标: too few eligible quotes.
    Failed,
}
