//! When each step of a project's story happens. A finished story is laid out forward from a
//! start date in working days — at office hours, with the bid window, publicity period and
//! service deadline computed by the same calendar the rules use — and its start is moved back
//! until the story has ended by its time before now and what must still be running (a
//! publicity period, a service deadline) still runs. Open projects and drafts are laid out
//! backwards from now instead, so they close in the future.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use market_domain::calendar::shanghai_start_of_day;
use market_domain::project::PUBLICITY_WORKING_DAYS;
use market_domain::{shanghai_date, WorkingCalendar};

/// How far a story goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum End {
    Draft,
    CancelledDraft,
    /// Published, bidding still open.
    Open,
    /// Published, then cancelled before the close.
    CancelledOpen,
    Failed,
    /// Closed; the enterprise has yet to choose directly.
    AwaitingChoice,
    /// Selected, the publicity period still running.
    Publicity,
    ObjectionPending,
    Contracted,
    InService,
    /// In service past the deadline.
    Overdue,
    Delivered,
    Accepted,
    Rated,
}

/// One thing someone (or time) does to a project. Indices are of the plan's quotes and
/// questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    Create,
    Publish,
    Quote(usize),
    /// The quote's provider replaces it with a lower one.
    Requote(usize),
    Withdraw(usize),
    Ask(usize),
    Answer(usize),
    Cancel,
    /// The scheduler's pass just after the close instant.
    Close,
    Choose,
    Object,
    /// The supervisor upholds or rejects the objection.
    Decide,
    /// The supervisor blacklists the provider the upheld objection disqualified.
    Blacklist,
    Propose,
    Sign,
    Start,
    Deliver,
    Return,
    Accept,
    Evaluate,
}

/// What decides a story's timing.
#[derive(Clone, Debug)]
pub(super) struct Shape {
    pub end: End,
    pub bid_window: u16,
    pub quotes: usize,
    pub questions: usize,
    pub requote: bool,
    pub withdraw: bool,
    /// An objection during publicity: `Some(true)` upheld, `Some(false)` rejected.
    pub objection: Option<bool>,
    pub returned: bool,
    pub late: bool,
    pub direct: bool,
    /// The fewest and most working days promised among the quotes: the service deadline is
    /// one of them, whoever wins.
    pub promised: (u16, u16),
    /// Minutes that keep stories from all starting on the same minute.
    pub jitter: u32,
    /// How long before now the story's last step is at the latest (for open projects and
    /// drafts: how long before now it was published or drafted).
    pub ago: Duration,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Timeline {
    pub steps: Vec<(DateTime<Utc>, Step)>,
    pub closes_at: Option<DateTime<Utc>>,
    pub publicity_ends_at: Option<DateTime<Utc>>,
    /// The service deadline for the quote promising the fewest and the most days.
    pub deadlines: Option<(DateTime<Utc>, DateTime<Utc>)>,
    pub blacklisted_at: Option<DateTime<Utc>>,
}

impl Timeline {
    pub fn start(&self) -> Option<DateTime<Utc>> {
        self.steps.first().map(|s| s.0)
    }

    fn last(&self) -> Option<DateTime<Utc>> {
        self.steps.iter().map(|s| s.0).max()
    }

    fn push(&mut self, at: DateTime<Utc>, step: Step) -> DateTime<Utc> {
        self.steps.push((at, step));
        at
    }
}

type Result<T> = std::result::Result<T, String>;

/// Office hours on working days.
struct Days<'a>(&'a WorkingCalendar);

impl Days<'_> {
    fn at(date: NaiveDate, hour: i64, minute: i64) -> Result<DateTime<Utc>> {
        let midnight = shanghai_start_of_day(date).ok_or_else(|| format!("no midnight on {date}"))?;
        Ok(midnight + Duration::hours(hour) + Duration::minutes(minute))
    }

    fn add(&self, from: DateTime<Utc>, days: u16) -> Result<DateTime<Utc>> {
        self.0.add_working_days(from, days).map_err(|e| e.to_string())
    }

    /// `hour:minute` on the `n`-th working day after `t`'s date.
    fn on(&self, t: DateTime<Utc>, n: u16, hour: i64, minute: i64) -> Result<DateTime<Utc>> {
        // The deadline of n working days is the end of the n-th one: the midnight after it.
        let day = shanghai_date(self.add(t, n)?).pred_opt().ok_or("date out of range")?;
        Self::at(day, hour, minute)
    }

    /// The first `hour:minute` on a working day after `t`.
    fn next(&self, t: DateTime<Utc>, hour: i64, minute: i64) -> Result<DateTime<Utc>> {
        let date = shanghai_date(t);
        let same_day = Self::at(date, hour, minute)?;
        if self.0.is_working_day(date).map_err(|e| e.to_string())? && same_day > t {
            Ok(same_day)
        } else {
            self.on(t, 1, hour, minute)
        }
    }
}

