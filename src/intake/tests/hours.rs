//! What a resident is told once their case is sent, by the office hours: today, within the
//! business days, or when the office opens and, with nowhere safe tonight, what to do.

use super::*;
use crate::{hours::OfficeHours, jst};

/// An instant in Japan.
fn at(y: i64, m: u32, d: u32, hh: i64, mm: i64) -> i64 {
    jst::day_start(jst::day_of(y, m, d).unwrap()) + (hh * 60 + mm) * 60_000
}

/// A case sent in Japanese at `now`: sleeping in a car (urgent), or a home at risk.
fn sent_at(now: i64, hours: OfficeHours, no_safe_place: bool) -> Chat {
    sent_as(Lang::JA, now, hours, no_safe_place)
}

/// A case sent in `lang` at `now` with `hours`.
fn sent_as(lang: Lang, now: i64, hours: OfficeHours, no_safe_place: bool) -> Chat {
    let mut chat = Chat::new(Some(lang));
    chat.now = now;
    chat.hours = hours;
    if no_safe_place {
        complete_with_buttons(&mut chat);
    } else {
        complete_until(&mut chat, Step::Summary);
    }
    chat.tap("summary:send");
    assert_eq!(chat.conv.phase, Phase::CaseOpen);
    chat
}

#[test]
fn inside_the_hours_a_case_hears_today_or_the_business_days() {
    let monday = at(2026, 12, 7, 10, 0);
    let chat = sent_at(monday, OfficeHours::default(), false);
    assert_eq!(chat.ids(), vec!["sent"]);
    assert!(chat.all_text().contains("2日以内"), "{}", chat.all_text());
    let chat = sent_at(monday, OfficeHours::default(), true);
    assert_eq!(chat.ids(), vec!["sent-today"]);
    assert!(chat.all_text().contains("今日のうちに"), "{}", chat.all_text());
}

#[test]
fn on_a_friday_night_the_resident_hears_when_the_office_opens() {
    let friday_night = at(2026, 12, 4, 23, 0);
    let chat = sent_at(friday_night, OfficeHours::default(), false);
    assert_eq!(chat.ids(), vec!["sent-closed"]);
    let text = chat.all_text();
    assert!(text.contains("12月7日（月） 8:30 に開きます") && text.contains("2日以内"), "{text}");
    assert!(!text.contains("今日"), "{text}");
}

#[test]
fn on_a_holiday_evening_a_resident_with_nowhere_safe_hears_the_opening_and_tonight() {
    let mut hours = OfficeHours::default();
    hours.closed.insert(jst::day_of(2027, 1, 11).unwrap());
    let chat = sent_at(at(2027, 1, 11, 20, 0), hours, true);
    assert_eq!(chat.ids(), vec!["sent-closed-urgent", render::TONIGHT, "sent-emergency-again"]);
    let text = chat.all_text();
    assert!(text.contains("1月12日（火） 8:30 に開きます"), "{text}");
    assert!(text.contains("窓口が開いている時間は、電話でも相談できます") && text.contains("警察：110"), "{text}");
}

#[test]
fn asking_for_a_person_at_night_says_when_the_answer_can_come() {
    let mut chat = Chat::new(Some(Lang::JA));
    chat.now = at(2026, 12, 4, 23, 0);
    complete_until(&mut chat, Step::Topics);
    chat.tap("cmd:person");
    assert_eq!(chat.ids(), vec!["person-case-opened-closed"]);
    assert!(chat.all_text().contains("窓口が 12月7日（月） 8:30 に開いたら"), "{}", chat.all_text());
    let mut car = Chat::new(Some(Lang::JA));
    car.now = at(2026, 12, 4, 23, 0);
    car.text("こんにちは");
    for data in ["consent_record:yes", "consent_share:yes", "safety:no", "tonight:car", "cmd:person"] {
        car.tap(data);
    }
    assert_eq!(car.ids(), vec!["person-case-opened-closed", render::TONIGHT, "sent-emergency-again"]);
    let mut day = Chat::new(Some(Lang::JA));
    complete_until(&mut day, Step::Topics);
    day.tap("cmd:person");
    assert_eq!(day.ids(), vec!["person-case-opened"], "inside the hours, as before");
}

