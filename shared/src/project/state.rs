//! Who acts on a project and where a project stands: the words the project's rules, its
//! violations and its views all speak in.

use crate::locale::Term;
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

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Enterprise, Role::Department, Role::Provider, Role::Supervisor, Role::System];

    /// The role's name (the glossary's).
    pub fn term(self) -> Term {
        match self {
            Role::Enterprise => Term::new("项目业主", "Enterprise"),
            Role::Department => Term::new("审批部门", "Department"),
            Role::Provider => Term::new("中介机构", "Provider"),
            Role::Supervisor => Term::new("监管部门", "Supervisor"),
            Role::System => Term::new("平台", "Platform"),
        }
    }
}

impl ProjectState {
    pub const ALL: [ProjectState; 11] = [
        ProjectState::Draft,
        ProjectState::Published,
        ProjectState::BiddingClosed,
        ProjectState::Selected,
        ProjectState::Contracted,
        ProjectState::InService,
        ProjectState::Delivered,
        ProjectState::Accepted,
        ProjectState::Rated,
        ProjectState::Cancelled,
        ProjectState::Failed,
    ];

    /// The state's name, as badges, messages and filters show it (the glossary's words: the
    /// provider delivers its result, 服务成果; the buyer accepts it, 确认).
    pub fn term(self) -> Term {
        match self {
            ProjectState::Draft => Term::new("草稿", "Draft"),
            ProjectState::Published => Term::new("报名中", "Open for quotes"),
            ProjectState::BiddingClosed => Term::new("报名截止", "Bidding closed"),
            ProjectState::Selected => Term::new("已选取（公示中）", "Selected (publicity period)"),
            ProjectState::Contracted => Term::new("已签约", "Contracted"),
            ProjectState::InService => Term::new("服务中", "In service"),
            ProjectState::Delivered => Term::new("已提交成果", "Result delivered"),
            ProjectState::Accepted => Term::new("已确认", "Accepted"),
            ProjectState::Rated => Term::new("已评价", "Rated"),
            ProjectState::Cancelled => Term::new("已取消", "Cancelled"),
            ProjectState::Failed => Term::new("流标", "Failed (too few quotes)"),
        }
    }
}
