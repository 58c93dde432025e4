//! `[hours]` in the configuration file, read into `OfficeHours` when the file is read, so
//! that a malformed entry stops startup with the field's name:
//!
//! ```toml
//! [hours]
//! monday = "08:30-17:15"        # each weekday: "HH:MM-HH:MM" or "closed"
//! saturday = "closed"
//! closed = ["2027-01-11"]       # national holidays and other closed days
//! closed_every_year = ["12-29", "12-30", "12-31", "01-01", "01-02", "01-03"]
//! [hours.tonight]               # said out of hours to a resident with nowhere safe tonight
//! ja = "夜間の緊急連絡先：…"
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{OfficeHours, Window, YEAR_END};
use crate::{i18n::Lang, jst};

const WEEKDAYS: [&str; 7] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HoursError {
    #[error("hours.{day}: {value:?} is neither \"HH:MM-HH:MM\" (opening before closing) nor \"closed\"")]
    Window { day: &'static str, value: String },
    #[error("hours.{field}: {value:?} is not a date like {example:?}")]
    Date { field: &'static str, value: String, example: &'static str },
    #[error("hours: no weekday is open, so no resident could be told when the office opens")]
    NeverOpen,
    #[error("hours.tonight: {0:?} is not a language tag (ja, ja-simple, pt-BR, vi)")]
    Lang(String),
    #[error("hours.tonight.{0}: the text is empty")]
    EmptyText(String),
}

/// The office hours and what residents are told about the night.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(try_from = "HoursFile")]
pub struct Hours {
    pub schedule: OfficeHours,
    /// Per language tag: what a resident with nowhere safe tonight is told when the office
    /// is closed (the night-time shelter contact, the on-call number). A language missing
    /// here falls back to `ja`, then to the locales' `tonight-default`.
    pub tonight: BTreeMap<String, String>,
}

impl Hours {
    /// The configured night-time text for `lang`, or for Japanese.
    pub fn tonight(&self, lang: Lang) -> Option<&str> {
        self.tonight.get(lang.tag()).or_else(|| self.tonight.get(Lang::JA.tag())).map(String::as_str)
    }
}

/// `[hours]` as written.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct HoursFile {
    sunday: String,
    monday: String,
    tuesday: String,
    wednesday: String,
    thursday: String,
    friday: String,
    saturday: String,
    closed: Vec<String>,
    closed_every_year: Vec<String>,
    tonight: BTreeMap<String, String>,
}

impl Default for HoursFile {
    fn default() -> Self {
        let open = || "08:30-17:15".to_owned();
        let closed = || "closed".to_owned();
        HoursFile {
            sunday: closed(),
            monday: open(),
            tuesday: open(),
            wednesday: open(),
            thursday: open(),
            friday: open(),
            saturday: closed(),
            closed: Vec::new(),
            closed_every_year: YEAR_END.iter().map(|(m, d)| format!("{m:02}-{d:02}")).collect(),
            tonight: BTreeMap::new(),
        }
    }
}

impl TryFrom<HoursFile> for Hours {
    type Error = HoursError;

    fn try_from(f: HoursFile) -> Result<Hours, HoursError> {
        let written = [&f.sunday, &f.monday, &f.tuesday, &f.wednesday, &f.thursday, &f.friday, &f.saturday];
        let mut week = [None; 7];
        for (i, value) in written.into_iter().enumerate() {
            week[i] = match value.trim() {
                "closed" => None,
                v => Some(Window::parse(v).ok_or(HoursError::Window { day: WEEKDAYS[i], value: value.clone() })?),
            };
        }
        if week.iter().all(Option::is_none) {
            return Err(HoursError::NeverOpen);
        }
        let closed = f.closed.iter().map(|v| closed_date(v)).collect::<Result<BTreeSet<_>, _>>()?;
        let closed_every_year = f.closed_every_year.iter().map(|v| yearly_date(v)).collect::<Result<_, _>>()?;
        for (tag, text) in &f.tonight {
            if Lang::from_tag(tag).is_none() {
                return Err(HoursError::Lang(tag.clone()));
            }
            if text.trim().is_empty() {
                return Err(HoursError::EmptyText(tag.clone()));
            }
        }
        Ok(Hours { schedule: OfficeHours { week, closed, closed_every_year }, tonight: f.tonight })
    }
}

/// `"2027-01-11"` → Japan's day number.
fn closed_date(v: &str) -> Result<i64, HoursError> {
    let err = || HoursError::Date { field: "closed", value: v.to_owned(), example: "2027-01-11" };
    if !v.trim().bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        return Err(err());
    }
    let mut parts = v.trim().splitn(3, '-');
    let (y, m, d) = (parts.next().ok_or_else(err)?, parts.next().ok_or_else(err)?, parts.next().ok_or_else(err)?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(err());
    }
    let (y, m, d) = (y.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?, d.parse().map_err(|_| err())?);
    jst::day_of(y, m, d).ok_or_else(err)
}

/// `"12-29"` → (month, day); any day some year has (`02-29` included).
fn yearly_date(v: &str) -> Result<(u32, u32), HoursError> {
    let err = || HoursError::Date { field: "closed_every_year", value: v.to_owned(), example: "12-29" };
    let (m, d) = v.trim().split_once('-').ok_or_else(err)?;
    if m.len() != 2 || d.len() != 2 || !m.bytes().chain(d.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(err());
    }
    let (m, d): (u32, u32) = (m.parse().map_err(|_| err())?, d.parse().map_err(|_| err())?);
    jst::day_of(2024, m, d).map(|_| (m, d)).ok_or_else(err)
}
