//! Dates and times in Japan (UTC+9, no daylight saving): case numbers and staff pages.
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
}
