//! Who is on call now, pure: the `[[alerts.on_call]]` entries, read into types when the
//! configuration is read (an error names the entry and the field), and the ones whose days
//! and hours, in Japan's time, include a given instant.
//!
//! ```toml
//! [[alerts.on_call]]            # weekday nights
//! id = "U0123456789abcdef0123456789abcdef"
//! days = ["mon", "tue", "wed", "thu", "fri"]
//! from = "17:15"                # over midnight: the night belongs to the day it starts
//! to = "08:30"
//! [[alerts.on_call]]            # weekends and holidays, all day
//! id = "C0123456789abcdef0123456789abcdef"
//! days = ["sat", "sun", "holiday"]
//! ```
//!
//! A day is its weekday and, when `[hours]` lists it closed (`closed`, `closed_every_year`),
//! also `holiday`: on a Monday holiday both the weekday-night entry and the holiday entry
//! hear of an escalation. Two people told of an alert nobody answered for half an hour is
//! better than none.

use serde::{Deserialize, Deserializer};

use crate::{config::is_line_chat_id, hours::OfficeHours, ids::ChatId, jst};

const DAY_MINUTES: u32 = 24 * 60;
const MINUTE_MS: i64 = 60_000;

/// The names `days` takes, Sunday first as `jst::weekday` counts, then `holiday`.
const DAY_NAMES: [(&str, &str); 8] = [
    ("sun", "sunday"),
    ("mon", "monday"),
    ("tue", "tuesday"),
    ("wed", "wednesday"),
    ("thu", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("holiday", "holiday"),
];
const HOLIDAY: u8 = 7;

/// One on-call entry: a LINE user, group or room, and when it is on call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnCall {
    pub id: ChatId,
    /// Bit `d` set: on call on weekday `d` (Sunday 0); bit 7: on holidays. All bits when
    /// the entry names no days.
    days: u8,
    /// Minutes after midnight, `from` ≤ t < `to`; `to` before `from` runs over midnight.
    /// `None`: the whole day.
    window: Option<(u32, u32)>,
}

impl OnCall {
    /// Whether this entry is on call at `now_ms`, with `hours` telling holidays.
    pub fn is_on_call(&self, hours: &OfficeHours, now_ms: i64) -> bool {
        let today = jst::day(now_ms);
        let minute = ((now_ms - jst::day_start(today)) / MINUTE_MS) as u32;
        match self.window {
            None => self.covers(hours, today),
            Some((from, to)) if from < to => self.covers(hours, today) && (from..to).contains(&minute),
            // Over midnight: this evening's night, or the tail of the one that began yesterday.
            Some((from, to)) => {
                (minute >= from && self.covers(hours, today)) || (minute < to && self.covers(hours, today - 1))
            }
        }
    }

    /// Whether the entry's days include Japan's day `day`.
    fn covers(&self, hours: &OfficeHours, day: i64) -> bool {
        let weekday = self.days & (1 << jst::weekday(day)) != 0;
        weekday || (self.days & (1 << HOLIDAY) != 0 && is_holiday(hours, day))
    }
}

/// A day `[hours]` lists as closed, as a holiday or every year (the year-end closure).
fn is_holiday(hours: &OfficeHours, day: i64) -> bool {
    let (_, m, d) = jst::date(jst::day_start(day));
    hours.closed.contains(&day) || hours.closed_every_year.contains(&(m, d))
}

/// The ids on call at `now_ms`, sorted, without repeats.
pub fn on_call_now(entries: &[OnCall], hours: &OfficeHours, now_ms: i64) -> Vec<ChatId> {
    let mut ids: Vec<ChatId> = entries.iter().filter(|e| e.is_on_call(hours, now_ms)).map(|e| e.id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// What is wrong with an entry, naming it (`alerts.on_call[1].from`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OnCallError {
    #[error("alerts.on_call[{0}].id: {1:?} is not a LINE user, group or room id (U, C or R and 32 hex digits)")]
    Id(usize, String),
    #[error("alerts.on_call[{0}].days: {1:?} is not one of mon, tue, wed, thu, fri, sat, sun, holiday")]
    Day(usize, String),
    #[error("alerts.on_call[{0}].days: no day is listed (leave days out for every day)")]
    NoDays(usize),
    #[error("alerts.on_call[{0}].{1}: {2:?} is not a time like \"17:15\"")]
    Time(usize, &'static str, String),
    #[error("alerts.on_call[{0}]: from and to are given together, or neither (the whole day)")]
    HalfWindow(usize),
    #[error("alerts.on_call[{0}]: from and to are the same time (leave both out for the whole day)")]
    EmptyWindow(usize),
}

/// `[[alerts.on_call]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OnCallFile {
    id: String,
    days: Option<Vec<String>>,
    from: Option<String>,
    to: Option<String>,
}

impl OnCallFile {
    fn parse(self, i: usize) -> Result<OnCall, OnCallError> {
        let id = ChatId::parse(self.id.trim())
            .ok()
            .filter(|id| is_line_chat_id(id.as_str()))
            .ok_or_else(|| OnCallError::Id(i, self.id.clone()))?;
        let days = match &self.days {
            None => u8::MAX,
            Some(names) if names.is_empty() => return Err(OnCallError::NoDays(i)),
            Some(names) => names.iter().try_fold(0u8, |bits, name| Ok(bits | 1 << day_bit(i, name)?))?,
        };
        let time = |field: &'static str, v: &String, up_to: u32| {
            minutes(v).filter(|m| *m <= up_to).ok_or_else(|| OnCallError::Time(i, field, v.clone()))
        };
        let window = match (&self.from, &self.to) {
            (None, None) => None,
            (Some(from), Some(to)) => Some((time("from", from, DAY_MINUTES - 1)?, time("to", to, DAY_MINUTES)?)),
            _ => return Err(OnCallError::HalfWindow(i)),
        };
        if window.is_some_and(|(from, to)| from == to) {
            return Err(OnCallError::EmptyWindow(i));
        }
        Ok(OnCall { id, days, window })
    }
}

/// The bit of a day's name in `OnCall::days`.
fn day_bit(i: usize, name: &str) -> Result<u8, OnCallError> {
    let lower = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .position(|(short, long)| lower == *short || lower == *long)
        .map(|p| p as u8)
        .ok_or_else(|| OnCallError::Day(i, name.to_owned()))
}

/// `"17:15"` or `"8:30"` → minutes after midnight, up to `24:00`.
fn minutes(s: &str) -> Option<u32> {
    let (h, m) = s.trim().split_once(':')?;
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && h * 60 + m <= DAY_MINUTES).then_some(h * 60 + m)
}

/// Reads `[[alerts.on_call]]` (`#[serde(deserialize_with)]`): each entry parsed, the
/// first error naming its index and field.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OnCall>, D::Error> {
    let written = Vec::<OnCallFile>::deserialize(d)?;
    written.into_iter().enumerate().map(|(i, f)| f.parse(i)).collect::<Result<_, _>>().map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests;
