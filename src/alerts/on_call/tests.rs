use serde::Deserialize;

use super::*;

#[derive(Deserialize)]
struct File {
    #[serde(deserialize_with = "deserialize")]
    on_call: Vec<OnCall>,
}

fn parse(toml_text: &str) -> Result<Vec<OnCall>, String> {
    toml::from_str::<File>(toml_text).map(|f| f.on_call).map_err(|e| e.message().to_owned())
}

const NIGHTS: &str = "U0000000000000000000000000000000a";
const WEEKENDS: &str = "C0000000000000000000000000000000b";
const ALWAYS: &str = "R0000000000000000000000000000000c";

/// Weekday nights, weekends and holidays all day, and one entry always on call.
fn entries() -> Vec<OnCall> {
    parse(&format!(
        "[[on_call]]\nid = \"{NIGHTS}\"\ndays = [\"mon\", \"tue\", \"wed\", \"thu\", \"Friday\"]\n\
         from = \"17:15\"\nto = \"8:30\"\n\
         [[on_call]]\nid = \"{WEEKENDS}\"\ndays = [\"sat\", \"sun\", \"holiday\"]\n"
    ))
    .unwrap()
}

/// Japan's `y-m-d` at `h:mm`, in ms.
fn at(y: i64, m: u32, d: u32, h: i64, min: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + (h * 60 + min) * MINUTE_MS
}

fn on_call(hours: &OfficeHours, now: i64) -> Vec<String> {
    on_call_now(&entries(), hours, now).into_iter().map(ChatId::into_string).collect()
}

#[test]
fn a_weekday_night_runs_from_the_evening_to_the_next_morning_and_belongs_to_the_day_it_starts() {
    let hours = OfficeHours::default();
    // 2026-12-07 is a Monday.
    for (d, h, m) in [(7, 17, 15), (7, 23, 59), (8, 0, 0), (8, 8, 29), (11, 21, 0)] {
        assert_eq!(on_call(&hours, at(2026, 12, d, h, m)), [NIGHTS], "12/{d} {h}:{m:02}");
    }
    // Not the day itself, and not Monday 03:00: Sunday night is no weekday night, and the
    // weekend entry's Sunday ended at midnight.
    for (d, h, m) in [(7, 17, 14), (8, 8, 30), (8, 12, 0), (7, 3, 0)] {
        assert!(on_call(&hours, at(2026, 12, d, h, m)).is_empty(), "12/{d} {h}:{m:02}");
    }
    // Friday night's tail on Saturday morning is Friday's; Saturday is the weekend's too.
    assert_eq!(on_call(&hours, at(2026, 12, 12, 3, 0)), [WEEKENDS, NIGHTS]);
}

#[test]
fn weekends_and_holidays_from_the_office_hours_are_covered_all_day() {
    let mut hours = OfficeHours::default();
    let coming_of_age_day = jst::day_of(2027, 1, 11).unwrap(); // a Monday
    hours.closed.insert(coming_of_age_day);
    assert_eq!(on_call(&hours, at(2026, 12, 5, 12, 0)), [WEEKENDS], "a Saturday noon");
    assert_eq!(on_call(&hours, at(2026, 12, 6, 0, 0)), [WEEKENDS], "a Sunday midnight");
    assert_eq!(on_call(&hours, at(2027, 1, 11, 12, 0)), [WEEKENDS], "a Monday holiday at noon");
    assert_eq!(
        on_call(&hours, at(2027, 1, 11, 21, 0)),
        [WEEKENDS, NIGHTS],
        "a Monday holiday's night is a weekday night and a holiday: both hear"
    );
    assert_eq!(on_call(&hours, at(2026, 12, 30, 10, 0)), [WEEKENDS], "the year-end closure (a Wednesday)");
    assert!(on_call(&hours, at(2027, 1, 12, 10, 0)).is_empty(), "the Tuesday after, in office hours");
}

#[test]
fn an_entry_without_days_or_hours_is_always_on_call_and_each_id_is_listed_once() {
    let mut all = entries();
    all.extend(parse(&format!("[[on_call]]\nid = \"{ALWAYS}\"\n[[on_call]]\nid = \"{NIGHTS}\"\n")).unwrap());
    let hours = OfficeHours::default();
    let ids = |now| on_call_now(&all, &hours, now).into_iter().map(ChatId::into_string).collect::<Vec<_>>();
    assert_eq!(ids(at(2026, 12, 8, 10, 0)), [ALWAYS, NIGHTS], "the second NIGHTS entry has no days or hours");
    assert_eq!(ids(at(2026, 12, 8, 22, 0)), [ALWAYS, NIGHTS], "on call twice, listed once");
}

#[test]
fn a_daytime_window_includes_its_start_and_not_its_end() {
    let entries = parse(&format!("[[on_call]]\nid = \"{ALWAYS}\"\nfrom = \"09:00\"\nto = \"24:00\"\n")).unwrap();
    let hours = OfficeHours::default();
    assert!(entries[0].is_on_call(&hours, at(2026, 12, 8, 9, 0)));
    assert!(entries[0].is_on_call(&hours, at(2026, 12, 8, 23, 59)));
    assert!(!entries[0].is_on_call(&hours, at(2026, 12, 8, 8, 59)));
}

#[test]
fn each_mistake_in_an_entry_names_the_entry_and_the_field() {
    let ok = format!("[[on_call]]\nid = \"{NIGHTS}\"\n");
    let cases = [
        (
            format!("{ok}[[on_call]]\nid = \"{NIGHTS}\"\nfrom = \"25:00\"\nto = \"08:30\"\n"),
            "alerts.on_call[1].from: \"25:00\" is not a time",
        ),
        (
            format!("{ok}[[on_call]]\nid = \"{NIGHTS}\"\nfrom = \"17:15\"\nto = \"8.30\"\n"),
            "alerts.on_call[1].to: \"8.30\" is not a time",
        ),
        (
            format!("[[on_call]]\nid = \"{NIGHTS}\"\nfrom = \"17:15\"\n"),
            "alerts.on_call[0]: from and to are given together",
        ),
        (
            format!("[[on_call]]\nid = \"{NIGHTS}\"\nfrom = \"17:15\"\nto = \"17:15\"\n"),
            "alerts.on_call[0]: from and to are the same",
        ),
        (
            format!("[[on_call]]\nid = \"{NIGHTS}\"\ndays = [\"sat\", \"weekend\"]\n"),
            "alerts.on_call[0].days: \"weekend\" is not one of",
        ),
        (format!("[[on_call]]\nid = \"{NIGHTS}\"\ndays = []\n"), "alerts.on_call[0].days: no day is listed"),
        ("[[on_call]]\nid = \"090-1234-5678\"\n".to_owned(), "alerts.on_call[0].id: \"090-1234-5678\" is not a LINE"),
    ];
    for (text, expected) in cases {
        let e = parse(&text).unwrap_err();
        assert!(e.starts_with(expected), "{e:?} should start with {expected:?}");
    }
    let e = parse(&format!("[[on_call]]\nid = \"{NIGHTS}\"\nhours = \"all\"\n")).unwrap_err();
    assert!(e.contains("hours"), "an unknown field is named: {e}");
}
