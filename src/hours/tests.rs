//! Office hours: the table of the cases residents meet (a Friday night, a long weekend, the
//! year-end closure), the configuration's errors, and properties over many instants.

use super::*;
use crate::i18n::Lang;

/// An instant in Japan.
fn at(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + (hh * 60 + mm) * MINUTE_MS
}

/// The city's hours with the given national holidays.
fn city(holidays: &[&str]) -> OfficeHours {
    let dates: Vec<String> = holidays.iter().map(|h| format!("\"{h}\"")).collect();
    hours(&format!("closed = [{}]", dates.join(", "))).schedule
}

fn hours(toml_body: &str) -> Hours {
    #[derive(serde::Deserialize)]
    struct File {
        hours: Hours,
    }
    toml::from_str::<File>(&format!("[hours]\n{toml_body}")).map(|f| f.hours).unwrap()
}

fn hours_err(toml_body: &str) -> String {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct File {
        hours: Hours,
    }
    toml::from_str::<File>(&format!("[hours]\n{toml_body}")).unwrap_err().message().to_owned()
}

#[test]
fn the_next_opening_skips_nights_weekends_holidays_and_the_year_end() {
    let h = city(&["2027-01-11"]);
    let table = [
        ("Friday 23:00 → Monday", at(2026, 12, 4, 23, 0), at(2026, 12, 7, 8, 30), 1),
        ("Saturday before a Monday holiday → Tuesday", at(2027, 1, 9, 14, 0), at(2027, 1, 12, 8, 30), 2),
        ("on the holiday's evening → Tuesday", at(2027, 1, 11, 20, 0), at(2027, 1, 12, 8, 30), 2),
        ("12/28 evening → 1/4 (a Monday)", at(2026, 12, 28, 18, 0), at(2027, 1, 4, 8, 30), 1),
        ("12/28 evening → 1/4 (a Tuesday)", at(2027, 12, 28, 18, 0), at(2028, 1, 4, 8, 30), 2),
        ("12/28 evening, 1/4 a Saturday → Monday 1/6", at(2024, 12, 28, 18, 0), at(2025, 1, 6, 8, 30), 1),
        ("a weekday before opening → that morning", at(2026, 12, 7, 7, 0), at(2026, 12, 7, 8, 30), 1),
        ("closing time is closed → tomorrow", at(2026, 12, 7, 17, 15), at(2026, 12, 8, 8, 30), 2),
        ("inside hours → the next morning", at(2026, 12, 7, 10, 0), at(2026, 12, 8, 8, 30), 2),
    ];
    for (what, now, opens, weekday) in table {
        let o = h.next_opening(now).unwrap();
        assert_eq!(o.at_ms, opens, "{what}: {}", jst::datetime(o.at_ms));
        assert_eq!((o.weekday, o.minutes), (weekday, 8 * 60 + 30), "{what}");
        assert_eq!((jst::date(o.at_ms).1, jst::date(o.at_ms).2), (o.month, o.day), "{what}");
    }
}

#[test]
fn open_inside_the_weekday_window_only() {
    let h = city(&["2027-01-11"]);
    let table = [
        (at(2026, 12, 7, 10, 0), true, "Monday morning"),
        (at(2026, 12, 7, 8, 30), true, "opening time"),
        (at(2026, 12, 7, 8, 29), false, "a minute before"),
        (at(2026, 12, 7, 17, 14), true, "a minute before closing"),
        (at(2026, 12, 7, 17, 15), false, "closing time"),
        (at(2026, 12, 5, 10, 0), false, "Saturday"),
        (at(2026, 12, 6, 10, 0), false, "Sunday"),
        (at(2027, 1, 11, 10, 0), false, "a national holiday"),
        (at(2026, 12, 29, 10, 0), false, "year-end (a Tuesday)"),
        (at(2027, 1, 4, 10, 0), true, "the first working day"),
    ];
    for (now, open, what) in table {
        assert_eq!(h.is_open(now), open, "{what}");
    }
}