#[test]
fn the_opening_is_written_as_each_language_writes_dates_and_tonight_is_configurable() {
    let opens = Part::new("sent-closed-urgent")
        .arg("number", Arg::Text("261204-0001".into()))
        .arg(
            "date",
            Arg::Part(Box::new(
                Part::new("date-md")
                    .arg("month", Arg::Number(12))
                    .arg("day", Arg::Number(7))
                    .arg("weekday", Arg::Label("weekday-1")),
            )),
        )
        .arg("time", Arg::Text("8:30".into()));
    let out =
        Output { messages: vec![opens.into(), Msg { parts: vec![Part::new(render::TONIGHT)] }], ..Output::default() };
    let mut settings = Settings::default();
    let expected = [
        (Lang::JA, "12月7日（月） 8:30"),
        (Lang::JA_SIMPLE, "12月7日（月） 8:30に あきます"),
        (Lang::PT_BR, "segunda-feira, 7/12, às 8:30"),
        (Lang::VI, "lúc 8:30, Thứ Hai, ngày 7/12"),
    ];
    for (lang, date) in expected {
        let text = rendered_text(&settings, lang, &out);
        assert!(text.contains(date), "{}: {text}", lang.tag());
    }
    settings.hours.tonight.insert("ja".into(), "夜間の緊急連絡先：0561-00-9999".into());
    settings.hours.tonight.insert("vi".into(), "Số khẩn cấp ban đêm: 0561-00-9999".into());
    assert!(rendered_text(&settings, Lang::VI, &out).contains("Số khẩn cấp ban đêm"));
    assert!(rendered_text(&settings, Lang::PT_BR, &out).contains("夜間の緊急連絡先"), "Japanese when missing");
}

fn rendered_text(settings: &Settings, lang: Lang, out: &Output) -> String {
    let renderer = Renderer { locales: locales(), settings };
    let messages = renderer.render(Some(lang), out).unwrap();
    messages.iter().map(|m| m.plain_text().to_owned()).collect::<Vec<_>>().join("\n")
}

/// A case sent in `lang` at `now` under the city's hours with 2027-01-11 (成人の日) closed:
/// sleeping in a car (urgent), or a home at risk.
fn sent_in(lang: Lang, now: i64, no_safe_place: bool) -> Chat {
    let mut hours = OfficeHours::default();
    hours.closed.insert(jst::day_of(2027, 1, 11).unwrap());
    sent_as(lang, now, hours, no_safe_place)
}

/// The opening as `lang` writes it: `weekday` Sunday 0.
fn opening_in(lang: Lang, month: u32, day: u32, weekday: usize) -> String {
    const JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
    const PT: [&str; 7] =
        ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"];
    const VI: [&str; 7] = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
    const EN: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::JA | Lang::JA_SIMPLE => format!("{month}月{day}日（{}） 8:30", JA[weekday]),
        Lang::PT_BR => format!("{}, {day}/{month}, às 8:30", PT[weekday]),
        Lang::VI => format!("lúc 8:30, {}, ngày {day}/{month}", VI[weekday]),
        Lang::EN => format!("{}, {} {day} at 8:30", EN[weekday], MONTHS[month as usize - 1]),
        other => panic!("no expected opening for {other}"),
    }
}

/// How each language promises "today" (and only then).
fn today_in(lang: Lang) -> &'static str {
    match lang {
        Lang::JA => "今日のうちに連絡します",
        Lang::JA_SIMPLE => "そして 今日 連絡（れんらく） します",
        Lang::PT_BR => "com você ainda hoje.",
        Lang::VI => "ngay trong hôm nay",
        Lang::EN => "contact you today.",
        other => panic!("no expected wording for {other}"),
    }
}

