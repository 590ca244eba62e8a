//! The PRC holiday table the working-day calendar is built on: for each covered year, the
//! public holidays (放假) and the adjusted working weekend days (调休上班), as the State Council
//! General Office publishes them each autumn for the following year.
//!
//! To add a year: copy the notice's dates verbatim (every day of each 放假 range, weekends
//! included, and every 上班 weekend day), cite the notice's title and 文号 above the entry, and
//! append it so the years stay contiguous. When a year's notice is published, replace its
//! provisional entry by the notice's dates.

use chrono::NaiveDate;

/// Where a year's holidays come from, so a deadline that rests on a provisional year can be
/// flagged as such.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidaySource {
    /// The State Council General Office's notice for the year (title and 文号).
    Notice { title: &'static str, number: &'static str },
    /// No notice yet: only the statutory holidays themselves, no adjusted working days. The
    /// notice will add bridge days and working weekends, so deadlines may still move.
    Provisional,
}

/// One named holiday period, first and last day inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Holiday {
    pub name: &'static str,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// One calendar year of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct HolidayYear {
    pub year: i32,
    pub source: HolidaySource,
    pub holidays: &'static [Holiday],
    /// Saturdays and Sundays declared working days.
    pub adjusted_working_days: &'static [NaiveDate],
}

/// A date checked when the crate is compiled: a typo such as 2 月 30 日 fails the build.
const fn d(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date in the holiday table"),
    }
}

const fn h(name: &'static str, first: NaiveDate, last: NaiveDate) -> Holiday {
    Holiday { name, first, last }
}

/// Oldest year first, no gaps (checked below at compile time).
pub(super) const PRC_YEARS: &[HolidayYear] = &[Y2025, Y2026, Y2027];

pub(super) const FIRST_YEAR: i32 = PRC_YEARS[0].year;
pub(super) const LAST_YEAR: i32 = PRC_YEARS[PRC_YEARS.len() - 1].year;

const _: () = {
    let mut i = 0;
    while i < PRC_YEARS.len() {
        assert!(PRC_YEARS[i].year == FIRST_YEAR + i as i32, "holiday years must be contiguous");
        i += 1;
    }
};

// 《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号，2024年11月12日）.
// The first year under the 全国年节及纪念日放假办法 as amended in November 2024 (春节 and 劳动节
// one day longer each).
const Y2025: HolidayYear = HolidayYear {
    year: 2025,
    source: HolidaySource::Notice {
        title: "国务院办公厅关于2025年部分节假日安排的通知",
        number: "国办发明电〔2024〕12号",
    },
    holidays: &[
        // 元旦：1月1日（周三）放假1天，不调休。
        h("元旦", d(2025, 1, 1), d(2025, 1, 1)),
        // 春节：1月28日（除夕、周二）至2月4日（初七、周二），共8天。1月26日（周日）、2月8日（周六）上班。
        h("春节", d(2025, 1, 28), d(2025, 2, 4)),
        // 清明节：4月4日（周五）至6日（周日），共3天。
        h("清明节", d(2025, 4, 4), d(2025, 4, 6)),
        // 劳动节：5月1日（周四）至5日（周一），共5天。4月27日（周日）上班。
        h("劳动节", d(2025, 5, 1), d(2025, 5, 5)),
        // 端午节：5月31日（周六）至6月2日（周一），共3天。
        h("端午节", d(2025, 5, 31), d(2025, 6, 2)),
        // 国庆节、中秋节：10月1日（周三）至8日（周三），共8天。9月28日（周日）、10月11日（周六）上班。
        h("国庆节、中秋节", d(2025, 10, 1), d(2025, 10, 8)),
    ],
    adjusted_working_days: &[d(2025, 1, 26), d(2025, 2, 8), d(2025, 4, 27), d(2025, 9, 28), d(2025, 10, 11)],
};

// 《国务院办公厅关于2026年部分节假日安排的通知》（国办发明电〔2025〕7号，2025年11月4日）.
const Y2026: HolidayYear = HolidayYear {
    year: 2026,
    source: HolidaySource::Notice {
        title: "国务院办公厅关于2026年部分节假日安排的通知",
        number: "国办发明电〔2025〕7号",
    },
    holidays: &[
        // 元旦：1月1日（周四）至3日（周六），共3天。1月4日（周日）上班。
        h("元旦", d(2026, 1, 1), d(2026, 1, 3)),
        // 春节：2月15日（腊月二十八、周日）至23日（初七、周一），共9天。2月14日（周六）、2月28日（周六）上班。
        h("春节", d(2026, 2, 15), d(2026, 2, 23)),
        // 清明节：4月4日（周六）至6日（周一），共3天。
        h("清明节", d(2026, 4, 4), d(2026, 4, 6)),
        // 劳动节：5月1日（周五）至5日（周二），共5天。5月9日（周六）上班。
        h("劳动节", d(2026, 5, 1), d(2026, 5, 5)),
        // 端午节：6月19日（周五）至21日（周日），共3天。
        h("端午节", d(2026, 6, 19), d(2026, 6, 21)),
        // 中秋节：9月25日（周五）至27日（周日），共3天。
        h("中秋节", d(2026, 9, 25), d(2026, 9, 27)),
        // 国庆节：10月1日（周四）至7日（周三），共7天。9月20日（周日）、10月10日（周六）上班。
        h("国庆节", d(2026, 10, 1), d(2026, 10, 7)),
    ],
    adjusted_working_days: &[
        d(2026, 1, 4),
        d(2026, 2, 14),
        d(2026, 2, 28),
        d(2026, 5, 9),
        d(2026, 9, 20),
        d(2026, 10, 10),
    ],
};

// PROVISIONAL. No 《国务院办公厅关于2027年部分节假日安排的通知》 could be found, so 2027 holds only
// the statutory holidays of the 全国年节及纪念日放假办法 (as amended in 2024) on 2027's dates:
// 元旦 1 day; 春节 4 days, 除夕 to 正月初三 (除夕 = 2 月 5 日, 春节 = 2 月 6 日); 清明 1 day (the
// solar term, 4 月 5 日); 劳动节 2 days; 端午 1 day (五月初五 = 6 月 9 日); 中秋 1 day (八月十五 =
// 9 月 15 日); 国庆 3 days. Lunar dates per the Hong Kong Observatory's calendar tables. The
// notice will lengthen these into longer breaks and declare working weekends, none of which
// can be known in advance, so there are no adjusted working days yet.
const Y2027: HolidayYear = HolidayYear {
    year: 2027,
    source: HolidaySource::Provisional,
    holidays: &[
        h("元旦", d(2027, 1, 1), d(2027, 1, 1)),
        h("春节", d(2027, 2, 5), d(2027, 2, 8)),
        h("清明节", d(2027, 4, 5), d(2027, 4, 5)),
        h("劳动节", d(2027, 5, 1), d(2027, 5, 2)),
        h("端午节", d(2027, 6, 9), d(2027, 6, 9)),
        h("中秋节", d(2027, 9, 15), d(2027, 9, 15)),
        h("国庆节", d(2027, 10, 1), d(2027, 10, 3)),
    ],
    adjusted_working_days: &[],
};
