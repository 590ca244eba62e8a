//! The working-day calendar (工作日): statutory time limits, bid windows, publicity periods and
//! promised service times are all counted in working days, so every deadline in the marketplace
//! is computed here, the same way in the browser and in the functions.
//!
//! # Exact semantics
//!
//! * **Dates are Shanghai dates.** An instant (`DateTime<Utc>`) belongs to the calendar date it
//!   has in China Standard Time, UTC+08:00 all year round (no daylight saving), whatever the
//!   reader's own time zone: [`shanghai_date`]. A day *starts* at its 00:00 Shanghai time and
//!   *ends* at 24:00, which is the next day's 00:00 (16:00 UTC the day before).
//! * **Working day.** Within a covered year, a date is a working day when it is listed as an
//!   adjusted working day (调休上班, a Saturday or Sunday); otherwise it is not when it lies in a
//!   public-holiday period (放假) of that year's State Council notice; otherwise it is when it is
//!   Monday to Friday. A date in a year the table does not cover is an error
//!   ([`CalendarError::OutOfRange`]), never a guess.
//! * **Deadline** — [`WorkingCalendar::add_working_days`]`(from, n)`: let `d0` be `from`'s Shanghai
//!   date and, for `k = 1..=n`, `dk` the first working day after `d(k-1)`. The deadline is the
//!   end of `dn`, i.e. 00:00 Shanghai time of the day after `dn`. For `n = 0` it is the end of
//!   `d0` itself. `d0` itself need not be a working day or covered; every date after it up to
//!   `dn` must be covered. So a need published at any time on a Friday with a 3-working-day bid
//!   window closes at 24:00 on the Wednesday after, when no holiday intervenes.
//! * **Elapsed working days** — [`WorkingCalendar::working_days_between`]`(from, to)`: 0 when
//!   `to <= from`; otherwise the number of working days `d` with `d0 < d` whose end is at or
//!   before `to`, i.e. `d0 < d < shanghai_date(to)` (every such date must be covered).
//!   Equivalently, for every `n >= 1`: `working_days_between(from, to) >= n` exactly when
//!   `add_working_days(from, n) <= to`. Hence `working_days_between(t, add_working_days(t, n))
//!   == n` for every `t` and `n`, and one second before a deadline only `n - 1` have elapsed.
//! * **Errors.** Days are examined in date order from `d0 + 1`; the first one outside the
//!   covered years stops the computation with [`CalendarError::OutOfRange`] naming that date.
//!   [`CalendarError::Overflow`] arises only at the very ends of chrono's date range.
//! * **Overdue** — [`is_overdue`]: strictly after the deadline; at the deadline instant itself the
//!   time has just run out but not been exceeded.

mod holidays;

use crate::locale::{Explain, Locale};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc, Weekday};
pub use holidays::HolidaySource;
use holidays::HolidayYear;
use std::ops::RangeInclusive;

/// China Standard Time. A fixed offset, not a time-zone database: mainland China has had no
/// daylight saving since 1991, and a fixed offset builds for wasm32 without any data.
const SHANGHAI: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// A working-day calendar over a fixed table of years. Only [`WorkingCalendar::prc`] makes one.
#[derive(Debug, PartialEq, Eq)]
pub struct WorkingCalendar {
    years: &'static [HolidayYear],
    first_year: i32,
    last_year: i32,
}

static PRC: WorkingCalendar = WorkingCalendar {
    years: holidays::PRC_YEARS,
    first_year: holidays::FIRST_YEAR,
    last_year: holidays::LAST_YEAR,
};

