//! Why the demo data could not be loaded.

use crate::error::ApiError;
use crate::repo::RepoError;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The demo's own plan does not hold together (a defect of this module).
    #[error("demo data: {0}")]
    Plan(String),
    /// A step of a project's story was refused.
    #[error("demo data, project {story} «{title}», step {step}: {source}")]
    Step { story: usize, title: String, step: String, source: ApiError },
    #[error("demo data: {0}")]
    Repo(#[from] RepoError),
}