#[test]
fn business_days_count_open_days_after_today() {
    let h = city(&["2027-01-11"]);
    let friday = at(2026, 12, 4, 10, 0);
    assert_eq!(h.business_days_after(friday, 1), Some(at(2026, 12, 7, 17, 15)));
    assert_eq!(h.business_days_after(friday, 2), Some(at(2026, 12, 8, 17, 15)));
    assert_eq!(h.business_days_after(friday, 0), Some(at(2026, 12, 4, 17, 15)), "the end of today");
    let saturday = at(2027, 1, 9, 10, 0);
    assert_eq!(h.business_days_after(saturday, 0), Some(at(2027, 1, 12, 17, 15)));
    assert_eq!(h.business_days_after(saturday, 1), Some(at(2027, 1, 12, 17, 15)));
    assert_eq!(h.business_days_after(saturday, 2), Some(at(2027, 1, 13, 17, 15)));
    let year_end = at(2026, 12, 25, 16, 0);
    assert_eq!(h.business_days_after(year_end, 2), Some(at(2027, 1, 4, 17, 15)), "12/28, then 1/4");
}

/// A fixed sequence of instants over several years (a linear congruential generator).
fn instants(n: usize) -> impl Iterator<Item = i64> {
    let start = at(2024, 1, 1, 0, 0);
    let span = at(2029, 1, 1, 0, 0) - start;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n).map(move |_| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        start + ((x >> 11) % span as u64) as i64
    })
}

#[test]
fn the_next_opening_is_an_opening_with_nothing_open_before_it() {
    let h = city(&["2025-01-13", "2026-01-12", "2027-01-11", "2028-01-10", "2027-05-03", "2027-05-04"]);
    for now in instants(3000) {
        let o = h.next_opening(now).expect("opens within a year");
        assert!(o.at_ms > now);
        assert!(h.is_open(o.at_ms), "open at {}", jst::datetime(o.at_ms));
        assert!(!h.is_open(o.at_ms - 1), "opens at {}, not before", jst::datetime(o.at_ms));
        assert!(o.at_ms - now <= 10 * 86_400_000, "never more than ten days away: {}", jst::datetime(now));
        if !h.is_open(now) {
            // Closed from now until the opening: sampled every 5 minutes.
            let mut t = now;
            while t < o.at_ms {
                assert!(!h.is_open(t), "{} is open before {}", jst::datetime(t), jst::datetime(o.at_ms));
                t += 5 * MINUTE_MS;
            }
        }
        let (_, m, d) = jst::date(now);
        if h.is_open(now) {
            assert!(!YEAR_END.contains(&(m, d)) && (1..=5).contains(&jst::weekday(jst::day(now))));
        }
        let within = h.business_days_after(now, 2).unwrap();
        assert!(within > now && h.is_open(within - 1) && !h.is_open(within));
    }
}

#[test]
fn the_defaults_are_the_citys_window() {
    assert_eq!(hours("").schedule, OfficeHours::default());
    assert_eq!(Hours::default().schedule, OfficeHours::default());
    let h = OfficeHours::default();
    assert_eq!(h.week[1], Window::parse("08:30-17:15"));
    assert_eq!(h.week[0], None);
    assert_eq!(h.week[6], None);
    assert_eq!(h.next_opening(at(2026, 12, 30, 12, 0)).unwrap().at_ms, at(2027, 1, 4, 8, 30));
}

#[test]
fn a_configuration_gives_each_day_and_the_night_text() {
    let h = hours(
        "saturday = \"9:00-12:00\"\nfriday = \"closed\"\nclosed = [\"2027-01-11\"]\nclosed_every_year = []\n\
         [hours.tonight]\nja = \"夜間：0561-00-9999\"\nvi = \"Ban đêm: 0561-00-9999\"",
    );
    assert_eq!(h.schedule.week[6], Some(Window { open: 9 * 60, close: 12 * 60 }));
    assert_eq!(h.schedule.week[5], None);
    assert!(h.schedule.is_open(at(2026, 12, 29, 10, 0)), "no year-end closure configured");
    assert_eq!(h.tonight(Lang::VI), Some("Ban đêm: 0561-00-9999"));
    assert_eq!(h.tonight(Lang::PT_BR), Some("夜間：0561-00-9999"), "Japanese when a language is missing");
    assert_eq!(Hours::default().tonight(Lang::JA), None);
    assert_eq!(Window::parse("8:30-24:00"), Some(Window { open: 510, close: 1440 }));
    assert_eq!(Window { open: 510, close: 1440 }.open_text(), "8:30");
}

