//! Paging through a list the API answers in pages (`next` cursors): the cursors of the pages
//! seen are kept so "previous" goes back without the server keeping state.

use crate::i18n::text::Common;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Where a paged list is: the cursor of each page seen, the current one last.
#[derive(Clone, Copy)]
pub struct Cursors(RwSignal<Vec<Option<String>>>);

impl Default for Cursors {
    fn default() -> Self {
        Self::new()
    }
}

impl Cursors {
    pub fn new() -> Self {
        Self(RwSignal::new(vec![None]))
    }

    /// The cursor of the current page (tracked): `None` for the first.
    pub fn current(self) -> Option<String> {
        self.0.with(|c| c.last().cloned().flatten())
    }

    /// The page number, from 1 (tracked).
    pub fn number(self) -> usize {
        self.0.with(Vec::len)
    }

    pub fn forward(self, next: String) {
        self.0.update(|c| c.push(Some(next)));
    }

    pub fn back(self) {
        self.0.update(|c| {
            if c.len() > 1 {
                c.pop();
            }
        });
    }

    /// Back to the first page (when a filter changes).
    pub fn reset(self) {
        self.0.set(vec![None]);
    }
}

/// Previous / next buttons for a paged list; `next` is the cursor of the page after this one.
#[component]
pub fn Pager(cursors: Cursors, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let has_next = next.is_some();
    view! {
        <nav class="pager" aria-label=i18n.t(Common::NextPage)>
            <button type="button" disabled=move || cursors.number() <= 1 on:click=move |_| cursors.back()>
                {i18n.t(Common::PreviousPage)}
            </button>
            <span class="page-number" aria-live="polite">{move || cursors.number()}</span>
            <button
                type="button"
                disabled=!has_next
                on:click=move |_| {
                    if let Some(next) = next.clone() {
                        cursors.forward(next);
                    }
                }
            >
                {i18n.t(Common::NextPage)}
            </button>
        </nav>
    }
}
