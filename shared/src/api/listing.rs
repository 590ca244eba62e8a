//! The public listing of projects, as typed values: its filters and order, read from the query
//! the API receives (the functions), written into the query the browser sends, and the rule that
//! says which summaries a filter admits — one definition for both sides.

use crate::catalogue::ServiceItemCode;
use crate::project::{ProjectState, ProjectSummary};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Who pays for a project, as the listing filters it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FundingKind {
    /// From the enterprise's own funds.
    Enterprise,
    /// From a department's budget line (publicly funded).
    Department,
}

/// The order of the project listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListingSort {
    /// The most recently published first.
    #[default]
    Newest,
    /// The soonest close of bidding first: open (published) projects only.
    Closing,
}

/// The listing's filters and order. `Closing` lists only open projects, so [`ProjectListing::parse`]
/// gives it the state `Published`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectListing {
    pub sort: ListingSort,
    pub state: Option<ProjectState>,
    pub item: Option<ServiceItemCode>,
    pub funding: Option<FundingKind>,
    /// Text the title, the code or the buyer's name contains, in any case; trimmed, never empty.
    pub text: Option<String>,
}

/// The query parameters of the listing as received, each `None` when absent.
#[derive(Clone, Copy, Debug, Default)]
pub struct ListingQuery<'a> {
    pub state: Option<&'a str>,
    pub item: Option<&'a str>,
    pub funding: Option<&'a str>,
    pub q: Option<&'a str>,
    pub sort: Option<&'a str>,
}

/// A listing query refused: the message names the parameter (`state: unknown variant …`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ListingError(pub String);

impl ProjectListing {
    /// Reads the query's parameters, each refused by name when it is none of the values allowed.
    pub fn parse(query: ListingQuery<'_>) -> Result<Self, ListingError> {
        let state = query.state.map(|s| parameter("state", s)).transpose()?;
        let item = query.item.map(item).transpose()?;
        let funding = query.funding.map(|f| parameter("funding", f)).transpose()?;
        let sort = query.sort.map(|s| parameter("sort", s)).transpose()?.unwrap_or_default();
        let state = match (sort, state) {
            (ListingSort::Newest, state) => state,
            (ListingSort::Closing, None | Some(ProjectState::Published)) => Some(ProjectState::Published),
            (ListingSort::Closing, Some(_)) => {
                return Err(ListingError(
                    "sort: `closing` lists only projects open for quotes (state `published`)".into(),
                ))
            }
        };
        Ok(Self { sort, state, item, funding, text: text(query.q) })
    }

    /// Whether `summary` passes the filters (the order is the store's to keep).
    pub fn admits(&self, summary: &ProjectSummary) -> bool {
        let text = self.text.as_deref().map(str::to_lowercase);
        self.state.is_none_or(|state| summary.state == state)
            && self.item.as_ref().is_none_or(|item| &summary.item == item)
            && self.funding.is_none_or(|f| summary.publicly_funded == (f == FundingKind::Department))
            && text.is_none_or(|text| {
                summary.title.as_str().to_lowercase().contains(&text)
                    || summary.code.to_string().to_lowercase().contains(&text)
                    || summary.buyer_name.as_ref().is_some_and(|n| n.as_str().to_lowercase().contains(&text))
            })
    }

    /// The query parameters that ask for this listing, as [`ProjectListing::parse`] reads them
    /// back; the defaults are left out.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(state) = self.state {
            pairs.push(("state", word(&state)));
        }
        if let Some(item) = &self.item {
            pairs.push(("item", item.to_string()));
        }
        if let Some(funding) = self.funding {
            pairs.push(("funding", word(&funding)));
        }
        if let Some(text) = &self.text {
            pairs.push(("q", text.clone()));
        }
        if self.sort != ListingSort::default() {
            pairs.push(("sort", word(&self.sort)));
        }
        pairs
    }
}

/// The `item` parameter of a listing (of projects or of providers): a service item's code.
pub fn item(value: &str) -> Result<ServiceItemCode, ListingError> {
    ServiceItemCode::parse(value.trim()).map_err(|e| ListingError(format!("item: {e}")))
}

