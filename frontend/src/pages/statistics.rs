//! Public statistics (`/statistics`): the exact counters as figures, and the sampled figures as
//! SVG bar charts (`ui::chart`), each with its numbers in a table.

use crate::api::use_api;
use crate::components::ratings::Ratings;
use crate::i18n::text::Statistics as Text;
use crate::i18n::use_i18n;
use crate::ui::chart::{Bar, BarChart};
use crate::ui::Loaded;
use leptos::prelude::*;
use market_domain::api::Statistics;
use market_domain::project::Role;

/// The counters the page names, in the order shown (others are left out).
const COUNTERS: [(&str, Text); 8] = [
    ("projects_created", Text::ProjectsCreated),
    ("projects_published", Text::ProjectsPublished),
    ("quotes_submitted", Text::QuotesSubmitted),
    ("selections", Text::Selections),
    ("projects_failed", Text::ProjectsFailed),
    ("contracts_signed", Text::ContractsSigned),
    ("deliveries_accepted", Text::DeliveriesAccepted),
    ("evaluations", Text::Evaluations),
];

/// A value × 10 as a decimal with one place: `36` → `3.6`.
fn tenths(x10: u32) -> String {
    format!("{}.{}", x10 / 10, x10 % 10)
}

/// A value × 100 as a decimal with two places: `215` → `2.15`.
fn hundredths(x100: u32) -> String {
    format!("{}.{:02}", x100 / 100, x100 % 100)
}

#[component]
pub fn StatisticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let statistics = LocalResource::new(move || api.statistics());
    view! {
        <section class="panel statistics">
            <h1>{i18n.t(Text::Heading)}</h1>
            <p class="intro">{i18n.t(Text::Intro)}</p>
        </section>
        <Loaded resource=statistics view=|statistics| view! { <StatisticsView statistics/> }/>
    }
}

