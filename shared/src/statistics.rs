//! The sampled figures of the public statistics, computed from project summaries: how long
//! needs take to reach selection and acceptance, how many quotes they get, how selections spread
//! over providers, and how buyers rate the services. Pure, so the route computes them and tests
//! pin them exactly.

use crate::api::views::{DimensionRatings, MonthlyNeeds, Savings};
use crate::calendar::shanghai_date;
use crate::ids::OrganisationId;
use crate::money::Money;
use crate::project::ProjectSummary;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use std::collections::BTreeMap;

/// The quote-count classes: 0, 1, 2, 3, 4 and 5 or more.
pub const QUOTE_CLASSES: usize = 6;

/// How many of the providers with the most selections are named.
pub const TOP_PROVIDERS: usize = 5;

const SECONDS_PER_DAY: i64 = 86_400;

/// The median of calendar days (not working days: elapsed time, holidays included) from
/// publication to the selection in force, in tenths of a day rounded half up (`35` = 3.5 days),
/// over the sampled needs with a selection. `None` without any.
pub fn median_days_to_selection_x10(sample: &[ProjectSummary]) -> Option<u32> {
    median_days_x10(sample.iter().filter_map(|p| Some((p.published_at?, p.selected_at?))))
}

/// As [`median_days_to_selection_x10`], from publication to the buyer's acceptance of the delivery.
pub fn median_days_to_acceptance_x10(sample: &[ProjectSummary]) -> Option<u32> {
    median_days_x10(sample.iter().filter_map(|p| Some((p.published_at?, p.accepted_at?))))
}

/// The median of the spans in seconds (the mean of the middle two for an even count), then in
/// tenths of a day.
fn median_days_x10(spans: impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)>) -> Option<u32> {
    let mut seconds: Vec<i64> = spans.map(|(from, to)| (to - from).num_seconds().max(0)).collect();
    seconds.sort_unstable();
    let middle = seconds.len() / 2;
    let median = match seconds.len() {
        0 => return None,
        n if n % 2 == 1 => seconds[middle],
        _ => (seconds[middle - 1] + seconds[middle]) / 2,
    };
    u32::try_from((median * 10 + SECONDS_PER_DAY / 2) / SECONDS_PER_DAY).ok()
}

/// Needs by how many quotes they got (index 0–4: that many, 5: five or more), over the sampled
/// needs whose bidding has closed (the count is known only then).
pub fn needs_by_quotes(sample: &[ProjectSummary]) -> [u32; QUOTE_CLASSES] {
    let mut classes = [0; QUOTE_CLASSES];
    for quotes in sample.iter().filter_map(|p| p.quotes) {
        classes[usize::try_from(quotes).unwrap_or(usize::MAX).min(QUOTE_CLASSES - 1)] += 1;
    }
    classes
}

/// How selections spread over providers, over the sampled needs with a selection in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concentration {
    pub selections: u32,
    /// The providers with the most selections, most first (ties by id), at most [`TOP_PROVIDERS`].
    pub top: Vec<(OrganisationId, u32)>,
    /// The top providers' share of `selections` in basis points, rounded down; `None` without any.
    pub top_basis_points: Option<u32>,
}

pub fn provider_concentration(sample: &[ProjectSummary]) -> Concentration {
    let mut wins: BTreeMap<OrganisationId, u32> = BTreeMap::new();
    for winner in sample.iter().filter_map(|p| p.winner) {
        *wins.entry(winner).or_default() += 1;
    }
    let selections: u32 = wins.values().sum();
    let mut top: Vec<(OrganisationId, u32)> = wins.into_iter().collect();
    top.sort_by(|(a, m), (b, n)| n.cmp(m).then(a.cmp(b)));
    top.truncate(TOP_PROVIDERS);
    let won: u32 = top.iter().map(|(_, n)| n).sum();
    let top_basis_points =
        (selections > 0).then(|| u32::try_from(u64::from(won) * 10_000 / u64::from(selections)).unwrap_or(0));
    Concentration { selections, top, top_basis_points }
}