/// Places a story before `now` as its shape asks.
pub(super) fn place(calendar: &WorkingCalendar, shape: &Shape, now: DateTime<Utc>) -> Result<Timeline> {
    match shape.end {
        End::Draft => {
            let mut timeline = Timeline::default();
            timeline.push(now - shape.ago, Step::Create);
            Ok(timeline)
        }
        End::Open => open(calendar, shape, now),
        _ => finished(calendar, shape, now),
    }
}

/// A published project whose bid window is still open: published `ago` before now, with the
/// quotes and questions that have come in since spread over that time.
fn open(calendar: &WorkingCalendar, shape: &Shape, now: DateTime<Utc>) -> Result<Timeline> {
    let days = Days(calendar);
    let published = now - shape.ago;
    let mut timeline = Timeline::default();
    timeline.push(published - Duration::hours(26), Step::Create);
    timeline.push(published, Step::Publish);
    let closes_at = days.add(published, shape.bid_window)?;
    if closes_at <= now + Duration::hours(1) {
        return Err(format!("an open project would close at {closes_at}, before now"));
    }
    timeline.closes_at = Some(closes_at);
    let slice =
        |i: usize, of: usize| shape.ago * i32::try_from(i).unwrap_or(0) / i32::try_from(of).unwrap_or(1);
    for i in 0..shape.quotes {
        timeline.push(published + slice(i + 1, shape.quotes + 1), Step::Quote(i));
    }
    for k in 0..shape.questions {
        let asked = timeline.push(published + slice(k + 1, shape.questions + 2), Step::Ask(k));
        // The last question of several is still waiting for its answer.
        if k + 1 < shape.questions || shape.questions == 1 {
            timeline.push(asked + slice(1, 2 * (shape.questions + 2)), Step::Answer(k));
        }
    }
    Ok(timeline)
}

/// A story that has reached its end: the latest start that ends it `ago` before now and keeps
/// running what must still run.
fn finished(calendar: &WorkingCalendar, shape: &Shape, now: DateTime<Utc>) -> Result<Timeline> {
    let limit = now - shape.ago;
    // Stories whose end market depends on now (a running publicity period or service) move a day
    // at a time, so they end as close to now as they may; the others jump by their overshoot.
    let sensitive = !matches!(shape.end, End::Rated | End::Failed | End::CancelledDraft | End::CancelledOpen);
    let mut date = shanghai_date(limit);
    for _ in 0..1000 {
        let timeline = forward(calendar, shape, date)?;
        let last = timeline.last().ok_or("an empty story")?;
        if last > limit {
            let overshoot = if sensitive { 1 } else { ((last - limit).num_hours() / 24).max(1) };
            date -= Duration::days(overshoot);
            continue;
        }
        let fits = match shape.end {
            End::Publicity => timeline.publicity_ends_at.is_some_and(|e| e > now + Duration::hours(1)),
            End::Contracted | End::InService => {
                timeline.deadlines.is_some_and(|(soonest, _)| soonest > now + Duration::hours(1))
            }
            End::Overdue => timeline.deadlines.is_some_and(|(_, latest)| latest < now - Duration::days(1)),
            _ => true,
        };
        if fits {
            return Ok(timeline);
        }
        date -= Duration::days(1);
    }
    Err(format!("no start date lets a {:?} story end before now", shape.end))
}