impl WorkingCalendar {
    /// The PRC national calendar built into the crate (see the holiday table for its sources).
    pub fn prc() -> &'static WorkingCalendar {
        &PRC
    }

    /// The calendar years whose holidays are known; any other date is an error.
    pub fn covered_years(&self) -> RangeInclusive<i32> {
        self.first_year..=self.last_year
    }

    /// Where the holidays of `year` come from, or `None` when the year is not covered.
    pub fn source(&self, year: i32) -> Option<HolidaySource> {
        self.year(year).map(|y| y.source)
    }

    /// Whether `date` (a Shanghai date) is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let year = self.year(date.year()).ok_or(CalendarError::OutOfRange {
            date,
            first_year: self.first_year,
            last_year: self.last_year,
        })?;
        if year.adjusted_working_days.contains(&date) {
            return Ok(true);
        }
        if year.holidays.iter().any(|h| h.first <= date && date <= h.last) {
            return Ok(false);
        }
        Ok(!matches!(date.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// The deadline `days` working days after `from`: the end (24:00 Shanghai time) of the
    /// `days`-th working day strictly after `from`'s Shanghai date. See the module docs.
    pub fn add_working_days(&self, from: DateTime<Utc>, days: u16) -> Result<DateTime<Utc>, CalendarError> {
        let mut day = checked_shanghai_date(from)?;
        let mut left = days;
        while left > 0 {
            day = day.succ_opt().ok_or(CalendarError::Overflow)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        end_of_day(day)
    }

    /// How many working days have fully elapsed after `from`'s Shanghai date by `to`; 0 when
    /// `to <= from`. The inverse of [`Self::add_working_days`]; see the module docs.
    pub fn working_days_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u32, CalendarError> {
        if to <= from {
            return Ok(0);
        }
        let (first, end) = (checked_shanghai_date(from)?, checked_shanghai_date(to)?);
        // Days that have ended by `to` are those before `to`'s own date.
        let mut count = 0;
        let mut day = first;
        while let Some(next) = day.succ_opt().filter(|next| *next < end) {
            if self.is_working_day(next)? {
                count += 1;
            }
            day = next;
        }
        Ok(count)
    }

    fn year(&self, year: i32) -> Option<&HolidayYear> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// An instant as people in Zhejiang read it, to the minute (`2026-03-05 24:00` is shown as
/// `2026-03-06 00:00`).
pub fn shanghai_minute(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&SHANGHAI).format("%Y-%m-%d %H:%M").to_string()
}

/// The calendar date of `instant` in Shanghai (UTC+08:00). For the last eight hours chrono can
/// represent, whose Shanghai date would lie past `NaiveDate::MAX`, it returns `NaiveDate::MAX`;
/// the calendar's own computations report [`CalendarError::Overflow`] there instead.
pub fn shanghai_date(instant: DateTime<Utc>) -> NaiveDate {
    checked_shanghai_date(instant).unwrap_or(NaiveDate::MAX)
}

/// Whether `now` is past `deadline`. Reaching the deadline exactly is not yet overdue.
pub fn is_overdue(deadline: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now > deadline
}

fn checked_shanghai_date(instant: DateTime<Utc>) -> Result<NaiveDate, CalendarError> {
    instant.naive_utc().checked_add_offset(SHANGHAI).map(|local| local.date()).ok_or(CalendarError::Overflow)
}

/// 00:00 Shanghai time on `date`, as an instant — where a date people type ("blacklisted until
/// 2027-06-30") starts. `None` only at the very start of chrono's date range.
pub fn shanghai_start_of_day(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.and_time(NaiveTime::MIN).checked_sub_offset(SHANGHAI).map(|utc| utc.and_utc())
}

/// 24:00 Shanghai time on `date`, i.e. 00:00 of the next day, as an instant.
fn end_of_day(date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
    date.succ_opt().and_then(shanghai_start_of_day).ok_or(CalendarError::Overflow)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error(
        "cannot count working days on {date}: public holidays are known only for {first_year}–{last_year}"
    )]
    OutOfRange { date: NaiveDate, first_year: i32, last_year: i32 },
    #[error("the date is too far in the future to compute a deadline")]
    Overflow,
}

impl Explain for CalendarError {
    fn explain(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::OutOfRange { date, first_year, last_year }, Locale::Zh) => {
                format!("无法计算 {date} 的工作日：目前只掌握 {first_year}–{last_year} 年的节假日安排")
            }
            (Self::Overflow, Locale::Zh) => "日期过于遥远，无法计算期限".to_owned(),
            (_, Locale::En) => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// An instant given in China Standard Time, built independently of the module's helpers.
    fn cst(y: i32, m: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, m, d, h, mi, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn cal() -> &'static WorkingCalendar {
        WorkingCalendar::prc()
    }

    fn add(from: DateTime<Utc>, days: u16) -> DateTime<Utc> {
        cal().add_working_days(from, days).unwrap()
    }

    fn out_of_range(date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange { date, first_year: 2025, last_year: 2027 }
    }

    #[test]
    fn a_typed_date_starts_at_midnight_in_shanghai() {
        assert_eq!(
            shanghai_start_of_day(date(2027, 6, 30)),
            Some(Utc.with_ymd_and_hms(2027, 6, 29, 16, 0, 0).unwrap())
        );
        assert_eq!(shanghai_start_of_day(NaiveDate::MIN), None);
    }

    #[test]
    fn covers_2025_to_2027_and_cites_its_sources() {
        assert_eq!(cal().covered_years(), 2025..=2027);
        assert_eq!(
            cal().source(2025),
            Some(HolidaySource::Notice {
                title: "国务院办公厅关于2025年部分节假日安排的通知",
                number: "国办发明电〔2024〕12号"
            })
        );
        assert_eq!(
            cal().source(2026),
            Some(HolidaySource::Notice {
                title: "国务院办公厅关于2026年部分节假日安排的通知",
                number: "国办发明电〔2025〕7号"
            })
        );
        assert_eq!(cal().source(2027), Some(HolidaySource::Provisional));
        assert_eq!(cal().source(2024), None);
        assert_eq!(cal().source(2028), None);
    }

    #[test]
    fn the_holiday_table_is_consistent() {
        // (year, days off listed, adjusted working days) as the notices count them.
        let expected = [(2025, 28, 5), (2026, 33, 6), (2027, 13, 0)];
        assert_eq!(holidays::PRC_YEARS.len(), expected.len());
        for (year, (y, days_off, adjusted)) in holidays::PRC_YEARS.iter().zip(expected) {
            assert_eq!(year.year, y);
            let mut previous_last = date(y - 1, 12, 31);
            let mut listed = 0;
            for holiday in year.holidays {
                assert!(previous_last < holiday.first, "{} {y} overlaps or is out of order", holiday.name);
                assert!(holiday.first <= holiday.last, "{} {y}", holiday.name);
                assert_eq!(holiday.last.year(), y, "{} {y}", holiday.name);
                listed += (holiday.last - holiday.first).num_days() + 1;
                previous_last = holiday.last;
            }
            assert_eq!(listed, days_off, "{y}");
            assert_eq!(year.adjusted_working_days.len(), adjusted, "{y}");
            for (i, day) in year.adjusted_working_days.iter().enumerate() {
                assert_eq!(day.year(), y);
                assert!(matches!(day.weekday(), Weekday::Sat | Weekday::Sun), "{day} is a weekday");
                assert!(year.holidays.iter().all(|h| *day < h.first || h.last < *day), "{day}");
                assert!(i == 0 || year.adjusted_working_days[i - 1] < *day, "{day} out of order");
            }
        }
        assert_eq!(holidays::PRC_YEARS[2].source, HolidaySource::Provisional);
    }

    #[test]
    fn working_days_per_year_match_a_hand_count() {
        // 261 weekdays each year; minus the weekday holidays (18, 19, 7); plus the adjusted days.
        for (year, expected) in [(2025, 248), (2026, 248), (2027, 254)] {
            let days = date(year, 1, 1).iter_days().take_while(|d| d.year() == year);
            let working = days.filter(|d| cal().is_working_day(*d).unwrap()).count();
            assert_eq!(working, expected, "{year}");
        }
    }

    #[test]
    fn classifies_days_of_each_year() {
        let cases = [
            (date(2025, 1, 1), false),  // 元旦, Wednesday
            (date(2025, 1, 2), true),   // plain Thursday
            (date(2025, 1, 4), false),  // plain Saturday
            (date(2025, 1, 26), true),  // Sunday worked for 春节
            (date(2025, 2, 4), false),  // 正月初七, Tuesday
            (date(2025, 10, 8), false), // last day of 国庆节、中秋节
            (date(2025, 10, 11), true), // Saturday worked for 国庆节
            (date(2026, 1, 4), true),   // Sunday worked for 元旦
            (date(2026, 2, 23), false), // last day of 春节, Monday
            (date(2026, 2, 24), true),  // back to work
            (date(2026, 9, 20), true),  // Sunday worked for 国庆节
            (date(2026, 9, 25), false), // 中秋节, Friday
            (date(2026, 10, 8), true),  // Thursday after 国庆节
            (date(2027, 2, 5), false),  // 除夕 (provisional), Friday
            (date(2027, 2, 8), false),  // 初三 (provisional), Monday
            (date(2027, 2, 9), true),   // 初四: no notice yet, so a working Tuesday
            (date(2027, 6, 9), false),  // 端午节 (provisional), Wednesday
            (date(2027, 12, 31), true), // last covered day, Friday
        ];
        for (day, working) in cases {
            assert_eq!(cal().is_working_day(day), Ok(working), "{day}");
        }
    }

    #[test]
    fn friday_plus_three_working_days_closes_at_the_end_of_wednesday() {
        let deadline = cst(2025, 3, 13, 0, 0);
        assert_eq!(deadline, Utc.with_ymd_and_hms(2025, 3, 12, 16, 0, 0).unwrap());
        for published in [cst(2025, 3, 7, 0, 0), cst(2025, 3, 7, 15, 0), cst(2025, 3, 7, 23, 59)] {
            assert_eq!(add(published, 3), deadline, "{published}");
        }
        assert_eq!(cal().working_days_between(cst(2025, 3, 7, 15, 0), deadline), Ok(3));
        assert_eq!(cal().working_days_between(cst(2025, 3, 7, 15, 0), cst(2025, 3, 12, 23, 59)), Ok(2));
    }

    #[test]
    fn the_shanghai_date_decides_not_the_utc_date() {
        // 15:59:59 UTC on Thursday is still Thursday in Shanghai; 16:00 UTC is already Friday.
        let thursday_night = Utc.with_ymd_and_hms(2025, 3, 6, 15, 59, 59).unwrap();
        let friday_midnight = Utc.with_ymd_and_hms(2025, 3, 6, 16, 0, 0).unwrap();
        assert_eq!(shanghai_date(thursday_night), date(2025, 3, 6));
        assert_eq!(shanghai_date(friday_midnight), date(2025, 3, 7));
        assert_eq!(add(thursday_night, 1), cst(2025, 3, 8, 0, 0));
        assert_eq!(add(friday_midnight, 1), cst(2025, 3, 11, 0, 0));
    }

    #[test]
    fn a_week_with_a_holiday() {
        // 清明节 2025: Friday 4 April off, so Thursday + 1 is Monday.
        assert_eq!(add(cst(2025, 4, 3, 10, 0), 1), cst(2025, 4, 8, 0, 0));
        assert_eq!(add(cst(2025, 4, 3, 10, 0), 2), cst(2025, 4, 9, 0, 0));
        // 端午节 2026: Friday 19 June off.
        assert_eq!(add(cst(2026, 6, 18, 10, 0), 1), cst(2026, 6, 23, 0, 0));
    }

    #[test]
    fn spring_festival_windows() {
        // 2026: Saturday 14 February is worked, then nine days off, then Tuesday 24 February.
        let published = cst(2026, 2, 13, 9, 0);
        assert_eq!(add(published, 1), cst(2026, 2, 15, 0, 0));
        assert_eq!(add(published, 2), cst(2026, 2, 25, 0, 0));
        assert_eq!(add(published, 3), cst(2026, 2, 26, 0, 0));
        assert_eq!(cal().working_days_between(published, cst(2026, 2, 24, 0, 0)), Ok(1));
        assert_eq!(cal().working_days_between(published, cst(2026, 2, 26, 0, 0)), Ok(3));
        // 2025: Sunday 26 January is worked; 28 January to 4 February off.
        let published = cst(2025, 1, 24, 9, 0);
        assert_eq!(add(published, 1), cst(2025, 1, 27, 0, 0));
        assert_eq!(add(published, 2), cst(2025, 1, 28, 0, 0));
        assert_eq!(add(published, 3), cst(2025, 2, 6, 0, 0));
    }

    #[test]
    fn an_adjusted_saturday_counts_as_a_working_day() {
        assert_eq!(cal().is_working_day(date(2025, 2, 8)), Ok(true));
        assert_eq!(add(cst(2025, 2, 7, 10, 0), 1), cst(2025, 2, 9, 0, 0));
        // Around 国庆节 2025: Sunday 28 September and Saturday 11 October are worked.
        let published = cst(2025, 9, 27, 10, 0);
        let ends = [(1, (9, 29)), (2, (9, 30)), (3, (10, 1)), (4, (10, 10)), (6, (10, 12)), (7, (10, 14))];
        for (n, (m, d)) in ends {
            assert_eq!(add(published, n), cst(2025, m, d, 0, 0), "{n}");
        }
    }

    #[test]
    fn deadlines_cross_year_boundaries() {
        // 1–3 January 2026 off, Sunday 4 January worked.
        assert_eq!(add(cst(2025, 12, 31, 12, 0), 1), cst(2026, 1, 5, 0, 0));
        assert_eq!(add(cst(2025, 12, 31, 12, 0), 2), cst(2026, 1, 6, 0, 0));
        // Into the provisional year: 1 January 2027 is a Friday off.
        assert_eq!(add(cst(2026, 12, 31, 12, 0), 1), cst(2027, 1, 5, 0, 0));
        // The start date itself need not be covered, only the days counted.
        assert_eq!(add(cst(2024, 12, 31, 12, 0), 1), cst(2025, 1, 3, 0, 0));
        assert_eq!(cal().working_days_between(cst(2024, 12, 31, 12, 0), cst(2025, 1, 3, 0, 0)), Ok(1));
        // The last covered day may be counted; its end is the first instant of 2028.
        assert_eq!(add(cst(2027, 12, 30, 12, 0), 1), cst(2028, 1, 1, 0, 0));
        assert_eq!(add(cst(2027, 12, 30, 12, 0), 0), cst(2027, 12, 31, 0, 0));
    }

    #[test]
    fn dates_outside_the_table_are_errors_not_guesses() {
        assert_eq!(cal().is_working_day(date(2024, 12, 31)), Err(out_of_range(date(2024, 12, 31))));
        assert_eq!(cal().is_working_day(date(2028, 1, 3)), Err(out_of_range(date(2028, 1, 3))));
        assert_eq!(cal().add_working_days(cst(2027, 12, 30, 12, 0), 2), Err(out_of_range(date(2028, 1, 1))));
        assert_eq!(
            cal().working_days_between(cst(2024, 12, 1, 0, 0), cst(2025, 1, 10, 0, 0)),
            Err(out_of_range(date(2024, 12, 2)))
        );
        assert_eq!(cal().working_days_between(cst(2027, 12, 1, 0, 0), cst(2028, 1, 1, 0, 0)), Ok(22));
        assert_eq!(
            cal().working_days_between(cst(2027, 12, 1, 0, 0), cst(2028, 1, 2, 0, 0)),
            Err(out_of_range(date(2028, 1, 1)))
        );
        // Nothing to count, nothing to look up.
        assert_eq!(cal().working_days_between(cst(2030, 1, 1, 0, 0), cst(2029, 1, 1, 0, 0)), Ok(0));
    }

    #[test]
    fn the_ends_of_chrono_s_range_overflow_instead_of_panicking() {
        assert_eq!(shanghai_date(DateTime::<Utc>::MAX_UTC), NaiveDate::MAX);
        assert_eq!(cal().add_working_days(DateTime::<Utc>::MAX_UTC, 1), Err(CalendarError::Overflow));
        assert_eq!(
            cal().working_days_between(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC),
            Err(CalendarError::Overflow)
        );
    }

    #[test]
    fn errors_explain_themselves_in_both_languages() {
        let err = out_of_range(date(2028, 1, 3));
        assert_eq!(
            err.explain(Locale::Zh),
            "无法计算 2028-01-03 的工作日：目前只掌握 2025–2027 年的节假日安排"
        );
        assert_eq!(
            err.explain(Locale::En),
            "cannot count working days on 2028-01-03: public holidays are known only for 2025–2027"
        );
        assert_eq!(CalendarError::Overflow.explain(Locale::Zh), "日期过于遥远，无法计算期限");
        assert_eq!(
            CalendarError::Overflow.explain(Locale::En),
            "the date is too far in the future to compute a deadline"
        );
    }

    #[test]
    fn nothing_elapses_backwards_or_within_the_start_day() {
        let t = cst(2025, 3, 7, 15, 0);
        assert_eq!(cal().working_days_between(t, t), Ok(0));
        assert_eq!(cal().working_days_between(t, t - Duration::days(30)), Ok(0));
        assert_eq!(cal().working_days_between(t, cst(2025, 3, 8, 0, 0)), Ok(0));
        assert_eq!(add(t, 0), cst(2025, 3, 8, 0, 0));
    }

    #[test]
    fn overdue_only_after_the_deadline() {
        let deadline = cst(2025, 3, 13, 0, 0);
        assert!(!is_overdue(deadline, deadline - Duration::seconds(1)));
        assert!(!is_overdue(deadline, deadline));
        assert!(is_overdue(deadline, deadline + Duration::seconds(1)));
    }

    /// Instants from the first covered day to mid-September 2027, so that 60 working days later
    /// is still covered.
    fn covered_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let (first, last) = (cst(2024, 12, 31, 0, 0).timestamp(), cst(2027, 9, 15, 0, 0).timestamp());
        (first..last).prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap())
    }

    proptest! {
        #[test]
        fn counting_back_undoes_adding(t in covered_instant(), n in 1u16..=60) {
            let deadline = add(t, n);
            prop_assert_eq!(cal().working_days_between(t, deadline), Ok(u32::from(n)));
            // A second earlier, the n-th working day has not yet fully elapsed.
            let just_before = deadline - Duration::seconds(1);
            prop_assert_eq!(cal().working_days_between(t, just_before), Ok(u32::from(n) - 1));
        }

        #[test]
        fn more_days_give_a_later_deadline(t in covered_instant(), n in 1u16..=59, later in 0i64..=86_400 * 10) {
            prop_assert!(add(t, n) < add(t, n + 1));
            prop_assert!(add(t, n) <= add(t + Duration::seconds(later), n));
        }

        #[test]
        fn deadlines_fall_on_shanghai_midnight(t in covered_instant(), n in 1u16..=60) {
            let deadline = add(t, n);
            let local = deadline.with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap());
            prop_assert_eq!(local.time(), NaiveTime::MIN);
            prop_assert!(deadline > t);
            // The day that just ended is a working day.
            prop_assert_eq!(cal().is_working_day(shanghai_date(deadline).pred_opt().unwrap()), Ok(true));
        }
    }
}