#[test]
fn a_malformed_entry_names_its_field() {
    let table = [
        ("monday = \"8:30\"", "hours.monday: \"8:30\" is neither"),
        ("tuesday = \"17:15-08:30\"", "hours.tuesday:"),
        ("sunday = \"9:60-10:00\"", "hours.sunday:"),
        ("friday = \"open\"", "hours.friday:"),
        ("closed = [\"2027-02-29\"]", "hours.closed: \"2027-02-29\" is not a date like \"2027-01-11\""),
        ("closed = [\"2027/01/11\"]", "hours.closed:"),
        ("closed = [\"27-01-11\"]", "hours.closed:"),
        ("closed_every_year = [\"12-32\"]", "hours.closed_every_year: \"12-32\""),
        ("closed_every_year = [\"+1-01\"]", "hours.closed_every_year:"),
        ("[hours.tonight]\nxx = \"x\"", "hours.tonight: \"xx\" is not a language tag"),
        ("[hours.tonight]\nja = \" \"", "hours.tonight.ja: the text is empty"),
        ("mon = \"08:30-17:15\"", "unknown field `mon`"),
    ];
    for (body, expected) in table {
        let e = hours_err(body);
        assert!(e.starts_with(expected) || e.contains(expected), "{body}: {e}");
    }
    let week = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    let closed_week = week.map(|d| format!("{d} = \"closed\"")).join("\n");
    assert!(hours_err(&closed_week).starts_with("hours: no weekday is open"));
}

#[test]
fn a_malformed_hours_section_stops_the_settings_file_with_line_and_field() {
    let text = "[centre]\nphone = \"0561-00-0000\"\n\n[hours]\nmonday = \"8:30 to 17:15\"\n";
    let e = crate::config::Settings::from_toml(text).unwrap_err();
    assert!(e.starts_with("line 4: hours.monday: \"8:30 to 17:15\" is neither"), "{e}");
    let s = crate::config::Settings::from_toml("[hours]\nclosed = [\"2027-01-11\"]\n").unwrap();
    assert!(!s.hours.schedule.is_open(at(2027, 1, 11, 10, 0)));
    assert!(crate::config::Settings::default().hours.schedule == OfficeHours::default());
}

#[test]
fn office_time_runs_only_while_the_office_is_open() {
    let h = city(&["2027-01-11"]);
    let table = [
        ("Saturday 14:53, 4 hours → Monday 12:30", at(2026, 12, 5, 14, 53), 240, at(2026, 12, 7, 12, 30)),
        ("Monday 10:00, 4 hours → the same afternoon", at(2026, 12, 7, 10, 0), 240, at(2026, 12, 7, 14, 0)),
        ("Monday 17:10, 1 hour → Tuesday 9:25", at(2026, 12, 7, 17, 10), 60, at(2026, 12, 8, 9, 25)),
        ("Monday 7:00, 1 hour → Monday 9:30", at(2026, 12, 7, 7, 0), 60, at(2026, 12, 7, 9, 30)),
        ("Friday 16:15, 2 hours → Monday 9:30", at(2026, 12, 4, 16, 15), 120, at(2026, 12, 7, 9, 30)),
        ("Saturday before a Monday holiday → Tuesday", at(2027, 1, 9, 14, 0), 60, at(2027, 1, 12, 9, 30)),
        ("12/28 16:00, 4 hours → 1/4 11:15", at(2026, 12, 28, 16, 0), 240, at(2027, 1, 4, 11, 15)),
        ("a whole day's hours end at its close", at(2026, 12, 7, 8, 30), 525, at(2026, 12, 7, 17, 15)),
    ];
    for (what, now, minutes, expected) in table {
        assert_eq!(h.after_open_minutes(now, minutes), Some(expected), "{what}");
    }
}

#[test]
fn today_closes_only_on_an_open_day_and_the_shortest_day_is_known() {
    let h = hours("saturday = \"09:00-12:00\"").schedule;
    assert_eq!(h.closes_today(at(2026, 12, 7, 10, 0)), Some(at(2026, 12, 7, 17, 15)));
    assert_eq!(h.closes_today(at(2026, 12, 7, 17, 15)), None, "closed at the closing minute");
    assert_eq!(h.closes_today(at(2026, 12, 6, 10, 0)), None, "Sunday");
    assert_eq!(h.shortest_day_minutes(), Some(180));
    assert_eq!(OfficeHours::default().shortest_day_minutes(), Some(525));
}