/// The story laid out from its first working day on or after `start`.
fn forward(calendar: &WorkingCalendar, shape: &Shape, start: NaiveDate) -> Result<Timeline> {
    let days = Days(calendar);
    let jitter = i64::from(shape.jitter % 30);
    let mut t = Timeline::default();
    let created = t.push(days.next(Days::at(start, 0, 0)?, 9, 15 + jitter)?, Step::Create);
    if shape.end == End::CancelledDraft {
        t.push(days.on(created, 1, 11, jitter)?, Step::Cancel);
        return Ok(t);
    }
    let published = t.push(days.on(created, 1, 10, jitter)?, Step::Publish);
    let w = shape.bid_window;
    let closes_at = days.add(published, w)?;
    t.closes_at = Some(closes_at);
    let n = shape.quotes;
    for i in 0..n {
        let day = 1 + u16::try_from(i * usize::from(w) / n).map_err(|e| e.to_string())?;
        let (hour, minute) = (9 + (3 * i as i64) % 8, (17 * i as i64 + 7) % 60);
        t.push(days.on(published, day, hour, minute)?, Step::Quote(i));
    }
    for k in 0..shape.questions {
        let day = 1 + u16::try_from(k).map_err(|e| e.to_string())?;
        t.push(days.on(published, day, 14, 20 + k as i64)?, Step::Ask(k));
        t.push(days.on(published, day, 17, 5)?, Step::Answer(k));
    }
    if shape.requote {
        t.push(days.on(published, w, 18, 10)?, Step::Requote(0));
    }
    if shape.withdraw {
        t.push(days.on(published, w, 18, 40)?, Step::Withdraw(n - 1));
    }
    if shape.end == End::CancelledOpen {
        let cancelled = days.on(published, 2, 10, 30)?;
        t.steps.retain(|(at, _)| *at < cancelled);
        t.push(cancelled, Step::Cancel);
        return Ok(t);
    }
    t.push(closes_at + Duration::minutes(1), Step::Close);
    if matches!(shape.end, End::Failed | End::AwaitingChoice) {
        return Ok(t);
    }
    let selected = if shape.direct { t.push(days.next(closes_at, 10, 0)?, Step::Choose) } else { closes_at };
    let mut publicity_ends_at = days.add(selected, PUBLICITY_WORKING_DAYS)?;
    let mut settled = selected;
    if let Some(upheld) = shape.objection {
        let filed = t.push(days.next(selected + Duration::minutes(1), 11, 0)?, Step::Object);
        if shape.end == End::ObjectionPending {
            return Ok(t);
        }
        settled = t.push(days.on(filed, 2, 15, 0)?, Step::Decide);
        if upheld {
            // Upholding selects again, and a new publicity period runs from then.
            publicity_ends_at = days.add(settled, PUBLICITY_WORKING_DAYS)?;
            t.blacklisted_at = Some(t.push(days.on(settled, 3, 10, 0)?, Step::Blacklist));
        }
    }
    t.publicity_ends_at = Some(publicity_ends_at);
    if shape.end == End::Publicity {
        return Ok(t);
    }
    let proposed =
        t.push(days.next(publicity_ends_at.max(settled) + Duration::minutes(1), 10, 0)?, Step::Propose);
    let signed = t.push(days.on(proposed, 1, 9, 30)?, Step::Sign);
    let (fewest, most) = shape.promised;
    t.deadlines = Some((days.add(signed, fewest)?, days.add(signed, most)?));
    if shape.end == End::Contracted {
        return Ok(t);
    }
    t.push(signed + Duration::hours(2), Step::Start);
    if matches!(shape.end, End::InService | End::Overdue) {
        return Ok(t);
    }
    let delivered = if shape.late {
        t.push(days.on(signed, most + 2, 16, 0)?, Step::Deliver)
    } else if shape.returned {
        let first =
            fewest.checked_sub(3).filter(|d| *d > 0).ok_or("a returned delivery needs 4 days or more")?;
        let first = t.push(days.on(signed, first, 16, 0)?, Step::Deliver);
        let returned = t.push(days.on(first, 1, 10, 0)?, Step::Return);
        t.push(days.on(returned, 1, 16, 0)?, Step::Deliver)
    } else {
        t.push(days.on(signed, fewest.saturating_sub(1).max(1), 16, 0)?, Step::Deliver)
    };
    if shape.end == End::Delivered {
        return Ok(t);
    }
    let accepted = t.push(days.on(delivered, 2, 10, 0)?, Step::Accept);
    if shape.end == End::Accepted {
        return Ok(t);
    }
    t.push(days.on(accepted, 1, 15, 0)?, Step::Evaluate);
    Ok(t)
}
