//! The public record of a selection, made when the winner is chosen.

use super::*;
use crate::draw::{Commitment, Secret};
use crate::ids::QuoteId;

/// The public record of a selection: everything needed to recompute it. Published as JSON and
/// re-checked in the browser; deserializing accepts any claim, `verify_selection` judges it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SelectionRecord {
    pub project_code: String,
    pub method: SelectionMethod,
    /// As published with the project, before any quote was seen.
    pub commitment: Commitment,
    /// Revealed at selection.
    pub secret: Secret,
    pub quotes: Vec<EligibleQuote>,
    pub direct_choice: Option<QuoteId>,
    pub outcome: Outcome,
}

impl SelectionRecord {
    /// Selects and records. Refuses a secret that does not match the published commitment,
    /// since such a record would fail every visitor's check.
    pub fn new(
        project_code: &str,
        method: SelectionMethod,
        commitment: Commitment,
        secret: Secret,
        quotes: Vec<EligibleQuote>,
        direct_choice: Option<QuoteId>,
    ) -> Result<Self, SelectionError> {
        commitment.check(&secret)?;
        let outcome = select(method, &quotes, &secret, project_code, direct_choice)?;
        Ok(Self {
            project_code: project_code.to_owned(),
            method,
            commitment,
            secret,
            quotes,
            direct_choice,
            outcome,
        })
    }
}