/// What, when, what a normal case hears, what an urgent case hears, and the opening they
/// are told (month, day, weekday).
type Moment = (&'static str, i64, &'static str, Vec<&'static str>, Option<(u32, u32, usize)>);

#[test]
fn at_each_moment_every_language_hears_the_same_truth_and_a_status_button() {
    const TONIGHT: &str = render::TONIGHT;
    let later = vec!["sent-later-urgent", TONIGHT, "sent-emergency-again"];
    let closed = vec!["sent-closed-urgent", TONIGHT, "sent-emergency-again"];
    #[rustfmt::skip]
    let moments: Vec<Moment> = vec![
        // what, when, a normal case hears, an urgent case hears, the opening they are told
        ("a weekday morning", at(2026, 12, 7, 9, 0), "sent", vec!["sent-today"], None),
        ("17:10, the office closing at 17:15", at(2026, 12, 7, 17, 10), "sent", later, Some((12, 8, 2))),
        ("a Friday night", at(2026, 12, 4, 23, 0), "sent-closed", closed.clone(), Some((12, 7, 1))),
        ("a Saturday afternoon", at(2026, 12, 5, 14, 53), "sent-closed", closed.clone(), Some((12, 7, 1))),
        ("the night of 12/31", at(2026, 12, 31, 22, 0), "sent-closed", closed.clone(), Some((1, 4, 1))),
        ("a national holiday's evening", at(2027, 1, 11, 20, 0), "sent-closed", closed, Some((1, 12, 2))),
    ];
    for (what, now, normal, urgent, opening) in moments {
        for lang in Lang::ALL {
            for no_safe_place in [false, true] {
                let chat = sent_in(lang, now, no_safe_place);
                let text = chat.all_text();
                let expected = if no_safe_place { urgent.clone() } else { vec![normal] };
                assert_eq!(chat.ids(), expected, "{what}, {}: {text}", lang.tag());
                let today = no_safe_place && opening.is_none();
                assert_eq!(text.contains(today_in(lang)), today, "'today' only when true: {what}, {text}");
                // A normal case at 17:10 hears the business days, not the opening.
                if let Some((month, day, weekday)) = opening.filter(|_| no_safe_place || normal != "sent") {
                    let date = opening_in(lang, month, day, weekday);
                    assert!(text.contains(&date), "{what}, {}: {date:?} in {text}", lang.tag());
                }
                assert_eq!(
                    chat.last.choices.iter().map(|c| c.data.as_str()).collect::<Vec<_>>(),
                    vec!["cmd:status"],
                    "{what}: how the case stands, one tap away"
                );
            }
        }
    }
}

#[test]
fn the_hours_residents_are_shown_come_from_the_hours_setting() {
    let sent = Output {
        messages: vec![Part::new("sent").arg("number", Arg::Text("261207-0001".into())).into()],
        ..Output::default()
    };
    let mut settings = Settings::default();
    assert!(rendered_text(&settings, Lang::JA, &sent).contains("窓口の受付時間：平日 8:30〜17:15"));
    let weekday = crate::hours::Window::parse("09:00-17:00");
    settings.hours.schedule.week = [None, weekday, weekday, weekday, weekday, weekday, None];
    assert!(rendered_text(&settings, Lang::PT_BR, &sent).contains("De segunda a sexta, das 9:00 às 17:00"));
    settings.hours.schedule.week[6] = crate::hours::Window::parse("09:00-12:00");
    let ja = rendered_text(&settings, Lang::JA, &sent);
    assert!(
        ja.contains("月 9:00〜17:00、火 9:00〜17:00") && ja.contains("、土 9:00〜12:00（祝日・年末年始を除く）"),
        "{ja}"
    );
    assert!(!ja.contains("平日"), "{ja}");
    let vi = rendered_text(&settings, Lang::VI, &sent);
    assert!(vi.contains("Thứ Bảy từ 9:00 đến 12:00 (nghỉ ngày lễ"), "{vi}");
    let plain = rendered_text(&settings, Lang::JA_SIMPLE, &sent);
    assert!(plain.contains("土曜日 9:00 から 12:00 まで"), "{plain}");
}