/// The mean score of each evaluation dimension over the sampled needs rated.
pub fn satisfaction(sample: &[ProjectSummary]) -> Option<DimensionRatings> {
    DimensionRatings::of_scores(sample.iter().filter_map(|p| p.scores))
}

/// Projects published in each of the twelve months up to `today`'s (Shanghai dates), oldest first.
pub fn needs_by_month(today: NaiveDate, sample: &[ProjectSummary]) -> Vec<MonthlyNeeds> {
    let this_month = today.with_day(1).unwrap_or(today);
    let published: Vec<NaiveDate> = sample.iter().filter_map(|p| p.published_at.map(shanghai_date)).collect();
    (0..12u32)
        .rev()
        .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
        .map(|month| {
            let needs =
                published.iter().filter(|d| (d.year(), d.month()) == (month.year(), month.month())).count();
            MonthlyNeeds {
                month: format!("{:04}-{:02}", month.year(), month.month()),
                needs: u32::try_from(needs).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// Budget caps against winning prices over the projects with a selection in force.
pub fn savings(sample: &[ProjectSummary]) -> Savings {
    let selected: Vec<(i64, i64)> =
        sample.iter().filter_map(|p| p.winning_price.map(|w| (p.budget_cap.fen(), w.fen()))).collect();
    let caps: i64 = selected.iter().map(|(cap, _)| cap).sum();
    let prices: i64 = selected.iter().map(|(_, price)| price).sum();
    let saved = caps - prices;
    Savings {
        selected_projects: u32::try_from(selected.len()).unwrap_or(u32::MAX),
        budget_caps: Money::from_fen(caps),
        winning_prices: Money::from_fen(prices),
        saved: Money::from_fen(saved),
        saved_basis_points: (caps > 0).then(|| u32::try_from(saved * 10_000 / caps).ok()).flatten(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Score;
    use chrono::{Duration, TimeZone};
    use uuid::Uuid;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    /// A need published at `t0`, nothing else known.
    fn need(n: u32) -> ProjectSummary {
        crate::fixtures::summary(n, t0())
    }

    fn provider(n: u128) -> OrganisationId {
        OrganisationId(Uuid::from_u128(100 + n))
    }

    fn selected_after(n: u32, hours: i64) -> ProjectSummary {
        ProjectSummary { selected_at: Some(t0() + Duration::hours(hours)), ..need(n) }
    }

    #[test]
    fn medians_are_in_tenths_of_calendar_days() {
        assert_eq!(median_days_to_selection_x10(&[need(1)]), None);
        // 3 days, 4 days 6 hours, 10 days: the middle one, 4.25 → 4.3 (half up).
        let odd = [selected_after(1, 72), selected_after(2, 240), selected_after(3, 102)];
        assert_eq!(median_days_to_selection_x10(&odd), Some(43));
        // 1 day and 2 days 2 hours: their mean, 1 day 13 hours = 1.54… → 1.5.
        let even = [selected_after(1, 24), selected_after(2, 50), need(3)];
        assert_eq!(median_days_to_selection_x10(&even), Some(15));
        let accepted = ProjectSummary { accepted_at: Some(t0() + Duration::hours(36)), ..need(4) };
        assert_eq!(median_days_to_acceptance_x10(&[accepted, need(5)]), Some(15));
        assert_eq!(median_days_to_acceptance_x10(&odd), None);
    }

    #[test]
    fn needs_are_classed_by_quotes_received_once_known() {
        let counts = [Some(0), Some(1), Some(1), Some(4), Some(5), Some(9), None];
        let sample: Vec<ProjectSummary> = counts
            .iter()
            .enumerate()
            .map(|(i, q)| ProjectSummary { quotes: *q, ..need(i as u32 + 1) })
            .collect();
        assert_eq!(needs_by_quotes(&sample), [1, 2, 0, 0, 1, 2]);
        assert_eq!(needs_by_quotes(&[]), [0; QUOTE_CLASSES]);
    }

    #[test]
    fn concentration_names_the_five_with_most_selections() {
        // Provider 1 wins 3, 2 and 3 win 2 each, 4–7 one each: 11 selections.
        let winners = [1, 1, 1, 3, 2, 3, 2, 7, 6, 5, 4];
        let mut sample: Vec<ProjectSummary> = winners
            .iter()
            .enumerate()
            .map(|(i, w)| ProjectSummary { winner: Some(provider(*w)), ..need(i as u32 + 1) })
            .collect();
        sample.push(need(99));
        let c = provider_concentration(&sample);
        assert_eq!(c.selections, 11);
        assert_eq!(
            c.top,
            vec![(provider(1), 3), (provider(2), 2), (provider(3), 2), (provider(4), 1), (provider(5), 1)]
        );
        // 9 of 11 = 81.81…%.
        assert_eq!(c.top_basis_points, Some(8_181));
        assert_eq!(
            provider_concentration(&[need(1)]),
            Concentration { selections: 0, top: vec![], top_basis_points: None }
        );
    }

    #[test]
    fn satisfaction_is_the_mean_per_dimension() {
        let scores = |s: [u8; 5]| Some(s.map(|v| Score::new(v).unwrap()));
        let sample = [
            ProjectSummary { scores: scores([5, 4, 3, 2, 1]), ..need(1) },
            ProjectSummary { scores: scores([4, 4, 4, 4, 5]), ..need(2) },
            ProjectSummary { scores: scores([5, 5, 4, 2, 1]), ..need(3) },
            need(4),
        ];
        let ratings = satisfaction(&sample).unwrap();
        assert_eq!(
            (ratings.evaluations, ratings.quality, ratings.timeliness, ratings.attitude),
            (3, 466, 433, 366)
        );
        assert_eq!((ratings.fee_reasonableness, ratings.compliance), (266, 233));
        assert_eq!(satisfaction(&[need(1)]), None);
    }

    #[test]
    fn needs_by_month_counts_twelve_shanghai_months_oldest_first() {
        // 23:30 UTC on 31 January is 1 February in Shanghai.
        let february_in_shanghai = Utc.with_ymd_and_hms(2026, 1, 31, 23, 30, 0).unwrap();
        let last_year = Utc.with_ymd_and_hms(2025, 3, 15, 2, 0, 0).unwrap();
        let sample = [need(1), need(2), crate::fixtures::summary(3, february_in_shanghai), {
            crate::fixtures::summary(4, last_year)
        }];
        let months = needs_by_month(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(), &sample);
        assert_eq!(months.len(), 12);
        assert_eq!(months[0].month, "2025-04", "a year back, the month of last year's need left out");
        let count = |month: &str| months.iter().find(|m| m.month == month).map(|m| m.needs);
        assert_eq!(count("2026-03"), Some(2));
        assert_eq!(count("2026-02"), Some(1));
        assert_eq!(count("2026-01"), Some(0));
        assert_eq!(months.iter().map(|m| m.needs).sum::<u32>(), 3);
    }

    #[test]
    fn savings_compare_caps_and_winning_prices_of_selected_needs_only() {
        let won = |n, price| ProjectSummary { winning_price: Some(Money::from_fen(price)), ..need(n) };
        let savings = savings(&[won(1, 800_000), won(2, 900_000), need(3)]);
        assert_eq!(savings.selected_projects, 2);
        assert_eq!(savings.budget_caps, Money::from_fen(2_000_000));
        assert_eq!(savings.winning_prices, Money::from_fen(1_700_000));
        assert_eq!(savings.saved, Money::from_fen(300_000));
        assert_eq!(savings.saved_basis_points, Some(1_500));
        assert_eq!(super::savings(&[need(1)]).saved_basis_points, None);
    }
}
