//! Dates and times in Japan (UTC+9, no daylight saving): case numbers, staff pages and
//! office hours.
//! Hand-written: a fixed offset and two conversions do not need a time-zone crate.

const JST_MS: i64 = 9 * 3_600_000;

/// Milliseconds since the epoch → Japan's (year, month, day), Howard Hinnant's
/// `civil_from_days`.
pub fn date(now_ms: i64) -> (i64, u32, u32) {
    let days = (now_ms + JST_MS).div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `YYYY-MM-DD HH:MM` in Japan.
pub fn datetime(ms: i64) -> String {
    let (y, m, d) = date(ms);
    let minutes = (ms + JST_MS).div_euclid(60_000).rem_euclid(24 * 60);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// Japan's day number: days since 1970-01-01 in Japan.
pub fn day(ms: i64) -> i64 {
    (ms + JST_MS).div_euclid(86_400_000)
}

/// The instant Japan's day `day` begins.
pub fn day_start(day: i64) -> i64 {
    day * 86_400_000 - JST_MS
}

/// The day of the week of Japan's day `day`, Sunday 0 to Saturday 6 (1970-01-01 was a
/// Thursday).
pub fn weekday(day: i64) -> u32 {
    (day + 4).rem_euclid(7) as u32
}

/// The day number of a date, Howard Hinnant's `days_from_civil`; `None` for a date that
/// does not exist (2026-02-29).
pub fn day_of(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let y2 = y - i64::from(m <= 2);
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let day = era * 146_097 + doe - 719_468;
    (date(day_start(day)) == (y, m, d)).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_japans() {
        // 2026-11-23T15:30:00Z is already 2026-11-24 in Japan.
        assert_eq!(date(1_795_447_800_000), (2026, 11, 24));
        assert_eq!(datetime(1_795_447_800_000), "2026-11-24 00:30");
        assert_eq!(date(0), (1970, 1, 1));
        assert_eq!(datetime(0), "1970-01-01 09:00");
        // 2024-02-29T00:00:00+09:00
        assert_eq!(date(1_709_132_400_000), (2024, 2, 29));
    }

    #[test]
    fn day_numbers_weekdays_and_dates_agree() {
        assert_eq!(day_of(1970, 1, 1), Some(0));
        assert_eq!(weekday(0), 4);
        let d = day_of(2026, 12, 5).unwrap();
        assert_eq!(weekday(d), 6, "2026-12-05 is a Saturday");
        assert_eq!(date(day_start(d)), (2026, 12, 5));
        assert_eq!(day(day_start(d)), d);
        assert_eq!(day(day_start(d) - 1), d - 1);
        assert_eq!(day_of(2024, 2, 29).map(|d| date(day_start(d))), Some((2024, 2, 29)));
        for bad in [(2026, 2, 29), (2026, 13, 1), (2026, 0, 1), (2026, 4, 31), (2026, 1, 0)] {
            assert_eq!(day_of(bad.0, bad.1, bad.2), None, "{bad:?}");
        }
    }
}
