//! The bidding function (`market-bidding`): what buyers and providers do to a project — drafting,
//! publishing and cancelling; quoting, questions and answers while bidding is open; the buyer's
//! direct choice; objections during publicity; the contract, the service, the delivery and the
//! evaluation. Every change goes through [`lifecycle`] (the domain decides, the change is saved
//! with its consequences) and answers with the project as the one acting may see it.

use crate::app::AppState;
use utoipa_axum::router::OpenApiRouter;

mod acting;
mod contract;
mod drafts;
mod mine;
mod quotes;
mod selection;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(mine::routes())
        .merge(drafts::routes())
        .merge(quotes::routes())
        .merge(selection::routes())
        .merge(contract::routes())
}