#[component]
fn StatisticsView(statistics: Statistics) -> impl IntoView {
    let i18n = use_i18n();
    let count = |name: &str| statistics.counters.get(name).copied().unwrap_or(0);
    let figure = |label: Text, value: String, testid: &'static str| {
        view! {
            <div class="figure" data-testid=testid>
                <dt>{i18n.t(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let na = move || i18n.t(Text::NotAvailable)().to_owned();
    let mut figures = COUNTERS
        .iter()
        .map(|(name, label)| figure(*label, count(name).to_string(), "counter"))
        .collect::<Vec<_>>();
    figures.push(figure(Text::ApprovedProviders, statistics.providers.to_string(), "providers"));
    figures.push(figure(
        Text::QuotesPerNeed,
        statistics.quotes_per_need_x100.map(hundredths).unwrap_or_else(na),
        "quotes-per-need",
    ));
    let (sampled, complete) = (statistics.sampled_projects.to_string(), statistics.sample_complete);
    let sample_note = move || {
        let complete = i18n.t(if complete { Text::SampleComplete } else { Text::SamplePartial })();
        i18n.fill(Text::SampleNote, &[("count", &sampled), ("complete", complete)])
    };

    let months = statistics
        .needs_by_month
        .iter()
        .map(|m| Bar { label: m.month.clone(), value: f64::from(m.needs), shown: m.needs.to_string() })
        .collect::<Vec<_>>();
    let savings = statistics.savings;
    let (caps, prices) = (savings.budget_caps, savings.winning_prices);
    // Built in the closure that draws the chart, so the labels follow a language switch.
    let money_bars = move || {
        vec![
            Bar {
                label: i18n.t(Text::BudgetCaps)().to_owned(),
                value: caps.fen() as f64,
                shown: caps.to_string(),
            },
            Bar {
                label: i18n.t(Text::WinningPrices)().to_owned(),
                value: prices.fen() as f64,
                shown: prices.to_string(),
            },
        ]
    };
    let selected = savings.selected_projects.to_string();
    let days = [
        (Text::ToSelection, statistics.median_days_to_selection_x10),
        (Text::ToAcceptance, statistics.median_days_to_acceptance_x10),
    ];
    let day_bars = move || {
        days.iter()
            .map(|(label, x10)| Bar {
                label: i18n.t(*label)().to_owned(),
                value: x10.map_or(0.0, |d| f64::from(d) / 10.0),
                shown: x10.map_or_else(na, |d| i18n.fill(Text::DaysValue, &[("days", &tenths(d))])),
            })
            .collect::<Vec<_>>()
    };
    let by_quotes = statistics.needs_by_quotes;
    let quote_bars = move || {
        let last = by_quotes.len().saturating_sub(1);
        by_quotes
            .iter()
            .enumerate()
            .map(|(i, needs)| Bar {
                label: if i == last { i18n.t(Text::FiveOrMore)().to_owned() } else { i.to_string() },
                value: f64::from(*needs),
                shown: needs.to_string(),
            })
            .collect::<Vec<_>>()
    };
    let concentration = statistics.provider_concentration;
    let top_share =
        concentration.top_basis_points.map(|bp| format!("{}%", hundredths(bp))).unwrap_or_else(na);
    let top_bars = concentration
        .top
        .iter()
        .map(|p| Bar {
            label: p.name.clone(),
            value: f64::from(p.selections),
            shown: p.selections.to_string(),
        })
        .collect::<Vec<_>>();
    let selections = concentration.selections.to_string();
    let share = savings.saved_basis_points.map(|bp| format!("{}%", hundredths(bp))).unwrap_or_else(na);
    view! {
        <section class="panel">
            <h2>{i18n.t(Text::Counters)}</h2>
            <dl class="figures" data-testid="figures">{figures}</dl>
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::NeedsByMonth)}</h2>
            <p class="note" data-testid="sample-note">{sample_note}</p>
            {move || view! {
                <BarChart
                    title=i18n.t(Text::NeedsByMonth)().to_owned()
                    label_heading=i18n.t(Text::Month)().to_owned()
                    value_heading=i18n.t(Text::Needs)().to_owned()
                    bars=months.clone()
                    testid="chart-needs-by-month"
                />
            }}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Savings)}</h2>
            <dl class="figures">
                {figure(Text::Saved, savings.saved.to_string(), "saved")}
                {figure(Text::SavedShare, share, "saved-share")}
            </dl>
            {move || view! {
                <BarChart
                    title=i18n.fill(Text::SavingsChart, &[("count", &selected)])
                    label_heading=i18n.t(Text::Figure)().to_owned()
                    value_heading=i18n.t(Text::Amount)().to_owned()
                    bars=money_bars()
                    testid="chart-savings"
                />
            }}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Durations)}</h2>
            {move || view! {
                <BarChart
                    title=i18n.t(Text::DurationsChart)().to_owned()
                    label_heading=i18n.t(Text::Stage)().to_owned()
                    value_heading=i18n.t(Text::Days)().to_owned()
                    bars=day_bars()
                    testid="chart-durations"
                />
            }}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Quotes)}</h2>
            {move || view! {
                <BarChart
                    title=i18n.t(Text::QuotesChart)().to_owned()
                    label_heading=i18n.t(Text::QuoteCount)().to_owned()
                    value_heading=i18n.t(Text::Needs)().to_owned()
                    bars=quote_bars()
                    testid="chart-quotes"
                />
            }}
        </section>
        <section class="panel">
            <h2>{i18n.t(Text::Concentration)}</h2>
            <dl class="figures">{figure(Text::ConcentrationShare, top_share, "top-share")}</dl>
            {move || view! {
                <BarChart
                    title=i18n.fill(Text::ConcentrationChart, &[("count", &selections)])
                    label_heading=i18n.t(Role::Provider.term())().to_owned()
                    value_heading=i18n.t(Text::Selections)().to_owned()
                    bars=top_bars.clone()
                    testid="chart-concentration"
                />
            }}
        </section>
        <Ratings ratings=statistics.satisfaction/>
    }
}