/// The listing's search text: trimmed, `None` when nothing is left.
pub fn text(q: Option<&str>) -> Option<String> {
    q.map(str::trim).filter(|q| !q.is_empty()).map(str::to_owned)
}

/// A query parameter read as the JSON string it would be (`state=bidding_closed`).
fn parameter<T: DeserializeOwned>(name: &str, value: &str) -> Result<T, ListingError> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_owned()))
        .map_err(|e| ListingError(format!("{name}: {e}")))
}

/// A unit variant's wire name (`bidding_closed`).
fn word(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => word,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn query<'a>(pairs: &'a [(&'static str, String)]) -> ListingQuery<'a> {
        let get = |name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
        ListingQuery {
            state: get("state"),
            item: get("item"),
            funding: get("funding"),
            q: get("q"),
            sort: get("sort"),
        }
    }

    #[test]
    fn a_listing_reads_back_from_its_query() {
        let listing = ProjectListing {
            sort: ListingSort::Newest,
            state: Some(ProjectState::BiddingClosed),
            item: Some(ServiceItemCode::parse("HP-001").unwrap()),
            funding: Some(FundingKind::Department),
            text: Some("环评".into()),
        };
        let pairs = listing.query_pairs();
        assert!(pairs.contains(&("state", "bidding_closed".into())), "{pairs:?}");
        assert!(pairs.contains(&("funding", "department".into())), "{pairs:?}");
        assert_eq!(ProjectListing::parse(query(&pairs)), Ok(listing));
        assert_eq!(ProjectListing::default().query_pairs(), vec![]);
    }

    #[test]
    fn closing_lists_only_open_projects() {
        let closing =
            ProjectListing::parse(ListingQuery { sort: Some("closing"), ..Default::default() }).unwrap();
        assert_eq!(closing.state, Some(ProjectState::Published));
        let refused = ProjectListing::parse(ListingQuery {
            sort: Some("closing"),
            state: Some("accepted"),
            ..Default::default()
        });
        assert_eq!(
            refused.unwrap_err().0,
            "sort: `closing` lists only projects open for quotes (state `published`)"
        );
    }

    #[test]
    fn a_bad_parameter_is_refused_by_name() {
        for (name, q) in [
            ("state", ListingQuery { state: Some("open"), ..Default::default() }),
            ("funding", ListingQuery { funding: Some("state"), ..Default::default() }),
            ("sort", ListingQuery { sort: Some("oldest"), ..Default::default() }),
            ("item", ListingQuery { item: Some("no code"), ..Default::default() }),
        ] {
            let message = ProjectListing::parse(q).unwrap_err().0;
            assert!(message.starts_with(&format!("{name}: ")), "{message}");
        }
        assert_eq!(
            ProjectListing::parse(ListingQuery { q: Some("  "), ..Default::default() }).unwrap().text,
            None
        );
    }

    #[test]
    fn the_filters_admit_what_they_name() {
        let summary = fixtures::summary(7, fixtures::monday());
        assert!(ProjectListing::default().admits(&summary));
        let by_state = |state| ProjectListing { state: Some(state), ..Default::default() };
        assert!(by_state(summary.state).admits(&summary));
        assert!(!by_state(ProjectState::Accepted).admits(&summary));
        let funded = |funding| ProjectListing { funding: Some(funding), ..Default::default() };
        let expected =
            if summary.publicly_funded { FundingKind::Department } else { FundingKind::Enterprise };
        assert!(funded(expected).admits(&summary));
        assert!(!funded(if summary.publicly_funded {
            FundingKind::Enterprise
        } else {
            FundingKind::Department
        })
        .admits(&summary));
        let text = |t: &str| ProjectListing { text: Some(t.into()), ..Default::default() };
        let code = summary.code.to_string();
        assert!(text(&code.to_lowercase()).admits(&summary));
        assert!(text("环评").admits(&summary), "the title is 环评");
        assert!(!text("无此文字的标题").admits(&summary));
    }
}
