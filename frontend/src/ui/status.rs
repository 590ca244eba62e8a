//! Progress and outcome: [`Loaded`] shows a resource loading, failed (with a retry) or ready;
//! [`Act`] runs one action at a time and [`ActStatus`] says it is working, then that it is done
//! or why not.

use crate::api::ApiError;
use crate::i18n::text::Common;
use crate::i18n::{use_i18n, I18n, Tr, Translate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// What went wrong, in the reader's language: the server's message, or that it could not be reached.
pub fn describe_error(i18n: I18n, error: &ApiError) -> String {
    match error.server_message() {
        Some(message) => message.to_owned(),
        None => Common::NetworkError.get(i18n.locale()).to_owned(),
    }
}

/// Shows `view(value)` once `resource` has loaded; a progress note before, the error and a
/// retry button if it failed.
#[component]
pub fn Loaded<T, F, V>(resource: LocalResource<Result<T, ApiError>>, view: F) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Boxed, so the page's view is compiled in its own closure, not into each `Loaded`.
    let view: Box<dyn Fn(T) -> AnyView + Send + Sync> = Box::new(move |value| view(value).into_any());
    move || match resource.get() {
        None => loading(),
        Some(Err(error)) => load_failed(&error, Callback::new(move |()| resource.refetch())),
        Some(Ok(value)) => view(value),
    }
}

/// The progress note of a load (kept out of the generic [`Loaded`], so it is compiled once).
fn loading() -> AnyView {
    let i18n = use_i18n();
    view! { <p class="progress" role="status" aria-live="polite">{i18n.t(Common::Loading)}</p> }.into_any()
}

/// A failed load with its retry button.
fn load_failed(error: &ApiError, retry: Callback<()>) -> AnyView {
    let i18n = use_i18n();
    view! {
        <div class="error" role="alert">
            <p>{i18n.t(Common::LoadFailed)} {describe_error(i18n, error)}</p>
            <button type="button" on:click=move |_| retry.run(())>{i18n.t(Common::Retry)}</button>
        </div>
    }
    .into_any()
}

#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Done, with its success message in both languages.
    Done(&'static str, &'static str),
    Failed(ApiError),
}

/// One action at a time (a button, a form): whether it runs, and how it ended.
#[derive(Clone, Copy)]
pub struct Act {
    pending: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
}

impl Default for Act {
    fn default() -> Self {
        Self::new()
    }
}

impl Act {
    pub fn new() -> Self {
        Self { pending: RwSignal::new(false), outcome: RwSignal::new(None) }
    }

    /// Whether the action runs now (tracked): disable its button meanwhile.
    pub fn pending(self) -> bool {
        self.pending.get()
    }

    /// The error of the last run, if it failed (tracked).
    pub fn error(self) -> Option<ApiError> {
        self.outcome.with(|o| match o {
            Some(Outcome::Failed(error)) => Some(error.clone()),
            _ => None,
        })
    }

    /// Runs `work` unless a run is under way; then calls `done` with its value and says
    /// `success`, or keeps the error to show.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, ApiError>> + 'static,
        success: impl Into<Tr>,
        done: impl FnOnce(T) + 'static,
    ) {
        let success: Tr = success.into();
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        self.outcome.set(None);
        spawn_local(async move {
            let result = work.await;
            self.pending.set(false);
            match result {
                Ok(value) => {
                    self.outcome.set(Some(Outcome::Done(
                        success.get(market_domain::Locale::Zh),
                        success.get(market_domain::Locale::En),
                    )));
                    done(value);
                }
                Err(error) => self.outcome.set(Some(Outcome::Failed(error))),
            }
        });
    }

    /// Forgets the last outcome (when the person edits the form again).
    pub fn reset(self) {
        self.outcome.set(None);
    }
}

/// The status line of an [`Act`]: working…, done, or why not.
#[component]
pub fn ActStatus(act: Act) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        if act.pending.get() {
            return view! { <p class="progress" role="status" aria-live="polite">{i18n.t(Common::Working)}</p> }
                .into_any();
        }
        match act.outcome.get() {
            None => ().into_any(),
            Some(Outcome::Done(zh, en)) => {
                let text = move || if i18n.locale() == market_domain::Locale::Zh { zh } else { en };
                view! { <p class="success" role="status" aria-live="polite">{text}</p> }.into_any()
            }
            Some(Outcome::Failed(error)) => view! {
                <p class="error" role="alert">{i18n.t(Common::ActionFailed)} {describe_error(i18n, &error)}</p>
            }
            .into_any(),
        }
    }
}
