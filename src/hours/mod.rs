//! Office hours: when the consultation centre is open, in Japan's time (no daylight saving),
//! from a window per weekday and the days it is closed (national holidays listed in the
//! configuration, and dates closed every year such as the year-end closure 12/29–1/3).
//! Pure: every question is asked about an instant given by the caller; no clock, no I/O.
//!
//! `[hours]` in the configuration (`settings`) is read into an `OfficeHours`.

mod settings;

use std::collections::BTreeSet;

pub use settings::{Hours, HoursError};

use crate::jst;

const MINUTE_MS: i64 = 60_000;
const DAY_MINUTES: u32 = 24 * 60;
/// How far ahead an opening is looked for: more than a year of closed days is a
/// configuration mistake, not a schedule.
const SEARCH_DAYS: i64 = 400;

/// The hours a day is open, in minutes after midnight: `open` ≤ t < `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub open: u32,
    pub close: u32,
}

impl Window {
    /// `"08:30-17:15"` (or `"8:30-17:15"`); the close may be `24:00`.
    pub fn parse(s: &str) -> Option<Window> {
        let (open, close) = s.trim().split_once('-')?;
        let (open, close) = (minutes(open)?, minutes(close)?);
        (open < close).then_some(Window { open, close })
    }

    /// `8:30`, as the locales write times.
    pub fn open_text(&self) -> String {
        clock_text(self.open)
    }
}

/// `"8:30"` or `"08:30"` → minutes after midnight, up to `24:00`.
fn minutes(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let t = h * 60 + m;
    (m < 60 && t <= DAY_MINUTES).then_some(t)
}

/// Minutes after midnight as `H:MM`.
pub fn clock_text(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The centre's opening hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeHours {
    /// Sunday first, as `jst::weekday` counts; `None` is closed all day.
    pub week: [Option<Window>; 7],
    /// Single closed days (Japan's day numbers, `jst::day`): national holidays, closures.
    pub closed: BTreeSet<i64>,
    /// (month, day) closed every year.
    pub closed_every_year: BTreeSet<(u32, u32)>,
}

impl Default for OfficeHours {
    /// The city's window: Monday to Friday 8:30–17:15, closed 12/29 to 1/3. National
    /// holidays change every year and are given in the configuration.
    fn default() -> Self {
        let weekday = Some(Window { open: 8 * 60 + 30, close: 17 * 60 + 15 });
        OfficeHours {
            week: [None, weekday, weekday, weekday, weekday, weekday, None],
            closed: BTreeSet::new(),
            closed_every_year: YEAR_END.into_iter().collect(),
        }
    }
}

/// The year-end and new-year closure of Japan's public offices, 12/29 to 1/3 (行政機関の休日
/// に関する法律, Article 1).
pub const YEAR_END: [(u32, u32); 6] = [(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)];

/// When the office opens next, as the resident is told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    pub at_ms: i64,
    pub month: u32,
    pub day: u32,
    /// Sunday 0 to Saturday 6.
    pub weekday: u32,
    /// Minutes after midnight.
    pub minutes: u32,
}

impl OfficeHours {
    /// The window of Japan's day `day`, unless the office is closed that day.
    fn window(&self, day: i64) -> Option<Window> {
        let (_, m, d) = jst::date(jst::day_start(day));
        if self.closed.contains(&day) || self.closed_every_year.contains(&(m, d)) {
            return None;
        }
        self.week[jst::weekday(day) as usize]
    }

    /// Minutes after midnight of `ms`, in Japan.
    fn minute_of_day(ms: i64) -> u32 {
        ((ms - jst::day_start(jst::day(ms))) / MINUTE_MS) as u32
    }

    /// Whether the office is open at `now_ms`.
    pub fn is_open(&self, now_ms: i64) -> bool {
        let t = Self::minute_of_day(now_ms);
        self.window(jst::day(now_ms)).is_some_and(|w| w.open <= t && t < w.close)
    }

    /// The first instant after `now_ms` at which the office opens (today's opening if it is
    /// still to come), skipping closed days; `None` if it never opens within a year.
    pub fn next_opening(&self, now_ms: i64) -> Option<Opening> {
        let today = jst::day(now_ms);
        (today..today + SEARCH_DAYS).find_map(|day| {
            let w = self.window(day)?;
            let at_ms = jst::day_start(day) + i64::from(w.open) * MINUTE_MS;
            (at_ms > now_ms).then(|| {
                let (_, month, d) = jst::date(at_ms);
                Opening { at_ms, month, day: d, weekday: jst::weekday(day), minutes: w.open }
            })
        })
    }

    /// The instant `minutes` of office time after `now_ms`: only minutes inside the hours
    /// count, so a deadline set on a Saturday afternoon runs from Monday's opening. `None`
    /// if the office does not open within a year.
    pub fn after_open_minutes(&self, now_ms: i64, minutes: u32) -> Option<i64> {
        let today = jst::day(now_ms);
        let mut left = i64::from(minutes);
        for day in today..today + SEARCH_DAYS {
            let Some(w) = self.window(day) else { continue };
            let start = jst::day_start(day);
            let from = (start + i64::from(w.open) * MINUTE_MS).max(now_ms);
            let until = start + i64::from(w.close) * MINUTE_MS;
            if from >= until {
                continue;
            }
            let open_here = (until - from) / MINUTE_MS;
            if left <= open_here {
                return Some(from + left * MINUTE_MS);
            }
            left -= open_here;
        }
        None
    }

    /// Today's closing time, if the office is open at `now_ms`.
    pub fn closes_today(&self, now_ms: i64) -> Option<i64> {
        if !self.is_open(now_ms) {
            return None;
        }
        let day = jst::day(now_ms);
        self.window(day).map(|w| jst::day_start(day) + i64::from(w.close) * MINUTE_MS)
    }

    /// The window shared by Monday to Friday when those are the only open days (the usual
    /// city office, said as "weekdays 8:30–17:15"); `None` for any other week.
    pub fn weekdays_window(&self) -> Option<Window> {
        let (weekend, weekdays) = (&[self.week[0], self.week[6]], &self.week[1..6]);
        let first = weekdays[0]?;
        (weekend.iter().all(Option::is_none) && weekdays.iter().all(|w| *w == Some(first))).then_some(first)
    }

    /// The shortest open day's hours, in minutes (`None` if no day is open).
    pub fn shortest_day_minutes(&self) -> Option<u32> {
        self.week.iter().flatten().map(|w| w.close - w.open).min()
    }

    /// The end of the `n`-th business day after today (today not counted, open or not): the
    /// latest instant "within `n` business days" of `now_ms` allows. `n` = 0 is the end of
    /// today's hours, or of the next business day when today is closed.
    pub fn business_days_after(&self, now_ms: i64, n: u32) -> Option<i64> {
        let today = jst::day(now_ms);
        let first = if n == 0 { today } else { today + 1 };
        let mut left = n.max(1);
        for day in first..first + SEARCH_DAYS {
            let Some(w) = self.window(day) else { continue };
            left -= 1;
            if left == 0 {
                return Some(jst::day_start(day) + i64::from(w.close) * MINUTE_MS);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
