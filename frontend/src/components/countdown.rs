//! Time left in a bid window: as a line of the needs list (to the minute, computed once) and as
//! the need page's live countdown (every second, stopped when the page goes).

use crate::i18n::text::Project as Text;
use crate::i18n::{use_i18n, I18n};
use crate::ui::now;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;

/// "2 d 3 h left", or with `seconds` the full "2 d 3 h 4 min 5 s left"; "closed" once past
/// (tracked: re-renders on a language switch).
pub fn remaining(i18n: I18n, closes_at: DateTime<Utc>, now: DateTime<Utc>, seconds: bool) -> String {
    let left = (closes_at - now).num_seconds();
    if left <= 0 {
        return i18n.fill(Text::Closed, &[]);
    }
    let (days, hours, minutes, secs) = (left / 86_400, left / 3_600 % 24, left / 60 % 60, left % 60);
    let [days, hours, minutes, secs] = [days, hours, minutes, secs].map(|n| n.to_string());
    let values = [("days", days.as_str()), ("hours", &hours), ("minutes", &minutes), ("seconds", &secs)];
    let key = match (seconds, days.as_str()) {
        (true, _) => Text::RemainingLive,
        (false, "0") => Text::RemainingHours,
        (false, _) => Text::RemainingDays,
    };
    i18n.fill(key, &values)
}

/// The time left until `closes_at`, ticking every second.
#[component]
pub fn Countdown(closes_at: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(move || clock.set(now()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <span class="countdown" data-testid="countdown" role="timer" aria-live="off">
            {move || remaining(i18n, closes_at, clock.get(), true)}
        </span>
    }
}
