//! Progress and outcome: [`Loaded`] shows a resource loading, failed (with a retry) or ready;
//! [`Act`] runs one action at a time (a Leptos `Action`) and [`ActStatus`] says it is working,
//! then that it is done or why not.

use crate::api::ApiError;
use crate::i18n::text::Common;
use crate::i18n::{use_i18n, I18n, Tr, Translate};
use crate::ui::confirm::Confirmation;
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;

/// What went wrong, in the reader's language: the server's message, or that it could not be reached.
pub fn describe_error(i18n: I18n, error: &ApiError) -> String {
    match (error, error.server_message()) {
        (_, Some(message)) => i18n.message(message),
        (ApiError::NoSuchAddress, None) => Common::NoSuchAddress.get(i18n.locale()).to_owned(),
        (_, None) => Common::NetworkError.get(i18n.locale()).to_owned(),
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

/// How a run of an action ended.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Done, with its success message in both languages.
    Done(Tr),
    Failed(ApiError),
}

/// One action of a page (a button, a form) on Leptos's own [`Action`]: one run at a time, and
/// the action's pending state and last outcome shown by [`ActStatus`]. `I` is what a run takes
/// (the parsed form, or `()`).
pub struct Act<I: 'static> {
    action: Action<I, Outcome>,
    state: ActState,
    /// The dialog that [`Act::ask`] asks through (the shell's).
    confirmation: Option<Confirmation>,
}

impl<I> Clone for Act<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I> Copy for Act<I> {}

impl<I: Clone + 'static> Act<I> {
    /// `work` makes a run's request; `done` takes its answer, and the action says `success`.
    pub fn new<T: 'static, Fu>(
        success: impl Into<Tr>,
        work: impl Fn(I) -> Fu + 'static,
        done: impl Fn(T) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let success = success.into();
        Self::telling(move |_| success, work, done)
    }

    /// As [`Act::new`], with a success message that depends on what the run took.
    pub fn telling<T: 'static, Fu>(
        success: impl Fn(&I) -> Tr + 'static,
        work: impl Fn(I) -> Fu + 'static,
        done: impl Fn(T) + 'static,
    ) -> Self
    where
        Fu: Future<Output = Result<T, ApiError>> + 'static,
    {
        let done = Rc::new(done);
        let action = Action::new_local(move |input: &I| {
            let (success, request, done) = (success(input), work(input.clone()), done.clone());
            async move {
                match request.await {
                    Ok(value) => {
                        done(value);
                        Outcome::Done(success)
                    }
                    Err(error) => Outcome::Failed(error),
                }
            }
        });
        let state = ActState { pending: action.pending(), outcome: action.value() };
        Self { action, state, confirmation: use_context() }
    }

    /// Runs the action on `input`, unless a run is under way (a second click does nothing).
    pub fn run(self, input: I) {
        if !self.state.pending.get_untracked() {
            self.state.outcome.set(None);
            self.action.dispatch_local(input);
        }
    }

    /// Whether the action runs now (tracked): disable its button meanwhile.
    pub fn pending(self) -> bool {
        self.state.pending.get()
    }
}

/// What a status line or a form reads of an action, whatever its runs take.
#[derive(Clone, Copy)]
pub struct ActState {
    pending: Memo<bool>,
    outcome: MappedSignal<Option<Outcome>>,
}

impl<I> From<Act<I>> for ActState {
    fn from(act: Act<I>) -> Self {
        act.state
    }
}

impl ActState {
    /// The error of the last run, if it failed (tracked).
    pub fn error(self) -> Option<ApiError> {
        self.outcome.with(|o| match o {
            Some(Outcome::Failed(error)) => Some(error.clone()),
            _ => None,
        })
    }

    /// Forgets the last outcome (when the person edits the form again).
    pub fn reset(self) {
        if self.outcome.with_untracked(Option::is_some) {
            self.outcome.set(None);
        }
    }
}

/// The status line of an [`Act`]: working…, done, or why not.
#[component]
pub fn ActStatus(#[prop(into)] act: ActState) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        if act.pending.get() {
            return view! { <p class="progress" role="status" aria-live="polite">{i18n.t(Common::Working)}</p> }
                .into_any();
        }
        match act.outcome.get() {
            None => ().into_any(),
            Some(Outcome::Done(success)) => {
                view! { <p class="success" role="status" aria-live="polite">{move || success.get(i18n.locale())}</p> }
                    .into_any()
            }
            Some(Outcome::Failed(error)) => view! {
                <p class="error" role="alert">{i18n.t(Common::ActionFailed)} {describe_error(i18n, &error)}</p>
            }
            .into_any(),
        }
    }
}

impl<I: Clone + Send + Sync + 'static> Act<I> {
    /// Runs the action on `input` once the person has confirmed `act` (the button's words),
    /// having read `consequence`; at once when the page has no dialog (a test's bare mount).
    pub fn ask(self, input: I, act: impl Into<Tr>, consequence: impl Fn() -> String + Send + Sync + 'static) {
        let go = Callback::new(move |()| self.run(input.clone()));
        match self.confirmation {
            Some(confirmation) => confirmation.ask(act.into(), Signal::derive(consequence), go),
            None => go.run(()),
        }
    }
}
