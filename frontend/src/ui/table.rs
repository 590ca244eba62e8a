//! Tables of records: a labelled region that scrolls sideways on a narrow screen and can be
//! scrolled with the keyboard (never squeezing a column below a few characters), a header row of column headings, and the rows given.

use crate::i18n::{use_i18n, Tr};
use leptos::prelude::*;

/// `children` are the table's rows (`<tr>`s); `label` names the region for screen readers.
#[component]
pub fn DataTable(
    #[prop(into)] label: Tr,
    columns: Vec<Tr>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] testid: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    // The stylesheet keeps each column readable on a phone (the region scrolls sideways instead).
    let style = format!("--columns: {}", columns.len());
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=i18n.t(label)>
            <table class=class style=style data-testid=(!testid.is_empty()).then_some(testid)>
                <thead>
                    <tr>{columns.into_iter().map(|c| view! { <th scope="col">{i18n.t(c)}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
