//! A provider's ratings by evaluation dimension, as a bar chart: on its profile and, for the
//! whole marketplace, on the statistics page.

use crate::i18n::text::Providers as Text;
use crate::i18n::use_i18n;
use crate::ui::chart::{Bar, BarChart};
use crate::ui::format;
use leptos::prelude::*;
use market_domain::api::DimensionRatings;
use market_domain::project::Evaluation;

/// The mean of each evaluation dimension on the 1–5 scale, as a bar chart.
#[component]
pub fn Ratings(ratings: Option<DimensionRatings>) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || match ratings.clone() {
        None => view! { <p class="empty">{i18n.t(Text::NoRatings)}</p> }.into_any(),
        Some(r) => {
            let means = [r.quality, r.timeliness, r.attitude, r.fee_reasonableness, r.compliance];
            let bars = Evaluation::DIMENSIONS
                .into_iter()
                .zip(means)
                .map(|(name, x100)| Bar {
                    label: name.get(i18n.locale()).to_owned(),
                    value: f64::from(x100) / 100.0,
                    shown: format::rating(x100),
                })
                .collect();
            let count = r.evaluations.to_string();
            view! {
                <BarChart
                    title=i18n.fill(Text::RatingsChart, &[("count", &count)])
                    label_heading=i18n.t(Text::Dimension)().to_owned()
                    value_heading=i18n.t(Text::MeanScore)().to_owned()
                    bars
                    max=5.0
                    testid="ratings-chart"
                />
            }
            .into_any()
        }
    };
    view! {
        <section class="panel">
            <h2>{i18n.t(Text::Ratings)}</h2>
            {body}
        </section>
    }
}
