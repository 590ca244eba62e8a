//! Bar charts drawn as plain SVG (no chart library: it would cost more than the pages). Each
//! chart is labelled for screen readers and carries its numbers in a table that opens below it,
//! so what the bars show can also be read exactly.

use crate::i18n::text::Chart as Text;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One bar: its label, its length (in the chart's unit) and the value as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 200.0;
const VALUE_WIDTH: f64 = 130.0;
const ROW: f64 = 30.0;

/// Horizontal bars, one row each, scaled to `max` (or to the longest bar). `title` names the
/// chart (its accessible name and caption); the table's columns are `label_heading` and
/// `value_heading`. `testid` marks the figure for tests; each bar is `data-testid="bar"` with
/// its value in `data-value`.
#[component]
pub fn BarChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] label_heading: Signal<String>,
    #[prop(into)] value_heading: Signal<String>,
    bars: Vec<Bar>,
    #[prop(optional)] max: Option<f64>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let top = max.unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max)).max(f64::EPSILON);
    let height = ROW * bars.len().max(1) as f64 + 4.0;
    let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 2.0 + ROW * i as f64;
            let length = (bar.value.max(0.0) / top * span).min(span);
            view! {
                <g>
                    <text class="chart-label" x=LABEL_WIDTH - 8.0 y=y + ROW / 2.0 + 5.0 text-anchor="end">
                        {bar.label.clone()}
                    </text>
                    <rect class="chart-bar" data-testid="bar" data-value=bar.value.to_string()
                        x=LABEL_WIDTH y=y + 5.0 width=length height=ROW - 10.0 rx="2"/>
                    <text class="chart-value" x=LABEL_WIDTH + length + 6.0 y=y + ROW / 2.0 + 5.0>
                        {bar.shown.clone()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let table_rows = bars
        .into_iter()
        .map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.shown}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title
                preserveAspectRatio="xMinYMin meet">
                <line class="chart-axis" x1=LABEL_WIDTH y1="0" x2=LABEL_WIDTH y2=height/>
                {rows}
            </svg>
            <details class="chart-data">
                <summary>{i18n.t(Text::ShowNumbers)}</summary>
                <div class="table-scroll">
                    <table style="--columns: 2">
                        <thead><tr><th scope="col">{label_heading}</th><th scope="col">{value_heading}</th></tr></thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
