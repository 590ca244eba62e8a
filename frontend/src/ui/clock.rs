//! The browser's clock (chrono's own `now` is not available in the browser build): for
//! checking a form's time rules as it is typed — the server checks again against its own —
//! and for the time left in a bid window.

use chrono::{DateTime, Utc};

/// Now, by the browser.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
