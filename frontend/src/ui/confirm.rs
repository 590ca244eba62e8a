//! Asking before an act that cannot be undone (publishing, quoting, approving, blacklisting,
//! accepting …): one modal dialog for the whole app, the platform's own `<dialog>` (focus stays
//! in it, Esc goes back), that names the act and says what it will do. An `Act` asks through
//! `Act::ask`; nothing is sent until the person confirms.

use crate::i18n::text::Common;
use crate::i18n::{use_i18n, Tr};
use leptos::html;
use leptos::prelude::*;

/// The act awaiting confirmation: its name (the words of its button), what it will do, and
/// what runs on "yes".
#[derive(Clone)]
struct Question {
    act: Tr,
    consequence: Signal<String>,
    go: Callback<()>,
}

/// The app's one confirmation dialog, as the acts see it.
#[derive(Clone, Copy)]
pub struct Confirmation(RwSignal<Option<Question>>);

impl Confirmation {
    /// Asks before `go`: the dialog names the act and says what it will do.
    pub fn ask(self, act: Tr, consequence: Signal<String>, go: Callback<()>) {
        self.0.set(Some(Question { act, consequence, go }));
    }
}

/// The dialog, mounted once in the shell; provides the [`Confirmation`] the acts ask through.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let i18n = use_i18n();
    let question = RwSignal::new(None::<Question>);
    provide_context(Confirmation(question));
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match question.with(Option::is_some) {
            true if !dialog.open() => drop(dialog.show_modal()),
            false if dialog.open() => dialog.close(),
            _ => {}
        }
    });
    let answer = move |yes: bool| {
        if let Some(q) = question.get_untracked() {
            question.set(None);
            if yes {
                q.go.run(());
            }
        }
    };
    let act = move || question.with(|q| q.as_ref().map(|q| q.act.get(i18n.locale())).unwrap_or_default());
    let consequence = move || question.with(|q| q.as_ref().map(|q| q.consequence.get()).unwrap_or_default());
    view! {
        <dialog
            node_ref=dialog
            class="confirm"
            data-testid="confirm-dialog"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-consequence"
            // Esc, or the dialog closed any other way: nothing happens.
            on:close=move |_| answer(false)
        >
            <h2 id="confirm-title">{i18n.t(Common::ConfirmTitle)}</h2>
            <p id="confirm-consequence">{consequence}</p>
            <div class="confirm-buttons">
                <button type="button" class="secondary" data-testid="confirm-back" autofocus on:click=move |_| answer(false)>
                    {i18n.t(Common::ConfirmBack)}
                </button>
                <button type="button" class="primary" data-testid="confirm-go" on:click=move |_| answer(true)>
                    {act}
                </button>
            </div>
        </dialog>
    }
}
