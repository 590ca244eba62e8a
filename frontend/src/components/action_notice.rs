//! What the last action on a need's page achieved. Each panel answers the changed project through
//! its `on_change` with [`changed`], which also keeps the action's success (and what it was
//! about) in the page's [`ActionNotice`]: the panel is rebuilt for the changed project, and its
//! own status line goes with it.

use crate::i18n::{use_i18n, Tr};
use leptos::prelude::*;
use market_domain::api::ProjectView;
use uuid::Uuid;

/// What the last action on the page achieved, shown above the rebuilt panel, and what it was
/// about (the objection decided), for the rebuilt panel to show what followed.
#[derive(Clone, Copy)]
pub struct ActionNotice {
    text: RwSignal<Option<Tr>>,
    about: RwSignal<Option<Uuid>>,
}

/// A notice for one need's page, for its panels to report to.
pub fn provide_action_notice() {
    provide_context(ActionNotice { text: RwSignal::new(None), about: RwSignal::new(None) });
}

/// Hands the changed project to the page, keeping `success` as the page's notice.
pub fn changed(on_change: Callback<ProjectView>, success: impl Into<Tr>) -> impl Fn(ProjectView) + 'static {
    changed_about(on_change, success, None)
}

/// As [`changed`], noting what the action was about.
pub fn changed_about(
    on_change: Callback<ProjectView>,
    success: impl Into<Tr>,
    about: Option<Uuid>,
) -> impl Fn(ProjectView) + 'static {
    let notice = use_context::<ActionNotice>();
    let success = success.into();
    move |view: ProjectView| {
        if let Some(notice) = notice {
            notice.text.set(Some(success));
            notice.about.set(about);
        }
        on_change.run(view);
    }
}

/// What the page's last action was about, if it noted it (not tracked: read as a panel is built).
pub fn last_about() -> Option<Uuid> {
    use_context::<ActionNotice>().and_then(|notice| notice.about.get_untracked())
}

/// The page's notice line (empty until an action succeeds).
#[component]
pub fn ActionNoticeLine() -> impl IntoView {
    let i18n = use_i18n();
    let notice = expect_context::<ActionNotice>();
    move || {
        notice.text.get().map(|text| {
            view! { <p class="success" role="status" data-testid="action-notice">{move || text.get(i18n.locale())}</p> }
        })
    }
}
